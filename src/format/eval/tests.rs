use crate::format::Template;
use serde_json::{json, Value};

fn r(src: &str, data: Value) -> String {
    Template::parse(src)
        .unwrap_or_else(|e| panic!("{src}: {e}"))
        .render(&data)
        .unwrap_or_else(|e| panic!("{src}: {e}"))
}

fn rerr(src: &str, data: Value) -> String {
    Template::parse(src)
        .unwrap()
        .render(&data)
        .unwrap_err()
        .to_string()
}

#[test]
fn fields_and_chains() {
    let d = json!({"Repository": "quay.io/x", "Tag": "v1", "Config": {"Env": ["A=1", "B=2"]},
                       "Labels": {"foo": "bar", "a.b": "c"}});
    assert_eq!(r("{{.Repository}}:{{.Tag}}", d.clone()), "quay.io/x:v1");
    assert_eq!(r("{{.Config.Env}}", d.clone()), "[A=1 B=2]");
    assert_eq!(r("{{.Labels.foo}}", d.clone()), "bar");
    assert_eq!(r(r#"{{index .Labels "a.b"}}"#, d.clone()), "c");
    assert_eq!(
        r("{{.Missing}}|{{.Missing.Deeper}}", d.clone()),
        "<no value>|<no value>"
    );
    assert_eq!(r("{{.}}", json!("x")), "x");
    assert_eq!(
        r("{{$.Tag}}{{with .Config}}{{$.Tag}}{{end}}", d.clone()),
        "v1v1"
    );
    assert_eq!(r("{{(.Config).Env}}", d.clone()), "[A=1 B=2]");
    assert!(rerr("{{.Tag.X}}", d)
        .contains("executing at <.Tag.X>: can't evaluate field X in type string"));
}

#[test]
fn pipelines_and_functions() {
    let d = json!({"A": "abc", "B": 5, "Names": ["x", "y"], "Dangling": false});
    assert_eq!(r("{{.Names | json}}", d.clone()), r#"["x","y"]"#);
    assert_eq!(r("{{json .Names}}", d.clone()), r#"["x","y"]"#);
    assert_eq!(r("{{json .}}", json!({"a": 1})), r#"{"a":1}"#);
    assert_eq!(r(r#"{{printf "%s:%d" .A .B}}"#, d.clone()), "abc:5");
    assert_eq!(r(r#"{{printf "%-10s|" .A}}"#, d.clone()), "abc       |");
    assert_eq!(r(r#"{{.A | printf "%5s"}}"#, d.clone()), "  abc");
    assert_eq!(r(r#"{{join .Names ", " | upper}}"#, d.clone()), "X, Y");
    assert_eq!(r("{{len .Names}} {{index .Names 1}}", d.clone()), "2 y");
    assert_eq!(r("{{upper (index .Names 0)}}", d.clone()), "X");
    assert_eq!(
        r(r#"{{"lit"}} {{1.5}} {{true}} {{'a'}}"#, d.clone()),
        "lit 1.5 true 97"
    );
    assert_eq!(
        r(
            "{{and .A .B}} {{and .A .Dangling .B}} {{or .Dangling .B}} {{or 0 \"\"}}",
            d.clone()
        ),
        "5 false 5 "
    );
    assert_eq!(r("{{and .Dangling (index .Names 9)}}", d.clone()), "false");
    assert_eq!(
        r(
            "{{not .Dangling}} {{eq .B 5}} {{ne .A \"abc\"}} {{lt .B 10}}",
            d.clone()
        ),
        "true true false true"
    );
    assert_eq!(r("{{print .A .B}}|{{println .B}}", d.clone()), "abc5|5\n");
    assert!(rerr("{{index .Names 9}}", d.clone())
        .contains("error calling index: index out of range: 9"));
    assert!(rerr("{{upper}}", d).contains("wrong number of args for upper: want 1 got 0"));
}

#[test]
fn control_structures() {
    let d = json!({"Names": ["a", "b", "c"], "Dangling": true, "Empty": [], "M": {"z": 1, "a": 2}});
    assert_eq!(r("{{range .Names}}{{.}} {{end}}", d.clone()), "a b c ");
    assert_eq!(
        r("{{range $i, $e := .Names}}{{$i}}={{$e}},{{end}}", d.clone()),
        "0=a,1=b,2=c,"
    );
    assert_eq!(r("{{range $e := .Names}}{{$e}}{{end}}", d.clone()), "abc");
    assert_eq!(
        r("{{range $k, $v := .M}}{{$k}}:{{$v}} {{end}}", d.clone()),
        "a:2 z:1 "
    );
    assert_eq!(r("{{range .Empty}}x{{else}}none{{end}}", d.clone()), "none");
    assert_eq!(r("{{range .Nope}}x{{else}}none{{end}}", d.clone()), "none");
    assert_eq!(
        r(
            "{{range .Names}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}",
            d.clone()
        ),
        "a"
    );
    assert_eq!(
        r(
            "{{range .Names}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}",
            d.clone()
        ),
        "ac"
    );
    assert_eq!(r("{{if .Dangling}}x{{end}}", d.clone()), "x");
    assert_eq!(
        r(
            "{{if .Empty}}x{{else if .Dangling}}y{{else}}z{{end}}",
            d.clone()
        ),
        "y"
    );
    assert_eq!(
        r(
            "{{if .Empty}}x{{else if .Nope}}y{{else}}z{{end}}",
            d.clone()
        ),
        "z"
    );
    assert_eq!(r("{{with .M}}{{.a}}{{else}}no{{end}}", d.clone()), "2");
    assert_eq!(
        r(
            "{{with .Empty}}{{.}}{{else with .M}}{{.z}}{{end}}",
            d.clone()
        ),
        "1"
    );
    assert_eq!(r("{{with $x := .M.a}}{{$x}}{{end}}", d.clone()), "2");
    assert_eq!(
        r(
            "{{$x := 1}}{{if .Dangling}}{{$x = 2}}{{end}}{{$x}}",
            d.clone()
        ),
        "2"
    );
    assert_eq!(r("{{$n := len .Names}}{{$n}}", d.clone()), "3");
    assert!(rerr("{{range .Dangling}}{{end}}", d).contains("range can't iterate over true"));
}

#[test]
fn trim_and_comments() {
    let d = json!({"A": "a"});
    assert_eq!(r("x  {{- .A -}}  \n y", d.clone()), "xay");
    assert_eq!(r("x {{/* hidden */}} y", d.clone()), "x  y");
    assert_eq!(r("x {{- /* hidden */ -}} y", d), "xy");
}
