//! `-v HOST:CTR[:OPTS]`, `-v NAME:CTR[:OPTS]`, `-v CTR`, `--mount` and `--tmpfs PATH[:OPTS]`
//! parsed into mounts the runtime performs.

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
    /// A named volume (Podman's `-v NAME:/path`), or an anonymous one (`-v /path`, the
    /// image's `VOLUME`s) while `name` is empty. `source` is its `_data` directory, filled in
    /// by the engine when it creates the container (making the volume on first use); the
    /// runtime binds it as it binds a host directory.
    Volume {
        name: String,
        #[serde(default)]
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
            MountSpec::Bind { target, .. }
            | MountSpec::Volume { target, .. }
            | MountSpec::Tmpfs { target, .. } => target,
        }
    }

    /// The host directory or file a bind or a volume shows (none for a tmpfs).
    pub fn host_source(&self) -> Option<(&std::path::Path, bool)> {
        match self {
            MountSpec::Bind {
                source, readonly, ..
            }
            | MountSpec::Volume {
                source, readonly, ..
            } => Some((source, *readonly)),
            MountSpec::Tmpfs { .. } => None,
        }
    }

    /// The name of the volume this mounts, if it is one.
    pub fn volume_name(&self) -> Option<&str> {
        match self {
            MountSpec::Volume { name, .. } => Some(name),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MountError {
    #[error("invalid volume {0:?}: expected HOST-DIR:CONTAINER-DIR[:OPTIONS]")]
    VolumeSyntax(String),
    #[error("invalid volume {0:?}: a volume name must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (or give an absolute host path)")]
    NamedVolume(String),
    #[error("invalid {0:?}: the container path must be absolute")]
    RelativeTarget(String),
    #[error("invalid volume option {0:?} in {1:?}")]
    VolumeOption(String, String),
    #[error("invalid --mount {1:?}: {0}")]
    Mount(String, String),
}

/// Parses `-v HOST:CTR[:ro|rw|z|Z|...]`, `-v NAME:CTR[:OPTS]` (a named volume: a source that
/// is not a path, as Podman tells them apart) and `-v CTR` (an anonymous volume).
pub fn parse_volume(arg: &str) -> Result<MountSpec, MountError> {
    let parts: Vec<&str> = arg.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [d] if d.starts_with('/') => ("", *d, ""),
        [s, d] => (*s, *d, ""),
        [s, d, o] => (*s, *d, *o),
        _ => return Err(MountError::VolumeSyntax(arg.to_string())),
    };
    if dst.is_empty() || (src.is_empty() && parts.len() > 1) {
        return Err(MountError::VolumeSyntax(arg.to_string()));
    }
    if !dst.starts_with('/') {
        return Err(MountError::RelativeTarget(arg.to_string()));
    }
    let readonly = volume_options(opts, arg)?;
    if src.starts_with('/') || src.starts_with('.') {
        let source = if src.starts_with('/') {
            PathBuf::from(src)
        } else {
            std::env::current_dir().unwrap_or_default().join(src)
        };
        return Ok(MountSpec::Bind {
            source,
            target: PathBuf::from(dst),
            readonly,
        });
    }
    if !src.is_empty() && !valid_volume_name(src) {
        return Err(MountError::NamedVolume(arg.to_string()));
    }
    Ok(MountSpec::Volume {
        name: src.to_string(),
        source: PathBuf::new(),
        target: PathBuf::from(dst),
        readonly,
    })
}

/// Podman's rule for volume names (as for container names).
pub fn valid_volume_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Whether a `-v`'s options ask for `U`: its files given to the container's user (see
/// `runtime::rootfs::chown`).
pub fn volume_chowns(arg: &str) -> bool {
    let parts: Vec<&str> = arg.split(':').collect();
    parts.len() == 3 && parts[2].split(',').any(|o| o == "U")
}

/// The options of a `-v`: whether it is read-only (`U` is read by [`volume_chowns`]).
fn volume_options(opts: &str, arg: &str) -> Result<bool, MountError> {
    let mut readonly = false;
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => readonly = true,
            "rw" => readonly = false,
            "U" => {}
            // SELinux relabelling and propagation hints: nothing to do on this host.
            "z" | "Z" | "private" | "rprivate" | "bind" | "rbind" => {}
            _ => return Err(MountError::VolumeOption(o.to_string(), arg.to_string())),
        }
    }
    Ok(readonly)
}

