//! Image-side integration tests: pull, images, image inspect/exists/prune, tag, rmi, login,
//! run as the unprivileged user rpodtest against the local test registries.
//! Expectations follow Podman's documented behaviour; `RPOD_IT_ENGINE=podman cargo test --test
//! images` runs them against podman to check them.

mod common;

use common::{assert_error, env, is_image_id, registry, short, Engine, Rpod};

const ALPINE: &str = "docker.io/library/alpine";

/// The image ID of docker.io/library/alpine (= 127.0.0.1:5000/library/alpine) from the registry.
fn alpine_id() -> String {
    registry::image_id("library/alpine", "latest", "amd64")
}

/// Asserts the store holds no image at all: `images -a` prints its header and nothing else
/// (an `images` that printed nothing at all would not pass).
#[track_caller]
fn assert_store_empty(t: &Rpod) {
    let out = t.ok(&["images", "-a"]);
    let lines = out.lines();
    out.check(
        lines.len() == 1
            && lines[0].split_whitespace().collect::<Vec<_>>()
                == ["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"],
        "the store should hold no image: images should print its header only",
    );
}

#[test]
fn pull_short_name_prints_image_id_and_images_matches_podman() {
    let id = alpine_id();
    let t = Rpod::new("pull_short_name");
    let out = t.ok(&["pull", "alpine"]);
    out.check(
        is_image_id(out.last_line()),
        "the last stdout line of pull should be a 64-hex image ID",
    );
    out.check(
        out.last_line() == id,
        "the last stdout line of pull should be the image ID (config digest)",
    );

    let images = t.ok(&["images"]);
    let rows = images.table();
    let row = rows
        .iter()
        .find(|r| r.get("REPOSITORY").map(String::as_str) == Some(ALPINE))
        .unwrap_or_else(|| panic!("images does not list {ALPINE}:\n{}", images.stdout));
    assert_eq!(
        row.get("TAG").map(String::as_str),
        Some("latest"),
        "{}",
        images.stdout
    );
    assert_eq!(
        row.get("IMAGE ID").map(String::as_str),
        Some(short(&id)),
        "{}",
        images.stdout
    );

    // The reference implementation shows the same ID for the same pull.
    let p = Rpod::podman("pull_short_name");
    p.ok(&["pull", "-q", "alpine"]);
    let podman_id = p.ok(&["images", "--format", "{{.ID}}"]);
    assert_eq!(
        podman_id.stdout.trim(),
        row["IMAGE ID"],
        "rpod's IMAGE ID differs from podman's"
    );
}

/// Every image of `../shared/testenv/README.md`.
const EVERY_IMAGE: [(&str, &str); 9] = [
    ("library/busybox", "latest"),
    ("library/alpine", "latest"),
    ("testenv/busybox", "oci"),
    ("testenv/busybox", "zstd"),
    ("testenv/layers", "latest"),
    ("testenv/config", "latest"),
    ("testenv/multiarch", "latest"),
    ("testenv/multiarch", "v2s2"),
    ("testenv/large", "latest"),
];

#[test]
fn pull_every_testenv_image_over_plain_http() {
    let reg = env().registry().to_string();
    let t = Rpod::new("pull_every_image");
    for (repo, tag) in EVERY_IMAGE {
        let reference = format!("{reg}/{repo}:{tag}");
        let out = t.ok(&["pull", &reference]);
        let want = registry::image_id(repo, tag, "amd64");
        out.check(
            out.last_line() == want,
            &format!("pull {reference} should print {want}"),
        );
        t.ok(&["image", "exists", &reference]);
    }
    // busybox:oci, :zstd and library/busybox are one image (same config): one ID, several names.
    let ids = t.ok(&["images", "-q"]);
    let mut unique = ids.lines();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        5,
        "busybox (4 names), layers, config, multiarch (2 names), large:\n{}",
        ids.stdout
    );
}

/// Puts the :5443 CA where Podman users put it: `~/.config/containers/certs.d/HOST:PORT/ca.crt`.
fn install_ca(t: &Rpod, host_port: &str) {
    let src = env().cert_dir(host_port);
    t.sh(&format!(
        "mkdir -p ~/.config/containers/certs.d && cp -r '{}' ~/.config/containers/certs.d/",
        src.display()
    ))
    .assert_ok();
}

