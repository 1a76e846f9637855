//! The one setting rpod takes from containers-storage's `storage.conf`: `mount_program`, the
//! FUSE program that mounts the layers instead of the kernel's overlayfs (Podman uses it for
//! every container when it is set). rpod keeps its own store layout, so nothing else of the
//! file applies.
//!
//! Lookup as containers-storage does it rootless: `$CONTAINERS_STORAGE_CONF` alone if set;
//! else the user's `~/.config/containers/storage.conf` if it exists; else the system's
//! `/etc/containers/storage.conf`, then `/usr/share/containers/storage.conf`.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Default, Deserialize)]
struct File {
    #[serde(default)]
    storage: Storage,
}

#[derive(Default, Deserialize)]
struct Storage {
    #[serde(default)]
    options: Options,
}

#[derive(Default, Deserialize)]
struct Options {
    /// The old place of the setting, still read by containers-storage.
    mount_program: Option<String>,
    #[serde(default)]
    overlay: Overlay,
}

#[derive(Default, Deserialize)]
struct Overlay {
    mount_program: Option<String>,
}

/// `mount_program` from `text`, if set and not empty.
pub fn parse_mount_program(text: &str) -> Result<Option<PathBuf>, toml::de::Error> {
    let f: File = toml::from_str(text)?;
    let o = f.storage.options;
    Ok(o.overlay
        .mount_program
        .or(o.mount_program)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from))
}

/// The configured mount program, `None` when no file sets one. An unreadable or invalid file
/// counts as unset, with a warning: the kernel's overlay is the better default anyway.
pub fn mount_program() -> Option<PathBuf> {
    let file = config_file()?;
    let text = std::fs::read_to_string(&file).ok()?;
    log::debug!("read the storage configuration {}", file.display());
    match parse_mount_program(&text) {
        Ok(p) => p,
        Err(e) => {
            log::warn!("ignoring {}: {}", file.display(), e.message());
            None
        }
    }
}

/// The storage.conf that applies (see the module doc), if any exists.
pub fn config_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CONTAINERS_STORAGE_CONF").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let user = super::paths::user_config_dir().join("containers/storage.conf");
    let system = [
        "/etc/containers/storage.conf",
        "/usr/share/containers/storage.conf",
    ];
    std::iter::once(user)
        .chain(system.into_iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_program_from_either_place() {
        let overlay = "[storage]\ndriver = \"overlay\"\n[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n";
        assert_eq!(
            parse_mount_program(overlay).unwrap(),
            Some(PathBuf::from("/usr/bin/fuse-overlayfs"))
        );
        let legacy = "[storage.options]\nmount_program = \"/opt/fo\"\n";
        assert_eq!(
            parse_mount_program(legacy).unwrap(),
            Some(PathBuf::from("/opt/fo"))
        );
        for unset in [
            "[storage]\ndriver = \"overlay\"\n",
            "",
            "[storage.options.overlay]\nmount_program = \"\"\n",
        ] {
            assert_eq!(parse_mount_program(unset).unwrap(), None);
        }
        assert!(parse_mount_program("[storage").is_err());
    }
}
