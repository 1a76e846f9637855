//! `rpod save`: look the images up, find each layer's bytes in the store, and write the
//! archive to a temporary file beside the target that is renamed over it only once complete,
//! so an error never leaves a half-written archive under the requested name. The temporary file
//! is made exclusively under a random name (see [`crate::util::fs::replace`]): the target's
//! directory may be one where others can plant a symlink, `/tmp` to begin with.

use super::source::{layer_sources, LayerSource};
use super::{docker, oci, ArchiveError, Format};
use crate::image::manage::matching_name;
use crate::image::store::index::ImageRecord;
use crate::image::store::Store;
use crate::util::fs::replace::Replacement;
use std::io::{BufWriter, Write};
use std::path::Path;

pub struct SaveOptions {
    pub format: Format,
}

/// One image to write, with what the writers need of it.
pub struct SaveItem {
    pub record: ImageRecord,
    /// Names to record in the archive: those the user asked for (none when asked by ID).
    pub tags: Vec<String>,
    pub config: Vec<u8>,
    pub sources: Vec<LayerSource>,
}

/// Writes the images named by `queries` into one archive at `output` (stdout when `None`).
pub fn save(
    store: &Store,
    queries: &[String],
    output: Option<&Path>,
    opts: &SaveOptions,
) -> Result<(), ArchiveError> {
    let items = collect(store, queries)?;
    match output {
        None => {
            let out = std::io::stdout().lock();
            let mut out = write(store, &items, opts.format, BufWriter::new(out))?;
            out.flush().map_err(ArchiveError::Write)
        }
        Some(path) => write_file(store, &items, opts.format, path),
    }
}

fn collect(store: &Store, queries: &[String]) -> Result<Vec<SaveItem>, ArchiveError> {
    let index = store.index()?;
    let mut items: Vec<SaveItem> = Vec::new();
    for query in queries {
        let record = index
            .find(query)
            .ok_or_else(|| ArchiveError::UnknownImage(query.clone()))?;
        let hex = query.trim_start_matches("sha256:");
        let by_id = hex.len() >= 3
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
            && record.id.hex().starts_with(hex);
        let tag = (!by_id && !record.names.is_empty()).then(|| matching_name(record, query));
        if let Some(item) = items.iter_mut().find(|i| i.record.id == record.id) {
            item.tags.extend(tag.filter(|t| !item.tags.contains(t)));
            continue;
        }
        let config = store.blobs.read(&record.id).map_err(|_| {
            ArchiveError::StoreDamaged(format!("the config of image {} is missing", record.id))
        })?;
        items.push(SaveItem {
            record: record.clone(),
            tags: tag.into_iter().collect(),
            config,
            sources: layer_sources(store, &index, record)?,
        });
    }
    Ok(items)
}

fn write<W: Write>(
    store: &Store,
    items: &[SaveItem],
    format: Format,
    out: W,
) -> Result<W, ArchiveError> {
    match format {
        Format::DockerArchive => docker::write(store, items, out),
        Format::OciArchive => oci::write(store, items, out),
    }
}

fn write_file(
    store: &Store,
    items: &[SaveItem],
    format: Format,
    path: &Path,
) -> Result<(), ArchiveError> {
    let io_err = |err| ArchiveError::Io {
        path: path.to_path_buf(),
        err,
    };
    // Mode 0666 less the umask, as a file the user's shell would create.
    let mut tmp = Replacement::create(path, 0o666).map_err(io_err)?;
    let out = write(
        store,
        items,
        format,
        BufWriter::with_capacity(256 << 10, tmp.file()),
    )?;
    let file = out
        .into_inner()
        .map_err(|e| ArchiveError::Write(e.into_error()))?;
    file.sync_all().map_err(ArchiveError::Write)?;
    tmp.commit().map_err(io_err)
}
