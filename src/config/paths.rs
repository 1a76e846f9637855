//! Where rpod keeps things, following Podman's flags and the XDG base directories:
//! the image store (`--root`, `$XDG_DATA_HOME/rpod`), run-time state (`--runroot`,
//! `$XDG_RUNTIME_DIR/rpod`, without it `/tmp/rpod-run-<uid>/rpod`: see runtime_dir.rs) and
//! configuration (`$XDG_CONFIG_HOME/rpod`).

use super::runtime_dir::{self, RuntimeDirError};
use std::path::{Path, PathBuf};

/// Where the store's root came from, which decides what rpod may change of it (see
/// `image::store::private`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootOrigin {
    /// rpod's default, `$XDG_DATA_HOME/rpod`: rpod's own directory.
    Default,
    /// `--root`: the user's choice of directory.
    Given,
}

#[derive(Clone, Debug)]
pub struct Paths {
    /// The image store: blobs, unpacked layers, the image index (and later containers).
    pub root: PathBuf,
    /// Whether `root` is rpod's default or the user's `--root`.
    pub root_origin: RootOrigin,
    /// State that must not outlive a reboot: locks of running containers, sockets.
    pub runroot: PathBuf,
    /// rpod's own configuration directory.
    pub config: PathBuf,
}

impl Paths {
    /// Defaults from the XDG directories, overridden by `--root` / `--runroot`. Fails only when
    /// the run root would be in a `/tmp` directory that is not the user's alone.
    pub fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Result<Paths, RuntimeDirError> {
        let base = directories::BaseDirs::new();
        let home = || {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| "/".into())
        };
        let data = base
            .as_ref()
            .map(|b| b.data_dir().to_path_buf())
            .unwrap_or_else(|| home().join(".local/share"));
        let config = base
            .as_ref()
            .map(|b| b.config_dir().to_path_buf())
            .unwrap_or_else(|| home().join(".config"));
        let runroot = match runroot {
            Some(r) => r.to_path_buf(),
            None => match base.as_ref().and_then(|b| b.runtime_dir()) {
                Some(run) => run.join("rpod"),
                None => runtime_dir::fallback()?.join("rpod"),
            },
        };
        Ok(Paths {
            root: root
                .map(Path::to_path_buf)
                .unwrap_or_else(|| data.join("rpod")),
            root_origin: match root {
                Some(_) => RootOrigin::Given,
                None => RootOrigin::Default,
            },
            runroot,
            config: config.join("rpod"),
        })
    }
}

/// The user's configuration directory (`$XDG_CONFIG_HOME`, else `~/.config`), where Podman's
/// shared files live under `containers/`.
pub fn user_config_dir() -> PathBuf {
    directories::BaseDirs::new()
        .map(|b| b.config_dir().to_path_buf())
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".config")
        })
}

/// `$XDG_RUNTIME_DIR`, where Podman keeps `containers/auth.json`.
pub fn user_runtime_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().and_then(|b| b.runtime_dir().map(Path::to_path_buf))
}
