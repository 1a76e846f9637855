//! Content-addressed blobs (`blobs/sha256/<hex>`): manifests, configs and compressed layers,
//! kept as the registry served them so `rpod save` and later pushes reproduce them exactly.

use super::{atomic, IoContext, Result};
use crate::oci::digest::Digest;
use crate::util::fs::dirs;
use std::io;
use std::path::{Path, PathBuf};

pub struct Blobs {
    dir: PathBuf,
}

impl Blobs {
    pub fn new(root: &Path) -> Blobs {
        Blobs {
            dir: root.join("blobs").join("sha256"),
        }
    }

    pub fn path(&self, digest: &Digest) -> PathBuf {
        self.dir.join(digest.hex())
    }

    pub fn contains(&self, digest: &Digest) -> bool {
        self.path(digest).is_file()
    }

    pub fn read(&self, digest: &Digest) -> Result<Vec<u8>> {
        let path = self.path(digest);
        std::fs::read(&path).at(&path)
    }

    /// Stores small, already verified content (manifests, configs).
    pub fn put(&self, digest: &Digest, bytes: &[u8]) -> Result<()> {
        if self.contains(digest) {
            return Ok(());
        }
        dirs::ensure_private(&self.dir).at(&self.dir)?;
        let path = self.path(digest);
        atomic::write_file(&path, bytes).at(&path)
    }

    /// Moves a verified file (a streamed layer blob) into place.
    pub fn adopt(&self, digest: &Digest, file: &Path) -> Result<()> {
        dirs::ensure_private(&self.dir).at(&self.dir)?;
        let path = self.path(digest);
        std::fs::rename(file, &path).at(&path)
    }

    pub fn remove(&self, digest: &Digest) -> Result<()> {
        let path = self.path(digest);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e).at(&path),
            _ => Ok(()),
        }
    }
}