#[test]
fn login_then_pull_over_tls_with_basic_auth() {
    let e = env();
    let reg = e.registry_tls();
    let t = Rpod::new("login_tls");
    install_ca(&t, reg);
    let login = t.ok(&["login", reg, "-u", e.user(), "-p", e.password()]);
    login.check(
        login.stdout.contains("Login Succeeded"),
        "login should say `Login Succeeded!`",
    );
    let who = t.ok(&["login", "--get-login", reg]);
    assert_eq!(who.stdout.trim(), e.user());

    for (repo, tag) in EVERY_IMAGE {
        let out = t.ok(&["pull", &format!("{reg}/{repo}:{tag}")]);
        let want = registry::image_id(repo, tag, "amd64");
        assert_eq!(out.last_line(), want, "pull {repo}:{tag}");
    }
}

#[test]
fn login_with_wrong_password_fails() {
    let e = env();
    let reg = e.registry_tls();
    let t = Rpod::new("login_wrong_password");
    install_ca(&t, reg);
    let out = t.cmd(&["login", reg, "-u", e.user(), "-p", "wrong"]).run();
    let line = assert_error(&t, &out, 125, &[]);
    assert_eq!(
        line,
        format!("Error: logging into \"{reg}\": invalid username/password"),
        "Podman's words"
    );
    // A failed login stores no credentials.
    let who = t.cmd(&["login", "--get-login", reg]).run();
    let line = assert_error(&t, &who, 125, &[]);
    assert_eq!(
        line,
        format!("Error: not logged into {reg}"),
        "Podman's words"
    );
}

#[test]
fn pull_over_tls_with_anonymous_bearer_token() {
    let reg = env().registry_token();
    let t = Rpod::new("pull_bearer");
    let cert_dir = env().cert_dir(reg);
    let cert_dir = cert_dir.to_str().unwrap();
    // Each repository asks the token server for its own pull scope.
    for (repo, tag) in EVERY_IMAGE {
        let out = t.ok(&[
            "pull",
            "--cert-dir",
            cert_dir,
            &format!("{reg}/{repo}:{tag}"),
        ]);
        let want = registry::image_id(repo, tag, "amd64");
        assert_eq!(out.last_line(), want, "pull {repo}:{tag}");
    }
}

#[test]
fn pull_quiet_prints_only_the_image_id() {
    let t = Rpod::new("pull_quiet");
    let out = t.ok(&["pull", "-q", "alpine"]);
    assert_eq!(
        out.stdout,
        format!("{}\n", alpine_id()),
        "stdout of pull -q"
    );
    out.check(
        out.stderr.is_empty(),
        "pull -q should print nothing on stderr",
    );
}

#[test]
fn pull_platform_arm64_from_index() {
    let reg = env().registry();
    let t = Rpod::new("pull_arm64");
    let reference = format!("{reg}/testenv/multiarch:latest");
    let out = t.ok(&["pull", "--platform", "linux/arm64", &reference]);
    assert_eq!(
        out.last_line(),
        registry::image_id("testenv/multiarch", "latest", "arm64")
    );
    let inspect = t.ok(&["image", "inspect", &reference]).json();
    assert_eq!(inspect[0]["Architecture"], "arm64", "{inspect:#}");
    assert_eq!(inspect[0]["Os"], "linux");
}

#[test]
fn pull_index_picks_host_platform_never_the_attestation() {
    let reg = env().registry();
    let index = registry::manifest("testenv/multiarch", "latest");
    let attestation = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["platform"]["os"] == "unknown")
        .expect("the test index has an attestation entry");
    let att_config =
        registry::manifest("testenv/multiarch", attestation["digest"].as_str().unwrap());

    let t = Rpod::new("pull_index_host");
    let reference = format!("{reg}/testenv/multiarch:latest");
    let out = t.ok(&["pull", &reference]);
    let id = out.last_line();
    assert_eq!(
        id,
        registry::image_id("testenv/multiarch", "latest", "amd64")
    );
    assert_ne!(
        format!("sha256:{id}"),
        att_config["config"]["digest"].as_str().unwrap()
    );
    let inspect = t.ok(&["image", "inspect", &reference]).json();
    assert_eq!(inspect[0]["Architecture"], "amd64");
}

