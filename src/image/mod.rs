//! Images: references, the registry protocol, the per-user store and the layers in it.

pub mod layer;
