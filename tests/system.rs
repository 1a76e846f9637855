//! `rpod version`, `rpod info`, `rpod system df` as the user sees them, checked against
//! Podman 4.3 with `RPOD_IT_ENGINE=podman`: the same fields, in the same shapes, templates
//! over Podman's Go field names and JSON with its lowerCamel keys; `system prune` and
//! `system reset` removing what Podman removes, asking as it asks.

mod common;

use common::{env, registry, Rpod};
use serde_json::Value;

const ALPINE: &str = "alpine";

#[test]
fn version_prints_podmans_fields() {
    let t = Rpod::new("sys_version");
    let plain = t.ok(&["version"]);
    for key in [
        "Version:",
        "API Version:",
        "Go Version:",
        "Built:",
        "OS/Arch:",
    ] {
        plain.check(
            plain.lines().iter().any(|l| l.starts_with(key)),
            &format!("no {key} line"),
        );
    }
    plain.check(
        plain.lines()[0].starts_with("Client:"),
        "starts with Client:",
    );
    let json = t.ok(&["version", "--format", "json"]).json();
    for key in [
        "APIVersion",
        "Version",
        "GoVersion",
        "GitCommit",
        "BuiltTime",
        "Built",
        "OsArch",
        "Os",
    ] {
        assert!(
            json["Client"].get(key).is_some(),
            "no Client.{key} in {json}"
        );
    }
    let v = t.ok(&["version", "--format", "{{.Client.Version}}"]);
    assert_eq!(
        v.stdout,
        format!("{}\n", json["Client"]["Version"].as_str().unwrap())
    );
    assert_eq!(json["Client"]["OsArch"], "linux/amd64");
    if !t.is_podman() {
        assert_eq!(v.stdout.trim(), env!("CARGO_PKG_VERSION"));
    }
}

fn info_json(t: &Rpod) -> Value {
    t.ok(&["info", "--format", "json"]).json()
}

#[track_caller]
fn field<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| {
        v.get(k)
            .unwrap_or_else(|| panic!("no {path} (at {k}) in the info JSON"))
    })
}

