//! The per-container monitor (conmon's job): the parent of a detached container, which holds
//! its output and writes it to the container's log ([`log`]).

pub mod log;
