//! `rpod system df`: Podman's summary table (TYPE TOTAL ACTIVE SIZE RECLAIMABLE), `-v` for
//! the images, containers and volumes behind it, `--format` over the summary rows.

use crate::cli::Context;
use crate::engine::system::df::{self, DiskUsage, Usage};
use crate::format;
use crate::image::inspect::human_since;
use clap::Args;
use serde_json::{json, Value};

#[derive(Debug, Args)]
pub struct DfArgs {
    /// Show detailed information on disk usage
    #[arg(short, long)]
    pub verbose: bool,
    /// Pretty-print with a Go template (e.g. '{{.Type}} {{.Size}}'), or `json`
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

const HEADERS: &[(&str, &str)] = &[
    ("Type", "TYPE"),
    ("Total", "TOTAL"),
    ("Active", "ACTIVE"),
    ("Size", "SIZE"),
    ("Reclaimable", "RECLAIMABLE"),
];

const DEFAULT: &str = "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

pub fn run(args: DfArgs, ctx: &Context) -> anyhow::Result<i32> {
    let usage = df::gather(&ctx.paths);
    if args.verbose {
        if args.format.is_some() {
            anyhow::bail!("cannot combine --format and --verbose flags");
        }
        print!("{}", verbose(&usage));
        return Ok(0);
    }
    let rows = [
        row("Images", &usage.images),
        row("Containers", &usage.containers),
        row("Local Volumes", &usage.volumes),
    ];
    let template = args.format.as_deref().unwrap_or(DEFAULT);
    print!("{}", format::render_rows(template, &rows, HEADERS)?);
    Ok(0)
}

fn row(kind: &str, u: &Usage) -> Value {
    json!({
        "Type": kind,
        "Total": u.total,
        "Active": u.active,
        "RawSize": u.size,
        "RawReclaimable": u.reclaimable,
        "Size": human_size(u.size),
        "Reclaimable": format!("{} ({}%)", human_size(u.reclaimable), percent(u.reclaimable, u.size)),
    })
}

fn percent(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        0
    } else {
        (part as f64 * 100.0 / whole as f64).round() as u64
    }
}

/// Docker's `units.HumanSize` as `system df` prints it: decimal units, `%.4g`, no space
/// (`0B`, `7.336MB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let int_digits = if value < 1.0 {
        1
    } else {
        value.log10().floor() as usize + 1
    };
    let decimals = 4usize.saturating_sub(int_digits);
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text}{}", UNITS[unit])
}

fn verbose(u: &DiskUsage) -> String {
    let now = chrono::Utc::now();
    // Podman's df says `2 years`, where `images` says `2 years ago`.
    let since = |rfc: &str| {
        chrono::DateTime::parse_from_rfc3339(rfc)
            .map(|t| human_since(t.with_timezone(&chrono::Utc), now))
            .map(|s| s.trim_end_matches(" ago").to_string())
            .unwrap_or_default()
    };
    let mut out = String::from("Images space usage:\n\n");
    let mut table = String::from(
        "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n",
    );
    for img in &u.image_rows {
        let r = &img.record;
        let names: Vec<(String, String)> = if r.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            r.names
                .iter()
                .map(|n| {
                    let (repo, tag) = crate::image::store::index::split_tag(n);
                    (repo.to_string(), tag.unwrap_or("<none>").to_string())
                })
                .collect()
        };
        for (repo, tag) in names {
            table.push_str(&format!(
                "{repo}\t{tag}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                &r.id.hex()[..12],
                r.created.as_deref().map(since).unwrap_or_default(),
                human_size(r.size()),
                human_size(img.shared),
                human_size(r.size() - img.shared),
                img.containers
            ));
        }
    }
    out.push_str(&format::align_columns(&table));
    out.push_str("\nContainers space usage:\n\n");
    let mut table =
        String::from("CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n");
    for c in &u.container_rows {
        table.push_str(&format!(
            "{}\t{}\t{}\t0\t{}\t{}\t{}\t{}\n",
            &c.id[..c.id.len().min(12)],
            &c.image_id[..c.image_id.len().min(12)],
            c.command,
            human_size(c.size),
            since(&c.created),
            c.status,
            c.name
        ));
    }
    out.push_str(&format::align_columns(&table));
    out.push_str("\nLocal Volumes space usage:\n\n");
    out.push_str(&format::align_columns("VOLUME NAME\tLINKS\tSIZE\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_as_system_df_prints_them() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(7_336_120), "7.336MB");
        assert_eq!(human_size(123_450_000), "123.5MB");
        assert_eq!(human_size(12_000), "12kB");
    }
}
