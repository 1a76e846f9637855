//! `rpod save` / `rpod image save`: write images to a docker-archive or oci-archive, to a
//! file (`-o`) or to stdout (never to a terminal).

use crate::cli::Context;
use crate::image::archive::{self, Format, SaveOptions};
use crate::image::store::Store;
use anyhow::bail;
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    DockerArchive,
    OciArchive,
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Write to this file (default: stdout)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Archive format
    #[arg(long, value_enum, default_value = "docker-archive")]
    pub format: FormatArg,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
    /// Accepted for Podman compatibility: several images always go into one archive
    #[arg(short = 'm', long)]
    pub multi_image_archive: bool,
    /// Images to save (names or IDs)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn run(args: SaveArgs, ctx: &Context) -> anyhow::Result<i32> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("refusing to save to terminal. Use -o flag or redirect");
    }
    let format = match args.format {
        FormatArg::DockerArchive => Format::DockerArchive,
        FormatArg::OciArchive => Format::OciArchive,
    };
    let Some(store) = Store::open_existing(&ctx.paths.root, ctx.paths.root_origin) else {
        bail!("{}: image not known", args.images[0]);
    };
    archive::save(
        &store,
        &args.images,
        args.output.as_deref(),
        &SaveOptions { format },
    )?;
    Ok(0)
}
