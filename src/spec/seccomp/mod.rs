//! Which seccomp filter a container gets: Podman's default profile, none
//! (`--security-opt seccomp=unconfined`, `--privileged`), or a profile file in the same JSON
//! format (`--security-opt seccomp=FILE`).
//!
//! The default is containers-common's `seccomp.json`, vendored as `podman.json` beside this
//! file (Debian's golang-github-containers-common 0.50.1, the profile Podman 4.3 uses; Apache
//! 2.0 like rpod). `build.rs` compiles it into the static [`DEFAULT`] table, so the default
//! path parses no JSON; a profile file is read and parsed when the spec is built, and only
//! then. The runtime turns either into BPF for the container's capabilities
//! (`runtime::security::seccomp`).

pub mod profile;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use profile::{Action, Cond, Op, Profile, ProfileError, Rule};

include!(concat!(env!("OUT_DIR"), "/seccomp_default.rs"));

/// The filter a container runs under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seccomp {
    /// Podman's default profile ([`DEFAULT`]).
    Default,
    Unconfined,
    /// A profile from `--security-opt seccomp=FILE`.
    Profile(Box<Profile>),
}

impl Seccomp {
    /// The profile to install, if any.
    pub fn profile(&self) -> Option<&Profile> {
        match self {
            Seccomp::Default => Some(&DEFAULT),
            Seccomp::Unconfined => None,
            Seccomp::Profile(p) => Some(p),
        }
    }
}

/// The number of system call `name` on this architecture.
pub fn syscall_number(name: &str) -> Option<u32> {
    SYSCALLS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| SYSCALLS[i].1)
}

#[derive(Debug, thiserror::Error)]
#[error("seccomp profile {}: {reason}", .path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: String,
}

/// Parses a profile in Podman's format for this architecture.
pub fn parse(json: &str) -> Result<Profile, ProfileError> {
    profile::parse(
        json,
        profile::go_arch(std::env::consts::ARCH),
        &syscall_number,
        &|c| super::caps::number(c),
    )
}

/// Reads and parses the profile file at `path`.
pub fn load(path: &Path) -> Result<Profile, LoadError> {
    let fail = |reason: String| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    let json = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    parse(&json).map_err(|e| fail(e.0))
}
