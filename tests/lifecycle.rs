//! Containers that outlive the command: `run -d`, `create`, `start`, `stop`, `kill`, `rm`,
//! `wait`, as a user at a shell and a script use them, with the state they leave checked
//! against what the kernel runs. Every test runs against podman too (`RPOD_IT_ENGINE=podman`),
//! but for what only rpod's store shows.

mod common;

use common::{error_lines, wait_for, Rpod, PROMPTLY};
use std::time::{Duration, Instant};

const ALPINE: &str = "alpine";

fn pulled(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t
}

/// `run -d ARGS`: the printed ID.
#[track_caller]
fn detach(t: &Rpod, args: &[&str]) -> String {
    let mut all = vec!["run", "-d"];
    all.extend_from_slice(args);
    let out = t.ok(&all);
    let id = out.last_line().to_string();
    assert!(
        id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "run -d prints the full ID: {out:?}"
    );
    id
}

/// rpod's raw `state.json` of container `id`.
fn raw_state(t: &Rpod, id: &str) -> Option<serde_json::Value> {
    let path = t.root.join("containers").join(id).join("state.json");
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// The PID 1 of a running rpod container, from its running record.
fn pid1(t: &Rpod, id: &str) -> i32 {
    try_pid1(t, id).expect("a running record")
}

fn try_pid1(t: &Rpod, id: &str) -> Option<i32> {
    let path = t.runroot.join("monitors").join(id).join("running.json");
    let rec: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    Some(rec["pid"].as_i64()? as i32)
}

fn monitor_pid(t: &Rpod, id: &str) -> i32 {
    let path = t.runroot.join("monitors").join(id).join("running.json");
    let rec: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    rec["monitor_pid"].as_i64().unwrap() as i32
}

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// The status `wait` prints for `name`.
fn wait_code(t: &Rpod, name: &str) -> i32 {
    t.ok(&["wait", name]).last_line().trim().parse().unwrap()
}

/// Whether `name` runs: podman's inspect; rpod's state and its PID 1 (rpod's `inspect` is
/// tested on its own).
fn is_running(t: &Rpod, name: &str) -> bool {
    if t.is_podman() {
        let out = t
            .cmd(&["inspect", "--format", "{{.State.Running}}", name])
            .run();
        return out.stdout.trim() == "true";
    }
    let id = container_id(t, name);
    raw_state(t, &id).is_some_and(|s| s["status"] == "running")
        && try_pid1(t, &id).is_some_and(alive)
}

fn container_id(t: &Rpod, name: &str) -> String {
    if name.len() == 64 {
        return name.to_string();
    }
    let link = t.root.join("containers/by-name").join(name);
    std::fs::read_link(link)
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn run_detached_returns_at_once_and_stop_ends_it() {
    let t = pulled("lc_run_d");
    let start = Instant::now();
    // Command substitution waits for stdout to close: nothing of rpod's may stay open in
    // the monitor or the container.
    let out = t.sh(&format!(
        "id=$({}); echo \"$id\"",
        t.cmd(&["run", "-d", "--name", "web", ALPINE, "sleep", "1000"])
            .shell_line()
    ));
    out.assert_ok();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "run -d took {:?}",
        start.elapsed()
    );
    let id = out.last_line().to_string();
    assert_eq!(id.len(), 64, "{out:?}");
    assert!(is_running(&t, "web"));
    if !t.is_podman() {
        let pid = pid1(&t, &id);
        let monitor = monitor_pid(&t, &id);
        assert!(alive(pid) && alive(monitor));
        // The monitor is the container's parent, and not rpod's child any more.
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let ppid: i32 = stat
            .rsplit(')')
            .next()
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(ppid, monitor);
    }
    // sleep as PID 1 ignores SIGTERM: killed after the timeout.
    let began = Instant::now();
    t.ok(&["stop", "-t", "1", "web"]);
    assert!(began.elapsed() < Duration::from_secs(15));
    assert!(!is_running(&t, "web"));
    assert_eq!(wait_code(&t, "web"), 137);
    if !t.is_podman() {
        let st = raw_state(&t, &id).unwrap();
        assert_eq!(st["status"], "exited", "{st}");
        assert!(
            !t.runroot.join("monitors").join(&id).exists(),
            "running record left"
        );
    }
    t.ok(&["rm", "web"]);
    assert!(!t.root.join("containers").join(&id).exists());
    // The name is free again.
    detach(&t, &["--name", "web", ALPINE, "true"]);
}

#[test]
fn stop_sends_the_stop_signal_first() {
    let t = pulled("lc_stop_signal");
    let script = "trap 'echo got-usr1; exit 7' USR1; while :; do sleep 0.1; done";
    detach(
        &t,
        &[
            "--name",
            "s",
            "--stop-signal",
            "USR1",
            ALPINE,
            "sh",
            "-c",
            script,
        ],
    );
    let began = Instant::now();
    t.ok(&["stop", "-t", "30", "s"]);
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "the signal ended it, not the timeout"
    );
    assert_eq!(wait_code(&t, "s"), 7);
    let logs = t.ok(&["logs", "s"]);
    assert!(logs.stdout.contains("got-usr1"), "{logs:?}");
}

