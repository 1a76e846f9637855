//! A new volume gets what the image has at its mount point, as Podman's copy-up does: the
//! image's directory at that path, merged from the layers as the container's overlay would
//! show it (whiteouts, opaque directories and replacements applied), copied into the empty
//! `_data` with owners, modes and times, once, before the first start. It runs in rpod's user
//! namespace, where the layers' subordinate owners can be given to the copies. A path that
//! goes through a symbolic link in a layer is not followed (it would lead out of the layer,
//! onto the host): such a volume starts empty.

use std::fs;
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use super::{io_at, lock, read, write, VolumeError};
use crate::runtime::rootfs::overlay::copy_layer;

/// What one layer has at a path.
enum Found {
    /// Nothing, and nothing of it hides the layers below.
    Nothing,
    /// The path is deleted or is not a directory from this layer up (for now).
    Hidden,
    /// A directory; `opaque` when it hides the lower layers' content.
    Dir { opaque: bool, meta: fs::Metadata },
}

/// Copies the image's content at `target` (absolute, in the container) into volume `name`
/// if it still needs its copy-up and is empty; marks it done either way. `layers`: lowest
/// first. Returns whether anything was copied.
pub fn copy_up(
    root: &Path,
    name: &str,
    layers: &[PathBuf],
    target: &Path,
) -> Result<bool, VolumeError> {
    let _lock = lock(root, name)?;
    let mut v = read(root, name)?;
    if !v.needs_copy_up {
        return Ok(false);
    }
    let data = v.mountpoint.clone();
    let empty = fs::read_dir(&data).map_err(io_at(&data))?.next().is_none();
    let copied = if empty {
        merge_into(layers, target, &data).map_err(io_at(&data))?
    } else {
        false
    };
    v.needs_copy_up = false;
    v.needs_chown = false;
    write(root, &v)?;
    Ok(copied)
}

/// Applies each layer's directory at `target` onto `dest`, lowest first.
fn merge_into(layers: &[PathBuf], target: &Path, dest: &Path) -> io::Result<bool> {
    let rel: Vec<&std::ffi::OsStr> = target
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut top: Option<fs::Metadata> = None;
    for layer in layers {
        match look(layer, &rel) {
            Found::Nothing => {}
            Found::Hidden => {
                clear(dest)?;
                top = None;
            }
            Found::Dir { opaque, meta } => {
                if opaque {
                    clear(dest)?;
                }
                let src = rel.iter().fold(layer.clone(), |p, c| p.join(c));
                copy_layer(&src, dest, &mut Default::default(), None)?;
                top = Some(meta);
            }
        }
    }
    let Some(meta) = top else {
        return Ok(false);
    };
    // The volume's root takes the owner and mode of the image's directory (Podman's chown).
    std::os::unix::fs::lchown(dest, Some(meta.uid()), Some(meta.gid()))?;
    fs::set_permissions(dest, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    Ok(fs::read_dir(dest)?.next().is_some())
}

/// What `layer` has at the path `rel`, never following a symbolic link.
fn look(layer: &Path, rel: &[&std::ffi::OsStr]) -> Found {
    let mut p = layer.to_path_buf();
    let mut hides_below = false;
    for (i, c) in rel.iter().enumerate() {
        p.push(c);
        let meta = match fs::symlink_metadata(&p) {
            Ok(m) => m,
            // An opaque parent hides the lower layers' path.
            Err(_) if hides_below => return Found::Hidden,
            Err(_) => return Found::Nothing,
        };
        let whiteout = meta.file_type().is_char_device() && meta.rdev() == 0;
        if whiteout || !meta.is_dir() {
            return Found::Hidden;
        }
        let opaque = is_opaque(&p);
        if i + 1 == rel.len() {
            return Found::Dir {
                opaque: opaque || hides_below,
                meta,
            };
        }
        hides_below |= opaque;
    }
    // The path is `/` itself: not a volume target (the spec refuses it).
    Found::Nothing
}

/// Empties `dir` (a lower layer's content hidden by an upper one).
fn clear(dir: &Path) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        if fs::symlink_metadata(&p)?.is_dir() {
            crate::util::fs::staging::remove_tree(&p)?;
        } else {
            fs::remove_file(&p)?;
        }
    }
    Ok(())
}

fn is_opaque(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    ["user.overlay.opaque", "trusted.overlay.opaque"]
        .iter()
        .any(|name| {
            let name = std::ffi::CString::new(*name).expect("no NUL");
            let mut v = [0u8; 2];
            // SAFETY: valid C strings and a buffer of the given length.
            let n = unsafe {
                libc::lgetxattr(path.as_ptr(), name.as_ptr(), v.as_mut_ptr().cast(), v.len())
            };
            n == 1 && v[0] == b'y'
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_layers_and_follows_no_link() {
        let t = tempfile::tempdir().unwrap();
        let (a, b, c, dest) = (
            t.path().join("a"),
            t.path().join("b"),
            t.path().join("c"),
            t.path().join("dest"),
        );
        fs::create_dir_all(a.join("data/sub")).unwrap();
        fs::write(a.join("data/old"), "1").unwrap();
        fs::write(a.join("data/sub/x"), "x").unwrap();
        fs::create_dir_all(b.join("data")).unwrap();
        fs::write(b.join("data/new"), "2").unwrap();
        fs::set_permissions(b.join("data"), fs::Permissions::from_mode(0o750)).unwrap();
        fs::create_dir_all(c.join("link")).unwrap();
        std::os::unix::fs::symlink("/etc", c.join("link/to")).unwrap();
        fs::create_dir(&dest).unwrap();
        let layers = [a.clone(), b.clone()];
        assert!(merge_into(&layers, Path::new("/data"), &dest).unwrap());
        assert_eq!(fs::read_to_string(dest.join("old")).unwrap(), "1");
        assert_eq!(fs::read_to_string(dest.join("new")).unwrap(), "2");
        assert!(dest.join("sub/x").is_file());
        assert_eq!(fs::metadata(&dest).unwrap().mode() & 0o777, 0o750);

        // A path through a symlink is left alone.
        let dest2 = t.path().join("dest2");
        fs::create_dir(&dest2).unwrap();
        assert!(!merge_into(&[c], Path::new("/link/to"), &dest2).unwrap());
        assert!(fs::read_dir(&dest2).unwrap().next().is_none());

        // A file replacing the directory in an upper layer hides it.
        fs::write(t.path().join("d"), "").unwrap();
        let d = t.path().join("dl");
        fs::create_dir(&d).unwrap();
        fs::write(d.join("data"), "file").unwrap();
        let dest3 = t.path().join("dest3");
        fs::create_dir(&dest3).unwrap();
        assert!(!merge_into(&[a, d], Path::new("/data"), &dest3).unwrap());
        assert!(fs::read_dir(&dest3).unwrap().next().is_none());
    }
}
