//! `rpod top CONTAINER [DESCRIPTOR...]`: the container's processes, Podman's table.

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::top::{title, top, DEFAULT};

/// Display the running processes of a container.
#[derive(Args, Debug)]
pub struct TopArgs {
    /// The container (name or ID)
    pub container: String,
    /// Descriptors (default: user pid ppid pcpu etime tty time args); commas or spaces
    #[arg(allow_hyphen_values = true, trailing_var_arg = true)]
    pub descriptors: Vec<String>,
}

pub fn run(args: TopArgs, ctx: &Context) -> anyhow::Result<i32> {
    let mut descriptors: Vec<String> = args
        .descriptors
        .iter()
        .flat_map(|d| d.split(','))
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect();
    if descriptors.is_empty() {
        descriptors = DEFAULT.iter().map(|d| d.to_string()).collect();
    }
    let titles = descriptors
        .iter()
        .map(|d| title(d))
        .collect::<Result<Vec<_>, _>>()?;
    let dir = find(&ctx.paths.root, &ctx.paths.runroot, &args.container)?;
    let rows = top(&dir, &descriptors)?;
    let mut text = titles.join("\t") + "\n";
    for row in rows {
        text += &row.join("\t");
        text.push('\n');
    }
    print!("{}", crate::format::align_columns(&text));
    Ok(0)
}
