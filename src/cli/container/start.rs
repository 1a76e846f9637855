//! `rpod start`: stored containers started again, detached, under monitors of their own;
//! prints each name as given, as Podman does.

use clap::Args;

use crate::engine::lifecycle::start::start;
use crate::engine::session::Session;

/// Start one or more containers.
#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach to the container's output (not supported yet: use `rpod logs -f`)
    #[arg(short = 'a', long)]
    pub attach: bool,
    /// Keep stdin attached (not supported yet)
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Containers to start (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: StartArgs, mut session: Session) -> anyhow::Result<i32> {
    if args.attach || args.interactive {
        anyhow::bail!("start -a and -i are not supported yet: start the container, then follow it with rpod logs -f and rpod wait");
    }
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
