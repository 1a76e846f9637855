//! `rpod run` as its users check it (issue 3): the image is pulled on first use, the workload
//! runs as root in a user namespace of the unprivileged user rpodtest, sees only its image and
//! its mounts, gets the options it asked for, and its exit status, terminal and signals pass
//! through; `--rm` leaves no process, mount or directory behind; bad input fails with 125 and
//! one line of error.
//!
//! Expectations follow Podman: `RPOD_IT_ENGINE=podman cargo test --test run` runs the same
//! tests with rootless podman. Where the two differ on purpose, the test says so.

mod common;

use common::{as_user_sh, assert_error, wait_for, Output, Rpod, Tmux};
use std::path::Path;
use std::time::{Duration, Instant};

const ALPINE: &str = "alpine";
const LAYERS: &str = "127.0.0.1:5000/testenv/layers";
const CONFIG: &str = "127.0.0.1:5000/testenv/config";

/// `run --rm ARGS`.
fn run(t: &Rpod, args: &[&str]) -> Output {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    t.cmd(&a).run()
}

/// `run --rm ARGS`, asserting success; returns stdout.
#[track_caller]
fn run_ok(t: &Rpod, args: &[&str]) -> String {
    let out = run(t, args);
    out.assert_ok();
    out.stdout
}

/// A store with alpine already pulled, so that stderr holds only what `run` says.
fn with_alpine(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t
}

/// The line of `/proc/self/status` inside the container that starts with `field:`.
#[track_caller]
fn status_field(t: &Rpod, args: &[&str], field: &str) -> String {
    let pattern = format!("^{field}:");
    let mut a = args.to_vec();
    a.extend_from_slice(&[ALPINE, "grep", "-E", &pattern, "/proc/self/status"]);
    let out = run_ok(t, &a);
    out.split_once(':')
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status: {out}"))
}

/// Processes (pid, argv) whose command line or mount table mentions the test's directories:
/// rpod itself, its init, and every process of its containers (their mounts come from the
/// test's store).
fn processes_of(t: &Rpod) -> Vec<(u32, Vec<String>)> {
    let needles = [
        format!("{}/", t.dir.display()),
        format!("{}/", t.runroot.display()),
    ];
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).into_owned();
        let mountinfo = std::fs::read_to_string(e.path().join("mountinfo")).unwrap_or_default();
        if needles
            .iter()
            .any(|n| cmdline.contains(n.as_str()) || mountinfo.contains(n.as_str()))
        {
            let argv = cmdline
                .split('\0')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            found.push((pid, argv));
        }
    }
    found
}

/// Waits until a process of the test's container runs `argv`; returns its pid.
#[track_caller]
fn wait_for_process(t: &Rpod, argv: &[&str]) -> u32 {
    wait_for(Duration::from_secs(20), || {
        processes_of(t)
            .into_iter()
            .find(|(_, a)| a.iter().map(String::as_str).eq(argv.iter().copied()))
            .map(|(pid, _)| pid)
    })
    .unwrap_or_else(|| {
        panic!(
            "no process {argv:?} of the container after 20 s; the test's processes: {:?}",
            processes_of(t)
        )
    })
}

/// The paths in `dir`, none if it does not exist.
fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path().display().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Container directories left in the store and the run root (rpod), or containers podman
/// still lists.
fn leftover_containers(t: &Rpod) -> Vec<String> {
    if t.is_podman() {
        return t
            .ok(&["ps", "-a", "-q"])
            .lines()
            .iter()
            .map(|s| s.to_string())
            .collect();
    }
    let containers = t.root.join("containers");
    let mut left: Vec<String> = entries(&containers)
        .into_iter()
        // rpod's own: the shared init layer, the names, and the emptied directory of an
        // earlier container kept for the next one.
        .filter(|p| {
            !p.ends_with("/init-layer") && !p.ends_with("/by-name") && !p.ends_with("/.spare")
        })
        .collect();
    left.extend(entries(&containers.join("by-name")));
    left.extend(entries(&t.runroot.join("containers")));
    left
}

/// How long the detached cleaner of a `--rm` container may take to delete it: it starts once
/// rpod has exited and runs at nice 19, behind everything else on a loaded 2-core machine.
const CLEANER_DEADLINE: Duration = Duration::from_secs(60);

/// rpod: waits until the store's `tmp/` is empty — `--rm` renames the container there and its
/// cleaner deletes it (or recycles it as `containers/.spare`); a pull's staging goes there too.
#[track_caller]
fn assert_tmp_empties(t: &Rpod) {
    let tmp = t.root.join("tmp");
    if !tmp.is_dir() {
        // Nothing went through it (a run refused before its container was made). A recycled
        // container did: then an empty listing of a missing tmp/ would prove nothing.
        let spare = t.root.join("containers/.spare");
        assert!(
            !spare.exists(),
            "{} exists but {} does not: where did the removed container go?",
            spare.display(),
            tmp.display()
        );
        return;
    }
    let emptied = wait_for(CLEANER_DEADLINE, || entries(&tmp).is_empty().then_some(()));
    assert!(
        emptied.is_some(),
        "the store's tmp/ still holds {:?} after {CLEANER_DEADLINE:?}: the cleaner did not delete \
         the removed containers",
        entries(&tmp)
    );
}

/// After `--rm` containers ended: no process, no mount, no container directory remains.
#[track_caller]
fn assert_nothing_left(t: &Rpod) {
    if !t.is_podman() {
        assert_tmp_empties(t);
    }
    // rpod waits for its containers, so this is immediate; the deadline only absorbs the
    // kernel's reaping of a killed process tree.
    let procs = wait_for(common::PROMPTLY, || {
        let p = processes_of(t);
        p.is_empty().then_some(())
    });
    assert!(
        procs.is_some(),
        "processes (or their mounts) of the test's containers remain: {:?}",
        processes_of(t)
    );
    let left = leftover_containers(t);
    assert!(left.is_empty(), "containers remain: {left:?}");
}

/// `testenv/layers` ran and its self-check passed: `what` says how the tree was made.
#[track_caller]
fn assert_layers_checks_pass(out: &Output, what: &str) {
    out.assert_ok();
    out.check(out.lines().contains(&"layers: 37/37 checks passed"), what);
}

