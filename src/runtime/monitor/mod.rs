//! The per-container monitor (conmon's job): the parent of a detached container. rpod forks
//! it, and it forks the container:
//!
//! ```text
//! rpod ── fork ──▶ monitor (setsid; stdio: the container's pipes) ── spawn ──▶ PID 1
//!   │ reads the report: "started <pid>"        │ listens on the attach socket; reports;
//!   │ or the start failure; exits (or, as      │ lets go of rpod's descriptors; writes the
//!   │ an attached client, relays until the     │ output to the log (see `log`) and to the
//!   ▼ exit status comes: `runtime::attach`)    │ attached clients (see `supervise`) until
//!                                              │ PID 1 exits; the engine records the end,
//!                                              │ restarts it or removes it ([`Hooks`]);
//!                                              ▼ the clients get the exit status
//! ```
//!
//! It is a fork of rpod, not a program of its own: it already sits in rpod's user and mount
//! namespaces, with the id maps written, holding the image (its hold's descriptor), which is
//! all a restart needs; and a fork's copy-on-write pages cost less than a new process
//! image. No shared daemon, no socket: commands read the container's state from the store
//! and signal its PID 1 themselves. Nothing of rpod's stdio stays with it, so `$(rpod run -d
//! ...)` returns as soon as rpod exits. Its signals stay blocked (the set rpod blocked for
//! the fork): a SIGHUP or SIGTERM meant for a terminal's processes does not end it; SIGKILL
//! does, and the container then dies with it (its parent-death signal), which reads as
//! stopped.

pub mod clients;
pub mod log;
pub mod supervise;

use std::fs::File;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::time::Duration;

use nix::errno::Errno;
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid};

use crate::runtime::bundle::Bundle;
use crate::runtime::process::{spawn, LaunchError, Started};
use crate::runtime::{Ctx, SysError};
use crate::spec::container::ContainerSpec;
use crate::spec::logging::LogDriver;
use clients::Clients;
use log::{LogWriter, Stream};
use supervise::{supervise, Streams};

/// How a container's workload ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit {
    /// Its status as a shell reports it: the exit code, or 128 + the signal that killed it.
    pub code: i32,
    /// The signal that killed it, if one did.
    pub signal: Option<i32>,
}

/// What the engine does at the monitor's turning points; called in the monitor process.
pub trait Hooks {
    /// The workload runs (after a start or a restart).
    fn started(&mut self, pid: Pid);
    /// The workload could not be started again (a restart failed); `message` says why.
    fn start_failed(&mut self, status: u8, message: &str);
    /// The workload ended: record it. Returns the delay after which to start it again, if
    /// the restart policy says so.
    fn exited(&mut self, exit: Exit) -> Option<Duration>;
    /// The container is done for good (removed with `--rm` if it asked); the monitor exits.
    fn finished(&mut self);
}

/// Where the container's output goes.
#[derive(Clone, Debug)]
pub struct Output {
    pub driver: LogDriver,
    /// The `k8s-file` log.
    pub path: PathBuf,
    /// The socket attached clients connect to (see `runtime::attach`).
    pub attach_socket: PathBuf,
}

