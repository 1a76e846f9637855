//! What a command asks for, above the runtime's mechanisms (Podman's `libpod`): the
//! containers the engine keeps ([`container`]).

pub mod container;
