//! The functions a `--format` template may call: exactly the set Podman 4.3 offers
//! (Go's builtins plus containers/common's `json`, `upper`, `lower`, `title`, `join`,
//! `split`, `truncate`, `pad`). Anything else is a parse error, as in Podman.
//! `and`/`or` short-circuit, so the evaluator runs them; they are only listed here.
//!
//! In header mode (rendering a `table` format's title row, where every field is its
//! column title) functions that need a list or map accept the title string instead,
//! where Podman would fail, so `table {{join .Names ","}}` still gets a header.

use super::printf::{sprintf, type_name};
use super::value_print::{as_int, sprint, sprint_one, sprintln};
use serde_json::Value;
use std::cmp::Ordering;

const NAMES: &[&str] = &[
    "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "slice", "print",
    "println", "printf", "html", "js", "urlquery", "json", "upper", "lower", "title", "join",
    "split", "truncate", "pad",
];

/// Longest string `pad` will build, to keep a bad template from exhausting memory.
const MAX_PAD: i128 = 1_000_000;

pub(crate) fn exists(name: &str) -> bool {
    NAMES.contains(&name)
}

/// Go's truth: false, 0, "", null and empty collections are false.
pub(crate) fn truth(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// Calls `name` (never `and`/`or`) with evaluated arguments; errors are the message only.
pub(crate) fn call(name: &str, args: Vec<Value>, header: bool) -> Result<Value, String> {
    let want = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "wrong number of args for {name}: want {n} got {}",
                args.len()
            ))
        }
    };
    let at_least = |n: usize| -> Result<(), String> {
        if args.len() >= n {
            Ok(())
        } else {
            Err(format!(
                "wrong number of args for {name}: want at least {n} got {}",
                args.len()
            ))
        }
    };
    let s = |v: &Value| -> Result<String, String> { string_arg(v) };
    Ok(match name {
        "not" => {
            want(1)?;
            Value::Bool(!truth(&args[0]))
        }
        "eq" => {
            at_least(1)?;
            if args.len() == 1 {
                return Err("missing argument for comparison".into());
            }
            let mut any = false;
            for b in &args[1..] {
                any |= compare(&args[0], b, true)? == Ordering::Equal;
            }
            Value::Bool(any)
        }
        "ne" | "lt" | "le" | "gt" | "ge" => {
            want(2)?;
            let ord = compare(&args[0], &args[1], name == "ne")?;
            Value::Bool(match name {
                "ne" => ord != Ordering::Equal,
                "lt" => ord == Ordering::Less,
                "le" => ord != Ordering::Greater,
                "gt" => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            })
        }
        "len" => {
            want(1)?;
            let n = match &args[0] {
                Value::String(s) => s.len(),
                Value::Array(a) => a.len(),
                Value::Object(m) => m.len(),
                Value::Null => 0,
                v => return Err(format!("error calling len: len of type {}", type_name(v))),
            };
            Value::from(n)
        }
        "index" => {
            at_least(1)?;
            let mut v = args[0].clone();
            for key in &args[1..] {
                v = index(&v, key, header).map_err(|e| format!("error calling index: {e}"))?;
            }
            v
        }
        "slice" => {
            at_least(1)?;
            slice(&args[0], &args[1..]).map_err(|e| format!("error calling slice: {e}"))?
        }
        "print" => Value::String(sprint(&args)),
        "println" => Value::String(sprintln(&args)),
        "printf" => {
            at_least(1)?;
            Value::String(sprintf(&s(&args[0])?, &args[1..]))
        }
        "html" => Value::String(html(&escaper_text(&args))),
        "js" => Value::String(js(&escaper_text(&args))),
        "urlquery" => Value::String(urlquery(&escaper_text(&args))),
        "json" => {
            want(1)?;
            Value::String(serde_json::to_string(&args[0]).map_err(|e| e.to_string())?)
        }
        "upper" => {
            want(1)?;
            Value::String(s(&args[0])?.to_uppercase())
        }
        "lower" => {
            want(1)?;
            Value::String(s(&args[0])?.to_lowercase())
        }
        "title" => {
            want(1)?;
            Value::String(title(&s(&args[0])?))
        }
        "join" => {
            want(2)?;
            let sep = s(&args[1])?;
            match &args[0] {
                Value::Array(a) => {
                    Value::String(a.iter().map(sprint_one).collect::<Vec<_>>().join(&sep))
                }
                Value::Null => Value::String(String::new()),
                Value::String(t) if header => Value::String(t.clone()),
                v => return Err(wrong_type("[]string", v)),
            }
        }
        "split" => {
            want(2)?;
            let text = s(&args[0])?;
            if header {
                return Ok(Value::String(text));
            }
            let sep = s(&args[1])?;
            let parts: Vec<Value> = if sep.is_empty() {
                text.chars().map(|c| Value::String(c.to_string())).collect()
            } else {
                text.split(sep.as_str())
                    .map(|p| Value::String(p.to_string()))
                    .collect()
            };
            Value::Array(parts)
        }
        "truncate" => {
            want(2)?;
            let text = s(&args[0])?;
            let n = int_arg(&args[1])?;
            if n < 0 {
                return Err(format!("error calling truncate: negative length {n}"));
            }
            let mut cut = (n as usize).min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            Value::String(text[..cut].to_string())
        }
        "pad" => {
            want(3)?;
            let text = s(&args[0])?;
            let (pre, post) = (int_arg(&args[1])?, int_arg(&args[2])?);
            if !(0..=MAX_PAD).contains(&pre) || !(0..=MAX_PAD).contains(&post) {
                return Err("error calling pad: padding out of range".into());
            }
            if text.is_empty() {
                Value::String(text)
            } else {
                Value::String(format!(
                    "{}{text}{}",
                    " ".repeat(pre as usize),
                    " ".repeat(post as usize)
                ))
            }
        }
        _ => return Err(format!("function {name:?} not defined")),
    })
}

