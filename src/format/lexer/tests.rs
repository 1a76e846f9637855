use super::*;

fn toks(src: &str) -> Vec<Tok> {
    lex(src, TextRules::default())
        .unwrap()
        .into_iter()
        .map(|t| t.tok)
        .collect()
}

fn err(src: &str) -> String {
    lex(src, TextRules::default()).unwrap_err().to_string()
}

#[test]
fn text_and_fields() {
    assert_eq!(
        toks("a{{.Repository}}:{{.Tag}}"),
        vec![
            Tok::Text("a".into()),
            Tok::Open,
            Tok::Field("Repository".into()),
            Tok::Close,
            Tok::Text(":".into()),
            Tok::Open,
            Tok::Field("Tag".into()),
            Tok::Close,
        ]
    );
}

#[test]
fn chains_have_no_space_before() {
    let t = lex("{{.A.B $x.C}}", TextRules::default()).unwrap();
    let spaces: Vec<bool> = t.iter().map(|t| t.space_before).collect();
    assert_eq!(spaces, vec![false, false, false, true, false, false]);
}

#[test]
fn trim_markers() {
    assert_eq!(
        toks("a  {{- .A -}}  b"),
        vec![
            Tok::Text("a".into()),
            Tok::Open,
            Tok::Field("A".into()),
            Tok::Close,
            Tok::Text("b".into()),
        ]
    );
    // Without the space, "-3" is a number.
    assert_eq!(
        toks("{{-3}}"),
        vec![Tok::Open, Tok::Num((-3).into()), Tok::Close]
    );
}

#[test]
fn comments_vanish() {
    assert_eq!(
        toks("a {{- /* x */ -}} b"),
        vec![Tok::Text("a".into()), Tok::Text("b".into())]
    );
    assert_eq!(toks("{{/* x */}}"), vec![]);
    assert!(err("{{/* x").contains("unclosed comment"));
    assert!(err("{{/* x */ }}").contains("comment ends before closing delimiter"));
}

#[test]
fn literals() {
    assert_eq!(
        toks(r#"{{"a\tb" `r\n` 'x' 1.5 0x10 true nil $ $v}}"#),
        vec![
            Tok::Open,
            Tok::Str("a\tb".into()),
            Tok::Str("r\\n".into()),
            Tok::Num(120.into()),
            Tok::Num(Number::from_f64(1.5).unwrap()),
            Tok::Num(16.into()),
            Tok::Bool(true),
            Tok::Nil,
            Tok::Var("$".into()),
            Tok::Var("$v".into()),
            Tok::Close,
        ]
    );
}

#[test]
fn normalisation_only_touches_text() {
    let rules = TextRules {
        unescape: true,
        spaces_to_tabs: true,
    };
    let t: Vec<Tok> = lex(r#"{{.A}} x\n{{printf "a b"}}"#, rules)
        .unwrap()
        .into_iter()
        .map(|t| t.tok)
        .collect();
    assert_eq!(t[3], Tok::Text("\tx\n".into()));
    assert_eq!(t[6], Tok::Str("a b".into()));
}

#[test]
fn errors() {
    assert!(err("{{.A").contains("unclosed action"));
    assert!(err("{{.A}").contains("unexpected \"}\" in operand"));
    assert!(err("{{\"abc}}").contains("unterminated quoted string"));
    assert!(err("{{`abc}}").contains("unterminated raw quoted string"));
    assert!(err("{{1x}}").contains("bad number syntax"));
    assert!(err("{{#}}").contains("bad character U+0023 '#'"));
    assert!(err("{{''}}").contains("malformed character constant"));
}
