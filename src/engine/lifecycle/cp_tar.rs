//! The two ends of `cp`'s tar stream, with Docker's and Podman's naming rules: the source
//! side packs `SRC` under its own name (or, for `SRC/.`, its contents); the destination side
//! unpacks into `DEST` when it is a directory, and otherwise takes `DEST` as the new name of
//! what it receives, in `DEST`'s parent, which must exist.
//!
//! Whoever unpacks never follows a link out of where it unpacks: an entry whose path climbs
//! (`..`), or whose parent directory resolves outside the destination (through a symbolic
//! link the archive made), is refused; a hard link is made only to a file the archive
//! brought into the destination.

use std::ffi::OsString;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// Packs `src` into a tar written to `out`.
pub fn pack(src: &Path, out: impl Write) -> Result<(), String> {
    let contents = src.as_os_str().as_encoded_bytes().ends_with(b"/.");
    let meta = fs::symlink_metadata(src)
        .map_err(|_| format!("{:?}: no such file or directory", src.display().to_string()))?;
    let mut tar = tar::Builder::new(out);
    tar.follow_symlinks(false);
    let err = |e: std::io::Error| format!("{}: {e}", src.display());
    if contents {
        if !meta.is_dir() {
            return Err(format!("{}: not a directory", src.display()));
        }
        tar.append_dir_all(".", src).map_err(err)?;
    } else {
        let name = src
            .file_name()
            .map(OsString::from)
            .unwrap_or_else(|| OsString::from("."));
        if meta.is_dir() {
            tar.append_dir_all(&name, src).map_err(err)?;
        } else {
            tar.append_path_with_name(src, &name).map_err(err)?;
        }
    }
    tar.into_inner().map_err(err)?.flush().map_err(err)
}

/// Unpacks the tar from `input` at `dest` (see the module doc). `owner`: the `uid:gid` every
/// unpacked file gets (into a container: its user's); `None` keeps the unpacker's. `dir_only`:
/// `dest` must be an existing directory (a tar from stdin).
pub fn unpack(
    dest: &Path,
    input: impl Read,
    owner: Option<(u32, u32)>,
    dir_only: bool,
) -> Result<(), String> {
    let is_dir = fs::metadata(dest).is_ok_and(|m| m.is_dir());
    let (mut base, mut rename) = if is_dir {
        (dest.to_path_buf(), None)
    } else {
        if dir_only {
            return Err(format!(
                "{}: not a directory (a tar stream is unpacked into a directory)",
                dest.display()
            ));
        }
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(format!(
                "{:?}: no such file or directory",
                parent.display().to_string()
            ));
        }
        let name = dest
            .file_name()
            .ok_or_else(|| format!("{}: not a file name", dest.display()))?;
        (parent.to_path_buf(), Some(name.to_os_string()))
    };
    let mut archive = tar::Archive::new(input);
    archive.set_preserve_permissions(true);
    archive.set_preserve_ownerships(false);
    archive.set_overwrite(true);
    let entries = archive
        .entries()
        .map_err(|e| format!("reading the archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("reading the archive: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| format!("reading the archive: {e}"))?
            .into_owned();
        // Contents (`SRC/.`) into a new directory: make it, and unpack there.
        let Some(rel) = relative(&path, rename.as_deref())? else {
            if let Some(name) = rename.take() {
                base = base.join(name);
                fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
                own(&base, owner)?;
            }
            continue;
        };
        let target = base.join(&rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            inside(&base, parent, &path)?;
        }
        if entry.header().entry_type().is_hard_link() {
            // A second name of a file the archive brought earlier: it must be one unpacked
            // here, never a file outside the destination.
            let link = entry
                .link_name()
                .map_err(|e| format!("reading the archive: {e}"))?
                .ok_or_else(|| format!("{}: a hard link to nothing", path.display()))?
                .into_owned();
            let linked = relative(&link, rename.as_deref())?
                .map(|r| base.join(r))
                .filter(|l| l.symlink_metadata().is_ok_and(|m| m.is_file()))
                .ok_or_else(|| {
                    format!(
                        "{}: a hard link to {}, which the archive did not bring",
                        path.display(),
                        link.display()
                    )
                })?;
            inside(&base, &linked, &path)?;
            let _ = fs::remove_file(&target);
            fs::hard_link(&linked, &target).map_err(|e| format!("{}: {e}", target.display()))?;
            continue;
        }
        if entry.header().entry_type().is_dir() && target.is_dir() {
            // An existing directory: keep it, as `cp -r` does; take the mode.
            if let Ok(mode) = entry.header().mode() {
                use std::os::unix::fs::PermissionsExt;
                let _ = fs::set_permissions(&target, fs::Permissions::from_mode(mode & 0o7777));
            }
        } else {
            if fs::symlink_metadata(&target)
                .is_ok_and(|m| m.is_dir() != entry.header().entry_type().is_dir())
            {
                let _ = fs::remove_file(&target);
            }
            entry
                .unpack(&target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
        own(&target, owner)?;
    }
    Ok(())
}

/// Where the archive's `path` goes below the destination (with `rename`, its first part
/// renamed); `None` for the archive's root (`.`). A path that climbs is refused.
fn relative(path: &Path, rename: Option<&std::ffi::OsStr>) -> Result<Option<PathBuf>, String> {
    let mut parts: Vec<Component> = path.components().collect();
    if parts
        .iter()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "{}: a path that leaves the destination",
            path.display()
        ));
    }
    parts.retain(|c| matches!(c, Component::Normal(_)));
    if parts.is_empty() {
        return Ok(None);
    }
    let rel: PathBuf = parts.iter().collect();
    let Some(name) = rename else {
        return Ok(Some(rel));
    };
    let rest: PathBuf = rel.iter().skip(1).collect();
    Ok(Some(match rest.as_os_str().is_empty() {
        true => PathBuf::from(name),
        false => Path::new(name).join(rest),
    }))
}

