//! The one channel between rpod and the container's PID 1 until the workload runs: a
//! `SOCK_SEQPACKET` socket pair, close-on-exec, carrying typed messages each way.
//!
//! ```text
//! rpod ── ToChild::Mapped ──────────▶ PID 1   rpod's id maps are written: files may be touched
//! rpod ◀── FromChild::Pty(master) ─── PID 1   -t: the pty master, opened in the container's devpts
//! rpod ── ToChild::Go ──────────────▶ PID 1   the window size is set
//! rpod ◀── FromChild::NestedUnshared  PID 1   keep-id: the nested user namespace exists
//! rpod ── ToChild::NestedMapped ────▶ PID 1   its id maps are written
//! rpod ◀── FromChild::Failed{..} ──── PID 1   the workload could not start (125/126/127)
//! rpod ◀── EOF ────────────────────── PID 1   the workload was exec'd
//! ```
//!
//! A successful `execve` closes PID 1's end (close-on-exec), so rpod learns that the workload
//! runs from EOF, without a message of its own. That holds only while no other process keeps
//! a copy of that end: the network namespace helper shares PID 1's descriptor table
//! (`CLONE_FILES`) rather than copying it, and the processes rpod starts before the fork
//! (mappers, fuse-overlayfs) are started before the pair exists.
//!
//! Sequenced packets keep message boundaries (one `recvmsg` is one message) and carry
//! descriptors (`SCM_RIGHTS`); each message (see `message`) is one tag byte and its fields, at
//! most [`MAX_MESSAGE`] bytes. Every message has its tag, so a read of 0 bytes is always EOF.

use std::io::{IoSlice, IoSliceMut};
use std::marker::PhantomData;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sys::socket::{
    recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
    SockFlag, SockType,
};

pub use crate::runtime::process::message::{FromChild, ToChild, Wire, MAX_MESSAGE};

/// One end of the pair: sends `S`, receives `R`.
pub struct Channel<S, R> {
    fd: OwnedFd,
    _messages: PhantomData<fn(S) -> R>,
}

/// rpod's end.
pub type SupervisorEnd = Channel<ToChild, FromChild>;
/// The container's PID 1's end.
pub type ChildEnd = Channel<FromChild, ToChild>;

/// A connected pair, both ends close-on-exec.
pub fn pair() -> nix::Result<(SupervisorEnd, ChildEnd)> {
    let (a, b) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    Ok((Channel::new(a), Channel::new(b)))
}

impl<S: Wire, R: Wire> Channel<S, R> {
    fn new(fd: OwnedFd) -> Self {
        Channel {
            fd,
            _messages: PhantomData,
        }
    }

    /// Sends one message (with its descriptor). A peer gone is `EPIPE`, without `SIGPIPE`.
    pub fn send(&self, msg: &S) -> nix::Result<()> {
        let mut buf = [0u8; MAX_MESSAGE];
        let len = msg.encode(&mut buf);
        let iov = [IoSlice::new(&buf[..len])];
        let fds = msg.fd().map(|fd| [fd.as_raw_fd()]);
        let rights;
        let cmsgs: &[ControlMessage] = match &fds {
            Some(fds) => {
                rights = [ControlMessage::ScmRights(fds)];
                &rights
            }
            None => &[],
        };
        loop {
            match sendmsg::<()>(
                self.fd.as_raw_fd(),
                &iov,
                cmsgs,
                MsgFlags::MSG_NOSIGNAL,
                None,
            ) {
                Err(Errno::EINTR) => continue,
                r => return r.map(drop),
            }
        }
    }

    /// Receives one message; `None` once every copy of the peer's end is closed (for the
    /// container's end: the workload was exec'd, or PID 1 exited). A received descriptor is
    /// close-on-exec; `EBADMSG` for a message that is not an `R`.
    pub fn recv(&self) -> nix::Result<Option<R>> {
        let mut buf = [0u8; MAX_MESSAGE];
        let mut space = nix::cmsg_space!([RawFd; 1]);
        let (len, fd, truncated) = loop {
            let mut iov = [IoSliceMut::new(&mut buf)];
            match recvmsg::<()>(
                self.fd.as_raw_fd(),
                &mut iov,
                Some(&mut space),
                MsgFlags::MSG_CMSG_CLOEXEC,
            ) {
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(e),
                Ok(msg) => {
                    let mut fd = None;
                    for c in msg.cmsgs()? {
                        if let ControlMessageOwned::ScmRights(fds) = c {
                            for raw in fds {
                                // SAFETY: the kernel just installed this descriptor for us;
                                // nothing else owns it. Any beyond the first are closed.
                                let owned = unsafe { OwnedFd::from_raw_fd(raw) };
                                fd.get_or_insert(owned);
                            }
                        }
                    }
                    let cut = msg
                        .flags
                        .intersects(MsgFlags::MSG_TRUNC | MsgFlags::MSG_CTRUNC);
                    break (msg.bytes, fd, cut);
                }
            }
        };
        if len == 0 && fd.is_none() {
            return Ok(None);
        }
        if truncated {
            return Err(Errno::EMSGSIZE);
        }
        R::decode(&buf[..len], fd).map(Some).ok_or(Errno::EBADMSG)
    }

