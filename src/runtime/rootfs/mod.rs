//! Assembling the container's filesystem tree under `rootfs` before the pivot: the image
//! layers, the kernel filesystems, `/dev`, the generated `/etc` files, the user's volumes and
//! tmpfs mounts, the masked paths, and finally the read-only root if asked.

pub mod container_etc;
pub mod dev;
pub mod fuse_overlay;
pub mod mount_at;
pub mod overlay;
pub mod pivot;
pub mod proc_mounts;
pub mod scratch;
pub mod secure_path;

use std::fs;
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::fcntl::{AtFlags, OFlag};
use nix::mount::MsFlags;
use nix::sys::stat::{fstat, Mode};
use nix::sys::statvfs::{fstatvfs, FsFlags};
use nix::unistd::{fchownat, Gid, Uid};

use crate::spec::container::ContainerSpec;
use crate::spec::mounts::MountSpec;
use crate::spec::user;
use crate::spec::userns_mode::KeepId;

use crate::runtime::network::PendingNetns;
use crate::runtime::userns::nested::{self, NestedMaps};
use crate::runtime::{Ctx, SysError};
use container_etc::{Origin, UserFiles};
use mount_at::Expect;
use overlay::Layers;
use proc_mounts::Masked;
use secure_path::{proc_fd_path, Create, InRoot, Root};

/// Files generated per container and bound over the image's `/etc/<name>`.
pub const ETC_FILES: [&str; 3] = ["hosts", "hostname", "resolv.conf"];

/// Writes `hosts`, `hostname` and `resolv.conf` into the container directory (parent side).
pub fn write_etc_files(dir: &Path, spec: &ContainerSpec) -> std::io::Result<()> {
    let hosts = format!(
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
         ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n\
         127.0.1.1\t{} {}\n",
        spec.hostname, spec.name
    );
    fs::write(dir.join("hosts"), hosts)?;
    fs::write(dir.join("hostname"), format!("{}\n", spec.hostname))?;
    let resolv = fs::read("/etc/resolv.conf").unwrap_or_default();
    fs::write(dir.join("resolv.conf"), resolv)
}

/// The paths of one container's tree.
pub struct RootfsPaths<'a> {
    pub layers: &'a [PathBuf],
    pub upper: PathBuf,
    pub work: PathBuf,
    pub rootfs: PathBuf,
    /// The directory holding the generated `/etc` files.
    pub etc_files: &'a Path,
    /// The layers already mounted by rpod (fuse-overlayfs), to bind on `rootfs`.
    pub mounted: Option<&'a Path>,
    /// keep-id: how owners are shifted for the nested user namespace.
    pub shift: Option<&'a NestedMaps>,
}

/// Mounts everything but the workload's terminal; runs in the container's mount namespace.
/// Joins `netns` on the way, before `/sys`. Every target inside the tree is resolved and
/// mounted by descriptor (see `secure_path`). Returns the container's `/etc/passwd` and
/// `/etc/group` for the user lookup, read before `/proc` and `/dev` exist in the root (see
/// `container_etc`), keep-id's entries included, and the root, held open, for the steps that
/// follow.
pub fn prepare(
    spec: &ContainerSpec,
    p: &RootfsPaths,
    netns: PendingNetns,
) -> Result<(Root, UserFiles), SysError> {
    let layers = Layers {
        volatile: spec.remove,
        shift: p.shift,
        lower: p.layers,
        upper: &p.upper,
        work: &p.work,
    };
    overlay::mount_rootfs(&layers, &p.rootfs, p.mounted)?;
    let root = Root::open(&p.rootfs).ctx(|| format!("opening {}", p.rootfs.display()))?;
    let mut users = UserFiles::read(&p.rootfs, &spec.mounts)?;
    if let Some(KeepId {
        uid,
        gid,
        name: Some(user),
        ..
    }) = &spec.keep_id
    {
        add_keep_id_user(
            &root,
            p.etc_files,
            &mut users,
            user,
            (*uid, *gid),
            &spec.cwd,
        )?;
    }
    proc_mounts::mount_proc(&root)?;
    dev::setup(&root)?;
    for name in ETC_FILES {
        bind_etc_file(&root, p.etc_files, name)?;
    }
    // Masks go on top of the user's mounts, as with Podman; those under /proc can go first
    // when no user mount lies there, which gives the network namespace helper more time.
    let user_mounts_in_proc = spec.mounts.iter().any(|m| m.target().starts_with("/proc"));
    let late = match (spec.privileged, user_mounts_in_proc) {
        (true, _) => Masked::Nothing,
        (false, true) => Masked::All,
        (false, false) => {
            proc_mounts::mask(&root, Masked::Proc, &spec.masks, false)?;
            Masked::Sys
        }
    };
    // As late as it can be (before the user's mounts, which may lie below /sys).
    netns.join()?;
    proc_mounts::mount_sys(&root, !spec.privileged)?;
    for m in &spec.mounts {
        user_mount(&root, m)?;
    }
    if let Some(init) = &spec.init {
        bind_host_path(
            &root,
            init,
            Path::new(crate::runtime::process::init::IN_CONTAINER),
            true,
        )?;
    }
    if let Some(maps) = p.shift {
        give_to_container_root(&root, p.etc_files, maps, spec)?;
    }
    // The user's `mask=` paths too, with --privileged as well.
    proc_mounts::mask(&root, late, &spec.masks, true)?;
    root.resolve(Path::new(&spec.cwd), Create::Dir)
        .ctx(|| format!("creating the working directory {}", spec.cwd))?;
    Ok((root, users))
}

