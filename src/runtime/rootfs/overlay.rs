//! The container's root filesystem from its image layers: native overlayfs (`userxattr`,
//! Linux ≥ 5.11 in a user namespace), else fuse-overlayfs (mounted by rpod beforehand, see
//! `fuse_overlay`), else a plain copy of the layers applying overlay-form whiteouts (0:0
//! char devices, `user.overlay.opaque=y` dirs).

use std::collections::HashMap;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::AT_FDCWD;
use nix::mount::{mount, MsFlags};
use nix::sys::stat::{utimensat, UtimensatFlags};
use nix::sys::time::TimeSpec;

use crate::runtime::userns::nested::{outer_of, NestedMaps};
use crate::runtime::{Ctx, SysError};

/// The paths overlayfs needs.
#[derive(Debug, PartialEq, Eq)]
pub struct Layers<'a> {
    /// Lowest first, as the store lists them.
    pub lower: &'a [PathBuf],
    pub upper: &'a Path,
    pub work: &'a Path,
    /// Skip every sync (overlay's `volatile`, as Podman does for `--rm`): the writes die with
    /// the container, and without it unmounting the overlay syncs the whole upper filesystem.
    pub volatile: bool,
    /// `--userns=keep-id`: owners as the nested namespace must see them (see
    /// `nested_userns`). Native overlay cannot shift owners, so it is skipped.
    pub shift: Option<&'a NestedMaps>,
}

/// `lowerdir=TOP:...:BOTTOM,upperdir=...,workdir=...`.
pub fn overlay_options(l: &Layers) -> String {
    let lower: Vec<String> = l.lower.iter().rev().map(|p| escape(p)).collect();
    format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        escape(l.upper),
        escape(l.work)
    )
}

/// overlayfs splits its options on `,` and lower dirs on `:`; both must be escaped.
fn escape(p: &Path) -> String {
    let mut s = String::new();
    for c in p.to_string_lossy().chars() {
        if matches!(c, ':' | ',' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Whether the kernel's overlayfs can be mounted in a user namespace (Linux 5.11 and later);
/// before, rpod mounts fuse-overlayfs instead (see `fuse_overlay`).
pub fn native_in_userns() -> bool {
    let Ok(u) = nix::sys::utsname::uname() else {
        return false;
    };
    let release = u.release().to_string_lossy().into_owned();
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (major, minor) >= (5, 11)
}

/// Mounts the layers on `target`, in the container's mount namespace: `mounted` is the
/// fuse-overlayfs rpod already mounted (bound on `target`); else the kernel's overlayfs,
/// unless owners must be shifted or it is refused; else a copy.
pub fn mount_rootfs(l: &Layers, target: &Path, mounted: Option<&Path>) -> Result<(), SysError> {
    if let Some(merged) = mounted {
        mount(
            Some(merged),
            target,
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None::<&str>,
        )
        .ctx(|| format!("binding {} on {}", merged.display(), target.display()))?;
        return Ok(());
    }
    if l.shift.is_none() {
        let volatile = if l.volatile { ",volatile" } else { "" };
        let native = format!("{},userxattr{volatile}", overlay_options(l));
        match mount(
            Some("overlay"),
            target,
            Some("overlay"),
            MsFlags::empty(),
            Some(native.as_str()),
        ) {
            Ok(()) => return Ok(()),
            Err(Errno::EINVAL | Errno::EPERM | Errno::ENODEV) => {}
            Err(e) => return Err(e).ctx(|| format!("mounting overlay on {}", target.display())),
        }
    }
    // The copy goes to the upper dir (on disk, like the overlay's writes), bound on target.
    let mut links = HashMap::new();
    for dir in l.lower {
        links.clear();
        copy_layer(dir, l.upper, &mut links, l.shift)
            .ctx(|| format!("copying layer {}", dir.display()))?;
    }
    mount(
        Some(l.upper),
        target,
        None::<&str>,
        MsFlags::MS_BIND,
        None::<&str>,
    )
    .ctx(|| format!("bind-mounting {}", target.display()))
}

fn is_whiteout(m: &fs::Metadata) -> bool {
    m.file_type().is_char_device() && m.rdev() == 0
}

fn is_opaque(dir: &Path) -> bool {
    xattr_is(dir, "user.overlay.opaque") || xattr_is(dir, "trusted.overlay.opaque")
}

fn xattr_is(p: &Path, name: &str) -> bool {
    let (Ok(path), Ok(name)) = (
        std::ffi::CString::new(p.as_os_str().as_bytes()),
        std::ffi::CString::new(name),
    ) else {
        return false;
    };
    let mut v = [0u8; 2];
    // SAFETY: valid C strings and a buffer of the given length.
    let n =
        unsafe { libc::lgetxattr(path.as_ptr(), name.as_ptr(), v.as_mut_ptr().cast(), v.len()) };
    n == 1 && v[0] == b'y'
}

/// Where each multiply-linked file of the layer being copied went, by (device, inode).
type Links = HashMap<(u64, u64), PathBuf>;

/// Applies one overlay-form layer onto `dst`, keeping owners (shifted for keep-id), modes,
/// times and hard links.
pub fn copy_layer(
    src: &Path,
    dst: &Path,
    links: &mut Links,
    shift: Option<&NestedMaps>,
) -> std::io::Result<()> {
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let from = entry.path();
        let to = dst.join(entry.file_name());
        let m = fs::symlink_metadata(&from)?;
        if is_whiteout(&m) {
            remove_any(&to)?;
            continue;
        }
        let existing = fs::symlink_metadata(&to).ok();
        if m.is_dir() {
            match existing {
                Some(e) if e.is_dir() => {
                    if is_opaque(&from) {
                        fs::remove_dir_all(&to)?;
                        fs::create_dir(&to)?;
                    }
                }
                Some(_) => {
                    fs::remove_file(&to)?;
                    fs::create_dir(&to)?;
                }
                None => fs::create_dir(&to)?,
            }
            copy_layer(&from, &to, links, shift)?;
        } else {
            if existing.is_some() {
                remove_any(&to)?;
            }
            if m.nlink() > 1 && !m.is_dir() {
                if let Some(first) = links.get(&(m.dev(), m.ino())) {
                    fs::hard_link(first, &to)?;
                    continue;
                }
                links.insert((m.dev(), m.ino()), to.clone());
            }
            copy_node(&from, &to, &m)?;
        }
        fix_owner_mode(&to, &m, shift)?;
    }
    Ok(())
}

fn remove_any(p: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(p),
        Ok(_) => fs::remove_file(p),
        Err(_) => Ok(()),
    }
}

fn copy_node(from: &Path, to: &Path, m: &fs::Metadata) -> std::io::Result<()> {
    let ft = m.file_type();
    if ft.is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(from)?, to)
    } else if ft.is_file() {
        fs::copy(from, to).map(drop)
    } else {
        let kind = if ft.is_fifo() {
            nix::sys::stat::SFlag::S_IFIFO
        } else if ft.is_char_device() {
            nix::sys::stat::SFlag::S_IFCHR
        } else if ft.is_block_device() {
            nix::sys::stat::SFlag::S_IFBLK
        } else {
            nix::sys::stat::SFlag::S_IFSOCK
        };
        let mode = nix::sys::stat::Mode::from_bits_truncate(m.mode());
        nix::sys::stat::mknod(to, kind, mode, m.rdev()).map_err(std::io::Error::from)
    }
}