#[test]
fn info_has_podmans_fields_in_json_and_templates() {
    let t = Rpod::new("sys_info");
    let conf = t.dir.join("registries.conf");
    common::as_user_sh(&format!(
        "printf '%s\\n' 'unqualified-search-registries = [\"example.test\"]' \
         '[[registry]]' 'prefix = \"example.test\"' 'location = \"127.0.0.1:5999\"' \
         'insecure = true' >'{}'",
        conf.display()
    ))
    .assert_ok();
    let info = t
        .cmd(&["info", "--format", "json"])
        .env("CONTAINERS_REGISTRIES_CONF", conf.to_str().unwrap())
        .run();
    let info = info.assert_ok().json();
    for path in [
        "host.arch",
        "host.kernel",
        "host.os",
        "host.hostname",
        "host.cpus",
        "host.memTotal",
        "host.memFree",
        "host.swapTotal",
        "host.swapFree",
        "host.uptime",
        "host.distribution.distribution",
        "host.ociRuntime.name",
        "host.cgroupVersion",
        "host.cgroupManager",
        "host.cgroupControllers",
        "host.idMappings.uidmap",
        "host.idMappings.gidmap",
        "host.security.rootless",
        "host.security.seccompEnabled",
        "host.slirp4netns.executable",
        "store.graphRoot",
        "store.runRoot",
        "store.graphDriverName",
        "store.imageStore.number",
        "store.containerStore.number",
        "store.containerStore.running",
        "store.containerStore.paused",
        "store.containerStore.stopped",
        "store.configFile",
        "store.volumePath",
        "registries.search",
        "host.cpuUtilization.idlePercent",
        "store.graphRootAllocated",
        "store.graphRootUsed",
        "store.imageCopyTmpDir",
        "plugins.log",
        "version.Version",
        "version.APIVersion",
    ] {
        field(&info, path);
    }
    assert!(field(&info, "host.cpus").as_u64().unwrap() >= 1);
    assert!(field(&info, "host.memTotal").as_u64().unwrap() > 0);
    assert!(field(&info, "store.graphRootAllocated").as_u64().unwrap() > 0);
    let idle = field(&info, "host.cpuUtilization.idlePercent")
        .as_f64()
        .unwrap();
    assert!((0.0..=100.0).contains(&idle) && idle > 0.0, "{idle}");
    assert_eq!(field(&info, "host.os"), "linux");
    assert_eq!(field(&info, "host.arch"), "amd64");
    assert_eq!(field(&info, "host.security.rootless"), true);
    assert_eq!(field(&info, "store.graphRoot"), t.root.to_str().unwrap());
    assert_eq!(field(&info, "store.imageStore.number"), 0);
    assert_eq!(field(&info, "store.containerStore.number"), 0);
    let cgroup = field(&info, "host.cgroupVersion").as_str().unwrap();
    assert!(cgroup == "v1" || cgroup == "v2", "{cgroup}");
    // The user as root of the namespace, then their subordinate range.
    let uidmap = field(&info, "host.idMappings.uidmap").as_array().unwrap();
    assert_eq!(uidmap[0]["container_id"], 0);
    assert_eq!(uidmap[0]["size"], 1);
    assert_eq!(uidmap[1]["container_id"], 1);
    assert!(uidmap[1]["size"].as_u64().unwrap() >= 65536, "{uidmap:?}");

    // The [[registry]] table under its prefix, and the search list, as Podman shows them.
    let table = &field(&info, "registries")["example.test"];
    assert_eq!(table["Location"], "127.0.0.1:5999", "{table}");
    assert_eq!(table["Insecure"], true);
    assert_eq!(table["Blocked"], false);
    assert_eq!(table["Prefix"], "example.test");
    for key in ["MirrorByDigestOnly", "Mirrors"] {
        assert!(
            table.get(key).is_some(),
            "no registries.example.test.{key}: {table}"
        );
    }
    assert_eq!(
        field(&info, "registries.search"),
        &serde_json::json!(["example.test"])
    );

    let tmpl = "{{.Host.OCIRuntime.Name}}|{{.Host.CgroupsVersion}}|{{.Store.GraphRoot}}|\
                {{.Host.Security.Rootless}}|{{.Store.ContainerStore.Number}}|{{.Host.OS}}|{{.Version.Version}}";
    let out = t.ok(&["info", "--format", tmpl]);
    let expected = format!(
        "{}|{cgroup}|{}|true|0|linux|{}\n",
        field(&info, "host.ociRuntime.name").as_str().unwrap(),
        t.root.display(),
        field(&info, "version.Version").as_str().unwrap()
    );
    assert_eq!(out.stdout, expected);

    let yaml = t.ok(&["info"]);
    for line in ["host:", "store:", "registries:", "version:"] {
        yaml.check(
            yaml.stdout.lines().any(|l| l == line),
            &format!("no top-level {line}"),
        );
    }
    yaml.check(
        yaml.stdout
            .contains(&format!("\n  graphRoot: {}\n", t.root.display())),
        "graphRoot under store",
    );
    if !t.is_podman() {
        // The test setup gives Podman vfs; rpod has only overlay.
        assert_eq!(field(&info, "store.graphDriverName"), "overlay");
        assert_eq!(field(&info, "host.ociRuntime.name"), "rpod");
    }
}

#[test]
fn info_and_df_count_what_the_store_holds() {
    let t = Rpod::new("sys_counts");
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&["run", "--name", "x", ALPINE, "true"]);
    let info = info_json(&t);
    assert_eq!(field(&info, "store.imageStore.number"), 1);
    let store = field(&info, "store.containerStore");
    assert_eq!(
        (
            &store["number"],
            &store["running"],
            &store["stopped"],
            &store["paused"]
        ),
        (&1.into(), &0.into(), &1.into(), &0.into()),
        "{store}"
    );

    let df = t.ok(&["system", "df"]);
    let rows = df.table();
    let kinds: Vec<&str> = rows.iter().map(|r| r["TYPE"].as_str()).collect();
    assert_eq!(
        kinds,
        ["Images", "Containers", "Local Volumes"],
        "{}",
        df.stdout
    );
    assert_eq!(
        (rows[0]["TOTAL"].as_str(), rows[0]["ACTIVE"].as_str()),
        ("1", "1")
    );
    assert_eq!(
        (rows[1]["TOTAL"].as_str(), rows[1]["ACTIVE"].as_str()),
        ("1", "0")
    );
    assert_eq!(rows[2]["SIZE"], "0B");
    assert!(
        rows[0]["SIZE"].ends_with("MB"),
        "alpine is some MB: {}",
        df.stdout
    );
    // Nothing of the image is reclaimable while a container uses it.
    assert_eq!(rows[0]["RECLAIMABLE"], "0B (0%)");
    let f = t.ok(&["system", "df", "--format", "{{.Type}}={{.Total}}"]);
    assert_eq!(f.stdout, "Images=1\nContainers=1\nLocal Volumes=0\n");

    let v = t.ok(&["system", "df", "-v"]);
    for title in [
        "Images space usage:",
        "Containers space usage:",
        "Local Volumes space usage:",
    ] {
        v.check(v.stdout.contains(title), title);
    }
    v.check(
        v.stdout
            .lines()
            .any(|l| l.contains("alpine") && l.contains("latest")),
        "the image's row",
    );
    v.check(
        v.stdout
            .lines()
            .any(|l| l.contains("exited") && l.trim_end().ends_with(" x")),
        "the container's row, with its status and name",
    );
}

