//! `rpod cp SRC DEST`: one of the two is `CONTAINER:PATH`; the other a host path, or `-` for
//! a tar on stdin or stdout.

use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::cp::{copy_in, copy_out, HostEnd};

/// Copy files between a container and the host.
#[derive(Args, Debug)]
pub struct CpArgs {
    /// Give copied files the container's user as owner (Podman's default; rpod always does)
    #[arg(short = 'a', long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub archive: bool,
    /// `CONTAINER:PATH`, a host path, or `-` (a tar on stdin)
    pub src: String,
    /// `CONTAINER:PATH`, a host path, or `-` (a tar to stdout)
    pub dest: String,
}

/// One end as written: `CONTAINER:PATH` (a name never starts with `/` or `.`), else the host.
enum End {
    Container(String, String),
    Host(HostEnd),
}

fn end(s: &str) -> End {
    if s == "-" {
        return End::Host(HostEnd::Stdio);
    }
    match s.split_once(':') {
        Some((ctr, path)) if !ctr.is_empty() && !ctr.starts_with(['/', '.']) => {
            End::Container(ctr.to_string(), path.to_string())
        }
        _ => End::Host(HostEnd::Path(PathBuf::from(s))),
    }
}

pub fn run(args: CpArgs, ctx: &Context) -> anyhow::Result<i32> {
    if !args.archive {
        anyhow::bail!("cp --archive=false is not supported: rpod gives copied files the container's user as owner");
    }
    let find = |name: &str| find(&ctx.paths.root, &ctx.paths.runroot, name);
    match (end(&args.src), end(&args.dest)) {
        (End::Container(ctr, path), End::Host(to)) => {
            copy_out(&ctx.paths, &find(&ctr)?, &absolute(&path), to)?
        }
        (End::Host(from), End::Container(ctr, path)) => {
            copy_in(&ctx.paths, &find(&ctr)?, from, &absolute(&path))?
        }
        (End::Container(..), End::Container(..)) => {
            anyhow::bail!("copying between containers is not supported: copy to the host first")
        }
        (End::Host(_), End::Host(_)) => {
            anyhow::bail!("one of SRC and DEST must be CONTAINER:PATH")
        }
    }
    Ok(0)
}

/// A container path is taken from its `/` (Podman: relative to the working directory; rpod
/// reads it from `/`, which is the default one).
fn absolute(path: &str) -> String {
    match path.starts_with('/') {
        true => path.to_string(),
        false => format!("/{path}"),
    }
}
