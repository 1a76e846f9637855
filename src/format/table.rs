//! Column alignment and column titles for tabular output.
//!
//! Podman writes tables through Go's `text/tabwriter` with minwidth 12, tabwidth 2,
//! padding 2, padchar ' ' and no flags; `align_columns` reproduces its output byte for
//! byte: a cell is text ended by a tab, the text after a line's last tab is not part of
//! any column and is never padded, and a column's width is set per block of adjacent
//! lines that have that column. (So a format ending in `\t` does leave trailing spaces,
//! as `podman images --format 'table {{.Tag}}\t'` does.)
//!
//! Column titles are Podman's: the field name split at case changes and upper-cased
//! (`CreatedAt` → `CREATED AT`), unless the command supplies its own.

const MIN_WIDTH: usize = 12;
const PADDING: usize = 2;

/// Aligns tab-separated cells as Go's text/tabwriter with minwidth 12, tabwidth 2,
/// padding 2, padchar ' ' (Podman's report writer); used for default tables too.
pub fn align_columns(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
    let widths = column_widths(&lines);
    let mut out = String::with_capacity(text.len() * 2);
    for (cells, widths) in lines.iter().zip(&widths) {
        for (j, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if let Some(&w) = widths.get(j) {
                let len = cell.chars().count();
                out.extend(std::iter::repeat_n(' ', w.saturating_sub(len)));
            }
        }
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Width of each terminated cell of each line. Column `c`'s width is shared by the
/// maximal run of adjacent lines that all have a terminated cell `c` (tabwriter's
/// column blocks; a run for column `c` never crosses a block boundary of column `c-1`
/// since having cell `c` terminated implies having cell `c-1` terminated).
fn column_widths(lines: &[Vec<&str>]) -> Vec<Vec<usize>> {
    let mut widths: Vec<Vec<usize>> = lines.iter().map(|l| vec![0; l.len() - 1]).collect();
    let max_cols = lines.iter().map(|l| l.len() - 1).max().unwrap_or(0);
    for c in 0..max_cols {
        let mut i = 0;
        while i < lines.len() {
            if lines[i].len() - 1 <= c {
                i += 1;
                continue;
            }
            let start = i;
            let mut width = MIN_WIDTH;
            while i < lines.len() && lines[i].len() - 1 > c {
                width = width.max(lines[i][c].chars().count() + PADDING);
                i += 1;
            }
            for w in &mut widths[start..i] {
                w[c] = width;
            }
        }
    }
    widths
}

/// Podman's default column title for a field: `CreatedAt` → `CREATED AT`.
pub(crate) fn title_for_field(field: &str) -> String {
    camel_split(field).join(" ").to_uppercase()
}

/// Splits at case changes like Go's fatih/camelcase: `HTTPServer` → `HTTP Server`,
/// `FieldA` → `Field A`, `Port80` → `Port 80`.
fn camel_split(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Lower,
        Upper,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_lowercase() {
            Class::Lower
        } else if c.is_uppercase() {
            Class::Upper
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = None;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if last == Some(k) => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = Some(k);
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_podman_images_header() {
        // `podman images --format 'table {{.Repository}}\t{{.Tag}}'` on an empty store.
        assert_eq!(align_columns("REPOSITORY\tTAG\n"), "REPOSITORY  TAG\n");
        // Podman 4.3 default `podman images` header and a row.
        assert_eq!(
            align_columns(
                "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n\
                 localhost/fmttest\tv1\t383769ece924\tLess than a second ago\t11.3 kB\n"
            ),
            "REPOSITORY         TAG         IMAGE ID      CREATED                 SIZE\n\
             localhost/fmttest  v1          383769ece924  Less than a second ago  11.3 kB\n"
        );
    }

    #[test]
    fn tabwriter_rules() {
        // Shorter than minwidth: padded to 12; longer: cell + 2.
        assert_eq!(
            align_columns("a\tb\nlonger-than-twelve\tc\n"),
            "a                   b\nlonger-than-twelve  c\n"
        );
        // Trailing tab: the last column is a real column and gets padded.
        assert_eq!(
            align_columns("REPOSITORY\tTAG\t\n"),
            "REPOSITORY  TAG         \n"
        );
        // Empty cells are padded too.
        assert_eq!(
            align_columns("TAG\t\tTAG\n"),
            "TAG                     TAG\n"
        );
        // Column blocks: a line without the column ends the block.
        assert_eq!(
            align_columns("aaaaaaaaaaaaaaaa\tx\nno tabs\nb\ty\n"),
            "aaaaaaaaaaaaaaaa  x\nno tabs\nb           y\n"
        );
        // No trailing newline is kept as is; widths count characters, not bytes.
        assert_eq!(align_columns("é\tx"), "é           x");
        assert_eq!(align_columns(""), "");
        assert_eq!(align_columns("\n\n"), "\n\n");
        // Nested blocks: column 1 only spans the lines that have it.
        assert_eq!(
            align_columns("a\tb\tc\na\tbbbbbbbbbbbbbbbbbb\na\tb\tc\n"),
            "a           b           c\na           bbbbbbbbbbbbbbbbbb\na           b           c\n"
        );
    }

    #[test]
    fn many_columns_do_not_overflow_the_stack() {
        let line = "x\t".repeat(100_000);
        assert!(align_columns(&line).len() > 100_000);
    }

    #[test]
    fn titles() {
        assert_eq!(title_for_field("ID"), "ID");
        assert_eq!(title_for_field("CreatedAt"), "CREATED AT");
        assert_eq!(title_for_field("RepoDigests"), "REPO DIGESTS");
        assert_eq!(title_for_field("FieldA"), "FIELD A");
        assert_eq!(title_for_field("Fieldb"), "FIELDB");
        assert_eq!(title_for_field("HTTPServer"), "HTTP SERVER");
        assert_eq!(title_for_field("Port80"), "PORT 80");
        assert_eq!(title_for_field(""), "");
    }
}