#[test]
fn a_bad_template_is_one_line_and_125() {
    let t = Rpod::new("sys_bad_template");
    for args in [
        &["info", "--format", "{{.Host"][..],
        &["version", "--format", "{{.Client.Version"][..],
        &["system", "df", "--format", "{{.Type"][..],
    ] {
        let out = t.cmd(args).run();
        out.assert_fails(125);
        out.check(out.stderr.starts_with("Error: "), "Error: ...");
        out.check(out.stderr.trim_end().lines().count() == 1, "one line");
    }
}

/// A detached container counts as running in `info` and active in `df` while it runs.
#[test]
fn a_running_container_counts_as_running() {
    let t = Rpod::new("sys_running");
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&["run", "-d", "--name", "y", ALPINE, "sleep", "100"]);
    let out = t.ok(&[
        "info",
        "--format",
        "{{.Store.ContainerStore.Running}} {{.Store.ContainerStore.Stopped}}",
    ]);
    assert_eq!(out.stdout, "1 0\n");
    let df = t.ok(&["system", "df", "--format", "{{.Type}} {{.Active}}"]);
    df.check(
        df.stdout.contains("Containers 1\n"),
        "the running one is active",
    );
    t.ok(&["rm", "-f", "-t", "0", "y"]);
    let out = t.ok(&["info", "--format", "{{.Store.ContainerStore.Number}}"]);
    assert_eq!(out.stdout, "0\n");
}

/// The full ID of container `name`.
fn container_id(t: &Rpod, name: &str) -> String {
    let out = t.ok(&["inspect", "--format", "{{.Id}}", name]);
    out.stdout.trim().to_string()
}

/// A store with alpine and the test registry's `testenv/config` pulled; that one's name and
/// image ID.
fn with_two_images(name: &str) -> (Rpod, String, String) {
    let config_ref = format!("{}/testenv/config:latest", env().registry());
    let config_id = registry::image_id("testenv/config", "latest", "amd64");
    let t = Rpod::new(name);
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&["pull", "-q", &config_ref]);
    (t, config_ref, config_id)
}

/// The lines of `out` after `heading` up to the next heading or the total.
fn section(out: &common::Output, heading: &str) -> Vec<String> {
    out.stdout
        .lines()
        .skip_while(|l| !l.ends_with(heading))
        .skip(1)
        .take_while(|l| !l.starts_with("Deleted ") && !l.starts_with("Total reclaimed space:"))
        .map(String::from)
        .collect()
}

/// `system prune` asks first (reading the answer from stdin: no answer at all is an error),
/// then removes the stopped containers and the dangling images, and keeps a running container
/// and the image it runs.
#[test]
fn system_prune_removes_stopped_containers_and_dangling_images() {
    let (t, config_ref, config_id) = with_two_images("sys_prune");
    // Moving config's only name to alpine leaves config's image dangling.
    t.ok(&["tag", ALPINE, &config_ref]);
    t.ok(&["run", "--name", "stopped", ALPINE, "true"]);
    let stopped = container_id(&t, "stopped");
    t.ok(&["run", "-d", "--name", "up", ALPINE, "sleep", "1000"]);

    let no = t.cmd(&["system", "prune"]).stdin(b"n\n").run();
    no.assert_ok();
    no.check(
        no.stdout
            .contains("Are you sure you want to continue? [y/N] "),
        "the question, on stdout",
    );
    no.check(!no.stdout.contains("Deleted"), "n: nothing removed");
    let eof = t.cmd(&["system", "prune"]).stdin(b"").run();
    common::assert_error(&t, &eof, 125, &["EOF"]);
    t.ok(&["container", "exists", "stopped"]);

    let yes = t.cmd(&["system", "prune"]).stdin(b"y\n").run();
    yes.assert_ok();
    assert_eq!(section(&yes, "Deleted Containers"), [stopped], "{yes:?}");
    assert_eq!(section(&yes, "Deleted Images"), [config_id], "{yes:?}");
    yes.check(
        yes.last_line().starts_with("Total reclaimed space: "),
        "the total last",
    );
    yes.check(
        !yes.stdout.contains("Deleted Volumes"),
        "no volumes without --volumes",
    );
    let left = t.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(left.lines(), ["up"], "the running container stays");
    let images = t.ok(&["images", "--format", "{{.ID}}"]);
    let ids: std::collections::BTreeSet<&str> = images.lines().into_iter().collect();
    assert_eq!(
        ids.len(),
        1,
        "the image in use stays (under two names): {images:?}"
    );
    t.ok(&["image", "exists", ALPINE]);

    // Nothing left to prune: only the total, and `-f` does not ask.
    let again = t.ok(&["system", "prune", "-f"]);
    assert_eq!(again.stdout, "Total reclaimed space: 0B\n");
}

