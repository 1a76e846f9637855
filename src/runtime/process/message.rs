//! The messages of the channel between rpod and the container's PID 1 (see `channel`), one
//! type per direction, and their form on the wire: one tag byte, then the fields.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

/// The largest message, in bytes. A failure's text is cut to fit (no message of rpod's comes
/// near: they are one line naming a step and a path).
pub const MAX_MESSAGE: usize = 8192;

/// From rpod to the container's PID 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToChild {
    /// rpod's own id maps are written: PID 1 may now create and chown files.
    Mapped,
    /// `-t`: the pty's window size is set; PID 1 goes on.
    Go,
    /// keep-id: the nested user namespace's id maps are written.
    NestedMapped,
}

/// From the container's PID 1 to rpod.
#[derive(Debug)]
pub enum FromChild {
    /// `-t`: the pty master, for rpod's relay.
    Pty(OwnedFd),
    /// keep-id: PID 1 has unshared its nested user namespace and waits for its maps.
    NestedUnshared,
    /// The workload could not be started; `status` is Podman's exit code (125/126/127).
    Failed { status: u8, message: String },
}

/// A message's form on the wire: its bytes, and the descriptor it carries, if any.
pub trait Wire: Sized {
    /// Writes the message into `buf` (at least [`MAX_MESSAGE`] bytes); returns its length.
    fn encode(&self, buf: &mut [u8]) -> usize;
    /// The descriptor the message carries.
    fn fd(&self) -> Option<BorrowedFd<'_>>;
    /// The message in `bytes`, given the descriptor that came with it; `None` if malformed.
    fn decode(bytes: &[u8], fd: Option<OwnedFd>) -> Option<Self>;
}

const MAPPED: u8 = b'M';
const GO: u8 = b'G';
const NESTED_MAPPED: u8 = b'N';
const PTY: u8 = b'P';
const NESTED_UNSHARED: u8 = b'U';
const FAILED: u8 = b'F';

impl Wire for ToChild {
    fn encode(&self, buf: &mut [u8]) -> usize {
        buf[0] = match self {
            ToChild::Mapped => MAPPED,
            ToChild::Go => GO,
            ToChild::NestedMapped => NESTED_MAPPED,
        };
        1
    }

    fn fd(&self) -> Option<BorrowedFd<'_>> {
        None
    }

    fn decode(bytes: &[u8], fd: Option<OwnedFd>) -> Option<Self> {
        if fd.is_some() {
            return None;
        }
        match bytes {
            [MAPPED] => Some(ToChild::Mapped),
            [GO] => Some(ToChild::Go),
            [NESTED_MAPPED] => Some(ToChild::NestedMapped),
            _ => None,
        }
    }
}

impl Wire for FromChild {
    fn encode(&self, buf: &mut [u8]) -> usize {
        match self {
            FromChild::Pty(_) => {
                buf[0] = PTY;
                1
            }
            FromChild::NestedUnshared => {
                buf[0] = NESTED_UNSHARED;
                1
            }
            FromChild::Failed { status, message } => {
                buf[0] = FAILED;
                buf[1] = *status;
                let text = truncated(message, MAX_MESSAGE - 2).as_bytes();
                buf[2..2 + text.len()].copy_from_slice(text);
                2 + text.len()
            }
        }
    }

    fn fd(&self) -> Option<BorrowedFd<'_>> {
        match self {
            FromChild::Pty(fd) => Some(fd.as_fd()),
            _ => None,
        }
    }

    fn decode(bytes: &[u8], fd: Option<OwnedFd>) -> Option<Self> {
        match (bytes, fd) {
            ([PTY], Some(fd)) => Some(FromChild::Pty(fd)),
            ([NESTED_UNSHARED], None) => Some(FromChild::NestedUnshared),
            ([FAILED, status, text @ ..], None) => Some(FromChild::Failed {
                status: *status,
                message: String::from_utf8_lossy(text).into_owned(),
            }),
            _ => None,
        }
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn truncated(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_messages_are_refused() {
        assert!(ToChild::decode(b"X", None).is_none());
        assert!(ToChild::decode(b"GG", None).is_none());
        assert!(FromChild::decode(&[PTY], None).is_none());
        assert!(FromChild::decode(&[FAILED], None).is_none());
        let fd = OwnedFd::from(tempfile::tempfile().unwrap());
        assert!(FromChild::decode(&[NESTED_UNSHARED], Some(fd)).is_none());
    }
}
