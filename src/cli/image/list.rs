//! `rpod images`: the table Podman prints, `-q`, `--digests`, `--no-trunc`, `--format`.

use crate::cli::Context;
use crate::format;
use crate::image::inspect::{list_json, list_rows};
use crate::image::store::Store;
use clap::Args;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show image digests
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate image IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Show all images (rpod has no intermediate images; accepted for compatibility)
    #[arg(short, long)]
    pub all: bool,
    /// Pretty-print with a Go template, or `json`
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only images whose name matches (e.g. alpine, docker.io/library/alpine:latest)
    #[arg(value_name = "IMAGE")]
    pub name: Option<String>,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Id", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("Created", "CREATED"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Size", "SIZE"),
    ("Names", "NAMES"),
    ("Dangling", "DANGLING"),
];

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<i32> {
    let index = match Store::open_existing(&ctx.paths.root, ctx.paths.root_origin) {
        Some(store) => store.index()?,
        None => Default::default(),
    };
    let mut images: Vec<_> = index.images.iter().collect();
    if let Some(name) = &args.name {
        let wanted = index.find(name).map(|img| img.id.clone());
        images.retain(|img| Some(&img.id) == wanted.as_ref());
    }
    // Newest first, as Podman sorts.
    images.sort_by(|a, b| b.created.cmp(&a.created).then(b.added.cmp(&a.added)));

    if args.quiet {
        let mut seen = Vec::new();
        for img in images {
            let id = if args.no_trunc {
                img.id.to_string()
            } else {
                img.id.hex()[..12].to_string()
            };
            if !seen.contains(&id) {
                println!("{id}");
                seen.push(id);
            }
        }
        return Ok(0);
    }
    if args.format.as_deref().is_some_and(|f| f.trim() == "json") {
        let list: Vec<_> = images.iter().map(|img| list_json(img)).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let mut rows: Vec<serde_json::Value> =
        images.iter().flat_map(|img| list_rows(img, now)).collect();
    if args.no_trunc {
        for row in &mut rows {
            row["ID"] = row["Id"].clone();
            row["ID"] =
                serde_json::Value::String(format!("sha256:{}", row["Id"].as_str().unwrap_or("")));
        }
    }
    let default = if args.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    };
    let template = args.format.as_deref().unwrap_or(default);
    print!("{}", format::render_rows(template, &rows, HEADERS)?);
    Ok(0)
}
