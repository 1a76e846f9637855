//! Performing a mount plan (see `plan`): each step with the code that knows how, in the
//! plan's order, in the container's mount namespace.

use std::path::Path;

use nix::errno::Errno;

use crate::runtime::network::PendingNetns;
use crate::runtime::rootfs::container_etc::UserFiles;
use crate::runtime::rootfs::plan::MountOp;
use crate::runtime::rootfs::secure_path::{Create, Root};
use crate::runtime::rootfs::{dev, etc_files, keep_id, overlay, proc_mounts, user_mounts};
use crate::runtime::{Ctx, SysError};

/// Performs `ops` in order; `netns` is joined at [`MountOp::JoinNetns`]. Returns the root,
/// held open, and the user files the plan read. Stops at the first step that fails.
pub fn apply(ops: &[MountOp], netns: PendingNetns) -> Result<(Root, UserFiles), SysError> {
    let mut root: Option<Root> = None;
    let mut users: Option<UserFiles> = None;
    let mut netns = Some(netns);
    for op in ops {
        match op {
            MountOp::Layers {
                layers,
                fuse,
                target,
            } => overlay::mount_rootfs(layers, target, *fuse)?,
            MountOp::OpenRoot { rootfs } => {
                root = Some(Root::open(rootfs).ctx(|| format!("opening {}", rootfs.display()))?)
            }
            MountOp::ReadUserFiles { rootfs, mounts } => {
                users = Some(UserFiles::read(rootfs, mounts)?)
            }
            MountOp::AddKeepIdUser {
                etc_files,
                name,
                uid,
                gid,
                home,
            } => {
                let users = users.as_mut().ok_or_else(|| out_of_order(op))?;
                let root = opened(&root, op)?;
                keep_id::add_user(root, etc_files, users, name, (*uid, *gid), home)?
            }
            MountOp::Proc => proc_mounts::mount_proc(opened(&root, op)?)?,
            MountOp::Dev => dev::setup(opened(&root, op)?)?,
            MountOp::EtcFile { etc_files, name } => {
                etc_files::bind_etc_file(opened(&root, op)?, etc_files, name)?
            }
            MountOp::Mask {
                defaults,
                masks,
                user_paths,
            } => proc_mounts::mask(opened(&root, op)?, *defaults, masks, *user_paths)?,
            MountOp::JoinNetns => netns.take().ok_or_else(|| out_of_order(op))?.join()?,
            MountOp::Sys { readonly } => proc_mounts::mount_sys(opened(&root, op)?, *readonly)?,
            MountOp::UserMount(m) => user_mounts::user_mount(opened(&root, op)?, m)?,
            MountOp::Init { source, target } => {
                user_mounts::bind_host_path(opened(&root, op)?, source, target, true)?
            }
            MountOp::GiveToContainerRoot {
                etc_files,
                files,
                made,
                maps,
            } => keep_id::give_to_container_root(opened(&root, op)?, etc_files, files, made, maps)?,
            MountOp::WorkDir(cwd) => {
                opened(&root, op)?
                    .resolve(Path::new(cwd), Create::Dir)
                    .ctx(|| format!("creating the working directory {cwd}"))?;
            }
        }
    }
    match (root, users, netns) {
        (Some(root), Some(users), None) => Ok((root, users)),
        _ => Err(SysError {
            what: "the mount plan lacks a step (opening the root, reading the user files or \
                   joining the network namespace)"
                .into(),
            source: Errno::EINVAL,
        }),
    }
}

/// The root, which `op` needs opened by an earlier step.
fn opened<'r>(root: &'r Option<Root>, op: &MountOp) -> Result<&'r Root, SysError> {
    root.as_ref().ok_or_else(|| out_of_order(op))
}

/// A plan whose steps come in an order `apply` cannot follow (a bug in `plan`).
fn out_of_order(op: &MountOp) -> SysError {
    SysError {
        what: format!("the mount plan is out of order at {op:?}"),
        source: Errno::EINVAL,
    }
}
