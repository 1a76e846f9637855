//! `rpod info`: Podman's YAML by default, `--format json` with its lowerCamel keys, and Go
//! templates over its Go field names (`{{.Host.OCIRuntime.Name}}`, see `go_names`).

use super::go_names::to_go_names;
use crate::cli::Context;
use crate::engine::system::info;
use clap::Args;

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Change the output format to JSON or a Go template (e.g. '{{.Store.GraphRoot}}')
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn run(args: InfoArgs, ctx: &Context) -> anyhow::Result<i32> {
    let value = serde_json::to_value(info::gather(&ctx.paths)?)?;
    match args.format.as_deref() {
        Some(f) if crate::format::is_json(f) => {
            println!("{}", serde_json::to_string_pretty(&value)?)
        }
        Some(f) => print!("{}", super::render_one(f, &to_go_names(&value))?),
        None => print!("{}", super::yaml::to_yaml(&value)),
    }
    Ok(0)
}
