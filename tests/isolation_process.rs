//! The container's process is cut off from the user's (issue 10): a session of its own (no
//! controlling terminal to push keystrokes into without `-t`), a fresh session keyring, only
//! the descriptors 0, 1 and 2, a working directory inside its root, and everything after the
//! image on the command line as its own.
//!
//! `RPOD_IT_ENGINE=podman cargo test --test isolation_process` runs the same tests with rootless
//! podman; where the two differ, the test says so.

mod common;

use common::{assert_error, probe_volume, shell_quote, Output, Rpod, Tmux};
use std::time::Duration;

const ALPINE: &str = "alpine";

/// A store with alpine already pulled, so that stderr holds only what `run` says.
fn with_alpine(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t
}

/// `run --rm ARGS`.
fn run(t: &Rpod, args: &[&str]) -> Output {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    t.cmd(&a).run()
}

/// The shell line of `rpod ARGS` (for `t.sh` scripts and terminals).
fn line(t: &Rpod, args: &[&str]) -> String {
    t.cmd(args).shell_line()
}

#[test]
fn everything_after_the_image_belongs_to_the_container() {
    let t = with_alpine("proc_cmdline");
    // `-u` is `--user` for rpod, but after the image it is `id`'s.
    let out = run(&t, &["--entrypoint", "id", ALPINE, "-u"]);
    out.assert_ok();
    assert_eq!(out.stdout, "0\n", "`id -u` in the container");
    let out = run(&t, &["-u", "app", ALPINE, "id", "-u", "-n"]);
    out.assert_ok();
    assert_eq!(out.stdout, "app\n");
    let out = run(&t, &[ALPINE, "ls", "-l", "-d", "/etc"]);
    out.assert_ok();
    out.check(
        out.stdout.starts_with("drwx"),
        "`ls -l -d /etc`'s long format",
    );
    // rpod's own options and --help, before the image, still work.
    let out = run(&t, &[ALPINE, "echo", "-e", "--rm", "-h", "--help"]);
    out.assert_ok();
    assert_eq!(out.stdout, "--rm -h --help\n");
    let out = t.cmd(&["run", "--help"]).run();
    out.assert_ok();
    out.check(
        out.stdout.contains("Usage:") && out.stdout.contains("IMAGE"),
        "`run --help` prints the usage",
    );
    // `rpod unshare CMD ARGS` had no such problem; it stays so.
    let out = t.cmd(&["unshare", "id", "-u"]).run();
    out.assert_ok();
    assert_eq!(out.stdout, "0\n");
}

/// The descriptors `ls /proc/self/fd` shows in the container.
fn fds_in_container(t: &Rpod, opts: &[&str], rm: bool, before: &str) -> Vec<String> {
    let mut args = vec!["run"];
    if rm {
        args.push("--rm");
    }
    args.extend_from_slice(opts);
    args.extend_from_slice(&[ALPINE, "ls", "/proc/self/fd"]);
    let out = t.sh(&format!("{before}{}", line(t, &args)));
    out.assert_ok();
    out.stdout.split_whitespace().map(String::from).collect()
}

#[test]
fn only_stdio_descriptors_reach_the_workload() {
    let t = with_alpine("proc_fds");
    // 3 is ls's own reading of the directory.
    let expected = ["0", "1", "2", "3"];
    for opts in [
        &[][..],
        &["--init"],
        &["-t"],
        &["--userns=keep-id"],
        &["--init", "-t", "--userns=keep-id"],
    ] {
        for rm in [true, false] {
            let fds = fds_in_container(&t, opts, rm, "");
            assert_eq!(fds, expected, "run {opts:?} (--rm: {rm})");
        }
    }
    // What the caller's shell leaves open does not reach the container either: Podman does
    // not pass it without --preserve-fds.
    let fds = fds_in_container(&t, &[], true, "exec 7</etc/hostname 9</ && ");
    assert_eq!(fds, expected, "with descriptors 7 and 9 open in the caller");
}

