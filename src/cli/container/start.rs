//! `rpod start`: stored containers started again, detached, under monitors of their own;
//! prints each name as given, as Podman does. With `-a` (or `-i`), one container, with the
//! terminal attached from before its workload runs: rpod returns its exit status, or 0 when
//! the user detaches.

use clap::Args;

use super::attach_flags::AttachFlags;
use crate::engine::lifecycle::attach::{AttachStreams, Attached};
use crate::engine::lifecycle::start::{start, start_attached};
use crate::engine::session::Session;

/// Start one or more containers.
#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach to the container's output (and with -i its input) until it exits
    #[arg(short = 'a', long)]
    pub attach: bool,
    /// Attach stdin too (implies -a)
    #[arg(short = 'i', long)]
    pub interactive: bool,
    #[command(flatten)]
    pub flags: AttachFlags,
    /// Containers to start (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: StartArgs, mut session: Session) -> anyhow::Result<i32> {
    if args.attach || args.interactive {
        return attached(&args, session);
    }
    args.flags
        .refuse_when_detached("without -a: start returns once the container runs")?;
    let mut failed = None;
    for name in &args.containers {
        match start(&mut session, name) {
            Ok(_) => println!("{name}"),
            Err(e) => {
                if let Some(prev) = failed.replace(anyhow::Error::from(e)) {
                    eprintln!("Error: {}", crate::cli::one_line(&prev));
                }
            }
        }
    }
    match failed {
        None => Ok(0),
        Some(e) => Err(e),
    }
}

fn attached(args: &StartArgs, mut session: Session) -> anyhow::Result<i32> {
    let [name] = args.containers.as_slice() else {
        anyhow::bail!("start -a attaches to one container: start the others without -a");
    };
    let streams = AttachStreams {
        stdin: args.interactive,
        stdout: true,
        stderr: true,
        detach_keys: args.flags.keys()?,
        sig_proxy: args.flags.sig_proxy,
        close_stdin_at_eof: true,
    };
    match start_attached(&mut session, name, &streams)? {
        Attached::Exited(code) => Ok(code),
        Attached::Detached => Ok(0),
    }
}
