//! `rpod volume ...`: Podman's `cmd/podman/volumes/`, one file per verb. `ls`, `inspect`
//! and `exists` only read and never enter the user namespace; `rm` and `prune` delete files
//! of subordinate owners and do.

pub mod create;
pub mod exists;
pub mod inspect;
pub mod ls;
pub mod prune;
pub mod rm;

use super::Context;
use crate::engine::session::Userns;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a new volume
    Create(create::CreateArgs),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(ls::LsArgs),
    /// Display detailed information on one or more volumes
    Inspect(inspect::InspectArgs),
    /// Remove one or more volumes
    #[command(visible_alias = "remove")]
    Rm(rm::RmArgs),
    /// Remove all unused volumes
    Prune(prune::PruneArgs),
    /// Check if a volume exists (status 0 if it does, 1 if not)
    Exists(exists::ExistsArgs),
}

impl VolumeCommand {
    pub fn user_namespace(&self) -> Userns {
        match self {
            VolumeCommand::Rm(_) | VolumeCommand::Prune(_) => Userns::Enter,
            _ => Userns::Skip,
        }
    }

    pub fn run(self, ctx: &Context) -> anyhow::Result<i32> {
        match self {
            VolumeCommand::Create(a) => create::run(a, ctx),
            VolumeCommand::Ls(a) => ls::run(a, ctx),
            VolumeCommand::Inspect(a) => inspect::run(a, ctx),
            VolumeCommand::Rm(a) => rm::run(a, ctx),
            VolumeCommand::Prune(a) => prune::run(a, ctx),
            VolumeCommand::Exists(a) => exists::run(a, ctx),
        }
    }
}

/// `KEY=VALUE` pairs (`--label`, `--opt`): a bare `KEY` gets an empty value, as in Podman.
fn key_values(items: &[String]) -> std::collections::BTreeMap<String, String> {
    items
        .iter()
        .map(|i| match i.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (i.clone(), String::new()),
        })
        .collect()
}