/// Forks the monitor, which starts the container; returns the PID 1's pid once the workload
/// runs, or how its start failed. `keep` are descriptors the monitor must hold for the
/// container's life (the image's hold); `outlive` it closes at the end. `attached`: the
/// monitor's end of a client's socket pair, a client from before the workload starts.
pub fn start(
    spec: &ContainerSpec,
    bundle: &Bundle,
    output: &Output,
    keep: &[RawFd],
    outlive: Vec<OwnedFd>,
    attached: Option<OwnedFd>,
    hooks: &mut dyn Hooks,
) -> Result<Pid, LaunchError> {
    let (report_r, report_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating a pipe".into())?;
    // SAFETY: rpod is single-threaded on this path (see `runtime`); the child runs the
    // monitor and ends in `_exit`.
    match unsafe { nix::unistd::fork() }.ctx(|| "forking the container's monitor".into())? {
        ForkResult::Child => {
            drop(report_r);
            // An attached client blocked the signals it relays before this fork; the monitor
            // takes them as rpod had them (its workload inherits its mask).
            let _ = crate::runtime::process::signals::unblock_relayed();
            let clients = Clients::new(attached);
            monitor_main(
                spec, bundle, output, keep, outlive, report_w, clients, hooks,
            )
        }
        ForkResult::Parent { child } => {
            drop(report_w);
            drop(outlive);
            drop(attached);
            let report = read_all(&report_r);
            // The monitor stays behind; its parent becomes init (or the user's subreaper)
            // once rpod exits. A monitor that failed exits at once: reap it.
            parse_report(&report).inspect_err(|_| {
                let _ = waitpid(child, None);
            })
        }
    }
}

/// `started <pid>` or `failed <status>\n<message>`.
fn parse_report(report: &[u8]) -> Result<Pid, LaunchError> {
    let text = String::from_utf8_lossy(report);
    if let Some(pid) = text.strip_prefix("started ") {
        if let Ok(pid) = pid.trim().parse() {
            return Ok(Pid::from_raw(pid));
        }
    }
    if let Some(rest) = text.strip_prefix("failed ") {
        let (status, message) = rest.split_once('\n').unwrap_or((rest, ""));
        return Err(LaunchError::Start {
            status: status.trim().parse().unwrap_or(125),
            message: message.to_string(),
        });
    }
    Err(LaunchError::Start {
        status: 125,
        message: "the container's monitor exited without saying whether the container started"
            .into(),
    })
}

fn read_all(fd: &OwnedFd) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(0) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => continue,
            Err(_) => return out,
        }
    }
}

/// The monitor's life; never returns.
#[allow(clippy::too_many_arguments)]
fn monitor_main(
    spec: &ContainerSpec,
    bundle: &Bundle,
    output: &Output,
    keep: &[RawFd],
    outlive: Vec<OwnedFd>,
    report: OwnedFd,
    mut clients: Clients,
    hooks: &mut dyn Hooks,
) -> ! {
    // Nothing the monitor logs may reach the container's streams or rpod's.
    ::log::set_max_level(::log::LevelFilter::Off);
    let _ = nix::unistd::setsid();
    let mut report = Some(report);
    let mut keep: Vec<RawFd> = keep.to_vec();
    keep.extend(outlive.iter().map(AsRawFd::as_raw_fd));
    let mut writer = match output.driver {
        LogDriver::K8sFile { max_size } => LogWriter::open(&output.path, max_size).ok(),
        _ => None,
    };
    if let Some(w) = &writer {
        keep.push(w.as_raw_fd());
    }
    loop {
        clients.listen(&output.attach_socket);
        let started = match start_once(spec, bundle, output) {
            Ok(started) => started,
            Err(e) => {
                let (status, message) = match &e {
                    LaunchError::Start { status, message } => (*status, message.clone()),
                    other => (125, other.to_string()),
                };
                match report.take() {
                    Some(r) => {
                        let _ = nix::unistd::write(
                            &r,
                            format!("failed {status}\n{message}").as_bytes(),
                        );
                    }
                    None => hooks.start_failed(status, &message),
                }
                hooks.finished();
                clients.exited(status as i32);
                break;
            }
        };
        let (started, streams) = started;
        hooks.started(started.pid);
        if let Some(r) = report.take() {
            let _ = nix::unistd::write(&r, format!("started {}", started.pid).as_bytes());
            // rpod returns now; the monitor lets go of everything of its.
            drop(r);
            let mut keep = keep.clone();
            keep.extend(streams.raw());
            keep.extend(clients.raw());
            crate::util::fds::close_all_but(&keep);
            shed_code_pages();
        }
        let exit = supervise(started, streams, writer.as_mut(), &mut clients);
        match hooks.exited(exit) {
            Some(delay) => {
                clients.exited(exit.code);
                std::thread::sleep(delay);
            }
            None => {
                // Recorded (and with `--rm` removed) before the clients hear of it: what
                // they run next sees the container as it ended.
                hooks.finished();
                clients.exited(exit.code);
                break;
            }
        }
    }
    drop(outlive);
    // SAFETY: _exit skips rpod's exit handlers and buffered output, which are not the
    // monitor's.
    unsafe { libc::_exit(0) }
}

