//! `rpod save` and `rpod load` against the real tools: archives made by skopeo (the test
//! environment's) must load with the image IDs Podman gives them, and archives rpod writes
//! must be accepted by `podman load` and `skopeo inspect` with the same IDs. Corrupt input
//! must fail with 125 and leave no image.
//!
//! Runs the real binary as the unprivileged test user through the shared harness
//! (`tests/common`), each test with its own rpod store and, where it compares, its own podman
//! store.

mod common;

use common::{env, Engine, Output, Rpod};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A test archive of the test environment (`$RPOD_TESTENV_CACHE/images/archives/NAME`).
fn archive(name: &str) -> PathBuf {
    Path::new(env().var("RPOD_TESTENV_CACHE"))
        .join("images/archives")
        .join(name)
}

/// A path in the test's directory (rpodtest can write there).
fn path(t: &Rpod, name: &str) -> PathBuf {
    t.dir.join(name)
}

/// Runs skopeo as the test user and insists on success; returns stdout.
fn skopeo(args: &[&str]) -> Vec<u8> {
    let out = Command::new(&env().as_user)
        .arg("skopeo")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "skopeo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The ID the store of `t` (rpod or podman) gives `image`.
fn id(t: &Rpod, image: &str) -> String {
    t.ok(&["image", "inspect", "--format", "{{.Id}}", image])
        .stdout
        .trim()
        .to_string()
}

const BUSYBOX: &str = "127.0.0.1:5000/library/busybox";

/// `Loaded image: NAME` lines → names.
fn loaded_names(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Loaded image: "))
        .map(str::to_string)
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// rpod's store for the test `name` (also under `RPOD_IT_ENGINE=podman`: these tests compare
/// rpod with podman).
fn rpod(name: &str) -> Rpod {
    Rpod::with_engine(name, Engine::Rpod)
}

/// Loads each test archive of `kind` into rpod and podman and compares names and IDs.
fn load_like_podman(kind: &str) {
    let t = rpod(&format!("archive_load_{kind}"));
    let p = Rpod::podman(&format!("archive_load_{kind}"));
    for name in ["busybox", "layers", "config", "large"] {
        let file = archive(&format!("{name}.{kind}.tar"));
        let file = file.to_str().unwrap();
        let ours = loaded_names(&t.ok(&["load", "-q", "-i", file]).stdout);
        let theirs = loaded_names(&p.ok(&["load", "-q", "-i", file]).stdout);
        assert_eq!(ours, theirs, "{file}: loaded names");
        assert_eq!(ours.len(), 1, "{file}");
        assert_eq!(id(&t, &ours[0]), id(&p, &theirs[0]), "{file}: image ID");
    }
}

#[test]
fn load_docker_archives_like_podman() {
    load_like_podman("docker");
}

#[test]
fn load_oci_archives_like_podman() {
    load_like_podman("oci");
}

#[test]
fn load_reads_stdin() {
    let t = rpod("archive_load_stdin");
    let input = std::fs::read(archive("busybox.oci.tar")).unwrap();
    let out = t.cmd(&["image", "load"]).stdin(&input).run();
    out.assert_ok();
    assert_eq!(
        loaded_names(&out.stdout),
        ["docker.io/library/busybox:latest"]
    );
}

/// Saves the pulled busybox in `format` and checks podman and skopeo read the same image.
fn save_accepted(format: &str, transport: &str) {
    let t = rpod(&format!("archive_save_{format}"));
    t.ok(&["pull", "-q", BUSYBOX]);
    let image_id = id(&t, BUSYBOX);
    let file = path(&t, &format!("busybox.{format}.tar"));
    let file = file.to_str().unwrap();
    t.ok(&["save", "--format", format, "-o", file, "busybox"]);

    let config = skopeo(&[
        "inspect",
        "--config",
        "--raw",
        &format!("{transport}:{file}"),
    ]);
    assert_eq!(sha256_hex(&config), image_id, "skopeo's config digest");
    let inspect = skopeo(&["inspect", &format!("{transport}:{file}")]);
    let inspect: serde_json::Value = serde_json::from_slice(&inspect).unwrap();
    assert_eq!(inspect["Layers"].as_array().map(Vec::len), Some(1));

    let p = Rpod::podman(&format!("archive_save_{format}"));
    let names = loaded_names(&p.ok(&["load", "-i", file]).stdout);
    assert_eq!(names, [format!("{BUSYBOX}:latest")]);
    assert_eq!(id(&p, &names[0]), image_id, "podman's image ID");
}

#[test]
fn save_docker_archive_is_accepted_by_podman_and_skopeo() {
    save_accepted("docker-archive", "docker-archive");
}

#[test]
fn save_oci_archive_is_accepted_by_podman_and_skopeo() {
    save_accepted("oci-archive", "oci-archive");
}

#[test]
fn save_writes_byte_identical_docker_archives() {
    // The testenv's docker-archives are skopeo's (containers/image) output for these images.
    let t = rpod("archive_byte_identical");
    for name in ["busybox", "layers"] {
        let original = archive(&format!("{name}.docker.tar"));
        let loaded = loaded_names(&t.ok(&["load", "-i", original.to_str().unwrap()]).stdout);
        let file = path(&t, &format!("{name}.tar"));
        t.ok(&["save", "-o", file.to_str().unwrap(), &loaded[0]]);
        assert!(
            std::fs::read(&file).unwrap() == std::fs::read(&original).unwrap(),
            "{name}: rpod's archive differs from containers/image's"
        );
    }
}

#[test]
fn round_trip_keeps_the_id_and_the_layers() {
    let t = rpod("archive_round_trip");
    let image = "127.0.0.1:5000/testenv/layers:latest";
    t.ok(&["pull", "-q", image]);
    let image_id = id(&t, image);
    for format in ["docker-archive", "oci-archive"] {
        let file = path(&t, &format!("layers.{format}"));
        let file = file.to_str().unwrap();
        t.ok(&["save", "-q", "--format", format, "-o", file, image]);
        t.ok(&["rmi", image]);
        t.cmd(&["image", "exists", image]).run().assert_fails(1);
        assert_eq!(loaded_names(&t.ok(&["load", "-i", file]).stdout), [image]);
        assert_eq!(id(&t, image), image_id, "{format}");
        let inspect = t.ok(&["image", "inspect", image]).json();
        let diff_ids: Vec<String> =
            serde_json::from_value(inspect[0]["RootFS"]["Layers"].clone()).unwrap();
        assert_eq!(diff_ids.len(), 4);
        for d in diff_ids {
            let dir = t.root.join("layers").join(d.trim_start_matches("sha256:"));
            assert!(dir.is_dir(), "{format}: layer {d} is not unpacked");
        }
    }
}

#[test]
fn save_to_stdout_and_refusals() {
    let t = rpod("archive_save_stdout");
    t.ok(&["pull", "-q", BUSYBOX]);
    let file = path(&t, "stdout.tar");
    let out = t.ok(&["image", "save", BUSYBOX]);
    std::fs::write(&file, &out.stdout_bytes).unwrap();
    let config = skopeo(&[
        "inspect",
        "--config",
        "--raw",
        &format!("docker-archive:{}", file.display()),
    ]);
    assert_eq!(sha256_hex(&config), id(&t, BUSYBOX));

    let x = path(&t, "x.tar");
    let out = t.cmd(&["save", "-o", x.to_str().unwrap(), "nosuch"]).run();
    out.assert_fails(125);
    // Podman's words.
    assert_eq!(out.stderr, "Error: nosuch: image not known\n", "{out:?}");
    assert!(!x.exists());
}

/// Flips one byte in the middle of the first member `pick` chooses (by name and size); returns
/// the digests (`sha256:...`) of that member before and after.
fn corrupt_copy(src: &Path, dst: &Path, pick: impl Fn(&str, u64) -> bool) -> (String, String) {
    let mut bytes = std::fs::read(src).unwrap();
    let mut archive = tar::Archive::new(std::fs::File::open(src).unwrap());
    let (offset, size) = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| pick(&e.path().unwrap().to_string_lossy(), e.size()))
        .map(|e| (e.raw_file_position() as usize, e.size() as usize))
        .expect("a member to corrupt");
    let member = offset..offset + size;
    let before = format!("sha256:{}", sha256_hex(&bytes[member.clone()]));
    bytes[offset + size / 2] ^= 0x55;
    let after = format!("sha256:{}", sha256_hex(&bytes[member]));
    std::fs::write(dst, bytes).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dst, std::fs::Permissions::from_mode(0o644)).unwrap();
    (before, after)
}

