//! Finding and executing the workload with the container's own `PATH`, and turning failures
//! into Podman's statuses: 127 when the command does not exist, 126 when it exists but
//! cannot be executed (a directory, no permission, not an executable format).

use std::ffi::{CString, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::unistd::{access, execve, AccessFlags};

/// Why the workload could not be started, with Podman's exit status.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExecError {
    #[error("executable file `{0}` not found in $PATH: No such file or directory")]
    NotInPath(String),
    #[error("executable file `{0}` not found: No such file or directory")]
    NotFound(String),
    #[error("executable file `{0}` is a directory: permission denied")]
    IsDirectory(String),
    #[error("executable file `{0}`: permission denied")]
    PermissionDenied(String),
    #[error("executable file `{0}`: {1}")]
    Other(String, Errno),
}

impl ExecError {
    pub fn status(&self) -> u8 {
        match self {
            ExecError::NotInPath(_) | ExecError::NotFound(_) => 127,
            _ => 126,
        }
    }
}

/// The program `cmd` names: a path if it has a `/`, else the first match in `path`.
pub fn find(cmd: &str, path: &str) -> Result<PathBuf, ExecError> {
    if cmd.contains('/') {
        let p = PathBuf::from(cmd);
        return match std::fs::metadata(&p) {
            Err(_) => Err(ExecError::NotFound(cmd.to_string())),
            Ok(m) if m.is_dir() => Err(ExecError::IsDirectory(cmd.to_string())),
            Ok(_) => Ok(p),
        };
    }
    let mut not_executable = None;
    for dir in path.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let candidate = Path::new(dir).join(cmd);
        let Ok(m) = std::fs::metadata(&candidate) else {
            continue;
        };
        if m.is_dir() {
            continue;
        }
        if m.permissions().mode() & 0o111 != 0 && access(&candidate, AccessFlags::X_OK).is_ok() {
            return Ok(candidate);
        }
        not_executable.get_or_insert(candidate);
    }
    match not_executable {
        Some(_) => Err(ExecError::PermissionDenied(cmd.to_string())),
        None => Err(ExecError::NotInPath(cmd.to_string())),
    }
}

/// Executes `args` with `env`; returns only on failure.
pub fn exec(args: &[String], env: &[String]) -> ExecError {
    match resolve(&args[0], env) {
        Ok(prog) => exec_path(&prog, args, env),
        Err(e) => e,
    }
}

/// The program `cmd` names, looked up in the `PATH` of `env`.
pub fn resolve(cmd: &str, env: &[String]) -> Result<PathBuf, ExecError> {
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(crate::spec::env::DEFAULT_PATH);
    find(cmd, path)
}

/// Executes the program at `prog` with `args` (`args[0]` names it in errors) and `env`;
/// returns only on failure.
pub fn exec_path(prog: &Path, args: &[String], env: &[String]) -> ExecError {
    let cstr = |s: &[u8]| CString::new(s).unwrap_or_default();
    let argv: Vec<CString> = args.iter().map(|a| cstr(a.as_bytes())).collect();
    let envp: Vec<CString> = env.iter().map(|e| cstr(e.as_bytes())).collect();
    let err = match execve(&cstr(OsStr::new(prog).as_bytes()), &argv, &envp) {
        Err(e) => e,
        Ok(never) => match never {},
    };
    let name = args[0].clone();
    match err {
        Errno::ENOENT => ExecError::NotFound(name),
        Errno::EACCES | Errno::EPERM => ExecError::PermissionDenied(name),
        Errno::EISDIR => ExecError::IsDirectory(name),
        e => ExecError::Other(name, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_statuses() {
        let t = tempfile::tempdir().unwrap();
        let bin = t.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        std::fs::write(bin.join("tool"), "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(bin.join("tool"), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(bin.join("data"), "").unwrap();
        let path = format!("/nonexistent:{}", bin.display());
        assert_eq!(find("tool", &path).unwrap(), bin.join("tool"));
        assert_eq!(find("nope", &path).unwrap_err().status(), 127);
        assert_eq!(find("data", &path).unwrap_err().status(), 126);
        assert_eq!(
            find(bin.to_str().unwrap(), &path).unwrap_err().status(),
            126
        );
        assert_eq!(find("/no/such", &path).unwrap_err().status(), 127);
    }
}
