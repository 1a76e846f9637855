//! `rpod info`'s default output: the YAML Podman prints (keys sorted, two-space indent,
//! sequences at the key's indent, strings quoted only where YAML would misread them, text
//! of several lines as a `|-` block).

use serde_json::Value;

pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    if let Value::Object(_) = value {
        write_map(value, 0, &mut out);
    } else {
        out.push_str(&scalar(value));
        out.push('\n');
    }
    out
}

fn write_map(value: &Value, indent: usize, out: &mut String) {
    let Value::Object(map) = value else { return };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for key in keys {
        let pad = " ".repeat(indent);
        let k = scalar(&Value::String(key.clone()));
        write_entry(&format!("{pad}{k}:"), &map[key], indent, out);
    }
}

/// `head` is `key:` or `- ` already indented; writes the value after it.
fn write_entry(head: &str, v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str(&format!("{head} {{}}\n")),
        Value::Object(_) => {
            out.push_str(head);
            out.push('\n');
            write_map(v, indent + 2, out);
        }
        Value::Array(a) if a.is_empty() => out.push_str(&format!("{head} []\n")),
        Value::Array(items) => {
            out.push_str(head);
            out.push('\n');
            write_seq(items, indent, out);
        }
        Value::String(s) if s.contains('\n') => {
            out.push_str(&format!("{head} |-\n"));
            for line in s.lines() {
                out.push_str(&format!("{}{line}\n", " ".repeat(indent + 2)));
            }
        }
        other => out.push_str(&format!("{head} {}\n", scalar(other))),
    }
}

fn write_seq(items: &[Value], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for item in items {
        match item {
            Value::Object(m) if !m.is_empty() => {
                // The first key on the dash's line, the others aligned under it.
                let mut body = String::new();
                write_map(item, indent + 2, &mut body);
                let body = body.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                out.push_str(&body);
            }
            other => write_entry(&format!("{pad}-"), other, indent, out),
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        _ => String::new(),
    }
}

/// As go-yaml: `""` and strings YAML would read as another type double-quoted; strings with
/// `: ` or a leading indicator single-quoted.
fn quote(s: &str) -> String {
    let reads_as_other = s.is_empty()
        || s.parse::<f64>().is_ok()
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        );
    if reads_as_other {
        return format!("\"{s}\"");
    }
    let indicator = s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c == ' ')
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #");
    if indicator {
        return format!("'{}'", s.replace('\'', "''"));
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prints_as_podman_info() {
        let v = json!({"store": {"imageStore": {"number": 0}, "graphOptions": {}},
            "host": {"version": "12", "list": [], "conmon": "conmon version 2.1.6, commit: unknown",
                "idMappings": {"uidmap": [{"container_id": 0, "size": 1}]},
                "search": ["docker.io"], "text": "a\nb", "empty": ""}});
        assert_eq!(
            to_yaml(&v),
            "host:\n  conmon: 'conmon version 2.1.6, commit: unknown'\n  empty: \"\"\n  \
             idMappings:\n    uidmap:\n    - container_id: 0\n      size: 1\n  list: []\n  \
             search:\n  - docker.io\n  text: |-\n    a\n    b\n  version: \"12\"\n\
             store:\n  graphOptions: {}\n  imageStore:\n    number: 0\n"
        );
    }
}
