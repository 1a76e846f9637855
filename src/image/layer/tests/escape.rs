//! Every way a layer could try to write outside its destination. Each test asserts the
//! sandbox invariant (nothing new next to `dest`, sentinel intact) and documents whether the
//! entry is confined inside `dest` or rejected with an error.

use super::build::{Sandbox, Spec, Tar, SENTINEL};
use std::fs;
use std::os::unix::fs::MetadataExt;
use tar::EntryType;

fn unique(tag: &str) -> String {
    format!("rpod-escape-test-{tag}-{}", std::process::id())
}

#[test]
fn dotdot_is_clamped_at_the_root() {
    // Confined: `..` cannot climb above the layer root, so these land in dest.
    let s = Sandbox::new();
    let tar = Tar::new()
        .file("../escaped", b"1")
        .file("../../../../../../escaped-deep", b"2")
        .file("a/../../escaped-mid", b"3")
        .file("../sentinel", b"pwned")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert_eq!(fs::read(s.path("escaped")).unwrap(), b"1");
    assert_eq!(fs::read(s.path("escaped-deep")).unwrap(), b"2");
    assert_eq!(fs::read(s.path("escaped-mid")).unwrap(), b"3");
    assert_eq!(fs::read(s.path("sentinel")).unwrap(), b"pwned");
}

#[test]
fn long_gnu_name_with_dotdot_is_clamped() {
    // Confined: the GNU long-name path goes through the same cleaning.
    let s = Sandbox::new();
    let name = format!("{}escaped-long", "../".repeat(40));
    let tar = Tar::new().file(&name, b"x").finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert!(s.path("escaped-long").is_file());
}

#[test]
fn absolute_paths_are_made_relative() {
    // Confined: the leading `/` is stripped.
    let s = Sandbox::new();
    let outer_abs = format!("{}/escaped", s.outer.display());
    let etc = format!("/etc/{}", unique("abs"));
    let tar = Tar::new().file(&outer_abs, b"1").file(&etc, b"2").finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert!(!std::path::Path::new(&etc).exists());
    assert_eq!(
        fs::read(s.dest.join(outer_abs.trim_start_matches('/'))).unwrap(),
        b"1"
    );
    assert_eq!(
        fs::read(s.dest.join(etc.trim_start_matches('/'))).unwrap(),
        b"2"
    );
}

#[test]
fn writes_through_planted_symlinks_stay_inside() {
    // Confined: parent directories resolve with the layer root as `/`. A symlink resolving
    // to a directory inside the root is followed; one that resolves to nothing is replaced by
    // a directory (the documented policy).
    let s = Sandbox::new();
    let outer = s.outer.display().to_string();
    let etc_name = unique("etc");
    let tar = Tar::new()
        .symlink("up", "..")
        .file("up/escaped-up", b"1")
        .symlink("up3", "../../..")
        .file("up3/sentinel", b"pwned")
        .symlink("etc-link", "/etc")
        .file(&format!("etc-link/{etc_name}"), b"2")
        .symlink("outer-link", &outer)
        .file("outer-link/escaped-abs", b"3")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert!(!std::path::Path::new("/etc").join(&etc_name).exists());
    // `up` and `up3` resolve to the root itself.
    assert_eq!(fs::read(s.path("escaped-up")).unwrap(), b"1");
    assert_eq!(fs::read(s.path("sentinel")).unwrap(), b"pwned");
    assert!(fs::symlink_metadata(s.path("up"))
        .unwrap()
        .file_type()
        .is_symlink());
    // `/etc` and the absolute outer path do not exist inside the root: replaced by dirs.
    assert_eq!(fs::read(s.path("etc-link").join(&etc_name)).unwrap(), b"2");
    assert_eq!(fs::read(s.path("outer-link/escaped-abs")).unwrap(), b"3");
}

