//! The monitor's loop while the workload runs: one `poll` over the container's output, its
//! PID 1's pidfd, the attach socket and the attached clients. Output goes to the log and to
//! every client; clients' input goes to the container's stdin (held back while the container
//! does not read it, so that the loop never blocks on it), their window size to its terminal,
//! their signals to its PID 1.

use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, Signal};
use nix::sys::wait::{waitpid, WaitStatus};

use super::clients::Clients;
use super::log::{LogWriter, Stream};
use super::Exit;
use crate::runtime::attach::protocol::{ToMonitor, MAX_PACKET};
use crate::runtime::process::tty;
use crate::runtime::process::Started;

/// Held-back input at most: past it, clients are not read until the container reads.
const MAX_PENDING: usize = 256 * 1024;

/// The container's stdio for one start, held by the monitor.
pub struct Streams {
    /// The read ends of its output pipes, or its terminal's master (non-blocking).
    pub sources: Vec<(OwnedFd, Stream)>,
    /// `-i`: where its input goes — the write end of its stdin pipe, or its terminal.
    pub input: Option<OwnedFd>,
    /// `-t`: its terminal, whose window size clients set.
    pub terminal: Option<OwnedFd>,
    /// Whether a client's end of input closes the container's stdin (without `-t`).
    pub closable_input: bool,
    /// A client's input ended: the container's stdin closes once what is held back is in.
    pub closing: bool,
}

impl Streams {
    pub fn raw(&self) -> Vec<RawFd> {
        let mut v: Vec<RawFd> = self.sources.iter().map(|(fd, _)| fd.as_raw_fd()).collect();
        v.extend(
            self.input
                .iter()
                .chain(&self.terminal)
                .map(AsRawFd::as_raw_fd),
        );
        v
    }
}

/// Relays until the container's PID 1 exits and its output is drained; returns how it ended.
pub fn supervise(
    started: Started,
    mut streams: Streams,
    mut log: Option<&mut LogWriter>,
    clients: &mut Clients,
) -> Exit {
    let pid = started.pid;
    let pidfd = crate::util::pidfd::open(pid.as_raw());
    let mut buf = vec![0u8; MAX_PACKET - 1];
    let mut packet = vec![0u8; MAX_PACKET];
    let mut pending: Vec<u8> = Vec::new();
    let mut exited = pidfd.is_none();
    // After the exit, what is left in the pipes is read for a little while: the pid
    // namespace's other processes die with PID 1, and their copies of the pipes with them.
    let mut drain_rounds = 0;
    while !(exited && (streams.sources.is_empty() || drain_rounds >= 20)) {
        let mut fds: Vec<PollFd> = streams
            .sources
            .iter()
            .map(|(fd, _)| PollFd::new(fd.as_fd(), PollFlags::POLLIN))
            .collect();
        let pidfd_at = fds.len();
        if let (Some(p), false) = (&pidfd, exited) {
            fds.push(PollFd::new(p.as_fd(), PollFlags::POLLIN));
        }
        let listener_at = fds.len();
        if let Some(l) = clients.listener().filter(|_| !exited) {
            fds.push(PollFd::new(l.as_fd(), PollFlags::POLLIN));
        }
        let clients_at = fds.len();
        let reading_clients = pending.len() < MAX_PENDING;
        if reading_clients {
            fds.extend(
                clients
                    .connected()
                    .iter()
                    .map(|c| PollFd::new(c.as_fd(), PollFlags::POLLIN)),
            );
        }
        let input_at = fds.len();
        if let (Some(input), false) = (&streams.input, pending.is_empty()) {
            fds.push(PollFd::new(input.as_fd(), PollFlags::POLLOUT));
        }
        let timeout = match exited {
            true => PollTimeout::from(50u16),
            false => PollTimeout::NONE,
        };
        let ready = match poll(&mut fds, timeout) {
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(_) => break,
        };
        let revents: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        if exited {
            drain_rounds += 1;
        }
        if ready == 0 {
            continue;
        }
        if pidfd_at < listener_at && revents[pidfd_at] {
            exited = true;
        }
        // Output first: what the container wrote reaches the log and the clients.
        let mut done = Vec::new();
        for (i, (fd, stream)) in streams.sources.iter().enumerate() {
            if !revents[i] {
                continue;
            }
            loop {
                match nix::unistd::read(fd, &mut buf) {
                    Ok(0) => {
                        done.push(i);
                        break;
                    }
                    Ok(n) => {
                        if let Some(w) = log.as_deref_mut() {
                            let _ = w.write(*stream, &buf[..n]);
                        }
                        clients.output(*stream == Stream::Stderr, &buf[..n]);
                    }
                    Err(Errno::EAGAIN) => break,
                    Err(Errno::EINTR) => continue,
                    // EIO: the pty's other side is closed.
                    Err(_) => {
                        done.push(i);
                        break;
                    }
                }
            }
        }
        for i in done.into_iter().rev() {
            streams.sources.remove(i);
        }
        if listener_at < clients_at && revents[listener_at] {
            clients.accept();
        }
        if reading_clients {
            let n_clients = input_at - clients_at;
            for i in (0..n_clients).rev() {
                if !revents[clients_at + i] {
                    continue;
                }
                if let Some(data) = clients.receive(i, &mut packet) {
                    if let Some(p) = ToMonitor::decode(data) {
                        handle(p, pid, &mut streams, &mut pending);
                    }
                }
            }
        }
        flush_input(&mut streams, &mut pending);
    }
    let status = loop {
        match waitpid(pid, None) {
            Err(Errno::EINTR) => continue,
            other => break other,
        }
    };
    started.end();
    match status {
        Ok(WaitStatus::Exited(_, code)) => Exit { code, signal: None },
        Ok(WaitStatus::Signaled(_, sig, _)) => Exit {
            code: 128 + sig as i32,
            signal: Some(sig as i32),
        },
        _ => Exit {
            code: -1,
            signal: None,
        },
    }
}

/// One packet of a client's.
fn handle(packet: ToMonitor, pid: nix::unistd::Pid, streams: &mut Streams, pending: &mut Vec<u8>) {
    match packet {
        ToMonitor::Stdin(data) if streams.input.is_some() => pending.extend_from_slice(data),
        ToMonitor::Stdin(_) => {}
        // What was typed before the end still goes first (see `flush_input`).
        ToMonitor::StdinClosed if streams.closable_input => streams.closing = true,
        ToMonitor::StdinClosed => {}
        ToMonitor::WindowSize { rows, cols } => {
            if let Some(t) = &streams.terminal {
                tty::set_size(t.as_fd(), rows, cols);
            }
        }
        ToMonitor::Signal(sig) => {
            // The monitor is PID 1's parent: until it reaps it, the pid is that process.
            if let Ok(sig) = Signal::try_from(sig) {
                let _ = kill(pid, sig);
            }
        }
    }
}

/// Writes what the container will take of the held-back input, without blocking.
fn flush_input(streams: &mut Streams, pending: &mut Vec<u8>) {
    let Some(input) = &streams.input else {
        pending.clear();
        return;
    };
    while !pending.is_empty() {
        match nix::unistd::write(input, pending) {
            Ok(n) => {
                pending.drain(..n);
            }
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => return,
            // The container closed its stdin: what it did not read is lost, as with a pipe.
            Err(_) => {
                pending.clear();
                streams.input = None;
                return;
            }
        }
    }
    if streams.closing {
        streams.input = None;
    }
}
