//! `rpod pull`: fetch images; progress on stderr, the image ID on stdout.

use crate::cli::progress;
use crate::cli::registry_flags::RegistryFlags;
use crate::cli::Context;
use crate::image::manifest::Platform;
use crate::image::pull::{pull, PullOptions};
use crate::image::store::Store;
use anyhow::Context as _;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print only the image ID
    #[arg(short, long)]
    pub quiet: bool,
    /// Choose this platform from a multi-platform image (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Signature policy file to use instead of ~/.config/containers/policy.json or /etc/containers/policy.json
    #[arg(long, value_name = "FILE")]
    pub signature_policy: Option<PathBuf>,
    /// Image to pull (e.g. alpine, docker.io/library/alpine:latest, host:port/repo@sha256:...)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn run(args: PullArgs, ctx: &Context) -> anyhow::Result<i32> {
    let platform = match &args.platform {
        Some(p) => Some(
            Platform::parse(p)
                .with_context(|| format!("invalid --platform {p:?}: expected OS/ARCH[/VARIANT]"))?,
        ),
        None => None,
    };
    let opts = PullOptions {
        platform,
        registry: args.registry.options()?,
        authfile: args.registry.authfile.clone(),
        signature_policy: args.signature_policy.clone(),
        chown: ctx.ids.can_chown(),
    };
    let store = Store::open(&ctx.paths.root, ctx.paths.root_origin)?;
    for name in &args.images {
        let observer = progress::for_pull(args.quiet);
        let image = pull(&store, name, &opts, observer.as_ref())?;
        drop(observer);
        println!("{}", image.id.hex());
    }
    Ok(0)
}
