//! `--log-driver` and `--log-opt`: where a detached container's output goes, as Podman's
//! drivers name it.

use serde::{Deserialize, Serialize};

/// Where the container's output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogDriver {
    /// Podman's default: the monitor writes it to `ctr.log` (`rpod logs` reads it).
    K8sFile {
        /// `--log-opt max-size=`: the log is truncated when it would grow past it.
        max_size: Option<u64>,
    },
    /// Thrown away.
    None,
    /// The container writes to rpod's own stdout and stderr (under systemd: the journal).
    Passthrough,
}

impl Default for LogDriver {
    fn default() -> Self {
        LogDriver::K8sFile { max_size: None }
    }
}

impl LogDriver {
    /// Podman's name of the driver (`inspect`'s `HostConfig.LogConfig.Type`).
    pub fn name(&self) -> &'static str {
        match self {
            LogDriver::K8sFile { .. } => "k8s-file",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(
        "invalid --log-driver {0:?}: rpod supports k8s-file (the default), none and passthrough"
    )]
    Driver(String),
    #[error("invalid --log-opt {0:?}: rpod supports max-size=SIZE (such as 10m) with k8s-file")]
    Opt(String),
    #[error(
        "invalid size {0:?} in --log-opt: give bytes, or a number with k, m or g (powers of 1000, as Podman reads them: 10m is 10000000 bytes)"
    )]
    Size(String),
}

/// The driver `--log-driver` names (default k8s-file), with `--log-opt`s applied.
pub fn log_driver(driver: Option<&str>, opts: &[String]) -> Result<LogDriver, LogError> {
    let mut max_size = None;
    for opt in opts {
        match opt.split_once('=') {
            Some(("max-size", v)) => max_size = Some(parse_size(v)?),
            _ => return Err(LogError::Opt(opt.clone())),
        }
    }
    match driver.unwrap_or("k8s-file") {
        "k8s-file" => Ok(LogDriver::K8sFile { max_size }),
        "none" | "passthrough" if max_size.is_some() => Err(LogError::Opt(opts.join(","))),
        "none" => Ok(LogDriver::None),
        "passthrough" => Ok(LogDriver::Passthrough),
        other => Err(LogError::Driver(other.to_string())),
    }
}

/// `--log-opt max-size`, as Podman reads it (`units.FromHumanSize`: `10m` is ten million
/// bytes); at least one byte.
pub fn parse_size(s: &str) -> Result<u64, LogError> {
    match super::size::human_size(s) {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(LogError::Size(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drivers_and_options() {
        assert_eq!(
            log_driver(None, &[]).unwrap(),
            LogDriver::K8sFile { max_size: None }
        );
        assert_eq!(
            log_driver(Some("k8s-file"), &["max-size=10k".into()]).unwrap(),
            LogDriver::K8sFile {
                max_size: Some(10_000)
            }
        );
        assert_eq!(log_driver(Some("none"), &[]).unwrap(), LogDriver::None);
        assert_eq!(
            log_driver(Some("passthrough"), &[]).unwrap(),
            LogDriver::Passthrough
        );
        assert!(log_driver(Some("journald"), &[]).is_err());
        assert!(log_driver(None, &["tag=x".into()]).is_err());
        assert!(log_driver(Some("none"), &["max-size=1m".into()]).is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512").unwrap(), 512);
        assert_eq!(parse_size("1m").unwrap(), 1_000_000);
        assert_eq!(parse_size("1MB").unwrap(), 1_000_000);
        assert_eq!(parse_size("1.5k").unwrap(), 1500);
        for bad in ["", "x", "1x", "-1", "0"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