#[test]
fn images_quiet_digests_json_and_go_template() {
    let id = alpine_id();
    let digest = env().pushed_digest(&format!("{}/library/alpine:latest", env().registry()));
    let t = Rpod::new("images_formats");
    t.ok(&["pull", "-q", "alpine"]);

    let q = t.ok(&["images", "-q"]);
    assert_eq!(q.lines(), vec![short(&id)], "images -q");

    let d = t.ok(&["images", "--digests"]);
    let rows = d.table();
    assert_eq!(rows.len(), 1, "{}", d.stdout);
    assert_eq!(rows[0].get("DIGEST"), Some(&digest), "{}", d.stdout);

    let j = t.ok(&["images", "--format", "json"]).json();
    let list = j
        .as_array()
        .unwrap_or_else(|| panic!("images --format json is not an array: {j}"));
    assert_eq!(list.len(), 1, "{j:#}");
    assert_eq!(list[0]["Id"], id.as_str(), "{j:#}");
    assert_eq!(
        list[0]["Names"],
        serde_json::json!([format!("{ALPINE}:latest")]),
        "{j:#}"
    );
    assert_eq!(list[0]["Digest"], digest.as_str(), "{j:#}");
    assert!(list[0]["Size"].as_u64().unwrap_or(0) > 0, "{j:#}");

    let tpl = t.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(tpl.stdout, format!("{ALPINE}:latest\n"));
}

#[test]
fn image_inspect_has_podman_fields() {
    let id = alpine_id();
    let digest = env().pushed_digest(&format!("{}/library/alpine:latest", env().registry()));
    let config = registry::config("library/alpine", "latest");
    let t = Rpod::new("image_inspect");
    t.ok(&["pull", "-q", "alpine"]);
    let j = t.ok(&["image", "inspect", "alpine"]).json();
    let i = &j.as_array().expect("image inspect prints a JSON array")[0];
    assert_eq!(i["Id"], id.as_str(), "{i:#}");
    assert_eq!(i["Digest"], digest.as_str(), "{i:#}");
    assert_eq!(
        i["RepoTags"],
        serde_json::json!([format!("{ALPINE}:latest")]),
        "{i:#}"
    );
    assert_eq!(
        i["RepoDigests"],
        serde_json::json!([format!("{ALPINE}@{digest}")]),
        "{i:#}"
    );
    assert_eq!(i["Created"], config["created"], "{i:#}");
    assert_eq!(i["Config"]["Cmd"], config["config"]["Cmd"], "{i:#}");
    assert_eq!(i["Config"]["Env"], config["config"]["Env"], "{i:#}");
    assert_eq!(i["Architecture"], "amd64");
    assert_eq!(i["Os"], "linux");
    assert!(
        i["Size"].as_u64().unwrap_or(0) > 1_000_000,
        "Size is the unpacked size: {i:#}"
    );
    assert_eq!(i["RootFS"]["Type"], "layers");
    assert_eq!(i["RootFS"]["Layers"], config["rootfs"]["diff_ids"], "{i:#}");

    let f = t.ok(&[
        "image",
        "inspect",
        "--format",
        "{{.Id}} {{.Architecture}}",
        "alpine",
    ]);
    assert_eq!(f.stdout, format!("{id} amd64\n"));
}

#[test]
fn image_exists_exit_codes() {
    let t = Rpod::new("image_exists");
    t.cmd(&["image", "exists", "alpine"]).run().assert_fails(1);
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["image", "exists", "alpine"]);
    t.ok(&["image", "exists", &format!("{ALPINE}:latest")]);
    let out = t.cmd(&["image", "exists", "nosuch"]).run();
    out.assert_fails(1);
    out.check(
        out.stderr.is_empty() && out.stdout.is_empty(),
        "image exists is silent",
    );
}

#[test]
fn tag_then_rmi_untags_then_rmi_removes() {
    let id = alpine_id();
    let t = Rpod::new("tag_rmi");
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["tag", "alpine", "localhost/mine:v1"]);
    let names = t.ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    let mut lines = names.lines();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            format!("{ALPINE}:latest {}", short(&id)),
            format!("localhost/mine:v1 {}", short(&id))
        ]
    );

    let untag = t.ok(&["rmi", "localhost/mine:v1"]);
    untag.check(
        untag.stdout.contains("Untagged: localhost/mine:v1"),
        "rmi of one name says Untagged",
    );
    t.cmd(&["image", "exists", "localhost/mine:v1"])
        .run()
        .assert_fails(1);
    t.ok(&["image", "exists", "alpine"]);

    let rm = t.ok(&["rmi", "alpine"]);
    rm.check(
        rm.stdout.contains(&format!("Deleted: {id}")),
        "rmi of the last name says Deleted: ID",
    );
    assert_store_empty(&t);
}

