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

/// Every visible command's page shows what a user types (commands added later must bring
/// examples in `src/cli/examples.rs`), and rpod(1) says how rpod exits, what it reads and
/// which variables change it.
#[test]
fn every_page_has_examples_and_rpod_1_its_sections() {
    let pages = rpod::cli::docs::man_pages();
    let missing: Vec<&String> = pages
        .iter()
        .filter(|(_, page)| !String::from_utf8_lossy(page).contains("\n.SH EXAMPLES\n"))
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "pages without EXAMPLES (add the command to src/cli/examples.rs): {missing:?}"
    );
    let root = &pages.iter().find(|(n, _)| n == "rpod.1").unwrap().1;
    let root = String::from_utf8_lossy(root);
    for section in ["EXIT STATUS", "FILES", "ENVIRONMENT"] {
        assert!(
            root.contains(&format!("\n.SH \"{section}\"\n")),
            "rpod.1 has no {section} section"
        );
    }
    for needle in [
        "125",
        "126",
        "127",
        "registries.conf",
        "auth.json",
        "REGISTRY_AUTH_FILE",
    ] {
        assert!(root.contains(needle), "rpod.1 does not mention {needle}");
    }
}

/// The words of a shell command line up to the first pipe, redirection or `&&`, quotes
/// removed (enough for the examples, which use no escapes inside quotes).
fn first_command(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    let start = words.iter().position(|w| w == "rpod" || w == "<(rpod");
    let Some(start) = start else {
        return Vec::new();
    };
    let mut cmd: Vec<String> = words[start..]
        .iter()
        .take_while(|w| !matches!(w.as_str(), "|" | "&&" | "<" | ">"))
        .map(|w| w.trim_end_matches(')').to_string())
        .collect();
    cmd[0] = "rpod".into();
    cmd
}

/// Each example parses as the CLI stands: an example that names a flag rpod lacks, or one
/// renamed, fails here rather than in a user's shell.
#[test]
fn examples_are_valid_command_lines() {
    use clap::Parser;
    for (path, examples) in rpod::cli::examples::EXAMPLES {
        for (_, line) in *examples {
            let argv = first_command(line);
            assert!(!argv.is_empty(), "{path:?}: {line:?} runs no rpod command");
            if let Err(e) = rpod::cli::Cli::try_parse_from(&argv) {
                panic!("{path:?}: {line:?} does not parse: {e}");
            }
        }
    }
}