#[test]
fn exit_status_and_output_of_a_detached_container() {
    let t = pulled("lc_exit");
    let id = detach(
        &t,
        &[
            "--name",
            "x",
            ALPINE,
            "sh",
            "-c",
            "echo out; echo err >&2; exit 3",
        ],
    );
    assert_eq!(wait_code(&t, "x"), 3);
    assert_eq!(wait_code(&t, &id[..12]), 3, "a short ID finds it");
    if !t.is_podman() {
        let log =
            std::fs::read_to_string(t.root.join("containers").join(&id).join("ctr.log")).unwrap();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{log}");
        assert!(lines.iter().any(|l| l.ends_with(" stdout F out")), "{log}");
        assert!(lines.iter().any(|l| l.ends_with(" stderr F err")), "{log}");
    }
}

#[test]
fn create_then_start() {
    let t = pulled("lc_create");
    let out = t.ok(&[
        "create",
        "--name",
        "c",
        ALPINE,
        "sh",
        "-c",
        "echo started; sleep 1000",
    ]);
    let id = out.last_line().to_string();
    assert_eq!(id.len(), 64, "{out:?}");
    assert!(!is_running(&t, "c"));
    if !t.is_podman() {
        assert_eq!(raw_state(&t, &id).unwrap()["status"], "created");
    }
    t.ok(&["start", "c"]);
    assert!(is_running(&t, "c"));
    // Starting what runs.
    if !t.is_podman() {
        // Podman 4.3 prints the name and succeeds; rpod says it runs.
        let out = t.cmd(&["start", "c"]).run();
        out.assert_fails(125);
        assert!(out.stderr.contains("already running"), "{out:?}");
    }
    t.ok(&["rm", "-f", "-t", "0", "c"]);
    assert!(t.cmd(&["wait", "c"]).run().status != 0);
}

#[test]
fn a_stopped_container_starts_again_and_keeps_its_files() {
    let t = pulled("lc_restart_files");
    detach(
        &t,
        &[
            "--name",
            "f",
            ALPINE,
            "sh",
            "-c",
            "echo $$ >> /count; cat /count; sleep 1000",
        ],
    );
    t.ok(&["stop", "-t", "0", "f"]);
    t.ok(&["start", "f"]);
    let logs = wait_for(PROMPTLY, || {
        let out = t.cmd(&["logs", "f"]).run();
        (out.stdout.lines().count() >= 3).then_some(out.stdout)
    })
    .expect("the second start's output");
    // Its file from the first run is still there: one line, then two.
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(lines, ["1", "1", "1"], "{logs}");
}

#[test]
fn rm_refuses_a_running_container_without_force() {
    let t = pulled("lc_rm_running");
    detach(&t, &["--name", "r", ALPINE, "sleep", "1000"]);
    let out = t.cmd(&["rm", "r"]).run();
    out.assert_fails(if t.is_podman() { 2 } else { 125 });
    let err = error_lines(&t, &out).join("\n");
    assert!(err.contains("as it is running"), "{out:?}");
    assert!(is_running(&t, "r"), "state unchanged");
    t.ok(&["rm", "-f", "-t", "0", "r"]);
    assert_eq!(t.cmd(&["container", "exists", "r"]).run().status, 1);
}

#[test]
fn unknown_containers_are_podmans_error() {
    let t = Rpod::new("lc_unknown");
    for verb in [&["stop"][..], &["kill"], &["rm"], &["start"], &["wait"]] {
        let mut args = verb.to_vec();
        args.push("nope");
        let out = t.cmd(&args).run();
        assert_ne!(out.status, 0, "{out:?}");
        if !t.is_podman() {
            out.assert_fails(125);
        }
        let err = error_lines(&t, &out).join("\n");
        assert!(
            err.contains("no container with name or ID \"nope\" found: no such container"),
            "{verb:?}: {out:?}"
        );
    }
    t.ok(&["rm", "--ignore", "nope"]);
}

