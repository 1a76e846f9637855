//! `--format` output: Go templates (`{{.Repository}}:{{.Tag}}`) and JSON, as Podman prints them.
//!
//! A small hand-written implementation of Go's `text/template` over `serde_json::Value`
//! rows, plus Podman's conventions around it (`json`, `table ...`, column titles, tabwriter
//! alignment). Stages: `lexer` → `parser` → tree (`ast`) → `eval`, with the
//! function library in `funcs`, Go value printing in `value_print` and `printf`,
//! and table layout in `table`; `rows` ties them together for list commands.
//!
//! Not supported: `define`/`template`/`block`, `call`, methods on values, range over
//! integers, Go's `printf` argument indexes (`%[1]s`). A field missing from a row prints
//! `<no value>` rather than failing as Podman's Go structs would.

mod ast;
mod error;
mod eval;
mod funcs;
mod lexer;
mod parser;
mod printf;
mod rows;
mod table;
mod value_print;

pub use error::TemplateError;
pub use rows::{is_json, render_rows};
pub use table::align_columns;

use lexer::TextRules;

/// A parsed Go text/template: parsed once, rendered per row.
#[derive(Debug, Clone)]
pub struct Template {
    src: String,
    nodes: Vec<ast::Node>,
}

impl Template {
    /// Parses `src` as Go's `template.Parse` would (no Podman normalisation).
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        Self::parse_with(src, TextRules::default())
    }

    pub(crate) fn parse_with(src: &str, rules: TextRules) -> Result<Template, TemplateError> {
        let toks = lexer::lex(src, rules)?;
        let nodes = parser::parse(src, &toks)?;
        Ok(Template {
            src: src.to_string(),
            nodes,
        })
    }

    /// Renders the template with `data` as dot (and `$`).
    pub fn render(&self, data: &serde_json::Value) -> Result<String, TemplateError> {
        self.render_mode(data, false)
    }

    /// `header`: render a table's title row (see `eval`).
    pub(crate) fn render_mode(
        &self,
        data: &serde_json::Value,
        header: bool,
    ) -> Result<String, TemplateError> {
        eval::render(&self.src, &self.nodes, data, header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Tiny deterministic generator, so the fuzz-ish test needs no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{-",
        " -}}",
        ".",
        ".A",
        ".B.C",
        "$",
        "$x",
        ":=",
        "=",
        "|",
        "(",
        ")",
        ",",
        " ",
        "\"s\"",
        "`r`",
        "'c'",
        "1",
        "-2",
        "3.5",
        "0x1f",
        "if",
        "else",
        "end",
        "range",
        "with",
        "break",
        "continue",
        "json",
        "printf",
        "index",
        "len",
        "and",
        "or",
        "eq",
        "lt",
        "not",
        "join",
        "split",
        "truncate",
        "pad",
        "slice",
        "\"%s %d %-5v %q %\"",
        "/*",
        "*/",
        "\\t",
        "\\n",
        "table ",
        "x",
        "é",
        "}",
        "{",
        "\"",
        "nil",
        "true",
        "\t",
        "\n",
        "define",
        "print",
        "html",
        "upper",
        "title",
        "$i, $e :=",
    ];

    #[test]
    fn never_panics_on_random_templates() {
        let data = json!({"A": ["a", 1, null, {"k": "v"}], "B": {"C": 2.5}, "S": "str"});
        let mut rng = Rng(0x9e3779b97f4a7c15);
        for _ in 0..20_000 {
            let n = (rng.next() % 12) as usize;
            let src: String = (0..n)
                .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
                .collect();
            if let Ok(t) = Template::parse(&src) {
                let _ = t.render(&data);
                let _ = t.render(&json!(null));
            }
            let _ = render_rows(&src, std::slice::from_ref(&data), &[("A", "AYE")]);
            let _ = align_columns(&src);
        }
    }

    #[test]
    fn never_panics_on_random_bytes() {
        let mut rng = Rng(42);
        let alphabet: Vec<char> = "{}.$|()\"'`-:=, \t\n/*aA0é\\%".chars().collect();
        for _ in 0..20_000 {
            let n = (rng.next() % 24) as usize;
            let src: String = (0..n)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect();
            if let Ok(t) = Template::parse(&src) {
                let _ = t.render(&json!({"a": [1, 2]}));
            }
        }
    }

    #[test]
    fn error_messages_are_one_line_and_say_where() {
        let e = Template::parse("ab\n{{.A | nope}}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "template: format:2:8: function \"nope\" not defined"
        );
        let e = Template::parse("{{.A").unwrap_err();
        assert_eq!(e.to_string(), "template: format:1:1: unclosed action");
        let e = Template::parse("{{if .A}}x{{end}}}{{.B}").unwrap_err();
        assert!(e.to_string().contains("unexpected \"}\" in operand"), "{e}");
        let e = Template::parse("x\n  {{len 3}}")
            .unwrap()
            .render(&json!({}))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "template: format:2:5: executing at <len>: error calling len: len of type int"
        );
    }
}
