//! The store and the run-time directory are the user's alone (issue 10), and rpod's temporary
//! files cannot be redirected:
//! - the store root, `layers/` and a container's directory are `0700` whatever the umask, so
//!   another local user reaches nothing of them, a pulled image's setuid file least of all;
//!   a store an older rpod left open (`0755`) is made private when opened;
//! - without `XDG_RUNTIME_DIR`, `/tmp/rpod-run-<uid>` is created `0700` and refused when it is
//!   not the user's own directory of mode `0700`;
//! - `login` and `save -o` never write through a symlink planted at a temporary file's name.
//!
//! These tests look at rpod's own layout (`layers/`, `containers/<id>/upper`) and its own
//! fallback directory, so they run against rpod only. They run as root (as the suite does): root
//! checks as the third user `nobody` what another local user could reach.

mod common;

use common::{assert_error, env, shell_quote, Cmd, Output, Rpod};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ALPINE: &str = "alpine";
const LAYERS: &str = "127.0.0.1:5000/testenv/layers";

/// Runs `sh -c SCRIPT` as root (the test), e.g. to set a umask or a PID namespace around an
/// rpod command line.
fn root_sh(script: &str) -> Output {
    assert!(
        env().is_root,
        "these tests check what another user can reach: run them as root"
    );
    let out = Command::new("sh")
        .args(["-c", script])
        .stdin(Stdio::null())
        .output()
        .expect("running sh");
    Output {
        status: out.status.code().unwrap_or(128),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmdline: script.to_string(),
        signal: None,
        stdout_bytes: out.stdout,
    }
}

/// Runs `cmd` with the given umask.
fn with_umask(cmd: Cmd, umask: &str) -> Output {
    root_sh(&format!("umask {umask} && exec {}", cmd.shell_line()))
}

/// Runs `cmd` as PID 1 of a new PID namespace: the temporary names an older rpod derived from
/// its pid (`.NAME.<pid>.tmp`) are then known in advance, `.NAME.1.tmp`, as an attacker
/// watching the machine's pids could have guessed them.
fn as_pid_1(cmd: Cmd) -> Output {
    root_sh(&format!(
        "exec unshare --pid --fork sh -c {}",
        shell_quote(&format!("exec {}", cmd.shell_line()))
    ))
}

/// Runs `script` as the user nobody (uid 65534), another local user.
fn as_nobody(script: &str) -> Output {
    root_sh(&format!(
        "exec setpriv --reuid=65534 --regid=65534 --clear-groups sh -c {}",
        shell_quote(script)
    ))
}

