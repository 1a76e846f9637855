//! Go's `fmt.Sprintf` for the `printf` template function: the verbs people use in
//! `--format` (`%s %d %v %q %t %x %X %o %b %c %e %f %g %%`), flags `-+# 0`, width and
//! precision (`%-20s`, `%5.2f`), with Go's in-band error markers (`%!d(string=x)`,
//! `%!s(MISSING)`, `%!(EXTRA ...)`) instead of failing, exactly as Go does.
//!
//! Deliberate leniency: a whole JSON number counts as an integer and any number may be
//! printed with a float verb, since JSON does not keep Go's int/float distinction.

use super::value_print::{as_int, format_e, format_f, format_g, sprint_one};
use serde_json::Value;

/// Widths and precisions beyond this are refused, as Go does, to bound output size.
const TOO_LARGE: usize = 1_000_000;

#[derive(Default, Clone, Copy)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    verb: char,
}

pub(crate) fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut next_arg = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                _ => break,
            }
            chars.next();
        }
        let mut bad = false;
        spec.width = number(&mut chars, &mut bad, &mut next_arg, args);
        if bad {
            out.push_str("%!(BADWIDTH)");
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut bad_prec = false;
            spec.prec = Some(number(&mut chars, &mut bad_prec, &mut next_arg, args).unwrap_or(0));
            if bad_prec {
                out.push_str("%!(BADPREC)");
                spec.prec = None;
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        spec.verb = verb;
        if verb == '%' {
            out.push('%');
            continue;
        }
        match args.get(next_arg) {
            None => out.push_str(&format!("%!{verb}(MISSING)")),
            Some(v) => out.push_str(&format_value(spec, v)),
        }
        next_arg += 1;
    }
    if next_arg < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args[next_arg..]
            .iter()
            .map(|a| format!("{}={}", type_name(a), sprint_one(a)))
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    out
}

/// A width or precision: digits or `*` (taken from the arguments).
fn number(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    bad: &mut bool,
    next_arg: &mut usize,
    args: &[Value],
) -> Option<usize> {
    if chars.peek() == Some(&'*') {
        chars.next();
        let v = args.get(*next_arg).and_then(as_int);
        *next_arg += 1;
        return match v {
            Some(n) if n.unsigned_abs() <= TOO_LARGE as u128 => Some(n.unsigned_abs() as usize),
            _ => {
                *bad = true;
                None
            }
        };
    }
    let mut n: Option<usize> = None;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        chars.next();
        let v = n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize);
        n = Some(v);
    }
    if n.is_some_and(|n| n > TOO_LARGE) {
        *bad = true;
        return None;
    }
    n
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(_) if as_int(v).is_some() => "int",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

fn format_value(spec: Spec, v: &Value) -> String {
    match v {
        Value::Array(a) if spec.verb != 'T' => {
            let parts: Vec<String> = a.iter().map(|e| format_value(spec, e)).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Object(m) if spec.verb != 'T' => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    let key = format_value(spec, &Value::String(k.clone()));
                    format!("{key}:{}", format_value(spec, &m[k]))
                })
                .collect();
            format!("map[{}]", parts.join(" "))
        }
        _ => match scalar(spec, v) {
            Some((body, numeric)) => pad(spec, body, numeric),
            None if v.is_null() => format!("%!{}(<nil>)", spec.verb),
            None => format!("%!{}({}={})", spec.verb, type_name(v), sprint_one(v)),
        },
    }
}

/// The formatted text of a scalar (and whether zero padding goes after a sign),
/// or `None` when the verb does not apply to the value.
fn scalar(spec: Spec, v: &Value) -> Option<(String, bool)> {
    let verb = spec.verb;
    if verb == 'T' {
        return Some((type_name(v).to_string(), false));
    }
    match v {
        Value::Null => (verb == 'v').then(|| ("<nil>".to_string(), false)),
        Value::Bool(b) => matches!(verb, 't' | 'v').then(|| (b.to_string(), false)),
        Value::String(s) => match verb {
            's' | 'v' => Some((truncate_runes(s, spec.prec), false)),
            'q' => Some((quote(&truncate_runes(s, spec.prec)), false)),
            'x' | 'X' => {
                let hex: String = s.bytes().map(|b| format!("{b:02x}")).collect();
                Some((if verb == 'X' { hex.to_uppercase() } else { hex }, false))
            }
            _ => None,
        },
        Value::Number(n) => {
            if let Some(i) = as_int(v) {
                if let Some(s) = int(spec, i) {
                    return Some((s, true));
                }
            }
            let f = n.as_f64()?;
            let s = match verb {
                'v' => format_g(f, spec.prec, false),
                'g' | 'G' => format_g(f, spec.prec, verb == 'G'),
                'e' | 'E' => format_e(f, spec.prec.unwrap_or(6), verb == 'E'),
                'f' | 'F' => format_f(f, spec.prec.unwrap_or(6)),
                _ => return None,
            };
            let sign = if spec.plus && !s.starts_with('-') {
                "+"
            } else if spec.space && !s.starts_with('-') {
                " "
            } else {
                ""
            };
            Some((format!("{sign}{s}"), true))
        }
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn int(spec: Spec, i: i128) -> Option<String> {
    let neg = i < 0;
    let u = i.unsigned_abs();
    let (mut digits, prefix) = match spec.verb {
        'd' | 'v' => (u.to_string(), ""),
        'b' => (format!("{u:b}"), if spec.sharp { "0b" } else { "" }),
        'o' => (format!("{u:o}"), if spec.sharp { "0" } else { "" }),
        'O' => (format!("{u:o}"), "0o"),
        'x' => (format!("{u:x}"), if spec.sharp { "0x" } else { "" }),
        'X' => (format!("{u:X}"), if spec.sharp { "0X" } else { "" }),
        'c' => return Some(char_of(i).to_string()),
        'q' => return Some(format!("'{}'", quote_char(char_of(i), '\''))),
        'U' => return Some(format!("U+{:04X}", u)),
        _ => return None,
    };
    if let Some(p) = spec.prec {
        if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let sign = if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    Some(format!("{sign}{prefix}{digits}"))
}

fn char_of(i: i128) -> char {
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}')
}

/// Pads to the width: spaces on the left, on the right with `-`, zeros after the sign
/// with `0` for numbers.
fn pad(spec: Spec, body: String, numeric: bool) -> String {
    let Some(width) = spec.width else {
        return body;
    };
    let len = body.chars().count();
    if len >= width {
        return body;
    }
    let fill = width - len;
    if spec.minus {
        return format!("{body}{}", " ".repeat(fill));
    }
    if spec.zero {
        if numeric && body.starts_with(['-', '+', ' ']) {
            return format!("{}{}{}", &body[..1], "0".repeat(fill), &body[1..]);
        }
        return format!("{}{body}", "0".repeat(fill));
    }
    format!("{}{body}", " ".repeat(fill))
}

fn truncate_runes(s: &str, prec: Option<usize>) -> String {
    match prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    }
}

/// Go's `strconv.Quote`.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        out.push_str(&quote_char(c, '"'));
    }
    out.push('"');
    out
}

