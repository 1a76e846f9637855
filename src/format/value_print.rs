//! Prints JSON values the way Go's `fmt` prints the Go values Podman templates see, so
//! `{{.Names}}` shows `[a b]` and `{{.Labels}}` shows `map[k:v]`, not JSON.
//!
//! Choices: whole JSON numbers print as integers (`3`, never `3.0` or `3e+00`), since
//! Podman's numeric fields are integers; other floats print like Go's `%v`. JSON `null`
//! at the top of an action prints `<no value>` (Go's output for a missing map key);
//! nested inside an array or object it prints `<nil>`, as Go does.

use serde_json::{Number, Value};

/// Output of `{{pipeline}}` for this value.
pub(crate) fn print_action(v: &Value) -> String {
    if v.is_null() {
        "<no value>".to_string()
    } else {
        sprint_one(v)
    }
}

/// `fmt.Sprint(v)` for one value.
pub(crate) fn sprint_one(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// `fmt.Sprint(args...)`: spaces between operands when neither side is a string.
pub(crate) fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !a.is_string() && !args[i - 1].is_string() {
            out.push(' ');
        }
        write_value(&mut out, a);
    }
    out
}

/// `fmt.Sprintln(args...)`: always spaces, then a newline.
pub(crate) fn sprintln(args: &[Value]) -> String {
    let parts: Vec<String> = args.iter().map(sprint_one).collect();
    let mut out = parts.join(" ");
    out.push('\n');
    out
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_number(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_value(out, e);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_value(out, &m[k]);
            }
            out.push(']');
        }
    }
}

/// The value as an integer if it is a whole number (JSON `3`, `3.0`, `1e3`).
pub(crate) fn as_int(v: &Value) -> Option<i128> {
    let n = match v {
        Value::Number(n) => n,
        _ => return None,
    };
    if let Some(i) = n.as_i64() {
        return Some(i as i128);
    }
    if let Some(u) = n.as_u64() {
        return Some(u as i128);
    }
    let f = n.as_f64()?;
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21).then_some(f as i128)
}

pub(crate) fn format_number(n: &Number) -> String {
    if let Some(i) = as_int(&Value::Number(n.clone())) {
        return i.to_string();
    }
    format_g(n.as_f64().unwrap_or(0.0), None, false)
}

/// Go's `%g` (and `%v` for floats): shortest representation when `prec` is `None`.
pub(crate) fn format_g(f: f64, prec: Option<usize>, upper: bool) -> String {
    if let Some(s) = non_finite(f) {
        return s;
    }
    let (neg, digits, exp) = decimal_digits(f, prec);
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i64;
            let nd = digits.len() as i64;
            if p > nd && nd > exp {
                nd
            } else {
                p
            }
        }
    };
    let mut out = String::from(if neg { "-" } else { "" });
    if exp < -4 || exp >= eprec {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&exponent(exp, upper));
    } else {
        let dp = exp + 1;
        if dp <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-dp) as usize));
            out.push_str(&digits);
        } else if dp as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(dp as usize - digits.len()));
        } else {
            out.push_str(&digits[..dp as usize]);
            out.push('.');
            out.push_str(&digits[dp as usize..]);
        }
    }
    out
}

/// Go's `%e` with the given precision.
pub(crate) fn format_e(f: f64, prec: usize, upper: bool) -> String {
    if let Some(s) = non_finite(f) {
        return s;
    }
    let s = format!("{:.*e}", prec, f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    format!("{mant}{}", exponent(exp, upper))
}

/// Go's `%f` with the given precision.
pub(crate) fn format_f(f: f64, prec: usize) -> String {
    non_finite(f).unwrap_or_else(|| format!("{:.*}", prec, f))
}

fn non_finite(f: f64) -> Option<String> {
    if f.is_nan() {
        Some("NaN".into())
    } else if f.is_infinite() {
        Some(if f > 0.0 { "+Inf" } else { "-Inf" }.into())
    } else {
        None
    }
}

fn exponent(exp: i64, upper: bool) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{}{sign}{:02}", if upper { 'E' } else { 'e' }, exp.abs())
}

/// Significant digits (no trailing zeros) and decimal exponent of `|f|`.
fn decimal_digits(f: f64, prec: Option<usize>) -> (bool, String, i64) {
    let s = match prec {
        None => format!("{:e}", f.abs()),
        Some(p) => format!("{:.*e}", p.max(1) - 1, f.abs()),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (
        f.is_sign_negative() && f != 0.0,
        digits,
        exp.parse().unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_printing() {
        assert_eq!(print_action(&json!("a b")), "a b");
        assert_eq!(print_action(&json!(null)), "<no value>");
        assert_eq!(print_action(&json!(true)), "true");
        assert_eq!(print_action(&json!(11331)), "11331");
        assert_eq!(print_action(&json!(u64::MAX)), "18446744073709551615");
        assert_eq!(print_action(&json!(-5)), "-5");
        assert_eq!(print_action(&json!(3.0)), "3");
        assert_eq!(print_action(&json!(1.5)), "1.5");
        assert_eq!(print_action(&json!(["a", "b", 1])), "[a b 1]");
        assert_eq!(print_action(&json!([])), "[]");
        assert_eq!(print_action(&json!({"b": 1, "a": "x"})), "map[a:x b:1]");
        assert_eq!(print_action(&json!({})), "map[]");
        assert_eq!(
            print_action(&json!([null, {"k": [1, 2]}])),
            "[<nil> map[k:[1 2]]]"
        );
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(format_g(0.000012, None, false), "1.2e-05");
        assert_eq!(format_g(1234567.5, None, false), "1.2345675e+06");
        assert_eq!(format_g(123456.5, None, false), "123456.5");
        assert_eq!(format_g(-0.5, None, false), "-0.5");
        assert_eq!(format_g(1e300, None, false), "1e+300");
        assert_eq!(format_g(4.56789, Some(3), false), "4.57");
        assert_eq!(format_g(1.0, Some(3), false), "1");
        assert_eq!(format_g(1234.0, Some(2), true), "1.2E+03");
        assert_eq!(format_e(1.5, 6, false), "1.500000e+00");
        assert_eq!(format_e(-1234.5, 2, false), "-1.23e+03");
        assert_eq!(format_f(2.0 / 3.0, 2), "0.67");
        assert_eq!(format_f(f64::INFINITY, 2), "+Inf");
        assert_eq!(print_action(&json!(1e25)), "1e+25");
    }

    #[test]
    fn sprint_spacing() {
        assert_eq!(sprint(&[json!(1), json!(2), json!("a"), json!(3)]), "1 2a3");
        assert_eq!(sprintln(&[json!("a"), json!(1)]), "a 1\n");
        assert_eq!(sprint(&[]), "");
    }
}
