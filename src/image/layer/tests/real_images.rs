//! The test environment's real OCI layouts (gzip and zstd layers): every layer unpacks, and
//! the `layers` image's whiteout/opaque/hardlink layer comes out in overlay form. Skipped with
//! a note when the test images have not been generated on this machine.

use super::build::{xattr, Sandbox};
use crate::image::layer::{decompress, unpack_layer, Compression, UnpackOptions};
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

const IMAGES: &str = "/home/rpodtest/.cache/rpod-testenv/images/oci";

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
    let root = Path::new(IMAGES);
    if !root.is_dir() {
        println!("note: {IMAGES} is missing; skipping the real-image layer test");
        return;
    }
    for image in ["layers", "busybox", "busybox-zstd"] {
        let layout = root.join(image);
        if !layout.join("index.json").is_file() {
            println!("note: {} is missing; skipped", layout.display());
            continue;
        }
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
    let layout = Path::new(IMAGES).join("layers");
    if !layout.join("index.json").is_file() {
        println!("note: {} is missing; skipping", layout.display());
        return;
    }
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