#[test]
fn a_workdir_through_a_leaked_descriptor_is_refused() {
    let t = with_alpine("proc_workdir_fd");
    // podman 4.3 with crun 1.8.1 here enters the caller's descriptor 7 before it closes it:
    // `cat hostname` prints the host's /etc/hostname (the CVE-2024-21626 pattern).
    if t.skip_for_podman("crun 1.8.1 enters the leaked descriptor (CVE-2024-21626)") {
        return;
    }
    // Descriptor 7 is the host's /etc. rpod used to pass it on: the container read the host's
    // /etc/hostname through it.
    let run_line = line(
        &t,
        &[
            "run",
            "--rm",
            "-w",
            "/proc/self/fd/7",
            ALPINE,
            "cat",
            "hostname",
        ],
    );
    let out = t.sh(&format!("exec 7</etc && {run_line}"));
    assert_error(&t, &out, 125, &["working directory /proc/self/fd/7"]);
    assert_eq!(out.stdout, "", "nothing of the host's /etc");

    // A descriptor rpod must pass (stdin, with -i) that is a directory outside the root: the
    // check after chdir refuses it.
    let host_dir = t.dir.join("host-dir");
    t.sh(&format!(
        "mkdir '{d}' && touch '{d}/host-file'",
        d = host_dir.display()
    ))
    .assert_ok();
    let run_line = line(
        &t,
        &["run", "--rm", "-i", "-w", "/proc/self/fd/0", ALPINE, "ls"],
    );
    let out = t.sh(&format!("{run_line} <'{}'", host_dir.display()));
    assert_error(
        &t,
        &out,
        125,
        &[
            "working directory /proc/self/fd/0",
            "not inside the container",
        ],
    );
    out.check(
        !out.stdout.contains("host-file"),
        "the host's directory was listed",
    );

    // A missing working directory is still created, as before (Podman: 126, "workdir does
    // not exist"), and a file is still refused.
    let out = run(&t, &["-w", "/nonexistent", ALPINE, "pwd"]);
    out.assert_ok();
    assert_eq!(out.stdout, "/nonexistent\n");
    let out = run(&t, &["-w", "/etc/hostname", ALPINE, "pwd"]);
    assert_error(&t, &out, 125, &["/etc/hostname", "not a directory"]);
}

/// Runs `probe ARGS` on the host as rpodtest: `rpod_probe` itself, outside any container.
fn host_probe() -> String {
    shell_quote(&common::env().probe.display().to_string())
}

/// With a key in the user's session keyring: the container's session keyring, and whether the
/// key is found from it.
fn keyring_seen(t: &Rpod, opts: &[&str]) -> (String, String, String) {
    let probe = host_probe();
    let vol = probe_volume();
    let mut args = vec![
        "run",
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        "-v",
        &vol,
    ];
    args.extend_from_slice(opts);
    args.extend_from_slice(&[
        ALPINE,
        "sh",
        "-c",
        "/probe keyring-id; /probe find-key rpod-it-secret",
    ]);
    let inner = format!(
        "{probe} keyring-id && {probe} find-key rpod-it-secret && {}",
        line(t, &args)
    );
    let out = t.sh(&format!(
        "{probe} with-key rpod-it-secret -- sh -c {}",
        shell_quote(&inner)
    ));
    out.assert_ok();
    let lines = out.lines();
    out.check(
        lines.len() == 4,
        "four lines: the host's and the container's",
    );
    let (host_ring, host_key) = (lines[0], lines[1]);
    out.check(
        host_key.parse::<i32>().is_ok(),
        "the host finds the key it added",
    );
    (
        host_ring.to_string(),
        lines[2].to_string(),
        lines[3].to_string(),
    )
}

#[test]
fn the_users_session_keyring_is_out_of_reach() {
    let t = with_alpine("proc_keyring");
    // seccomp=unconfined: the keyring itself must be out of reach, whatever the filter allows.
    for opts in [&[][..], &["--userns=keep-id"], &["-u", "1000", "--init"]] {
        let (host_ring, ring, key) = keyring_seen(&t, opts);
        assert_eq!(
            key, "ENOKEY",
            "run {opts:?}: the user's key from the container"
        );
        assert!(
            ring.parse::<i32>().is_ok() && ring != host_ring,
            "run {opts:?}: the container's session keyring {ring} should be its own, not \
             the user's {host_ring}"
        );
    }
}

/// An interactive bash in a fresh tmux terminal, prompt `$ `.
fn terminal(t: &Rpod, name: &str) -> Tmux {
    let name = format!("{name}_{}", t.engine.name());
    let tm = Tmux::start(&name, 250, 50, "env PS1='$ ' bash --norc --noprofile -i");
    tm.wait_screen(Duration::from_secs(10), "bash's prompt", |s| {
        s.lines().last() == Some("$")
    });
    tm
}

/// Waits for the output line that holds `prefix` (not the typed command, which holds `$(`;
/// a character pushed into the terminal would be echoed before it); returns what follows.
#[track_caller]
fn output_line(tm: &Tmux, prefix: &str) -> String {
    let find = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("$("))
            .find_map(|l| Some(l[l.find(prefix)? + prefix.len()..].trim().to_string()))
    };
    let screen = tm.wait_screen(Duration::from_secs(20), prefix, |s| find(s).is_some());
    find(&screen).unwrap()
}