fn quote_char(c: char, delim: char) -> String {
    match c {
        '\x07' => "\\a".into(),
        '\x08' => "\\b".into(),
        '\x0c' => "\\f".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        '\x0b' => "\\v".into(),
        '\\' => "\\\\".into(),
        c if c == delim => format!("\\{c}"),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("\\x{:02x}", c as u32),
        c if c.is_control() => {
            if (c as u32) < 0x10000 {
                format!("\\u{:04x}", c as u32)
            } else {
                format!("\\U{:08x}", c as u32)
            }
        }
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn f(format: &str, args: &[Value]) -> String {
        sprintf(format, args)
    }

    #[test]
    fn common_verbs() {
        assert_eq!(f("%s:%d", &[json!("repo"), json!(5)]), "repo:5");
        assert_eq!(f("%-10s|", &[json!("abc")]), "abc       |");
        assert_eq!(f("%10s|", &[json!("abc")]), "       abc|");
        assert_eq!(f("%.2s", &[json!("héllo")]), "hé");
        assert_eq!(
            f("%v %v", &[json!(["a", "b"]), json!({"k": 1})]),
            "[a b] map[k:1]"
        );
        assert_eq!(f("%q", &[json!("a\"b\n")]), "\"a\\\"b\\n\"");
        assert_eq!(f("%q", &[json!(["a", "b"])]), "[\"a\" \"b\"]");
        assert_eq!(f("%t", &[json!(true)]), "true");
        assert_eq!(
            f(
                "%05d|%-5d|%+d|%x|%X|%o|%b|%#x",
                &[
                    json!(42),
                    json!(42),
                    json!(42),
                    json!(255),
                    json!(255),
                    json!(8),
                    json!(5),
                    json!(255)
                ]
            ),
            "00042|42   |+42|ff|FF|10|101|0xff"
        );
        assert_eq!(f("%05d", &[json!(-42)]), "-0042");
        assert_eq!(f("%c%c", &[json!(72), json!(105)]), "Hi");
        assert_eq!(
            f(
                "%.2f %e %g %v",
                &[json!(4.56789), json!(1.5), json!(0.5), json!(2.5)]
            ),
            "4.57 1.500000e+00 0.5 2.5"
        );
        assert_eq!(f("%6.2f|", &[json!(4.56789)]), "  4.57|");
        assert_eq!(f("%d", &[json!(3.0)]), "3");
        assert_eq!(f("%.1f", &[json!(3)]), "3.0");
        assert_eq!(f("100%%", &[]), "100%");
        assert_eq!(f("%x", &[json!("hi")]), "6869");
        assert_eq!(f("%*d|", &[json!(4), json!(7)]), "   7|");
        assert_eq!(
            f("%T %T", &[json!("a"), json!([1])]),
            "string []interface {}"
        );
    }

    #[test]
    fn go_error_markers() {
        assert_eq!(f("%d", &[json!("x")]), "%!d(string=x)");
        assert_eq!(f("%s", &[json!(5)]), "%!s(int=5)");
        assert_eq!(f("%s", &[json!(null)]), "%!s(<nil>)");
        assert_eq!(f("%v", &[json!(null)]), "<nil>");
        assert_eq!(f("%s %s", &[json!("a")]), "a %!s(MISSING)");
        assert_eq!(
            f("%s", &[json!("a"), json!(1), json!("b")]),
            "a%!(EXTRA int=1, string=b)"
        );
        assert_eq!(f("abc%", &[]), "abc%!(NOVERB)");
        assert_eq!(f("%z", &[json!(true)]), "%!z(bool=true)");
        assert_eq!(f("%99999999999d", &[json!(1)]), "%!(BADWIDTH)1");
        assert_eq!(f("%.99999999999d", &[json!(1)]), "%!(BADPREC)1");
    }
}
