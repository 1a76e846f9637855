//! `-t`: a pty from the container's own devpts, made the workload's controlling terminal,
//! and the relay between it and rpod's terminal: raw mode on the host side (restored on
//! drop), stdin → master and master → stdout with one `poll` loop, window size at start and
//! on `SIGWINCH`, other signals forwarded. No threads.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg, Termios};
use nix::sys::wait::{waitpid, WaitPidFlag};
use nix::unistd::{dup2_stderr, dup2_stdin, dup2_stdout, read, write, Pid};

use crate::runtime::process::signals::{exit_code, supervised_set};
use crate::runtime::rootfs::secure_path::{Create, Root};
use crate::runtime::{Ctx, SysError};

nix::ioctl_write_ptr_bad!(set_lock, libc::TIOCSPTLCK, libc::c_int);
nix::ioctl_write_int_bad!(get_peer, libc::TIOCGPTPEER);
nix::ioctl_write_int_bad!(set_ctty, libc::TIOCSCTTY);
nix::ioctl_read_bad!(get_winsize, libc::TIOCGWINSZ, libc::winsize);
nix::ioctl_write_ptr_bad!(set_winsize, libc::TIOCSWINSZ, libc::winsize);

/// A pty opened in the container's devpts.
pub struct Pty {
    pub master: OwnedFd,
    pub slave: OwnedFd,
}

/// Opens a pty pair from the container's `/dev/pts/ptmx` (resolved inside its root).
pub fn open_pty(root: &Root) -> Result<Pty, SysError> {
    let master = root
        .resolve(Path::new("/dev/pts/ptmx"), Create::No)
        .and_then(|p| p.open(OFlag::O_RDWR | OFlag::O_NOCTTY))
        .ctx(|| "opening /dev/pts/ptmx".into())?;
    let unlock: libc::c_int = 0;
    // SAFETY: ioctls on the pty master we just opened, with correctly typed arguments.
    unsafe { set_lock(master.as_raw_fd(), &unlock) }.ctx(|| "unlocking the pty".into())?;
    // SAFETY: as above; TIOCGPTPEER returns a new descriptor for the slave.
    let slave = unsafe { get_peer(master.as_raw_fd(), libc::O_RDWR | libc::O_NOCTTY) }
        .ctx(|| "opening the pty slave".into())?;
    // SAFETY: the kernel just returned this descriptor.
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    Ok(Pty { master, slave })
}

/// In the container, leader of a session of its own (see `session`): the slave becomes its
/// controlling terminal and stdio.
pub fn make_controlling(slave: OwnedFd) -> Result<(), SysError> {
    // SAFETY: TIOCSCTTY on a terminal descriptor we own.
    unsafe { set_ctty(slave.as_raw_fd(), 0) }.ctx(|| "setting the controlling terminal".into())?;
    dup2_stdin(&slave).ctx(|| "dup2 stdin".into())?;
    dup2_stdout(&slave).ctx(|| "dup2 stdout".into())?;
    dup2_stderr(&slave).ctx(|| "dup2 stderr".into())?;
    Ok(())
}

/// Copies the window size of rpod's terminal (stdin, else stdout) to the pty master.
pub fn copy_winsize(master: BorrowedFd) {
    if let Some((rows, cols)) = terminal_size() {
        set_size(master, rows, cols);
    }
}

/// The size (rows, columns) of rpod's terminal: stdin's, else stdout's; `None` when neither
/// is a terminal.
pub fn terminal_size() -> Option<(u16, u16)> {
    // SAFETY: winsize is plain data.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    [libc::STDIN_FILENO, libc::STDOUT_FILENO]
        .into_iter()
        // SAFETY: TIOCGWINSZ into a winsize we own; fails harmlessly on a non-terminal.
        .find(|&fd| unsafe { get_winsize(fd, &mut ws) }.is_ok())
        .map(|_| (ws.ws_row, ws.ws_col))
}

