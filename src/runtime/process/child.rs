//! The container's PID 1, from the fork to the workload: its namespaces, hostname, root file
//! system (joining the network namespace a helper made meanwhile), pty, user lookup,
//! `pivot_root`, keep-id's nested user namespace, session, stdio and keyring; then
//! [`become_workload`] takes it to the exec.
//!
//! PID 1 gets its own mount namespace because `pivot_root` acts on the whole namespace: done
//! in rpod's, it would move rpod's root too. Everything the container mounted goes away with
//! that namespace when its last process exits.
//!
//! It talks to rpod over its end of the channel (see `channel`) and never returns: it execs,
//! or reports why it could not and exits with Podman's status.

use std::path::Path;

use nix::fcntl::{open, OFlag};
use nix::sched::{unshare, CloneFlags};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::stat::Mode;
use nix::unistd::{dup2_stdin, sethostname};

use crate::spec::container::ContainerSpec;
use crate::spec::user;

use crate::runtime::bundle::Bundle;
use crate::runtime::network;
use crate::runtime::process::become_workload::{
    become_workload, environment, StartFailure, Workload,
};
use crate::runtime::process::channel::{ChildEnd, FromChild, ToChild};
use crate::runtime::process::{keyring, session, tty};
use crate::runtime::rootfs::{self, dev, pivot, scratch, RootfsPaths};
use crate::runtime::userns::nested::NestedMaps;
use crate::runtime::Ctx;

/// Where the container's tree comes from, and what PID 1 waits for before it builds it.
pub struct Tree<'a> {
    pub bundle: &'a Bundle,
    /// fuse-overlayfs, already mounted by rpod.
    pub mounted: Option<&'a Path>,
    /// keep-id: how owners are shifted.
    pub shift: Option<&'a NestedMaps>,
    /// rpod's id maps may still be in the writing: wait for [`ToChild::Mapped`] before
    /// touching files.
    pub await_maps: bool,
}

/// PID 1's body after the fork; `mask` is the signal mask from before rpod blocked the
/// signals it relays.
pub fn container_main(spec: &ContainerSpec, tree: &Tree, channel: ChildEnd, mask: &SigSet) -> ! {
    let failure = setup_and_exec(spec, tree, &channel, mask);
    let message = failure.to_string();
    channel.fail(failure.status(), &message)
}

/// Returns only on failure.
fn setup_and_exec(
    spec: &ContainerSpec,
    tree: &Tree,
    channel: &ChildEnd,
    mask: &SigSet,
) -> StartFailure {
    match setup(spec, tree, channel) {
        Ok(user) => {
            let workload = Workload {
                args: &spec.args,
                env: environment(&spec.env, &user, &spec.hostname, spec.tty),
                cwd: &spec.cwd,
                user: &user,
                caps: spec.caps,
                seccomp: spec.seccomp.profile(),
                no_new_privileges: spec.no_new_privileges,
                init: spec.init.is_some(),
                parent_death: true,
            };
            become_workload(&workload, channel.raw_fd(), mask)
        }
        Err(e) => e,
    }
}

/// Everything up to the credentials; returns the user the workload runs as.
fn setup(
    spec: &ContainerSpec,
    tree: &Tree,
    channel: &ChildEnd,
) -> Result<user::ExecUser, StartFailure> {
    // Before anything is created: the files rpod writes for the container (/etc/hosts...)
    // get the container's umask, not the caller's.
    nix::sys::stat::umask(Mode::from_bits_truncate(spec.umask));
    // rpod gone (even by SIGKILL) means the container goes too: there is no conmon.
    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).ctx(|| "prctl".into())?;
    // The network namespace comes later, from a helper (see `network`).
    unshare(
        CloneFlags::CLONE_NEWNS
            | CloneFlags::CLONE_NEWUTS
            | CloneFlags::CLONE_NEWIPC
            | CloneFlags::CLONE_NEWCGROUP,
    )
    .ctx(|| "creating the container's namespaces".into())?;
    sethostname(&spec.hostname).ctx(|| "setting the hostname".into())?;
    if tree.await_maps && channel.expect(ToChild::Mapped).is_err() {
        return Err(StartFailure::Setup(
            "rpod could not set up the user namespace".into(),
        ));
    }

    let netns = network::start()?;
    let bundle = tree.bundle;
    scratch::prepare(bundle, spec)?;
    let paths = RootfsPaths {
        layers: &bundle.layers,
        upper: bundle.upper.clone(),
        work: bundle.work.clone(),
        rootfs: bundle.rootfs(),
        etc_files: bundle.etc_files(),
        mounted: tree.mounted,
        shift: tree.shift,
    };
    let (in_root, users) = rootfs::prepare(spec, &paths, netns)?;
    let root = paths.rootfs.as_path();

    let slave = match spec.tty {
        true => {
            let pty = tty::open_pty(&in_root)?;
            dev::bind_console(&in_root, &pty.slave)?;
            channel
                .send(&FromChild::Pty(pty.master))
                .ctx(|| "sending the pty".into())?;
            channel
                .expect(ToChild::Go)
                .ctx(|| "waiting for rpod".into())?;
            Some(pty.slave)
        }
        false => None,
    };

    drop(in_root);
    let user = user::resolve(&spec.user, &users.passwd.text, &users.group.text)
        .map_err(|e| StartFailure::Setup(e.to_string()))?;
    // `-v ...:U`: the volume's files to the user just resolved, from the host's side.
    for target in &spec.chown_to_user {
        let source = spec.mounts.iter().find(|m| m.target() == target);
        if let Some((source, _)) = source.and_then(|m| m.host_source()) {
            rootfs::chown::chown_tree(source, user.uid, user.gid)?;
        }
    }
    if spec.read_only {
        rootfs::make_root_readonly(root)?;
    }
    pivot::pivot(root)?;
    if tree.shift.is_some() {
        enter_nested_userns(channel).ctx(|| "entering the container's user namespace".into())?;
    }

    session::start()?;
    match slave {
        Some(s) => tty::make_controlling(s)?,
        None if !spec.interactive => {
            let null = open(
                "/dev/null",
                OFlag::O_RDONLY | OFlag::O_CLOEXEC,
                Mode::empty(),
            )
            .ctx(|| "/dev/null".into())?;
            dup2_stdin(&null).ctx(|| "dup2 stdin".into())?;
        }
        None => {}
    }

    keyring::join_new_session()?;
    Ok(user)
}

/// keep-id: unshares the nested user namespace and waits until rpod has written its maps
/// (see `userns::nested`).
fn enter_nested_userns(channel: &ChildEnd) -> nix::Result<()> {
    unshare(CloneFlags::CLONE_NEWUSER)?;
    channel.send(&FromChild::NestedUnshared)?;
    channel.expect(ToChild::NestedMapped)
}