/// Refuses `path` (the archive's `entry`) unless it resolves inside `base`: a link the
/// archive made must not lead the unpacking out.
fn inside(base: &Path, path: &Path, entry: &Path) -> Result<(), String> {
    let real = path
        .canonicalize()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let real_base = base
        .canonicalize()
        .map_err(|e| format!("{}: {e}", base.display()))?;
    match real.starts_with(&real_base) {
        true => Ok(()),
        false => Err(format!(
            "{}: a path that leaves the destination through a link",
            entry.display()
        )),
    }
}

fn own(path: &Path, owner: Option<(u32, u32)>) -> Result<(), String> {
    match owner {
        Some((uid, gid)) => std::os::unix::fs::lchown(path, Some(uid), Some(gid))
            .map_err(|e| format!("chown {}: {e}", path.display())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(src: &Path, dest: &Path) -> Result<(), String> {
        let mut buf = Vec::new();
        pack(src, &mut buf)?;
        unpack(dest, buf.as_slice(), None, false)
    }

    #[test]
    fn docker_naming_rules() {
        let t = tempfile::tempdir().unwrap();
        let src = t.path().join("src");
        fs::create_dir_all(src.join("sub")).unwrap();
        fs::write(src.join("sub/f"), "x").unwrap();
        fs::write(t.path().join("file"), "y").unwrap();
        let out = t.path().join("out");
        fs::create_dir(&out).unwrap();
        // A directory into an existing directory: under its own name.
        roundtrip(&src, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("src/sub/f")).unwrap(), "x");
        // To a new name.
        roundtrip(&src, &out.join("renamed")).unwrap();
        assert_eq!(fs::read_to_string(out.join("renamed/sub/f")).unwrap(), "x");
        // Contents only.
        let mut dot = src.clone().into_os_string();
        dot.push("/.");
        roundtrip(Path::new(&dot), &out.join("contents")).unwrap();
        assert_eq!(fs::read_to_string(out.join("contents/sub/f")).unwrap(), "x");
        // A file, to a new name and over an existing one.
        roundtrip(&t.path().join("file"), &out.join("f2")).unwrap();
        assert_eq!(fs::read_to_string(out.join("f2")).unwrap(), "y");
        roundtrip(&t.path().join("file"), &out.join("f2")).unwrap();
        // Missing source, missing parent.
        assert!(roundtrip(&t.path().join("nope"), &out)
            .unwrap_err()
            .contains("no such file"));
        assert!(roundtrip(&t.path().join("file"), &out.join("a/b"))
            .unwrap_err()
            .contains("no such file"));
    }

    #[test]
    fn never_out_of_the_destination() {
        let t = tempfile::tempdir().unwrap();
        let outside = t.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let dest = t.path().join("dest");
        fs::create_dir(&dest).unwrap();
        // A link to outside, then a file through it.
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        tar.append_link(&mut h, "x", &outside).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_mode(0o644);
        tar.append_data(&mut h, "x/evil", &b"e"[..]).unwrap();
        let bytes = tar.into_inner().unwrap();
        let err = unpack(&dest, bytes.as_slice(), None, true).unwrap_err();
        assert!(err.contains("leaves the destination"), "{err}");
        assert!(!outside.join("evil").exists());
    }

    fn hard_link(tar: &mut tar::Builder<Vec<u8>>, name: &str, to: &Path) {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Link);
        h.set_size(0);
        tar.append_link(&mut h, name, to).unwrap();
    }

    #[test]
    fn hard_links_within_the_archive() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("dest");
        fs::create_dir(&dest).unwrap();
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(2);
        h.set_mode(0o755);
        tar.append_data(&mut h, "bin/busybox", &b"bb"[..]).unwrap();
        hard_link(&mut tar, "bin/sh", Path::new("bin/busybox"));
        let bytes = tar.into_inner().unwrap();
        unpack(&dest, bytes.as_slice(), None, true).unwrap();
        use std::os::unix::fs::MetadataExt;
        let (a, b) = (
            fs::metadata(dest.join("bin/busybox")).unwrap(),
            fs::metadata(dest.join("bin/sh")).unwrap(),
        );
        assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "one file, two names");
        // Renamed on the way (DEST a new name): the link follows the rename.
        unpack(&dest.join("copy"), bytes.as_slice(), None, false).unwrap();
        assert_eq!(fs::read(dest.join("copy/sh")).unwrap(), b"bb");
    }

    #[test]
    fn a_hard_link_never_reaches_outside() {
        let t = tempfile::tempdir().unwrap();
        let secret = t.path().join("secret");
        fs::write(&secret, "s").unwrap();
        let dest = t.path().join("dest");
        fs::create_dir(&dest).unwrap();
        for to in [
            secret.as_path(),
            Path::new("../secret"),
            Path::new("missing"),
        ] {
            let mut tar = tar::Builder::new(Vec::new());
            hard_link(&mut tar, "grab", to);
            let bytes = tar.into_inner().unwrap();
            let err = unpack(&dest, bytes.as_slice(), None, true).unwrap_err();
            assert!(
                err.contains("grab") || err.contains("leaves"),
                "{to:?}: {err}"
            );
            assert!(!dest.join("grab").exists(), "{to:?}");
        }
        // Through a symbolic link the archive made: refused too.
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        tar.append_link(&mut h, "up", t.path()).unwrap();
        hard_link(&mut tar, "grab", Path::new("up/secret"));
        let bytes = tar.into_inner().unwrap();
        let err = unpack(&dest, bytes.as_slice(), None, true).unwrap_err();
        assert!(err.contains("grab"), "{err}");
        assert!(!dest.join("grab").exists());
    }
}
