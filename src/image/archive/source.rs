//! Where a stored image's layer bytes are, for saving. Layers are kept as their blobs were
//! pulled (compressed); when two images share a layer in different compressions only the first
//! blob is kept, so a layer whose own blob is missing is taken from any image that has one.

use super::ArchiveError;
use crate::image::layer::{self, Compression};
use crate::image::store::index::{ImageRecord, Index, LayerRef};
use crate::image::store::Store;
use crate::oci::digest::{Digest, DigestingReader};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

/// One layer as it can be read from the store.
#[derive(Clone, Debug)]
pub struct LayerSource {
    pub diff_id: Digest,
    pub blob: Digest,
    pub media_type: String,
    /// Length of the stored blob.
    pub blob_size: u64,
    /// Length of the uncompressed tar, when the store recorded it (0: unknown).
    pub tar_size: u64,
    /// Whether this is the image's own blob (its manifest names it).
    pub own: bool,
}

/// The readable source of each layer of `image`, lowest first.
pub fn layer_sources(
    store: &Store,
    index: &Index,
    image: &ImageRecord,
) -> Result<Vec<LayerSource>, ArchiveError> {
    image
        .layers
        .iter()
        .map(|wanted| {
            let same_diff = |l: &&LayerRef| l.diff_id == wanted.diff_id;
            let found = std::iter::once(wanted)
                .chain(
                    index
                        .images
                        .iter()
                        .flat_map(|i| i.layers.iter())
                        .filter(same_diff),
                )
                .find(|l| store.blobs.contains(&l.blob))
                .ok_or_else(|| {
                    ArchiveError::StoreDamaged(format!(
                        "no blob of layer {} is stored (pull the image again)",
                        wanted.diff_id
                    ))
                })?;
            let blob_size = std::fs::metadata(store.blobs.path(&found.blob))
                .map_err(ArchiveError::Read)?
                .len();
            Ok(LayerSource {
                diff_id: wanted.diff_id.clone(),
                blob: found.blob.clone(),
                media_type: found.media_type.clone(),
                blob_size,
                tar_size: found.size.max(wanted.size),
                own: found.blob == wanted.blob,
            })
        })
        .collect()
}

impl LayerSource {
    /// The stored blob, as stored.
    pub fn open_blob(&self, store: &Store) -> Result<File, ArchiveError> {
        File::open(store.blobs.path(&self.blob)).map_err(ArchiveError::Read)
    }

    pub fn compression(&self, store: &Store) -> Result<Compression, ArchiveError> {
        if let Some(c) = Compression::from_media_type(&self.media_type) {
            return Ok(c);
        }
        let mut file = BufReader::new(self.open_blob(store)?);
        Ok(Compression::sniff(
            file.fill_buf().map_err(ArchiveError::Read)?,
        ))
    }

    /// The uncompressed tar, streamed.
    pub fn open_tar<'a>(&self, store: &Store) -> Result<Box<dyn Read + 'a>, ArchiveError> {
        let compression = self.compression(store)?;
        layer::decompress(self.open_blob(store)?, compression).map_err(ArchiveError::Read)
    }

    /// The uncompressed length: as recorded, else measured by decompressing once.
    pub fn tar_size(&self, store: &Store) -> Result<u64, ArchiveError> {
        if self.tar_size > 0 {
            return Ok(self.tar_size);
        }
        let reader = DigestingReader::new(self.open_tar(store)?);
        let (_, len) = reader.finish().map_err(ArchiveError::Read)?;
        Ok(len)
    }
}