#[test]
fn rmi_unknown_image_fails() {
    let t = Rpod::new("rmi_unknown");
    t.ok(&["pull", "-q", "alpine"]);
    // podman-rmi(1): exit 1 when an image does not exist and nothing else failed.
    let out = t.cmd(&["rmi", "nosuch"]).run();
    assert_error(&t, &out, 1, &["nosuch: image not known"]);
    t.ok(&["image", "exists", "alpine"]);
}

#[test]
fn rmi_image_in_use_by_container_fails() {
    let t = Rpod::new("rmi_in_use");
    t.ok(&["pull", "-q", "alpine"]);
    // A container kept after it ran (no --rm) still needs its image's layers.
    t.ok(&["run", "--name", "user", "alpine", "true"]);
    // podman-rmi(1): exit 2 when an image is used by a container.
    let out = t.cmd(&["rmi", "alpine"]).run();
    assert_error(&t, &out, 2, &["in use by", "container"]);
    t.ok(&["image", "exists", "alpine"]);
    // A running container holds its image too.
    let mark = t.dir.join("mark");
    t.sh(&format!("mkdir '{}'", mark.display())).assert_ok();
    let volume = format!("{}:/mark", mark.display());
    let mut running = t
        .cmd(&[
            "run",
            "--rm",
            "--init",
            "-v",
            &volume,
            "alpine",
            "sh",
            "-c",
            "touch /mark/up; exec sleep 30",
        ])
        .spawn();
    let started = common::wait_for(common::PROMPTLY, || mark.join("up").exists().then_some(()));
    assert!(started.is_some(), "the container did not start");
    let refused = t.cmd(&["rmi", "-f", "alpine"]).run();
    if t.is_podman() {
        // Podman stops the running container and removes it with the image. rpod has no
        // conmon to stop a container another rpod runs in the foreground: it refuses.
        refused.assert_ok();
        refused.check(
            refused.stdout.contains("Deleted: "),
            "podman rmi -f should delete the image",
        );
        let ended = running.wait_timeout(common::PROMPTLY);
        ended.check(ended.status != 0, "the container should have been stopped");
        t.cmd(&["image", "exists", "alpine"]).run().assert_fails(1);
        return;
    }
    running.kill();
    assert_error(&t, &refused, 2, &["running container"]);
    // -f removes the stopped container together with the image, as podman does.
    let _ = running.wait();
    t.ok(&["rmi", "-f", "alpine"]);
    t.cmd(&["image", "exists", "alpine"]).run().assert_fails(1);
}

#[test]
fn image_prune_removes_dangling_images() {
    let reg = env().registry();
    let config_ref = format!("{reg}/testenv/config:latest");
    let config_id = registry::image_id("testenv/config", "latest", "amd64");
    let t = Rpod::new("image_prune");
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["pull", "-q", &config_ref]);
    // Moving config's only name to alpine leaves config's image dangling (<none>).
    t.ok(&["tag", "alpine", &config_ref]);
    let rows = t.ok(&["images"]).table();
    assert!(
        rows.iter().any(
            |r| r.get("REPOSITORY").map(String::as_str) == Some("<none>")
                && r.get("IMAGE ID").map(String::as_str) == Some(short(&config_id))
        ),
        "the untagged image is listed as <none>: {rows:?}"
    );

    // It asks first: `n` keeps the image.
    let no = t.cmd(&["image", "prune"]).stdin(b"n\n").run();
    no.assert_ok();
    no.check(
        no.stdout
            .starts_with("WARNING! This command removes all dangling images."),
        "Podman's question",
    );
    t.ok(&["image", "exists", &config_id]);

    let out = t.ok(&["image", "prune", "--force"]);
    out.check(
        out.stdout.contains(&config_id),
        "prune prints the IDs it removed",
    );
    let left = t.ok(&["images", "-q"]);
    assert_eq!(
        left.lines(),
        vec![short(&alpine_id())],
        "only the tagged image is left"
    );
}

/// Sorted non-empty stdout lines: podman orders images of equal creation time arbitrarily.
fn sorted_lines(out: &common::Output) -> Vec<String> {
    let mut lines: Vec<String> = out.lines().into_iter().map(String::from).collect();
    lines.sort();
    lines
}

