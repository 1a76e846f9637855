//! What cgroup v2 gives rpod where it runs: whether `/sys/fs/cgroup` is the unified
//! hierarchy, rpod's own cgroup there (`/proc/self/cgroup`'s `0::` line), and the
//! controllers that cgroup offers (its `cgroup.controllers`: what its parent delegated).
//! Read from files only, before any user namespace.

use std::path::{Path, PathBuf};

const MOUNT: &str = "/sys/fs/cgroup";

/// The cgroup v2 hierarchy as rpod sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delegation {
    /// `/sys/fs/cgroup` is cgroup2 (not cgroup v1, nor a hybrid's tmpfs).
    pub unified: bool,
    /// rpod's cgroup, below the mount (`/user.slice/...`).
    pub own: Option<PathBuf>,
    /// The controllers rpod's cgroup offers.
    pub controllers: Vec<String>,
}

/// A controller a limit needs and the host does not give: the missing piece and its fix.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DelegationError {
    #[error("{flags}: the limit needs the {needed} controller of cgroup v2, and this host mounts cgroup v1 (or a hybrid) at /sys/fs/cgroup: boot with systemd.unified_cgroup_hierarchy=1, or run without the limit")]
    NotUnified { flags: String, needed: String },
    #[error("{flags}: the limit needs the {missing} controller of cgroup v2, which your cgroup {own} does not offer: log in through a systemd user session (loginctl enable-linger $USER) and delegate them with a user@.service drop-in (Delegate=cpu cpuset io memory pids), or run without the limit")]
    NotDelegated {
        flags: String,
        missing: String,
        own: String,
    },
}

impl Delegation {
    /// Reads the host's.
    pub fn read() -> Delegation {
        let unified = matches!(
            nix::sys::statfs::statfs(MOUNT),
            Ok(fs) if fs.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC
        );
        let own = std::fs::read_to_string("/proc/self/cgroup")
            .ok()
            .and_then(|s| own_cgroup(&s));
        let controllers = match (&own, unified) {
            (Some(own), true) => std::fs::read_to_string(
                Path::new(MOUNT)
                    .join(own.strip_prefix("/").unwrap_or(own))
                    .join("cgroup.controllers"),
            )
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect(),
            _ => Vec::new(),
        };
        Delegation {
            unified,
            own,
            controllers,
        }
    }

    /// Checks that every one of `needed` is offered; `flags` names the flags that asked.
    pub fn check(&self, needed: &[&str], flags: &str) -> Result<(), DelegationError> {
        if needed.is_empty() {
            return Ok(());
        }
        if !self.unified {
            return Err(DelegationError::NotUnified {
                flags: flags.to_string(),
                needed: needed.join(", "),
            });
        }
        let missing: Vec<&str> = needed
            .iter()
            .copied()
            .filter(|c| !self.controllers.iter().any(|have| have == c))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(DelegationError::NotDelegated {
            flags: flags.to_string(),
            missing: missing.join(", "),
            own: self
                .own
                .as_ref()
                .map_or("(unknown)".into(), |p| p.display().to_string()),
        })
    }
}

/// The path of the `0::` line of a `/proc/PID/cgroup`.
fn own_cgroup(proc_cgroup: &str) -> Option<PathBuf> {
    proc_cgroup
        .lines()
        .find_map(|l| l.strip_prefix("0::"))
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_missing_is_named() {
        assert_eq!(
            own_cgroup("1:cpu:/\n0::/user.slice/x.scope\n"),
            Some(PathBuf::from("/user.slice/x.scope"))
        );
        let v1 = Delegation {
            unified: false,
            own: None,
            controllers: Vec::new(),
        };
        assert!(v1.check(&[], "").is_ok());
        let e = v1.check(&["memory"], "--memory").unwrap_err().to_string();
        assert!(
            e.contains("systemd.unified_cgroup_hierarchy=1") && e.contains("the memory controller"),
            "{e}"
        );
        let v2 = Delegation {
            unified: true,
            own: Some("/user.slice/u".into()),
            controllers: vec!["cpu".into(), "pids".into()],
        };
        assert!(v2.check(&["cpu", "pids"], "--cpus").is_ok());
        let e = v2
            .check(&["memory", "cpu"], "--memory")
            .unwrap_err()
            .to_string();
        assert!(e.contains("the memory controller"), "{e}");
        assert!(
            e.contains("Delegate=") && e.contains("/user.slice/u"),
            "{e}"
        );
    }
}
