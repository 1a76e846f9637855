//! `rpod image ...` and the top-level image verbs (`pull`, `images`, `tag`, `rmi`).

pub mod exists;
pub mod inspect;
pub mod list;
pub mod load;
pub mod prune;
pub mod pull;
pub mod rm;
pub mod save;
pub mod tag;

use super::Context;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Pull an image from a registry
    Pull(pull::PullArgs),
    /// List images in local storage
    #[command(visible_alias = "list", name = "ls")]
    Ls(list::ListArgs),
    /// Display the configuration of an image
    Inspect(inspect::InspectArgs),
    /// Check if an image exists in local storage (exit 0 if it does, 1 if not)
    Exists(exists::ExistsArgs),
    /// Add a name to a local image
    Tag(tag::TagArgs),
    /// Remove one or more images from local storage
    Rm(rm::RmArgs),
    /// Remove unused images
    Prune(prune::PruneArgs),
    /// Save images to an archive
    Save(save::SaveArgs),
    /// Load images from an archive
    Load(load::LoadArgs),
}

impl ImageCommand {
    pub fn needs_user_namespace(&self) -> bool {
        matches!(
            self,
            ImageCommand::Pull(_)
                | ImageCommand::Rm(_)
                | ImageCommand::Prune(_)
                | ImageCommand::Load(_)
        )
    }

    pub fn run(self, ctx: &Context) -> anyhow::Result<i32> {
        match self {
            ImageCommand::Pull(args) => pull::run(args, ctx),
            ImageCommand::Ls(args) => list::run(args, ctx),
            ImageCommand::Inspect(args) => inspect::run(args, ctx),
            ImageCommand::Exists(args) => exists::run(args, ctx),
            ImageCommand::Tag(args) => tag::run(args, ctx),
            ImageCommand::Rm(args) => rm::run(args, ctx),
            ImageCommand::Prune(args) => prune::run(args, ctx),
            ImageCommand::Save(args) => save::run(args, ctx),
            ImageCommand::Load(args) => load::run(args, ctx),
        }
    }
}