#[test]
fn a_name_in_use_is_refused_and_replace_takes_it() {
    let t = pulled("lc_name");
    let first = detach(&t, &["--name", "n", ALPINE, "sleep", "1000"]);
    let out = t.cmd(&["run", "-d", "--name", "n", ALPINE, "true"]).run();
    out.assert_fails(125);
    assert!(
        out.stderr
            .contains("the container name \"n\" is already in use"),
        "{out:?}"
    );
    assert!(is_running(&t, "n"), "the first is untouched");
    let second = detach(&t, &["--replace", "--name", "n", ALPINE, "sleep", "1000"]);
    assert_ne!(first, second);
    assert!(is_running(&t, "n"));
    if !t.is_podman() {
        assert!(!t.root.join("containers").join(&first).exists());
        assert_eq!(container_id(&t, "n"), second);
    }
}

#[test]
fn cidfile_holds_the_id() {
    let t = pulled("lc_cidfile");
    let cid = t.dir.join("cid");
    let id = detach(&t, &["--cidfile", cid.to_str().unwrap(), ALPINE, "true"]);
    let written = t.sh(&format!("cat '{}'", cid.display()));
    assert_eq!(written.stdout.trim(), id);
    // A second container may not take the same file.
    let out = t
        .cmd(&[
            "run",
            "-d",
            "--cidfile",
            cid.to_str().unwrap(),
            ALPINE,
            "true",
        ])
        .run();
    assert_ne!(out.status, 0, "{out:?}");
}

#[test]
fn kill_sends_the_signal() {
    let t = pulled("lc_kill");
    let script = "trap 'exit 12' HUP; while :; do sleep 0.1; done";
    detach(&t, &["--name", "k", ALPINE, "sh", "-c", script]);
    t.ok(&["kill", "-s", "HUP", "k"]);
    assert_eq!(wait_code(&t, "k"), 12);
    let out = t.cmd(&["kill", "k"]).run();
    assert_eq!(out.status, 125, "killing what does not run: {out:?}");
}

#[test]
fn restart_on_failure_stops_after_its_count() {
    let t = pulled("lc_restart");
    detach(
        &t,
        &[
            "--name",
            "rs",
            "--restart",
            "on-failure:2",
            ALPINE,
            "sh",
            "-c",
            "echo run; exit 1",
        ],
    );
    let logs = wait_for(PROMPTLY, || {
        let out = t.cmd(&["logs", "rs"]).run();
        (out.stdout.lines().count() >= 3).then_some(out.stdout)
    })
    .expect("three runs");
    assert_eq!(logs.lines().count(), 3, "{logs}");
    assert_eq!(wait_code(&t, "rs"), 1);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        t.ok(&["logs", "rs"]).stdout.lines().count(),
        3,
        "no fourth run"
    );
    // --rm and --restart do not go together (Podman's error).
    let out = t
        .cmd(&["run", "-d", "--rm", "--restart", "always", ALPINE, "true"])
        .run();
    assert_eq!(out.status, 125, "{out:?}");
}

#[test]
fn a_detached_rm_container_is_gone_after_it_exits() {
    let t = pulled("lc_rm_d");
    let id = detach(&t, &["--rm", "--name", "gone", ALPINE, "true"]);
    let gone = wait_for(PROMPTLY, || {
        (t.cmd(&["container", "exists", "gone"]).run().status == 1
            || (!t.is_podman() && !t.root.join("containers").join(&id).exists()))
        .then_some(())
    });
    assert!(gone.is_some(), "the --rm container is still there");
    if !t.is_podman() {
        assert!(!t.root.join("containers/by-name/gone").exists());
    }
}

#[test]
fn a_killed_monitor_leaves_a_stopped_container_that_starts_again() {
    let t = pulled("lc_monitor_killed");
    if t.skip_for_podman("rpod's monitor and running record") {
        return;
    }
    let id = detach(&t, &["--name", "m", ALPINE, "sleep", "1000"]);
    let (pid, monitor) = (pid1(&t, &id), monitor_pid(&t, &id));
    t.sh(&format!("kill -KILL {monitor}")).assert_ok();
    // The container dies with its monitor (its parent-death signal).
    assert!(
        wait_for(PROMPTLY, || (!alive(pid)).then_some(())).is_some(),
        "PID 1 outlived its monitor"
    );
    assert!(!is_running(&t, "m"));
    assert_eq!(wait_code(&t, "m"), -1, "how it ended is not known");
    t.ok(&["start", "m"]);
    assert!(is_running(&t, "m"));
    t.ok(&["stop", "-t", "0", "m"]);
}