/// The container ID of the container called `name`.
fn container_id(t: &Rpod, name: &str) -> String {
    if t.is_podman() {
        return t
            .ok(&["container", "inspect", "--format", "{{.Id}}", name])
            .stdout
            .trim()
            .to_string();
    }
    let link = std::fs::read_link(t.root.join("containers/by-name").join(name))
        .unwrap_or_else(|e| panic!("containers/by-name/{name}: {e}"));
    link.file_name().unwrap().to_string_lossy().into_owned()
}

/// rpodtest's uid, and the start and length of its subordinate uid range.
fn user_ids() -> (String, String, String) {
    let out = as_user_sh("id -u; id -un");
    out.assert_ok();
    let lines = out.lines();
    let (uid, name) = (lines[0].to_string(), lines[1].to_string());
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap();
    let range = subuid
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() == 3 && (f[0] == name || f[0] == uid))
        .unwrap_or_else(|| panic!("{name} has no range in /etc/subuid"));
    (uid, range[1].to_string(), range[2].to_string())
}

#[test]
fn echo_hello_pulls_the_image_on_first_use() {
    let t = Rpod::new("run_echo_hello");
    let out = run(&t, &["--pull=never", ALPINE, "echo", "hello"]);
    assert_error(&t, &out, 125, &["alpine: image not known"]);

    let out = run(&t, &[ALPINE, "echo", "hello"]);
    out.assert_ok();
    assert_eq!(out.stdout, "hello\n", "{out:?}");
    t.ok(&["image", "exists", "docker.io/library/alpine:latest"]);

    // Now in the store: --pull=never runs it.
    assert_eq!(
        run_ok(&t, &["--pull=never", ALPINE, "echo", "hello"]),
        "hello\n"
    );
    assert_nothing_left(&t);
}

#[test]
fn layers_image_passes_its_checks_inside() {
    let t = Rpod::new("run_layers");
    let out = run(&t, &[LAYERS]);
    assert_layers_checks_pass(
        &out,
        "the image's default command should report all its checks passed",
    );
}

#[test]
fn root_inside_owns_files_as_the_user_outside() {
    let t = with_alpine("run_bind_owner");
    assert_eq!(run_ok(&t, &[ALPINE, "id", "-u"]), "0\n");

    let host = t.dir.join("hostdir");
    t.sh(&format!(
        "mkdir '{h}' && echo from-host >'{h}/in.txt'",
        h = host.display()
    ))
    .assert_ok();
    let vol = format!("{}:/data", host.display());
    let out = run_ok(
        &t,
        &[
            "-v",
            &vol,
            ALPINE,
            "sh",
            "-c",
            "cat /data/in.txt && echo from-container >/data/out.txt",
        ],
    );
    assert_eq!(out, "from-host\n");
    let stat = t.sh(&format!(
        "stat -c %U '{h}/out.txt' && cat '{h}/out.txt'",
        h = host.display()
    ));
    stat.assert_ok();
    assert_eq!(
        stat.lines(),
        ["rpodtest", "from-container"],
        "a file root writes in the container belongs to the user on the host"
    );

    // :ro — the container reads but cannot write.
    let ro = format!("{vol}:ro");
    let out = run(&t, &["-v", &ro, ALPINE, "touch", "/data/ro.txt"]);
    out.assert_fails(1);
    out.check(
        out.stderr.contains("Read-only file system"),
        "touch should fail with EROFS",
    );
    assert_eq!(
        run_ok(&t, &["-v", &ro, ALPINE, "cat", "/data/in.txt"]),
        "from-host\n"
    );
    assert!(
        !host.join("ro.txt").exists(),
        "the :ro write reached the host"
    );
}

/// Removes the marker files when the test ends, even when it fails.
struct Markers(Vec<String>);

impl Drop for Markers {
    fn drop(&mut self) {
        let _ = as_user_sh(&format!("rm -f {}", self.0.join(" ")));
    }
}

#[test]
fn container_sees_no_host_file_and_its_own_ids() {
    let t = with_alpine("run_isolation");
    let tag = format!("rpod-it-marker-{}-{}", std::process::id(), t.engine.name());
    let markers = Markers(vec![
        format!("/tmp/{tag}"),
        format!("/home/rpodtest/{tag}"),
        format!("{}/{tag}", t.home.display()),
    ]);
    as_user_sh(&format!("touch {}", markers.0.join(" "))).assert_ok();

    // What the image has: /home/app; /tmp empty.
    assert_eq!(run_ok(&t, &[ALPINE, "ls", "-A", "/home"]), "app\n");
    assert_eq!(run_ok(&t, &[ALPINE, "ls", "-A", "/tmp"]), "");
    for m in &markers.0 {
        let out = run(&t, &[ALPINE, "test", "!", "-e", m]);
        out.check(
            out.status == 0,
            &format!("the container sees the host's {m}"),
        );
    }
    // PID 1 is the container's own command.
    let out = run_ok(&t, &[ALPINE, "cat", "/proc/1/cmdline"]);
    assert_eq!(out, "cat\0/proc/1/cmdline\0");

    // root is the user; 1.. are its subordinate ids.
    let (uid, sub_start, sub_len) = user_ids();
    let out = run_ok(&t, &[ALPINE, "cat", "/proc/self/uid_map"]);
    let map: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        map,
        [
            vec!["0", uid.as_str(), "1"],
            vec!["1", sub_start.as_str(), sub_len.as_str()]
        ],
        "uid_map:\n{out}"
    );
}

#[test]
fn hostname_is_the_short_id_or_the_given_one() {
    let t = with_alpine("run_hostname");
    let out = t.ok(&["run", "--name", "named", ALPINE, "hostname"]);
    let id = container_id(&t, "named");
    assert_eq!(out.stdout.trim(), &id[..12]);
    assert_eq!(
        run_ok(&t, &["--hostname", "box", ALPINE, "hostname"]),
        "box\n"
    );
}

#[test]
fn network_none_gives_a_namespace_of_its_own_with_only_lo_up() {
    let t = with_alpine("run_network_none");
    let host = std::fs::read_link("/proc/self/ns/net").expect("the host's network namespace");
    let script = "readlink /proc/self/ns/net; ls /sys/class/net; cat /sys/class/net/lo/flags; \
                  tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";
    let out = run_ok(&t, &["--network", "none", ALPINE, "sh", "-c", script]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "unexpected output: {out}");
    assert_ne!(
        lines[0],
        host.to_string_lossy(),
        "the host's network namespace"
    );
    // /sys shows the namespace of whoever mounted it: the container's, not the host's.
    assert_eq!(lines[1], "lo", "interfaces in /sys/class/net");
    let flags = u32::from_str_radix(lines[2].trim_start_matches("0x"), 16).expect("lo's flags");
    assert_eq!(flags & 1, 1, "lo is not up (flags {})", lines[2]);
    assert_eq!(lines[3], "lo", "interfaces in /proc/net/dev");
}

