//! `rpod port`: the container's published ports. rpod publishes none yet (containers have no
//! network but their loopback): it prints nothing, as Podman does for a container without
//! published ports.

use clap::Args;

use super::for_each;
use crate::cli::Context;

/// List the published ports of a container.
#[derive(Args, Debug)]
pub struct PortArgs {
    /// The container (name or ID)
    pub container: String,
}

pub fn run(args: PortArgs, ctx: &Context) -> anyhow::Result<i32> {
    for_each(ctx, &[args.container], false, |_, _| Ok(()))?;
    Ok(0)
}
