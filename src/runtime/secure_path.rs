//! Resolving a container path inside the rootfs without escaping it: symlinks in the image
//! (`/etc -> /host/etc`, `../../..`) are followed as if the rootfs were `/`. Used for every
//! mount target, so an image cannot make rpod mount over a host path.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

const MAX_LINKS: usize = 40;

/// `root` + `path`, with every symlink met along the way resolved within `root`. Components
/// that do not exist yet are appended as they are.
pub fn join(root: &Path, path: &Path) -> std::io::Result<PathBuf> {
    let mut pending: Vec<OsString> = components(path);
    pending.reverse();
    let mut resolved: Vec<OsString> = Vec::new();
    let mut links = 0;
    while let Some(c) = pending.pop() {
        if c == ".." {
            resolved.pop();
            continue;
        }
        let candidate = root.join(resolved.iter().collect::<PathBuf>()).join(&c);
        match std::fs::symlink_metadata(&candidate) {
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(std::io::Error::from_raw_os_error(libc::ELOOP));
                }
                let target = std::fs::read_link(&candidate)?;
                if target.is_absolute() {
                    resolved.clear();
                }
                pending.extend(components(&target).into_iter().rev());
            }
            _ => resolved.push(c),
        }
    }
    Ok(root.join(resolved.iter().collect::<PathBuf>()))
}

fn components(p: &Path) -> Vec<OsString> {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symlinks_stay_inside() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        std::fs::create_dir_all(r.join("real/etc")).unwrap();
        symlink("/real/etc", r.join("etc")).unwrap();
        symlink("../../../../outside", r.join("real/up")).unwrap();
        assert_eq!(
            join(r, "/etc/hosts".as_ref()).unwrap(),
            r.join("real/etc/hosts")
        );
        assert_eq!(join(r, "/real/up/x".as_ref()).unwrap(), r.join("outside/x"));
        assert_eq!(join(r, "/../../x".as_ref()).unwrap(), r.join("x"));
        symlink("loop", r.join("loop")).unwrap();
        assert!(join(r, "/loop".as_ref()).is_err());
    }
}