#[test]
fn masked_and_read_only_paths_hold_even_under_a_volume() {
    let t = with_alpine("run_masked");
    let script =
        "wc -c < /proc/timer_list; ls -A /proc/acpi | wc -l; ls -A /sys/firmware | wc -l; \
                  ls -A /sys/dev/block | wc -l; \
                  for d in /proc/acpi /sys/firmware /sys/dev/block; do \
                    touch $d/x 2>/dev/null && echo wrote $d; done; \
                  echo 0 2>/dev/null > /proc/sys/net/ipv4/ip_forward && echo written; \
                  cat /proc/keys; echo --mounts--; cut -d' ' -f5 /proc/self/mountinfo";
    // The container's answers prove nothing about a path the host lacks (it reads as empty or
    // missing either way): every path checked must exist here. (This kernel has no
    // /proc/sysrq-trigger or /proc/kcore, so neither is checked.)
    let checked = [
        "/proc/timer_list",
        "/proc/acpi",
        "/sys/firmware",
        "/sys/dev/block",
        "/proc/sys",
        "/proc/keys",
    ];
    for p in checked {
        assert!(
            Path::new(p).exists(),
            "this host lacks {p}: the test needs it"
        );
    }
    let secret = t.dir.join("secret");
    std::fs::write(&secret, "not for the container\n").unwrap();
    let volume = format!("{}:/proc/keys", secret.display());
    for extra in [&[][..], &["-v", volume.as_str()][..]] {
        // NET_ADMIN: the container could write its own network namespace's sysctls.
        let mut args = vec!["--cap-add", "NET_ADMIN"];
        args.extend_from_slice(extra);
        args.extend([ALPINE, "sh", "-c", script]);
        let out = run_ok(&t, &args);
        let (answers, mounts) = out.split_once("--mounts--\n").expect("the mount list");
        let lines: Vec<&str> = answers.lines().map(str::trim).collect();
        // timer_list and keys read as /dev/null; acpi, firmware and dev/block are empty and
        // read-only; /proc/sys refuses writes (ip_forward is the container's network
        // namespace's, writable with NET_ADMIN otherwise).
        assert_eq!(lines, ["0", "0", "0", "0"], "with {extra:?}: {out}");
        // Each is a mount of its own in the container, the volume's /proc/keys covered again.
        let mounts: Vec<&str> = mounts.lines().collect();
        for p in checked {
            assert!(
                mounts.contains(&p),
                "with {extra:?}: {p} is not a mount point: {out}"
            );
        }
    }
}

#[test]
fn exit_statuses_pass_through() {
    let t = with_alpine("run_exit_status");
    for (cmd, want) in [
        (&["true"][..], 0),
        (&["false"][..], 1),
        (&["sh", "-c", "exit 32"][..], 32),
        (&["/no/such"][..], 127),
        (&["nosuchcommand"][..], 127),
        (&["/etc"][..], 126),
    ] {
        let mut args = vec![ALPINE];
        args.extend_from_slice(cmd);
        let out = run(&t, &args);
        if want >= 126 {
            // Could not start the workload: the engine says why, in one line (rpod names the
            // command; podman, through crun, not when it is a directory).
            let not_found = format!("executable file `{}` not found", cmd[0]);
            let needles: Vec<&str> = match (want, t.is_podman()) {
                (127, _) => vec![&not_found],
                (_, false) => vec![cmd[0], "is a directory: permission denied"],
                (_, true) => vec!["permission denied"],
            };
            assert_error(&t, &out, want, &needles);
        } else {
            out.assert_fails(want);
        }
    }
    // A workload killed by SIGKILL gives 128+9. It must not be PID 1 for that: the kernel drops
    // signals PID 1 sends itself when it has no handler (podman gives 0 there too), so --init
    // runs it as PID 2.
    let out = run(&t, &["--init", ALPINE, "sh", "-c", "kill -9 $$"]);
    out.assert_fails(137);
    assert_nothing_left(&t);
}

#[test]
fn env_and_env_file() {
    let t = with_alpine("run_env");
    let file = t.dir.join("env.list");
    t.sh(&format!(
        "printf '%s\\n' '# a comment' 'A=1' 'B=two words' 'C=from-file' >'{}'",
        file.display()
    ))
    .assert_ok();
    let out = t
        .cmd(&[
            "run",
            "--rm",
            "-e",
            "FOO=bar",
            "-e",
            "FROMHOST",
            "--env-file",
            file.to_str().unwrap(),
            "-e",
            "C=from-flag",
            ALPINE,
            "sh",
            "-c",
            "echo \"$FOO|$FROMHOST|$A|$B|$C|$PATH\"",
        ])
        .env("FROMHOST", "host-value")
        .run();
    out.assert_ok();
    assert_eq!(
        out.stdout,
        "bar|host-value|1|two words|from-flag|\
         /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n",
        "-e, -e NAME (host's value), --env-file, -e over the file, the image's PATH"
    );
}

#[test]
fn workdir() {
    let t = with_alpine("run_workdir");
    assert_eq!(run_ok(&t, &["-w", "/tmp", ALPINE, "pwd"]), "/tmp\n");
    assert_eq!(run_ok(&t, &["--workdir=/etc", ALPINE, "pwd"]), "/etc\n");
    assert_eq!(run_ok(&t, &[ALPINE, "pwd"]), "/\n");
}

#[test]
fn user_by_id_and_by_name() {
    let t = with_alpine("run_user");
    let ids = "echo $(id -u) $(id -g) $(id -un) $HOME";
    for u in ["1000", "app"] {
        assert_eq!(
            run_ok(&t, &["-u", u, ALPINE, "sh", "-c", ids]),
            "1000 1000 app /home/app\n",
            "-u {u}"
        );
    }
    assert_eq!(
        run_ok(&t, &["--user", "app:nogroup", ALPINE, "sh", "-c", ids]),
        "1000 65534 app /home/app\n"
    );
    // A uid without a passwd entry: group 0, HOME /.
    assert_eq!(
        run_ok(
            &t,
            &[
                "-u",
                "1234",
                ALPINE,
                "sh",
                "-c",
                "echo $(id -u) $(id -g) $HOME"
            ]
        ),
        "1234 0 /\n"
    );
    // The default is the image's: root.
    assert_eq!(run_ok(&t, &[ALPINE, "sh", "-c", ids]), "0 0 root /root\n");
}