#[test]
fn images_all_no_trunc_and_name_filter() {
    let reg = env().registry();
    let config_ref = format!("{reg}/testenv/config:latest");
    let config_id = registry::image_id("testenv/config", "latest", "amd64");
    let id = alpine_id();
    let t = Rpod::new("images_all_no_trunc_name");
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["pull", "-q", &config_ref]);

    let plain = t.ok(&["images"]);
    let rows: Vec<(String, String)> = plain
        .table()
        .iter()
        .map(|r| (r["REPOSITORY"].clone(), r["IMAGE ID"].clone()))
        .collect();
    let mut want = vec![
        (ALPINE.to_string(), short(&id).to_string()),
        (
            format!("{reg}/testenv/config"),
            short(&config_id).to_string(),
        ),
    ];
    want.sort();
    let mut got = rows.clone();
    got.sort();
    assert_eq!(got, want, "{}", plain.stdout);
    // No intermediate images exist: -a lists the same images.
    let all = t.ok(&["images", "-a"]);
    assert_eq!(sorted_lines(&all), sorted_lines(&plain), "images -a");

    // --no-trunc shows the whole ID, with its algorithm, in the table and with -q.
    let full = t.ok(&["images", "--no-trunc"]);
    let mut ids: Vec<String> = full.table().iter().map(|r| r["IMAGE ID"].clone()).collect();
    ids.sort();
    let mut want_ids = vec![format!("sha256:{id}"), format!("sha256:{config_id}")];
    want_ids.sort();
    assert_eq!(ids, want_ids, "images --no-trunc:\n{}", full.stdout);
    let q = t.ok(&["images", "-q", "--no-trunc"]);
    assert_eq!(sorted_lines(&q), want_ids, "images -q --no-trunc");

    // A name lists only the image it names: short, full, or with its tag.
    for name in ["alpine", ALPINE, &format!("{ALPINE}:latest")] {
        let one = t.ok(&[
            "images",
            "--format",
            "{{.Repository}}:{{.Tag}} {{.ID}}",
            name,
        ]);
        assert_eq!(
            one.lines(),
            vec![format!("{ALPINE}:latest {}", short(&id))],
            "images {name}"
        );
    }
    let one = t.ok(&["images", "-q", &config_ref]);
    assert_eq!(one.lines(), vec![short(&config_id)], "images {config_ref}");
    // A name nothing matches prints the header only, and succeeds (as podman does).
    let none = t.ok(&["images", "nosuch"]);
    none.check(
        none.lines().len() == 1 && none.stdout.contains("REPOSITORY"),
        "images NAME that matches nothing prints only the header",
    );
}

#[test]
fn prune_all_and_rmi_all_keep_images_containers_use() {
    let reg = env().registry();
    let config_ref = format!("{reg}/testenv/config:latest");
    let layers_ref = format!("{reg}/testenv/layers:latest");
    let config_id = registry::image_id("testenv/config", "latest", "amd64");
    let layers_id = registry::image_id("testenv/layers", "latest", "amd64");
    let id = alpine_id();
    let t = Rpod::new("prune_all_rmi_all");
    for image in ["alpine", &config_ref, &layers_ref] {
        t.ok(&["pull", "-q", image]);
    }
    // `run` without --rm leaves a stopped container that uses alpine.
    t.ok(&["run", "--name", "user", "alpine", "true"]);

    // prune -a removes every image no container uses, tagged or not, and prints their IDs.
    let pruned = t.ok(&["image", "prune", "-a", "-f"]);
    let mut want = vec![config_id.clone(), layers_id.clone()];
    want.sort();
    assert_eq!(
        sorted_lines(&pruned),
        want,
        "image prune -a prints the removed IDs"
    );
    let left = t.ok(&["images", "-q"]);
    assert_eq!(left.lines(), vec![short(&id)], "the image in use is kept");

    // rmi -a removes what it can, refuses the image in use (exit 2, as podman).
    t.ok(&["pull", "-q", &config_ref]);
    let out = t.cmd(&["rmi", "-a"]).run();
    assert_error(&t, &out, 2, &["in use", "container"]);
    out.check(
        out.stdout.contains(&format!("Deleted: {config_id}")),
        "rmi -a removes the image no container uses",
    );
    let left = t.ok(&["images", "-q"]);
    assert_eq!(
        left.lines(),
        vec![short(&id)],
        "rmi -a keeps the image in use"
    );

    // rmi -a -f removes the stopped container with its image.
    let forced = t.ok(&["rmi", "-a", "-f"]);
    forced.check(
        forced.stdout.contains(&format!("Deleted: {id}")),
        "rmi -a -f removes the image in use",
    );
    assert_store_empty(&t);
    // The container is gone too: its name is free again.
    t.ok(&["pull", "-q", "alpine"]);
    t.ok(&["run", "--name", "user", "alpine", "true"]);
}

