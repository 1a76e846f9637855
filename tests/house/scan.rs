//! One file's part of the module graph: where its non-test code reaches the crate root
//! (`crate::top`, `use crate::{a, b}`, `super::` chains that climb out of the top module), and
//! which of its module declarations are test-only.

use super::lex::{lex, Tok};
/// What one file contributes: the top-level names its non-test code reaches through `crate`
/// (with lines), and the module paths of its `#[cfg(test)] mod name;` declarations.
#[derive(Debug, Default)]
pub struct Scan {
    pub reached: Vec<(String, usize)>,
    pub test_modules: Vec<Vec<String>>,
}

fn ident(t: Option<&(Tok, usize)>) -> Option<&str> {
    match t {
        Some((Tok::Ident(s), _)) => Some(s),
        _ => None,
    }
}

fn is(t: Option<&(Tok, usize)>, p: char) -> bool {
    matches!(t, Some((Tok::Punct(q), _)) if *q == p)
}

/// The index after the bracketed group opened at `i` (`(`, `[` or `{`).
fn close(t: &[(Tok, usize)], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < t.len() {
        match t[i].0 {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth -= 1,
            _ => {}
        }
        i += 1;
        if depth == 0 {
            break;
        }
    }
    i
}

/// Reads the tokens of the file whose module path is `module` (`["runtime", "helper"]`).
pub fn scan(module: &[String], src: &str) -> Scan {
    let t = lex(src);
    let mut s = Scan::default();
    // Open braces: the name of an inline `mod name {`, or None.
    let mut scopes: Vec<Option<String>> = Vec::new();
    let mut pending_mod = None;
    let mut i = 0;
    while i < t.len() {
        let cfg_test = ["#", "[", "cfg", "(", "test", ")", "]"];
        let matches_cfg_test = cfg_test
            .iter()
            .enumerate()
            .all(|(k, w)| match t.get(i + k) {
                Some((Tok::Ident(s), _)) => s == w,
                Some((Tok::Punct(p), _)) => w.len() == 1 && w.starts_with(*p),
                _ => false,
            });
        if matches_cfg_test {
            // Skip the item: further attributes, then up to its `;` or its closing brace.
            i += cfg_test.len();
            while is(t.get(i), '#') && is(t.get(i + 1), '[') {
                i = close(&t, i + 1);
            }
            let mut k = i;
            while matches!(ident(t.get(k)), Some("pub" | "crate")) || is(t.get(k), '(') {
                k = if is(t.get(k), '(') {
                    close(&t, k)
                } else {
                    k + 1
                };
            }
            if ident(t.get(k)) == Some("mod") && is(t.get(k + 2), ';') {
                let mut path = module.to_vec();
                path.extend(scopes.iter().flatten().cloned());
                path.push(ident(t.get(k + 1)).unwrap_or_default().to_string());
                s.test_modules.push(path);
            }
            while i < t.len() {
                match t[i].0 {
                    Tok::Punct(';') => break,
                    Tok::Punct('{') => {
                        i = close(&t, i) - 1;
                        break;
                    }
                    Tok::Punct('(' | '[') => i = close(&t, i) - 1,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        match &t[i].0 {
            Tok::Ident(w) if w == "mod" => pending_mod = ident(t.get(i + 1)).map(str::to_string),
            Tok::Punct('{') => scopes.push(pending_mod.take()),
            Tok::Punct('}') => drop(scopes.pop()),
            Tok::Punct(';') => pending_mod = None,
            Tok::Ident(w)
                if (w == "crate" || w == "super")
                    && t.get(i + 1).map(|x| &x.0) == Some(&Tok::Path) =>
            {
                // Where the path lands: the crate root for `crate::`, or after enough `super::`.
                let depth = module.len() + scopes.iter().flatten().count();
                let mut k = i;
                let mut supers = 0;
                while ident(t.get(k)) == Some("super")
                    && t.get(k + 1).map(|x| &x.0) == Some(&Tok::Path)
                {
                    supers += 1;
                    k += 2;
                }
                let at_root = if w == "crate" {
                    k = i + 2;
                    true
                } else {
                    supers >= depth
                };
                if at_root {
                    reached(&t, k, &mut s.reached);
                }
                i = k.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    s
}

/// Records the first name of a path at `k` (`name`), or of each element of a group (`{a, b::c}`).
fn reached(t: &[(Tok, usize)], k: usize, out: &mut Vec<(String, usize)>) {
    if let Some((Tok::Ident(name), line)) = t.get(k) {
        out.push((name.clone(), *line));
    } else if is(t.get(k), '{') {
        let end = close(t, k);
        let mut start_of_element = true;
        let mut j = k + 1;
        while j < end - 1 {
            match &t[j] {
                (Tok::Ident(name), line) if start_of_element && name != "self" => {
                    out.push((name.clone(), *line))
                }
                (Tok::Punct('{' | '(' | '['), _) => j = close(t, j) - 1,
                _ => {}
            }
            start_of_element = is(t.get(j), ',');
            j += 1;
        }
    }
}

/// The module path of a file under `src/`: `runtime/process/mod.rs` is `["runtime", "process"]`.
pub fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}
