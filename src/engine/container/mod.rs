//! Containers as the engine keeps them: the store's layout ([`layout`]), one container's
//! directories and lock ([`dir`]), its state and status ([`state`]), its saved spec
//! ([`config`]), finding containers by name or ID ([`lookup`]), what `run` takes of an
//! image ([`image`]), which stored containers use an image ([`usage`]), `--rm`'s
//! detached removal ([`removal`]), and the directories a killed rpod abandoned
//! ([`abandoned`]).

pub mod abandoned;
pub mod config;
pub mod dir;
pub mod error;
pub mod image;
pub mod layout;
pub mod lookup;
pub mod removal;
pub mod state;
pub mod usage;