/// The layer directories of an rpod store (`<root>/layers/<diff_id hex>`), with their inodes.
fn layer_dirs(t: &Rpod) -> Vec<(String, u64)> {
    use std::os::unix::fs::MetadataExt;
    let dir = t.root.join("layers");
    let mut dirs: Vec<(String, u64)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|f| f.is_dir()))
        .map(|e| {
            let ino = e.metadata().unwrap().ino();
            (e.file_name().to_string_lossy().into_owned(), ino)
        })
        .collect();
    dirs.sort();
    dirs
}

/// README: the store "keeps each layer unpacked once per diff_id, shared by its gzip and zstd
/// forms". busybox:zstd, :oci (gzip) and library/busybox (Docker gzip) are one image whose
/// single layer is served as different blobs: one layer directory, named by the diff_id, made
/// by the first pull and kept by the others.
#[test]
fn one_layer_directory_per_diff_id_shared_by_gzip_and_zstd() {
    let reg = env().registry();
    let t = Rpod::new("layer_per_diff_id");
    if t.is_podman() {
        eprintln!("note: skipped for podman: this checks rpod's store layout (<root>/layers)");
        return;
    }
    let forms = [
        ("testenv/busybox", "zstd"),
        ("testenv/busybox", "oci"),
        ("library/busybox", "latest"),
    ];
    // The premise: the forms are really different blobs of one diff_id.
    let blob = |repo: &str, tag: &str| {
        let m = registry::manifest(repo, tag);
        let l = &m["layers"][0];
        (
            l["mediaType"].as_str().unwrap().to_string(),
            l["digest"].clone(),
        )
    };
    let (zstd_type, zstd_blob) = blob(forms[0].0, forms[0].1);
    let (gzip_type, gzip_blob) = blob(forms[1].0, forms[1].1);
    assert!(zstd_type.ends_with("+zstd") && gzip_type.ends_with("+gzip"));
    assert_ne!(
        zstd_blob, gzip_blob,
        "the zstd and gzip forms are different blobs"
    );
    let diff_ids = registry::config(forms[0].0, forms[0].1)["rootfs"]["diff_ids"].clone();
    let diff_id = diff_ids[0]
        .as_str()
        .unwrap()
        .strip_prefix("sha256:")
        .unwrap();
    assert_eq!(diff_ids.as_array().unwrap().len(), 1, "{diff_ids}");

    let (repo, tag) = forms[0];
    t.ok(&["pull", "-q", &format!("{reg}/{repo}:{tag}")]);
    let first = layer_dirs(&t);
    assert_eq!(
        first.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        vec![diff_id],
        "the zstd pull unpacks one layer, named by its diff_id"
    );
    for (repo, tag) in &forms[1..] {
        t.ok(&["pull", "-q", &format!("{reg}/{repo}:{tag}")]);
        assert_eq!(
            layer_dirs(&t),
            first,
            "pulling {repo}:{tag} (gzip) keeps the one directory the zstd pull made"
        );
    }
    let ids = t.ok(&["images", "-q"]);
    assert_eq!(ids.lines().len(), 1, "one image: {}", ids.stdout);
    // Each name runs from that one layer.
    for (repo, tag) in forms {
        t.ok(&[
            "run",
            "--rm",
            &format!("{reg}/{repo}:{tag}"),
            "test",
            "-x",
            "/bin/busybox",
        ]);
    }
}

#[test]
fn pull_invalid_reference_fails_cleanly() {
    let t = Rpod::new("pull_invalid_ref");
    let out = t.cmd(&["pull", "127.0.0.1:5000/Library/busybox"]).run();
    assert_error(&t, &out, 125, &["repository name must be lowercase"]);
    assert_store_empty(&t);
}

