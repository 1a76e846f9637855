//! `rpod ps`: Podman's table of containers, `-a`, `-q`, `-n`, `-l`, `--no-trunc`,
//! `--filter`, `--format`, `--noheading`, `--sort`.

use clap::Args;
use serde_json::Value;

use super::view::{ps_row, state_word};
use crate::cli::Context;
use crate::engine::lifecycle::list::{list, Listed};
use crate::format;

/// List containers.
#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all containers (default: running ones)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Show only the IDs
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Show the last N created containers (of all)
    #[arg(short = 'n', long = "last", value_name = "N")]
    pub last: Option<usize>,
    /// Show the latest created container (of all)
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Do not truncate IDs and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter: id=, name=, status=, ancestor=, label=KEY[=VALUE], exited=CODE
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Go template or `json`
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header line
    #[arg(long)]
    pub noheading: bool,
    /// Sort by created (default), id, image, names, runningfor, status
    #[arg(long, default_value = "created", value_name = "KEY")]
    pub sort: String,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Id", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("ImageID", "IMAGE ID"),
    ("Command", "COMMAND"),
    ("CommandText", "COMMAND"),
    ("CreatedHuman", "CREATED"),
    ("CreatedAt", "CREATED"),
    ("Created", "CREATED"),
    ("RunningFor", "CREATED"),
    ("Status", "STATUS"),
    ("State", "STATE"),
    ("PortsText", "PORTS"),
    ("Ports", "PORTS"),
    ("Names", "NAMES"),
    ("NamesText", "NAMES"),
    ("Labels", "LABELS"),
    ("Mounts", "MOUNTS"),
    ("Pid", "PID"),
    ("ExitCode", "EXIT CODE"),
];

const DEFAULT: &str = "table {{.ID}}\t{{.Image}}\t{{.CommandText}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.PortsText}}\t{{.NamesText}}";

/// One `--filter`.
struct Filter {
    key: String,
    value: String,
    /// `name=`: Podman matches names with a regular expression (unanchored).
    name: Option<regex_lite::Regex>,
}

impl Filter {
    fn parse(s: &str) -> anyhow::Result<Filter> {
        let (key, value) = s.split_once('=').ok_or_else(|| {
            anyhow::anyhow!(
                "invalid filter {s:?}: give KEY=VALUE (id, name, status, ancestor, label, exited)"
            )
        })?;
        match key {
            "id" | "name" | "status" | "ancestor" | "label" | "exited" => Ok(Filter {
                key: key.to_string(),
                value: value.to_string(),
                name: match key {
                    "name" => Some(regex_lite::Regex::new(value).map_err(|e| {
                        anyhow::anyhow!(
                            "invalid filter name={value:?}: not a regular expression ({})",
                            e.to_string().lines().last().unwrap_or_default().trim()
                        )
                    })?),
                    _ => None,
                },
            }),
            _ => anyhow::bail!(
                "invalid filter {key:?}: rpod filters on id, name, status, ancestor, label, exited"
            ),
        }
    }

    fn matches(&self, c: &Listed) -> bool {
        let st = &c.state;
        let v = self.value.as_str();
        match self.key.as_str() {
            "id" => st.id.starts_with(v),
            "name" => self.name.as_ref().is_some_and(|re| re.is_match(&st.name)),
            "status" => {
                state_word(st.status) == v || (v == "stopped" && st.status.as_str() == "stopped")
            }
            "ancestor" => {
                v == st.image
                    || c.image_name == v
                    || c.image_name
                        .strip_suffix(":latest")
                        .is_some_and(|n| n.ends_with(&format!("/{v}")) || n == v)
                    || c.image_name.ends_with(&format!("/{v}"))
                    || (v.len() >= 3 && st.image_id.starts_with(v.trim_start_matches("sha256:")))
            }
            "label" => {
                let labels = c.spec.as_ref().map(|s| &s.labels);
                match v.split_once('=') {
                    Some((k, val)) => labels.and_then(|l| l.get(k)).is_some_and(|x| x == val),
                    None => labels.is_some_and(|l| l.contains_key(v)),
                }
            }
            "exited" => {
                st.exit_code.is_some_and(|code| code.to_string() == v) && !st.status.is_running()
            }
            _ => false,
        }
    }
}

pub fn run(args: PsArgs, ctx: &Context) -> anyhow::Result<i32> {
    let filters = args
        .filter
        .iter()
        .map(|f| Filter::parse(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let sort = args.sort.as_str();
    if !["created", "id", "image", "names", "runningfor", "status"].contains(&sort) {
        anyhow::bail!(
            "invalid --sort {sort:?}: give created, id, image, names, runningfor or status"
        );
    }
    let mut all = list(&ctx.paths.root, &ctx.paths.runroot, ctx.paths.root_origin)?;
    // Newest first.
    all.sort_by(|a, b| b.state.created.cmp(&a.state.created));
    let last = if args.latest { Some(1) } else { args.last };
    let show_all = args.all || last.is_some();
    let mut shown: Vec<Listed> = all
        .into_iter()
        .filter(|c| show_all || c.state.status.is_running())
        .filter(|c| {
            // Several values of one key: any; different keys: all.
            let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
            keys.dedup();
            keys.iter()
                .all(|k| filters.iter().filter(|f| f.key == *k).any(|f| f.matches(c)))
        })
        .collect();
    if let Some(n) = last {
        shown.truncate(n);
    }
    match sort {
        "id" => shown.sort_by(|a, b| a.state.id.cmp(&b.state.id)),
        "image" => shown.sort_by(|a, b| a.image_name.cmp(&b.image_name)),
        "names" => shown.sort_by(|a, b| a.state.name.cmp(&b.state.name)),
        "status" => {
            shown.sort_by(|a, b| state_word(a.state.status).cmp(state_word(b.state.status)))
        }
        _ => {}
    }
    if args.quiet {
        for c in &shown {
            let id = &c.state.id;
            println!(
                "{}",
                if args.no_trunc {
                    id
                } else {
                    &id[..12.min(id.len())]
                }
            );
        }
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let mut rows: Vec<Value> = shown
        .iter()
        .map(|c| ps_row(c, now, args.no_trunc))
        .collect();
    let template = args.format.clone().unwrap_or_else(|| DEFAULT.to_string());
    if format::is_json(&template) {
        // Podman's JSON has no template-only fields.
        for row in &mut rows {
            if let Some(obj) = row.as_object_mut() {
                for k in [
                    "ID",
                    "CommandText",
                    "RunningFor",
                    "CreatedHuman",
                    "PortsText",
                    "NamesText",
                ] {
                    obj.remove(k);
                }
            }
        }
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    // In a user's template, `.Names` and `.Command` print as Podman's strings do.
    let template = template
        .replace("{{.Names}}", "{{.NamesText}}")
        .replace("{{.Command}}", "{{.CommandText}}")
        .replace("{{.Ports}}", "{{.PortsText}}");
    let mut out = format::render_rows(&template, &rows, HEADERS)?;
    if args.noheading && template.starts_with("table") {
        out = out
            .split_once('\n')
            .map(|(_, rest)| rest.to_string())
            .unwrap_or_default();
    }
    print!("{out}");
    Ok(0)
}
