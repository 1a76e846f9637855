//! What the container's process may do once it runs: its capabilities ([`capabilities`]) and
//! the system calls its seccomp filter lets through ([`seccomp`]).

pub mod capabilities;
pub mod seccomp;
