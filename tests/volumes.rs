//! Named and anonymous volumes as a user meets them: `volume create/ls/inspect/exists/rm/
//! prune`, `-v NAME:/path` and `--mount` making a volume on first use with the image's files
//! copied in, data that outlives its containers, and a volume in use that cannot be removed.
//! Every test runs against podman too (`RPOD_IT_ENGINE=podman`); both keep a volume in
//! `<root>/volumes/<name>/_data`.

mod common;

use common::{error_lines, Rpod};

const ALPINE: &str = "alpine";
const CONFIG: &str = "127.0.0.1:5000/testenv/config";

fn pulled(name: &str, images: &[&str]) -> Rpod {
    let t = Rpod::new(name);
    for image in images {
        t.ok(&["pull", "-q", image]);
    }
    t
}

/// `volume ls -q`, sorted.
fn volume_names(t: &Rpod) -> Vec<String> {
    let mut v: Vec<String> = t
        .ok(&["volume", "ls", "-q"])
        .lines()
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.sort();
    v
}

fn is_anonymous_name(n: &str) -> bool {
    n.len() == 64 && n.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn create_inspect_ls_exists_rm() {
    let t = Rpod::new("vol_basic");
    assert_eq!(
        t.ok(&["volume", "create", "--label", "app=web", "data"])
            .last_line(),
        "data"
    );
    t.ok(&["volume", "create", "other"]);

    let json = t.ok(&["volume", "inspect", "data"]).json();
    let v = &json[0];
    assert_eq!(v["Name"], "data");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Scope"], "local");
    assert_eq!(v["Labels"]["app"], "web");
    assert_eq!(v["Options"], serde_json::json!({}));
    assert_eq!(v["MountCount"], 0);
    let mountpoint = t.root.join("volumes/data/_data");
    assert_eq!(v["Mountpoint"], mountpoint.display().to_string());
    assert!(
        chrono::DateTime::parse_from_rfc3339(v["CreatedAt"].as_str().unwrap()).is_ok(),
        "{v}"
    );
    assert_eq!(
        t.ok(&[
            "volume",
            "inspect",
            "--format",
            "{{.Name}} {{.Driver}}",
            "data"
        ])
        .last_line(),
        "data local"
    );

    // The default table, a template, a filter.
    let table = t.ok(&["volume", "ls"]).table();
    assert_eq!(table.len(), 2);
    assert_eq!(table[0]["DRIVER"], "local");
    let listed = t.ok(&["volume", "ls", "--format", "{{.Name}}"]);
    let mut names = listed.lines();
    names.sort();
    assert_eq!(names, ["data", "other"]);
    let filtered = t.ok(&["volume", "ls", "--filter", "label=app=web", "-q"]);
    assert_eq!(filtered.lines(), ["data"]);
    assert_eq!(
        t.ok(&["volume", "ls", "--filter", "name=oth", "-q"])
            .lines(),
        ["other"]
    );

    t.ok(&["volume", "exists", "data"]);
    t.cmd(&["volume", "exists", "nosuch"]).run().assert_fails(1);

    let again = t.cmd(&["volume", "create", "data"]).run();
    again.assert_fails(125);
    assert!(again.stderr.contains("already exists"), "{again:?}");
    let bad = t.cmd(&["volume", "create", "no/slash"]).run();
    bad.assert_fails(125);

    assert_eq!(t.ok(&["volume", "rm", "data"]).last_line(), "data");
    assert!(!mountpoint.exists() || t.is_podman());
    assert_eq!(volume_names(&t), ["other"]);
    let gone = t.cmd(&["volume", "rm", "data"]).run();
    gone.assert_fails(1);
    assert!(
        error_lines(&t, &gone)
            .last()
            .is_some_and(|l| l.contains("no such volume")),
        "{gone:?}"
    );
    t.cmd(&["volume", "exists", "data"]).run().assert_fails(1);
}

#[test]
fn data_outlives_its_container() {
    let t = pulled("vol_outlives", &[ALPINE]);
    t.ok(&[
        "run",
        "--name",
        "writer",
        "-v",
        "kept:/data",
        ALPINE,
        "sh",
        "-c",
        "echo written > /data/file",
    ]);
    t.ok(&["rm", "writer"]);
    assert_eq!(volume_names(&t), ["kept"]);
    let read = t.ok(&[
        "run",
        "--rm",
        "-v",
        "kept:/data:ro",
        ALPINE,
        "cat",
        "/data/file",
    ]);
    assert_eq!(read.last_line(), "written");
    // Read-only means read-only.
    let write = t
        .cmd(&[
            "run",
            "--rm",
            "-v",
            "kept:/data:ro",
            ALPINE,
            "touch",
            "/data/new",
        ])
        .run();
    assert_ne!(write.status, 0, "{write:?}");
    // `rm -v` never takes a named volume.
    t.ok(&["run", "--name", "r2", "-v", "kept:/data", ALPINE, "true"]);
    t.ok(&["rm", "-v", "r2"]);
    assert_eq!(volume_names(&t), ["kept"]);
}

#[test]
fn a_volume_in_use_is_not_removed() {
    let t = pulled("vol_in_use", &[ALPINE]);
    t.ok(&["volume", "create", "unused"]);
    let id = t
        .ok(&[
            "create",
            "--name",
            "user",
            "-v",
            "busy:/data",
            ALPINE,
            "true",
        ])
        .last_line()
        .to_string();
    let refused = t.cmd(&["volume", "rm", "busy"]).run();
    refused.assert_fails(2);
    let line = error_lines(&t, &refused).join(" ");
    assert!(
        line.contains(&id) && line.contains("volume is being used"),
        "the error names the container: {refused:?}"
    );
    assert!(volume_names(&t).contains(&"busy".to_string()));

    // Prune takes only what no container uses.
    let pruned = t.ok(&["volume", "prune", "-f"]);
    assert_eq!(pruned.lines(), ["unused"]);
    assert_eq!(volume_names(&t), ["busy"]);

    // `-f` removes the container first, as Podman does.
    assert_eq!(t.ok(&["volume", "rm", "-f", "busy"]).last_line(), "busy");
    assert!(volume_names(&t).is_empty());
    let ctr = t.cmd(&["rm", "user"]).run();
    assert_ne!(ctr.status, 0, "the container went with its volume: {ctr:?}");
}

#[test]
fn a_new_volume_gets_the_images_files() {
    let t = pulled("vol_copy_up", &[CONFIG, ALPINE]);
    // testenv/config has /data/seed.txt, owned by 1000.
    let out = t.ok(&[
        "run",
        "--rm",
        "-v",
        "seeded:/data",
        "--entrypoint",
        "sh",
        CONFIG,
        "-c",
        "cat /data/seed.txt; stat -c '%u:%g %a' /data/seed.txt",
    ]);
    assert_eq!(out.lines(), ["volume seed content", "1000:1000 644"]);
    // The copy is the volume's own: another image sees it.
    let out = t.ok(&[
        "run",
        "--rm",
        "-v",
        "seeded:/data",
        ALPINE,
        "cat",
        "/data/seed.txt",
    ]);
    assert_eq!(out.last_line(), "volume seed content");

    // A volume that already has files gets nothing copied over them.
    t.ok(&[
        "run",
        "--rm",
        "-v",
        "mine:/data",
        ALPINE,
        "sh",
        "-c",
        "echo own > /data/own",
    ]);
    let out = t.ok(&[
        "run",
        "--rm",
        "-v",
        "mine:/data",
        "--entrypoint",
        "ls",
        CONFIG,
        "/data",
    ]);
    assert_eq!(out.lines(), ["own"]);
}

#[test]
fn anonymous_volumes_go_with_rm_v_and_run_rm() {
    let t = pulled("vol_anon", &[CONFIG, ALPINE]);
    // The image's VOLUME /data becomes an anonymous volume, with the image's files.
    let out = t.ok(&[
        "run",
        "--name",
        "a",
        "--entrypoint",
        "cat",
        CONFIG,
        "/data/seed.txt",
    ]);
    assert_eq!(out.last_line(), "volume seed content");
    let names = volume_names(&t);
    assert!(
        names.len() == 1 && is_anonymous_name(&names[0]),
        "{names:?}"
    );
    t.ok(&["rm", "a"]);
    assert_eq!(volume_names(&t), names, "plain rm keeps it");
    t.ok(&["volume", "rm", &names[0]]);

    t.ok(&["run", "--name", "b", "-v", "/scratch", ALPINE, "true"]);
    assert_eq!(volume_names(&t).len(), 1);
    t.ok(&["rm", "-v", "b"]);
    assert!(volume_names(&t).is_empty(), "rm -v takes it");

    t.ok(&["run", "--rm", "-v", "/scratch", ALPINE, "true"]);
    assert!(volume_names(&t).is_empty(), "run --rm takes it");
}

#[test]
fn mount_flag() {
    let t = pulled("vol_mount", &[ALPINE]);
    let host = t.dir.join("home");
    t.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,src=m,dst=/m",
        "--mount",
        &format!("type=bind,src={},dst=/h,ro", host.display()),
        "--mount",
        "type=tmpfs,dst=/t",
        ALPINE,
        "sh",
        "-c",
        "echo v > /m/f && ! touch /h/x 2>/dev/null && grep -q ' /t tmpfs' /proc/mounts",
    ]);
    assert_eq!(volume_names(&t), ["m"]);
    let out = t.ok(&[
        "run",
        "--rm",
        "--mount",
        "type=volume,source=m,target=/m,ro",
        ALPINE,
        "cat",
        "/m/f",
    ]);
    assert_eq!(out.last_line(), "v");
    let bad = t
        .cmd(&["run", "--rm", "--mount", "type=nfs,dst=/x", ALPINE, "true"])
        .run();
    bad.assert_fails(125);
}

