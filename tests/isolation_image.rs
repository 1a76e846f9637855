//! What a hostile image cannot make rpod do, and what `--init` shows the workload:
//!
//! * the image's `/etc/passwd` and `/etc/group` are read inside its own tree before `/proc` and
//!   `/dev` exist there, as regular files only, at most 4 MiB: a link to `/proc/self/environ`
//!   gives no host environment (keep-id used to write it into the container's `/etc/passwd`),
//!   a link to `/dev/zero` or a FIFO does not hang rpod, a directory reads as empty, a huge
//!   file is refused;
//! * with `--init`, PID 1 is catatonit exec'd from a read-only bind mount: its environment is
//!   the container's, its arguments hold nothing of rpod's (`--creds`), its descriptors are
//!   its own, and its executable is not the host's rpod binary.
//!
//! The images are the test busybox image plus one hand-made layer, pushed to the local
//! registry as `127.0.0.1:5000/hostile/<name>`.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use common::{assert_error, env, Output, Rpod};
use sha2::{Digest as _, Sha256};

const ALPINE: &str = "alpine";
/// In rpod's own environment, never to be seen in a container.
const HOST_MARKER: &str = "RPOD_IT_HOST_SECRET=host-environment-marker-7d1f";
/// A `--creds` password, never to be seen in a container.
const CREDS_MARKER: &str = "creds-marker-93ab";

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// One entry of the hostile layer.
enum Entry<'a> {
    File(&'a str, &'a [u8]),
    Symlink(&'a str, &'a str),
    Fifo(&'a str),
    Dir(&'a str),
}

fn layer(entries: &[Entry]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o644);
        h.set_mtime(1_700_000_000);
        h.set_uid(0);
        h.set_gid(0);
        let (path, data): (&str, &[u8]) = match e {
            Entry::File(p, d) => {
                h.set_entry_type(tar::EntryType::Regular);
                (p, d)
            }
            Entry::Symlink(p, target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_link_name(target).unwrap();
                (p, b"")
            }
            Entry::Fifo(p) => {
                h.set_entry_type(tar::EntryType::Fifo);
                (p, b"")
            }
            Entry::Dir(p) => {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_mode(0o755);
                (p, b"")
            }
        };
        h.set_size(data.len() as u64);
        b.append_data(&mut h, path, data).unwrap();
    }
    b.into_inner().unwrap()
}

fn skopeo(args: &[&str]) {
    let out = Command::new("skopeo")
        .args(args)
        .output()
        .expect("running skopeo");
    assert!(
        out.status.success(),
        "skopeo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The test busybox image as an OCI layout, copied once from the registry.
fn base_layout() -> &'static Path {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = env().base.join("layout-isolation-base");
        let src = format!("docker://{}/library/alpine:latest", env().registry());
        let dst = format!("oci:{}:latest", dir.display());
        skopeo(&["copy", "--quiet", "--src-tls-verify=false", &src, &dst]);
        dir
    })
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Pushes busybox plus `entries` as one more layer to `127.0.0.1:5000/hostile/<name>`;
/// returns that reference.
fn push_image(name: &str, entries: &[Entry]) -> String {
    let base = base_layout();
    let dir = env().base.join(format!("layout-isolation-{name}"));
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    for e in std::fs::read_dir(base.join("blobs/sha256")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), blobs.join(e.file_name())).unwrap();
    }
    let blob = |digest: &str| base.join("blobs/sha256").join(&digest[7..]);
    let put = |bytes: &[u8]| {
        let digest = sha256(bytes);
        std::fs::write(blobs.join(&digest[7..]), bytes).unwrap();
        digest
    };
    let index = read_json(&base.join("index.json"));
    let mut manifest = read_json(&blob(index["manifests"][0]["digest"].as_str().unwrap()));
    let mut config = read_json(&blob(manifest["config"]["digest"].as_str().unwrap()));

    let tar = layer(entries);
    let layer_digest = put(&tar);
    config["rootfs"]["diff_ids"]
        .as_array_mut()
        .unwrap()
        .push(layer_digest.clone().into());
    let config = config.to_string();
    manifest["config"]["digest"] = put(config.as_bytes()).into();
    manifest["config"]["size"] = config.len().into();
    manifest["layers"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar",
            "digest": layer_digest, "size": tar.len(),
        }));
    let manifest = manifest.to_string();
    let index = serde_json::json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "digest": put(manifest.as_bytes()), "size": manifest.len(),
                       "annotations": {"org.opencontainers.image.ref.name": "latest"}}],
    });
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let reference = format!("{}/hostile/{name}:latest", env().registry());
    let src = format!("oci:{}:latest", dir.display());
    let dst = format!("docker://{reference}");
    skopeo(&["copy", "--quiet", "--dest-tls-verify=false", &src, &dst]);
    reference
}