#[test]
fn without_t_the_container_cannot_reach_the_users_terminal() {
    let t = with_alpine("proc_terminal");
    let tm = terminal(&t, "proc_terminal");
    let vol = probe_volume();
    // stdout and stderr are the terminal; stdin is /dev/null without -i.
    let script = "echo \"result1: sti=$(/probe tiocsti fd:2) tty=$(/probe open /dev/tty) \
                  $(/probe session)\"";
    tm.send_line(&line(
        &t,
        &["run", "--rm", "-v", &vol, ALPINE, "sh", "-c", script],
    ));
    let result = output_line(&tm, "result1:");
    // rpod passes its own stdio on: the terminal, which the kernel then refuses to push
    // input into (EPERM). Podman's conmon relays them through pipes: no terminal (ENOTTY).
    let refused = if t.is_podman() { "ENOTTY" } else { "EPERM" };
    let fields: Vec<&str> = result.split_whitespace().collect();
    assert_eq!(
        fields[..2],
        [format!("sti={refused}").as_str(), "tty=ENXIO"],
        "TIOCSTI into stderr, the user's terminal, and opening /dev/tty; screen:\n{}",
        tm.screen()
    );
    // The container's sh is PID 1 and leads its session (the engine's is outside the pid
    // namespace: 0); it has no controlling terminal.
    assert_eq!(fields[2], "sid=1", "{result}");
    assert_eq!(fields[4], "tty=ENXIO", "{result}");

    // -i: stdin is the user's terminal too.
    let script = "echo \"result2: sti=$(/probe tiocsti -)\"";
    tm.send_line(&line(
        &t,
        &["run", "--rm", "-i", "-v", &vol, ALPINE, "sh", "-c", script],
    ));
    assert_eq!(output_line(&tm, "result2:"), format!("sti={refused}"));

    // Nothing was pushed into the shell's input: an injected `#` would make this a comment.
    tm.wait_screen(Duration::from_secs(10), "the prompt", |s| {
        s.lines().last() == Some("$")
    });
    tm.send_line("echo mark-$((6*7))");
    tm.wait_screen(Duration::from_secs(10), "mark-42", |s| {
        s.lines().any(|l| l == "mark-42")
    });
}

#[test]
fn ctrl_c_still_reaches_a_container_without_t() {
    let t = with_alpine("proc_ctrl_c");
    let tm = terminal(&t, "proc_ctrl_c");
    // The container's PID 1 traps SIGINT: it gets the one the engine forwards.
    let script = "trap 'echo got-int; exit 3' INT; echo ready; sleep 100 & wait";
    let run_line = line(&t, &["run", "--rm", ALPINE, "sh", "-c", script]);
    tm.send_line(&format!("{run_line}; echo status1=$?"));
    tm.wait_screen(Duration::from_secs(20), "ready", |s| {
        s.lines().any(|l| l == "ready")
    });
    tm.send_keys(&["C-c"]);
    // The terminal echoes `^C` where the cursor was.
    tm.wait_screen(Duration::from_secs(10), "got-int, then status1=3", |s| {
        s.lines().any(|l| l.ends_with("got-int")) && s.lines().any(|l| l.ends_with("status1=3"))
    });
    tm.send_keys(&["C-l"]);

    // --init passes it on to the workload, which dies of it.
    let script = "echo ready2; exec sleep 100";
    let run_line = line(&t, &["run", "--rm", "--init", ALPINE, "sh", "-c", script]);
    tm.send_line(&format!("{run_line}; echo status2=$?"));
    tm.wait_screen(Duration::from_secs(20), "ready2", |s| {
        s.lines().any(|l| l == "ready2")
    });
    tm.send_keys(&["C-c"]);
    tm.wait_screen(Duration::from_secs(10), "status2=130", |s| {
        s.lines().any(|l| l.ends_with("status2=130"))
    });
}

/// The caller's umask does not reach the container: Podman gives its process 0022 unless
/// `--umask` says otherwise, so the files made for it (`/etc/hosts`...) stay readable to its
/// users.
#[test]
fn the_callers_umask_stays_outside() {
    let t = with_alpine("proc_umask");
    let script = "umask; stat -c %a /etc/hosts; cat /etc/hosts >/dev/null && echo readable";
    let as_1000 = line(
        &t,
        &["run", "--rm", "-u", "1000", ALPINE, "sh", "-c", script],
    );
    let out = t.sh(&format!("umask 077 && {as_1000}"));
    out.assert_ok();
    assert_eq!(out.lines(), ["0022", "644", "readable"], "{}", out.stderr);
    let given = line(
        &t,
        &[
            "run", "--rm", "--umask", "0077", ALPINE, "sh", "-c", "umask",
        ],
    );
    let out = t.sh(&format!("umask 022 && {given}"));
    out.assert_ok();
    assert_eq!(out.stdout, "0077\n");
    let out = run(&t, &["--umask", "0999", ALPINE, "true"]);
    assert_error(&t, &out, 125, &["umask"]);
}
