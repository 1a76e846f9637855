//! Tests for the layer unpacker, split by concern; `build` makes the (often malicious) tars.

mod build;
mod escape;
mod metadata;
mod ordering;
mod overlay;
mod real_images;
