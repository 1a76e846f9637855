//! The house of issue #12, checked on the source: imports between rpod's top-level modules run
//! one way, `cli → engine → {spec, runtime, image} → {config, oci, util}`, with `format` a
//! leaf, and no two top-level modules reach each other through any chain of imports.
//!
//! It reads every `.rs` file under `src/` as tokens (so comments, doc comments and strings
//! never count), collects each `crate::top` path (`use crate::{a, b::c}` groups and
//! `super::super::` chains that climb to the crate root included), leaves out what only tests
//! compile (an item under `#[cfg(test)]`, and the files of a `#[cfg(test)] mod name;`: tests
//! may reach anywhere), and checks the module graph against [`HOUSE`]. No binary is run.
//! `../shared/hooks/layers.py` states the same rules with a regular expression; this check is
//! the stricter one (it also sees grouped imports and code after a test module).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and the top-level modules it may import. Everything else is against
/// the house, and a module missing from this list is too: a new one is placed here first.
#[rustfmt::skip]
const HOUSE: &[(&str, &[&str])] = &[
    ("cli", &["engine", "spec", "runtime", "image", "config", "oci", "util", "format"]),
    ("engine", &["spec", "runtime", "image", "config", "oci", "util", "format"]),
    // The spec is built from the image's config, and the image side may name spec types:
    // either direction is allowed, both at once is a cycle.
    ("spec", &["image", "config", "oci", "util", "format"]),
    ("image", &["spec", "config", "oci", "util", "format"]),
    ("runtime", &["spec", "oci", "util"]),
    ("config", &["oci", "util"]),
    ("oci", &["util"]),
    ("util", &[]),
    ("format", &[]),
];

/// One `crate::to` path found in `file` (relative to `src/`) at `line`, in module `from`.
#[derive(Debug, Clone, PartialEq)]
struct Import {
    from: String,
    to: String,
    file: String,
    line: usize,
}

#[path = "house/checker.rs"]
mod checker;
#[path = "house/lex.rs"]
mod lex;
#[path = "house/scan.rs"]
mod scan;

use scan::{module_of, scan, Scan};

/// The imports between top-level modules in `files` (path under `src/`, text).
fn imports(files: &[(String, String)]) -> Vec<Import> {
    // The top-level modules: those with files here, and those the house names.
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|(f, _)| module_of(f).first().cloned())
        .chain(HOUSE.iter().map(|(m, _)| m.to_string()))
        .collect();
    let scans: Vec<(String, Vec<String>, Scan)> = files
        .iter()
        .map(|(f, text)| (f.clone(), module_of(f), scan(&module_of(f), text)))
        .collect();
    let tests: Vec<&Vec<String>> = scans.iter().flat_map(|(_, _, s)| &s.test_modules).collect();
    let mut out = Vec::new();
    for (file, module, s) in &scans {
        if module.is_empty() || tests.iter().any(|t| module.starts_with(t)) {
            continue; // lib.rs and main.rs stand above the house; test files may reach anywhere
        }
        for (to, line) in &s.reached {
            if tops.contains(to) && *to != module[0] {
                out.push(Import {
                    from: module[0].clone(),
                    to: to.clone(),
                    file: file.clone(),
                    line: *line,
                });
            }
        }
    }
    out
}

/// One line per import against [`HOUSE`], per unplaced top-level module, and per cycle, sorted.
fn against_house(imports: &[Import]) -> Vec<String> {
    let house: BTreeMap<&str, &[&str]> = HOUSE.iter().copied().collect();
    let mut bad = Vec::new();
    for i in imports {
        match house.get(i.from.as_str()) {
            None => bad.push(format!(
                "src/{}:{}: module {} is not placed in the house (tests/house.rs HOUSE)",
                i.file, i.line, i.from
            )),
            Some(may) if !may.contains(&i.to.as_str()) => bad.push(format!(
                "src/{}:{}: {} imports {} ({} may import only: {})",
                i.file,
                i.line,
                i.from,
                i.to,
                i.from,
                if may.is_empty() {
                    "nothing of rpod".to_string()
                } else {
                    may.join(", ")
                }
            )),
            _ => {}
        }
    }
    // Cycles: each set of modules that reach each other, once, with an import for each edge.
    let mut edges: BTreeMap<(&str, &str), &Import> = BTreeMap::new();
    for i in imports {
        edges.entry((i.from.as_str(), i.to.as_str())).or_insert(i);
    }
    let reaches = |a: &str, b: &str| {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![a]);
        while let Some(x) = todo.pop() {
            for (&(f, t), _) in edges.range((x, "")..) {
                if f != x {
                    break;
                }
                if t == b {
                    return true;
                }
                if seen.insert(t) {
                    todo.push(t);
                }
            }
        }
        false
    };
    let mut reported = BTreeSet::new();
    for &(a, _) in edges.keys() {
        let scc: BTreeSet<&str> = edges
            .keys()
            .flat_map(|&(f, t)| [f, t])
            .filter(|&m| reaches(a, m) && reaches(m, a))
            .collect();
        if scc.len() > 1 && reported.insert(scc.clone()) {
            let via: Vec<String> = edges
                .iter()
                .filter(|((f, t), _)| scc.contains(f) && scc.contains(t))
                .map(|((f, t), i)| format!("{f} -> {t} (src/{}:{})", i.file, i.line))
                .collect();
            bad.push(format!(
                "cycle between top-level modules {:?}: {}",
                scc,
                via.join(", ")
            ));
        }
    }
    bad.sort();
    bad
}

/// Every `.rs` file under `dir`, as (path relative to `root`, text), sorted.
fn read_tree(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_tree(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

#[test]
fn src_follows_the_house() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, &src, &mut files);
    let found = imports(&files);
    let bad = against_house(&found);
    for line in &bad {
        eprintln!("{line}");
    }
    assert!(
        bad.is_empty(),
        "{} against the house:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // The check saw the house at all: cli reaches the engine, the engine the runtime.
    let edge = |f: &str, t: &str| found.iter().any(|i| i.from == f && i.to == t);
    assert!(
        edge("cli", "engine") && edge("engine", "runtime"),
        "{found:?}"
    );
    for (m, _) in HOUSE
        .iter()
        .filter(|(m, _)| ["engine", "spec", "runtime"].contains(m))
    {
        assert!(src.join(m).is_dir(), "no top-level module {m}/");
    }
}