/// Binds the generated `<etc_files>/<name>` over the image's `/etc/<name>`.
fn bind_etc_file(root: &Root, etc_files: &Path, name: &str) -> Result<(), SysError> {
    let target = root
        .resolve(&Path::new("/etc").join(name), Create::File)
        .ctx(|| format!("creating /etc/{name}"))?;
    mount_at::bind(&etc_files.join(name), &target, false).ctx(|| format!("binding /etc/{name}"))
}

/// keep-id: the image's `/etc/passwd` and `/etc/group` with entries for the user, when they
/// lack them (Podman adds them too: `id`, `whoami` and shells want a name and a home, which is
/// the working directory). Written to the scratch tmpfs and bound over the image's files —
/// only over a regular file, or where the image has none: not through a link to nothing, nor
/// where a volume covers the file.
fn add_keep_id_user(
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

/// keep-id: what rpod made — the generated `/etc` files, `/dev`, `/dev/shm`, `--tmpfs`
/// mounts — belongs to the container's root, not to the user (whom rpod's root becomes in the
/// nested namespace).
fn give_to_container_root(
    root: &Root,
    etc_files: &Path,
    maps: &NestedMaps,
    spec: &ContainerSpec,
) -> Result<(), SysError> {
    let uid = nested::outer_of(&maps.uids, 0);
    let gid = nested::outer_of(&maps.gids, 0);
    for path in ETC_FILES
        .iter()
        .chain(&["passwd", "group"])
        .map(|name| etc_files.join(name))
    {
        // Only what rpod's root owns.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.uid() == 0) {
            std::os::unix::fs::lchown(&path, uid, gid)
                .ctx(|| format!("chown {}", path.display()))?;
        }
    }
    let made = ["/dev", "/dev/shm", "/dev/mqueue"]
        .into_iter()
        .map(PathBuf::from);
    let tmpfs = spec.mounts.iter().filter_map(|m| match m {
        MountSpec::Tmpfs { .. } => Some(m.target().to_path_buf()),
        MountSpec::Bind { .. } => None,
    });
    for t in made.chain(tmpfs) {
        let Ok(found) = root.resolve(&t, Create::No) else {
            continue;
        };
        // Only what rpod's root owns: never a volume's files.
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

/// Makes the root mount read-only (`--read-only`); done last, after every mount point exists.
pub fn make_root_readonly(rootfs: &Path) -> Result<(), SysError> {
    mount_at::remount_ro_path(rootfs, MsFlags::empty())
        .ctx(|| "making the root filesystem read-only".into())
}

fn user_mount(root: &Root, m: &MountSpec) -> Result<(), SysError> {
    let shown = m.target().display();
    match m {
        MountSpec::Bind {
            source, readonly, ..
        } => bind_host_path(root, source, m.target(), *readonly)?,
        MountSpec::Tmpfs { flags, data, .. } => {
            let target = mount_point(root, m.target(), Create::Dir)?;
            let flags = MsFlags::from_bits_truncate(*flags);
            let data = (!data.is_empty()).then_some(data.as_str());
            mount_at::filesystem("tmpfs", &target, flags, data)
                .ctx(|| format!("mounting tmpfs on {shown}"))?;
        }
    }
    Ok(())
}

/// Binds the host's `source` (a volume's, the init's: opened as the user meant it) on
/// `target` inside the root, made if missing.
fn bind_host_path(
    root: &Root,
    source: &Path,
    target: &Path,
    readonly: bool,
) -> Result<(), SysError> {
    let shown = target.display();
    let src = nix::fcntl::open(source, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty())
        .ctx(|| format!("volume source {}", source.display()))?;
    let src_stat = fstat(&src).ctx(|| format!("volume source {}", source.display()))?;
    let create = if secure_path::is_dir(&src_stat) {
        Create::Dir
    } else {
        Create::File
    };
    let target = mount_point(root, target, create)?;
    mount_at::bind(&proc_fd_path(&src), &target, true)
        .ctx(|| format!("binding {} on {shown}", source.display()))?;
    if readonly {
        mount_at::remount_ro(&target, Expect::Source(&src_stat), locked_flags(&src))
            .ctx(|| format!("making {shown} read-only"))?;
    }
    Ok(())
}

/// The user mount's target inside the root, made if missing; never the root itself.
fn mount_point(root: &Root, path: &Path, create: Create) -> Result<InRoot, SysError> {
    let target = root
        .resolve(path, create)
        .ctx(|| format!("creating mount point {}", path.display()))?;
    if target.is_root() {
        return Err(SysError {
            what: format!(
                "mounting on {}: that is the container's root directory",
                path.display()
            ),
            source: nix::errno::Errno::EINVAL,
        });
    }
    Ok(target)
}

/// The flags of the host mount under `source` that a user namespace may not clear.
fn locked_flags(source: &impl AsFd) -> MsFlags {
    let Ok(st) = fstatvfs(source) else {
        return MsFlags::empty();
    };
    let f = st.flags();
    [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ]
    .into_iter()
    .filter(|(s, _)| f.contains(*s))
    .fold(MsFlags::empty(), |acc, (_, m)| acc | m)
}