/// Asserts that nobody cannot reach `path` (whatever is there: root checks it exists).
#[track_caller]
fn assert_unreachable(path: &Path) {
    assert!(
        std::fs::symlink_metadata(path).is_ok(),
        "{} should exist",
        path.display()
    );
    let p = shell_quote(&path.display().to_string());
    let out = as_nobody(&format!("ls -d {p}/. || cat {p}"));
    out.check(
        out.status != 0 && out.stderr.contains("Permission denied"),
        &format!("another user must not reach {}", path.display()),
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .mode()
        & 0o7777
}

#[track_caller]
fn assert_mode(path: &Path, want: u32) {
    assert_eq!(
        mode(path),
        want,
        "mode of {}: {:04o}, expected {want:04o}",
        path.display(),
        mode(path)
    );
}

/// The setuid file of the `testenv/layers` image, in whichever unpacked layer holds it.
fn setuid_file(root: &Path) -> PathBuf {
    std::fs::read_dir(root.join("layers"))
        .expect("layers/")
        .flatten()
        .map(|e| e.path().join("data/setuid-file"))
        .find(|p| p.exists())
        .expect("a layer with data/setuid-file")
}

/// The rpod binary and the test's store, for command lines the harness does not build
/// (without `--runroot`, or without `--root`).
fn rpod() -> String {
    shell_quote(&env().rpod.display().to_string())
}

#[test]
fn store_and_containers_are_private_whatever_the_umask() {
    let t = Rpod::new("private_store");
    if t.skip_for_podman("rpod's own store layout and modes") {
        return;
    }
    // The harness made the store already (0700): let rpod make it.
    t.sh(&format!(
        "rmdir {}",
        shell_quote(&t.root.display().to_string())
    ))
    .assert_ok();
    // umask 000: mkdir's mode alone decides.
    with_umask(t.cmd(&["pull", "-q", ALPINE]), "000").assert_ok();
    with_umask(t.cmd(&["pull", "-q", LAYERS]), "000").assert_ok();
    // umask 077: the container's `/` (its upper directory) must still be open to its users.
    let out = with_umask(
        t.cmd(&[
            "run",
            "--name",
            "kept",
            "--user",
            "1000",
            ALPINE,
            "sh",
            "-c",
            "stat -c %a / && ls / >/dev/null && echo entered",
        ]),
        "077",
    );
    out.assert_ok();
    assert_eq!(out.lines(), ["755", "entered"], "the container's /");

    let root = &t.root;
    for d in ["", "layers", "blobs", "containers", "tmp", "locks"] {
        assert_mode(&root.join(d), 0o700);
    }
    let id = std::fs::read_link(root.join("containers/by-name/kept")).expect("the name link");
    let container = root.join("containers").join(id.file_name().unwrap());
    assert_mode(&container, 0o700);
    assert_mode(&container.join("upper"), 0o755);
    let setuid = setuid_file(root);
    let meta = std::fs::metadata(&setuid).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o4755, "the image's setuid file");
    assert_eq!(
        meta.uid(),
        std::fs::metadata(root).unwrap().uid(),
        "the container's root owns it: the user on the host"
    );
    // Another local user reaches none of it.
    for p in [
        root.to_path_buf(),
        root.join("layers"),
        container.join("upper"),
        setuid,
    ] {
        assert_unreachable(&p);
    }
    // No temporary file left behind by the index and blob writes.
    let temps: Vec<String> = [root.to_path_buf(), root.join("blobs/sha256")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}

#[test]
fn store_left_open_by_an_older_rpod_is_made_private() {
    let t = Rpod::new("open_store");
    if t.skip_for_podman("rpod's own store layout and modes") {
        return;
    }
    // As an older rpod (umask 022) left them.
    let open_up = |root: &Path| {
        let r = shell_quote(&root.display().to_string());
        t.sh(&format!(
            "cd {r} && mkdir -p layers blobs containers tmp locks \
             && chmod 0755 . layers blobs containers tmp locks"
        ))
        .assert_ok();
    };

    // A root given with --root keeps its mode, as Podman leaves it; rpod's directories in it
    // are made private.
    t.ok(&["pull", "-q", LAYERS]);
    open_up(&t.root);
    let out = t.ok(&["images"]);
    let warning = out.stderr.trim();
    out.check(
        warning.contains("level=warning")
            && warning.contains(&t.root.display().to_string())
            && warning.contains("0700")
            && warning.lines().count() == 1,
        "one warning naming the store and what it became",
    );
    assert_mode(&t.root, 0o755);
    for d in ["layers", "blobs", "containers", "tmp", "locks"] {
        assert_mode(&t.root.join(d), 0o700);
    }
    assert_unreachable(&t.root.join("layers"));
    assert_unreachable(&setuid_file(&t.root));
    let again = t.ok(&["images"]);
    assert_eq!(again.stderr, "", "said once");
    assert_eq!(again.lines().len(), 2, "the image is still there");

    // rpod's default root ($XDG_DATA_HOME/rpod) is rpod's own: one chmod of it closes all.
    let default = t.home.join(".local/share/rpod");
    let shown = default.display().to_string();
    let images = format!("{} images", rpod());
    t.sh(&format!("{} pull -q {ALPINE}", rpod())).assert_ok();
    assert_mode(&default, 0o700);
    open_up(&default);
    let out = t.sh(&images);
    out.assert_ok();
    out.check(
        out.stderr.contains("level=warning")
            && out.stderr.contains(&shown)
            && out.stderr.contains("0700"),
        "a warning naming the store",
    );
    assert_mode(&default, 0o700);
    let again = t.sh(&images);
    again.assert_ok();
    assert_eq!(again.stderr, "", "said once");
    assert_eq!(again.lines().len(), 2, "the image is still there");
}

/// Removes the fallback run-time directory when the test ends, however it ends.
struct Fallback(PathBuf);

impl Fallback {
    fn clear(&self) {
        let _ = std::fs::remove_file(&self.0);
        env().remove_tree(&self.0);
        assert!(
            std::fs::symlink_metadata(&self.0).is_err(),
            "cannot remove {}",
            self.0.display()
        );
    }
}

impl Drop for Fallback {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        env().remove_tree(&self.0);
    }
}

