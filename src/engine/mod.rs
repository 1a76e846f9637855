//! What a command asks for, above the runtime's mechanisms (Podman's `libpod`): one
//! invocation's paths, user namespace and long-lived descriptors ([`session`]), the
//! containers the engine keeps ([`container`]), named volumes ([`volume`]), and `run`'s
//! sequence ([`run`]).

pub mod container;
pub mod lifecycle;
pub mod run;
pub mod session;
pub mod volume;