#[test]
fn user_gets_its_group_as_supplementary_group() {
    let t = with_alpine("run_user_groups");
    assert_eq!(
        run_ok(&t, &["-u", "app", ALPINE, "id"]),
        "uid=1000(app) gid=1000(app) groups=1000(app)\n"
    );
    assert_eq!(status_field(&t, &["-u", "app"], "Groups"), "1000");
}

#[test]
fn entrypoint() {
    let t = with_alpine("run_entrypoint");
    assert_eq!(
        run_ok(&t, &["--entrypoint", "echo", ALPINE, "a", "b"]),
        "a b\n"
    );
    assert_eq!(
        run_ok(&t, &["--entrypoint", r#"["echo","x"]"#, ALPINE, "y"]),
        "x y\n"
    );
    // The config image's entrypoint is httpd with CMD "-p 8080 -h /www": --entrypoint replaces
    // the entrypoint and drops the image's CMD.
    t.ok(&["pull", "-q", CONFIG]);
    assert_eq!(run_ok(&t, &["--entrypoint", "/bin/echo", CONFIG]), "\n");
    assert_eq!(
        run_ok(&t, &["--entrypoint", "/bin/echo", CONFIG, "hi"]),
        "hi\n"
    );
}

#[test]
fn read_only_root() {
    let t = with_alpine("run_read_only");
    let out = run(&t, &["--read-only", ALPINE, "touch", "/x"]);
    out.assert_fails(1);
    out.check(
        out.stderr.contains("Read-only file system"),
        "touch /x should fail with EROFS",
    );
    // Without --read-only the root is writable.
    run_ok(&t, &[ALPINE, "touch", "/x"]);
    // Mounts keep their own mode.
    let host = t.dir.join("rw");
    t.sh(&format!("mkdir '{}'", host.display())).assert_ok();
    let vol = format!("{}:/rw", host.display());
    run_ok(&t, &["--read-only", "-v", &vol, ALPINE, "touch", "/rw/y"]);
    run_ok(
        &t,
        &[
            "--read-only",
            "--tmpfs",
            "/scratch",
            ALPINE,
            "touch",
            "/scratch/y",
        ],
    );
    run_ok(&t, &["--read-only", ALPINE, "touch", "/dev/shm/y"]);
}

#[test]
fn read_only_keeps_tmp_writable() {
    let t = with_alpine("run_read_only_tmp");
    let out = run_ok(
        &t,
        &[
            "--read-only",
            ALPINE,
            "sh",
            "-c",
            "for d in /tmp /var/tmp /run; do touch $d/x && echo $d; done",
        ],
    );
    assert_eq!(out, "/tmp\n/var/tmp\n/run\n");
}

#[test]
fn tmpfs_mount() {
    let t = with_alpine("run_tmpfs");
    let out = run_ok(
        &t,
        &[
            "--tmpfs",
            "/scratch",
            ALPINE,
            "sh",
            "-c",
            "echo data >/scratch/f && cat /scratch/f && grep ' /scratch ' /proc/mounts",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], "data");
    assert!(
        lines[1].starts_with("tmpfs /scratch tmpfs rw,"),
        "/scratch should be a writable tmpfs: {out}"
    );
}

#[test]
fn name_is_taken_until_the_container_is_removed() {
    let t = with_alpine("run_name");
    // With --rm the name is free again when the container ends.
    run_ok(&t, &["--name", "web", ALPINE, "true"]);
    run_ok(&t, &["--name", "web", ALPINE, "true"]);
    // Without --rm the container keeps it.
    t.ok(&["run", "--name", "kept", ALPINE, "true"]);
    let out = t.cmd(&["run", "--name", "kept", ALPINE, "true"]).run();
    assert_error(
        &t,
        &out,
        125,
        &["the container name \"kept\" is already in use"],
    );
    let out = run(&t, &["--name", "bad name", ALPINE, "true"]);
    // Both name the rule.
    let line = assert_error(&t, &out, 125, &["[a-zA-Z0-9][a-zA-Z0-9_.-]*"]);
    if !t.is_podman() {
        out.check(
            line.contains("\"bad name\""),
            "the error should quote the name",
        );
    }
}

/// The capability mask of every capability this kernel knows.
fn all_caps() -> String {
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    format!("{:016x}", (1u64 << (last + 1)) - 1)
}

#[test]
fn capabilities_default_and_cap_drop_all() {
    let t = with_alpine("run_caps");
    // Podman's default set: CHOWN DAC_OVERRIDE FOWNER FSETID KILL NET_BIND_SERVICE SETFCAP
    // SETGID SETPCAP SETUID SYS_CHROOT.
    assert_eq!(status_field(&t, &[], "CapEff"), "00000000800405fb");
    assert_eq!(status_field(&t, &[], "CapBnd"), "00000000800405fb");
    run_ok(&t, &[ALPINE, "chown", "1000", "/tmp"]);

    for field in ["CapEff", "CapPrm", "CapBnd", "CapInh", "CapAmb"] {
        assert_eq!(
            status_field(&t, &["--cap-drop", "all"], field),
            "0000000000000000",
            "{field} with --cap-drop all"
        );
    }
    let out = run(&t, &["--cap-drop", "all", ALPINE, "chown", "1000", "/tmp"]);
    out.assert_fails(1);
    out.check(
        out.stderr.contains("Operation not permitted"),
        "chown without CAP_CHOWN",
    );
    // --cap-drop one, --cap-add one.
    assert_eq!(
        status_field(&t, &["--cap-drop", "chown"], "CapEff"),
        "00000000800405fa"
    );
    assert_eq!(
        status_field(&t, &["--cap-add", "sys_admin"], "CapEff"),
        "00000000802405fb"
    );
}

#[test]
fn privileged_has_every_capability_and_no_seccomp() {
    let t = with_alpine("run_privileged");
    assert_eq!(status_field(&t, &["--privileged"], "CapEff"), all_caps());
    assert_eq!(status_field(&t, &["--privileged"], "Seccomp"), "0");
    let mount = "mount -t tmpfs none /tmp && echo mounted";
    assert_eq!(
        run_ok(&t, &["--privileged", ALPINE, "sh", "-c", mount]),
        "mounted\n"
    );
    let out = run(&t, &[ALPINE, "sh", "-c", mount]);
    out.assert_fails(1);
    assert_eq!(
        out.stderr, "mount: permission denied (are you root?)\n",
        "without --privileged: no CAP_SYS_ADMIN"
    );
}

/// A setuid-root copy of `rpod_probe` (owned by rpodtest, the container's root) run as uid
/// 1000: it becomes root, unless `--security-opt no-new-privileges` keeps the kernel from
/// honouring the setuid bit.
#[test]
fn no_new_privileges_keeps_a_setuid_binary_from_gaining_root() {
    let t = with_alpine("run_no_new_privileges");
    let dir = t.dir.join("suid");
    t.sh(&format!(
        "mkdir '{d}' && cp '{probe}' '{d}/probe' && chmod 4755 '{d}/probe' && stat -c '%a %u' '{d}/probe'",
        d = dir.display(),
        probe = common::env().probe.display()
    ))
    .assert_ok();
    let volume = format!("{}:/suid:ro", dir.display());
    let setuid_probe = ["-u", "1000", "-v", &volume, ALPINE, "/suid/probe", "ids"];
    assert_eq!(
        run_ok(&t, &setuid_probe),
        "ruid=1000 euid=0 nnp=0\n",
        "without no-new-privileges the setuid-root file makes its process root"
    );
    let mut nnp = vec!["--security-opt", "no-new-privileges"];
    nnp.extend_from_slice(&setuid_probe);
    assert_eq!(run_ok(&t, &nnp), "ruid=1000 euid=1000 nnp=1\n");
    assert_eq!(
        status_field(&t, &["--security-opt", "no-new-privileges"], "NoNewPrivs"),
        "1"
    );
    assert_eq!(
        status_field(&t, &[], "NoNewPrivs"),
        "0",
        "not set by default"
    );
}

#[test]
fn stdin_is_passed_only_with_interactive() {
    let t = with_alpine("run_stdin");
    let out = t
        .cmd(&["run", "--rm", "-i", ALPINE, "cat"])
        .stdin(b"piped\n")
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, "piped\n");
    let out = t
        .cmd(&["run", "--rm", ALPINE, "cat"])
        .stdin(b"piped\n")
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, "", "without -i the container's stdin is empty");
}