/// `load -i file` fails with 125, says `Error: {message}` and nothing else, and stores nothing.
#[track_caller]
fn assert_fails_cleanly(t: &Rpod, file: &Path, message: &str) {
    let out: Output = t.cmd(&["load", "-i", file.to_str().unwrap()]).run();
    out.assert_fails(125);
    out.check(
        out.stderr == format!("Error: {message}\n"),
        &format!("stderr should be the one line `Error: {message}`"),
    );
    let images = t.ok(&["images", "-a"]);
    let lines = images.lines();
    images.check(
        lines.len() == 1 && lines[0].starts_with("REPOSITORY "),
        "images should list nothing but its header",
    );
}

/// The error of a blob whose content does not match its digest.
fn verification_failure(layer: &str, content: &str) -> String {
    format!(
        "layer {layer} failed verification: content has digest {content} (corrupt or tampered \
         blob; nothing was stored)"
    )
}

#[test]
fn corrupt_archives_fail_and_store_nothing() {
    let t = rpod("archive_corrupt");
    // docker-archive: the uncompressed layer, named by its diff_id.
    let bad = path(&t, "bad-docker.tar");
    let (layer, content) = corrupt_copy(&archive("busybox.docker.tar"), &bad, |name, size| {
        name.ends_with(".tar") && size > 0
    });
    assert_fails_cleanly(&t, &bad, &verification_failure(&layer, &content));

    // oci-archive: the compressed layer blob (the config and manifest are far smaller).
    let bad = path(&t, "bad-oci.tar");
    let (layer, content) = corrupt_copy(&archive("busybox.oci.tar"), &bad, |name, size| {
        name.starts_with("blobs/") && size > 100_000
    });
    assert_fails_cleanly(&t, &bad, &verification_failure(&layer, &content));

    assert_fails_cleanly(
        &t,
        Path::new("/etc/passwd"),
        "payload does not match any of the supported image formats (oci-archive, \
         docker-archive): /etc/passwd: not a tar archive",
    );
    let missing = path(&t, "missing.tar");
    assert_fails_cleanly(
        &t,
        &missing,
        &format!(
            "{}: No such file or directory (os error 2)",
            missing.display()
        ),
    );
}