fn wrong_type(expected: &str, v: &Value) -> String {
    format!(
        "wrong type for value; expected {expected}; got {}",
        type_name(v)
    )
}

/// A string parameter; scalars are accepted and printed (JSON loses Go's types).
fn string_arg(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        Value::Bool(_) | Value::Number(_) => Ok(sprint_one(v)),
        _ => Err(wrong_type("string", v)),
    }
}

fn int_arg(v: &Value) -> Result<i128, String> {
    as_int(v).ok_or_else(|| wrong_type("int", v))
}

/// Ordering for `eq`/`lt`/...: numbers by value, strings bytewise, bools and null
/// only for (in)equality.
fn compare(a: &Value, b: &Value, equality: bool) -> Result<Ordering, String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(i), Some(j)) = (as_int(a), as_int(b)) {
                return Ok(i.cmp(&j));
            }
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            Ok(x.partial_cmp(&y).unwrap_or(Ordering::Less))
        }
        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) if equality => Ok(x.cmp(y)),
        (Value::Null, Value::Null) if equality => Ok(Ordering::Equal),
        (Value::Null, _) | (_, Value::Null) if equality => Ok(Ordering::Less),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
            Err(format!(
                "error calling comparison: non-comparable type {}",
                type_name(a)
            ))
        }
        _ if equality => Err("error calling eq: incompatible types for comparison".into()),
        _ => Err("error calling comparison: invalid type for comparison".into()),
    }
}

/// One step of `index`. A missing map key gives the zero value of the map's element
/// type as Go would for Podman's `map[string]string` labels: `""` when every value is a
/// string (or the map is empty or null), otherwise no value.
fn index(v: &Value, key: &Value, header: bool) -> Result<Value, String> {
    match (v, key) {
        (Value::Object(m), Value::String(k)) => Ok(match m.get(k) {
            Some(e) => e.clone(),
            None if m.values().all(Value::is_string) => Value::String(String::new()),
            None => Value::Null,
        }),
        (Value::Null, Value::String(_)) => Ok(Value::String(String::new())),
        (Value::String(s), _) if header => Ok(Value::String(s.clone())),
        (Value::Array(a), k) => {
            let i = as_int(k)
                .ok_or_else(|| format!("cannot index slice/array with type {}", type_name(k)))?;
            usize::try_from(i)
                .ok()
                .and_then(|i| a.get(i))
                .cloned()
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        (Value::String(s), k) => {
            let i = as_int(k)
                .ok_or_else(|| format!("cannot index string with type {}", type_name(k)))?;
            usize::try_from(i)
                .ok()
                .and_then(|i| s.as_bytes().get(i))
                .map(|b| Value::from(*b))
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        (Value::Object(_), k) => Err(format!("value has type {}; should be string", type_name(k))),
        (Value::Null, _) => Err("index of untyped nil".into()),
        (v, _) => Err(format!("can't index item of type {}", type_name(v))),
    }
}

fn slice(v: &Value, idx: &[Value]) -> Result<Value, String> {
    if idx.len() > 2 {
        return Err("too many slice indexes".into());
    }
    let len = match v {
        Value::String(s) => s.len(),
        Value::Array(a) => a.len(),
        _ => return Err(format!("can't slice item of type {}", type_name(v))),
    };
    let mut bounds = [0usize, len];
    for (i, x) in idx.iter().enumerate() {
        let n = as_int(x)
            .ok_or_else(|| format!("cannot index slice/array with type {}", type_name(x)))?;
        bounds[i] = usize::try_from(n)
            .ok()
            .filter(|&n| n <= len)
            .ok_or_else(|| format!("index out of range: {n}"))?;
    }
    let [lo, hi] = bounds;
    if lo > hi {
        return Err(format!("invalid slice index: {lo} > {hi}"));
    }
    match v {
        Value::String(s) => s
            .get(lo..hi)
            .map(|t| Value::String(t.to_string()))
            .ok_or_else(|| "slice splits a character".to_string()),
        Value::Array(a) => Ok(Value::Array(a[lo..hi].to_vec())),
        _ => Err(format!("can't slice item of type {}", type_name(v))),
    }
}

/// `html`, `js` and `urlquery` escape their one string argument, or Sprint of all.
fn escaper_text(args: &[Value]) -> String {
    match args {
        [Value::String(s)] => s.clone(),
        _ => sprint(args),
    }
}

/// Go's `strings.Title`: upper-cases the first letter of each word.
pub(crate) fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        // Go's isSeparator: ASCII other than letters, digits and '_', and whitespace.
        let word = c.is_alphanumeric() || c == '_' || !(c.is_ascii() || c.is_whitespace());
        prev_sep = !word;
    }
    out
}

fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 || c.is_control() => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn urlquery(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests;