/// Sets the size of the terminal behind `master` (the kernel tells its foreground process
/// group with `SIGWINCH`).
pub fn set_size(master: BorrowedFd, rows: u16, cols: u16) {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ from a winsize we own.
    let _ = unsafe { set_winsize(master.as_raw_fd(), &ws) };
}

/// rpod's terminal in raw mode for as long as this lives.
pub struct RawTerminal {
    saved: Termios,
}

impl RawTerminal {
    /// `None` when stdin is not a terminal.
    pub fn enter() -> Option<RawTerminal> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        cfmakeraw(&mut raw);
        tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw).ok()?;
        Some(RawTerminal { saved })
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin().as_fd(), SetArg::TCSADRAIN, &self.saved);
    }
}

/// Relays between rpod's stdio and the master until `child` exits; returns its exit code.
pub fn relay(master: OwnedFd, child: Pid, interactive: bool) -> Result<i32, SysError> {
    let sfd = SignalFd::with_flags(
        &supervised_set(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .ctx(|| "signalfd".into())?;
    let flags = fcntl(&master, FcntlArg::F_GETFL).ctx(|| "fcntl".into())?;
    fcntl(
        &master,
        FcntlArg::F_SETFL(OFlag::from_bits_truncate(flags) | OFlag::O_NONBLOCK),
    )
    .ctx(|| "fcntl".into())?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let (mut stdin_open, mut master_open) = (interactive, true);
    let mut buf = [0u8; 8192];
    loop {
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        if master_open {
            fds.push(PollFd::new(master.as_fd(), PollFlags::POLLIN));
        }
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(Errno::EINTR) => continue,
            r => r.ctx(|| "poll".into())?,
        };
        let ready = |i: usize| {
            fds.get(i)
                .and_then(|f| f.revents())
                .is_some_and(|r| !r.is_empty())
        };
        let (sig_ready, master_ready) = (ready(0), master_open && ready(1));
        let stdin_ready = stdin_open && ready(if master_open { 2 } else { 1 });
        drop(fds);

        if master_ready && pump(master.as_fd(), stdout.as_fd(), &mut buf) == Pump::Closed {
            master_open = false;
        }
        if stdin_ready {
            match read(stdin.as_fd(), &mut buf) {
                Ok(0) | Err(_) => stdin_open = false,
                Ok(n) => write_all(master.as_fd(), &buf[..n]),
            }
        }
        if sig_ready {
            while let Ok(Some(info)) = sfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGCHLD) => {
                        if let Some(code) = waitpid(child, Some(WaitPidFlag::WNOHANG))
                            .ok()
                            .and_then(exit_code)
                        {
                            while master_open
                                && pump(master.as_fd(), stdout.as_fd(), &mut buf) == Pump::Moved
                            {
                            }
                            return Ok(code);
                        }
                    }
                    Ok(Signal::SIGWINCH) => copy_winsize(master.as_fd()),
                    Ok(sig) => {
                        let _ = kill(child, sig);
                    }
                    Err(_) => {}
                }
            }
        }
    }
}

#[derive(PartialEq, Eq)]
enum Pump {
    Moved,
    WouldBlock,
    /// EOF, or EIO once every slave descriptor is closed.
    Closed,
}

/// Copies one read's worth from `from` to `to`.
fn pump(from: BorrowedFd, to: BorrowedFd, buf: &mut [u8]) -> Pump {
    match read(from, buf) {
        Ok(0) => Pump::Closed,
        Ok(n) => {
            write_all(to, &buf[..n]);
            Pump::Moved
        }
        Err(Errno::EAGAIN | Errno::EINTR) => Pump::WouldBlock,
        Err(_) => Pump::Closed,
    }
}

/// Writes all of `data` to `fd`, waiting while it would block; gives up on an error (the
/// reader is gone).
pub fn write_all(fd: BorrowedFd, mut data: &[u8]) {
    while !data.is_empty() {
        match write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN) => {
                let mut p = [PollFd::new(fd, PollFlags::POLLOUT)];
                let _ = poll(&mut p, PollTimeout::NONE);
            }
            Err(_) => return,
        }
    }
}
