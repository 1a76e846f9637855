//! The command line: clap definitions and printing only; the work is done by the engine.
//!
//! One file per command (as Podman's `cmd/podman/<noun>/<verb>.go`); each defines its clap
//! `Args` and a `run` function that calls the engine and prints the result.

use crate::config::paths::Paths;

/// What every command gets from the global flags.
#[derive(Clone, Debug)]
pub struct Context {
    pub paths: Paths,
}

pub mod run;
