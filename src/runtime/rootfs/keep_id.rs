//! `--userns=keep-id`'s part of the tree: the user's entries in `/etc/passwd` and
//! `/etc/group`, and what rpod made handed to the container's root (rpod's root becomes the
//! user in the nested namespace, so what it made would otherwise look like the user's).

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::fcntl::AtFlags;
use nix::unistd::{fchownat, Gid, Uid};

use crate::spec::user;

use crate::runtime::rootfs::container_etc::{Origin, UserFiles};
use crate::runtime::rootfs::etc_files::bind_etc_file;
use crate::runtime::rootfs::secure_path::{Create, Root};
use crate::runtime::userns::nested::{self, NestedMaps};
use crate::runtime::{Ctx, SysError};

/// The image's `/etc/passwd` and `/etc/group` with entries for the user, when they lack them
/// (Podman adds them too: `id`, `whoami` and shells want a name and a home, which is the
/// working directory). Written to the scratch tmpfs and bound over the image's files — only
/// over a regular file, or where the image has none: not through a link to nothing, nor where
/// a volume covers the file.
pub fn add_user(
    root: &Root,
    etc_files: &Path,
    users: &mut UserFiles,
    user: &str,
    (uid, gid): (u32, u32),
    home: &str,
) -> Result<(), SysError> {
    let files = [("passwd", &mut users.passwd), ("group", &mut users.group)];
    for (name, file) in files {
        if !matches!(file.origin, Origin::Regular | Origin::Absent) {
            continue;
        }
        let text = match name {
            "passwd" => user::passwd_with_user(&file.text, user, uid, gid, home),
            _ => user::group_with_user(&file.text, user, gid),
        };
        if let Some(text) = text {
            fs::write(etc_files.join(name), &text).ctx(|| format!("writing /etc/{name}"))?;
            bind_etc_file(root, etc_files, name)?;
            file.text = text;
        }
    }
    Ok(())
}

/// Gives the container's root what rpod made: the generated `files` in `etc_files` (host
/// paths), and the mount points `made` in the root (`/dev`, `/dev/shm`, `--tmpfs` targets...).
/// Only what rpod's root owns, never a volume's files; a missing one is skipped.
pub fn give_to_container_root(
    root: &Root,
    etc_files: &Path,
    files: &[&str],
    made: &[&Path],
    maps: &NestedMaps,
) -> Result<(), SysError> {
    let uid = nested::outer_of(&maps.uids, 0);
    let gid = nested::outer_of(&maps.gids, 0);
    for path in files.iter().map(|name| etc_files.join(name)) {
        if fs::symlink_metadata(&path).is_ok_and(|m| m.uid() == 0) {
            std::os::unix::fs::lchown(&path, uid, gid)
                .ctx(|| format!("chown {}", path.display()))?;
        }
    }
    for t in made {
        let Ok(found) = root.resolve(t, Create::No) else {
            continue;
        };
        if found.stat().is_ok_and(|st| st.st_uid == 0) {
            fchownat(
                &found.fd,
                "",
                uid.map(Uid::from_raw),
                gid.map(Gid::from_raw),
                AtFlags::AT_EMPTY_PATH | AtFlags::AT_SYMLINK_NOFOLLOW,
            )
            .ctx(|| format!("chown {}", t.display()))?;
        }
    }
    Ok(())
}
