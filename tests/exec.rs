//! `exec` into a running container, as a user checks it: output and exit status (126/127
//! as `run`), user, directory, environment, stdin, a terminal, `-d`; the same restrictions
//! as the container's PID 1; processes gone with the container; refusals. Also against
//! podman (`RPOD_IT_ENGINE=podman`).

mod common;

use common::{wait_for, Rpod, Tmux, PROMPTLY};
use std::time::Duration;

const ALPINE: &str = "alpine";

fn running(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&["run", "-d", "--name", "x", ALPINE, "sleep", "1000"]);
    t
}

#[test]
fn output_status_user_dir_env_and_stdin() {
    let t = running("exec_basics");
    assert_eq!(t.ok(&["exec", "x", "echo", "hello"]).stdout, "hello\n");
    t.cmd(&["exec", "x", "sh", "-c", "exit 3"])
        .run()
        .assert_fails(3);
    let out = t.cmd(&["exec", "x", "no-such-command"]).run();
    out.assert_fails(127);
    let out = t.cmd(&["exec", "x", "/etc"]).run();
    out.assert_fails(126);
    let out = t.ok(&[
        "exec",
        "-u",
        "1000",
        "-w",
        "/tmp",
        "-e",
        "A=1",
        "x",
        "sh",
        "-c",
        "id -u; pwd; echo $A",
    ]);
    assert_eq!(out.lines(), ["1000", "/tmp", "1"]);
    // The container's environment is there, its PATH among it.
    let env = t.ok(&["exec", "x", "env"]).stdout;
    assert!(env.lines().any(|l| l.starts_with("PATH=")), "{env}");
    let out = t.cmd(&["exec", "-i", "x", "cat"]).stdin(b"piped\n").run();
    out.assert_ok();
    assert_eq!(out.stdout, "piped\n");
    let out = t.cmd(&["exec", "x", "cat"]).stdin(b"piped\n").run();
    assert_eq!(out.stdout, "", "without -i stdin is empty");
    let out = t.cmd(&["exec", "-w", "/nope", "x", "true"]).run();
    assert_ne!(out.status, 0, "a missing working directory: {out:?}");
}

#[test]
fn the_same_restrictions_as_pid_1() {
    let t = running("exec_restrictions");
    let fields = "grep -E '^(CapEff|CapBnd|CapPrm|Seccomp|NoNewPrivs):' /proc/$0/status";
    let own = t.ok(&["exec", "x", "sh", "-c", fields, "self"]).stdout;
    let pid1 = t.ok(&["exec", "x", "sh", "-c", fields, "1"]).stdout;
    assert_eq!(own, pid1, "exec'd process vs PID 1");
    assert!(own.contains("Seccomp:\t2"), "{own}");
    // --privileged: every capability.
    let privileged = t.ok(&[
        "exec",
        "--privileged",
        "x",
        "grep",
        "CapEff",
        "/proc/self/status",
    ]);
    assert_ne!(
        privileged.stdout,
        own.lines()
            .find(|l| l.starts_with("CapEff"))
            .unwrap()
            .to_string()
            + "\n"
    );
    // Its parent is outside the container's pid namespace.
    let ppid = t.ok(&["exec", "x", "sh", "-c", "grep PPid /proc/$$/status"]);
    assert_eq!(ppid.stdout.trim(), "PPid:\t0");
    if !t.is_podman() {
        // Nothing of the container ever sees rpod's binary: the exec'd process is the
        // workload's image by the time it can be seen at all.
        let exe = t.ok(&["exec", "x", "readlink", "/proc/self/exe"]);
        assert_eq!(exe.stdout.trim(), "/bin/busybox");
    }
}

#[test]
fn a_terminal_and_the_background() {
    let t = running("exec_tty");
    let status = t.dir.join("status");
    let line = format!(
        "{}; echo $? >'{}'",
        t.cmd(&["exec", "-it", "x", "sh"]).shell_line(),
        status.display()
    );
    let tm = Tmux::start(&format!("exec_tty_{}", t.engine.name()), 100, 30, &line);
    let wait = Duration::from_secs(20);
    tm.wait_screen(wait, "the shell's prompt", |s| {
        s.lines().last() == Some("/ #")
    });
    tm.send_line("tty; stty size");
    tm.wait_screen(wait, "a pts of the container's own", |s| {
        s.lines().any(|l| l.starts_with("/dev/pts/")) && s.lines().any(|l| l == "30 100")
    });
    tm.send_line("exit 5");
    let code = wait_for(wait, || {
        std::fs::read_to_string(&status)
            .ok()
            .filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| panic!("exec -it did not end:\n{}", tm.screen()));
    assert_eq!(code.trim(), "5");
    // -d returns at once; the command runs on.
    t.ok(&["exec", "-d", "x", "sh", "-c", "sleep 1; touch /tmp/mark"]);
    let marked = wait_for(PROMPTLY, || {
        (t.cmd(&["exec", "x", "test", "-e", "/tmp/mark"])
            .run()
            .status
            == 0)
            .then_some(())
    });
    assert!(marked.is_some());
}

/// Every `exec -d` command runs on after rpod returns: none may die with the joiner that
/// started it and left at once (a parent-death signal the command set before the joiner was
/// gone killed it: 20 of 30 survived).
#[test]
fn every_detached_exec_survives() {
    let t = running("exec_detached_many");
    const N: usize = 30;
    for i in 0..N {
        t.ok(&[
            "exec",
            "-d",
            "x",
            "sh",
            "-c",
            &format!("sleep 2; touch /tmp/m{i}"),
        ]);
    }
    let count = || {
        let out = t.ok(&["exec", "x", "sh", "-c", "ls /tmp | grep -c '^m' || true"]);
        out.stdout.trim().parse::<usize>().unwrap_or(0)
    };
    let all = wait_for(Duration::from_secs(20), || (count() == N).then_some(()));
    assert!(
        all.is_some(),
        "{} of {N} detached execs ran to the end",
        count()
    );
}

#[test]
fn exec_ends_with_the_container_and_not_after() {
    let t = running("exec_stop");
    let long = t.cmd(&["exec", "x", "sleep", "1005"]).spawn();
    let up = wait_for(PROMPTLY, || {
        let out = t
            .cmd(&[
                "exec",
                "x",
                "sh",
                "-c",
                "cat /proc/[0-9]*/cmdline | tr '\\0' ' ' | grep -q 'sleep 1005' && echo up",
            ])
            .run();
        (out.stdout.trim() == "up").then_some(())
    });
    assert!(up.is_some());
    t.ok(&["stop", "-t", "0", "x"]);
    let ended = long.wait_timeout(Duration::from_secs(20));
    assert_ne!(
        ended.status, 0,
        "the exec'd process ended with the container: {ended:?}"
    );
    let out = t.cmd(&["exec", "x", "true"]).run();
    assert_eq!(out.status, if t.is_podman() { 255 } else { 125 }, "{out:?}");
    assert!(
        out.stderr
            .contains("can only create exec sessions on running containers"),
        "{out:?}"
    );
    let out = t.cmd(&["exec", "nope", "true"]).run();
    assert!(out.stderr.contains("no such container"), "{out:?}");
}
