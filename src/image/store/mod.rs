//! The per-user image store under `--root` (default `$XDG_DATA_HOME/rpod`):
//!
//! ```text
//! storage.lock            held while the index is rewritten
//! images.json             the index: images, names, digests, layers (see index.rs)
//! blobs/sha256/<hex>      manifests, configs, compressed layer blobs
//! layers/<diff_id hex>/   each layer unpacked once, in overlay form (overlay lowerdirs)
//! layers/<hex>.size       the length of its uncompressed tar (image sizes)
//! locks/<hex>.lock        one per layer being fetched, so concurrent pulls share the work
//! locks/gc.lock           shared by writers that add content, exclusive for garbage collection
//! tmp/                    staging directories of pulls in progress
//! ```
//!
//! Everything appears by atomic rename, and the index names an image only once all of its
//! parts are in place: a pull killed at any moment leaves no half-visible image. The root and
//! every directory in it are `0700` (see private.rs): other local users reach nothing.

pub mod atomic;
pub mod blobs;
pub mod index;
pub mod private;

use crate::oci::digest::Digest;
use crate::util::fs::dirs;
use crate::util::fs::lock::FileLock;
use crate::util::fs::staging;
use blobs::Blobs;
use index::Index;
pub use private::RootOrigin;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("image store {path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("image store index {path} is damaged ({err}): restore it from a backup, or delete it to start with no images (`rpod image prune` then frees their layers)")]
    Corrupt {
        path: PathBuf,
        err: serde_json::Error,
    },
    #[error("{0}: image not known")]
    UnknownImage(String),
    #[error("image {image} is in use by {user}: remove the container first (rmi -f removes a stopped one)")]
    InUse { image: String, user: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Attaches the path to an I/O error.
pub trait IoContext<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|err| StoreError::Io {
            path: path.to_path_buf(),
            err,
        })
    }
}

pub struct Store {
    root: PathBuf,
    pub blobs: Blobs,
}

impl Store {
    /// Opens (creating if needed, private) the store at `root`.
    pub fn open(root: &Path, origin: RootOrigin) -> Result<Store> {
        private::prepare(root, origin, true)?;
        Ok(Store {
            root: root.to_path_buf(),
            blobs: Blobs::new(root),
        })
    }

    /// Opens the store only if it exists: read-only commands must not create it.
    pub fn open_existing(root: &Path, origin: RootOrigin) -> Option<Store> {
        private::prepare(root, origin, false)
            .ok()
            .filter(|is_dir| *is_dir)
            .map(|_| Store {
                root: root.to_path_buf(),
                blobs: Blobs::new(root),
            })
    }

    fn index_path(&self) -> PathBuf {
        self.root.join("images.json")
    }

    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The directory holding the unpacked layer.
    pub fn layer_dir(&self, diff_id: &Digest) -> PathBuf {
        self.root.join("layers").join(diff_id.hex())
    }

    pub fn has_layer(&self, diff_id: &Digest) -> bool {
        self.layer_dir(diff_id).is_dir()
    }

    /// Serialises the fetching of one layer across rpod processes.
    pub fn lock_layer(&self, diff_id: &Digest) -> Result<FileLock> {
        let dir = self.root.join("locks");
        dirs::ensure_private(&dir).at(&dir)?;
        let path = dir.join(format!("{}.lock", diff_id.hex()));
        FileLock::exclusive(&path).at(&path)
    }

    /// Moves a fully unpacked and verified layer into place; if another process was faster,
    /// keeps theirs (the content is the same by digest).
    pub fn commit_layer(&self, diff_id: &Digest, unpacked: &Path) -> Result<()> {
        let dest = self.layer_dir(diff_id);
        let parent = self.root.join("layers");
        dirs::ensure_private(&parent).at(&parent)?;
        match std::fs::rename(unpacked, &dest) {
            Ok(()) => Ok(()),
            Err(_) if dest.is_dir() => Ok(()),
            Err(e) => Err(e).at(&dest),
        }
    }