/// A store with `image` pulled.
fn with_image(name: &str, image: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", image]);
    t
}

/// `run --rm ARGS` with the markers in rpod's environment and arguments; at most 30 s
/// (a FIFO used to hang rpod for good).
fn run_marked(t: &Rpod, args: &[&str]) -> Output {
    run_measured(t, args).0
}

/// [`run_marked`], with the largest resident size (KiB) that rpod or any process it waited
/// for reached (`wait4`'s rusage): what an image can make rpod hold in memory.
fn run_measured(t: &Rpod, args: &[&str]) -> (Output, i64) {
    let (key, value) = HOST_MARKER.split_once('=').unwrap();
    let creds = format!("user:{CREDS_MARKER}");
    let mut a = vec!["run", "--rm", "--creds", &creds];
    if t.is_podman() {
        a.truncate(2); // podman 4.3's run has no --creds
    }
    a.extend_from_slice(args);
    let mut running = t.cmd(&a).env(key, value).spawn();
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(running.child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(running.child.stderr.take().map(|p| Box::new(p) as _));
    let pid = running.child.id() as libc::pid_t;
    let reap = |flags| {
        let mut status = 0;
        // SAFETY: plain wait4 on our own child, into locals.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        (r == pid).then_some((status, usage.ru_maxrss))
    };
    let ended = common::wait_for(Duration::from_secs(30), || reap(libc::WNOHANG));
    let timed_out = ended.is_none();
    let (status, max_rss) = ended.unwrap_or_else(|| {
        running.kill();
        reap(0).expect("wait4")
    });
    let signal = libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status));
    let out = Output {
        status: signal.map_or(libc::WEXITSTATUS(status), |s| 128 + s),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        cmdline: running.cmdline.clone(),
        signal,
        stdout_bytes: Vec::new(),
    };
    out.check(!timed_out, "still running after 30 s");
    (out, max_rss)
}

/// rpod's debug build needs some 20 MiB; reading a hostile file must not add much to that.
#[track_caller]
fn assert_small(out: &Output, max_rss_kib: i64) {
    out.check(
        max_rss_kib < 128 * 1024,
        &format!("rpod grew to {} MiB", max_rss_kib / 1024),
    );
}

#[track_caller]
fn assert_no_marker(out: &Output, what: &str) {
    let value = HOST_MARKER.split_once('=').unwrap().1;
    for marker in [value, CREDS_MARKER] {
        out.check(
            !out.stdout.contains(marker) && !out.stderr.contains(marker),
            &format!("{what} shows rpod's {marker:?}"),
        );
    }
}

#[test]
fn keep_id_passwd_linked_to_proc_self_gives_no_host_environment() {
    for (name, target) in [
        ("passwd-environ", "/proc/self/environ"),
        ("passwd-cmdline", "/proc/self/cmdline"),
    ] {
        let image = push_image(
            name,
            &[
                Entry::Symlink("etc/passwd", target),
                Entry::Symlink("etc/group", target),
            ],
        );
        let t = with_image(name, &image);
        // cat as PID 1: rpod used to bind its own environment (or arguments) over
        // /proc/1/environ, where the link leads.
        let out = run_marked(
            &t,
            &[
                "--userns=keep-id",
                &image,
                "cat",
                "/etc/passwd",
                "/etc/group",
            ],
        );
        // podman refuses keep-id here (it finds no file to copy); rpod adds no entry.
        if !t.is_podman() {
            out.assert_ok();
        }
        assert_no_marker(&out, &format!("/etc/passwd linked to {target}"));
    }
}