#[test]
fn interactive_terminal_in_tmux() {
    let t = with_alpine("run_tty");
    let status = t.dir.join("tty-status");
    let line = format!(
        "{}; echo $? >'{}'",
        t.cmd(&["run", "--rm", "-it", ALPINE, "sh"]).shell_line(),
        status.display()
    );
    let name = format!("run_tty_{}", t.engine.name());
    let tm = Tmux::start(&name, 100, 30, &line);
    let wait = Duration::from_secs(20);
    let prompt = |s: &str| s.lines().last() == Some("/ #");
    tm.wait_screen(wait, "the shell's prompt", prompt);

    tm.send_line("stty size");
    tm.wait_screen(wait, "stty size = 30 100", |s| {
        s.lines().any(|l| l == "30 100")
    });

    // The new size reaches the container's terminal (SIGWINCH may take a moment: ask again).
    tm.resize(120, 40);
    let resized = wait_for(Duration::from_secs(10), || {
        tm.send_line("stty size");
        wait_for(Duration::from_millis(500), || {
            tm.screen().lines().any(|l| l == "40 120").then_some(())
        })
    });
    assert!(
        resized.is_some(),
        "stty size never said 40 120 after the resize:\n{}",
        tm.screen()
    );

    // ^C interrupts the foreground command, not the container.
    tm.send_line("sleep 100");
    let sleep = wait_for_process(&t, &["sleep", "100"]);
    tm.send_keys(&["C-c"]);
    let gone = wait_for(common::PROMPTLY, || {
        (!Path::new(&format!("/proc/{sleep}")).exists()).then_some(())
    });
    assert!(gone.is_some(), "^C did not end sleep:\n{}", tm.screen());
    tm.send_line("echo status=$?");
    tm.wait_screen(wait, "status=130", |s| s.lines().any(|l| l == "status=130"));

    tm.send_line("exit 7");
    let code = wait_for(wait, || {
        std::fs::read_to_string(&status)
            .ok()
            .filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| panic!("rpod did not end after `exit 7`:\n{}", tm.screen()));
    assert_eq!(code.trim(), "7", "rpod's exit status");
    assert_nothing_left(&t);
}

/// Sends SIGTERM to the running engine once the container runs `argv`; returns how it ended.
fn sigterm_when_running(t: &Rpod, args: &[&str], argv: &[&str]) -> Output {
    signal_when_running(t, args, argv, nix::sys::signal::Signal::SIGTERM)
}

/// Sends `signal` to the running engine once the container runs `argv`; returns how it ended.
fn signal_when_running(
    t: &Rpod,
    args: &[&str],
    argv: &[&str],
    signal: nix::sys::signal::Signal,
) -> Output {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    let running = t.cmd(&a).spawn();
    // as-user, setpriv and env exec: the child is rpod itself.
    let pid = running.child.id();
    wait_for_process(t, argv);
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
    if !t.is_podman() {
        assert_eq!(
            exe,
            common::env().rpod,
            "the spawned process should be rpod"
        );
    }
    if t.is_podman() {
        // Podman 4.3 starts proxying signals only after it attached to the running container;
        // a signal before that ends it with status 0, the container left to its cleanup (seen
        // in CI). Nothing outside podman shows that moment, so give it one.
        std::thread::sleep(Duration::from_secs(1));
    }
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal).unwrap();
    let start = Instant::now();
    let out = running.wait_timeout(Duration::from_secs(10));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the engine took {:?} to end after {signal}",
        start.elapsed()
    );
    out
}

