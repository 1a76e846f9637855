//! `--network none`: the container gets a new, empty network namespace in which only the
//! loopback interface is brought up (one `SIOCSIFFLAGS`, no netlink needed).

use std::os::fd::AsRawFd;

use nix::sys::socket::{socket, AddressFamily, SockFlag, SockType};

use super::{Ctx, SysError};

nix::ioctl_readwrite_bad!(get_flags, libc::SIOCGIFFLAGS, libc::ifreq);
nix::ioctl_write_ptr_bad!(set_flags, libc::SIOCSIFFLAGS, libc::ifreq);

/// Brings `lo` up in the current network namespace.
pub fn loopback_up() -> Result<(), SysError> {
    let sock = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .ctx(|| "creating a socket for lo".into())?;
    // SAFETY: ifreq is plain data; all-zero is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    // SAFETY: a valid socket and a properly initialised ifreq naming "lo".
    unsafe { get_flags(sock.as_raw_fd(), &mut req) }.ctx(|| "reading lo's flags".into())?;
    // SAFETY: the flags member is the one SIOCGIFFLAGS filled in.
    unsafe { req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short };
    // SAFETY: as above.
    unsafe { set_flags(sock.as_raw_fd(), &req) }.ctx(|| "bringing lo up".into())?;
    Ok(())
}
