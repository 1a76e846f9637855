//! Resource limits on a host that cannot apply them (this one: cgroup v2 without the memory,
//! cpu and pids controllers): a limit asked for is refused with one line naming the missing
//! controller and the fix, never run unlimited; nothing is created; bad values name the flag;
//! `rpod run` without limits (or with `--pids-limit -1`, unlimited) works as before. rpod's own
//! behaviour: podman 4.3 warns and runs such a container unlimited.

mod common;

use common::Rpod;

const ALPINE: &str = "alpine";

#[test]
fn a_limit_that_cannot_hold_is_refused() {
    let t = Rpod::new("limits_refused");
    if t.skip_for_podman("podman 4.3 runs a container it cannot limit, unlimited") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    for (flags, controller) in [
        (&["--memory", "512m"][..], "memory"),
        (&["--cpus", "0.5"], "cpu"),
        (&["--pids-limit", "64"], "pids"),
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&[ALPINE, "true"]);
        let out = t.cmd(&args).run();
        out.assert_fails(125);
        out.check(out.stderr.lines().count() == 1, "one line");
        out.check(
            out.stderr.contains(flags[0])
                && out.stderr.contains(&format!("the {controller} controller"))
                && (out.stderr.contains("systemd.unified_cgroup_hierarchy=1")
                    || out.stderr.contains("Delegate=")
                    || out.stderr.contains("cannot apply cgroup limits yet")),
            "names the flag, the controller and the fix",
        );
    }
    // Nothing was made, and a run without limits works; -1 is no limit.
    assert_eq!(t.ok(&["ps", "-a", "-q"]).stdout, "");
    t.ok(&["run", "--rm", ALPINE, "true"]);
    t.ok(&["run", "--rm", "--pids-limit", "-1", ALPINE, "true"]);
    let out = t.cmd(&["create", "--memory", "1g", ALPINE, "true"]).run();
    out.assert_fails(125);
    assert_eq!(t.ok(&["ps", "-a", "-q"]).stdout, "");
}

#[test]
fn bad_values_name_the_flag() {
    let t = Rpod::new("limits_bad");
    if t.skip_for_podman("rpod's own wording") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    for (flag, value) in [
        ("--memory", "12x"),
        ("--memory", "4k"),
        ("--cpus", "-1"),
        ("--cpuset-cpus", "99"),
    ] {
        let out = t.cmd(&["run", "--rm", flag, value, ALPINE, "true"]).run();
        out.assert_fails(125);
        out.check(
            out.stderr.lines().count() == 1 && out.stderr.contains(&format!("invalid {flag}")),
            "one line naming the flag",
        );
    }
    let out = t
        .cmd(&[
            "run",
            "--rm",
            "--memory",
            "1g",
            "--memory-swap",
            "512m",
            ALPINE,
            "true",
        ])
        .run();
    out.assert_fails(125);
    out.check(out.stderr.contains("--memory-swap"), "names --memory-swap");
    assert_eq!(t.ok(&["ps", "-a", "-q"]).stdout, "");
}
