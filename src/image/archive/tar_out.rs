//! Writing archive members the way containers/image does (owner 0:0, mode 0444, mtime 0), so
//! archives are reproducible; streamed members are checked against their promised length and
//! digest, so a damaged store never yields a plausible-looking archive.

use super::ArchiveError;
use crate::oci::digest::{Digest, DigestingReader};
use std::io::{self, Read, Write};

pub struct TarOut<W: Write> {
    builder: tar::Builder<W>,
}

fn header(path: &str, kind: tar::EntryType, size: u64, mode: u32) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h.set_device_major(0)?;
    h.set_device_minor(0)?;
    Ok(h)
}

/// The checksum as Go's archive/tar writes it (six octal digits, NUL, space), so the
/// headers are byte-identical to containers/image's.
fn go_checksum(h: &mut tar::Header) {
    let bytes = h.as_mut_bytes();
    bytes[148..156].fill(b' ');
    let sum: u32 = bytes.iter().map(|&b| u32::from(b)).sum();
    bytes[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
}

fn write_err(err: io::Error) -> ArchiveError {
    ArchiveError::Write(err)
}

impl<W: Write> TarOut<W> {
    pub fn new(out: W) -> TarOut<W> {
        TarOut {
            builder: tar::Builder::new(out),
        }
    }

    fn append(&mut self, mut h: tar::Header, data: impl Read) -> Result<(), ArchiveError> {
        go_checksum(&mut h);
        self.builder.append(&h, data).map_err(write_err)
    }

    pub fn dir(&mut self, path: &str) -> Result<(), ArchiveError> {
        let h = header(path, tar::EntryType::Directory, 0, 0o755).map_err(write_err)?;
        self.append(h, io::empty())
    }

    pub fn bytes(&mut self, path: &str, data: &[u8]) -> Result<(), ArchiveError> {
        let h = header(path, tar::EntryType::Regular, data.len() as u64, 0o444);
        self.append(h.map_err(write_err)?, data)
    }

    pub fn symlink(&mut self, path: &str, target: &str) -> Result<(), ArchiveError> {
        let mut h = header(path, tar::EntryType::Symlink, 0, 0).map_err(write_err)?;
        h.set_link_name(target).map_err(write_err)?;
        self.append(h, io::empty())
    }

    /// Streams `size` bytes from `data` as `path`; the content must be exactly `size` bytes
    /// whose digest is `digest`.
    pub fn stream(
        &mut self,
        path: &str,
        size: u64,
        digest: &Digest,
        data: impl Read,
    ) -> Result<(), ArchiveError> {
        let h = header(path, tar::EntryType::Regular, size, 0o444).map_err(write_err)?;
        let mut reader = DigestingReader::new(data);
        self.append(h, (&mut reader).take(size))?;
        let (actual, len) = reader.finish().map_err(ArchiveError::Read)?;
        if len != size || &actual != digest {
            return Err(ArchiveError::StoreDamaged(format!(
                "{digest}: stored content has digest {actual} and length {len} (expected {size})"
            )));
        }
        Ok(())
    }

    pub fn finish(self) -> Result<W, ArchiveError> {
        self.builder.into_inner().map_err(write_err)
    }
}
