//! Messages between rpod and the container's PID 1 before the workload runs.
//!
//! The status pipe is close-on-exec: a successful `execve` closes the child's end, so rpod
//! reads EOF; a failure is written as one status byte (125/126/127) and one line of text.
//! With `-t`, a socket pair carries the pty master from the child (which opens it in the
//! container's devpts) to rpod, and rpod's "go" back once the window size is set.

use std::io::IoSlice;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::fcntl::OFlag;
use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};
use nix::unistd::{pipe2, read, write};

/// Both ends of the status pipe.
pub fn status_pipe() -> nix::Result<(OwnedFd, OwnedFd)> {
    pipe2(OFlag::O_CLOEXEC)
}

/// Child side: reports a failure to start, then exits with `status`.
pub fn report_and_exit(fd: &OwnedFd, status: u8, message: &str) -> ! {
    let mut buf = Vec::with_capacity(message.len() + 1);
    buf.push(status);
    buf.extend_from_slice(message.as_bytes());
    let _ = write(fd, &buf);
    // SAFETY: _exit ends this forked child without running the parent's exit handlers.
    unsafe { libc::_exit(status as i32) }
}

/// Parent side: `None` once the workload was exec'd, else its status and message.
pub fn read_report(fd: OwnedFd) -> Option<(u8, String)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        match read(&fd, &mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => break,
        }
    }
    let (&status, msg) = buf.split_first()?;
    Some((status, String::from_utf8_lossy(msg).trim_end().to_string()))
}

/// A connected pair for passing the pty master.
pub fn fd_socket() -> nix::Result<(OwnedFd, OwnedFd)> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
}

/// Sends one file descriptor.
pub fn send_fd(sock: &OwnedFd, fd: RawFd) -> nix::Result<()> {
    let fds = [fd];
    let iov = [IoSlice::new(b"F")];
    sendmsg::<()>(
        sock.as_raw_fd(),
        &iov,
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::empty(),
        None,
    )?;
    Ok(())
}

/// Receives one file descriptor; `None` if the peer closed first.
pub fn recv_fd(sock: &OwnedFd) -> nix::Result<Option<OwnedFd>> {
    let mut byte = [0u8; 1];
    let mut iov = [std::io::IoSliceMut::new(&mut byte)];
    let mut space = nix::cmsg_space!([RawFd; 1]);
    let msg = recvmsg::<()>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )?;
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(fds) = c {
            if let Some(&fd) = fds.first() {
                // SAFETY: the kernel just gave us this descriptor; nobody else owns it.
                return Ok(Some(unsafe { OwnedFd::from_raw_fd(fd) }));
            }
        }
    }
    Ok(None)
}

/// Sends the one-byte "go".
pub fn send_go(sock: &OwnedFd) -> nix::Result<()> {
    write(sock, b"G").map(drop)
}

/// Waits for "go"; an error if the peer went away.
pub fn wait_go(sock: &OwnedFd) -> nix::Result<()> {
    let mut b = [0u8; 1];
    match read(sock, &mut b)? {
        1 => Ok(()),
        _ => Err(nix::errno::Errno::EPIPE),
    }
}
