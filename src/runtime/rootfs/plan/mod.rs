//! The container's tree as a plan: which steps, in which order, with what — decided from the
//! spec and the paths alone, without a system call, so that the order (which carries security
//! properties) is checked by unit tests that need no privileges. `apply` performs it.
//!
//! The order, and why:
//! 1. the layers on the rootfs, then the root opened: every later target is resolved inside
//!    it by descriptor (`secure_path`);
//! 2. `/etc/passwd` and `/etc/group` read, and keep-id's entries added, *before* `/proc` and
//!    `/dev` exist in the root: a hostile image's link to `/proc/self/environ` or `/dev/zero`
//!    then finds nothing (see `container_etc`);
//! 3. `/proc`, `/dev`, the generated `/etc` files;
//! 4. the masks under `/proc`, when no user mount lies there (masks go on top of the user's
//!    mounts, as with Podman; done early, they give the network namespace helper more time);
//! 5. the network namespace joined, as late as it can be but before `/sys` (a fresh sysfs
//!    shows the namespace that mounts it) and the user's mounts (which may lie below `/sys`);
//! 6. `/sys`, the user's volumes and tmpfs, the init binary;
//! 7. keep-id: what rpod made handed to the container's root, once it is all mounted;
//! 8. the remaining masks (all of them when a user mount lies under `/proc`; none of the
//!    defaults with `--privileged`, but the user's `mask=` paths still);
//! 9. the working directory, made last so that it is made in whatever is mounted there.
//!
//! The read-only root and `pivot_root` follow in `process` (after the terminal is bound).

#[cfg(test)]
mod cases;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::spec::container::ContainerSpec;
use crate::spec::masks::Masks;
use crate::spec::mounts::MountSpec;
use crate::spec::userns_mode::KeepId;

use crate::runtime::process::init::IN_CONTAINER;
use crate::runtime::rootfs::etc_files::ETC_FILES;
use crate::runtime::rootfs::overlay::Layers;
use crate::runtime::rootfs::proc_mounts::Masked;
use crate::runtime::rootfs::RootfsPaths;
use crate::runtime::userns::nested::NestedMaps;

/// The generated files keep-id hands to the container's root (in the scratch directory).
pub const GIVEN_ETC_FILES: [&str; 5] =
    [ETC_FILES[0], ETC_FILES[1], ETC_FILES[2], "passwd", "group"];

/// What rpod mounts in `/dev` (see `dev`), which keep-id hands to the container's root.
const MADE_IN_DEV: [&str; 3] = ["/dev", "/dev/shm", "/dev/mqueue"];

