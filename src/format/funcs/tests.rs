use super::*;
use serde_json::json;

fn c(name: &str, args: Vec<Value>) -> Result<Value, String> {
    call(name, args, false)
}

#[test]
fn podman_string_functions() {
    assert_eq!(c("upper", vec![json!("abc")]).unwrap(), json!("ABC"));
    assert_eq!(c("lower", vec![json!("ABC")]).unwrap(), json!("abc"));
    assert_eq!(
        c("title", vec![json!("hello wide-world x_y")]).unwrap(),
        json!("Hello Wide-World X_y")
    );
    assert_eq!(
        c("join", vec![json!(["a", "b"]), json!(",")]).unwrap(),
        json!("a,b")
    );
    assert_eq!(c("join", vec![json!(null), json!(",")]).unwrap(), json!(""));
    assert_eq!(
        c("split", vec![json!("a:b"), json!(":")]).unwrap(),
        json!(["a", "b"])
    );
    assert_eq!(
        c("split", vec![json!("ab"), json!("")]).unwrap(),
        json!(["a", "b"])
    );
    assert_eq!(
        c("truncate", vec![json!("abcdef"), json!(3)]).unwrap(),
        json!("abc")
    );
    assert_eq!(
        c("truncate", vec![json!("ab"), json!(3)]).unwrap(),
        json!("ab")
    );
    assert_eq!(
        c("truncate", vec![json!("é"), json!(1)]).unwrap(),
        json!("")
    );
    assert_eq!(
        c("pad", vec![json!("a"), json!(1), json!(2)]).unwrap(),
        json!(" a  ")
    );
    assert_eq!(
        c("pad", vec![json!(""), json!(1), json!(2)]).unwrap(),
        json!("")
    );
    assert_eq!(
        c("json", vec![json!({"a": [1, "x"]})]).unwrap(),
        json!(r#"{"a":[1,"x"]}"#)
    );
    assert!(c("join", vec![json!("a"), json!(",")])
        .unwrap_err()
        .contains("expected []string; got string"));
    assert_eq!(
        call("join", vec![json!("NAMES"), json!(",")], true).unwrap(),
        json!("NAMES")
    );
    assert!(c("truncate", vec![json!("a"), json!(-1)]).is_err());
    assert!(c("pad", vec![json!("a"), json!(10_000_000), json!(0)]).is_err());
}

#[test]
fn go_builtins() {
    assert_eq!(c("len", vec![json!([1, 2])]).unwrap(), json!(2));
    assert_eq!(c("len", vec![json!("héllo")]).unwrap(), json!(6));
    assert!(c("len", vec![json!(3)])
        .unwrap_err()
        .contains("len of type int"));
    assert_eq!(
        c("index", vec![json!({"a.b": "x"}), json!("a.b")]).unwrap(),
        json!("x")
    );
    assert_eq!(
        c("index", vec![json!({"a": "x"}), json!("zz")]).unwrap(),
        json!("")
    );
    assert_eq!(
        c("index", vec![json!({"a": 1}), json!("zz")]).unwrap(),
        json!(null)
    );
    assert_eq!(
        c("index", vec![json!(null), json!("zz")]).unwrap(),
        json!("")
    );
    assert_eq!(
        c("index", vec![json!([[1, 2]]), json!(0), json!(1)]).unwrap(),
        json!(2)
    );
    assert!(c("index", vec![json!([1]), json!(5)])
        .unwrap_err()
        .contains("index out of range: 5"));
    assert_eq!(
        c("slice", vec![json!("abcd"), json!(1), json!(3)]).unwrap(),
        json!("bc")
    );
    assert_eq!(
        c("slice", vec![json!([1, 2, 3]), json!(1)]).unwrap(),
        json!([2, 3])
    );
    assert!(c("slice", vec![json!("ab"), json!(3)]).is_err());
    assert!(c("slice", vec![json!("é"), json!(1)]).is_err());
    assert_eq!(c("not", vec![json!("")]).unwrap(), json!(true));
    assert_eq!(
        c("eq", vec![json!(1), json!(2), json!(1.0)]).unwrap(),
        json!(true)
    );
    assert_eq!(c("eq", vec![json!("a"), json!("b")]).unwrap(), json!(false));
    assert_eq!(c("ne", vec![json!(null), json!("b")]).unwrap(), json!(true));
    assert_eq!(c("lt", vec![json!(1), json!(2.5)]).unwrap(), json!(true));
    assert_eq!(c("ge", vec![json!("b"), json!("a")]).unwrap(), json!(true));
    assert!(c("eq", vec![json!("1"), json!(1)])
        .unwrap_err()
        .contains("incompatible types"));
    assert!(c("lt", vec![json!(true), json!(false)]).is_err());
    assert!(c("upper", vec![])
        .unwrap_err()
        .contains("wrong number of args for upper: want 1 got 0"));
    assert!(c("upper", vec![json!([1])])
        .unwrap_err()
        .contains("expected string"));
    assert_eq!(
        c("print", vec![json!("a"), json!(1), json!(2)]).unwrap(),
        json!("a1 2")
    );
    assert_eq!(
        c("printf", vec![json!("%s-%d"), json!("a"), json!(1)]).unwrap(),
        json!("a-1")
    );
    assert_eq!(
        c("html", vec![json!("<a href='x'>&</a>")]).unwrap(),
        json!("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
    );
    assert_eq!(
        c("js", vec![json!("a'b<=")]).unwrap(),
        json!("a\\'b\\u003C\\u003D")
    );
    assert_eq!(
        c("urlquery", vec![json!("a b&c")]).unwrap(),
        json!("a+b%26c")
    );
}

#[test]
fn truthiness() {
    for v in [
        json!(false),
        json!(0),
        json!(0.0),
        json!(""),
        json!(null),
        json!([]),
        json!({}),
    ] {
        assert!(!truth(&v), "{v}");
    }
    for v in [
        json!(true),
        json!(1),
        json!(-0.5),
        json!("x"),
        json!([0]),
        json!({"a": 0}),
    ] {
        assert!(truth(&v), "{v}");
    }
}
