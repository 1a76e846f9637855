//! Layer tarballs: decompression and safe unpacking into the store in overlay form.
//!
//! A pulled layer is unpacked once into its own directory and later used as an overlayfs
//! lower directory mounted in a user namespace (`userxattr` mode). So the tar's whiteout
//! markers are converted on the way in: `.wh.NAME` becomes a 0:0 character device and
//! `.wh..wh..opq` becomes the `user.overlay.opaque=y` xattr on its directory.
//!
//! The extraction is security-critical: every file-system operation is done relative to a
//! directory file descriptor that the kernel resolved *inside* the layer root
//! (`openat2(RESOLVE_IN_ROOT)`), so neither `..`, absolute paths, symlinks nor hard links
//! planted by the layer itself can make it write outside the destination.
//!
//! Files: [`compression`] (media types, magic bytes, decoders), [`path`] (lexical cleaning
//! and in-root resolution), [`replace`] (what happens to what is already there),
//! [`whiteout`] (overlay-form markers), [`metadata`] (owners, modes, times, xattrs) and
//! [`unpack`] (the entry loop).

mod compression;
mod error;
mod metadata;
mod path;
mod replace;
mod unpack;
mod whiteout;
mod workers;

#[cfg(test)]
mod tests;

pub use compression::{decompress, Compression};
pub use error::LayerError;
pub use unpack::{unpack_layer, UnpackOptions, UnpackSummary};