/// Parses `--mount type=bind|volume|tmpfs,src=...,dst=...[,ro]` (Podman's keys and their
/// aliases) onto the mounts `-v` and `--tmpfs` make. A key rpod does not do is refused.
pub fn parse_mount(arg: &str) -> Result<MountSpec, MountError> {
    let bad = |why: &str| MountError::Mount(why.to_string(), arg.to_string());
    let (mut kind, mut src, mut dst, mut readonly) = (None, None, None, false);
    let mut tmpfs_opts = Vec::new();
    for item in arg.split(',').filter(|i| !i.is_empty()) {
        let (key, value) = match item.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (item, None),
        };
        match (key, value) {
            ("type", Some(v)) => kind = Some(v),
            ("src" | "source", Some(v)) => src = Some(v),
            ("dst" | "destination" | "target", Some(v)) => dst = Some(v),
            ("ro" | "readonly", None | Some("true")) => readonly = true,
            ("ro" | "readonly", Some("false")) | ("rw", None) => readonly = false,
            // No SELinux labels or propagation to set up on this host (as for `-v ...:z`).
            ("relabel", Some("shared" | "private"))
            | ("bind-propagation", Some("private" | "rprivate"))
            | ("z" | "Z", None) => {}
            ("tmpfs-size", Some(v)) => tmpfs_opts.push(format!("size={v}")),
            ("tmpfs-mode", Some(v)) => tmpfs_opts.push(format!("mode={v}")),
            _ => return Err(bad(&format!("rpod does not know the option {item:?}"))),
        }
    }
    let dst = dst.ok_or_else(|| bad("dst= (the path in the container) is required"))?;
    if !dst.starts_with('/') {
        return Err(MountError::RelativeTarget(arg.to_string()));
    }
    let ro = if readonly { ":ro" } else { "" };
    match kind {
        Some("bind") => {
            let src = src.ok_or_else(|| bad("a bind needs src= (the host path)"))?;
            if !src.starts_with('/') && !src.starts_with('.') {
                return Err(bad("a bind's src= must be a host path"));
            }
            parse_volume(&format!("{src}:{dst}{ro}"))
        }
        Some("volume") => match src {
            Some(name) if !valid_volume_name(name) => Err(MountError::NamedVolume(arg.to_string())),
            Some(name) => parse_volume(&format!("{name}:{dst}{ro}")),
            None => parse_volume(&format!("{dst}{}", if readonly { ":ro" } else { "" })),
        },
        Some("tmpfs") => {
            if src.is_some() {
                return Err(bad("a tmpfs takes no src="));
            }
            let mut opts = tmpfs_opts;
            if readonly {
                opts.push("ro".into());
            }
            parse_tmpfs(&format!("{dst}:{}", opts.join(",")))
        }
        Some(other) => Err(bad(&format!(
            "type={other} is not supported: rpod mounts type=bind, volume and tmpfs"
        ))),
        None => Err(bad("type= is required (bind, volume or tmpfs)")),
    }
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
            parse_volume("/a:/b:ro:x"),
            Err(MountError::VolumeSyntax(_))
        ));
        assert_eq!(
            parse_volume("vol:/c:ro").unwrap(),
            MountSpec::Volume {
                name: "vol".into(),
                source: "".into(),
                target: "/c".into(),
                readonly: true
            }
        );
        assert_eq!(
            parse_volume("/data").unwrap(),
            MountSpec::Volume {
                name: "".into(),
                source: "".into(),
                target: "/data".into(),
                readonly: false
            }
        );
        assert!(matches!(
            parse_volume("v$l:/c"),
            Err(MountError::NamedVolume(_))
        ));
        assert!(matches!(
            parse_volume(":/c"),
            Err(MountError::VolumeSyntax(_))
        ));
        assert!(matches!(
            parse_volume("data"),
            Err(MountError::VolumeSyntax(_))
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
    fn mounts() {
        assert_eq!(
            parse_mount("type=bind,src=/h,dst=/c,ro").unwrap(),
            parse_volume("/h:/c:ro").unwrap()
        );
        assert_eq!(
            parse_mount("type=volume,source=v,target=/c").unwrap(),
            parse_volume("v:/c").unwrap()
        );
        assert_eq!(
            parse_mount("type=volume,dst=/c").unwrap(),
            parse_volume("/c").unwrap()
        );
        assert_eq!(
            parse_mount("type=tmpfs,dst=/t,tmpfs-size=1m,readonly=true").unwrap(),
            parse_tmpfs("/t:size=1m,ro").unwrap()
        );
        for bad in [
            "type=bind,dst=/c",
            "type=volume,src=/c",
            "type=image,src=x,dst=/c",
            "src=/h,dst=/c",
            "type=bind,src=/h",
            "type=bind,src=/h,dst=/c,bogus=1",
            "type=tmpfs,src=x,dst=/c",
        ] {
            assert!(parse_mount(bad).is_err(), "{bad}");
        }
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