#[test]
fn a_reboot_leaves_stopped_containers_that_start_again() {
    let t = pulled("lc_reboot");
    if t.skip_for_podman("clears rpod's run root by hand") {
        return;
    }
    let id = detach(&t, &["--name", "b", ALPINE, "sleep", "1000"]);
    let (pid, monitor) = (pid1(&t, &id), monitor_pid(&t, &id));
    // What a reboot does: every process gone, the run root (a tmpfs) empty.
    t.sh(&format!(
        "kill -KILL {monitor} {pid}; rm -rf '{}'/*",
        t.runroot.display()
    ))
    .assert_ok();
    assert!(wait_for(PROMPTLY, || (!alive(pid)).then_some(())).is_some());
    assert!(!is_running(&t, "b"));
    t.ok(&["start", "b"]);
    assert!(is_running(&t, "b"));
}

#[test]
fn twenty_at_once_leave_nothing_behind() {
    let t = pulled("lc_twenty");
    // Twenty `run -d`, two of them for one name, then stops and removals on the same and
    // on different containers, all at once.
    let mut script = String::new();
    for i in 0..20 {
        let name = if i < 2 {
            "same".to_string()
        } else {
            format!("c{i}")
        };
        script += &format!(
            "{} >/dev/null 2>>'{d}/err' & ",
            t.cmd(&["run", "-d", "--name", &name, ALPINE, "sleep", "1001"])
                .shell_line(),
            d = t.dir.display()
        );
    }
    script += "wait; ";
    for i in 2..20 {
        let verb = if i % 2 == 0 { "stop" } else { "rm" };
        let extra: &[&str] = if verb == "rm" {
            &["-f", "-t", "0"]
        } else {
            &["-t", "0"]
        };
        let mut args = vec![verb];
        args.extend_from_slice(extra);
        let name = format!("c{i}");
        args.push(&name);
        script += &format!("{} >/dev/null & ", t.cmd(&args).shell_line());
    }
    script += &format!(
        "{} >/dev/null & ",
        t.cmd(&["stop", "-t", "0", "same"]).shell_line()
    );
    script += &format!(
        "{} >/dev/null & ",
        t.cmd(&["rm", "-f", "-t", "0", "same"]).shell_line()
    );
    script += "wait";
    t.sh(&script);
    let errors = t.sh(&format!("cat '{}/err'", t.dir.display())).stdout;
    // Of the two runs of one name exactly one lost, with the name's error.
    assert_eq!(
        errors
            .lines()
            .filter(|l| l.contains("already in use"))
            .count(),
        1,
        "{errors}"
    );
    // What is left: the stopped c2, c4... and nothing running.
    t.ok(&["rm", "-f", "-a", "-t", "0"]);
    if !t.is_podman() {
        let left: Vec<_> = std::fs::read_dir(t.root.join("containers"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.len() == 64)
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        let names: Vec<_> = std::fs::read_dir(t.root.join("containers/by-name"))
            .unwrap()
            .flatten()
            .collect();
        assert!(names.is_empty(), "names left: {names:?}");
        let mons = t.runroot.join("monitors");
        let mons: Vec<_> = std::fs::read_dir(&mons)
            .map(|d| d.flatten().collect())
            .unwrap_or_else(|_| Vec::new());
        assert!(mons.is_empty(), "running records left: {mons:?}");
        let stray = t.sh("pgrep -u rpodtest -f '^sleep 1001' || true").stdout;
        let stray: Vec<&str> = stray.lines().filter(|l| !l.is_empty()).collect();
        assert!(stray.is_empty(), "processes left: {stray:?}");
        let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
        assert!(
            !mounts.contains(t.dir.to_str().unwrap()),
            "a mount left on the host"
        );
    }
}

#[test]
fn restart_rename_and_prune() {
    let t = pulled("lc_more_verbs");
    let id = detach(&t, &["--name", "old", ALPINE, "sleep", "1000"]);
    t.ok(&["rename", "old", "new"]);
    let out = t.cmd(&["stop", "-t", "0", "old"]).run();
    assert_ne!(out.status, 0, "the old name is gone: {out:?}");
    assert!(is_running(&t, "new"));
    if !t.is_podman() {
        let before = pid1(&t, &id);
        t.ok(&["restart", "-t", "0", "new"]);
        let after = pid1(&t, &id);
        assert_ne!(before, after, "a new PID 1");
        assert!(!alive(before));
    } else {
        t.ok(&["restart", "-t", "0", "new"]);
    }
    assert!(is_running(&t, "new"));
    // A name in use is refused.
    detach(&t, &["--name", "other", ALPINE, "true"]);
    assert_ne!(t.cmd(&["rename", "new", "other"]).run().status, 0);
    wait_code(&t, "other");
    // prune takes what does not run, and asks first.
    let asked = t.cmd(&["container", "prune"]).stdin(b"n\n").run();
    asked.assert_ok();
    assert_eq!(
        t.cmd(&["container", "exists", "other"]).run().status,
        0,
        "n: nothing pruned"
    );
    let pruned = t.ok(&["container", "prune", "-f"]);
    let other_gone = t.cmd(&["wait", "other"]).run().status != 0;
    assert!(other_gone, "{pruned:?}");
    assert!(is_running(&t, "new"), "a running one stays");
}

#[test]
fn pause_without_a_cgroup_says_what_is_missing() {
    let t = pulled("lc_pause");
    if t.skip_for_podman(
        "podman 4.3 pauses rootless containers only on cgroup v2; this host is hybrid",
    ) {
        return;
    }
    detach(&t, &["--name", "p", ALPINE, "sleep", "1000"]);
    let out = t.cmd(&["pause", "p"]).run();
    out.assert_fails(125);
    assert!(out.stderr.contains("cgroup"), "{out:?}");
    assert!(is_running(&t, "p"), "state unchanged");
    // `port` prints nothing: no ports are published yet.
    assert_eq!(t.ok(&["port", "p"]).stdout, "");
}

#[test]
fn cp_both_ways_running_and_stopped() {
    let t = pulled("lc_cp");
    detach(
        &t,
        &[
            "--name",
            "cp",
            ALPINE,
            "sh",
            "-c",
            "ln -s / /escape; sleep 1000",
        ],
    );
    let d = t.dir.display();
    // Out, in, and back out, through the container's own paths.
    let script = format!(
        "set -e; cd '{d}'; {cp_out}; head -c 4 os-release; echo in-file > in.txt; {cp_in}; {cp_back}; cat back.txt; {tar_out} | tar tf - | head -1",
        cp_out = t.cmd(&["cp", "cp:/etc/os-release", "os-release"]).shell_line(),
        cp_in = t.cmd(&["cp", "in.txt", "cp:/tmp/"]).shell_line(),
        cp_back = t.cmd(&["cp", "cp:/tmp/in.txt", "back.txt"]).shell_line(),
        tar_out = t.cmd(&["cp", "cp:/etc", "-"]).shell_line(),
    );
    let out = t.sh(&script);
    out.assert_ok();
    // (podman's tar names the directory `etc`, rpod's `etc/`: both are what tar writes.)
    let lines: Vec<&str> = out
        .lines()
        .iter()
        .map(|l| l.trim_end_matches('/'))
        .collect();
    assert_eq!(lines, ["NAMEin-file", "etc"], "{out:?}");
    // The copy in belongs to the container's user (root), not to a subordinate id.
    let owner = t.ok(&["exec", "cp", "stat", "-c", "%u:%g", "/tmp/in.txt"]);
    assert_eq!(owner.stdout.trim(), "0:0");
    // A link in the container resolves inside it: /escape/tmp is the container's /tmp.
    let via = t.sh(&format!(
        "cd '{d}' && {}",
        t.cmd(&["cp", "cp:/escape/tmp/in.txt", "via.txt"])
            .shell_line()
    ));
    via.assert_ok();
    // A missing source is an error naming it.
    let out = t
        .cmd(&["cp", "cp:/nope", t.dir.join("x").to_str().unwrap()])
        .run();
    assert_eq!(out.status, 125, "{out:?}");
    assert!(
        out.stderr.contains("/nope") && out.stderr.contains("no such file"),
        "{out:?}"
    );
    // Stopped: both ways still work, and a start sees what was copied in.
    t.ok(&["stop", "-t", "0", "cp"]);
    let script = format!(
        "set -e; cd '{d}'; {out}; cat stopped.txt; echo two > two.txt; {into}",
        out = t.cmd(&["cp", "cp:/tmp/in.txt", "stopped.txt"]).shell_line(),
        into = t.cmd(&["cp", "two.txt", "cp:/two.txt"]).shell_line(),
    );
    let out = t.sh(&script);
    out.assert_ok();
    assert_eq!(out.lines(), ["in-file"]);
    if !t.is_podman() {
        // Nothing of the copy's mount is left in the container's directory.
        let id = t.ok(&["inspect", "--format", "{{.Id}}", "cp"]).stdout;
        let cp_root = t.root.join("containers").join(id.trim()).join("cp-root");
        assert!(!cp_root.exists(), "{} is left", cp_root.display());
    }
    t.ok(&["start", "cp"]);
    assert_eq!(
        t.ok(&["exec", "cp", "cat", "/two.txt"]).stdout.trim(),
        "two"
    );
}

#[test]
fn a_killed_run_rm_leaves_no_container_behind() {
    let t = pulled("lc_rm_killed");
    if t.skip_for_podman("reads rpod's store layout (containers/<id>, by-name links)") {
        return;
    }
    let mut running = t
        .cmd(&["run", "--rm", "--name", "k9", ALPINE, "sleep", "1002"])
        .spawn();
    let link = t.root.join("containers/by-name/k9");
    assert!(wait_for(PROMPTLY, || std::fs::read_link(&link).ok()).is_some());
    // Wait until the workload runs (its sleep), then SIGKILL rpod.
    let up = wait_for(PROMPTLY, || {
        let out = t.sh("pgrep -u rpodtest -f '^sleep 1002$' >/dev/null && echo up");
        (out.stdout.trim() == "up").then_some(())
    });
    assert!(up.is_some());
    running.kill();
    running.wait();
    let gone = wait_for(PROMPTLY, || {
        let left: Vec<_> = std::fs::read_dir(t.root.join("containers"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().len() == 64)
                    .map(|e| e.file_name())
                    .collect()
            })
            .unwrap_or_default();
        (left.is_empty() && !link.exists()).then_some(())
    });
    assert!(
        gone.is_some(),
        "the --rm container outlived its killed rpod"
    );
}

