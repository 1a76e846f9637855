//! `rpod diff`: what a container changed of its image (`A`, `C`, `D` and the path, as Podman
//! prints it; `--format json` as Podman's `{"changed":[...],"added":[...],"deleted":[...]}`).

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::diff::diff;

/// Show what a container changed of its image.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// `json`, or the default lines
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The container (name or ID)
    pub container: String,
}

pub fn run(args: DiffArgs, ctx: &Context) -> anyhow::Result<i32> {
    let dir = find(&ctx.paths.root, &ctx.paths.runroot, &args.container)?;
    let changes = diff(&ctx.paths, &dir)?;
    match args.format.as_deref() {
        None => {
            for c in changes {
                println!("{} {}", c.kind, c.path);
            }
        }
        Some("json") => {
            let of = |k: char| -> Vec<&str> {
                changes
                    .iter()
                    .filter(|c| c.kind == k)
                    .map(|c| c.path.as_str())
                    .collect()
            };
            let v = serde_json::json!({"changed": of('C'), "added": of('A'), "deleted": of('D')});
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Some(other) => anyhow::bail!("invalid --format {other:?}: diff prints lines, or json"),
    }
    Ok(0)
}
