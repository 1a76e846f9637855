//! `rpod attach`: the terminal connected to a running container's stdio through its monitor
//! until it exits (its exit status is rpod's) or the detach keys are typed (status 0, the
//! container runs on).

use clap::Args;

use super::attach_flags::AttachFlags;
use crate::cli::Context;
use crate::engine::lifecycle::attach::{attach, AttachStreams, Attached};

/// Attach to a running container.
#[derive(Args, Debug)]
pub struct AttachArgs {
    #[command(flatten)]
    pub flags: AttachFlags,
    /// Do not attach stdin
    #[arg(long = "no-stdin")]
    pub no_stdin: bool,
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(args: AttachArgs, ctx: &Context) -> anyhow::Result<i32> {
    let streams = AttachStreams {
        stdin: !args.no_stdin,
        stdout: true,
        stderr: true,
        detach_keys: args.flags.keys()?,
        sig_proxy: args.flags.sig_proxy,
        close_stdin_at_eof: false,
    };
    match attach(&ctx.paths, &args.container, &streams)? {
        Attached::Exited(code) => Ok(code),
        Attached::Detached => Ok(0),
    }
}