/// Starts the workload with the monitor's stdio pointing where the container's must (the
/// child inherits it), then points it back at `/dev/null`.
fn start_once(
    spec: &ContainerSpec,
    bundle: &Bundle,
    output: &Output,
) -> Result<(Started, Streams), LaunchError> {
    let null = || -> Result<File, LaunchError> {
        File::options()
            .read(true)
            .write(true)
            .open("/dev/null")
            .ctx(|| "opening /dev/null".into())
            .map_err(LaunchError::from)
    };
    let pipe = || nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating a pipe".into());
    let mut sources = Vec::new();
    let mut input = None;
    let dev_null = null()?;
    // stdin: `-i` keeps it open (for attached clients); otherwise `/dev/null`.
    if spec.interactive && !spec.tty {
        let (r, w) = pipe()?;
        dup_onto(r.as_fd(), 0)?;
        input = Some(w);
    } else {
        dup_onto(dev_null.as_fd(), 0)?;
    }
    match output.driver {
        LogDriver::Passthrough => {} // rpod's own stdout and stderr, inherited
        // Read whether logged or not: attached clients see it.
        LogDriver::None | LogDriver::K8sFile { .. } => {
            for (fd, stream) in [(1, Stream::Stdout), (2, Stream::Stderr)] {
                let (r, w) = pipe()?;
                dup_onto(w.as_fd(), fd)?;
                sources.push((r, stream));
            }
        }
    }
    let mut outlive = Vec::new();
    let result = spawn(spec, bundle, None, &mut outlive);
    // The monitor's own stdio: nothing of the container's or rpod's.
    for fd in 0..3 {
        let _ = dup_onto(dev_null.as_fd(), fd);
    }
    let mut started = result?;
    let mut terminal = None;
    if let Some(master) = started.take_master() {
        // Read even without a log: a pty nobody reads blocks the workload once it is full.
        terminal = master.try_clone().ok();
        if spec.interactive {
            input = master.try_clone().ok();
        }
        sources = vec![(master, Stream::Stdout)];
    }
    for fd in sources.iter().map(|(fd, _)| fd).chain(&input) {
        let _ = nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
        );
    }
    Ok((
        started,
        Streams {
            sources,
            input,
            terminal,
            closable_input: !spec.tty,
            closing: false,
        },
    ))
}

fn dup_onto(fd: BorrowedFd<'_>, target: RawFd) -> Result<(), LaunchError> {
    // SAFETY: dup2 onto one of this process's standard descriptors.
    match unsafe { libc::dup2(fd.as_raw_fd(), target) } {
        -1 => Err(SysError {
            what: "dup2".into(),
            source: Errno::last(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// Lets go of the pages of rpod's code that the start touched (most of the monitor's resident
/// memory: the fork shares them, but they count as its own): the relay loop needs a few of
/// them, which come back from the page cache as it runs them. Only executable mappings, which
/// are never written, so nothing of their content is lost; the read-only data beside them is
/// left alone (it holds relocated pointers that the file does not).
fn shed_code_pages() {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return;
    };
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        let path = fields.nth(3).unwrap_or("");
        if perms != "r-xp" || !path.starts_with('/') {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (
            usize::from_str_radix(start, 16),
            usize::from_str_radix(end, 16),
        ) else {
            continue;
        };
        // SAFETY: a private, read-only, executable file mapping: its pages are re-read from
        // the file on the next access, unchanged.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_read_back() {
        assert_eq!(parse_report(b"started 42").unwrap(), Pid::from_raw(42));
        match parse_report(b"failed 127\nsh: not found") {
            Err(LaunchError::Start { status, message }) => {
                assert_eq!((status, message.as_str()), (127, "sh: not found"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_report(b""),
            Err(LaunchError::Start { status: 125, .. })
        ));
    }
}
