//! `rpod volume ls`: Podman's table (DRIVER, VOLUME NAME), `-q`, `--format`, `--noheading`,
//! `--filter name=|label=|driver=|scope=|dangling=`.

use clap::Args;
use serde_json::{json, Value};

use crate::cli::Context;
use crate::engine::volume::{all, users::used_names, Volume};
use crate::format;

/// List volumes.
#[derive(Args, Debug)]
pub struct LsArgs {
    /// Filter the output (name=, label=KEY[=VALUE], driver=, scope=, dangling=true|false)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Pretty-print with a Go template, or `json`
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Print only the volume names
    #[arg(short, long)]
    pub quiet: bool,
}

const HEADERS: &[(&str, &str)] = &[
    ("Name", "VOLUME NAME"),
    ("Driver", "DRIVER"),
    ("Mountpoint", "MOUNTPOINT"),
    ("CreatedAt", "CREATED AT"),
    ("Labels", "LABELS"),
    ("Scope", "SCOPE"),
    ("Options", "OPTIONS"),
    ("MountCount", "MOUNT COUNT"),
];

/// One `--filter KEY=VALUE`; filters of one key match if any value does, all keys must.
enum Filter {
    Name(String),
    Label(String, Option<String>),
    Driver(String),
    Scope(String),
    Dangling(bool),
}

fn parse_filter(f: &str) -> anyhow::Result<Filter> {
    let Some((key, value)) = f.split_once('=') else {
        anyhow::bail!("invalid filter {f:?}: expected KEY=VALUE");
    };
    Ok(match key {
        "name" => {
            let literal = value.trim_start_matches('^').trim_end_matches('$');
            if literal.contains(['*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\']) {
                anyhow::bail!("invalid filter {f:?}: rpod matches names as text (with ^ and $ anchors), not as regular expressions");
            }
            Filter::Name(value.to_string())
        }
        "label" => match value.split_once('=') {
            Some((k, v)) => Filter::Label(k.to_string(), Some(v.to_string())),
            None => Filter::Label(value.to_string(), None),
        },
        "driver" => Filter::Driver(value.to_string()),
        "scope" => Filter::Scope(value.to_string()),
        "dangling" => match value {
            "true" | "1" => Filter::Dangling(true),
            "false" | "0" => Filter::Dangling(false),
            _ => anyhow::bail!("invalid filter {f:?}: dangling takes true or false"),
        },
        _ => anyhow::bail!(
            "invalid filter {key:?}: rpod filters volumes by name, label, driver, scope and dangling"
        ),
    })
}

fn name_matches(pattern: &str, name: &str) -> bool {
    let (start, p) = match pattern.strip_prefix('^') {
        Some(p) => (true, p),
        None => (false, pattern),
    };
    let (end, p) = match p.strip_suffix('$') {
        Some(p) => (true, p),
        None => (false, p),
    };
    match (start, end) {
        (true, true) => name == p,
        (true, false) => name.starts_with(p),
        (false, true) => name.ends_with(p),
        (false, false) => name.contains(p),
    }
}

fn matches(f: &Filter, v: &Volume, dangling: bool) -> bool {
    match f {
        Filter::Name(p) => name_matches(p, &v.name),
        Filter::Label(k, None) => v.labels.contains_key(k),
        Filter::Label(k, Some(val)) => v.labels.get(k) == Some(val),
        Filter::Driver(d) => &v.driver == d,
        Filter::Scope(s) => &v.scope == s,
        Filter::Dangling(want) => *want == dangling,
    }
}

fn kind(f: &Filter) -> u8 {
    match f {
        Filter::Name(_) => 0,
        Filter::Label(..) => 1,
        Filter::Driver(_) => 2,
        Filter::Scope(_) => 3,
        Filter::Dangling(_) => 4,
    }
}

pub fn run(args: LsArgs, ctx: &Context) -> anyhow::Result<i32> {
    let filters = args
        .filters
        .iter()
        .map(|f| parse_filter(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let used = filters
        .iter()
        .any(|f| matches!(f, Filter::Dangling(_)))
        .then(|| used_names(&ctx.paths.root));
    let volumes: Vec<Volume> = all(&ctx.paths.root)?
        .into_iter()
        .filter(|v| {
            let dangling = used.as_ref().is_some_and(|u| !u.contains(&v.name));
            (0..5).all(|k| {
                let mut of_kind = filters.iter().filter(|f| kind(f) == k).peekable();
                of_kind.peek().is_none() || of_kind.any(|f| matches(f, v, dangling))
            })
        })
        .collect();
    if args.quiet {
        for v in &volumes {
            println!("{}", v.name);
        }
        return Ok(0);
    }
    let rows: Vec<Value> = volumes
        .iter()
        .map(|v| {
            let mut row = serde_json::to_value(v).unwrap_or(json!({}));
            // Podman's list entries carry no copy-up flags.
            if let Some(o) = row.as_object_mut() {
                o.remove("NeedsCopyUp");
                o.remove("NeedsChown");
            }
            row
        })
        .collect();
    let mut template = args
        .format
        .unwrap_or_else(|| "table {{.Driver}}\t{{.Name}}".to_string());
    if args.noheading {
        if let Some(body) = template.strip_prefix("table ") {
            template = body.to_string();
        }
    }
    // Podman prints no header over an empty list.
    if rows.is_empty() && !format::is_json(&template) {
        return Ok(0);
    }
    print!("{}", format::render_rows(&template, &rows, HEADERS)?);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_text_with_anchors() {
        assert!(name_matches("db", "mydb1"));
        assert!(name_matches("^my", "mydb"));
        assert!(!name_matches("^db", "mydb"));
        assert!(name_matches("db$", "mydb"));
        assert!(name_matches("^mydb$", "mydb"));
        assert!(!name_matches("^my$", "mydb"));
        assert!(parse_filter("name=a*").is_err());
        assert!(parse_filter("bogus=1").is_err());
    }
}
