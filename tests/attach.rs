//! `attach`, the detach keys, `start -a/-i` and `run -a`, as a user checks them: a shell in a
//! terminal left with Ctrl-P Ctrl-Q and found again with `attach` (tmux), exit statuses passed
//! through, stdout and stderr kept apart, stdin relayed and closed, signals proxied or not,
//! and the refusals. Also against podman (`RPOD_IT_ENGINE=podman`).

mod common;

use common::{wait_for, Rpod, Tmux, PROMPTLY};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ALPINE: &str = "alpine";
const WAIT: Duration = Duration::from_secs(30);

fn with_alpine(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t
}

/// The container's status as `ps -a` shows it (`Up ...`, `Exited (N) ...`), or `None`.
fn status(t: &Rpod, name: &str) -> Option<String> {
    let out = t.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    out.stdout.lines().find_map(|l| {
        l.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(' '))
            .map(str::to_string)
    })
}

fn is_up(t: &Rpod, name: &str) -> bool {
    status(t, name).is_some_and(|s| s.starts_with("Up"))
}

/// The command in a tmux window; its exit status is written to `<dir>/<file>` when it ends.
fn in_terminal(t: &Rpod, session: &str, args: &[&str], file: &str) -> (Tmux, PathBuf) {
    let status = t.dir.join(format!("{file}.status"));
    let line = format!(
        "{}; echo $? >'{}'; sleep 600",
        t.cmd(args).shell_line(),
        status.display()
    );
    let name = format!("attach_{session}_{}", t.engine.name());
    (Tmux::start(&name, 100, 30, &line), status)
}

