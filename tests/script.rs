//! `tests/scripts/detached.sh`, the user script (a detached container's whole life
//! with a named volume), run as the user against rpod — and against podman with
//! `RPOD_IT_ENGINE=podman`.

mod common;

use common::Rpod;

#[test]
fn a_detached_containers_life_in_a_script() {
    let t = Rpod::new("script_detached");
    let engine = t.cmd(&[]).shell_line();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts/detached.sh");
    // The user may not be able to enter the checkout: the script goes through stdin.
    let text = std::fs::read_to_string(&script).unwrap();
    let out = t.sh(&format!(
        "bash -s -- {engine} <<'RPOD_SCRIPT'\n{text}\nRPOD_SCRIPT"
    ));
    out.assert_ok();
    assert!(out.stdout.contains("all went as expected"), "{out:?}");
}
