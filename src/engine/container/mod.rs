//! Containers as the engine keeps them: the per-container storage and state ([`storage`]),
//! what `run` takes of an image ([`image`]), which stored containers use an image
//! ([`usage`]), and `--rm`'s detached removal ([`removal`]).

pub mod image;
pub mod removal;
pub mod storage;
pub mod usage;