/// The container directories of the store (64 hex digits), and its reserved names.
fn store_entries(t: &Rpod) -> (Vec<String>, Vec<String>) {
    let list = |d: std::path::PathBuf, ids: bool| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into())
                    .collect()
            })
            .unwrap_or_default();
        v.retain(|n: &String| !ids || n.len() == 64);
        v.sort();
        v
    };
    let containers = t.root.join("containers");
    (
        list(containers.clone(), true),
        list(containers.join("by-name"), false),
    )
}

/// A process of the test's user, killed when the test ends (failed or not).
struct Holder<'a> {
    t: &'a Rpod,
    pid: String,
}

impl Drop for Holder<'_> {
    fn drop(&mut self) {
        let _ = self.t.sh(&format!("kill {}", self.pid));
    }
}

/// What a foreground `run --rm` killed before its cleaner was forked leaves (made by hand,
/// to hit that moment every time): the directory without `state.json`, and its name. `ps`
/// neither shows nor touches it; `rm NAME` removes it and frees the name, `container prune`
/// removes one without a name; one whose lock a live process holds (a container being made
/// or running) stays until that process is gone.
#[test]
fn directories_a_killed_run_rm_left_are_removed_by_rm_and_prune() {
    let t = pulled("lc_abandoned");
    if t.skip_for_podman("makes rpod's store layout by hand (containers/<id>, by-name, lock)") {
        return;
    }
    t.ok(&["run", "--rm", ALPINE, "true"]);
    let c = t.root.join("containers");
    let (named, unnamed, held) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
    for (id, name) in [
        (&named, Some("k9")),
        (&unnamed, None),
        (&held, Some("held")),
    ] {
        let link = name
            .map(|n| format!(" && ln -s ../{id} '{}/by-name/{n}'", c.display()))
            .unwrap_or_default();
        t.sh(&format!(
            "cd '{}' && mkdir -p by-name {id}/upper {id}/work && touch {id}/lock{link}",
            c.display()
        ))
        .assert_ok();
    }
    // A live holder of the third one's lock.
    let holder = t.sh(&format!(
        "(exec 9>'{}/{held}/lock' && flock 9 && exec sleep 7302) >/dev/null 2>&1 & echo $!",
        c.display()
    ));
    let holder = Holder {
        t: &t,
        pid: holder.stdout.trim().to_string(),
    };
    let locked = wait_for(PROMPTLY, || {
        let out = t.sh(&format!(
            "flock -n '{}/{held}/lock' true || echo locked",
            c.display()
        ));
        (out.stdout.trim() == "locked").then_some(())
    });
    assert!(locked.is_some(), "the holder took the lock");
    let all = (
        vec![named.clone(), unnamed.clone(), held.clone()],
        vec!["held".to_string(), "k9".to_string()],
    );

    assert_eq!(
        t.ok(&["ps", "-a", "-q"]).stdout,
        "",
        "ps shows none of them"
    );
    assert_eq!(store_entries(&t), all, "ps leaves them alone");

    let rm = t.ok(&["rm", "k9"]);
    assert_eq!(rm.stdout, "k9\n");
    let rm_held = t.cmd(&["rm", "held"]).run();
    assert_ne!(
        rm_held.status, 0,
        "a held one is no abandoned one: {rm_held:?}"
    );
    t.ok(&["container", "prune", "-f"]);
    assert_eq!(
        store_entries(&t),
        (vec![held.clone()], vec!["held".to_string()]),
        "rm took k9, prune the unnamed one; the held one stays"
    );

    drop(holder);
    let freed = wait_for(PROMPTLY, || {
        let out = t.sh(&format!(
            "flock -n '{}/{held}/lock' true && echo free",
            c.display()
        ));
        (out.stdout.trim() == "free").then_some(())
    });
    assert!(freed.is_some(), "the holder is gone");
    t.ok(&["container", "prune", "-f"]);
    assert_eq!(store_entries(&t), (vec![], vec![]));
    for name in ["k9", "held"] {
        t.ok(&["run", "--rm", "--name", name, ALPINE, "true"]);
    }
    // A name an abandoned directory holds is taken back by the next container given it.
    let id = "d".repeat(64);
    t.sh(&format!(
        "cd '{c}' && mkdir -p {id}/upper && touch {id}/lock && ln -s ../{id} by-name/again",
        c = c.display()
    ))
    .assert_ok();
    t.ok(&["run", "--rm", "--name", "again", ALPINE, "true"]);
    assert_eq!(
        store_entries(&t),
        (vec![], vec![]),
        "the abandoned one went"
    );
}

