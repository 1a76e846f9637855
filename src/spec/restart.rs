//! `--restart`: what the monitor does when the container's workload ends, with Podman's
//! policies and names.

use serde::{Deserialize, Serialize};

/// Podman's restart policies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartPolicy {
    /// Never (Podman's default).
    #[default]
    No,
    /// When it exits with a status other than 0, at most `max` times (0: no limit).
    OnFailure { max: u32 },
    /// Whatever its status, unless a user stopped it.
    Always,
    /// As `always` (rpod has no daemon that starts containers at boot; the systemd issue
    /// brings `rpod-restart.service`, which leaves these alone, as Podman's does).
    UnlessStopped,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid --restart {0:?}: give no, on-failure[:MAX], always or unless-stopped")]
pub struct RestartError(pub String);

impl RestartPolicy {
    pub fn parse(s: &str) -> Result<RestartPolicy, RestartError> {
        let bad = || RestartError(s.to_string());
        match s.split_once(':') {
            None => match s {
                "" | "no" => Ok(RestartPolicy::No),
                "on-failure" => Ok(RestartPolicy::OnFailure { max: 0 }),
                "always" => Ok(RestartPolicy::Always),
                "unless-stopped" => Ok(RestartPolicy::UnlessStopped),
                _ => Err(bad()),
            },
            Some(("on-failure", n)) => n
                .parse()
                .map(|max| RestartPolicy::OnFailure { max })
                .map_err(|_| bad()),
            Some(_) => Err(bad()),
        }
    }

    /// Podman's name (`inspect`'s `HostConfig.RestartPolicy.Name`; empty for `no`).
    pub fn name(&self) -> &'static str {
        match self {
            RestartPolicy::No => "",
            RestartPolicy::OnFailure { .. } => "on-failure",
            RestartPolicy::Always => "always",
            RestartPolicy::UnlessStopped => "unless-stopped",
        }
    }

    /// `on-failure:N`'s N (`HostConfig.RestartPolicy.MaximumRetryCount`).
    pub fn max_retries(&self) -> u32 {
        match self {
            RestartPolicy::OnFailure { max } => *max,
            _ => 0,
        }
    }

    /// Whether a workload that ended with `code` after `restarts` restarts goes again; never
    /// after a user stopped it.
    pub fn restarts(&self, code: i32, restarts: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self {
            RestartPolicy::No => false,
            RestartPolicy::OnFailure { max } => code != 0 && (*max == 0 || restarts < *max),
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_podman_policies() {
        assert_eq!(RestartPolicy::parse("no").unwrap(), RestartPolicy::No);
        assert_eq!(
            RestartPolicy::parse("on-failure:3").unwrap(),
            RestartPolicy::OnFailure { max: 3 }
        );
        assert_eq!(
            RestartPolicy::parse("always").unwrap(),
            RestartPolicy::Always
        );
        for bad in ["sometimes", "on-failure:x", "always:3", "on-failure:-1"] {
            assert!(RestartPolicy::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn when_it_restarts() {
        let p = RestartPolicy::OnFailure { max: 2 };
        assert!(p.restarts(1, 0, false) && p.restarts(1, 1, false));
        assert!(!p.restarts(1, 2, false) && !p.restarts(0, 0, false));
        assert!(RestartPolicy::Always.restarts(0, 100, false));
        assert!(!RestartPolicy::Always.restarts(0, 0, true));
        assert!(!RestartPolicy::No.restarts(1, 0, false));
    }
}