/// `-v ...:U`: the volume's files belong to the container's user, a named volume's and a
/// host directory's alike; the container's user can then write there.
#[test]
fn the_u_option_gives_the_files_to_the_containers_user() {
    let t = pulled("vol_chown", &[ALPINE]);
    let host = t.dir.join("hostdir");
    t.sh(&format!(
        "mkdir -p '{h}/sub' && echo x > '{h}/sub/f' && ln -s /etc '{h}/link'",
        h = host.display()
    ))
    .assert_ok();
    // The named volume's files made by root first.
    t.ok(&[
        "run",
        "--rm",
        "-v",
        "owned:/v",
        ALPINE,
        "sh",
        "-c",
        "mkdir /v/sub && echo y > /v/sub/f",
    ]);
    let check = "stat -c %u:%g /v /v/sub/f /b /b/sub/f && touch /v/new /b/new";
    let out = t.ok(&[
        "run",
        "--rm",
        "-u",
        "1234:2345",
        "-v",
        "owned:/v:U",
        "-v",
        &format!("{}:/b:U", host.display()),
        ALPINE,
        "sh",
        "-c",
        check,
    ]);
    out.check(
        out.lines() == ["1234:2345"; 4],
        "every file belongs to 1234:2345",
    );
    // The link in the host directory was not followed: /etc is untouched.
    let etc = t.ok(&[
        "run",
        "--rm",
        "-v",
        &format!("{}:/b", host.display()),
        ALPINE,
        "stat",
        "-c",
        "%u",
        "/b/link",
    ]);
    etc.check(!etc.stdout.is_empty(), "the link is there");
    let host_etc = std::fs::metadata("/etc").unwrap();
    assert_eq!(
        std::os::unix::fs::MetadataExt::uid(&host_etc),
        0,
        "/etc kept its owner"
    );
}
