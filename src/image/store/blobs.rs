//! Content-addressed blobs (`blobs/sha256/<hex>`): manifests, configs and compressed layers,
//! kept as the registry served them so `rpod save` and later pushes reproduce them exactly.

use super::atomic;
use crate::image::digest::Digest;
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

    pub fn read(&self, digest: &Digest) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(digest))
    }

    /// Stores small, already verified content (manifests, configs).
    pub fn put(&self, digest: &Digest, bytes: &[u8]) -> io::Result<()> {
        if self.contains(digest) {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        atomic::write_file(&self.path(digest), bytes)
    }

    /// Moves a verified file (a streamed layer blob) into place.
    pub fn adopt(&self, digest: &Digest, file: &Path) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        std::fs::rename(file, self.path(digest))
    }

    pub fn remove(&self, digest: &Digest) -> io::Result<()> {
        match std::fs::remove_file(self.path(digest)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
