//! Storing one layer from a byte stream, shared by `pull` (a registry blob) and `load` (an
//! archive member): in a single pass the blob is copied to staging and hashed, decompressed,
//! unpacked and its diff_id hashed. Only when both digests match is anything moved into the
//! store, so a corrupt or tampered layer never becomes visible.

use super::layer::{self, Compression, UnpackOptions};
use super::store::{Store, StoreError};
use crate::oci::digest::{Digest, DigestingReader};
use crate::util::fs::lock::FileLock;
use crate::util::fs::staging::Staging;
use std::io::{self, BufRead, BufReader, Read, Write};

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{what} {expected} failed verification: content has digest {actual} (corrupt or tampered blob; nothing was stored)")]
    DigestMismatch {
        what: &'static str,
        expected: Digest,
        actual: Digest,
    },
    #[error("layer {digest}: {err}")]
    Layer { digest: String, err: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks a computed digest against the one the manifest (or config) promised.
pub fn verify(what: &'static str, expected: &Digest, actual: &Digest) -> Result<(), IngestError> {
    if expected == actual {
        Ok(())
    } else {
        Err(IngestError::DigestMismatch {
            what,
            expected: expected.clone(),
            actual: actual.clone(),
        })
    }
}

/// Whether a layer still has to be stored.
pub enum Claim {
    /// Unpacked already; its uncompressed size.
    Present(u64),
    /// Missing: the lock is held so that concurrent pulls and loads of it share the work.
    Missing(FileLock),
}

/// Looks the layer up, and locks it when it is missing (checking again once locked).
pub fn claim_layer(store: &Store, diff_id: &Digest) -> Result<Claim, StoreError> {
    if let Some(size) = present_layer_size(store, diff_id) {
        return Ok(Claim::Present(size));
    }
    let lock = store.lock_layer(diff_id)?;
    Ok(match present_layer_size(store, diff_id) {
        Some(size) => Claim::Present(size),
        None => Claim::Missing(lock),
    })
}

/// What the stream must turn out to be.
pub struct Expected<'a> {
    /// The blob digest, when the manifest names one (archives with synthesized manifests
    /// know only the diff_id).
    pub blob: Option<&'a Digest>,
    pub media_type: &'a str,
    pub diff_id: &'a Digest,
}

/// What was stored.
#[derive(Debug)]
pub struct Ingested {
    pub blob: Digest,
    pub compressed_size: u64,
    /// Length of the uncompressed tar.
    pub size: u64,
    pub compression: Compression,
}

/// Streams a layer blob into the store: the blob into `blobs/`, and with `unpack` (the caller
/// holds the layer's [`Claim::Missing`] lock) the unpacked tree into `layers/`. Without
/// `unpack` (the layer is there, its blob in this compression is not) the tar is still hashed
/// to check the diff_id.
pub fn store_layer<R: Read>(
    store: &Store,
    blob: R,
    expected: &Expected,
    unpack: Option<&UnpackOptions>,
) -> Result<Ingested, IngestError> {
    let name = expected.blob.unwrap_or(expected.diff_id).to_string();
    let layer_err = |err: String| IngestError::Layer {
        digest: name.clone(),
        err,
    };
    let staging = Staging::create(&store.tmp_dir()).map_err(|e| layer_err(e.to_string()))?;
    let blob_path = staging.dir.join("blob");
    let unpack_dir = staging.dir.join("diff");
    std::fs::create_dir(&unpack_dir).map_err(|e| layer_err(e.to_string()))?;

    let file = crate::util::fs::replace::create_new(&blob_path, super::store::atomic::FILE_MODE)
        .map_err(|e| layer_err(e.to_string()))?;
    let mut compressed = BufReader::with_capacity(
        256 << 10,
        Tee {
            inner: DigestingReader::new(blob),
            copy: io::BufWriter::with_capacity(256 << 10, file),
        },
    );
    let compression = match Compression::from_media_type(expected.media_type) {
        Some(c) => c,
        None => Compression::sniff(
            compressed
                .fill_buf()
                .map_err(|e| layer_err(e.to_string()))?,
        ),
    };
    let unpacked = (|| {
        let decompressed = layer::decompress(&mut compressed, compression)?;
        let mut tar = DigestingReader::new(decompressed);
        if let Some(opts) = unpack {
            layer::unpack_layer(&mut tar, &unpack_dir, opts).map_err(io::Error::other)?;
        }
        tar.finish()
    })();
    // Read the blob to its end either way: a blob that does not match its digest is reported
    // as such, rather than as the decompression or tar error its damage caused.
    let drained = io::copy(&mut compressed, &mut io::sink());
    let tee = compressed.into_inner();
    let mut copy = tee.copy;
    let (actual_digest, compressed_size) =
        tee.inner.finish().map_err(|e| layer_err(e.to_string()))?;
    if let Some(blob) = expected.blob {
        verify("layer", blob, &actual_digest)?;
    }
    let (actual_diff_id, size) = unpacked.map_err(|e| layer_err(e.to_string()))?;
    drained.map_err(|e| layer_err(e.to_string()))?;
    copy.flush().map_err(|e| layer_err(e.to_string()))?;
    drop(copy);
    verify("layer diff_id", expected.diff_id, &actual_diff_id)?;

    store.blobs.adopt(&actual_digest, &blob_path)?;
    if unpack.is_some() {
        write_layer_size(store, expected.diff_id, size);
        store.commit_layer(expected.diff_id, &unpack_dir)?;
    }
    Ok(Ingested {
        blob: actual_digest,
        compressed_size,
        size,
        compression,
    })
}

/// The uncompressed size recorded beside a present layer (`layers/<hex>.size`), if the
/// layer is there.
pub fn present_layer_size(store: &Store, diff_id: &Digest) -> Option<u64> {
    if !store.has_layer(diff_id) {
        return None;
    }
    let path = store.layer_dir(diff_id).with_extension("size");
    Some(
        std::fs::read_to_string(path)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0),
    )
}

fn write_layer_size(store: &Store, diff_id: &Digest, size: u64) {
    let path = store.layer_dir(diff_id).with_extension("size");
    if let Some(parent) = path.parent() {
        let _ = crate::util::fs::dirs::ensure_private(parent);
    }
    let _ = super::store::atomic::write_file(&path, size.to_string().as_bytes());
}

/// Copies everything read through it into a file: the compressed blob is kept while it is
/// being unpacked, without a second read.
struct Tee<R, W> {
    inner: R,
    copy: W,
}

impl<R: Read, W: Write> Read for Tee<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.copy.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// Runs `f` on every layer at once, one thread each (every layer has its own directory, so
/// they stream, verify and unpack independently), and returns the results in layer order.
pub fn each_layer_in_parallel<T: Sync, R: Send>(
    layers: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = layers
            .iter()
            .map(|layer| {
                let f = &f;
                scope.spawn(move || f(layer))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
