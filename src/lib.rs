//! rpod: rootless, daemonless containers.
//!
//! The crate reads as a pipeline, imports running one way, down:
//! `cli → engine → {spec, runtime, image} → {config, oci, util}`.
//! [`cli`] parses and prints; [`engine`] does what a command asks (the containers it keeps,
//! `run`'s sequence); [`spec`] is the one validated container spec; [`runtime`] holds the
//! mechanisms (user namespace, mounts, the process chain, security); [`image`] the image side
//! (registry, store, layers, archives). At the bottom, [`config`] finds the files Podman users
//! already have (registries.conf, auth.json, certs.d, policy.json), [`oci`] is the shared
//! vocabulary (references, digests) and [`util`] the file-system helpers every layer uses.
//! [`format`](mod@format), a leaf, renders `--format` templates.

pub mod cli;
pub mod config;
pub mod engine;
pub mod format;
pub mod image;
pub mod oci;
pub mod runtime;
pub mod spec;
pub mod util;
