//! Recovery paths: a damaged image index is named with the way out, never a panic; and
//! `rpod unshare` reports a command it cannot run with the shell's statuses (126 cannot
//! invoke, 127 not found), as `podman unshare` does.

mod common;

use common::{assert_error, Rpod};
use std::os::unix::fs::PermissionsExt;

/// Damage an `images.json` can have: cut short (a full disk, a copy stopped midway), not JSON
/// at all, JSON of another shape, empty.
const DAMAGE: [(&str, &[u8]); 4] = [
    ("truncated", b"{\"images\": [{\"id\": \"sha256:"),
    ("binary", b"\x00\xff\x13garbage\x00"),
    ("wrong shape", b"{\"images\": 3}"),
    ("empty", b""),
];

#[test]
fn damaged_image_index_is_named_with_the_fix() {
    let t = Rpod::new("damaged_index");
    if t.is_podman() {
        eprintln!("note: skipped for podman: this damages rpod's own index (<root>/images.json)");
        return;
    }
    t.ok(&["pull", "-q", "alpine"]);
    let index = t.root.join("images.json");
    assert!(
        index.is_file(),
        "{} should exist after a pull",
        index.display()
    );
    let shown = index.display().to_string();
    for (what, bytes) in DAMAGE {
        std::fs::write(&index, bytes).unwrap();
        for args in [
            &["images"][..],
            &["pull", "-q", "alpine"],
            &["rmi", "alpine"],
            &["image", "prune", "-f"],
            &["image", "inspect", "alpine"],
            &["tag", "alpine", "localhost/other"],
            &["run", "--rm", "alpine", "true"],
        ] {
            let out = t.cmd(args).run();
            let line = assert_error(&t, &out, 125, &[&shown, "damaged", "backup", "delete it"]);
            assert!(!line.contains("panicked"), "{what} index, {args:?}: {line}");
        }
    }
    // The fix the message gives works: without the index the store is empty, prune frees the
    // layers, and a pull starts afresh.
    std::fs::remove_file(&index).unwrap();
    let images = t.ok(&["images", "-q"]);
    images.check(images.stdout.trim().is_empty(), "no index: no images");
    t.ok(&["image", "prune", "-f"]);
    let layers = std::fs::read_dir(t.root.join("layers"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(layers, 0, "prune frees the layers no index names");
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["run", "--rm", "alpine", "true"]);
}

#[test]
fn unshare_reports_commands_it_cannot_run_with_126_and_127() {
    let t = Rpod::new("unshare_statuses");
    // A file that is not executable, and a directory rpodtest cannot search, first in PATH:
    // execvp(3) would answer EACCES (126) for any command not found after it.
    let plain = t.dir.join("plain");
    std::fs::write(&plain, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
    let blocked = t.dir.join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::set_permissions(&blocked, std::fs::Permissions::from_mode(0o700)).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", blocked.display());
    let unshare = |args: &[&str]| {
        let mut argv = vec!["unshare"];
        argv.extend_from_slice(args);
        t.cmd(&argv).env("PATH", &path).run()
    };

    let out = unshare(&["/nonexistent/cmd"]);
    assert_error(&t, &out, 127, &["/nonexistent/cmd", "no such file"]);
    let out = unshare(&["nosuchcmd"]);
    assert_error(&t, &out, 127, &["nosuchcmd", "not found"]);
    let plain = plain.display().to_string();
    let out = unshare(&[&plain]);
    assert_error(&t, &out, 126, &[&plain, "permission denied"]);
    let dir = t.dir.display().to_string();
    let out = unshare(&[&dir]);
    assert_error(&t, &out, 126, &[&dir, "permission denied"]);

    // A command that runs gives its own status, as root of the user namespace.
    let out = unshare(&["sh", "-c", "id -u; exit 7"]);
    out.assert_fails(7);
    assert_eq!(
        out.stdout, "0\n",
        "unshare runs the command as root of the namespace"
    );
}