/// rpod goes on as soon as its id maps are written, before `newuidmap` and `newgidmap` have
/// exited (`run --rm`); it must still reap them: no `<defunct>` child while the container runs.
#[test]
fn no_zombie_children_while_the_container_runs() {
    let t = with_alpine("run_no_zombies");
    // Podman's newuidmap ran when its pause process was made; the container's processes are
    // conmon's children.
    if t.skip_for_podman("rpod's own children (newuidmap, the container, the cleaner)") {
        return;
    }
    // --init: as PID 1, sleep would ignore the SIGTERM that ends the test.
    let running = t
        .cmd(&["run", "--rm", "--init", ALPINE, "sleep", "100"])
        .spawn();
    let pid = running.child.id();
    wait_for_process(&t, &["sleep", "100"]);
    let children_of_rpod = || -> Vec<(u32, char, String)> {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| {
                let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
                let comm = stat[stat.find('(')? + 1..stat.rfind(')')?].to_string();
                // pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
                let mut fields = stat[stat.rfind(')')? + 2..].split(' ');
                let state = fields.next()?.chars().next()?;
                let ppid: u32 = fields.next()?.parse().ok()?;
                (ppid == pid)
                    .then(|| Some((e.file_name().to_str()?.parse().ok()?, state, comm.clone())))?
            })
            .collect()
    };
    // A mapper that has just exited is a zombie until rpod, perhaps not yet scheduled on a
    // loaded machine, reaps it: only one that stays a zombie while the container runs is a leak.
    let mut children = children_of_rpod();
    let deadline = Instant::now() + Duration::from_secs(5);
    while children.iter().any(|(_, s, c)| *s == 'Z' && c != "env") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        children = children_of_rpod();
    }
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    running
        .wait_timeout(Duration::from_secs(10))
        .assert_fails(143);
    // The container's PID 1 and the --rm cleaner.
    assert!(
        children.len() >= 2,
        "rpod (pid {pid}) should have the container and the cleaner as children: {children:?}"
    );
    // Not rpod's: as-user's `< <(env)` runs `env` in a process substitution that its bash may
    // not have reaped before it exec'd (through setpriv and env) into rpod, whose child the
    // exited `env` then is. rpod reaps only what it started.
    let zombies: Vec<_> = children
        .iter()
        .filter(|(_, s, comm)| *s == 'Z' && comm != "env")
        .collect();
    assert!(zombies.is_empty(), "zombie children of rpod: {zombies:?}");
    assert_nothing_left(&t);
}

#[test]
fn sigterm_is_forwarded_to_init() {
    let t = with_alpine("run_sigterm_init");
    let out = sigterm_when_running(&t, &["--init", ALPINE, "sleep", "100"], &["sleep", "100"]);
    // rpod itself exits 143 (the container's status) after cleaning up: it is not killed.
    out.check(out.signal.is_none(), "the engine was killed by the signal");
    out.assert_fails(143);
    assert_nothing_left(&t);
}

#[test]
fn sigterm_reaches_the_workload_as_pid_1() {
    let t = with_alpine("run_sigterm_trap");
    let out = sigterm_when_running(
        &t,
        &[ALPINE, "sh", "-c", "trap 'exit 3' TERM; sleep 100 & wait"],
        &["sleep", "100"],
    );
    out.check(out.signal.is_none(), "the engine was killed by the signal");
    out.assert_fails(3);
    assert_nothing_left(&t);
}

#[test]
fn rm_leaves_no_process_mount_or_directory() {
    let t = with_alpine("run_rm_clean");
    let host = t.dir.join("vol");
    t.sh(&format!("mkdir '{}'", host.display())).assert_ok();
    let vol = format!("{}:/vol", host.display());
    run_ok(
        &t,
        &[
            "-v",
            &vol,
            "--tmpfs",
            "/scratch",
            "--init",
            ALPINE,
            "sh",
            "-c",
            "sleep 100 & touch /vol/x",
        ],
    );
    run_ok(&t, &[ALPINE, "sh", "-c", "sleep 100 &"]);
    let out = run(&t, &[ALPINE, "/no/such"]);
    // Podman's (crun's) words, less crun's prefix.
    assert_error(&t, &out, 127, &["executable file `/no/such` not found"]);
    run(&t, &["--read-only", ALPINE, "false"]).assert_fails(1);
    run_ok(&t, &["--name", "named", ALPINE, "true"]);
    assert_nothing_left(&t);
}

/// A container's directory may be reused for the next one only when the container left
/// nothing in it: no file a container wrote is ever seen by a later one.
#[test]
fn no_container_sees_what_an_earlier_one_wrote() {
    let t = with_alpine("run_rm_recycle");
    let root_mode = run_ok(&t, &[ALPINE, "stat", "-c", "%a %u", "/"]);
    // What a container sees in `/` before any container wrote there.
    let fresh = run_ok(&t, &[ALPINE, "ls", "-a", "/"]);
    for want in ["bin", "etc", "tmp"] {
        assert!(
            fresh.lines().any(|l| l == want),
            "ls -a / should list {want}: {fresh:?}"
        );
    }
    // A change to `/` itself leaves no entry in the container's upper layer.
    run_ok(&t, &[ALPINE, "sh", "-c", "chmod 700 /; chown 12 /"]);
    assert_nothing_left(&t);
    assert_eq!(
        run_ok(&t, &[ALPINE, "stat", "-c", "%a %u", "/"]),
        root_mode,
        "the mode or owner of / set by an earlier container"
    );
    run_ok(
        &t,
        &[ALPINE, "sh", "-c", "echo secret > /leak; mkdir /tmp/d"],
    );
    assert_nothing_left(&t);
    for _ in 0..3 {
        let out = run(&t, &[ALPINE, "sh", "-c", "ls -a /; ls -a /tmp; cat /leak"]);
        out.assert_fails(1);
        // `/` as a container that wrote nothing sees it, an empty /tmp, and no /leak.
        assert_eq!(
            out.stdout,
            format!("{fresh}.\n..\n"),
            "a file of an earlier container is visible"
        );
        assert_eq!(
            out.stderr,
            "cat: can't open '/leak': No such file or directory\n"
        );
        run_ok(&t, &[ALPINE, "sh", "-c", "touch /leak2"]);
        let out = run(&t, &[ALPINE, "cat", "/leak2"]);
        out.assert_fails(1);
        assert_eq!(
            out.stderr,
            "cat: can't open '/leak2': No such file or directory\n"
        );
    }
    assert_nothing_left(&t);
}

