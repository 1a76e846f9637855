//! Podman's `--format` handling for list commands (`images`, `ps`, ...): JSON output,
//! `table` formats with a title row and aligned columns, or one rendered line per row.
//!
//! Behaviour checked against Podman 4.3 (containers/common pkg/report):
//! - `json` or `{{json .}}` (optionally spaced) prints the rows as a JSON array indented
//!   by four spaces, `[]` when empty;
//! - only a literal `table ` prefix (with the space) makes a table: the title row is the
//!   template rendered against the column titles, then every row, all aligned. Bare
//!   `table` is not a table: like Podman it is plain text printed once per row;
//! - `\t` and `\n` typed on the command line become tab and newline, and in a table a
//!   space also separates cells; a newline is appended unless the format ends with one.
//!
//! Deliberate difference: Podman rewrites spaces and `\t` everywhere, even inside
//! string literals of actions (`{{printf "%s %s"}}` gets a tab); rpod rewrites only the
//! text between actions.

use super::lexer::TextRules;
use super::table::{align_columns, title_for_field};
use super::{Template, TemplateError};
use serde_json::{Map, Value};

/// Podman's `--format` handling for list commands: `json` → JSON array of the rows
/// (pretty, 4-space indent like podman); a `table ...` prefix → a header line (from
/// `headers`, field name → column title, e.g. "ID" → "IMAGE ID"; unknown fields:
/// upper-case with spaces before inner capitals) then rows, columns aligned;
/// otherwise one rendered line per row (a trailing newline added if the template has none).
pub fn render_rows(
    format: &str,
    rows: &[Value],
    headers: &[(&str, &str)],
) -> Result<String, TemplateError> {
    if is_json(format) {
        return Ok(pretty_json(rows));
    }
    if let Some(body) = format.strip_prefix("table ") {
        let rules = TextRules {
            unescape: true,
            spaces_to_tabs: true,
        };
        let tmpl = Template::parse_with(&with_newline(body), rules)?;
        let mut out = tmpl.render_mode(&header_row(rows, headers), true)?;
        for row in rows {
            out.push_str(&tmpl.render(row)?);
        }
        return Ok(align_columns(&out));
    }
    let rules = TextRules {
        unescape: true,
        spaces_to_tabs: false,
    };
    let tmpl = Template::parse_with(&with_newline(format), rules)?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&tmpl.render(row)?);
    }
    Ok(out)
}

/// Podman's `report.IsJSON`: `json`, `{{json .}}`, `{{ json }}`... with spaces around.
pub fn is_json(format: &str) -> bool {
    let f = format.trim();
    if f == "json" {
        return true;
    }
    let Some(inner) = f.strip_prefix("{{").and_then(|f| f.strip_suffix("}}")) else {
        return false;
    };
    let inner = inner.trim_start();
    let Some(rest) = inner.strip_prefix("json") else {
        return false;
    };
    let rest = rest.trim_start_matches(' ');
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.trim().is_empty()
}

fn pretty_json(rows: &[Value]) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let text = match serde::Serialize::serialize(rows, &mut ser) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => "[]".to_string(),
    };
    text + "\n"
}

/// Podman appends a newline unless the format (as typed) already ends with one.
fn with_newline(format: &str) -> String {
    if format.ends_with('\n') || format.ends_with("\\n") {
        format.to_string()
    } else {
        format!("{format}\n")
    }
}

