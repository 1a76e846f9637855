//! Entering the workload's working directory, and checking that it is inside the container.
//!
//! `chdir` follows magic links such as `/proc/self/fd/N`: a working directory named so (an
//! image's `WorkingDir`, `-w`) leads to whatever directory descriptor N is, possibly outside
//! the container's root (the pattern of CVE-2024-21626). rpod closes what it did not mean to
//! pass first (see `fds`), and then asks the kernel where the process is, as runc's fix does:
//! `getcwd` answers a path that does not start with `/` ("(unreachable)/...") for a
//! directory the root cannot reach, and fails for one that was removed.

use nix::errno::Errno;
use nix::unistd::chdir;

use crate::runtime::{Ctx, SysError};

#[derive(Debug, thiserror::Error)]
pub enum WorkdirError {
    #[error(transparent)]
    Sys(#[from] SysError),
    #[error("the working directory {0} is not inside the container: give --workdir a directory of the container's file system")]
    Outside(String),
}

/// `chdir(cwd)`, refused unless the result is inside the container's root.
pub fn enter(cwd: &str) -> Result<(), WorkdirError> {
    chdir(cwd).ctx(|| format!("entering the working directory {cwd}"))?;
    if inside_root() {
        Ok(())
    } else {
        Err(WorkdirError::Outside(cwd.to_string()))
    }
}

/// Whether the kernel's `getcwd` gives an absolute path: the raw system call, since libc
/// versions differ in what they make of "(unreachable)".
fn inside_root() -> bool {
    let mut buf = [0u8; libc::PATH_MAX as usize];
    // SAFETY: getcwd writes at most buf.len() bytes into buf.
    let r = unsafe { libc::syscall(libc::SYS_getcwd, buf.as_mut_ptr(), buf.len()) };
    // ERANGE (longer than PATH_MAX) counts as outside: it cannot be told.
    matches!(Errno::result(r), Ok(n) if n > 0) && buf[0] == b'/'
}