/// rpod killed outright (SIGKILL, no chance to clean up): the container dies with it and its
/// detached cleaner still removes it — processes, mounts, directories and the name. Podman's
/// conmon keeps such a container running instead (rpod has no conmon): the test checks that.
#[test]
fn rm_container_is_removed_even_when_rpod_is_killed() {
    let t = with_alpine("run_rm_sigkill");
    let out = signal_when_running(
        &t,
        &["--name", "killed", ALPINE, "sleep", "100"],
        &["sleep", "100"],
        nix::sys::signal::Signal::SIGKILL,
    );
    out.check(out.signal == Some(9), "the engine should have been killed");
    if t.is_podman() {
        let state = t.ok(&[
            "container",
            "inspect",
            "--format",
            "{{.State.Status}}",
            "killed",
        ]);
        assert_eq!(state.stdout, "running\n", "podman's container runs on");
        t.ok(&["rm", "-f", "-t", "0", "killed"]);
    }
    assert_nothing_left(&t);
    run_ok(&t, &["--name", "killed", ALPINE, "true"]);
    assert_nothing_left(&t);
}

/// Asserts `run --rm ARGS` fails with 125 and one error line mentioning `needles`, and leaves
/// nothing behind.
#[track_caller]
fn assert_refused(t: &Rpod, args: &[&str], needles: &[&str]) {
    let out = run(t, args);
    assert_error(t, &out, 125, needles);
    assert_nothing_left(t);
}

#[test]
fn unknown_user_is_refused() {
    let t = with_alpine("run_bad_user");
    let out = run(&t, &["-u", "nosuchuser", ALPINE, "true"]);
    // rpod resolves the user before it starts anything: 125. Podman 4.3 finds out in the OCI
    // runtime and exits 126.
    let code = if t.is_podman() { 126 } else { 125 };
    assert_error(
        &t,
        &out,
        code,
        &["unable to find user nosuchuser: no matching entries in passwd file"],
    );
    assert_nothing_left(&t);
}

#[test]
fn missing_bind_source_is_refused() {
    let t = with_alpine("run_bad_bind");
    let missing = t.dir.join("no-such-dir");
    let vol = format!("{}:/data", missing.display());
    assert_refused(
        &t,
        &["-v", &vol, ALPINE, "true"],
        &["no-such-dir: no such file or directory"],
    );
    assert!(!missing.exists(), "the engine created the bind source");
}

#[test]
fn invalid_option_value_is_refused() {
    let t = with_alpine("run_bad_option");
    let needles: &[&str] = if t.is_podman() {
        &["unsupported pull policy \"sometimes\""]
    } else {
        &["invalid value 'sometimes' for '--pull", "possible values"]
    };
    assert_refused(&t, &["--pull=sometimes", ALPINE, "true"], needles);
}

#[test]
fn userns_keep_id_runs_as_the_user_with_the_image_owned_by_root() {
    let t = with_alpine("run_keep_id");
    let (uid, _, count) = user_ids();
    let (u, n): (u32, u32) = (uid.parse().unwrap(), count.parse().unwrap());
    let keep = "--userns=keep-id";
    let out = run_ok(
        &t,
        &[
            keep,
            ALPINE,
            "sh",
            "-c",
            "id -u; id -g; id -un; echo $HOME; stat -c %u:%g /etc/shadow /bin/busybox",
        ],
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [uid.as_str(), uid.as_str(), "rpodtest", "/", "0:0", "0:0"],
        "keep-id: the user's own ids and name inside, the image's files still root's"
    );
    // Podman's keep-id map: the user in the middle, subordinate ids around it.
    let map = run_ok(&t, &[keep, ALPINE, "cat", "/proc/self/uid_map"]);
    let rows: Vec<Vec<u32>> = map
        .lines()
        .map(|l| l.split_whitespace().map(|f| f.parse().unwrap()).collect())
        .collect();
    assert_eq!(
        rows,
        [vec![0, 1, u], vec![u, 0, 1], vec![u + 1, u + 1, n - u]]
    );

    // A file the container writes to a volume belongs to the user on the host, with the
    // same uid inside and out.
    let host = t.dir.join("kept");
    t.sh(&format!("mkdir '{}'", host.display())).assert_ok();
    let vol = format!("{}:/data", host.display());
    let inside = run_ok(
        &t,
        &[
            keep,
            "-v",
            &vol,
            ALPINE,
            "sh",
            "-c",
            "touch /data/f && stat -c %u /data/f",
        ],
    );
    assert_eq!(inside, format!("{uid}\n"));
    let outside = t.sh(&format!("stat -c %U:%u '{}/f'", host.display()));
    assert_eq!(outside.lines(), [format!("rpodtest:{uid}")]);

    // Explicit ids; -u still chooses the user.
    assert_eq!(
        run_ok(
            &t,
            &[
                "--userns=keep-id:uid=200,gid=210",
                ALPINE,
                "sh",
                "-c",
                "id -u; id -g"
            ]
        ),
        "200\n210\n"
    );
    assert_eq!(run_ok(&t, &[keep, "-u", "0", ALPINE, "id", "-u"]), "0\n");
    assert_nothing_left(&t);
}

#[test]
fn userns_keep_id_layers_image_passes_its_checks() {
    // Owners 0, 1000, 65534..., whiteouts and opaque directories as the image defines them,
    // seen through the shifted ids.
    let t = Rpod::new("run_keep_id_layers");
    let out = run(&t, &["--userns=keep-id", "-u", "0", LAYERS]);
    assert_layers_checks_pass(
        &out,
        "the layers image should pass all its checks under keep-id",
    );
    assert_nothing_left(&t);
}

#[test]
fn userns_unsupported_modes_are_refused() {
    let t = with_alpine("run_userns_bad");
    if !t.is_podman() {
        // Podman's `auto` (a fresh range per container from containers.conf) is not in rpod.
        assert_refused(
            &t,
            &["--userns=auto", ALPINE, "true"],
            &["--userns \"auto\" is not supported", "keep-id"],
        );
    }
    let needles: &[&str] = if t.is_podman() {
        &["unknown option specified: \"size\""]
    } else {
        &["invalid --userns \"keep-id:size=3\": only uid and gid"]
    };
    assert_refused(&t, &["--userns=keep-id:size=3", ALPINE, "true"], needles);
}

/// A `storage.conf` naming `mount_program`, for `CONTAINERS_STORAGE_CONF`.
fn storage_conf(t: &Rpod, program: &str) -> String {
    let file = t.dir.join("storage.conf");
    let text = format!("[storage]\ndriver = \"overlay\"\n[storage.options.overlay]\nmount_program = \"{program}\"\n");
    t.sh(&format!("cat >'{}' <<'EOF'\n{text}EOF", file.display()))
        .assert_ok();
    file.display().to_string()
}