#[test]
fn symlink_into_an_existing_layer_dir_is_followed_inside() {
    // Confined: `/etc` means the layer's own etc.
    let s = Sandbox::new();
    let tar = Tar::new()
        .dir("etc", 0o755)
        .symlink("a", "/etc")
        .file("a/passwd", b"inside")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert_eq!(fs::read(s.path("etc/passwd")).unwrap(), b"inside");
}

#[test]
fn final_symlink_component_is_replaced_not_followed() {
    // Confined: a file, directory or FIFO entry over a symlink replaces the symlink.
    let s = Sandbox::new();
    let outer = s.outer.display().to_string();
    let outer_mode = fs::metadata(&s.outer).unwrap().mode();
    let before = fs::metadata(s.outer.join("sentinel")).unwrap();
    let tar = Tar::new()
        .symlink("f", "../sentinel")
        .file("f", b"pwned")
        .symlink("g", &format!("{outer}/sentinel"))
        .file_with(
            "g",
            Spec {
                mode: 0o777,
                uid: 1000,
                ..Spec::default()
            },
            b"pwned",
        )
        .symlink("d", &outer)
        .dir("d", 0o777)
        .symlink("p", "../sentinel")
        .file_with(
            "p",
            Spec {
                kind: EntryType::Fifo,
                mode: 0o666,
                ..Spec::default()
            },
            b"",
        )
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert_eq!(fs::metadata(&s.outer).unwrap().mode(), outer_mode);
    let after = fs::metadata(s.outer.join("sentinel")).unwrap();
    assert_eq!((after.uid(), after.mode()), (before.uid(), before.mode()));
    assert_eq!(fs::read(s.path("f")).unwrap(), b"pwned");
    assert!(fs::symlink_metadata(s.path("g")).unwrap().is_file());
    assert!(fs::symlink_metadata(s.path("d")).unwrap().is_dir());
    let fifo = fs::symlink_metadata(s.path("p")).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&fifo));
}

#[test]
fn hardlink_targets_outside_are_rejected() {
    // Rejected: link targets are cleaned and resolved inside the root, where these files do
    // not exist, so linkat fails and the layer errors.
    for target in [
        "../sentinel",
        "../../../../sentinel",
        "/etc/passwd",
        "/etc/shadow",
    ] {
        let s = Sandbox::new();
        let before = fs::metadata("/etc/passwd").unwrap().nlink();
        let tar = Tar::new().hardlink("h", target).finish();
        let err = s.unpack(&tar).unwrap_err().to_string();
        assert!(err.contains("\"h\"") && err.contains("hard link"), "{err}");
        s.assert_contained();
        assert_eq!(fs::metadata("/etc/passwd").unwrap().nlink(), before);
        assert!(!s.path("h").exists());
    }
}

#[test]
fn hardlink_through_a_symlink_is_rejected_or_confined() {
    let outer = |s: &Sandbox| s.outer.display().to_string();
    // Rejected: `a` resolves to the root, where there is no `sentinel`.
    let s = Sandbox::new();
    let tar = Tar::new()
        .symlink("a", "..")
        .hardlink("h", "a/sentinel")
        .finish();
    assert!(s.unpack(&tar).is_err());
    s.assert_contained();
    // Rejected: an absolute symlink to the real outer dir means `<root>/<outer>`, missing.
    let s = Sandbox::new();
    let tar = Tar::new()
        .symlink("a", &outer(&s))
        .hardlink("h", "a/sentinel")
        .finish();
    assert!(s.unpack(&tar).is_err());
    s.assert_contained();
    // Confined: a target that does exist inside the root through the symlink.
    let s = Sandbox::new();
    let tar = Tar::new()
        .file("sentinel", b"inner")
        .symlink("a", "../..")
        .hardlink("h", "a/sentinel")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert_eq!(fs::metadata(s.path("h")).unwrap().nlink(), 2);
    // Confined: the new link's own parent goes through a planted symlink.
    let s = Sandbox::new();
    let tar = Tar::new()
        .file("target", b"t")
        .symlink("a", &outer(&s))
        .hardlink("a/sentinel", "target")
        .symlink("b", "..")
        .hardlink("b/escaped", "target")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert_eq!(fs::metadata(s.path("target")).unwrap().nlink(), 3);
    assert!(s.path("a/sentinel").is_file());
    assert!(s.path("escaped").is_file());
}

