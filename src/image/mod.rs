//! Images: references, the registry protocol, the per-user store and the layers in it.
//!
//! Data flows `reference` → `registry` (manifests, blobs) → `layer` (decompress, unpack)
//! → `store` (blobs, unpacked layers, the image index). `pull`, `archive` and `inspect`
//! are the verbs built on top.

pub mod archive;
pub mod config_facts;
pub mod ingest;
pub mod inspect;
pub mod layer;
pub mod manage;
pub mod manifest;
pub mod pull;
pub mod registry;
pub mod store;
