//! A pull's layers: each one the store lacks is fetched, verified and unpacked on a thread of
//! its own while it streams, with progress reported to the [`PullObserver`].

use super::{PullError, PullObserver, PullOptions};
use crate::image::ingest::{self, Claim, Expected};
use crate::image::layer::UnpackOptions;
use crate::image::manifest::{self, Manifest};
use crate::image::registry::Registry;
use crate::image::store::index::LayerRef;
use crate::image::store::Store;
use crate::oci::digest::Digest;
use std::io::{self, Read};

/// Fetches every layer the store lacks, one thread per layer: each streams, verifies and
/// unpacks independently since every layer has its own directory.
pub(super) fn fetch_layers(
    store: &Store,
    registry: &Registry,
    manifest: &Manifest,
    diff_ids: &[Digest],
    opts: &PullOptions,
    observer: &dyn PullObserver,
) -> Result<Vec<LayerRef>, PullError> {
    let layers: Vec<_> = manifest.layers.iter().zip(diff_ids).collect();
    ingest::each_layer_in_parallel(&layers, |(desc, diff_id)| {
        fetch_layer(store, registry, desc, diff_id, opts, observer)
    })
    .into_iter()
    .collect()
}

fn fetch_layer(
    store: &Store,
    registry: &Registry,
    desc: &manifest::Descriptor,
    diff_id: &Digest,
    opts: &PullOptions,
    observer: &dyn PullObserver,
) -> Result<LayerRef, PullError> {
    let layer_ref = |size: u64| LayerRef {
        diff_id: diff_id.clone(),
        blob: desc.digest.clone(),
        media_type: desc.media_type.clone(),
        compressed_size: desc.size,
        size,
    };
    let _lock = match ingest::claim_layer(store, diff_id)? {
        Claim::Present(size) => {
            observer.blob_done(&desc.digest, true);
            return Ok(layer_ref(size));
        }
        Claim::Missing(lock) => lock,
    };
    observer.blob_started(&desc.digest, desc.size);
    let blob = registry
        .blob(&desc.digest)
        .map_err(|err| PullError::Registry {
            reference: format!(
                "{}/{}@{}",
                registry.host(),
                registry.repository(),
                desc.digest
            ),
            err,
        })?;
    let progress = Progress {
        inner: blob,
        digest: &desc.digest,
        observer,
        done: 0,
        reported: 0,
    };
    let expected = Expected {
        blob: Some(&desc.digest),
        media_type: &desc.media_type,
        diff_id,
    };
    let unpack = UnpackOptions { chown: opts.chown };
    let stored = ingest::store_layer(store, progress, &expected, Some(&unpack))?;
    observer.blob_done(&desc.digest, false);
    Ok(layer_ref(stored.size))
}

/// Reports download progress, at most every 256 KiB.
struct Progress<'a, R> {
    inner: R,
    digest: &'a Digest,
    observer: &'a dyn PullObserver,
    done: u64,
    reported: u64,
}

impl<R: Read> Read for Progress<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if self.done - self.reported >= 256 << 10 || n == 0 {
            self.reported = self.done;
            self.observer.blob_progress(self.digest, self.done);
        }
        Ok(n)
    }
}
