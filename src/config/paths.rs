//! Where rpod keeps things, following Podman's flags and the XDG base directories:
//! the image store (`--root`, `$XDG_DATA_HOME/rpod`), run-time state (`--runroot`,
//! `$XDG_RUNTIME_DIR/rpod`) and configuration (`$XDG_CONFIG_HOME/rpod`).

use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Paths {
    /// The image store: blobs, unpacked layers, the image index (and later containers).
    pub root: PathBuf,
    /// State that must not outlive a reboot: locks of running containers, sockets.
    pub runroot: PathBuf,
    /// rpod's own configuration directory.
    pub config: PathBuf,
}

impl Paths {
    /// Defaults from the XDG directories, overridden by `--root` / `--runroot`.
    pub fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Paths {
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
        let runtime = base
            .as_ref()
            .and_then(|b| b.runtime_dir().map(Path::to_path_buf))
            .unwrap_or_else(|| {
                std::env::temp_dir().join(format!("rpod-run-{}", nix::unistd::getuid()))
            });
        Paths {
            root: root
                .map(Path::to_path_buf)
                .unwrap_or_else(|| data.join("rpod")),
            runroot: runroot
                .map(Path::to_path_buf)
                .unwrap_or_else(|| runtime.join("rpod")),
            config: config.join("rpod"),
        }
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
