//! `rpod exec`: a command in a running container; its exit status is rpod's (126/127 when it
//! cannot be run, as for `run`).

use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::exec::{exec, ExecError, ExecOptions};
use crate::runtime::process::LaunchError;

/// Run a process in a running container.
#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Keep STDIN open
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Run in the background
    #[arg(short = 'd', long)]
    pub detach: bool,
    /// Username or UID, optionally with a group (`user[:group]`)
    #[arg(short = 'u', long)]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    pub workdir: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long = "env-file")]
    pub env_file: Vec<PathBuf>,
    /// Give the process all capabilities
    #[arg(long)]
    pub privileged: bool,
    /// The container, then the command and its arguments
    #[arg(value_names = ["CONTAINER", "COMMAND"], required = true, num_args = 2.., trailing_var_arg = true)]
    pub container_and_command: Vec<String>,
}

pub fn run(args: ExecArgs, ctx: &Context) -> anyhow::Result<i32> {
    let dir = find(
        &ctx.paths.root,
        &ctx.paths.runroot,
        &args.container_and_command[0],
    )?;
    let opts = ExecOptions {
        command: args.container_and_command[1..].to_vec(),
        env: args.env,
        env_files: args.env_file,
        user: args.user,
        workdir: args.workdir,
        privileged: args.privileged,
        tty: args.tty,
        interactive: args.interactive,
        detach: args.detach,
    };
    match exec(&dir, opts) {
        Ok(code) => Ok(code),
        Err(ExecError::Launch(LaunchError::Start { status, message })) => {
            eprintln!("Error: {message}");
            Ok(status as i32)
        }
        Err(e) => Err(e.into()),
    }
}