/// One step of assembling the container's tree, with everything it needs but the root held
/// open (and the network namespace, which only [`MountOp::JoinNetns`] consumes).
#[derive(Debug, PartialEq, Eq)]
pub enum MountOp<'a> {
    /// The image's layers on `target`: `fuse`, the fuse-overlayfs rpod mounted, bound there;
    /// else the kernel's overlayfs (unless owners must be shifted), else a copy.
    Layers {
        layers: Layers<'a>,
        fuse: Option<&'a Path>,
        target: &'a Path,
    },
    /// The root, opened and held for every step that follows.
    OpenRoot { rootfs: &'a Path },
    /// The container's `/etc/passwd` and `/etc/group` read for the user lookup, from the
    /// image at `rootfs` or the volume among `mounts` that covers them.
    ReadUserFiles {
        rootfs: &'a Path,
        mounts: &'a [MountSpec],
    },
    /// keep-id: the user's entries added to what was read, written to `etc_files` and bound
    /// over the image's files, where the image lacks them.
    AddKeepIdUser {
        etc_files: &'a Path,
        name: &'a str,
        uid: u32,
        gid: u32,
        home: &'a str,
    },
    /// A fresh `/proc`.
    Proc,
    /// `/dev`: a tmpfs with the host's harmless devices, `pts`, `shm`, `mqueue`.
    Dev,
    /// The generated `<etc_files>/<name>` bound over `/etc/<name>`.
    EtcFile {
        etc_files: &'a Path,
        name: &'static str,
    },
    /// The default masked and read-only paths `defaults` covers (less the user's `unmask=`),
    /// then, with `user_paths`, the user's `mask=` paths.
    Mask {
        defaults: Masked,
        masks: &'a Masks,
        user_paths: bool,
    },
    /// Waits for the network namespace helper and enters its namespace.
    JoinNetns,
    /// `/sys`: a fresh sysfs, else a bind of the host's; read-only unless `--privileged`.
    Sys { readonly: bool },
    /// One of the user's `-v` or `--tmpfs` mounts.
    UserMount(&'a MountSpec),
    /// `--init`: the host's init binary bound read-only on `target`.
    Init { source: &'a Path, target: &'a Path },
    /// keep-id: the generated `files` in `etc_files` and the mount points `made` in the root
    /// given to the container's root (the outer ids of the nested map's root).
    GiveToContainerRoot {
        etc_files: &'a Path,
        files: &'static [&'static str],
        made: Vec<&'a Path>,
        maps: &'a NestedMaps,
    },
    /// The working directory, made if missing.
    WorkDir(&'a str),
}

/// The steps that assemble `spec`'s tree at `p`, in order.
pub fn plan<'a>(spec: &'a ContainerSpec, p: &'a RootfsPaths) -> Vec<MountOp<'a>> {
    let mut ops = Vec::with_capacity(16 + spec.mounts.len());
    ops.push(MountOp::Layers {
        layers: Layers {
            volatile: spec.remove,
            shift: p.shift,
            lower: p.layers,
            upper: &p.upper,
            work: &p.work,
        },
        fuse: p.mounted,
        target: &p.rootfs,
    });
    ops.push(MountOp::OpenRoot { rootfs: &p.rootfs });
    ops.push(MountOp::ReadUserFiles {
        rootfs: &p.rootfs,
        mounts: &spec.mounts,
    });
    if let Some(KeepId {
        uid,
        gid,
        name: Some(name),
        ..
    }) = &spec.keep_id
    {
        ops.push(MountOp::AddKeepIdUser {
            etc_files: p.etc_files,
            name,
            uid: *uid,
            gid: *gid,
            home: &spec.cwd,
        });
    }
    ops.push(MountOp::Proc);
    ops.push(MountOp::Dev);
    for name in ETC_FILES {
        ops.push(MountOp::EtcFile {
            etc_files: p.etc_files,
            name,
        });
    }
    let user_mounts_in_proc = spec.mounts.iter().any(|m| m.target().starts_with("/proc"));
    let late = match (spec.privileged, user_mounts_in_proc) {
        (true, _) => Masked::Nothing,
        (false, true) => Masked::All,
        (false, false) => {
            ops.push(MountOp::Mask {
                defaults: Masked::Proc,
                masks: &spec.masks,
                user_paths: false,
            });
            Masked::Sys
        }
    };
    ops.push(MountOp::JoinNetns);
    ops.push(MountOp::Sys {
        readonly: !spec.privileged,
    });
    ops.extend(spec.mounts.iter().map(MountOp::UserMount));
    if let Some(init) = &spec.init {
        ops.push(MountOp::Init {
            source: init,
            target: Path::new(IN_CONTAINER),
        });
    }
    if let Some(maps) = p.shift {
        let tmpfs = spec.mounts.iter().filter_map(|m| match m {
            MountSpec::Tmpfs { target, .. } => Some(target.as_path()),
            MountSpec::Bind { .. } | MountSpec::Volume { .. } => None,
        });
        ops.push(MountOp::GiveToContainerRoot {
            etc_files: p.etc_files,
            files: &GIVEN_ETC_FILES,
            made: MADE_IN_DEV
                .iter()
                .map(Path::new)
                .chain(tmpfs)
                .filter(|made| !shown_by_a_volume(made, &spec.mounts))
                .collect(),
            maps,
        });
    }
    ops.push(MountOp::Mask {
        defaults: late,
        masks: &spec.masks,
        user_paths: true,
    });
    ops.push(MountOp::WorkDir(&spec.cwd));
    ops
}

/// Whether a volume is what `path` shows once the user's mounts are made: the last of them at
/// or above it is a bind. Its files are the user's own on the host (root's in rpod's
/// namespace, so ownership cannot tell them apart): keep-id must never give them away.
fn shown_by_a_volume(path: &Path, mounts: &[MountSpec]) -> bool {
    mounts
        .iter()
        .rev()
        .find(|m| path.starts_with(m.target()))
        .is_some_and(|m| m.host_source().is_some())
}
