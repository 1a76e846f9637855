use super::super::lexer::{lex, TextRules};
use super::*;

fn parse_src(src: &str) -> Result<Vec<Node>, TemplateError> {
    let toks = lex(src, TextRules::default())?;
    parse(src, &toks)
}

fn err(src: &str) -> String {
    parse_src(src).unwrap_err().to_string()
}

#[test]
fn accepts_podman_examples() {
    for src in [
        "{{.Repository}}:{{.Tag}}",
        "{{json .}}",
        "{{range .Names}}{{.}} {{end}}",
        "{{if .Dangling}}x{{end}}",
        "{{.Config.Env}}",
        r#"{{index .Labels "a.b"}}"#,
        r#"{{printf "%-10s|" .A}}"#,
        "{{range $i, $e := .List}}{{$i}}={{$e}}{{end}}",
        "{{$x := .Foo}}{{$x}}{{$x = 1}}",
        "{{if .A}}a{{else if .B}}b{{else}}c{{end}}",
        "{{with $v := .A}}{{$v}}{{else with .B}}{{.}}{{end}}",
        "{{(.A).B | json}}",
        "{{range .L}}{{if .}}{{break}}{{end}}{{continue}}{{end}}",
    ] {
        parse_src(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    }
}

#[test]
fn rejects_bad_syntax() {
    assert!(err("{{lstrip .A}}").contains("function \"lstrip\" not defined"));
    assert!(err("{{if}}").contains("missing value for if"));
    assert!(err("{{end}}").contains("unexpected {{end}}"));
    assert!(err("{{else}}").contains("unexpected {{else}}"));
    assert!(err("{{if .A}}").contains("unexpected EOF"));
    assert!(err("{{if .A}}{{else}}{{else}}{{end}}").contains("expected end; found {{else}}"));
    assert!(err("{{$x}}").contains("undefined variable \"$x\""));
    assert!(err("{{$x = 1}}").contains("undefined variable \"$x\""));
    assert!(err("{{(.A}}").contains("unclosed left paren"));
    assert!(err("{{.A)}}").contains("unexpected \")\" in command"));
    assert!(err("{{.A | }}").contains("missing value for command"));
    assert!(err("{{}}").contains("missing value for command"));
    assert!(err("{{.A | .B}}").contains("non executable command in pipeline stage 2"));
    assert!(err("{{.A .B}}").contains("can't give argument to non-function .A"));
    assert!(err("{{nil}}").contains("nil is not a command"));
    assert!(err("{{break}}").contains("{{break}} outside {{range}}"));
    assert!(err("{{define \"x\"}}{{end}}").contains("not supported"));
    assert!(err("{{if $a, $b := .X}}{{end}}").contains("too many declarations in if"));
    assert!(err("{{json.A}}").contains("unexpected .A after term"));
    assert!(err("{{printf\"x\"}}").contains("unexpected"));
}

#[test]
fn variables_are_scoped_to_their_block() {
    assert!(err("{{if .A}}{{$x := 1}}{{end}}{{$x}}").contains("undefined variable"));
    assert!(err("{{range $e := .A}}{{end}}{{$e}}").contains("undefined variable"));
    parse_src("{{if $x := .A}}{{$x}}{{else}}{{$x}}{{end}}").unwrap();
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = format!("{{{{{}.A{}}}}}", "(".repeat(5000), ")".repeat(5000));
    assert!(err(&src).contains("nested too deeply"));
    let src = "{{if 1}}".repeat(5000);
    assert!(err(&src).contains("nested too deeply"));
}