/// `run --rm ARGS` with `CONTAINERS_STORAGE_CONF=conf`.
fn run_with_storage_conf(t: &Rpod, conf: &str, args: &[&str]) -> Output {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    t.cmd(&a).env("CONTAINERS_STORAGE_CONF", conf).run()
}

/// The file system type of the container's `/`.
const ROOT_FSTYPE: &str =
    "awk '$5 == \"/\" { for (i = 7; $i != \"-\"; i++); print $(i+1) }' /proc/self/mountinfo";

#[test]
fn mount_program_from_storage_conf_mounts_the_layers() {
    // Podman's `mount_program` (fuse-overlayfs): rpod mounts it outside the container; the
    // layers image passes its checks through it, with and without keep-id.
    let t = Rpod::new("run_mount_program");
    if t.skip_for_podman(
        "the podman harness uses the vfs driver, where mount_program does not apply",
    ) {
        return;
    }
    let conf = storage_conf(&t, "/usr/bin/fuse-overlayfs");
    let with_conf = |args: &[&str]| run_with_storage_conf(&t, &conf, args);
    let out = with_conf(&[ALPINE, "sh", "-c", ROOT_FSTYPE]);
    out.assert_ok();
    assert_eq!(out.stdout, "fuse.fuse-overlayfs\n");
    for extra in [&[][..], &["--userns=keep-id", "-u", "0"][..]] {
        let mut args = extra.to_vec();
        args.push(LAYERS);
        let out = with_conf(&args);
        assert_layers_checks_pass(
            &out,
            "the layers image should pass its checks on fuse-overlayfs",
        );
    }
    assert_nothing_left(&t);
}

#[test]
fn failing_mount_program_falls_back_to_a_copy() {
    // A FUSE program that fails (no /dev/fuse, say): without keep-id the kernel's overlay
    // serves; with keep-id, which it cannot serve, the layers are copied into the container's
    // upper directory, their owners shifted so that ownership still holds.
    let t = Rpod::new("run_copy_fallback");
    if t.skip_for_podman("rpod's own fallback; the podman harness uses the vfs driver") {
        return;
    }
    let conf = storage_conf(&t, "/bin/false");
    let with_conf = |args: &[&str]| run_with_storage_conf(&t, &conf, args);
    let out = with_conf(&[ALPINE, "sh", "-c", ROOT_FSTYPE]);
    out.assert_ok();
    assert_eq!(out.stdout, "overlay\n");
    // The copy is a directory of the store, bind-mounted: its file system is the store's.
    let store_fs = std::process::Command::new("findmnt")
        .args(["-n", "-o", "FSTYPE", "-T"])
        .arg(&t.root)
        .output()
        .expect("findmnt");
    let store_fs = String::from_utf8_lossy(&store_fs.stdout).trim().to_string();
    assert!(
        !store_fs.is_empty() && store_fs != "overlay",
        "the store's file system: {store_fs:?}"
    );
    let out = with_conf(&["--userns=keep-id", ALPINE, "sh", "-c", ROOT_FSTYPE]);
    out.assert_ok();
    assert_eq!(
        out.stdout,
        format!("{store_fs}\n"),
        "with keep-id the root should be a copy in the store, not an overlay"
    );
    let (uid, _, _) = user_ids();
    let out = with_conf(&[
        "--userns=keep-id",
        ALPINE,
        "sh",
        "-c",
        "id -u; stat -c %u:%g /etc/shadow",
    ]);
    out.assert_ok();
    assert_eq!(out.stdout, format!("{uid}\n0:0\n"));
    let out = with_conf(&["--userns=keep-id", "-u", "0", LAYERS]);
    assert_layers_checks_pass(
        &out,
        "the layers image should pass its checks on a shifted copy",
    );
    assert_nothing_left(&t);
}

#[test]
fn missing_newuidmap_is_refused_with_the_fix() {
    let t = Rpod::new("run_no_newuidmap");
    // Podman joins the user namespace its pause process keeps from earlier commands: it
    // reads neither newuidmap nor /etc/subuid again.
    if t.skip_for_podman("podman's pause process already holds its user namespace") {
        return;
    }
    let hide = "mount --bind /dev/null /usr/bin/newuidmap";
    let out = t
        .cmd(&["run", "--rm", ALPINE, "true"])
        .run_on_altered_host(hide);
    assert_error(&t, &out, 125, &["newuidmap", "uidmap"]);
    assert_nothing_left(&t);
}

#[test]
fn without_a_subuid_range_a_single_id_map_is_used_with_a_warning() {
    let t = Rpod::new("run_no_subuid");
    // As above: podman reads /etc/subuid only when it makes its user namespace.
    if t.skip_for_podman("podman's pause process already holds its user namespace") {
        return;
    }
    // A range of no ids (an empty file would not do: as-user adds the test user's range).
    let empty = t.dir.join("empty-subid");
    std::fs::write(&empty, "rpodtest:200000:0\n").unwrap();
    let hide = format!(
        "mount --bind '{e}' /etc/subuid && mount --bind '{e}' /etc/subgid",
        e = empty.display()
    );
    let out = t
        .cmd(&[
            "run",
            "--rm",
            ALPINE,
            "sh",
            "-c",
            "echo hello; cat /proc/self/uid_map",
        ])
        .run_on_altered_host(&hide);
    out.assert_ok();
    let lines = out.lines();
    out.check(lines.first() == Some(&"hello"), "the container should run");
    out.check(
        lines.len() == 2 && lines[1].split_whitespace().nth(2) == Some("1"),
        "only one id is mapped",
    );
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("subuid") || l.contains("subordinate"))
        .collect();
    out.check(
        warnings.len() == 1,
        "one line should warn about the missing subordinate ids",
    );
    let quiet = t
        .cmd(&[
            "--log-level",
            "error",
            "run",
            "--rm",
            ALPINE,
            "echo",
            "hello",
        ])
        .run_on_altered_host(&hide);
    quiet.assert_ok();
    quiet.check(quiet.lines() == ["hello"], "the container should run");
    quiet.check(
        quiet.stderr.is_empty(),
        "`--log-level error` hides the warning",
    );
    assert_nothing_left(&t);
}