/// `run --rm` SIGKILLed as soon as its container has a name (before or after its cleaner
/// was forked): after a `container prune`, nothing of it is left and the name is free.
#[test]
fn a_run_rm_killed_at_once_leaves_nothing_after_a_prune() {
    let t = pulled("lc_rm_killed_early");
    if t.skip_for_podman("reads rpod's store layout (containers/<id>, by-name links)") {
        return;
    }
    t.ok(&["run", "--rm", ALPINE, "true"]);
    let link = t.root.join("containers/by-name/k7");
    for _ in 0..5 {
        let mut running = t
            .cmd(&["run", "--rm", "--name", "k7", ALPINE, "sleep", "1005"])
            .spawn();
        // Polled tightly: the moment between the name and the cleaner's fork is short.
        let start = Instant::now();
        while std::fs::symlink_metadata(&link).is_err() {
            assert!(start.elapsed() < PROMPTLY, "the container got no name");
            std::thread::sleep(Duration::from_micros(100));
        }
        running.kill();
        running.wait();
        t.ok(&["container", "prune", "-f"]);
        // What a cleaner forked in time removes, it removes in the background.
        let gone = wait_for(PROMPTLY, || {
            (store_entries(&t) == (vec![], vec![])).then_some(())
        });
        assert!(gone.is_some(), "left behind: {:?}", store_entries(&t));
    }
    t.ok(&["run", "--rm", "--name", "k7", ALPINE, "true"]);
}

