//! The committed man pages (`man/`) and completions (`completions/`) must match what the CLI
//! definitions generate. Run with `RPOD_UPDATE_DOCS=1` to rewrite them after changing the CLI
//! (refused under `CI`, which must check them).

use std::path::Path;

fn check(dir: &str, files: Vec<(String, Vec<u8>)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if std::env::var_os("RPOD_UPDATE_DOCS").is_some() {
        // CI checks the committed files: rewriting them there would make the check pass.
        assert!(
            std::env::var("CI").map_or(true, |v| matches!(v.as_str(), "" | "0" | "false")),
            "RPOD_UPDATE_DOCS is set under CI (CI={:?}): CI must check {}, not rewrite it; \
             regenerate on your machine and commit the result",
            std::env::var("CI").unwrap_or_default(),
            dir.display()
        );
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, content) in &files {
            std::fs::write(dir.join(name), content).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, content) in &files {
        if std::fs::read(dir.join(name)).ok().as_deref() != Some(content.as_slice()) {
            stale.push(name.clone());
        }
    }
    let expected: Vec<&String> = files.iter().map(|(n, _)| n).collect();
    for entry in std::fs::read_dir(&dir)
        .map(|d| d.flatten().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if !expected.contains(&&name) {
            stale.push(format!("{name} (no such command any more)"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} is out of date with the CLI: {}; regenerate with `RPOD_UPDATE_DOCS=1 cargo test --test docs`",
        dir.display(),
        stale.join(", ")
    );
}

#[test]
fn man_pages_match_the_cli() {
    let pages = rpod::cli::docs::man_pages();
    assert!(pages.iter().any(|(n, _)| n == "rpod-pull.1"));
    assert!(pages.iter().any(|(n, _)| n == "rpod-image-inspect.1"));
    let version = format!(".SH VERSION\nv{}\n", env!("CARGO_PKG_VERSION"));
    for (name, page) in &pages {
        let page = String::from_utf8_lossy(page);
        assert!(
            page.contains(&version),
            "{name}: its VERSION section should read v{}:\n{page}",
            env!("CARGO_PKG_VERSION")
        );
    }
    check("man", pages);
}

#[test]
fn completions_match_the_cli() {
    check("completions", rpod::cli::docs::completions());
}
