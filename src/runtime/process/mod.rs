//! The fork chain of `rpod run`, already inside rpod's user namespace:
//!
//! ```text
//! rpod (supervisor) ── clone(NEWPID) ──────────▶ container PID 1
//!    │ waits on the status pipe                    │ unshare(NEWNS|NEWUTS|NEWIPC|NEWCGROUP)
//!    │ (-t: receives the pty master, sets the      │ hostname, rootfs (joining the netns a helper
//!    │  window size, says "go")                    │ made meanwhile), pty, user lookup, pivot_root,
//!    │                                             │ session, stdio, keyring, capabilities,
//!    │                                             │ user, descriptors closed, cwd (checked)
//!    │ relays signals / the terminal, waits        │
//!    ▼ returns the exit code                       ▼ execve (--init: of catatonit, which runs the
//!                                                    workload) — closes the status pipe
//! ```
//!
//! The child gets its own mount namespace because `pivot_root` acts on the whole namespace:
//! done in rpod's, it would move rpod's root too. Everything the container mounted goes away
//! with that namespace when its last process exits.

pub mod channel;
pub mod exec;
pub mod fds;
pub mod init;
pub mod keyring;
pub mod pid_ns;
pub mod session;
pub mod signals;
pub mod tty;
pub mod workdir;

use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use nix::fcntl::{open, OFlag};
use nix::sched::{unshare, CloneFlags};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::stat::Mode;
use nix::sys::wait::waitpid;
use nix::unistd::{dup2_stdin, sethostname, setresgid, setresuid, ForkResult, Gid, Pid, Uid};

use crate::spec::container::ContainerSpec;
use crate::spec::user::{self, ExecUser};
use std::os::unix::net::UnixStream;

use crate::runtime::rootfs::fuse_overlay::{FuseOverlay, FUSE_OVERLAYFS};
use crate::runtime::rootfs::overlay::{self, Layers};
use crate::runtime::userns::nested::{self, NestedMaps};
use crate::runtime::userns::Entering;

use crate::runtime::bundle::Bundle;
use crate::runtime::network;
use crate::runtime::rootfs::dev;
use crate::runtime::rootfs::pivot;
use crate::runtime::rootfs::scratch;
use crate::runtime::rootfs::{self, RootfsPaths};
use crate::runtime::security::capabilities;
use crate::runtime::security::seccomp;
use crate::runtime::{Ctx, SysError};

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error(transparent)]
    Sys(#[from] SysError),
    #[error(transparent)]
    Userns(#[from] crate::runtime::userns::UsernsError),
    /// The container process failed before its workload ran; `status` is Podman's exit code.
    #[error("{message}")]
    Start { status: u8, message: String },
}

/// Starts the container and supervises it until it exits; returns its exit code.
/// `started` is called with the container's pid once the workload is running. `outlive`
/// gathers what only a process that outlives rpod should close (see `userns::Exiting::reap`);
/// `started` gets it too.
///
/// `userns`, when rpod's id maps may still be in the writing, is finished here after the
/// fork: meanwhile the child already creates its namespaces, then waits for the word that
/// the maps are there before it touches files.
pub fn launch(
    spec: &ContainerSpec,
    bundle: &Bundle,
    mut userns: Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
    started: &mut dyn FnMut(Pid, &mut Vec<OwnedFd>),
) -> Result<i32, LaunchError> {
    let maps = spec.keep_id.as_ref().map(NestedMaps::new);
    let fuse = mount_fuse_if_needed(spec, bundle, maps.as_ref(), &mut userns, outlive)?;
    let old_mask = signals::block().ctx(|| "blocking signals".into())?;
    let (status_r, status_w) = channel::status_pipe().ctx(|| "creating the status pipe".into())?;
    let sockets = if spec.tty {
        Some(channel::fd_socket().ctx(|| "creating a socket pair".into())?)
    } else {
        None
    };
    let mapped = match &userns {
        Some(_) => Some(channel::status_pipe().ctx(|| "creating a pipe".into())?),
        None => None,
    };
    let nested = match &maps {
        Some(maps) => Some((
            UnixStream::pair().ctx(|| "creating a socket pair".into())?,
            maps,
        )),
        None => None,
    };
    // SAFETY: rpod is single-threaded on this path (see the module doc of `runtime`), and the
    // child neither raises signals at itself nor aborts before it execs.
    match unsafe { pid_ns::fork_into_new_pid_ns() }
        .ctx(|| "creating the container's pid namespace".into())?
    {
        ForkResult::Child => {
            drop(status_r);
            let sock = sockets.map(|(_, child_end)| child_end);
            let mapped = mapped.map(|(read, _)| read);
            let nested = nested.map(|((_, child_end), _)| child_end);
            let channels = Channels {
                sock,
                mapped,
                nested,
            };
            let tree = Tree {
                bundle,
                mounted: fuse.as_ref().map(FuseOverlay::merged),
                shift: maps.as_ref(),
            };
            container_main(spec, &tree, status_w, channels, &old_mask)
        }
        ForkResult::Parent { child } => {
            drop(status_w);
            if let (Some(userns), Some((_, mapped_w))) = (userns, mapped) {
                match userns.finish_early() {
                    Ok((_, exiting)) => {
                        let _ = nix::unistd::write(&mapped_w, b"1");
                        // While the child mounts its root.
                        outlive.extend(exiting.reap());
                    }
                    Err(e) => {
                        drop(mapped_w); // the child sees EOF and gives up
                        let _ = waitpid(child, None);
                        return Err(e.into());
                    }
                }
            }
            let sock = sockets.map(|(parent_end, _)| parent_end);
            let nested = nested.map(|((parent_end, _), maps)| (parent_end, maps));
            let result = supervise(spec, child, status_r, sock, nested, outlive, started);
            drop(fuse); // the container is gone: unmount
            let _ = nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&old_mask),
                None,
            );
            result
        }
    }
}

