//! The attached client: `rpod attach`, `start -a` and a foreground `run` that can be detached
//! from relay between the user's stdio and the container's monitor over its attach socket,
//! in one `poll` loop (no threads):
//!
//! - the monitor's packets: output to stdout or stderr (the streams asked for), and the
//!   workload's exit status, which ends the relay;
//! - stdin, watched for the detach keys (see `detach_keys`), sent on as input; its end may
//!   close the container's stdin;
//! - signals, collected from a signalfd: `SIGWINCH` sends the terminal's size, the others go
//!   to the container's PID 1 (`--sig-proxy`).
//!
//! With a terminal on both sides, the user's is in raw mode while attached: keys (Ctrl-C
//! too) go to the container's terminal as typed.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{recv, send, MsgFlags};
use nix::unistd::read;

use super::detach_keys::{DetachKeys, Matcher, Scan};
use super::protocol::{ToClient, ToMonitor, MAX_PACKET};
use crate::runtime::process::signals::FORWARDED;
use crate::runtime::process::tty::{self, write_all, RawTerminal};
use crate::runtime::{Ctx, SysError};

/// What the client relays.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// The user's stdin goes to the container's (which must have been made with `-i`).
    pub stdin: bool,
    /// The container's stdout is shown (with `-t`, its terminal's output).
    pub stdout: bool,
    /// The container's stderr is shown.
    pub stderr: bool,
    /// The container has a terminal: the user's goes raw and its size follows.
    pub tty: bool,
    pub detach_keys: DetachKeys,
    /// Signals the client gets go to the container (`--sig-proxy`, Podman's default).
    pub sig_proxy: bool,
    /// The end of the user's stdin closes the container's.
    pub close_stdin_at_eof: bool,
}

/// How the relay ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachEnd {
    /// The workload ended with this status.
    Exited(i32),
    /// The user typed the detach keys: the container runs on.
    Detached,
    /// The monitor closed the connection without an exit status (it was killed).
    Lost,
}

/// Relays until the workload exits, the user detaches or the monitor goes. `signals` were
/// blocked for it (see [`Signals::block`]).
pub fn relay(sock: OwnedFd, opts: &ClientOptions, signals: Signals) -> Result<AttachEnd, SysError> {
    let stdin = std::io::stdin();
    let _raw = if opts.tty && opts.stdin {
        RawTerminal::enter()
    } else {
        None
    };
    if opts.tty {
        send_window_size(&sock);
    }
    let mut matcher = Matcher::new(opts.detach_keys.clone());
    let mut stdin_open = opts.stdin;
    let mut packet = vec![0u8; MAX_PACKET];
    let mut input = vec![0u8; MAX_PACKET - 1];
    loop {
        let mut fds = vec![
            PollFd::new(signals.fd.as_fd(), PollFlags::POLLIN),
            PollFd::new(sock.as_fd(), PollFlags::POLLIN),
        ];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(Errno::EINTR) => continue,
            r => r.ctx(|| "poll".into())?,
        };
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        if ready[1] {
            match recv(sock.as_raw_fd(), &mut packet, MsgFlags::empty()) {
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Ok(0) | Err(_) => return Ok(AttachEnd::Lost),
                Ok(n) => match ToClient::decode(&packet[..n]) {
                    Some(ToClient::Stdout(data)) if opts.stdout => write_all(out(1), data),
                    Some(ToClient::Stderr(data)) if opts.stderr => write_all(out(2), data),
                    Some(ToClient::Exited(code)) => return Ok(AttachEnd::Exited(code)),
                    _ => {}
                },
            }
        }
        if stdin_open && ready[2] {
            match read(stdin.as_fd(), &mut input) {
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Ok(0) | Err(_) => {
                    stdin_open = false;
                    if opts.close_stdin_at_eof {
                        send_packet(&sock, &ToMonitor::StdinClosed);
                    }
                }
                Ok(n) => match matcher.scan(&input[..n]) {
                    Scan::Forward(data) => send_input(&sock, &data),
                    Scan::Detach(data) => {
                        send_input(&sock, &data);
                        return Ok(AttachEnd::Detached);
                    }
                },
            }
        }
        if ready[0] {
            while let Ok(Some(info)) = signals.fd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) if opts.tty => send_window_size(&sock),
                    Ok(Signal::SIGWINCH) => {}
                    Ok(sig) => send_packet(&sock, &ToMonitor::Signal(sig as i32)),
                    Err(_) => {}
                }
            }
        }
    }
}

fn out(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: stdout and stderr stay open for the life of the process.
    unsafe { BorrowedFd::borrow_raw(fd) }
}

fn send_input(sock: &OwnedFd, data: &[u8]) {
    for chunk in data.chunks(MAX_PACKET - 1) {
        send_packet(sock, &ToMonitor::Stdin(chunk));
    }
}

fn send_window_size(sock: &OwnedFd) {
    if let Some((rows, cols)) = tty::terminal_size() {
        send_packet(sock, &ToMonitor::WindowSize { rows, cols });
    }
}

/// A lost monitor shows as the end of its packets; a failed send needs no handling here.
fn send_packet(sock: &OwnedFd, packet: &ToMonitor) {
    let data = packet.encode();
    loop {
        match send(sock.as_raw_fd(), &data, MsgFlags::MSG_NOSIGNAL) {
            Err(Errno::EINTR) => continue,
            _ => return,
        }
    }
}

/// The signals the relay collects, blocked until it ends (the old mask back on drop). A
/// client that starts the container blocks them before it does, so that a signal meant for
/// the container never ends rpod in between; the monitor, forked meanwhile, unblocks them
/// (see `monitor::start`).
pub struct Signals {
    fd: SignalFd,
    old: SigSet,
}

impl Signals {
    pub fn block(opts: &ClientOptions) -> Result<Signals, SysError> {
        let mut set = SigSet::empty();
        if opts.sig_proxy {
            for sig in FORWARDED {
                set.add(sig);
            }
        }
        if opts.tty {
            set.add(Signal::SIGWINCH);
        }
        let mut old = SigSet::empty();
        nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), Some(&mut old))
            .ctx(|| "blocking signals".into())?;
        let fd = SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
            .ctx(|| "signalfd".into())?;
        Ok(Signals { fd, old })
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&self.old), None);
    }
}
