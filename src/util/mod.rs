//! The bottom of the crate, importing nothing of rpod: every layer may use it.

pub mod fds;
pub mod fs;
pub mod pidfd;
