//! `rpod unshare [CMD...]`: run a command as root of rpod's user namespace, where the store's
//! files owned by subordinate ids can be read and removed (as `podman unshare`).

use crate::cli::Context;
use clap::Args;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// Command and arguments (default: $SHELL)
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<String>,
}

pub fn run(args: UnshareArgs, ctx: &Context) -> anyhow::Result<i32> {
    let mut argv = args.command;
    if argv.is_empty() {
        argv.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    // Looked up here, as a shell or Podman does: a PATH directory the user cannot search is
    // skipped, where execvp(3) would report its EACCES (126) for a command that is not there.
    let Some(program) = find_program(&argv[0]) else {
        eprintln!("Error: {}: executable file not found in $PATH", argv[0]);
        return Ok(127);
    };
    let err = std::process::Command::new(&program)
        .arg0(&argv[0])
        .args(&argv[1..])
        .env("CONTAINERS_GRAPHROOT", &ctx.paths.root)
        .env("CONTAINERS_RUNROOT", &ctx.paths.runroot)
        .exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    };
    eprintln!("Error: {}: {err}", argv[0]);
    Ok(code)
}

/// Where `name` is: itself when it holds a `/`, else the first executable regular file of that
/// name in `$PATH` (Go's `exec.LookPath`, which Podman uses).
fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        return Some(PathBuf::from(name));
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| DEFAULT_PATH.into());
    std::env::split_paths(&path)
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                PathBuf::from(".").join(name)
            } else {
                dir.join(name)
            }
        })
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
