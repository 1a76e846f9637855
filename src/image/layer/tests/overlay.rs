//! The overlay form: whiteouts become 0:0 char devices, opaque markers an xattr, and no
//! `.wh.*` name ever reaches the disk.

use super::build::{walk, xattr, Sandbox, Spec, Tar};
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use tar::EntryType;

fn assert_whiteout(path: &std::path::Path) {
    let m = fs::symlink_metadata(path).unwrap();
    assert!(
        m.file_type().is_char_device(),
        "{path:?} is not a char device"
    );
    assert_eq!(m.rdev(), 0, "{path:?} is not 0:0");
}

fn assert_no_wh_names(dir: &std::path::Path) {
    for p in walk(dir) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with(".wh."), "{p:?} was created");
    }
}

#[test]
fn whiteouts_and_opaque_dirs() {
    let s = Sandbox::new();
    let tar = Tar::new()
        .dir("data/", 0o755)
        .file("data/keep.txt", b"keep")
        .file("data/.wh.deleteme.txt", b"")
        .dir("data/opaque/", 0o755)
        .file("data/opaque/new.txt", b"new")
        .file("data/opaque/.wh..wh..opq", b"")
        .file("data/.wh.removed-dir", b"")
        .file("data/.wh..wh.plnk", b"")
        .file("top/.wh..wh..opq", b"")
        .finish();
    let sum = s.unpack(&tar).unwrap();
    assert_eq!(sum.entries, 9);
    assert_whiteout(&s.path("data/deleteme.txt"));
    assert_whiteout(&s.path("data/removed-dir"));
    assert_eq!(
        xattr(&s.path("data/opaque"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_eq!(fs::read(s.path("data/opaque/new.txt")).unwrap(), b"new");
    assert_eq!(fs::read(s.path("data/keep.txt")).unwrap(), b"keep");
    assert!(xattr(&s.path("data"), "user.overlay.opaque").is_none());
    // A marker in a directory the tar never listed creates it.
    assert_eq!(
        xattr(&s.path("top"), "user.overlay.opaque").as_deref(),
        Some(&b"y"[..])
    );
    assert_no_wh_names(&s.dest);
    s.assert_contained();
}

#[test]
fn whiteout_never_hides_its_own_layer() {
    // The file listed before its whiteout survives; one listed after replaces the whiteout.
    let s = Sandbox::new();
    let tar = Tar::new()
        .file("a", b"a")
        .file(".wh.a", b"")
        .file(".wh.b", b"")
        .file("b", b"b")
        .finish();
    s.unpack(&tar).unwrap();
    assert_eq!(fs::read(s.path("a")).unwrap(), b"a");
    assert_eq!(fs::read(s.path("b")).unwrap(), b"b");
    assert_no_wh_names(&s.dest);
}

#[test]
fn raw_overlay_whiteout_device_is_kept() {
    // A 0:0 char device is already an overlay whiteout; any other device is skipped.
    let s = Sandbox::new();
    let spec = Spec {
        kind: EntryType::Char,
        mode: 0,
        ..Spec::default()
    };
    let tar = Tar::new().file_with("gone", spec, b"").finish();
    let sum = s.unpack(&tar).unwrap();
    assert_eq!(sum.skipped_devices, 0);
    assert_whiteout(&s.path("gone"));
}

#[test]
fn overlay_xattrs_from_the_tar_are_not_applied() {
    // Only `.wh..wh..opq` may make a directory opaque.
    let s = Sandbox::new();
    let spec = Spec {
        kind: EntryType::Directory,
        mode: 0o755,
        pax: vec![
            ("SCHILY.xattr.user.overlay.opaque".into(), b"y".to_vec()),
            (
                "SCHILY.xattr.user.overlay.redirect".into(),
                b"/etc".to_vec(),
            ),
            ("SCHILY.xattr.trusted.overlay.opaque".into(), b"y".to_vec()),
        ],
        ..Spec::default()
    };
    let tar = Tar::new().file_with("d", spec, b"").finish();
    s.unpack(&tar).unwrap();
    assert!(xattr(&s.path("d"), "user.overlay.opaque").is_none());
    assert!(xattr(&s.path("d"), "user.overlay.redirect").is_none());
    assert!(xattr(&s.path("d"), "trusted.overlay.opaque").is_none());
}