/// The object the title row is rendered against: every field seen in the rows mapped
/// to its derived title, overridden by the command's own titles (upper-cased, as
/// Podman does). Fields seen nowhere are titled in header mode by the evaluator.
fn header_row(rows: &[Value], headers: &[(&str, &str)]) -> Value {
    let mut m = Map::new();
    for row in rows {
        if let Value::Object(o) = row {
            for k in o.keys() {
                if !m.contains_key(k) {
                    m.insert(k.clone(), Value::String(title_for_field(k)));
                }
            }
        }
    }
    for (field, title) in headers {
        m.insert(field.to_string(), Value::String(title.to_uppercase()));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HEADERS: &[(&str, &str)] = &[("ID", "IMAGE ID"), ("ReadOnly", "R/O")];

    fn rows() -> Vec<Value> {
        vec![
            json!({"Repository": "localhost/fmttest", "Tag": "v1", "ID": "383769ece924",
                   "Names": ["localhost/fmttest:v1"], "Size": 11331, "Dangling": false,
                   "Labels": {"a.b": "c"}}),
            json!({"Repository": "docker.io/library/alpine", "Tag": "latest", "ID": "aaaaaaaaaaaa",
                   "Names": ["alpine", "alp"], "Size": 7, "Dangling": true, "Labels": null}),
        ]
    }

    #[test]
    fn plain_format_one_line_per_row() {
        let out = render_rows("{{.Repository}}:{{.Tag}}", &rows(), HEADERS).unwrap();
        assert_eq!(
            out,
            "localhost/fmttest:v1\ndocker.io/library/alpine:latest\n"
        );
        let out = render_rows(r"{{.Tag}}\t{{.Size}}\n", &rows(), HEADERS).unwrap();
        assert_eq!(out, "v1\t11331\nlatest\t7\n");
        let out = render_rows("{{range .Names}}{{.}} {{end}}", &rows(), HEADERS).unwrap();
        assert_eq!(out, "localhost/fmttest:v1 \nalpine alp \n");
        // A right trim marker at the end swallows the appended newline, as in Podman.
        let out = render_rows("{{.Tag}} {{- /**/ -}}", &rows(), HEADERS).unwrap();
        assert_eq!(out, "v1latest");
        let out = render_rows("{{if .Dangling}}x{{end}}", &rows(), HEADERS).unwrap();
        assert_eq!(out, "\nx\n");
        let out = render_rows(r#"{{index .Labels "a.b"}}|"#, &rows(), HEADERS).unwrap();
        assert_eq!(out, "c|\n|\n");
        assert_eq!(render_rows("{{.Tag}}", &[], HEADERS).unwrap(), "");
    }

    #[test]
    fn table_format() {
        let out = render_rows(r"table {{.ID}}\t{{.Repository}}", &rows(), HEADERS).unwrap();
        assert_eq!(
            out,
            "IMAGE ID      REPOSITORY\n\
             383769ece924  localhost/fmttest\n\
             aaaaaaaaaaaa  docker.io/library/alpine\n"
        );
        // Spaces separate cells; unknown fields get derived titles; functions apply to titles.
        let out = render_rows(
            "table {{.Repository}}:{{.Tag}} {{.CreatedAt}} {{.Size | printf \"%6s\"}}",
            &rows()[..1],
            HEADERS,
        )
        .unwrap();
        assert_eq!(
            out,
            "REPOSITORY:TAG        CREATED AT    SIZE\n\
             localhost/fmttest:v1  <no value>  %!s(int=11331)\n"
        );
        // Podman 4.3 shows the header even with no rows.
        let out = render_rows(r"table {{.Repository}}\t{{.Tag}}", &[], HEADERS).unwrap();
        assert_eq!(out, "REPOSITORY  TAG\n");
        let out = render_rows(
            r"table {{.ReadOnly}}\t{{if .Dangling}}yes{{else}}no{{end}}",
            &rows(),
            HEADERS,
        )
        .unwrap();
        assert_eq!(out, "R/O         yes\n<no value>  no\n<no value>  yes\n");
        // Lists in the title row: join/range see the title, not an error.
        let out = render_rows(
            r#"table {{join .Names ","}}\t{{range .Names}}{{.}}{{end}}"#,
            &rows()[1..],
            HEADERS,
        )
        .unwrap();
        assert_eq!(out, "NAMES       NAMES\nalpine,alp  alpinealp\n");
        // Bare "table" is plain text, as in Podman.
        assert_eq!(
            render_rows("table", &rows(), HEADERS).unwrap(),
            "table\ntable\n"
        );
    }

    #[test]
    fn json_formats() {
        let r = vec![json!({"ID": "x", "Size": 1})];
        let expected = "[\n    {\n        \"ID\": \"x\",\n        \"Size\": 1\n    }\n]\n";
        assert_eq!(render_rows("json", &r, HEADERS).unwrap(), expected);
        assert_eq!(
            render_rows(" {{ json . }} ", &r, HEADERS).unwrap(),
            expected
        );
        assert_eq!(render_rows("{{json .}}", &r, HEADERS).unwrap(), expected);
        assert_eq!(render_rows("json", &[], HEADERS).unwrap(), "[]\n");
        assert!(is_json("{{json}}"));
        assert!(!is_json("{{json .ID}}"));
        assert!(!is_json("jsonx"));
        assert_eq!(render_rows("{{json .ID}}", &r, HEADERS).unwrap(), "\"x\"\n");
    }

    #[test]
    fn errors_are_reported() {
        let e = render_rows("{{.Repository", &rows(), HEADERS).unwrap_err();
        assert!(e.to_string().contains("unclosed action"), "{e}");
        let e = render_rows("table {{lstrip .A}}", &rows(), HEADERS).unwrap_err();
        assert!(
            e.to_string().contains("function \"lstrip\" not defined"),
            "{e}"
        );
        let e = render_rows("{{.Tag.Foo}}", &rows(), HEADERS).unwrap_err();
        assert!(
            e.to_string()
                .contains("can't evaluate field Foo in type string"),
            "{e}"
        );
    }
}