#[test]
fn hardlink_to_a_symlink_links_the_symlink_itself() {
    // Confined: linkat does not follow; the link is a second name of the symlink.
    let s = Sandbox::new();
    let tar = Tar::new()
        .symlink("s", "../sentinel")
        .hardlink("h", "s")
        .file("h2", b"x")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert!(fs::symlink_metadata(s.path("h"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_link(s.path("h")).unwrap().to_str(),
        Some("../sentinel")
    );
}

#[test]
fn whiteouts_through_symlinks_stay_inside() {
    // Confined: the whiteout and the opaque xattr land inside the root.
    let s = Sandbox::new();
    let outer = s.outer.display().to_string();
    let tar = Tar::new()
        .symlink("up", "..")
        .file("up/.wh.sentinel", b"")
        .symlink("o", &outer)
        .file("o/.wh..wh..opq", b"")
        .finish();
    s.unpack(&tar).unwrap();
    s.assert_contained();
    assert!(super::build::xattr(&s.outer, "user.overlay.opaque").is_none());
    assert!(super::build::xattr(&s.path("o"), "user.overlay.opaque").is_some());
    let wh = fs::symlink_metadata(s.path("sentinel")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &wh.file_type()
    ));
    assert_eq!(fs::read(s.outer.join("sentinel")).unwrap(), SENTINEL);
}

/// Creating `/dev/null`'s twin here must work, or the skip below would prove nothing: a
/// kernel that refuses mknod (a user namespace, no CAP_MKNOD) hides an extractor that tries.
fn assert_mknod_works(dir: &std::path::Path) {
    use nix::sys::stat::{makedev, mknod, Mode, SFlag};
    let probe = dir.join("mknod-probe");
    mknod(
        &probe,
        SFlag::S_IFCHR,
        Mode::from_bits_truncate(0o600),
        makedev(1, 3),
    )
    .unwrap_or_else(|e| {
        panic!("mknod of a char device fails here ({e}): this test needs CAP_MKNOD outside a user namespace (run the tests as root, as scripts/test does)")
    });
    fs::remove_file(&probe).unwrap();
}

#[test]
fn devices_are_skipped_where_mknod_works() {
    let s = Sandbox::new();
    assert_mknod_works(&s.dest);
    let tar = Tar::new()
        .file_with(
            "sda",
            Spec {
                kind: EntryType::Block,
                dev: (8, 0),
                ..Spec::default()
            },
            b"",
        )
        .file_with(
            "mem",
            Spec {
                kind: EntryType::Char,
                dev: (1, 1),
                ..Spec::default()
            },
            b"",
        )
        .file("after", b"x")
        .finish();
    let sum = s.unpack(&tar).unwrap();
    assert_eq!(sum.skipped_devices, 2);
    assert_eq!(sum.entries, 3);
    let names: Vec<_> = fs::read_dir(&s.dest)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["after"], "only the regular file is created");
    s.assert_contained();
}

#[test]
fn nul_and_bad_names_error_without_panicking() {
    let s = Sandbox::new();
    assert!(s.unpack(&Tar::new().file(".wh.", b"").finish()).is_err());
    assert!(s
        .unpack(&Tar::new().file("x/.wh.y/z", b"").finish())
        .is_err());
    assert!(s
        .unpack(&Tar::new().file_with("/", Spec::default(), b"").finish())
        .is_err());
    assert!(s.unpack(&Tar::new().hardlink("h", "/").finish()).is_err());
    let garbage = [0x55u8; 2048];
    assert!(s.unpack(&garbage).is_err());
    s.assert_contained();
}
