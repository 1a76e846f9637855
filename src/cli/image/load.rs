//! `rpod load` / `rpod image load`: add the images of a docker-archive or oci-archive (a file
//! with `-i`, else stdin) to the store, printing Podman's `Loaded image: NAME` lines.

use crate::cli::progress;
use crate::cli::Context;
use crate::image::archive::{self, LoadOptions};
use crate::image::store::Store;
use anyhow::bail;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read from this archive file (default: stdin)
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Suppress the progress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json
    #[arg(long, value_name = "FILE")]
    pub signature_policy: Option<PathBuf>,
}

pub fn run(args: LoadArgs, ctx: &Context) -> anyhow::Result<i32> {
    if args.input.is_none() && std::io::stdin().is_terminal() {
        bail!("cannot read from terminal, use command-line redirection or the --input flag");
    }
    let store = Store::open(&ctx.paths.root, ctx.paths.root_origin)?;
    let opts = LoadOptions {
        chown: ctx.ids.can_chown(),
        signature_policy: args.signature_policy.clone(),
    };
    let observer = progress::for_pull(args.quiet);
    let loaded = archive::load(&store, args.input.as_deref(), &opts, observer.as_ref())?;
    drop(observer);
    for image in loaded {
        if image.names.is_empty() {
            println!("Loaded image: {}", image.id);
        }
        for name in image.names {
            println!("Loaded image: {name}");
        }
    }
    Ok(0)
}
