//! The monitor's attach socket, `<runroot>/monitors/<id>/attach`: a `SOCK_SEQPACKET` Unix
//! socket (message boundaries kept; see `protocol`). It is bound and connected through
//! `/proc/self/fd/N/attach`, N a descriptor of its directory, so that a long run root never
//! overflows `sun_path`'s 108 bytes. The directory is the user's own (`0700`): only they
//! can connect.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use nix::fcntl::{open, OFlag};
use nix::sys::socket::{
    bind, connect, listen, socket, socketpair, AddressFamily, Backlog, SockFlag, SockType, UnixAddr,
};
use nix::sys::stat::Mode;

use crate::runtime::{Ctx, SysError};

/// Binds and listens on `path` (its directory must exist); non-blocking, so that the monitor
/// accepts in its poll loop. A socket file left from an earlier run is replaced.
pub fn listen_at(path: &Path) -> Result<OwnedFd, SysError> {
    let (dir, name) = split(path)?;
    let sock = socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        None,
    )
    .ctx(|| "creating the attach socket".into())?;
    let _ = std::fs::remove_file(path);
    let addr = via_proc(&dir, name)?;
    bind(sock.as_raw_fd(), &addr).ctx(|| format!("binding {}", path.display()))?;
    listen(&sock, Backlog::new(16).unwrap_or(Backlog::MAXCONN))
        .ctx(|| format!("listening on {}", path.display()))?;
    Ok(sock)
}

/// Connects to the monitor's socket at `path` (blocking).
pub fn connect_to(path: &Path) -> Result<OwnedFd, SysError> {
    let (dir, name) = split(path)?;
    let sock = socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .ctx(|| "creating a socket".into())?;
    let addr = via_proc(&dir, name)?;
    connect(sock.as_raw_fd(), &addr).ctx(|| format!("connecting to {}", path.display()))?;
    Ok(sock)
}

/// A connected pair: one end for the monitor (a client from before the workload starts, so
/// that none of its output is missed), one for the client.
pub fn pair() -> Result<(OwnedFd, OwnedFd), SysError> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .ctx(|| "creating the attach socket pair".into())
}

fn split(path: &Path) -> Result<(OwnedFd, &str), SysError> {
    let bad = || SysError {
        what: format!("{}: not a socket path", path.display()),
        source: nix::errno::Errno::EINVAL,
    };
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(bad)?;
    let parent = path.parent().ok_or_else(bad)?;
    let dir = open(
        parent,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .ctx(|| format!("opening {}", parent.display()))?;
    Ok((dir, name))
}

fn via_proc(dir: &OwnedFd, name: &str) -> Result<UnixAddr, SysError> {
    let path = format!("/proc/self/fd/{}/{name}", dir.as_raw_fd());
    UnixAddr::new(path.as_str()).ctx(|| format!("the socket address {path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nix::sys::socket::{accept, recv, send, MsgFlags};

    #[test]
    fn a_long_path_connects_and_keeps_packets() {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = tmp.path().to_path_buf();
        while dir.as_os_str().len() < 150 {
            dir.push("a-long-run-root-directory");
        }
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("attach");
        let listener = listen_at(&path).unwrap();
        let client = connect_to(&path).unwrap();
        // SAFETY: accept returns a new descriptor we own.
        let server = unsafe {
            use std::os::fd::FromRawFd;
            OwnedFd::from_raw_fd(accept(listener.as_raw_fd()).unwrap())
        };
        send(client.as_raw_fd(), b"one", MsgFlags::empty()).unwrap();
        send(client.as_raw_fd(), b"two", MsgFlags::empty()).unwrap();
        let mut buf = [0u8; 16];
        let n = recv(server.as_raw_fd(), &mut buf, MsgFlags::empty()).unwrap();
        assert_eq!(&buf[..n], b"one");
        let n = recv(server.as_raw_fd(), &mut buf, MsgFlags::empty()).unwrap();
        assert_eq!(&buf[..n], b"two");
    }
}
