//! `rpod volume create [NAME]`: prints the name (a new 64-hex-digit one when none is given).

use clap::Args;

use crate::cli::Context;
use crate::engine::volume::create::{create, NewVolume};

/// Create a new volume.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Set a label on the volume (KEY=VALUE)
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub labels: Vec<String>,
    /// Driver options (refused: rpod's volumes are plain directories)
    #[arg(short = 'o', long = "opt", value_name = "KEY=VALUE")]
    pub opts: Vec<String>,
    /// Volume driver (only `local`)
    #[arg(short = 'd', long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Do not fail if the volume already exists
    #[arg(long)]
    pub ignore: bool,
    /// The volume's name
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

pub fn run(args: CreateArgs, ctx: &Context) -> anyhow::Result<i32> {
    if args.driver != "local" {
        anyhow::bail!(
            "volume driver {:?} is not supported: rpod has only the \"local\" driver",
            args.driver
        );
    }
    let new = NewVolume {
        name: args
            .name
            .unwrap_or_else(crate::engine::container::layout::new_id),
        labels: super::key_values(&args.labels),
        options: super::key_values(&args.opts),
        anonymous: false,
    };
    match create(&ctx.paths.root, &new) {
        Ok(v) => println!("{}", v.name),
        Err(crate::engine::volume::VolumeError::Exists(_)) if args.ignore => {
            println!("{}", new.name)
        }
        Err(e) => return Err(e.into()),
    }
    Ok(0)
}
