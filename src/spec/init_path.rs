//! Which init binary `--init` runs as the container's PID 1: `--init-path`, else catatonit
//! where Debian's package puts it (Podman's default `init_path` first). Checked on the host
//! when the spec is built, so a missing init is rpod's error (125) naming the fix, not a
//! failed mount inside the container.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Where catatonit is looked for, in order (the Debian package installs both).
pub const DEFAULT_INIT_PATHS: [&str; 2] = ["/usr/libexec/podman/catatonit", "/usr/bin/catatonit"];

#[derive(Debug, thiserror::Error)]
pub enum InitPathError {
    #[error("--init-path is used only with --init: add --init, or drop --init-path")]
    WithoutInit,
    #[error(
        "container-init binary not found on the host: {0}: {1}: install catatonit \
         (apt install catatonit), or give an init's path with --init-path"
    )]
    Missing(PathBuf, String),
}

/// The host binary to run as PID 1, or `None` without `--init`.
pub fn resolve(init: bool, init_path: Option<&Path>) -> Result<Option<PathBuf>, InitPathError> {
    if !init {
        return match init_path {
            Some(_) => Err(InitPathError::WithoutInit),
            None => Ok(None),
        };
    }
    let path = match init_path {
        Some(p) => p.to_path_buf(),
        None => DEFAULT_INIT_PATHS
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INIT_PATHS[1])),
    };
    // Bound into the container as it is, links resolved: the mount follows them anyway.
    let path = std::fs::canonicalize(&path)
        .map_err(|e| InitPathError::Missing(path.clone(), io_text(&e)))?;
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() && m.permissions().mode() & 0o111 != 0 => Ok(Some(path)),
        Ok(_) => Err(InitPathError::Missing(
            path,
            "not an executable file".into(),
        )),
        Err(e) => Err(InitPathError::Missing(path, io_text(&e))),
    }
}

/// The error's text without Rust's " (os error N)".
fn io_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_paths() {
        assert!(resolve(false, None).unwrap().is_none());
        assert!(matches!(
            resolve(false, Some(Path::new("/bin/true"))),
            Err(InitPathError::WithoutInit)
        ));
        let t = tempfile::tempdir().unwrap();
        let missing = t.path().join("no-init");
        let e = resolve(true, Some(&missing)).unwrap_err().to_string();
        assert!(
            e.contains("no-init: No such file or directory: install catatonit"),
            "{e}"
        );
        std::fs::write(&missing, "").unwrap();
        let e = resolve(true, Some(&missing)).unwrap_err().to_string();
        assert!(e.contains("not an executable file"), "{e}");
        std::fs::set_permissions(&missing, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(resolve(true, Some(&missing)).unwrap(), Some(missing));
    }
}