    /// Receives `want`; `EPIPE` if the peer went away first, `EBADMSG` for another message.
    pub fn expect(&self, want: R) -> nix::Result<()>
    where
        R: PartialEq,
    {
        match self.recv()? {
            Some(got) if got == want => Ok(()),
            Some(_) => Err(Errno::EBADMSG),
            None => Err(Errno::EPIPE),
        }
    }

    /// The descriptor, for the sweep that must spare it (see `fds`).
    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl ChildEnd {
    /// Reports that the workload could not start, then exits with `status`.
    pub fn fail(self, status: u8, message: &str) -> ! {
        let _ = self.send(&FromChild::Failed {
            status,
            message: message.to_string(),
        });
        // SAFETY: _exit ends this forked child without running the parent's exit handlers.
        unsafe { libc::_exit(status as i32) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek, Write};

    fn failed(got: Option<FromChild>) -> (u8, String) {
        match got {
            Some(FromChild::Failed { status, message }) => (status, message),
            other => panic!("expected Failed, got {other:?}"),
        }
    }

    #[test]
    fn each_message_to_the_child_round_trips() {
        let (rpod, child) = pair().unwrap();
        for msg in [ToChild::Mapped, ToChild::Go, ToChild::NestedMapped] {
            rpod.send(&msg).unwrap();
            assert_eq!(child.recv().unwrap(), Some(msg));
        }
    }

    #[test]
    fn each_message_from_the_child_round_trips() {
        let (rpod, child) = pair().unwrap();
        child.send(&FromChild::NestedUnshared).unwrap();
        assert!(matches!(
            rpod.recv().unwrap(),
            Some(FromChild::NestedUnshared)
        ));
        let message = "mounting /proc: Operation not permitted é".to_string();
        child
            .send(&FromChild::Failed {
                status: 126,
                message: message.clone(),
            })
            .unwrap();
        assert_eq!(failed(rpod.recv().unwrap()), (126, message));
        child
            .send(&FromChild::Failed {
                status: 125,
                message: String::new(),
            })
            .unwrap();
        assert_eq!(failed(rpod.recv().unwrap()), (125, String::new()));
    }

    #[test]
    fn a_descriptor_passes_and_arrives_close_on_exec() {
        let (rpod, child) = pair().unwrap();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"through the socket").unwrap();
        child.send(&FromChild::Pty(OwnedFd::from(file))).unwrap();
        let Some(FromChild::Pty(fd)) = rpod.recv().unwrap() else {
            panic!("expected a descriptor");
        };
        let flags = nix::fcntl::fcntl(&fd, nix::fcntl::FcntlArg::F_GETFD).unwrap();
        assert_ne!(flags & libc::FD_CLOEXEC, 0);
        let mut file = std::fs::File::from(fd);
        file.rewind().unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "through the socket");
    }

    #[test]
    fn eof_once_the_peer_end_is_closed_after_its_messages() {
        let (rpod, child) = pair().unwrap();
        child.send(&FromChild::NestedUnshared).unwrap();
        drop(child);
        assert!(matches!(
            rpod.recv().unwrap(),
            Some(FromChild::NestedUnshared)
        ));
        assert!(rpod.recv().unwrap().is_none());
        assert!(rpod.recv().unwrap().is_none());
        assert_eq!(rpod.send(&ToChild::Go), Err(Errno::EPIPE));
    }

    #[test]
    fn eof_only_when_the_last_copy_closes_as_execve_closes_it() {
        let (rpod, child) = pair().unwrap();
        // A copy made the way a fork makes one: EOF must wait for it too.
        let copy = nix::unistd::dup(&child.fd).unwrap();
        drop(child);
        nix::fcntl::fcntl(
            &rpod.fd,
            nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
        )
        .unwrap();
        assert_eq!(rpod.recv().unwrap_err(), Errno::EAGAIN);
        drop(copy);
        assert!(rpod.recv().unwrap().is_none());
    }

    #[test]
    fn expect_tells_another_message_from_the_peer_gone() {
        let (rpod, child) = pair().unwrap();
        rpod.send(&ToChild::Go).unwrap();
        assert_eq!(child.expect(ToChild::Go), Ok(()));
        rpod.send(&ToChild::Go).unwrap();
        assert_eq!(child.expect(ToChild::Mapped), Err(Errno::EBADMSG));
        drop(rpod);
        assert_eq!(child.expect(ToChild::Mapped), Err(Errno::EPIPE));
    }

    #[test]
    fn a_long_failure_is_cut_on_a_character_boundary() {
        let (rpod, child) = pair().unwrap();
        let message = "é".repeat(MAX_MESSAGE);
        child
            .send(&FromChild::Failed {
                status: 125,
                message,
            })
            .unwrap();
        let (_, got) = failed(rpod.recv().unwrap());
        assert_eq!(got, "é".repeat((MAX_MESSAGE - 2) / 2));
    }
}
