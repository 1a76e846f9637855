//! `rpod image inspect`: Podman's JSON array, or a Go template per image.

use crate::cli::Context;
use crate::format::Template;
use crate::image::inspect::inspect;
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Format the output with a Go template (default: JSON)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn run(args: InspectArgs, ctx: &Context) -> anyhow::Result<i32> {
    let store = Store::open_existing(&ctx.paths.root, ctx.paths.root_origin);
    let index = match &store {
        Some(s) => s.index()?,
        None => Default::default(),
    };
    let mut objects = Vec::new();
    let mut missing = Vec::new();
    for name in &args.images {
        match (index.find(name), &store) {
            (Some(img), Some(store)) => objects.push(inspect(store, img)?),
            _ => missing.push(name.clone()),
        }
    }
    match args.format.as_deref().map(str::trim) {
        None | Some("json") => println!("{}", serde_json::to_string_pretty(&objects)?),
        Some(format) => {
            let template = Template::parse(&format.replace("\\t", "\t").replace("\\n", "\n"))?;
            for obj in &objects {
                let mut line = template.render(obj)?;
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                print!("{line}");
            }
        }
    }
    if let Some(first) = missing.first() {
        anyhow::bail!("{first}: image not known");
    }
    Ok(0)
}
