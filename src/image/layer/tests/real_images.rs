//! The test environment's real OCI layouts (gzip and zstd layers): every layer unpacks, and
//! the `layers` image's whiteout/opaque/hardlink layer comes out in overlay form.
//!
//! Where the layouts are, and when their absence fails the tests (see [`images_dir`]):
//! * `RPOD_TESTENV_CACHE` set (`scripts/test` exports it): `$RPOD_TESTENV_CACHE/images/oci`,
//!   and a missing layout is a failure;
//! * otherwise, when `../shared/testenv` (or `$RPOD_SHARED/testenv`) answers `registry env`
//!   (as the integration tests ask it, through `as-user`): its `RPOD_TESTENV_CACHE`, and
//!   again a missing layout is a failure;
//! * otherwise, under `CI` (set and neither empty, `0` nor `false`) the tests fail: CI sets
//!   the environment up, so it missing is a broken run;
//! * otherwise (a checkout without the test environment) they print a note and pass.

use super::build::{xattr, Sandbox};
use crate::image::layer::{decompress, unpack_layer, Compression, UnpackOptions};
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The directory of the test environment's OCI layouts, or `None` (after a note) where there
/// is no test environment and none is expected. Panics when one is expected but missing.
fn images_dir() -> Option<PathBuf> {
    let cache = std::env::var_os("RPOD_TESTENV_CACHE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(cache_from_registry_env);
    match cache {
        Some(cache) => {
            let dir = cache.join("images/oci");
            assert!(
                dir.is_dir(),
                "{} is missing: the test environment's images were not generated (run `sudo scripts/test` once)",
                dir.display()
            );
            Some(dir)
        }
        None if in_ci() => panic!(
            "CI is set but the test environment cannot be found: set RPOD_TESTENV_CACHE (scripts/test does), or set up ../shared/testenv"
        ),
        None => {
            println!("note: no test environment (RPOD_TESTENV_CACHE unset, no ../shared/testenv); skipping the real-image layer tests");
            None
        }
    }
}

/// `RPOD_TESTENV_CACHE` as `as-user registry env` prints it, when the shared test
/// environment is beside the checkout and answers.
fn cache_from_registry_env() -> Option<PathBuf> {
    let shared = std::env::var_os("RPOD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let testenv = shared.join("testenv");
    if !testenv.join("registry").is_file() {
        return None;
    }
    let out = Command::new(testenv.join("as-user"))
        .arg(testenv.join("registry"))
        .arg("env")
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("export RPOD_TESTENV_CACHE="))
        .map(|v| PathBuf::from(v.trim_matches('\'')))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// An image's layout; it must be there (the caller has an [`images_dir`]).
fn layout(images: &Path, image: &str) -> PathBuf {
    let layout = images.join(image);
    assert!(
        layout.join("index.json").is_file(),
        "{}/index.json is missing: the test environment's images are incomplete (rerun `sudo scripts/test`)",
        layout.display()
    );
    layout
}

/// `(media type, blob path)` of every layer of the first manifest of an OCI layout.
fn layers(layout: &Path) -> Vec<(String, PathBuf)> {
    let blob = |digest: &str| {
        layout
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:"))
    };
    let json = |p: PathBuf| -> serde_json::Value {
        serde_json::from_slice(&fs::read(p).unwrap()).unwrap()
    };
    let index = json(layout.join("index.json"));
    let manifest = json(blob(index["manifests"][0]["digest"].as_str().unwrap()));
    manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["mediaType"].as_str().unwrap().to_string(),
                blob(l["digest"].as_str().unwrap()),
            )
        })
        .collect()
}

fn unpack_blob(media_type: &str, blob: &Path, s: &Sandbox) {
    let first = fs::read(blob).unwrap();
    let c = Compression::from_media_type(media_type).unwrap_or_else(|| Compression::sniff(&first));
    let mut r = decompress(fs::File::open(blob).unwrap(), c).unwrap();
    let sum = unpack_layer(&mut r, &s.dest, &UnpackOptions { chown: true })
        .unwrap_or_else(|e| panic!("{}: {e}", blob.display()));
    // The caller drains the rest to finish hashing; it must still decode cleanly.
    std::io::copy(&mut r, &mut std::io::sink()).unwrap();
    assert!(sum.entries > 0 || first.len() < 100);
    s.assert_contained();
}

#[test]
fn real_layers_unpack() {
    let Some(images) = images_dir() else { return };
    for image in ["layers", "busybox", "busybox-zstd"] {
        let layout = layout(&images, image);
        for (mt, blob) in layers(&layout) {
            let s = Sandbox::new();
            unpack_blob(&mt, &blob, &s);
            if image.starts_with("busybox") {
                assert!(
                    fs::symlink_metadata(s.path("bin/busybox")).is_ok(),
                    "{image}: no bin/busybox"
                );
            }
        }
    }
}

#[test]
fn real_whiteout_layer_is_in_overlay_form() {
    let Some(images) = images_dir() else { return };
    let layout = layout(&images, "layers");
    // The layer with the whiteouts is the one that has `data/.wh.deleteme.txt`.
    for (mt, blob) in layers(&layout) {
        let mut tar = Vec::new();
        let c = Compression::from_media_type(&mt).unwrap();
        decompress(fs::File::open(&blob).unwrap(), c)
            .unwrap()
            .read_to_end(&mut tar)
            .unwrap();
        if !tar.windows(19).any(|w| w == b"data/.wh.deleteme.t") {
            continue;
        }
        let s = Sandbox::new();
        unpack_blob(&mt, &blob, &s);
        let wh = fs::symlink_metadata(s.path("data/deleteme.txt")).unwrap();
        assert!(wh.file_type().is_char_device() && wh.rdev() == 0);
        assert_eq!(
            xattr(&s.path("data/opaque"), "user.overlay.opaque").as_deref(),
            Some(&b"y"[..])
        );
        assert!(s.path("data/opaque/new.txt").is_file());
        assert_eq!(fs::metadata(s.path("data/l3-b.txt")).unwrap().nlink(), 2);
        return;
    }
    panic!(
        "no layer with data/.wh.deleteme.txt in {}",
        layout.display()
    );
}