fn supervise(
    spec: &ContainerSpec,
    child: Pid,
    status_r: OwnedFd,
    sock: Option<OwnedFd>,
    nested: Option<(UnixStream, &NestedMaps)>,
    outlive: &mut Vec<OwnedFd>,
    started: &mut dyn FnMut(Pid, &mut Vec<OwnedFd>),
) -> Result<i32, LaunchError> {
    let mut master = None;
    let mut _raw = None;
    if let Some(sock) = &sock {
        if let Some(m) = channel::recv_fd(sock).ctx(|| "receiving the pty".into())? {
            tty::copy_winsize(m.as_fd());
            if spec.interactive {
                _raw = tty::RawTerminal::enter();
            }
            // The child may already have failed; its report below says why.
            let _ = channel::send_go(sock);
            master = Some(m);
        }
    }
    if let Some((mut sock, maps)) = nested {
        if let Err(e) = nested::map_child(&mut sock, child, maps) {
            let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
            let _ = waitpid(child, None);
            return Err(LaunchError::Start {
                status: 125,
                message: format!("writing the id maps of the container's user namespace: {e}"),
            });
        }
    }
    if let Some((status, message)) = channel::read_report(status_r) {
        let _ = waitpid(child, None);
        return Err(LaunchError::Start { status, message });
    }
    started(child, outlive);
    match master {
        Some(m) => Ok(tty::relay(m, child, spec.interactive)?),
        None => Ok(signals::supervise(child).ctx(|| "waiting for the container".into())?),
    }
}

/// How the child failed: setup (125) or exec (126/127).
enum ChildFailure {
    Setup(String),
    Exec(exec::ExecError),
}

impl From<SysError> for ChildFailure {
    fn from(e: SysError) -> Self {
        ChildFailure::Setup(e.to_string())
    }
}

/// The child's ends of its channels to rpod (besides the status pipe).
struct Channels {
    /// `-t`: the pty master goes to rpod through it.
    sock: Option<OwnedFd>,
    /// Readable once rpod's own id maps are written.
    mapped: Option<OwnedFd>,
    /// keep-id: the nested user namespace handshake.
    nested: Option<UnixStream>,
}

/// Where the container's tree comes from.
struct Tree<'a> {
    bundle: &'a Bundle,
    /// fuse-overlayfs, already mounted by rpod.
    mounted: Option<&'a Path>,
    /// keep-id: how owners are shifted.
    shift: Option<&'a NestedMaps>,
}

/// fuse-overlayfs when `storage.conf` asks for a mount program, or where the kernel's overlay
/// cannot do (see `fuse_overlay`), mounted in rpod's mount namespace before the container's is
/// copied from it. It reads the layers as root of rpod's namespace, so the id maps must be
/// written first (no overlap with the mappers then).
fn mount_fuse_if_needed(
    spec: &ContainerSpec,
    bundle: &Bundle,
    shift: Option<&NestedMaps>,
    userns: &mut Option<Entering>,
    outlive: &mut Vec<OwnedFd>,
) -> Result<Option<FuseOverlay>, LaunchError> {
    let program = match &spec.mount_program {
        Some(p) => p.clone(),
        None if spec.keep_id.is_none() && overlay::native_in_userns() => return Ok(None),
        None => PathBuf::from(FUSE_OVERLAYFS),
    };
    if let Some(entering) = userns.take() {
        outlive.extend(entering.finish()?.1);
    }
    let l = Layers {
        lower: &bundle.layers,
        upper: &bundle.upper,
        work: &bundle.work,
        volatile: false,
        shift,
    };
    Ok(FuseOverlay::mount(&program, &l, &bundle.merged))
}

