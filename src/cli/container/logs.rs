//! `rpod logs`: a container's output as its monitor logged it; stdout's lines to stdout,
//! stderr's to stderr, as Podman prints them.

use std::io::Write;

use clap::Args;

use crate::cli::Context;
use crate::engine::container::lookup::find;
use crate::engine::lifecycle::logs::{logs, parse_time, LogOptions};
use crate::runtime::monitor::log::Stream;

/// Fetch the logs of one or more containers.
#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Follow the log until the container exits
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Show the container's name before each line
    #[arg(short = 'n', long)]
    pub names: bool,
    /// Show lines since TIME (RFC 3339, a Unix timestamp, or a duration such as 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show lines until TIME
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Show the last N lines only (-1: all)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub tail: Option<i64>,
    /// Show the time of each line
    #[arg(short = 't', long)]
    pub timestamps: bool,
    /// Containers (names or IDs)
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: LogsArgs, ctx: &Context) -> anyhow::Result<i32> {
    let now = chrono::Utc::now();
    let opts = LogOptions {
        since: args
            .since
            .as_deref()
            .map(|s| parse_time(s, now))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_time(s, now))
            .transpose()?,
        tail: args.tail.filter(|n| *n >= 0).map(|n| n as usize),
        follow: args.follow,
    };
    let dirs = args
        .containers
        .iter()
        .map(|c| find(&ctx.paths.root, &ctx.paths.runroot, c))
        .collect::<Result<Vec<_>, _>>()?;
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    for dir in &dirs {
        let name = dir
            .read_state()
            .map(|s| s.name)
            .unwrap_or_else(|_| dir.id().to_string());
        logs(dir, &opts, &mut |line| {
            let mut text = Vec::new();
            if args.names {
                text.extend_from_slice(name.as_bytes());
                text.push(b' ');
            }
            if args.timestamps {
                text.extend_from_slice(line.time.as_bytes());
                text.push(b' ');
            }
            text.extend_from_slice(&line.text);
            let _ = match line.stream {
                Stream::Stdout => stdout
                    .lock()
                    .write_all(&text)
                    .and_then(|()| stdout.lock().flush()),
                Stream::Stderr => stderr.lock().write_all(&text),
            };
        })?;
    }
    Ok(0)
}
