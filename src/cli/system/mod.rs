//! `rpod version`, `rpod info` and `rpod system ...` (Podman's `cmd/podman/system/`): they
//! print what `engine::system` gathers, and read only (no user namespace) — but for `prune`
//! and `reset`, which delete files of subordinate owners and enter it.

pub mod df;
pub mod go_names;
pub mod info;
pub mod prune;
pub mod reset;
pub mod version;
pub mod yaml;

use super::Context;
use crate::engine::session::Userns;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Show rpod disk usage
    Df(df::DfArgs),
    /// Display rpod related system information
    Info(info::InfoArgs),
    /// Remove unused data: stopped containers, dangling images (and unused volumes)
    Prune(prune::PruneArgs),
    /// Reset rpod storage: remove all containers, images and volumes
    Reset(reset::ResetArgs),
}

impl SystemCommand {
    /// `prune` and `reset` enter rpod's user namespace (see `Command::user_namespace`).
    pub fn user_namespace(&self) -> Userns {
        match self {
            SystemCommand::Prune(_) | SystemCommand::Reset(_) => Userns::Enter,
            SystemCommand::Df(_) | SystemCommand::Info(_) => Userns::Skip,
        }
    }

    pub fn run(self, ctx: &Context) -> anyhow::Result<i32> {
        match self {
            SystemCommand::Df(args) => df::run(args, ctx),
            SystemCommand::Info(args) => info::run(args, ctx),
            SystemCommand::Prune(args) => prune::run(args, ctx),
            SystemCommand::Reset(args) => reset::run(args, ctx),
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