/// `(path, is a regular file)` of every member of the tar at `file`.
fn members(file: &Path) -> Vec<(String, bool)> {
    let mut archive = tar::Archive::new(std::fs::File::open(file).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let path = e.path().unwrap().to_string_lossy().into_owned();
            (path, e.header().entry_type().is_file())
        })
        .collect()
}

/// The diff_ids (`sha256:...`) of `image` in the store of `t`.
fn diff_ids(t: &Rpod, image: &str) -> Vec<String> {
    let inspect = t.ok(&["image", "inspect", image]).json();
    serde_json::from_value(inspect[0]["RootFS"]["Layers"].clone()).unwrap()
}

/// The layer directories (one per diff_id) of rpod's store.
fn layer_dirs(t: &Rpod) -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(t.root.join("layers"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn save_of_two_images_holds_their_shared_layer_once_and_load_restores_both() {
    const LAYERS: &str = "127.0.0.1:5000/testenv/layers";
    let names = [format!("{BUSYBOX}:latest"), format!("{LAYERS}:latest")];
    let t = rpod("archive_two_images");
    t.ok(&["pull", "-q", BUSYBOX]);
    t.ok(&["pull", "-q", LAYERS]);
    let (busybox_layers, layers_layers) = (diff_ids(&t, BUSYBOX), diff_ids(&t, LAYERS));
    // The premise: layers is built on busybox's one layer.
    assert_eq!(busybox_layers.len(), 1);
    assert_eq!(layers_layers.len(), 4);
    assert_eq!(
        layers_layers[0], busybox_layers[0],
        "layers' base is busybox's layer"
    );
    let layer_file = |d: &String| format!("{}.tar", d.trim_start_matches("sha256:"));

    let file = path(&t, "two.tar");
    let file_arg = file.to_str().unwrap();
    t.ok(&["save", "-q", "-m", "-o", file_arg, BUSYBOX, LAYERS]);

    let members = members(&file);
    let mut unique: Vec<&String> = members.iter().map(|(p, _)| p).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), members.len(), "a member repeats: {members:?}");
    // Every layer's content is one regular member, the shared one too; the legacy
    // `<id>/layer.tar` entries are symlinks to them.
    let mut contents: Vec<&str> = members
        .iter()
        .filter(|(p, is_file)| *is_file && p.ends_with(".tar"))
        .map(|(p, _)| p.as_str())
        .collect();
    contents.sort();
    let mut want: Vec<String> = layers_layers.iter().map(layer_file).collect();
    want.sort();
    assert_eq!(contents, want, "each layer once: {members:?}");

    let mut archive = tar::Archive::new(std::fs::File::open(&file).unwrap());
    let mut manifest = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| e.path().unwrap().to_str() == Some("manifest.json"))
        .expect("manifest.json");
    let manifest: serde_json::Value = serde_json::from_reader(&mut manifest).unwrap();
    let manifest = manifest.as_array().expect("manifest.json is an array");
    assert_eq!(manifest.len(), 2, "{manifest:?}");
    for (entry, (name, layers)) in manifest
        .iter()
        .zip([(&names[0], &busybox_layers), (&names[1], &layers_layers)])
    {
        assert_eq!(entry["RepoTags"], serde_json::json!([name]), "{entry}");
        let want: Vec<String> = layers.iter().map(layer_file).collect();
        assert_eq!(entry["Layers"], serde_json::json!(want), "{entry}");
    }

    // Podman writes the very same archive for the same two images.
    let p = Rpod::podman("archive_two_images");
    p.ok(&["pull", "-q", BUSYBOX]);
    p.ok(&["pull", "-q", LAYERS]);
    let theirs = path(&p, "two.tar");
    p.ok(&[
        "save",
        "-q",
        "-m",
        "-o",
        theirs.to_str().unwrap(),
        BUSYBOX,
        LAYERS,
    ]);
    assert!(
        std::fs::read(&theirs).unwrap() == std::fs::read(&file).unwrap(),
        "rpod's two-image archive differs from podman's"
    );

    // Loaded into an empty store: both names, their IDs, one directory per layer.
    let l = rpod("archive_two_images_load");
    let out = l.ok(&["load", "-i", file_arg]);
    assert_eq!(loaded_names(&out.stdout), names);
    for name in &names {
        assert_eq!(id(&l, name), id(&t, name), "{name}");
    }
    let want: Vec<String> = layers_layers
        .iter()
        .map(|d| d.trim_start_matches("sha256:").to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(layer_dirs(&l), want, "one layer directory per diff_id");
    // And podman loads rpod's archive to the same two images.
    let p = Rpod::podman("archive_two_images_load");
    let out = p.ok(&["load", "-i", file_arg]);
    assert_eq!(loaded_names(&out.stdout), names);
    for name in &names {
        assert_eq!(id(&p, name), id(&t, name), "podman: {name}");
    }
}
