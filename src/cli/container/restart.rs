//! `rpod restart`: each container stopped (if it runs) and started again; prints each name
//! as given.

use clap::Args;

use crate::engine::container::lookup::find;
use crate::engine::lifecycle::{start::start, stop::stop};
use crate::engine::session::Session;

/// Restart one or more containers.
#[derive(Args, Debug)]
pub struct RestartArgs {
    /// Seconds to wait for the stop before killing the container (default: its --stop-timeout)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Containers to restart (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: RestartArgs, mut session: Session) -> anyhow::Result<i32> {
    let mut last: Option<anyhow::Error> = None;
    for name in &args.containers {
        let paths = session.paths().clone();
        let result = (|| -> anyhow::Result<()> {
            let dir = find(&paths.root, &paths.runroot, name)?;
            stop(&dir, args.time)?;
            start(&mut session, name)?;
            Ok(())
        })();
        match result {
            Ok(()) => println!("{name}"),
            Err(e) => {
                if let Some(prev) = last.replace(e) {
                    eprintln!("Error: {}", crate::cli::one_line(&prev));
                }
            }
        }
    }
    last.map_or(Ok(0), Err)
}
