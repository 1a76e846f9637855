//! The monitor's attached clients (see `runtime::attach`): the socket it listens on while the
//! workload runs, the connections it accepted (and the one rpod handed it at the fork), the
//! output it sends them and their packets it reads.

use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::Path;
use std::time::Duration;

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::socket::{accept4, recv, send, MsgFlags, SockFlag};

use crate::runtime::attach::protocol::{ToClient, MAX_PACKET};
use crate::runtime::attach::socket;

/// How long a client that does not read may hold the container's output up before it is
/// dropped: the container must not stall behind a stopped terminal.
const SLOW_CLIENT: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct Clients {
    listener: Option<OwnedFd>,
    /// Where the listener is bound, unlinked when it closes.
    path: Option<std::path::PathBuf>,
    connected: Vec<OwnedFd>,
}

impl Clients {
    /// `first`: a client connected before the workload starts (`start -a`, `run`).
    pub fn new(first: Option<OwnedFd>) -> Clients {
        let mut clients = Clients::default();
        if let Some(fd) = first {
            clients.add(fd);
        }
        clients
    }

    /// Listens at `path` for this start of the workload (its directory made if need be).
    /// Without it the container runs all the same; it cannot be attached to.
    pub fn listen(&mut self, path: &Path) {
        if let Some(dir) = path.parent() {
            let _ = crate::util::fs::dirs::ensure_private(dir);
        }
        self.listener = socket::listen_at(path).ok();
        self.path = Some(path.to_path_buf());
    }

    /// The descriptors to keep open when the monitor lets go of rpod's.
    pub fn raw(&self) -> Vec<RawFd> {
        self.listener
            .iter()
            .chain(&self.connected)
            .map(AsRawFd::as_raw_fd)
            .collect()
    }

    pub fn listener(&self) -> Option<&OwnedFd> {
        self.listener.as_ref()
    }

    pub fn connected(&self) -> &[OwnedFd] {
        &self.connected
    }

    /// Takes the connections waiting on the listener.
    pub fn accept(&mut self) {
        let Some(listener) = self.listener.as_ref().map(AsRawFd::as_raw_fd) else {
            return;
        };
        while let Ok(fd) = accept4(listener, SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK) {
            // SAFETY: accept4 returned a new descriptor that nothing else owns.
            self.add(unsafe { OwnedFd::from_raw_fd(fd) });
        }
    }

    fn add(&mut self, fd: OwnedFd) {
        let _ = nix::fcntl::fcntl(
            &fd,
            nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
        );
        self.connected.push(fd);
    }

    /// Reads one packet of client `i` into `buf`; `None` when the client is gone (it is
    /// dropped) or has nothing now.
    pub fn receive<'b>(&mut self, i: usize, buf: &'b mut [u8]) -> Option<&'b [u8]> {
        match recv(self.connected[i].as_raw_fd(), buf, MsgFlags::empty()) {
            Ok(0) | Err(Errno::ECONNRESET | Errno::EBADF | Errno::ENOTCONN) => {
                self.connected.remove(i);
                None
            }
            Ok(n) => Some(&buf[..n]),
            Err(_) => None,
        }
    }

    /// Sends `packet` to every client; one that is gone, or does not read for
    /// [`SLOW_CLIENT`], is dropped.
    pub fn broadcast(&mut self, packet: &ToClient) {
        if self.connected.is_empty() {
            return;
        }
        let data = packet.encode();
        debug_assert!(data.len() <= MAX_PACKET);
        self.connected.retain(|fd| deliver(fd, &data));
    }

    /// Output of the container's `stream`, in packets a client reads whole.
    pub fn output(&mut self, stderr: bool, data: &[u8]) {
        for chunk in data.chunks(MAX_PACKET - 1) {
            self.broadcast(&match stderr {
                true => ToClient::Stderr(chunk),
                false => ToClient::Stdout(chunk),
            });
        }
    }

    /// The workload ended: every client is told and let go, and the listener closed (a
    /// restart listens again).
    pub fn exited(&mut self, code: i32) {
        self.broadcast(&ToClient::Exited(code));
        self.connected.clear();
        self.listener = None;
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn deliver(fd: &OwnedFd, data: &[u8]) -> bool {
    loop {
        match send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(_) => return true,
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => {
                let mut p = [PollFd::new(fd.as_fd(), PollFlags::POLLOUT)];
                let timeout = PollTimeout::try_from(SLOW_CLIENT).unwrap_or(PollTimeout::MAX);
                match poll(&mut p, timeout) {
                    Ok(0) => return false,
                    Ok(_) | Err(Errno::EINTR) => continue,
                    Err(_) => return false,
                }
            }
            Err(_) => return false,
        }
    }
}