#[track_caller]
fn exit_status(path: &Path, tm: &Tmux) -> String {
    wait_for(WAIT, || {
        std::fs::read_to_string(path)
            .ok()
            .filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| panic!("the command did not end:\n{}", tm.screen()))
    .trim()
    .to_string()
}

/// Why the detach tests skip podman.
const NO_PODMAN_DETACH: &str = "podman 4.3 passes Ctrl-P Ctrl-Q on to the container in this \
    test terminal instead of detaching (its attach warns 'The input device is not a TTY' here)";

/// Types `line` (again, every half second: an attach may not be connected yet, and a window
/// size may take a moment to arrive) until every one of `expected` is a line of the screen.
#[track_caller]
fn type_until_seen(tm: &Tmux, line: &str, expected: &[&str]) {
    let seen = wait_for(WAIT, || {
        tm.send_line(line);
        wait_for(Duration::from_millis(500), || {
            let s = tm.screen();
            expected
                .iter()
                .all(|e| s.lines().any(|l| l == *e))
                .then_some(())
        })
    });
    assert!(seen.is_some(), "never saw {expected:?}:\n{}", tm.screen());
}

fn prompt(s: &str) -> bool {
    s.lines().last() == Some("/ #")
}

#[test]
fn detach_from_a_shell_and_attach_again_in_tmux() {
    let t = with_alpine("attach_tty");
    if t.skip_for_podman(NO_PODMAN_DETACH) {
        return;
    }
    let (tm, run_status) = in_terminal(
        &t,
        "run",
        &["run", "-it", "--name", "sh1", ALPINE, "sh"],
        "run",
    );
    tm.wait_screen(WAIT, "the shell's prompt", prompt);
    tm.send_line("echo one > /tmp/mark; echo typed-$((40+2))");
    tm.wait_screen(WAIT, "typed-42", |s| s.lines().any(|l| l == "typed-42"));
    tm.send_keys(&["C-p", "C-q"]);
    assert_eq!(
        exit_status(&run_status, &tm),
        "0",
        "run's status after detaching"
    );
    assert!(
        is_up(&t, "sh1"),
        "the container runs on after the detach: {:?}",
        status(&t, "sh1")
    );

    // attach, in another terminal: the same shell (its file is there), the size that
    // terminal's; detach with other keys.
    let (tm2, attach_status) = in_terminal(
        &t,
        "again",
        &["attach", "--detach-keys", "ctrl-x", "sh1"],
        "attach",
    );
    tm2.resize(90, 25);
    type_until_seen(&tm2, "cat /tmp/mark; stty size", &["one", "25 90"]);
    tm2.send_keys(&["C-x"]);
    assert_eq!(
        exit_status(&attach_status, &tm2),
        "0",
        "attach's status after detaching"
    );
    assert!(is_up(&t, "sh1"), "{:?}", status(&t, "sh1"));

    // attach again: the shell's exit status is attach's, and ps says it exited.
    let (tm3, last_status) = in_terminal(&t, "last", &["attach", "sh1"], "last");
    // The prompt is not drawn again on attach: what is typed shows the connection.
    type_until_seen(&tm3, "echo still-$((1+1))", &["still-2"]);
    tm3.send_line("exit 7");
    assert_eq!(
        exit_status(&last_status, &tm3),
        "7",
        "attach passes the status on"
    );
    let exited = wait_for(PROMPTLY, || {
        status(&t, "sh1").filter(|s| s.starts_with("Exited (7)"))
    });
    assert!(exited.is_some(), "{:?}", status(&t, "sh1"));
}

#[test]
fn a_detached_rm_container_goes_when_it_exits() {
    let t = with_alpine("attach_rm");
    if t.skip_for_podman(NO_PODMAN_DETACH) {
        return;
    }
    let (tm, run_status) = in_terminal(
        &t,
        "rm",
        &["run", "--rm", "-it", "--name", "gone", ALPINE, "sh"],
        "run",
    );
    tm.wait_screen(WAIT, "the shell's prompt", prompt);
    tm.send_keys(&["C-p", "C-q"]);
    assert_eq!(exit_status(&run_status, &tm), "0");
    assert!(is_up(&t, "gone"), "it runs until it exits");
    let (tm2, attach_status) = in_terminal(&t, "rm2", &["attach", "gone"], "attach");
    type_until_seen(&tm2, "echo here", &["here"]);
    tm2.send_line("exit 3");
    assert_eq!(exit_status(&attach_status, &tm2), "3");
    let gone = wait_for(PROMPTLY, || status(&t, "gone").is_none().then_some(()));
    assert!(gone.is_some(), "the --rm container is removed");
}

#[test]
fn start_attach_passes_output_apart_and_the_status() {
    let t = with_alpine("attach_start");
    let script = "echo out; echo err >&2; exit 4";
    t.ok(&["create", "--name", "c", ALPINE, "sh", "-c", script]);
    let out = t.cmd(&["start", "-a", "c"]).run();
    out.assert_fails(4);
    assert_eq!(out.stdout, "out\n");
    out.check(out.stderr.lines().any(|l| l == "err"), "err on stderr");
    let st = status(&t, "c");
    assert!(
        st.as_deref().is_some_and(|s| s.starts_with("Exited (4)")),
        "{st:?}"
    );

    // -i: stdin relayed, and its end closes the container's (cat ends).
    t.ok(&[
        "create",
        "-i",
        "--name",
        "cat",
        ALPINE,
        "sh",
        "-c",
        "cat; echo done",
    ]);
    let out = t.cmd(&["start", "-ai", "cat"]).stdin(b"piped\n").run();
    out.assert_ok();
    assert_eq!(out.stdout, "piped\ndone\n");
}

#[test]
fn run_attach_picks_the_streams() {
    let t = with_alpine("attach_run_a");
    let script = "echo out; echo err >&2; exit 5";
    let out = t
        .cmd(&["run", "--rm", "-a", "stdout", ALPINE, "sh", "-c", script])
        .run();
    out.assert_fails(5);
    assert_eq!(out.stdout, "out\n");
    out.check(!out.stderr.contains("err"), "no stderr with -a stdout");
    let out = t
        .cmd(&["run", "--rm", "-a", "STDERR", ALPINE, "sh", "-c", script])
        .run();
    out.assert_fails(5);
    assert_eq!(out.stdout, "");
    out.check(out.stderr.lines().any(|l| l == "err"), "err on stderr");
    // -a stdin with -i: the input goes in, and its end closes the container's stdin.
    let args = [
        "run", "--rm", "-i", "-a", "stdin", "-a", "stdout", ALPINE, "cat",
    ];
    let out = t.cmd(&args).stdin(b"through\n").run();
    out.assert_ok();
    assert_eq!(out.stdout, "through\n");
}

#[test]
fn attach_to_a_container_started_with_d() {
    let t = with_alpine("attach_plain");
    // Without a terminal: output arrives as the container writes it, stdout and stderr
    // apart; attach's input goes in.
    let script = "read a; echo got $a; read b; echo got $b >&2; exit 6";
    t.ok(&["run", "-d", "-i", "--name", "r", ALPINE, "sh", "-c", script]);
    let out = t.cmd(&["attach", "r"]).stdin(b"first\nsecond\n").run();
    if !t.skip_for_podman("podman 4.3's attach exits 0 whatever the container's status: rpod passes it on, as docker attach does") {
        out.assert_fails(6);
    }
    // (podman 4.3 adds an empty line at the end.)
    assert_eq!(out.stdout.trim_end(), "got first");
    out.check(
        out.stderr.lines().any(|l| l == "got second"),
        "stderr apart",
    );
    // What it printed is in the log as well.
    let logs = t.ok(&["logs", "r"]);
    logs.check(logs.stdout.contains("got first"), "the log has the output");
}

#[test]
fn signals_are_proxied_unless_told_not_to() {
    let t = with_alpine("attach_signals");
    let script = "trap 'echo got TERM; exit 9' TERM; echo ready; while :; do sleep 0.1; done";
    t.ok(&["create", "--name", "trap", ALPINE, "sh", "-c", script]);
    let mut running = t.cmd(&["start", "-a", "trap"]).spawn();
    wait_until_logged(&t, "trap", "ready");
    if t.is_podman() {
        // Podman 4.3 proxies signals only once it attached; one before ends it with status 0
        // (see tests/run.rs). rpod blocks them before the container starts.
        std::thread::sleep(Duration::from_secs(1));
    }
    signal(&running, nix::sys::signal::Signal::SIGTERM);
    let ended = wait_for(WAIT, || (!running.is_running()).then_some(()));
    assert!(ended.is_some(), "start -a did not end after SIGTERM");
    let out = running.wait();
    out.assert_fails(9);
    out.check(out.stdout.contains("got TERM"), "the trap ran");

    // --sig-proxy=false: SIGTERM ends attach alone; the container runs on.
    t.ok(&["run", "-d", "--name", "keep", ALPINE, "sleep", "1000"]);
    let mut attached = t.cmd(&["attach", "--sig-proxy=false", "keep"]).spawn();
    std::thread::sleep(Duration::from_millis(500));
    assert!(attached.is_running(), "attach returned early");
    signal(&attached, nix::sys::signal::Signal::SIGTERM);
    let ended = wait_for(WAIT, || (!attached.is_running()).then_some(()));
    assert!(
        ended.is_some(),
        "attach --sig-proxy=false did not end on SIGTERM"
    );
    assert!(is_up(&t, "keep"), "{:?}", status(&t, "keep"));
}

fn signal(running: &common::Running, sig: nix::sys::signal::Signal) {
    let pid = nix::unistd::Pid::from_raw(running.child.id() as i32);
    nix::sys::signal::kill(pid, sig).expect("kill");
}

fn wait_until_logged(t: &Rpod, name: &str, text: &str) {
    let seen = wait_for(WAIT, || {
        let out = t.cmd(&["logs", name]).run();
        out.stdout.contains(text).then_some(())
    });
    assert!(seen.is_some(), "{name} never printed {text}");
}

#[test]
fn refusals() {
    let t = with_alpine("attach_refusals");
    let out = t.cmd(&["attach", "nope"]).run();
    out.assert_fails(125);
    out.check(out.stderr.contains("no such container"), "Podman's words");
    t.ok(&["create", "--name", "idle", ALPINE, "true"]);
    let out = t.cmd(&["attach", "idle"]).run();
    out.assert_fails(125);
    out.check(out.stderr.contains("running containers"), "not running");
    if t.skip_for_podman("rpod refuses what podman 4.3 ignores, or words it differently") {
        return;
    }
    for bad in [
        &["run", "-d", "-a", "stdout", ALPINE, "true"][..],
        &["run", "-a", "stdstuff", ALPINE, "true"],
        &["run", "--detach-keys", "ctrl-1", "-it", ALPINE, "true"],
        &["run", "-d", "--sig-proxy=false", ALPINE, "true"],
        &["attach", "--detach-keys", "alt-x", "idle"],
        &["start", "--detach-keys", "ctrl-x", "idle"],
        &["start", "-a", "idle", "idle"],
    ] {
        let out = t.cmd(bad).run();
        out.assert_fails(125);
        out.check(out.stderr.lines().count() == 1, "one line of error");
    }
    assert_eq!(status(&t, "idle").as_deref(), Some("Created"));
    // A container run in the foreground has no monitor to attach to: said so.
    let mut fg = t
        .cmd(&["run", "--name", "fg", ALPINE, "sleep", "1000"])
        .spawn();
    let up = wait_for(WAIT, || is_up(&t, "fg").then_some(()));
    assert!(up.is_some(), "{:?}", status(&t, "fg"));
    let out = t.cmd(&["attach", "fg"]).run();
    out.assert_fails(125);
    out.check(out.stderr.contains("foreground"), "says why");
    fg.kill();
    let _ = fg.wait();
}
