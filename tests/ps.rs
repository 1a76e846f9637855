//! `ps`, `inspect` and `container exists` as a user reads them: Podman's table, filters,
//! templates and JSON fields, for running, exited and created containers. Also against
//! podman (`RPOD_IT_ENGINE=podman`).

mod common;

use common::{wait_for, Rpod, PROMPTLY};
use std::collections::HashMap;

const ALPINE: &str = "alpine";

/// The rows of an aligned table, cut at the header's column starts (a column may be empty:
/// PORTS is, without published ports).
fn columns(out: &common::Output) -> Vec<HashMap<String, String>> {
    let mut lines = out.stdout.lines();
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let mut prev_space = true;
    for (i, ch) in header.char_indices() {
        if ch != ' ' && prev_space && (i == 0 || header[..i].ends_with("  ")) {
            starts.push(i);
        }
        prev_space = ch == ' ';
    }
    let cell = |l: &str, k: usize| -> String {
        let end = starts.get(k + 1).copied().unwrap_or(l.len()).min(l.len());
        l.get(starts[k].min(l.len())..end)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let titles: Vec<String> = (0..starts.len()).map(|k| cell(header, k)).collect();
    lines
        .map(|l| {
            titles
                .iter()
                .enumerate()
                .map(|(k, t)| (t.clone(), cell(l, k)))
                .collect()
        })
        .collect()
}

fn three(name: &str) -> Rpod {
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&[
        "run", "-d", "--name", "up", "--label", "tier=web", ALPINE, "sleep", "1000",
    ]);
    t.cmd(&["run", "--name", "three", ALPINE, "sh", "-c", "exit 3"])
        .run()
        .assert_fails(3);
    t.ok(&["create", "--name", "new", ALPINE, "true"]);
    t
}

#[test]
fn the_table_and_what_it_shows() {
    let t = three("ps_table");
    let running = t.ok(&["ps"]);
    let table = columns(&running);
    assert_eq!(table.len(), 1, "{running:?}");
    assert_eq!(table[0]["NAMES"], "up");
    assert!(table[0]["STATUS"].starts_with("Up "), "{running:?}");
    assert_eq!(table[0]["CONTAINER ID"].len(), 12);
    assert_eq!(table[0]["COMMAND"], "sleep 1000");
    assert_eq!(table[0]["IMAGE"], "docker.io/library/alpine:latest");
    let mut header: Vec<&String> = table[0].keys().collect();
    header.sort();
    assert_eq!(
        header,
        [
            "COMMAND",
            "CONTAINER ID",
            "CREATED",
            "IMAGE",
            "NAMES",
            "PORTS",
            "STATUS"
        ]
    );

    let all = columns(&t.ok(&["ps", "-a"]));
    assert_eq!(all.len(), 3);
    let status = |n: &str| all.iter().find(|r| r["NAMES"] == n).unwrap()["STATUS"].clone();
    assert!(status("three").starts_with("Exited (3) "), "{all:?}");
    assert!(status("three").ends_with(" ago"));
    assert_eq!(status("new"), "Created");

    assert_eq!(t.ok(&["ps", "-aq"]).lines().len(), 3);
    let long = t.ok(&["ps", "-a", "--no-trunc", "-q"]);
    assert!(long.lines().iter().all(|id| id.len() == 64), "{long:?}");
    assert_eq!(t.ok(&["ps", "-a", "--noheading"]).lines().len(), 3);
    assert_eq!(
        t.ok(&["ps", "-n", "1", "--format", "{{.Names}}"])
            .stdout
            .trim(),
        "new"
    );
    assert_eq!(
        t.ok(&["ps", "-l", "--format", "{{.Names}}"]).stdout.trim(),
        "new"
    );
}

