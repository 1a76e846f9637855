//! `rpod system reset`: every container stopped and removed, then the store and the run root
//! deleted, after Podman's warning (`-f` skips it).

use clap::Args;

use crate::cli::Context;
use crate::engine::system::reset::reset;

/// Reset rpod storage.
#[derive(Args, Debug)]
pub struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(args: ResetArgs, ctx: &Context) -> anyhow::Result<i32> {
    if !args.force {
        let question = format!(
            "WARNING! This will remove:\n        - all containers\n        - all images\n        \
             - all volumes\n        - the graphRoot directory: {:?}\n        \
             - the runRoot directory: {:?}\nAre you sure you want to continue?",
            ctx.paths.root, ctx.paths.runroot
        );
        match crate::cli::confirm(&question) {
            Ok(true) => {}
            Ok(false) => return Ok(0),
            // Podman's reset, unlike its prunes, ends with status 1 here.
            Err(e) => {
                eprintln!("Error: {}", crate::cli::one_line(&e));
                return Ok(1);
            }
        }
    }
    reset(&ctx.paths)?;
    Ok(0)
}
