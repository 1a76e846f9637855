//! Everything a layer records about its files survives unpacking: owners, modes (with
//! setuid/setgid/sticky), links, special files, times, long and UTF-8 names, xattrs, and the
//! last-one-wins rule for duplicated entries.

use super::build::{xattr, Sandbox, Spec, Tar};
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use tar::EntryType;

fn meta(s: &Sandbox, rel: &str) -> fs::Metadata {
    fs::symlink_metadata(s.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn dir(mode: u32, uid: u64, gid: u64, mtime: u64) -> Spec {
    Spec {
        kind: EntryType::Directory,
        mode,
        uid,
        gid,
        mtime,
        ..Spec::default()
    }
}

fn file(mode: u32, uid: u64, gid: u64) -> Spec {
    Spec {
        mode,
        uid,
        gid,
        ..Spec::default()
    }
}

#[test]
fn owners_modes_links_and_times() {
    let s = Sandbox::new();
    let long = format!("long/{}", "x".repeat(180));
    assert_eq!(long.len(), 185);
    let pax_long = Spec {
        pax: vec![("path".into(), long.clone().into_bytes())],
        ..Spec::default()
    };
    let xattrs = Spec {
        pax: vec![
            ("SCHILY.xattr.user.testenv".into(), b"hello".to_vec()),
            ("SCHILY.xattr.trusted.skipped".into(), b"x".to_vec()),
            ("mtime".into(), b"1600000000.25".to_vec()),
        ],
        ..Spec::default()
    };
    let tar = Tar::new()
        .file_with("owned-1000", file(0o644, 1000, 1000), b"u")
        .file_with("owned-nobody", file(0o644, 65534, 65534), b"n")
        .file_with("bin/suid", file(0o4755, 0, 0), b"#!/bin/sh\n")
        .file_with("shared/", dir(0o2775, 0, 1000, 1_500_000_000), b"")
        .file("shared/child", b"c")
        .file_with("tmp/", dir(0o1777, 0, 0, 1_400_000_000), b"")
        .file_with("private/", dir(0o700, 0, 0, 1_300_000_000), b"")
        .file_with("private/secret", file(0o600, 0, 0), b"s")
        .file_with(
            "a.txt",
            Spec {
                mtime: 1_600_000_000,
                ..Spec::default()
            },
            b"hello",
        )
        .hardlink("b.txt", "a.txt")
        .symlink("rel", "a.txt")
        .symlink("abs", "/etc/passwd")
        .symlink("dangling", "nowhere/at/all")
        .file_with(
            "fifo",
            Spec {
                kind: EntryType::Fifo,
                mode: 0o640,
                ..Spec::default()
            },
            b"",
        )
        .entry(b"placeholder", &pax_long, b"long")
        .entry(
            "gnu/".repeat(40).as_bytes(),
            &dir(0o755, 0, 0, 1_700_000_000),
            b"",
        )
        .file("ünïcödé/名前 with spaces.txt", b"utf8")
        .file("empty", b"")
        .file_with("xattrs", xattrs, b"x")
        .file("implicit/parent/file.txt", b"p")
        .finish();
    let sum = s.unpack(&tar).unwrap();
    assert_eq!(sum.entries, 20);
    assert_eq!(sum.regular_bytes, 1 + 1 + 10 + 1 + 1 + 5 + 4 + 4 + 1 + 1);

    let m = meta(&s, "owned-1000");
    assert_eq!((m.uid(), m.gid()), (1000, 1000));
    let m = meta(&s, "owned-nobody");
    assert_eq!((m.uid(), m.gid()), (65534, 65534));
    assert_eq!(meta(&s, "bin/suid").mode() & 0o7777, 0o4755);
    let m = meta(&s, "shared");
    assert_eq!((m.mode() & 0o7777, m.gid()), (0o2775, 1000));
    assert_eq!(
        m.mtime(),
        1_500_000_000,
        "dir mtime must be set after its children"
    );
    assert_eq!(meta(&s, "tmp").mode() & 0o7777, 0o1777);
    assert_eq!(meta(&s, "tmp").mtime(), 1_400_000_000);
    assert_eq!(meta(&s, "private").mode() & 0o7777, 0o700);
    assert_eq!(meta(&s, "private").mtime(), 1_300_000_000);
    assert_eq!(meta(&s, "private/secret").mode() & 0o7777, 0o600);

    let a = meta(&s, "a.txt");
    assert_eq!((a.nlink(), a.mtime()), (2, 1_600_000_000));
    assert_eq!(a.ino(), meta(&s, "b.txt").ino());
    assert_eq!(
        fs::read_link(s.path("rel")).unwrap().to_str(),
        Some("a.txt")
    );
    assert_eq!(
        fs::read_link(s.path("abs")).unwrap().to_str(),
        Some("/etc/passwd")
    );
    assert_eq!(
        fs::read_link(s.path("dangling")).unwrap().to_str(),
        Some("nowhere/at/all")
    );
    assert_eq!(meta(&s, "rel").mtime(), 1_700_000_000);
    let f = meta(&s, "fifo");
    assert!(f.file_type().is_fifo());
    assert_eq!(f.mode() & 0o7777, 0o640);

    assert_eq!(fs::read(s.path(&long)).unwrap(), b"long");
    assert!(meta(&s, &"gnu/".repeat(40)).is_dir());
    assert_eq!(
        fs::read(s.path("ünïcödé/名前 with spaces.txt")).unwrap(),
        b"utf8"
    );
    assert_eq!(meta(&s, "empty").len(), 0);
    let x = meta(&s, "xattrs");
    assert_eq!((x.mtime(), x.mtime_nsec()), (1_600_000_000, 250_000_000));
    assert_eq!(
        xattr(&s.path("xattrs"), "user.testenv").as_deref(),
        Some(&b"hello"[..])
    );
    assert!(xattr(&s.path("xattrs"), "trusted.skipped").is_none());
    let imp = meta(&s, "implicit/parent");
    assert_eq!((imp.mode() & 0o7777, imp.uid(), imp.gid()), (0o755, 0, 0));
    assert_eq!(fs::read(s.path("implicit/parent/file.txt")).unwrap(), b"p");
    s.assert_contained();
}

#[test]
fn without_chown_everything_stays_ours() {
    let s = Sandbox::new();
    let tar = Tar::new()
        .file_with("f", file(0o4755, 1000, 1000), b"x")
        .finish();
    s.unpack_opts(&tar, false).unwrap();
    let m = meta(&s, "f");
    assert_eq!(
        (m.uid(), m.mode() & 0o7777),
        (nix::unistd::geteuid().as_raw(), 0o4755)
    );
}

#[test]
fn later_entries_replace_earlier_ones() {
    let s = Sandbox::new();
    let tar = Tar::new()
        .file("dup", b"first")
        .file("dup", b"second")
        .dir("dupdir", 0o755)
        .file("dupdir/keep", b"k")
        .file_with("dupdir", dir(0o700, 0, 0, 1_200_000_000), b"")
        .file("ftod", b"file")
        .dir("ftod", 0o755)
        .file("ftod/inner.txt", b"i")
        .dir("dtof", 0o755)
        .file("dtof/sub/deep", b"d")
        .file("dtof", b"now a file")
        .symlink("ltof", "dup")
        .file("ltof", b"not a link")
        .file("ftol", b"x")
        .symlink("ftol", "dup")
        .file("hl-src", b"h")
        .hardlink("hl", "hl-src")
        .hardlink("hl", "hl-src")
        .file("f-as-parent", b"f")
        .file("f-as-parent/child", b"c")
        .finish();
    s.unpack(&tar).unwrap();
    assert_eq!(fs::read(s.path("dup")).unwrap(), b"second");
    let d = meta(&s, "dupdir");
    assert_eq!((d.mode() & 0o7777, d.mtime()), (0o700, 1_200_000_000));
    assert_eq!(fs::read(s.path("dupdir/keep")).unwrap(), b"k");
    assert_eq!(fs::read(s.path("ftod/inner.txt")).unwrap(), b"i");
    assert_eq!(fs::read(s.path("dtof")).unwrap(), b"now a file");
    assert!(meta(&s, "ltof").is_file());
    assert!(meta(&s, "ftol").file_type().is_symlink());
    assert_eq!(meta(&s, "hl").nlink(), 2);
    // Documented policy: a non-directory where a directory is needed is replaced.
    assert_eq!(fs::read(s.path("f-as-parent/child")).unwrap(), b"c");
}

#[test]
fn dot_slash_prefixed_layer() {
    let s = Sandbox::new();
    let tar = Tar::new()
        .file_with("./", dir(0o755, 0, 0, 1_100_000_000), b"")
        .dir("./etc/", 0o755)
        .file("./etc/hosts", b"127.0.0.1 localhost\n")
        .finish();
    let sum = s.unpack(&tar).unwrap();
    assert_eq!(sum.entries, 3);
    assert_eq!(
        fs::read(s.path("etc/hosts")).unwrap(),
        b"127.0.0.1 localhost\n"
    );
    assert_eq!(fs::metadata(&s.dest).unwrap().mtime(), 1_100_000_000);
    s.assert_contained();
}

#[test]
fn empty_tar_and_trailing_data() {
    let s = Sandbox::new();
    let sum = s.unpack(&[0u8; 1024]).unwrap();
    assert_eq!(sum.entries, 0);
    assert!(fs::read_dir(&s.dest).unwrap().next().is_none());

    // The unpacker stops at the end-of-archive block, leaving the rest for the caller.
    let mut bytes = Tar::new().file("f", b"x").finish();
    bytes.extend_from_slice(b"trailing");
    let mut r = &bytes[..];
    crate::image::layer::unpack_layer(
        &mut r,
        &s.dest,
        &crate::image::layer::UnpackOptions { chown: true },
    )
    .unwrap();
    assert!(
        r.len() >= 512 + 8,
        "read past the end-of-archive: {} left",
        r.len()
    );
}

#[test]
fn gnu_sparse_file_keeps_its_holes() {
    // Made by GNU tar --sparse: `s/sparse` is "start", a hole, then "end" at 1 MiB.
    let s = Sandbox::new();
    let sum = s.unpack(include_bytes!("sparse.tar")).unwrap();
    assert_eq!(sum.regular_bytes, 1_048_579);
    let data = fs::read(s.path("s/sparse")).unwrap();
    assert_eq!(data.len(), 1_048_579);
    assert!(data.starts_with(b"start") && data.ends_with(b"end"));
    assert!(data[5..data.len() - 3].iter().all(|&b| b == 0));
    // Far fewer blocks than 1 MiB are allocated.
    assert!(meta(&s, "s/sparse").blocks() * 512 < 512 * 1024);
}
