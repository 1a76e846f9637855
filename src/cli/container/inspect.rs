//! `rpod inspect` (containers, then images, as Podman looks them up) and
//! `rpod container inspect`: Podman's JSON, or a Go template over it.

use clap::Args;
use serde_json::Value;

use super::view::inspect_object;
use crate::cli::Context;
use crate::engine::container::lookup::{find, LookupError};
use crate::engine::lifecycle::list::one;
use crate::format::Template;
use crate::image::store::Store;

/// Display the configuration of containers or images.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Go template or `json`
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// What to look for: container, image or all
    #[arg(short = 't', long = "type", default_value = "all", value_name = "TYPE")]
    pub kind: String,
    /// Names or IDs
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, ctx: &Context) -> anyhow::Result<i32> {
    let (containers, images) = match args.kind.as_str() {
        "all" => (true, true),
        "container" => (true, false),
        "image" => (false, true),
        other => anyhow::bail!("invalid --type {other:?}: give container, image or all"),
    };
    let store = images
        .then(|| Store::open_existing(&ctx.paths.root, ctx.paths.root_origin))
        .flatten();
    let index = match &store {
        Some(s) => Some(s.index()?),
        None => None,
    };
    let mut objects: Vec<Value> = Vec::new();
    let mut missing = None;
    for name in &args.names {
        if containers {
            match find(&ctx.paths.root, &ctx.paths.runroot, name) {
                Ok(dir) => {
                    objects.push(inspect_object(&one(
                        dir,
                        &ctx.paths.root,
                        ctx.paths.root_origin,
                    )?));
                    continue;
                }
                Err(LookupError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        match (index.as_ref().and_then(|i| i.find(name)), &store) {
            (Some(img), Some(store)) => objects.push(crate::image::inspect::inspect(store, img)?),
            _ => missing = Some(name.clone()),
        }
    }
    print(&objects, args.format.as_deref())?;
    if let Some(name) = missing {
        match (containers, images) {
            (true, false) => anyhow::bail!("no such container {name:?}"),
            _ => anyhow::bail!("no such object: {name:?}"),
        }
    }
    Ok(0)
}

/// `objects` as JSON, or each through the template.
pub fn print(objects: &[Value], format: Option<&str>) -> anyhow::Result<()> {
    match format.map(str::trim) {
        None | Some("json") => println!("{}", serde_json::to_string_pretty(objects)?),
        Some(format) => {
            let template = Template::parse(&format.replace("\\t", "\t").replace("\\n", "\n"))?;
            for obj in objects {
                let mut line = template.render(obj)?;
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                print!("{line}");
            }
        }
    }
    Ok(())
}
