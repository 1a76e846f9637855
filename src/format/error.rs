//! The one error type of `--format` handling, kept apart so every stage (lexer, parser,
//! evaluator) reports the same way: one line, Go-like (`template: format:1:7: ...`), saying where.

/// A `--format` template that could not be parsed or executed.
///
/// Line and column are 1-based and point into the template source as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The template text is malformed (unclosed action, unknown function, bad syntax...).
    #[error("template: format:{line}:{col}: {msg}")]
    Parse {
        line: usize,
        col: usize,
        msg: String,
    },
    /// The template is well formed but failed on this data (wrong argument type...).
    #[error("template: format:{line}:{col}: executing at <{near}>: {msg}")]
    Exec {
        line: usize,
        col: usize,
        near: String,
        msg: String,
    },
}

impl TemplateError {
    /// A parse error at byte offset `pos` of `src`.
    pub(crate) fn parse(src: &str, pos: usize, msg: impl Into<String>) -> Self {
        let (line, col) = line_col(src, pos);
        TemplateError::Parse {
            line,
            col,
            msg: one_line(&msg.into()),
        }
    }

    /// An execution error for the source text `src[pos..end]`.
    pub(crate) fn exec(src: &str, pos: usize, end: usize, msg: impl Into<String>) -> Self {
        let (line, col) = line_col(src, pos);
        let near = src.get(pos..end).unwrap_or("");
        TemplateError::Exec {
            line,
            col,
            near: one_line(near),
            msg: one_line(&msg.into()),
        }
    }
}

/// 1-based line and column (in characters) of byte offset `pos`.
fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &src[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Error messages stay on one line whatever the template or data held.
fn one_line(s: &str) -> String {
    s.replace('\r', "\\r").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_in_characters() {
        let e = TemplateError::parse("ab\ncé{{", 6, "unclosed action");
        assert_eq!(e.to_string(), "template: format:2:3: unclosed action");
    }

    #[test]
    fn messages_stay_on_one_line() {
        let e = TemplateError::exec("{{.A\n}}", 2, 5, "bad\nthing");
        assert_eq!(
            e.to_string(),
            "template: format:1:3: executing at <.A\\n>: bad\\nthing"
        );
    }

    #[test]
    fn out_of_range_positions_do_not_panic() {
        let e = TemplateError::parse("é", 1, "x");
        assert!(e.to_string().starts_with("template: format:1:1"));
        let e = TemplateError::exec("é", 1, 99, "x");
        assert!(e.to_string().contains("<>"));
    }
}