/// `-a` removes every image no container uses, tagged or not; `--volumes` every volume no
/// container uses, named or not.
#[test]
fn system_prune_all_and_volumes() {
    let (t, config_ref, config_id) = with_two_images("sys_prune_all");
    t.ok(&["volume", "create", "unused"]);
    t.ok(&[
        "run",
        "-d",
        "--name",
        "up",
        "-v",
        "used:/data",
        ALPINE,
        "sleep",
        "1000",
    ]);

    // Without them, a tagged image and a volume stay.
    let plain = t.ok(&["system", "prune", "-f"]);
    assert_eq!(plain.stdout, "Total reclaimed space: 0B\n");
    t.ok(&["image", "exists", &config_ref]);
    t.ok(&["volume", "exists", "unused"]);

    let asked = t
        .cmd(&["system", "prune", "-a", "--volumes"])
        .stdin(b"n\n")
        .run();
    asked.assert_ok();
    asked.check(
        asked
            .stdout
            .contains("- all volumes not used by at least one container")
            && asked
                .stdout
                .contains("- all images without at least one container associated with them"),
        "the question names volumes and all images",
    );
    t.ok(&["volume", "exists", "unused"]);

    let all = t.ok(&["system", "prune", "-a", "--volumes", "-f"]);
    assert_eq!(section(&all, "Deleted Volumes"), ["unused"], "{all:?}");
    assert_eq!(section(&all, "Deleted Images"), [config_id], "{all:?}");
    assert!(section(&all, "Deleted Containers").is_empty(), "{all:?}");
    t.cmd(&["image", "exists", &config_ref])
        .run()
        .assert_fails(1);
    t.ok(&["image", "exists", ALPINE]);
    t.ok(&["volume", "exists", "used"]);
    t.cmd(&["volume", "exists", "unused"]).run().assert_fails(1);
}

/// `system reset` asks first; then stops and removes every container, removes every image and
/// volume and the store itself, and leaves no workload running; the next `run` works.
#[test]
fn system_reset_removes_everything_and_rpod_works_again() {
    let t = Rpod::new("sys_reset");
    t.ok(&["pull", "-q", ALPINE]);
    t.ok(&["volume", "create", "kept"]);
    t.ok(&["run", "--name", "stopped", ALPINE, "true"]);
    t.ok(&[
        "run",
        "-d",
        "--name",
        "up",
        "--stop-timeout",
        "1",
        "-v",
        "data:/data",
        ALPINE,
        "sleep",
        "7301",
    ]);

    let no = t.cmd(&["system", "reset"]).stdin(b"n\n").run();
    no.assert_ok();
    no.check(no.stdout.contains("- all containers"), "the warning");
    t.ok(&["container", "exists", "up"]);
    // No answer: Podman's reset says so and ends with 1 (not its prunes' 125).
    let eof = t.cmd(&["system", "reset"]).stdin(b"").run();
    eof.assert_fails(1);
    t.ok(&["container", "exists", "up"]);

    t.cmd(&["system", "reset"]).stdin(b"y\n").run().assert_ok();
    let sleeping = t.sh("pgrep -u rpodtest -f '^sleep 7301$' || true");
    assert_eq!(
        sleeping.stdout, "",
        "the container's workload outlived the reset"
    );
    assert!(!t.root.exists(), "the store's root is gone");
    assert_eq!(t.ok(&["ps", "-a", "-q"]).stdout, "");
    assert_eq!(t.ok(&["images", "-q"]).stdout, "");
    assert_eq!(t.ok(&["volume", "ls", "-q"]).stdout, "");

    let out = t.ok(&["run", "--rm", ALPINE, "echo", "again"]);
    assert_eq!(out.lines().last().copied(), Some("again"));
    assert_eq!(t.ok(&["images", "-q"]).lines().len(), 1);
    // With -f, no question.
    t.ok(&["system", "reset", "-f"]);
    assert_eq!(t.ok(&["images", "-q"]).stdout, "");
}
