//! The container's PID 1 starts a session of its own, always, as crun does.
//!
//! Forked from rpod, it would otherwise stay in rpod's session, with the user's terminal as
//! its controlling terminal even without `-t`: `TIOCSTI` on it (allowed while
//! `dev.tty.legacy_tiocsti=1`) would push keystrokes into the user's shell, and `/dev/tty`
//! would open the user's terminal. In a session of its own the container has no controlling
//! terminal (`-t` then makes the pty slave one: see `tty::make_controlling`); the kernel
//! refuses `TIOCSTI` on a terminal that is not the caller's controlling terminal (EPERM),
//! and `/dev/tty` gives ENXIO. The terminal's `^C` then reaches only rpod, which forwards
//! it (see `signals`).

use nix::unistd::setsid;

use crate::runtime::{Ctx, SysError};

/// Makes the calling process the leader of a new session without a controlling terminal.
pub fn start() -> Result<(), SysError> {
    setsid()
        .map(drop)
        .ctx(|| "starting the container's session (setsid)".into())
}
