//! Hosts that are not set up for rootless containers, each made in a private namespace so the
//! real host stays as it is: user namespaces disabled, `--userns=keep-id` without subordinate
//! ids, fuse-overlayfs missing; and rpod run by the real root.
//!
//! These tests need the tests to run as root (they build the altered host). Podman keeps its
//! user namespace in a pause process from earlier commands and rereads none of these, so
//! only the real-root test compares with it; the others say so when run for podman.

mod common;

use common::{env, error_lines, shell_quote, Cmd, Output, Rpod};
use std::path::Path;
use std::process::Command;

const ALPINE: &str = "alpine";

/// Prints why a test does not apply to podman; true when it does not.
fn not_for_podman(t: &Rpod) -> bool {
    if t.is_podman() {
        eprintln!(
            "note: skipped for podman: it joins the user namespace its pause process keeps \
             and rereads none of the host's set-up"
        );
    }
    t.is_podman()
}

/// The numeric uid and gid of the test user.
fn user_ids() -> (String, String) {
    let out = env().as_user_sh("id -u; id -g");
    out.assert_ok();
    let l = out.lines();
    (l[0].to_string(), l[1].to_string())
}

/// Status the inner script exits with when the host cannot limit user namespaces.
const CANNOT_LIMIT: i32 = 77;