    /// Reads the index; an absent index is an empty store.
    pub fn index(&self) -> Result<Index> {
        let path = self.index_path();
        log::debug!("reading the image index {}", path.display());
        match std::fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|err| StoreError::Corrupt { path, err })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(e).at(&path),
        }
    }

    /// Held (shared) by anything that adds layers or blobs before naming them in the index,
    /// so garbage collection (exclusive) never deletes them in between.
    pub fn hold_content(&self) -> Result<FileLock> {
        self.gc_lock(false)
    }

    /// Held (shared) by every container using the image while it runs, so `rmi` can tell a
    /// running container's image from an unused one without any registry of containers.
    pub fn hold_image(&self, id: &Digest) -> Result<FileLock> {
        let path = self.image_lock_path(id)?;
        FileLock::shared(&path).at(&path)
    }

    /// Whether a running container holds the image (see [`Store::hold_image`]).
    pub fn image_held(&self, id: &Digest) -> Result<bool> {
        let path = self.image_lock_path(id)?;
        Ok(FileLock::try_exclusive(&path).at(&path)?.is_none())
    }

    fn image_lock_path(&self, id: &Digest) -> Result<PathBuf> {
        let dir = self.root.join("locks");
        dirs::ensure_private(&dir).at(&dir)?;
        Ok(dir.join(format!("image-{}.lock", id.hex())))
    }

    fn gc_lock(&self, exclusive: bool) -> Result<FileLock> {
        let dir = self.root.join("locks");
        dirs::ensure_private(&dir).at(&dir)?;
        let path = dir.join("gc.lock");
        if exclusive {
            FileLock::exclusive(&path).at(&path)
        } else {
            FileLock::shared(&path).at(&path)
        }
    }

    /// Changes the index under the store lock and writes it back atomically.
    pub fn update_index<T>(&self, change: impl FnOnce(&mut Index) -> Result<T>) -> Result<T> {
        let lock_path = self.root.join("storage.lock");
        let _lock = FileLock::exclusive(&lock_path).at(&lock_path)?;
        let mut index = self.index()?;
        let out = change(&mut index)?;
        let path = self.index_path();
        let bytes = serde_json::to_vec_pretty(&index).expect("the index serialises");
        atomic::write_durable(&path, &bytes).at(&path)?;
        Ok(out)
    }

    /// Deletes layers and blobs no image refers to any more. Layer directories are first
    /// renamed into `tmp/` so they vanish at once, then removed.
    pub fn collect_garbage(&self) -> Result<()> {
        let _gc = self.gc_lock(true)?;
        let lock_path = self.root.join("storage.lock");
        let _lock = FileLock::exclusive(&lock_path).at(&lock_path)?;
        let index = self.index()?;
        let layers = self.root.join("layers");
        for entry in std::fs::read_dir(&layers).into_iter().flatten().flatten() {
            let Some(diff_id) = entry
                .file_name()
                .to_str()
                .and_then(|n| Digest::from_hex(n).ok())
            else {
                continue;
            };
            if !entry.path().is_dir() {
                continue;
            }
            if index.uses_layer(&diff_id) {
                continue;
            }
            let _guard = self.lock_layer(&diff_id)?;
            let trash = staging::Staging::create(&self.tmp_dir()).at(&self.tmp_dir())?;
            let doomed = trash.dir.join("layer");
            std::fs::rename(entry.path(), &doomed).at(&entry.path())?;
            let _ = std::fs::remove_file(entry.path().with_extension("size"));
            drop(trash);
        }
        let blob_dir = self.root.join("blobs").join("sha256");
        for entry in std::fs::read_dir(&blob_dir).into_iter().flatten().flatten() {
            let Some(digest) = entry
                .file_name()
                .to_str()
                .and_then(|n| Digest::from_hex(n).ok())
            else {
                continue;
            };
            if !index.uses_blob(&digest) {
                self.blobs.remove(&digest)?;
            }
        }
        Ok(())
    }
}
