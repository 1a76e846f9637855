//! The checker itself, on small in-memory trees.

use super::*;

fn check(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    against_house(&imports(&files))
}

#[test]
fn a_forbidden_import_is_found_with_file_and_line() {
    let bad = check(&[
        (
            "runtime/helper.rs",
            "//! The helper.\n\nuse crate::cli::Args;\n",
        ),
        ("cli/mod.rs", "pub struct Args;\n"),
    ]);
    assert_eq!(
            bad,
            ["src/runtime/helper.rs:3: runtime imports cli (runtime may import only: spec, oci, util)"]
        );
}

#[test]
fn the_bottom_rules_hold() {
    let bad = check(&[
        ("oci/reference.rs", "use crate::config::Registries;"),
        ("util/fs/lock.rs", "fn f() { crate::oci::digest(); }"),
        ("config/mod.rs", "use crate::{oci::Reference, util::fs};"),
        ("format/mod.rs", "use crate::util;"),
    ]);
    // oci -> config -> oci is a cycle too (util -> oci -> config -> util, through the group).
    assert_eq!(bad.len(), 4, "{bad:#?}");
    assert!(
        bad[0].starts_with(r#"cycle between top-level modules {"config", "oci", "util"}"#),
        "{bad:#?}"
    );
    assert!(
        bad[1].contains("format may import only: nothing of rpod"),
        "{bad:#?}"
    );
    assert!(
        bad[2].starts_with("src/oci/reference.rs:1: oci imports config"),
        "{bad:#?}"
    );
    assert!(
        bad[3].starts_with("src/util/fs/lock.rs:1: util imports oci"),
        "{bad:#?}"
    );
}

#[test]
fn a_cycle_between_allowed_imports_is_found() {
    let bad = check(&[
        ("spec/container.rs", "use crate::image::Config;"),
        ("image/mod.rs", "\n\nfn f(s: crate::spec::Spec) {}"),
    ]);
    assert_eq!(
        bad,
        [
            r#"cycle between top-level modules {"image", "spec"}: image -> spec (src/image/mod.rs:3), spec -> image (src/spec/container.rs:1)"#
        ]
    );
}

#[test]
fn comments_strings_and_chars_are_ignored() {
    let text = r####"//! Unlike `crate::cli`, this ...
/// Calls crate::engine::run.
// use crate::cli::Args;
/* use crate::cli::Args; /* nested */ crate::engine */
const A: &str = "use crate::cli::x; \" crate::engine";
const B: &str = r##"crate::cli "# crate::engine "##;
const C: char = '"'; const D: char = '\''; const E: u8 = b'"';
fn f<'a>(x: &'a str) -> &'a str { x }
"####;
    assert_eq!(check(&[("runtime/a.rs", text)]), Vec::<String>::new());
    // What follows them is still read.
    let after = format!("{text}use crate::cli::Args;\n");
    assert_eq!(check(&[("runtime/a.rs", &after)]).len(), 1);
}

#[test]
fn test_only_code_is_skipped_and_code_after_it_is_read() {
    let text = "#[cfg(test)]\nmod tests {\n    use crate::cli::Args;\n}\n\
                    #[cfg(test)]\nmod emulator;\n\
                    #[cfg(test)]\nfn helper() -> u8 { crate::engine::x() }\n\
                    use crate::engine::Y;\n";
    let bad = check(&[
        ("runtime/security/seccomp/mod.rs", text),
        ("runtime/security/seccomp/emulator.rs", "use crate::cli::Z;"),
    ]);
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert!(bad[0].starts_with("src/runtime/security/seccomp/mod.rs:9: runtime imports engine"));
}

#[test]
fn groups_and_super_chains_that_reach_the_root_count() {
    let bad = check(&[
        (
            "runtime/process/mod.rs",
            "use super::super::cli::Args;\nuse super::Ctx;",
        ),
        (
            "runtime/bundle.rs",
            "use crate::{spec, self as me, image::{Store, Layer}};",
        ),
        (
            "runtime/network.rs",
            "mod inner { use super::super::super::engine; }",
        ),
    ]);
    let want = [
        "src/runtime/bundle.rs:1: runtime imports image",
        "src/runtime/network.rs:1: runtime imports engine",
        "src/runtime/process/mod.rs:1: runtime imports cli",
    ];
    assert_eq!(bad.len(), want.len(), "{bad:#?}");
    for (b, w) in bad.iter().zip(want) {
        assert!(b.starts_with(w), "{b} is not {w}");
    }
}

#[test]
fn a_module_outside_the_house_is_reported() {
    let bad = check(&[("monitor/mod.rs", "use crate::engine::Container;")]);
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].contains("module monitor is not placed in the house"),
        "{bad:?}"
    );
}
