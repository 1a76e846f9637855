//! `rpod version`, `rpod info` and `rpod system ...` (Podman's `cmd/podman/system/`): they
//! print what `engine::system` gathers, and read only (no user namespace).

pub mod df;
pub mod go_names;
pub mod info;
pub mod version;
pub mod yaml;

use super::Context;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Show rpod disk usage
    Df(df::DfArgs),
    /// Display rpod related system information
    Info(info::InfoArgs),
}

impl SystemCommand {
    pub fn run(self, ctx: &Context) -> anyhow::Result<i32> {
        match self {
            SystemCommand::Df(args) => df::run(args, ctx),
            SystemCommand::Info(args) => info::run(args, ctx),
        }
    }
}

/// A Go template over one value (Podman's `--format` for `info` and `version`).
pub(crate) fn render_one(format: &str, value: &serde_json::Value) -> anyhow::Result<String> {
    Ok(crate::format::render_rows(
        format,
        std::slice::from_ref(value),
        &[],
    )?)
}