fn container_main(
    spec: &ContainerSpec,
    tree: &Tree,
    status_w: OwnedFd,
    channels: Channels,
    old_mask: &SigSet,
) -> ! {
    let failure = match setup_and_exec(spec, tree, channels, old_mask, status_w.as_raw_fd()) {
        Ok(never) => match never {},
        Err(f) => f,
    };
    let fd = status_w;
    match failure {
        ChildFailure::Setup(msg) => channel::report_and_exit(&fd, 125, &msg),
        ChildFailure::Exec(e) => channel::report_and_exit(&fd, e.status(), &e.to_string()),
    }
}

enum Never {}

fn setup_and_exec(
    spec: &ContainerSpec,
    tree: &Tree,
    channels: Channels,
    old_mask: &SigSet,
    status_fd: RawFd,
) -> Result<Never, ChildFailure> {
    let Channels {
        sock,
        mapped,
        nested,
    } = channels;
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
    if let Some(mapped) = mapped {
        let mut byte = [0u8; 1];
        if nix::unistd::read(&mapped, &mut byte) != Ok(1) {
            return Err(ChildFailure::Setup(
                "rpod could not set up the user namespace".into(),
            ));
        }
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

    let slave = match &sock {
        Some(sock) => {
            let pty = tty::open_pty(&in_root)?;
            dev::bind_console(&in_root, &pty.slave)?;
            channel::send_fd(sock, pty.master.as_raw_fd()).ctx(|| "sending the pty".into())?;
            drop(pty.master);
            channel::wait_go(sock).ctx(|| "waiting for rpod".into())?;
            Some(pty.slave)
        }
        None => None,
    };
    drop(sock);

    drop(in_root);
    let user = user::resolve(&spec.user, &users.passwd.text, &users.group.text)
        .map_err(|e| ChildFailure::Setup(e.to_string()))?;
    if spec.read_only {
        rootfs::make_root_readonly(root)?;
    }
    pivot::pivot(root)?;
    if let Some(mut nested) = nested {
        nested::enter(&mut nested).ctx(|| "entering the container's user namespace".into())?;
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

    // Installed while rpod still holds CAP_SYS_ADMIN here (no no_new_privs needed); nothing
    // the filter denies is called after this point.
    if let Some(profile) = spec.seccomp.profile() {
        seccomp::install(profile, spec.caps)?;
    }
    capabilities::drop_bounding(spec.caps)?;
    let groups: Vec<Gid> = user.groups.iter().map(|&g| Gid::from_raw(g)).collect();
    set_groups(&groups)?;
    let (uid, gid) = (Uid::from_raw(user.uid), Gid::from_raw(user.gid));
    setresgid(gid, gid, gid).ctx(|| format!("setgid {}", user.gid))?;
    setresuid(uid, uid, uid).ctx(|| format!("setuid {}", user.uid))?;
    if user.uid == 0 {
        capabilities::set(spec.caps)?;
    }
    capabilities::clear_ambient()?;
    // Changing credentials cleared it.
    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).ctx(|| "prctl".into())?;
    if spec.no_new_privileges {
        nix::sys::prctl::set_no_new_privs().ctx(|| "setting no_new_privs".into())?;
    }
    // From here to the exec nothing opens a descriptor: the sweep covers the workload's exec
    // and, with --init, PID 1's too. Before chdir: a leaked directory is gone by then.
    fds::close_all_but(&[status_fd])?;
    workdir::enter(&spec.cwd).map_err(|e| ChildFailure::Setup(e.to_string()))?;

    let env = workload_env(spec, &user);
    signals::reset_for_exec(old_mask).ctx(|| "restoring the signal mask".into())?;
    Err(ChildFailure::Exec(match spec.init {
        Some(_) => init::exec(&spec.args, &env),
        None => exec::exec(&spec.args, &env),
    }))
}

/// Sets the supplementary groups — except in a single-id namespace (no subordinate ids), where
/// the kernel denies `setgroups` (rpod had to, to map its own gid) and only root exists anyway.
fn set_groups(groups: &[Gid]) -> Result<(), SysError> {
    match nix::unistd::setgroups(groups) {
        Err(nix::errno::Errno::EPERM)
            if std::fs::read_to_string("/proc/self/setgroups")
                .is_ok_and(|s| s.trim() == "deny") =>
        {
            Ok(())
        }
        r => r.ctx(|| "setgroups".into()),
    }
}

/// The spec's environment plus what Podman adds when missing: `HOME`, `HOSTNAME`, and `TERM`
/// with `-t`.
fn workload_env(spec: &ContainerSpec, user: &ExecUser) -> Vec<String> {
    let mut env = spec.env.clone();
    let has = |env: &[String], k: &str| env.iter().any(|e| e.split('=').next() == Some(k));
    if !has(&env, "HOME") {
        env.push(format!("HOME={}", user.home));
    }
    if !has(&env, "HOSTNAME") {
        env.push(format!("HOSTNAME={}", spec.hostname));
    }
    if spec.tty && !has(&env, "TERM") {
        env.push("TERM=xterm".into());
    }
    env
}
