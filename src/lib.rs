//! rpod: rootless, daemonless containers.
//!
//! The crate reads as a pipeline: [`cli`] parses and prints, and calls the engine —
//! [`image`] (reference, registry, store, layers), [`runtime`] (user namespace, mounts,
//! processes) — which talks to the system-call edge. [`config`] finds the files Podman users
//! already have (registries.conf, auth.json, certs.d); [`format`](mod@format) renders `--format` templates.
//! [`files`], a leaf every layer may use, makes the directories and files others must neither read
//! nor redirect.
//! Imports run one way: `cli` → engine → edge.

pub mod cli;
pub mod config;
pub mod container;
pub mod files;
pub mod format;
pub mod image;
pub mod runtime;