#[test]
fn pull_unknown_tag_fails_cleanly() {
    let t = Rpod::new("pull_unknown_tag");
    let reference = format!("{}/library/busybox:nosuch", env().registry());
    let out = t.cmd(&["pull", &reference]).run();
    assert_error(&t, &out, 125, &["nosuch", "manifest unknown"]);
    assert_store_empty(&t);
}

#[test]
fn pull_unknown_repository_fails_cleanly() {
    let t = Rpod::new("pull_unknown_repo");
    let reference = format!("{}/nosuch/repo", env().registry());
    let out = t.cmd(&["pull", &reference]).run();
    // distribution 2.8 answers MANIFEST_UNKNOWN for a repository it does not have.
    assert_error(&t, &out, 125, &["nosuch/repo", "manifest unknown"]);
    assert_store_empty(&t);
}

#[test]
fn pull_from_registry_that_is_down_fails_cleanly() {
    let t = Rpod::new("pull_registry_down");
    let down = common::RefusingPort::new();
    let addr = down.addr.to_string();
    let out = t.cmd(&["pull", &format!("{addr}/x")]).run();
    assert_error(&t, &out, 125, &[&addr, "connection refused"]);
    assert_store_empty(&t);
}

#[test]
fn pull_with_wrong_credentials_fails_cleanly() {
    let reg = env().registry_tls();
    let t = Rpod::new("pull_wrong_creds");
    install_ca(&t, reg);
    let creds = format!("{}:wrong", env().user());
    let out = t
        .cmd(&["pull", "--creds", &creds, &format!("{reg}/library/busybox")])
        .run();
    // Podman relays the registry's words for the refused Basic credentials; rpod says what
    // they mean, as its `login` does.
    let refused = match t.engine {
        Engine::Rpod => format!("{reg}: invalid username/password"),
        Engine::Podman => "unauthorized: authentication required".to_string(),
    };
    assert_error(
        &t,
        &out,
        125,
        &[&format!("{reg}/library/busybox"), &refused],
    );
    assert_store_empty(&t);
}

#[test]
fn pull_from_tls_registry_with_unknown_ca_fails_cleanly() {
    let e = env();
    let reg = e.registry_tls();
    let t = Rpod::new("pull_unknown_ca");
    let creds = format!("{}:{}", e.user(), e.password());
    let out = t
        .cmd(&["pull", "--creds", &creds, &format!("{reg}/library/busybox")])
        .run();
    assert_error(
        &t,
        &out,
        125,
        &[reg, "x509: certificate signed by unknown authority"],
    );
    assert_store_empty(&t);
}

#[test]
fn pull_with_tls_verify_false_and_creds() {
    let e = env();
    let reg = e.registry_tls();
    let t = Rpod::new("pull_tls_verify_false");
    let creds = format!("{}:{}", e.user(), e.password());
    let out = t.ok(&[
        "pull",
        "--tls-verify=false",
        "--creds",
        &creds,
        &format!("{reg}/library/busybox"),
    ]);
    assert_eq!(
        out.last_line(),
        registry::image_id("library/busybox", "latest", "amd64")
    );
}

#[test]
fn concurrent_pulls_into_one_store_both_succeed() {
    let reference = format!("{}/testenv/large", env().registry());
    let id = registry::image_id("testenv/large", "latest", "amd64");
    let t = Rpod::new("concurrent_pulls");
    let a = t.cmd(&["pull", "-q", &reference]).spawn();
    let b = t.cmd(&["pull", "-q", &reference]).spawn();
    for out in [a.wait(), b.wait()] {
        out.assert_ok();
        assert_eq!(out.last_line(), id);
    }
    let images = t.ok(&["images", "-q"]);
    assert_eq!(images.lines(), vec![short(&id)], "one image, listed once");
    t.ok(&["image", "inspect", &reference]);
}

#[test]
fn pull_killed_midway_leaves_no_image_and_next_pull_succeeds() {
    let reference = format!("{}/testenv/large", env().registry());
    let t = Rpod::new("pull_killed");
    let mut pull = t.cmd(&["pull", &reference]).spawn();
    // Killed once it has demonstrably started copying layers (rpod says so when the first of
    // the six is stored, podman when it starts each), long before the two 50 MB ones are done.
    let started = pull.wait_stderr_line(common::PROMPTLY, |l| l.starts_with("Copying blob "));
    assert!(
        pull.is_running(),
        "the pull finished before it could be killed (it printed {started:?})"
    );
    pull.kill();
    let killed = pull.wait();
    assert_eq!(killed.status, 128 + 9, "{killed:?}");

    assert_store_empty(&t);
    t.cmd(&["image", "exists", &reference])
        .run()
        .assert_fails(1);
    let out = t.ok(&["pull", &reference]);
    assert_eq!(
        out.last_line(),
        registry::image_id("testenv/large", "latest", "amd64")
    );
    t.ok(&["image", "exists", &reference]);
}

