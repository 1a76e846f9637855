//! The one error type of layer unpacking; every variant names the tar entry it concerns, so a
//! failed pull says which file of which layer was the problem.

use std::io;

/// Why a layer could not be unpacked. `path` is the entry name as written in the tar.
#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    /// The destination directory itself could not be opened.
    #[error("opening layer destination {path}: {source}")]
    Destination {
        path: std::path::PathBuf,
        #[source]
        source: io::Error,
    },
    /// The tar stream is corrupt or truncated (or the decompressor failed).
    #[error("reading layer archive {position}: {source}")]
    Archive {
        /// "after entry \"NAME\"", or "before the first entry".
        position: String,
        #[source]
        source: io::Error,
    },
    /// The entry is malformed or asks for something rpod refuses to do.
    #[error("layer entry {path:?}: {reason}")]
    Invalid { path: String, reason: String },
    /// A file-system operation on the entry failed.
    #[error("layer entry {path:?}: {op}: {source}")]
    Io {
        path: String,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    /// Changing the owner failed, most often because the id is not mapped in the user namespace.
    #[error("layer entry {path:?}: cannot change owner to {uid}:{gid} (is the id mapped in the user namespace?): {source}")]
    Chown {
        path: String,
        uid: u32,
        gid: u32,
        #[source]
        source: io::Error,
    },
}

impl LayerError {
    pub(super) fn invalid(path: &[u8], reason: impl Into<String>) -> LayerError {
        LayerError::Invalid {
            path: lossy(path),
            reason: reason.into(),
        }
    }

    pub(super) fn io(path: &[u8], op: &'static str, source: impl Into<io::Error>) -> LayerError {
        LayerError::Io {
            path: lossy(path),
            op,
            source: source.into(),
        }
    }
}

/// An entry name for messages: tar names are bytes, usually but not always UTF-8.
pub(super) fn lossy(path: &[u8]) -> String {
    String::from_utf8_lossy(path).into_owned()
}
