//! Writing the store's files so that readers see either the old content or the new one, never
//! a part (see [`crate::util::fs::replace`]: a temporary file beside the target, created
//! exclusively under a random name, renamed over it). The store's files are its user's alone
//! (0600, as containers/storage writes its own).

use crate::util::fs::replace::{self, Sync};
use std::io;
use std::path::Path;

/// The mode of the files the store writes.
pub const FILE_MODE: u32 = 0o600;

/// No fsync: the guarantee is against rpod dying (kill, crash), which the page cache survives;
/// only the index, the commit point of every change, is also synced (`write_durable`).
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace::write(path, bytes, FILE_MODE, Sync::None)
}

/// `write_file`, synced to disk before the rename.
pub fn write_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace::write(path, bytes, FILE_MODE, Sync::Data)
}