#[test]
fn filters_and_formats() {
    let t = three("ps_filters");
    let names = |args: &[&str]| {
        let mut all = vec!["ps", "-a", "--format", "{{.Names}}"];
        all.extend_from_slice(args);
        let mut v: Vec<String> = t.ok(&all).lines().iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&["--filter", "status=exited"]), ["three"]);
    assert_eq!(names(&["--filter", "status=created"]), ["new"]);
    assert_eq!(names(&["--filter", "status=running"]), ["up"]);
    assert_eq!(
        names(&["--filter", "status=running", "--filter", "status=created"]),
        ["new", "up"]
    );
    assert_eq!(names(&["--filter", "name=thr"]), ["three"]);
    // A regular expression, as Podman reads it.
    assert_eq!(names(&["--filter", "name=^(up|new)$"]), ["new", "up"]);
    assert_eq!(names(&["--filter", "name=t.r"]), ["three"]);
    assert_eq!(names(&["--filter", "name=^u"]), ["up"]);
    if !t.is_podman() {
        // Podman 4.3 lists nothing for a pattern it cannot read; rpod says so.
        let out = t.cmd(&["ps", "-a", "--filter", "name=(unclosed"]).run();
        assert_eq!(out.status, 125, "a bad regular expression: {out:?}");
    }
    assert_eq!(names(&["--filter", "label=tier=web"]), ["up"]);
    assert_eq!(names(&["--filter", "label=tier"]), ["up"]);
    assert_eq!(names(&["--filter", "exited=3"]), ["three"]);
    let full = "docker.io/library/alpine:latest";
    assert_eq!(
        names(&[
            "--filter",
            &format!("ancestor={full}"),
            "--filter",
            "status=exited"
        ]),
        ["three"]
    );
    if !t.is_podman() {
        // The short name the user typed finds it too (podman 4.3 matches full names only).
        assert_eq!(
            names(&["--filter", "ancestor=alpine", "--filter", "status=exited"]),
            ["three"]
        );
    }
    let json = t.ok(&["ps", "-a", "--format", "json"]).json();
    let three = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Names"][0] == "three")
        .unwrap();
    assert_eq!(three["ExitCode"], 3);
    assert_eq!(three["State"], "exited");
    assert_eq!(three["Exited"], true);
    assert_eq!(three["Command"], serde_json::json!(["sh", "-c", "exit 3"]));
    assert_eq!(three["Id"].as_str().unwrap().len(), 64);
    let up = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Names"][0] == "up")
        .unwrap();
    assert!(up["Pid"].as_i64().unwrap() > 0);
    assert_eq!(up["Labels"]["tier"], "web");
    let out = t.cmd(&["ps", "--format", "{{.Nope"]).run();
    assert_eq!(out.status, 125, "a bad template: {out:?}");
}

#[test]
fn inspect_and_exists() {
    let t = three("ps_inspect");
    let v = t.ok(&["inspect", "three"]).json();
    let c = &v[0];
    assert_eq!(c["Name"], "three");
    assert_eq!(c["State"]["Status"], "exited");
    assert_eq!(c["State"]["ExitCode"], 3);
    assert_eq!(c["State"]["Running"], false);
    assert_eq!(
        c["Config"]["Cmd"],
        serde_json::json!(["sh", "-c", "exit 3"])
    );
    assert_eq!(c["Path"], "sh");
    assert_eq!(c["Config"]["Entrypoint"], "");
    // The entrypoint and the command apart, the entrypoint as one string (Podman 4.3's).
    t.ok(&[
        "create",
        "--name",
        "ep",
        "--entrypoint",
        r#"["/bin/sh","-c"]"#,
        ALPINE,
        "echo hi",
    ]);
    let ep = &t.ok(&["inspect", "ep"]).json()[0];
    assert_eq!(ep["Config"]["Entrypoint"], "/bin/sh -c");
    assert_eq!(ep["Config"]["Cmd"], serde_json::json!(["echo hi"]));
    assert_eq!(ep["Path"], "/bin/sh");
    assert_eq!(ep["Args"], serde_json::json!(["-c", "echo hi"]));
    assert_eq!(c["Id"].as_str().unwrap().len(), 64);
    assert_eq!(c["ImageName"], "docker.io/library/alpine:latest");
    let up = t.ok(&[
        "container",
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.Running}} {{index .Config.Labels \"tier\"}}",
        "up",
    ]);
    assert_eq!(up.stdout.trim(), "running true web");
    let pid = t.ok(&["inspect", "--format", "{{.State.Pid}}", "up"]);
    assert!(pid.stdout.trim().parse::<i32>().unwrap() > 0);
    // An image by the same command.
    let img = t.ok(&["inspect", "--format", "{{.Id}}", ALPINE]);
    assert_eq!(img.stdout.trim().len(), 64, "{img:?}");
    let out = t.cmd(&["inspect", "nope"]).run();
    assert_eq!(out.status, 125);
    assert!(out.stderr.contains("no such object"), "{out:?}");
    assert_eq!(t.cmd(&["container", "exists", "up"]).run().status, 0);
    assert_eq!(t.cmd(&["container", "exists", "nope"]).run().status, 1);
    // A container whose PID 1 was killed from outside reads as exited.
    let pid: i32 = pid.stdout.trim().parse().unwrap();
    t.sh(&format!("kill -KILL {pid}")).assert_ok();
    let exited = wait_for(PROMPTLY, || {
        let s = t.ok(&["inspect", "--format", "{{.State.Status}}", "up"]);
        (s.stdout.trim() == "exited").then_some(())
    });
    assert!(exited.is_some(), "a killed PID 1 still reads as running");
    let code = t.ok(&["inspect", "--format", "{{.State.ExitCode}}", "up"]);
    assert_eq!(code.stdout.trim(), "137");
}