/// Runs `cmd` in a user namespace of its own where `user.max_user_namespaces` is 0, so no
/// namespace can be created below it, as on a host with user namespaces disabled. Root makes
/// the namespace (mapping root and the test user to themselves), sets the limit inside, then
/// runs the command as the test user. `None` (with a note) when the limit cannot be set.
fn run_without_user_namespaces(t: &Rpod, cmd: Cmd) -> Option<Output> {
    assert!(
        env().is_root,
        "this test builds a host without user namespaces: run the tests as root"
    );
    let (uid, gid) = user_ids();
    let d = t.dir.join("no-userns");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir(&d).unwrap();
    let d = d.display().to_string();
    let line = cmd.shell_line();
    std::fs::write(format!("{d}/uid_map"), format!("0 0 1\n{uid} {uid} 1\n")).unwrap();
    std::fs::write(format!("{d}/gid_map"), format!("0 0 1\n{gid} {gid} 1\n")).unwrap();
    std::fs::write(
        format!("{d}/inner.sh"),
        format!(
            "echo 0 >/proc/sys/user/max_user_namespaces || {{ echo 'cannot set \
             user.max_user_namespaces in a user namespace' >&2; exit {CANNOT_LIMIT}; }}\n\
             exec {line}\n"
        ),
    )
    .unwrap();
    // The maps are written from outside once the namespace exists; the inner script is then
    // exec'd afresh, so that its root has its capabilities in the namespace.
    let script = format!(
        "set -e; cd {d}; mkfifo ready go\n\
         unshare --user sh -c 'echo >ready; read x <go; exec sh inner.sh' &\n\
         pid=$!\n\
         read x <ready\n\
         cat uid_map >/proc/$pid/uid_map\n\
         cat gid_map >/proc/$pid/gid_map\n\
         echo >go\n\
         wait $pid",
        d = shell_quote(&d)
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    let out = Output {
        status: out.status.code().unwrap_or(128),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmdline: format!("[user.max_user_namespaces=0] {line}"),
        signal: None,
        stdout_bytes: out.stdout,
    };
    if out.status == CANNOT_LIMIT {
        eprintln!("note: skipped: {}", out.stderr.trim());
        return None;
    }
    Some(out)
}

/// The one `Error:` line of a failure, whatever warnings came before it.
#[track_caller]
fn error_line(t: &Rpod, out: &Output, code: i32, needles: &[&str]) -> String {
    out.assert_fails(code);
    let lines = error_lines(t, out);
    let errors: Vec<&String> = lines.iter().filter(|l| l.starts_with("Error:")).collect();
    out.check(
        errors.len() == 1 && lines.last() == errors.last().copied(),
        "expected one `Error:` line, last on stderr",
    );
    let line = errors[0].to_lowercase();
    for n in needles {
        out.check(
            line.contains(&n.to_lowercase()),
            &format!("the error should mention {n:?}"),
        );
    }
    errors[0].clone()
}

#[test]
fn user_namespaces_disabled_is_refused_with_the_fix() {
    let t = Rpod::new("no_user_namespaces");
    if not_for_podman(&t) {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    for args in [&["run", "--rm", ALPINE, "true"][..], &["rmi", ALPINE]] {
        let Some(out) = run_without_user_namespaces(&t, t.cmd(args)) else {
            return;
        };
        let line = error_line(
            &t,
            &out,
            125,
            &["user namespace", "user.max_user_namespaces"],
        );
        out.check(
            out.stderr.lines().count() == 1,
            &format!("one line, no warning before it: {line}"),
        );
    }
    // Nothing was changed: the image is still there on the real host.
    t.ok(&["image", "exists", ALPINE]);
}

/// Binds a subordinate-id file with a range of no ids over /etc/subuid and /etc/subgid.
fn without_subids(t: &Rpod) -> String {
    let empty = t.dir.join("empty-subid");
    std::fs::write(&empty, "rpodtest:200000:0\n").unwrap();
    format!(
        "mount --bind '{e}' /etc/subuid && mount --bind '{e}' /etc/subgid",
        e = empty.display()
    )
}

#[test]
fn keep_id_without_subordinate_ids_is_refused_with_the_fix() {
    let t = Rpod::new("keep_id_no_subids");
    if not_for_podman(&t) {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let out = t
        .cmd(&["run", "--rm", "--userns=keep-id", ALPINE, "true"])
        .run_on_altered_host(&without_subids(&t));
    error_line(
        &t,
        &out,
        125,
        &["keep-id", "/etc/subuid", "usermod --add-subuids"],
    );
    out.check(out.stdout.is_empty(), "the container did not run");
}

#[test]
fn without_fuse_overlayfs_keep_id_runs_from_a_copy() {
    let t = Rpod::new("no_fuse_overlayfs");
    if not_for_podman(&t) {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let script = r#"id -u; stat -c "%u:%g" /bin/busybox; awk '$5 == "/"' /proc/self/mountinfo"#;
    let args = [
        "run",
        "--rm",
        "--userns=keep-id",
        ALPINE,
        "sh",
        "-c",
        script,
    ];
    let (uid, _) = user_ids();
    // The premise: with fuse-overlayfs, keep-id's root is a fuse-overlayfs mount.
    let with = t.ok(&args);
    with.check(
        with.lines().get(2).map(|l| fs_type(l)) == Some("fuse.fuse-overlayfs"),
        "keep-id uses fuse-overlayfs when it is there",
    );
    // Without it (here: not executable), the layers are copied with their owners shifted.
    let out = t
        .cmd(&args)
        .run_on_altered_host("mount --bind /dev/null /usr/bin/fuse-overlayfs");
    out.assert_ok();
    let lines = out.lines();
    out.check(lines.len() == 3, "id, stat and the root's mount line");
    assert_eq!(lines[0], uid, "keep-id: the user's own uid");
    assert_eq!(lines[1], "0:0", "image files stay root's in the container");
    out.check(
        fs_type(lines[2]) == fs_type_of(&t.root),
        "the root is a directory of the store (a copy), not an overlay",
    );
}

/// The file system type of a mountinfo line (the first field after ` - `).
fn fs_type(mountinfo_line: &str) -> &str {
    mountinfo_line
        .split_once(" - ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or("")
}

/// The file system type `path` is on, from the host's mountinfo (`stat -f` names differ).
fn fs_type_of(path: &Path) -> String {
    let out = Command::new("findmnt")
        .args(["-n", "-o", "FSTYPE", "-T"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A run root of root's (short: podman refuses one longer than 50 characters).
fn real_root_runroot(t: &Rpod) -> std::path::PathBuf {
    env().base.join(format!("rr-root.{}", t.engine.name()))
}

/// Runs the engine directly as the real root, with the test's store and a home of its own.
fn as_real_root(t: &Rpod, args: &[&str]) -> Output {
    let d = t.dir.join("real-root");
    let run = d.join("run");
    std::fs::create_dir_all(&run).unwrap();
    std::fs::set_permissions(&run, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let program = match t.engine {
        common::Engine::Rpod => env().rpod.clone(),
        common::Engine::Podman => "podman".into(),
    };
    let mut c = Command::new(&program);
    c.arg(format!("--root={}", d.join("store").display()))
        .arg(format!("--runroot={}", real_root_runroot(t).display()));
    if t.is_podman() {
        c.arg("--storage-driver=vfs");
        // The crun wrapper this host needs (hybrid cgroups), as for the test user.
        if let Some(conf) = &env().podman_conf {
            c.env("CONTAINERS_CONF", conf);
        }
    }
    let (command, rest) = args.split_first().unwrap();
    c.arg(command);
    if t.is_podman() && *command == "run" {
        // Rootful podman raises RLIMIT_NOFILE/NPROC beyond this host's hard limits.
        c.args(["--ulimit=nofile=1024:1024", "--ulimit=nproc=1024:1024"]);
    }
    c.args(rest)
        .env("HOME", &d)
        .env("XDG_RUNTIME_DIR", &run)
        .env("CONTAINERS_REGISTRIES_CONF", &env().registries_conf);
    let out = c.output().unwrap();
    Output {
        status: out.status.code().unwrap_or(128),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmdline: format!("[as root] {} {}", t.engine.name(), args.join(" ")),
        signal: None,
        stdout_bytes: out.stdout,
    }
}

/// rpod run by the real root works as Podman does then (rootful: no user namespace, the
/// container's root is the host's root), with the same confinement: Podman's default
/// capabilities only, a seccomp filter, and (rpod) a store that is root's alone. rpod's user
/// namespace is what makes it rootless; run by root there is nothing to map, and refusing
/// would only send the user to `podman`, which does the same.
#[test]
fn real_root_runs_rootful_with_podmans_confinement() {
    assert!(
        env().is_root,
        "this test runs the engine as root: run the tests as root"
    );
    let t = Rpod::new("real_root");
    let script = "cat /proc/self/uid_map; grep -E '^(CapEff|CapBnd|Seccomp):' /proc/self/status";
    let out = as_real_root(&t, &["run", "--rm", ALPINE, "sh", "-c", script]);
    let _ = std::fs::remove_dir_all(real_root_runroot(&t));
    out.assert_ok();
    let lines = out.lines();
    let last = lines.len().saturating_sub(4);
    let lines = &lines[last..];
    let words: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    out.check(
        words.len() == 4 && words[0] == ["0", "0", "4294967295"],
        "rootful: the container's ids are the host's (no user namespace)",
    );
    // Podman's rootless default capabilities (CHOWN DAC_OVERRIDE FOWNER FSETID KILL
    // NET_BIND_SERVICE SETFCAP SETGID SETPCAP SETUID SYS_CHROOT) at least; at most its rootful
    // set, which adds NET_RAW, MKNOD and AUDIT_WRITE. rpod gives root what it gives its user.
    let (rootless, rootful) = (0x8004_05fbu64, 0xa804_25fbu64);
    for (i, what) in [(1, "CapEff:"), (2, "CapBnd:")] {
        assert_eq!(words[i][0], what, "{}", out.stdout);
        let caps = u64::from_str_radix(words[i][1], 16).unwrap();
        assert!(
            caps & rootless == rootless && caps & !rootful == 0,
            "{what} {caps:#x}: between podman's rootless and rootful sets\n{}",
            out.stdout
        );
        if !t.is_podman() {
            assert_eq!(
                caps, rootless,
                "{what}: rpod's default set, as for its user"
            );
        }
    }
    assert_eq!(words[3], ["Seccomp:", "2"], "{}", out.stdout);
    if t.engine == common::Engine::Rpod {
        let store = t.dir.join("real-root/store");
        let meta = std::fs::metadata(&store).unwrap();
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        assert_eq!(
            (meta.uid(), meta.permissions().mode() & 0o7777),
            (0, 0o700),
            "{} is root's alone",
            store.display()
        );
    }
}
