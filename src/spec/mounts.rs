//! `-v HOST:CTR[:OPTS]` and `--tmpfs PATH[:OPTS]` parsed into mounts the runtime performs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A mount the user asked for, in the order given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MountSpec {
    /// A host directory or file bound into the container.
    Bind {
        source: PathBuf,
        target: PathBuf,
        readonly: bool,
    },
    /// A fresh tmpfs: `flags` are MS_* bits, `data` the filesystem options (`size=`, `mode=`).
    Tmpfs {
        target: PathBuf,
        flags: u64,
        data: String,
    },
}

impl MountSpec {
    pub fn target(&self) -> &std::path::Path {
        match self {
            MountSpec::Bind { target, .. } | MountSpec::Tmpfs { target, .. } => target,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MountError {
    #[error("invalid volume {0:?}: expected HOST-DIR:CONTAINER-DIR[:OPTIONS]")]
    VolumeSyntax(String),
    #[error(
        "invalid volume {0:?}: named volumes are not supported yet, give an absolute host path"
    )]
    NamedVolume(String),
    #[error("invalid {0:?}: the container path must be absolute")]
    RelativeTarget(String),
    #[error("invalid volume option {0:?} in {1:?}")]
    VolumeOption(String, String),
}

/// Parses `-v HOST:CTR[:ro|rw|z|Z|...]`.
pub fn parse_volume(arg: &str) -> Result<MountSpec, MountError> {
    let parts: Vec<&str> = arg.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [s, d] => (*s, *d, ""),
        [s, d, o] => (*s, *d, *o),
        _ => return Err(MountError::VolumeSyntax(arg.to_string())),
    };
    if src.is_empty() || dst.is_empty() {
        return Err(MountError::VolumeSyntax(arg.to_string()));
    }
    if !src.starts_with('/') && !src.starts_with('.') {
        return Err(MountError::NamedVolume(arg.to_string()));
    }
    if !dst.starts_with('/') {
        return Err(MountError::RelativeTarget(arg.to_string()));
    }
    let mut readonly = false;
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => readonly = true,
            "rw" => readonly = false,
            // SELinux relabelling and propagation hints: nothing to do on this host.
            "z" | "Z" | "private" | "rprivate" | "bind" | "rbind" => {}
            _ => return Err(MountError::VolumeOption(o.to_string(), arg.to_string())),
        }
    }
    let source = if src.starts_with('/') {
        PathBuf::from(src)
    } else {
        std::env::current_dir().unwrap_or_default().join(src)
    };
    Ok(MountSpec::Bind {
        source,
        target: PathBuf::from(dst),
        readonly,
    })
}

/// Parses `--tmpfs PATH[:OPTS]`; Podman's defaults are `rw,noexec,nosuid,nodev`.
pub fn parse_tmpfs(arg: &str) -> Result<MountSpec, MountError> {
    let (path, opts) = arg.split_once(':').unwrap_or((arg, ""));
    if !path.starts_with('/') {
        return Err(MountError::RelativeTarget(arg.to_string()));
    }
    let (nosuid, nodev, noexec, rdonly) = (
        libc::MS_NOSUID,
        libc::MS_NODEV,
        libc::MS_NOEXEC,
        libc::MS_RDONLY,
    );
    let mut flags = nosuid | nodev | noexec;
    let mut data = Vec::new();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => flags |= rdonly,
            "rw" => flags &= !rdonly,
            "nosuid" => flags |= nosuid,
            "suid" => flags &= !nosuid,
            "nodev" => flags |= nodev,
            "dev" => flags &= !nodev,
            "noexec" => flags |= noexec,
            "exec" => flags &= !noexec,
            other => data.push(other),
        }
    }
    Ok(MountSpec::Tmpfs {
        target: PathBuf::from(path),
        flags,
        data: data.join(","),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes() {
        assert_eq!(
            parse_volume("/h:/c:ro").unwrap(),
            MountSpec::Bind {
                source: "/h".into(),
                target: "/c".into(),
                readonly: true
            }
        );
        assert_eq!(
            parse_volume("/h:/c:z,rw").unwrap(),
            MountSpec::Bind {
                source: "/h".into(),
                target: "/c".into(),
                readonly: false
            }
        );
        assert!(matches!(
            parse_volume("/h"),
            Err(MountError::VolumeSyntax(_))
        ));
        assert!(matches!(
            parse_volume("vol:/c"),
            Err(MountError::NamedVolume(_))
        ));
        assert!(matches!(
            parse_volume("/h:c"),
            Err(MountError::RelativeTarget(_))
        ));
        assert!(matches!(
            parse_volume("/h:/c:bogus"),
            Err(MountError::VolumeOption(..))
        ));
    }

    #[test]
    fn tmpfs_options() {
        let MountSpec::Tmpfs {
            target,
            flags,
            data,
        } = parse_tmpfs("/run:size=64k,exec,mode=1777").unwrap()
        else {
            panic!()
        };
        assert_eq!(target, PathBuf::from("/run"));
        assert_eq!(flags, libc::MS_NOSUID | libc::MS_NODEV);
        assert_eq!(data, "size=64k,mode=1777");
        assert!(parse_tmpfs("run").is_err());
    }
}
