//! What `run` needs of an image, and nothing of the store's internals: the unpacked layer
//! directories (overlay form, owners shifted) and the image configuration.

use std::path::PathBuf;

/// An image resolved by the store, ready to be used as a container's lower layers.
#[derive(Clone, Debug)]
pub struct ImageForRun {
    /// The image ID (64 hex digits).
    pub id: String,
    /// Unpacked layer directories, lowest first.
    pub layer_dirs: Vec<PathBuf>,
    /// The image's configuration (Entrypoint, Cmd, Env, User, WorkingDir...).
    pub config: oci_spec::image::ImageConfiguration,
}

impl ImageForRun {
    /// The stored image's layers and config. Fails only on a damaged store.
    pub fn from_store(
        store: &crate::image::store::Store,
        image: &crate::image::store::index::ImageRecord,
    ) -> Result<ImageForRun, crate::image::store::StoreError> {
        let bytes = store.blobs.read(&image.id)?;
        let config = serde_json::from_slice(&bytes).map_err(|err| {
            crate::image::store::StoreError::Corrupt {
                path: store.blobs.path(&image.id),
                err,
            }
        })?;
        Ok(ImageForRun {
            id: image.id.hex().to_string(),
            layer_dirs: image
                .layers
                .iter()
                .map(|l| store.layer_dir(&l.diff_id))
                .collect(),
            config,
        })
    }
}
