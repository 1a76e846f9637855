//! What a command asks for, above the runtime's mechanisms (Podman's `libpod`): one
//! invocation's paths, user namespace and long-lived descriptors ([`session`]), the
//! containers the engine keeps ([`container`]) and their lifecycle ([`lifecycle`]), named
//! volumes ([`volume`]), `run`'s sequence ([`run`]), and what `info`, `version` and
//! `system df` report of the host and the store ([`system`]).

pub mod container;
pub mod lifecycle;
pub mod run;
pub mod session;
pub mod system;
pub mod volume;