#[test]
fn version_and_help_exit_zero() {
    let t = Rpod::new("version_help");
    let v = t.ok(&["--version"]);
    let prefix = format!("{} version ", t.engine.name());
    v.check(
        v.stdout.starts_with(&prefix),
        &format!("--version should print `{prefix}X.Y.Z`"),
    );
    let h = t.ok(&["--help"]);
    for word in ["pull", "images", "run", "--root"] {
        h.check(
            h.stdout.contains(word),
            &format!("--help should mention {word}"),
        );
    }
}

#[test]
fn root_and_runroot_flags_are_honoured() {
    let t = Rpod::new("root_flags");
    t.ok(&["pull", "-q", "alpine"]);
    let store = t.sh(&format!("ls -A '{}'", t.root.display()));
    store.assert_ok();
    store.check(
        !store.stdout.trim().is_empty(),
        "the image should be stored under --root",
    );
    // Nothing went to the default store and run root (this test's own HOME and run dir).
    let defaults = match t.engine {
        Engine::Rpod => vec![t.home.join(".local/share/rpod"), t.runtime_dir.join("rpod")],
        Engine::Podman => vec![t.home.join(".local/share/containers/storage")],
    };
    for d in defaults {
        assert!(
            !d.exists(),
            "{} was created although --root/--runroot were given",
            d.display()
        );
    }
    // A second command with the same flags sees the image.
    t.ok(&["image", "exists", "alpine"]);
}

/// `images` rows as `REPOSITORY TAG DIGEST ID`, one string each, sorted.
fn image_rows(t: &Rpod) -> Vec<String> {
    let out = t.ok(&["images", "--digests"]);
    let mut rows: Vec<String> = out
        .table()
        .iter()
        .map(|r| {
            ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID"]
                .iter()
                .map(|c| r.get(*c).map(String::as_str).unwrap_or("?"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn pull_by_digest_stores_the_digested_name_with_no_tag() {
    let repo = format!("{}/testenv/config", env().registry());
    let digest = env().pushed_digest(&format!("{repo}:latest"));
    let id = registry::image_id("testenv/config", "latest", "amd64");
    let by_digest = format!("{repo}@{digest}");
    let t = Rpod::new("pull_by_digest");
    let out = t.ok(&["pull", "-q", &by_digest]);
    assert_eq!(out.stdout, format!("{id}\n"), "pull prints the image ID");

    assert_eq!(
        image_rows(&t),
        vec![format!("{repo} <none> {digest} {}", short(&id))],
        "pulled by digest: the repository, no tag"
    );
    let j = t.ok(&["images", "--format", "json"]).json();
    assert_eq!(j[0]["Names"], serde_json::json!([by_digest]), "{j:#}");
    assert_eq!(j[0]["RepoDigests"], serde_json::json!([by_digest]), "{j:#}");
    assert_eq!(j[0]["Digest"], digest.as_str(), "{j:#}");
    let tags = t.ok(&["image", "inspect", "--format", "{{.RepoTags}}", &by_digest]);
    assert_eq!(tags.stdout, "[]\n", "no tag");
    t.ok(&["image", "exists", &by_digest]);
    t.cmd(&["image", "exists", &format!("{repo}:latest")])
        .run()
        .assert_fails(1);
    // Named by its digest, the image is not dangling: prune keeps it.
    t.ok(&["image", "prune", "--force"]);
    t.ok(&["image", "exists", &by_digest]);

    // The tag pulled later names the same image: one row, now with its tag.
    let out = t.ok(&["pull", "-q", &format!("{repo}:latest")]);
    assert_eq!(out.stdout, format!("{id}\n"));
    assert_eq!(
        image_rows(&t),
        vec![format!("{repo} latest {digest} {}", short(&id))]
    );
    let digests = t.ok(&[
        "image",
        "inspect",
        "--format",
        "{{.RepoDigests}}",
        &by_digest,
    ]);
    assert_eq!(digests.stdout, format!("[{by_digest}]\n"));
}
