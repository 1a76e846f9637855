//! `rpod volume inspect`: Podman's JSON array (indented as Podman's, by five spaces), or a
//! Go template per volume.

use clap::Args;
use serde::Serialize;

use crate::cli::Context;
use crate::engine::volume::{all, read, users::mount_count, Volume};
use crate::format::Template;

/// Display detailed information on one or more volumes.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format the output with a Go template (default: JSON)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Inspect all volumes
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, ctx: &Context) -> anyhow::Result<i32> {
    let (root, runroot) = (&ctx.paths.root, &ctx.paths.runroot);
    let mut volumes: Vec<Volume> = Vec::new();
    let mut missing = None;
    if args.all {
        volumes = all(root)?;
    }
    for name in &args.names {
        match read(root, name) {
            Ok(v) => volumes.push(v),
            Err(e) => {
                if let Some(prev) = missing.replace(e) {
                    eprintln!("Error: {prev}");
                }
            }
        }
    }
    for v in &mut volumes {
        v.mount_count = mount_count(root, runroot, &v.name);
    }
    match args.format.as_deref().map(str::trim) {
        None | Some("json") => println!("{}", podman_json(&volumes)?),
        Some(format) => {
            let template = Template::parse(&format.replace("\\t", "\t").replace("\\n", "\n"))?;
            for v in &volumes {
                let mut line = template.render(&serde_json::to_value(v)?)?;
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                print!("{line}");
            }
        }
    }
    match missing {
        Some(e) => Err(e.into()),
        None => Ok(0),
    }
}

/// JSON as Podman's `inspect` prints it: five spaces an indent.
fn podman_json(value: &impl Serialize) -> anyhow::Result<String> {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"     ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    value.serialize(&mut ser)?;
    Ok(String::from_utf8(out)?)
}
