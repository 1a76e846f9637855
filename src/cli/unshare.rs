//! `rpod unshare [CMD...]`: run a command as root of rpod's user namespace, where the store's
//! files owned by subordinate ids can be read and removed (as `podman unshare`).

use crate::cli::Context;
use clap::Args;
use std::os::unix::process::CommandExt;

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
    let err = std::process::Command::new(&argv[0])
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