#[test]
fn runtime_dir_fallback_is_private_or_refused() {
    let t = Rpod::new("runtime_fallback");
    if t.skip_for_podman("rpod's own run-time directory fallback") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let uid = common::as_user_sh("id -u").stdout.trim().to_string();
    let dir = Fallback(PathBuf::from(format!("/tmp/rpod-run-{uid}")));
    let shown = dir.0.display().to_string();
    // The test user's own fallback: whatever an earlier run left goes.
    dir.clear();
    // No --runroot, no XDG_RUNTIME_DIR: the run root is in the fallback.
    let run = || {
        t.sh(&format!(
            "umask 000 && env -u XDG_RUNTIME_DIR {} --root {} run --rm {ALPINE} true",
            rpod(),
            shell_quote(&t.root.display().to_string())
        ))
    };

    // Missing: created the user's, 0700 (umask 000 notwithstanding), and used.
    run().assert_ok();
    let meta = std::fs::symlink_metadata(&dir.0).expect("the fallback was created");
    assert!(meta.is_dir());
    assert_eq!(meta.uid().to_string(), uid);
    assert_mode(&dir.0, 0o700);
    assert_mode(&dir.0.join("rpod"), 0o700);

    // Made first by another user.
    dir.clear();
    std::fs::create_dir(&dir.0).unwrap();
    std::fs::set_permissions(&dir.0, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::chown(&dir.0, Some(65534), Some(65534)).unwrap();
    let out = run();
    assert_error(&t, &out, 125, &[&shown, "uid 65534", "XDG_RUNTIME_DIR"]);

    // The user's, but open to others.
    dir.clear();
    t.sh(&format!("mkdir -m 0755 {shown}")).assert_ok();
    let out = run();
    assert_error(&t, &out, 125, &[&shown, "0755", "XDG_RUNTIME_DIR"]);
    assert!(
        !dir.0.join("rpod").exists(),
        "nothing was made in a refused directory"
    );

    // A symlink (to a private directory of the user's, even).
    dir.clear();
    let elsewhere = t.dir.join("elsewhere");
    t.sh(&format!(
        "mkdir -m 0700 {e} && ln -s {e} {shown}",
        e = elsewhere.display()
    ))
    .assert_ok();
    let out = run();
    assert_error(&t, &out, 125, &[&shown, "symbolic link", "XDG_RUNTIME_DIR"]);
    assert!(
        std::fs::read_dir(&elsewhere).unwrap().next().is_none(),
        "nothing was made through the symlink"
    );
}

/// Plants, in `dir`, symlinks to a victim file at the temporary names of `file` that older
/// rpods used or that a careless writer would; returns the victim and the planted names.
fn plant(t: &Rpod, dir: &Path, file: &str) -> (PathBuf, Vec<String>) {
    let victim = t.dir.join("victim");
    let names = vec![
        format!(".{file}.1.tmp"),
        format!(".{file}.tmp"),
        format!("{file}.tmp"),
    ];
    let links: Vec<String> = names
        .iter()
        .map(|n| format!("ln -s {} {}/{n}", victim.display(), dir.display()))
        .collect();
    t.sh(&format!(
        "mkdir -p {} && echo precious >{} && {}",
        dir.display(),
        victim.display(),
        links.join(" && ")
    ))
    .assert_ok();
    (victim, names)
}

/// What `dir` holds, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `file` in `dir` is a regular file now, the victim is untouched, and nothing but `file` and
/// the planted names is in `dir`.
#[track_caller]
fn assert_not_redirected(dir: &Path, file: &str, victim: &Path, planted: &[String]) {
    assert_eq!(
        std::fs::read_to_string(victim).unwrap(),
        "precious\n",
        "the file a planted symlink points to was written"
    );
    let meta = std::fs::symlink_metadata(dir.join(file)).unwrap();
    assert!(
        meta.is_file(),
        "{file} must be a regular file, not a symlink"
    );
    let mut want: Vec<String> = planted.to_vec();
    want.push(file.to_string());
    want.sort();
    assert_eq!(entries(dir), want, "no temporary file left behind");
}

#[test]
fn login_never_writes_through_a_planted_temp_file() {
    let t = Rpod::new("login_planted");
    if t.skip_for_podman("rpod's own temporary file names") {
        return;
    }
    let e = env();
    let reg = e.registry_tls();
    let dir = t.dir.join("shared");
    let (victim, planted) = plant(&t, &dir, "auth.json");
    let authfile = dir.join("auth.json");
    let certs = e.cert_dir(reg);
    let out = as_pid_1(t.cmd(&[
        "login",
        "--authfile",
        authfile.to_str().unwrap(),
        "--cert-dir",
        certs.to_str().unwrap(),
        "-u",
        e.user(),
        "-p",
        e.password(),
        reg,
    ]));
    out.assert_ok();
    assert_not_redirected(&dir, "auth.json", &victim, &planted);
    let text = std::fs::read_to_string(&authfile).unwrap();
    assert!(text.contains(reg), "auth.json holds the login: {text}");
    assert_mode(&authfile, 0o600);
}

#[test]
fn save_never_writes_through_a_planted_temp_file() {
    let t = Rpod::new("save_planted");
    if t.skip_for_podman("rpod's own temporary file names") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let dir = t.dir.join("shared");
    let (victim, planted) = plant(&t, &dir, "alpine.tar");
    let archive = dir.join("alpine.tar");
    let out = as_pid_1(t.cmd(&["save", "-o", archive.to_str().unwrap(), ALPINE]));
    out.assert_ok();
    assert_not_redirected(&dir, "alpine.tar", &victim, &planted);
    let list = root_sh(&format!("tar -tf {}", archive.display()));
    list.assert_ok();
    assert!(list.lines().contains(&"manifest.json"), "{}", list.stdout);
}