#[test]
fn diff_shows_what_the_container_changed() {
    let t = pulled("lc_diff");
    t.ok(&[
        "run",
        "--name",
        "d",
        ALPINE,
        "sh",
        "-c",
        "echo x > /added; echo y >> /etc/passwd; rm /etc/os-release",
    ]);
    let out = t.ok(&["diff", "d"]);
    let lines = out.lines();
    for want in ["A /added", "C /etc", "C /etc/passwd", "D /etc/os-release"] {
        assert!(lines.contains(&want), "{want} missing: {out:?}");
    }
    let json = t.ok(&["diff", "--format", "json", "d"]).json();
    assert!(
        json["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/added"),
        "{json}"
    );
    assert!(
        json["deleted"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/etc/os-release"),
        "{json}"
    );
}

#[test]
fn top_lists_the_containers_processes() {
    let t = pulled("lc_top");
    detach(
        &t,
        &[
            "--name",
            "tp",
            ALPINE,
            "sh",
            "-c",
            "sleep 1003 & exec sleep 1004",
        ],
    );
    let rows = wait_for(PROMPTLY, || {
        let out = t.ok(&["top", "tp"]);
        (out.lines().len() == 3).then_some(out)
    })
    .expect("two processes");
    let table = rows.table();
    assert_eq!(table[0]["PID"], "1", "{rows:?}");
    assert_eq!(table[0]["USER"], "root");
    assert_eq!(table[0]["COMMAND"], "sleep 1004");
    assert!(
        table
            .iter()
            .any(|r| r["COMMAND"] == "sleep 1003" && r["PPID"] == "1"),
        "{rows:?}"
    );
    let out = t.ok(&["top", "tp", "pid", "comm"]);
    assert_eq!(
        out.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["PID", "COMMAND"]
    );
    t.ok(&["stop", "-t", "0", "tp"]);
    let out = t.cmd(&["top", "tp"]).run();
    assert_eq!(out.status, 125, "top of a stopped container: {out:?}");
}

#[test]
fn logs_of_running_and_exited_containers() {
    let t = pulled("lc_logs");
    detach(
        &t,
        &[
            "--name",
            "l",
            ALPINE,
            "sh",
            "-c",
            "echo out; echo err >&2; printf partial; sleep 0.2; echo ' end'",
        ],
    );
    wait_code(&t, "l");
    let out = t.ok(&["logs", "l"]);
    assert_eq!(out.stdout, "out\npartial end\n", "{out:?}");
    assert_eq!(out.stderr, "err\n");
    // Podman 4.3 counts the file's records, and a partial line is two: its --tail 1 prints
    // " end". rpod counts lines as they were printed.
    let tail = t.ok(&["logs", "--tail", "1", "l"]).stdout;
    match t.is_podman() {
        true => assert_eq!(tail, " end\n"),
        false => assert_eq!(tail, "partial end\n"),
    }
    let stamped = t.ok(&["logs", "-t", "l"]);
    let first = stamped.stdout.lines().next().unwrap();
    let (time, text) = first.split_once(' ').unwrap();
    assert_eq!(text, "out");
    assert!(time.starts_with("20") && time.contains('T'), "{first}");
    assert_eq!(t.ok(&["logs", "--since", "1h", "l"]).stdout, out.stdout);
    assert_eq!(
        t.ok(&["logs", "--until", "2000-01-01T00:00:00Z", "l"])
            .stdout,
        ""
    );
    // -f follows a running container to its end.
    detach(
        &t,
        &[
            "--name",
            "f",
            ALPINE,
            "sh",
            "-c",
            "for i in 1 2 3; do echo $i; sleep 0.5; done",
        ],
    );
    let started = Instant::now();
    let followed = t.ok(&["logs", "-f", "f"]);
    assert_eq!(followed.stdout, "1\n2\n3\n");
    assert!(
        started.elapsed() > Duration::from_millis(500),
        "it followed"
    );
    let out = t.cmd(&["logs", "nope"]).run();
    assert_eq!(out.status, 125);
}

#[test]
fn log_drivers_and_max_size() {
    let t = pulled("lc_log_opts");
    let id = detach(
        &t,
        &[
            "--name",
            "big",
            "--log-opt",
            "max-size=1k",
            ALPINE,
            "sh",
            "-c",
            "i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done",
        ],
    );
    wait_code(&t, "big");
    let out = t.ok(&["logs", "big"]);
    assert!(out.stdout.ends_with("line-199\n"), "{out:?}");
    assert!(
        !out.stdout.contains("line-0\n"),
        "the log was cut at 1k: {out:?}"
    );
    if !t.is_podman() {
        let size = std::fs::metadata(t.root.join("containers").join(&id).join("ctr.log"))
            .unwrap()
            .len();
        assert!(size <= 1024, "ctr.log is {size} bytes");
    }
    detach(
        &t,
        &[
            "--name",
            "quiet",
            "--log-driver",
            "none",
            ALPINE,
            "echo",
            "unseen",
        ],
    );
    wait_code(&t, "quiet");
    let out = t.cmd(&["logs", "quiet"]).run();
    assert!(!out.stdout.contains("unseen"), "{out:?}");
    let out = t
        .cmd(&["run", "-d", "--log-driver", "syslog-ng", ALPINE, "true"])
        .run();
    assert_eq!(out.status, 125, "an unknown driver: {out:?}");
    if !t.is_podman() {
        // In the foreground there is no log: refused rather than ignored.
        let out = t
            .cmd(&["run", "--rm", "--log-opt", "max-size=1k", ALPINE, "true"])
            .run();
        assert_eq!(out.status, 125, "{out:?}");
        assert!(out.stderr.contains("needs -d"), "{out:?}");
    }
}