/// Owner, then mode (chown clears set-id bits), then times (last: the rest changes them).
fn fix_owner_mode(to: &Path, m: &fs::Metadata, shift: Option<&NestedMaps>) -> std::io::Result<()> {
    let (uid, gid) = match shift {
        // An id beyond the subordinate range has no place in the nested map: left as it is.
        Some(s) => (
            outer_of(&s.uids, m.uid()).unwrap_or(m.uid()),
            outer_of(&s.gids, m.gid()).unwrap_or(m.gid()),
        ),
        None => (m.uid(), m.gid()),
    };
    std::os::unix::fs::lchown(to, Some(uid), Some(gid))?;
    if !m.file_type().is_symlink() {
        fs::set_permissions(to, fs::Permissions::from_mode(m.mode() & 0o7777))?;
    }
    let atime = TimeSpec::new(m.atime(), m.atime_nsec());
    let mtime = TimeSpec::new(m.mtime(), m.mtime_nsec());
    utimensat(
        AT_FDCWD,
        to,
        &atime,
        &mtime,
        UtimensatFlags::NoFollowSymlink,
    )
    .map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_top_first_and_escaped() {
        let lower = vec![PathBuf::from("/l/0"), PathBuf::from("/l/1:x")];
        let l = Layers {
            volatile: false,
            shift: None,
            lower: &lower,
            upper: Path::new("/c/upper"),
            work: Path::new("/c/w,k"),
        };
        assert_eq!(
            overlay_options(&l),
            "lowerdir=/l/1\\:x:/l/0,upperdir=/c/upper,workdir=/c/w\\,k"
        );
    }

    #[test]
    fn copy_applies_replacements() {
        let t = tempfile::tempdir().unwrap();
        let (a, b, dst) = (t.path().join("a"), t.path().join("b"), t.path().join("dst"));
        for d in [&a, &b, &dst] {
            fs::create_dir(d).unwrap();
        }
        fs::create_dir(a.join("d")).unwrap();
        fs::write(a.join("d/old"), "1").unwrap();
        fs::write(a.join("f"), "1").unwrap();
        fs::create_dir(b.join("d")).unwrap();
        fs::write(b.join("d/new"), "2").unwrap();
        fs::write(b.join("f"), "2").unwrap();
        fs::hard_link(b.join("f"), b.join("g")).unwrap();
        copy_layer(&a, &dst, &mut HashMap::new(), None).unwrap();
        copy_layer(&b, &dst, &mut HashMap::new(), None).unwrap();
        let (f, g) = (
            fs::metadata(dst.join("f")).unwrap(),
            fs::metadata(dst.join("g")).unwrap(),
        );
        assert_eq!((f.ino(), f.nlink()), (g.ino(), 2));
        assert_eq!(f.mtime(), fs::metadata(b.join("f")).unwrap().mtime());
        assert_eq!(fs::read_to_string(dst.join("f")).unwrap(), "2");
        assert!(dst.join("d/old").exists() && dst.join("d/new").exists());
    }
}