#[test]
fn passwd_linked_to_dev_zero_reads_as_empty_at_once() {
    let image = push_image("passwd-zero", &[Entry::Symlink("etc/passwd", "/dev/zero")]);
    let t = with_image("passwd_zero", &image);
    // Numeric users need no passwd entry; names cannot be found in an empty file. (The
    // workload must not look names up itself: busybox's `id` would read /dev/zero for good.)
    let (out, max_rss) = run_measured(
        &t,
        &["-u", "7", &image, "grep", "^Uid:", "/proc/self/status"],
    );
    out.assert_ok();
    assert_small(&out, max_rss);
    assert_eq!(
        out.stdout.split_whitespace().nth(1),
        Some("7"),
        "{}",
        out.stdout
    );
    let out = run_marked(&t, &["-u", "app", &image, "true"]);
    // podman says so with 126 (its OCI runtime's status), rpod with its own 125.
    let want = if t.is_podman() { 126 } else { 125 };
    assert_error(&t, &out, want, &["unable to find user app"]);
    if !t.is_podman() {
        run_marked(&t, &["--userns=keep-id", &image, "true"]).assert_ok();
    }
}

#[test]
fn group_file_that_is_a_fifo_or_a_directory_reads_as_empty() {
    for (name, entry) in [
        ("group-fifo", Entry::Fifo("etc/group")),
        ("group-dir", Entry::Dir("etc/group")),
    ] {
        let image = push_image(name, &[entry]);
        let t = with_image(name, &image);
        if t.is_podman() {
            // podman 4.3 blocks for good opening the FIFO, and fails on the directory
            // (126, "is a directory").
            continue;
        }
        // No memberships from the file: root is in its own group only.
        let out = run_marked(&t, &[&image, "grep", "^Groups:", "/proc/self/status"]);
        out.assert_ok();
        assert_eq!(
            out.stdout.split_whitespace().collect::<Vec<_>>(),
            ["Groups:", "0"],
            "{name}"
        );
        let out = run_marked(&t, &["-u", "0:app", &image, "true"]);
        let want = if t.is_podman() { 126 } else { 125 };
        assert_error(&t, &out, want, &["unable to find group app"]);
        if !t.is_podman() {
            run_marked(&t, &["--userns=keep-id", &image, "true"]).assert_ok();
        }
    }
}

#[test]
fn passwd_larger_than_the_cap_is_refused() {
    let line = "user:x:2000:2000:a user of a very large image:/home/user:/bin/sh\n";
    let mut big = b"root:x:0:0:root:/root:/bin/sh\n".to_vec();
    while big.len() <= 4 << 20 {
        big.extend_from_slice(line.as_bytes());
    }
    let image = push_image("passwd-huge", &[Entry::File("etc/passwd", &big)]);
    let t = with_image("passwd_huge", &image);
    let out = run_marked(&t, &[&image, "true"]);
    if t.is_podman() {
        out.assert_ok(); // podman has no cap
        return;
    }
    assert_error(&t, &out, 125, &["/etc/passwd", "4 MiB"]);
}

/// `sh -c SCRIPT` under `--init` with the markers, asserting success; returns stdout.
fn init_sh(t: &Rpod, script: &str) -> String {
    let out = run_marked(t, &["--init", ALPINE, "sh", "-c", script]);
    out.assert_ok();
    assert_no_marker(&out, "PID 1");
    out.stdout
}

fn alpine(name: &str) -> Rpod {
    with_image(name, ALPINE)
}

#[test]
fn init_pid_1_has_the_container_environment_and_its_own_arguments() {
    let t = alpine("init_environ");
    let out = run_marked(
        &t,
        &[
            "--init",
            "--hostname",
            "box",
            "-e",
            "FOO=bar",
            ALPINE,
            "cat",
            "/proc/1/environ",
        ],
    );
    out.assert_ok();
    assert_no_marker(&out, "PID 1");
    let mut environ: Vec<&str> = out
        .stdout
        .split('\0')
        .filter(|v| !v.is_empty())
        // podman's own additions
        .filter(|v| !t.is_podman() || !(v.starts_with("TERM=") || v.starts_with("container=")))
        .collect();
    environ.sort();
    assert_eq!(
        environ,
        [
            "FOO=bar",
            "HOME=/root",
            "HOSTNAME=box",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        ],
        "PID 1's environment should be the container's"
    );
    let cmdline = init_sh(&t, "tr '\\0' ' ' </proc/1/cmdline");
    assert_eq!(
        cmdline,
        "/run/podman-init -- sh -c tr '\\0' ' ' </proc/1/cmdline "
    );
}

#[test]
fn init_pid_1_is_not_the_host_rpod_binary() {
    let t = alpine("init_exe");
    let host = {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&env().rpod).unwrap();
        format!("{}:{}", m.dev(), m.ino())
    };
    let out = init_sh(
        &t,
        "readlink /proc/1/exe; stat -L -c %d:%i /proc/1/exe; \
         if echo x >>/proc/1/exe; then echo written; fi",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "/run/podman-init", "{out}");
    assert_ne!(lines[1], host, "PID 1 runs the host's rpod binary");
    assert_eq!(lines.len(), 2, "PID 1's executable could be written: {out}");
    // It lies on a read-only mount, whoever owns the host's file.
    let mounts = init_sh(&t, "grep ' /run/podman-init ' /proc/self/mountinfo");
    let options = mounts.split(' ').nth(5).unwrap_or_default();
    assert!(options.split(',').any(|o| o == "ro"), "{mounts}");
}

#[test]
fn init_pid_1_has_only_its_own_descriptors() {
    let t = alpine("init_fds");
    // stdio and catatonit's signalfd: nothing of rpod's.
    let out = init_sh(
        &t,
        "cd /proc/1/fd && for f in *; do echo \"$f $(readlink $f)\"; done",
    );
    let fds: Vec<&str> = out.lines().collect();
    assert_eq!(fds.len(), 4, "{out}");
    assert!(fds[0].starts_with("0 /dev/null"), "{out}");
    assert!(fds[3].starts_with("3 anon_inode:[signalfd]"), "{out}");
}

#[test]
fn init_still_reports_commands_it_cannot_run() {
    let t = alpine("init_exec_errors");
    for (cmd, want) in [("nosuchcommand", 127), ("/no/such", 127), ("/etc", 126)] {
        let out = run_marked(&t, &["--init", ALPINE, cmd]);
        if t.is_podman() {
            out.assert_fails(1); // catatonit's own failure
            continue;
        }
        assert_error(&t, &out, want, &[cmd]);
    }
    let out = run_marked(&t, &["--init", ALPINE, "sh", "-c", "exit 7"]);
    out.assert_fails(7);
}

#[test]
fn init_path_is_checked_on_the_host() {
    let t = alpine("init_path");
    let out = run_marked(
        &t,
        &["--init", "--init-path", "/no/such/init", ALPINE, "true"],
    );
    assert_error(&t, &out, 125, &["/no/such/init", "not found"]);
    if t.skip_for_podman("the rest: podman ignores --init-path without --init") {
        return;
    }
    assert!(out.stderr.contains("install catatonit"), "{}", out.stderr);
    let out = run_marked(&t, &["--init-path", "/usr/bin/catatonit", ALPINE, "true"]);
    assert_error(&t, &out, 125, &["--init-path", "--init"]);
    let out = run_marked(
        &t,
        &[
            "--init",
            "--init-path",
            "/usr/bin/catatonit",
            ALPINE,
            "cat",
            "/proc/1/cmdline",
        ],
    );
    out.assert_ok();
    assert_eq!(out.stdout, "/run/podman-init\0--\0cat\0/proc/1/cmdline\0");
}

/// The files are read before the user's volumes are mounted: a volume over one of them is
/// read from its host source instead, as Podman does.
#[test]
fn a_volume_over_passwd_is_what_users_are_looked_up_in() {
    let t = alpine("passwd_volume");
    let dir = t.dir.join("etc");
    t.sh(&format!(
        "mkdir '{d}' && printf 'ann:x:4321:4322::/home/ann:/bin/sh\\n' >'{d}/passwd' && \
         printf 'ann:x:4322:\\nstaff:x:50:ann\\n' >'{d}/group'",
        d = dir.display()
    ))
    .assert_ok();
    let file = format!("{}:/etc/passwd:ro", dir.join("passwd").display());
    let group = format!("{}:/etc/group:ro", dir.join("group").display());
    let out = run_marked(
        &t,
        &[
            "-v",
            &file,
            "-v",
            &group,
            "-u",
            "ann",
            ALPINE,
            "grep",
            "-E",
            "^(Uid|Gid|Groups):",
            "/proc/self/status",
        ],
    );
    out.assert_ok();
    let fields: Vec<Vec<&str>> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(
        fields,
        [
            vec!["Uid:", "4321", "4321"],
            vec!["Gid:", "4322", "4322"],
            vec!["Groups:", "50", "4322"]
        ],
        "{}",
        out.stdout
    );
}
