//! The entry loop: one tar entry at a time, each created relative to its in-root parent
//! directory descriptor (see [`super::path`]) with a single final name, so nothing a layer
//! contains can make the extraction leave the destination.
//!
//! Per type: directories are created (or, when one is already there, only get new
//! metadata); files, symlinks, hard links and FIFOs replace whatever was at their name
//! (recursively for a directory); char/block devices are skipped and counted, except a 0:0
//! char device, which is an overlay whiteout already; whiteout markers are converted by
//! [`super::whiteout`]. Hard-link targets are resolved inside the root like every other path
//! and the link never follows a symlink. Nothing is fsynced: a pull that dies half-way is
//! redone from scratch.
//!
//! The destination must not be modified by anyone else while this runs.

use super::error::LayerError;
use super::metadata::{DirTimes, Meta};
use super::path::{clean, join, Root};
use super::replace::{create_file, remove_existing, replacing, same_inode};
use super::whiteout::{self, Marker};
use super::workers::{self, Job, Pool, What};
use nix::errno::Errno;
use nix::fcntl::{openat, AtFlags, OFlag};
use nix::sys::stat::{fchmodat, mkdirat, mknodat, FchmodatFlags, Mode, SFlag};
use nix::unistd::linkat;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::Path;
use tar::EntryType;

/// How to unpack.
#[derive(Clone, Debug)]
pub struct UnpackOptions {
    /// Apply the owners recorded in the tar. False when the user namespace maps a single id
    /// (only our own exists), so every file stays ours.
    pub chown: bool,
}

/// What an unpack did.
#[derive(Debug, Default)]
pub struct UnpackSummary {
    /// Tar entries processed (file-system entries, whiteouts and skipped devices; not PAX
    /// global headers or volume labels).
    pub entries: u64,
    /// Bytes of regular-file content (holes of sparse entries included).
    pub regular_bytes: u64,
    /// Character and block devices skipped (rootless containers cannot create them).
    pub skipped_devices: u64,
}

/// Copy buffer for file contents; decoders fill it directly.
const COPY_BUFFER: usize = 256 * 1024;

/// Unpacks the layer tar read from `tar` into `dest` (existing and empty) in overlay form.
///
/// Reads exactly as far as the tar crate does (up to the first end-of-archive block), so the
/// caller can drain the rest of the stream to finish hashing it.
pub fn unpack_layer<R: Read>(
    tar: &mut R,
    dest: &Path,
    opts: &UnpackOptions,
) -> Result<UnpackSummary, LayerError> {
    let root = Root::open(dest).map_err(|e| LayerError::Destination {
        path: dest.to_path_buf(),
        source: e.into(),
    })?;
    let mut u = Unpacker {
        root: &root,
        chown: opts.chown,
        summary: UnpackSummary::default(),
        buf: vec![0; COPY_BUFFER],
        dir_times: DirTimes::default(),
    };
    let mut archive = tar::Archive::new(tar);
    let mut last: Vec<u8> = Vec::new();
    let archive_err = |last: &[u8], source| LayerError::Archive {
        position: if last.is_empty() {
            "before the first entry".to_string()
        } else {
            format!("after entry {:?}", super::error::lossy(last))
        },
        source,
    };
    workers::with_pool(opts.chown, |pool| {
        for entry in archive.entries().map_err(|e| archive_err(&last, e))? {
            let mut entry = entry.map_err(|e| archive_err(&last, e))?;
            last.clear();
            last.extend_from_slice(&entry.path_bytes());
            u.entry(&mut entry, &last, pool)?;
        }
        Ok(())
    })?;
    let summary = std::mem::take(&mut u.summary);
    u.dir_times.apply(&root)?;
    Ok(summary)
}

struct Unpacker<'r> {
    root: &'r Root,
    chown: bool,
    summary: UnpackSummary,
    buf: Vec<u8>,
    dir_times: DirTimes,
}

const OPEN_DIR: OFlag = OFlag::O_RDONLY
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_NOFOLLOW)
    .union(OFlag::O_CLOEXEC);
const PATH_DIR: OFlag = OFlag::O_PATH.union(OFlag::O_DIRECTORY);

impl<'r> Unpacker<'r> {
    fn entry<R: Read>(
        &mut self,
        entry: &mut tar::Entry<R>,
        raw: &[u8],
        pool: &mut Pool,
    ) -> Result<(), LayerError> {
        let kind = entry.header().entry_type();
        if kind == EntryType::XGlobalHeader || kind.as_byte() == b'V' {
            return Ok(());
        }
        self.summary.entries += 1;
        let comps = clean(raw);
        let Some((&name, parent)) = comps.split_last() else {
            pool.barrier()?;
            return self.root_entry(entry, kind, raw);
        };
        if parent.iter().any(|c| whiteout::is_marker(c)) {
            return Err(LayerError::invalid(
                raw,
                "whiteout name used as a directory",
            ));
        }
        match whiteout::classify(name).map_err(|r| LayerError::invalid(raw, r))? {
            Marker::None => {}
            marker => {
                pool.barrier()?;
                return self.marker(marker, parent, raw);
            }
        }
        let cleaned = join(&comps);
        // Only a small regular file may run while other files are still being written; every
        // other entry first waits for whatever it could collide with (see `workers`).
        let small_file = matches!(kind, EntryType::Regular | EntryType::Continuous)
            && entry
                .header()
                .size()
                .is_ok_and(|n| n <= workers::MAX_JOB_BYTES);
        let independent = small_file || matches!(kind, EntryType::Directory);
        if !independent || pool.conflicts(&cleaned) {
            pool.barrier()?;
        }
        match kind {
            EntryType::Directory => {
                let meta = Meta::read(entry, raw)?;
                let dir = self.parent(parent, raw)?;
                self.directory(dir.as_fd(), name, &meta, raw)?;
                self.dir_times.set(cleaned, meta.mtime);
                return Ok(());
            }
            EntryType::Char | EntryType::Block if !is_whiteout_device(entry, kind) => {
                self.summary.skipped_devices += 1;
                return Ok(());
            }
            _ => {}
        }
        self.dir_times.forget(&cleaned);
        if small_file || kind == EntryType::Symlink {
            let meta = Meta::read(entry, raw)?;
            let what = if small_file {
                let mut data = Vec::with_capacity(entry.header().size().unwrap_or(0) as usize);
                entry
                    .read_to_end(&mut data)
                    .map_err(|e| LayerError::io(raw, "reading file data from the archive", e))?;
                self.summary.regular_bytes += data.len() as u64;
                What::File(data)
            } else {
                What::Symlink(link_name(entry, raw)?)
            };
            let dir = self
                .parent(parent, raw)?
                .as_fd()
                .try_clone_to_owned()
                .map_err(|e| LayerError::io(raw, "duplicating a descriptor", e))?;
            return pool.submit(Job {
                dir,
                name: name.to_vec(),
                path: cleaned,
                meta,
                what,
            });
        }
        match kind {
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse => {
                let meta = Meta::read(entry, raw)?;
                let dir = self.parent(parent, raw)?;
                let sparse = kind == EntryType::GNUSparse;
                self.file(entry, dir.as_fd(), name, &meta, sparse, raw)
            }
            EntryType::Link => {
                let target = link_name(entry, raw)?;
                let dir = self.parent(parent, raw)?;
                self.hard_link(dir.as_fd(), name, &target, raw)
            }
            EntryType::Fifo => {
                let meta = Meta::read(entry, raw)?;
                let dir = self.parent(parent, raw)?;
                self.fifo(dir.as_fd(), name, &meta, raw)
            }
            EntryType::Char => {
                // A 0:0 char device: already an overlay whiteout.
                let dir = self.parent(parent, raw)?;
                whiteout::make_whiteout(dir.as_fd(), name)
                    .map_err(|e| LayerError::io(raw, "creating whiteout", e))?;
                Ok(())
            }
            other => Err(LayerError::invalid(
                raw,
                format!("unsupported entry type {:?}", other.as_byte() as char),
            )),
        }
    }

    /// A whiteout-style name: converted to overlay form, never created as such.
    fn marker(&self, marker: Marker, parent: &[&[u8]], raw: &[u8]) -> Result<(), LayerError> {
        match marker {
            Marker::None | Marker::Ignored => Ok(()),
            Marker::Opaque => {
                let dir = self
                    .root
                    .dir(parent, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
                    .map_err(|e| LayerError::io(raw, "opening directory", e))?;
                whiteout::set_opaque(dir.as_fd())
                    .map_err(|e| LayerError::io(raw, "marking directory opaque", e))
            }
            Marker::Whiteout(target) => {
                let dir = self.parent(parent, raw)?;
                whiteout::make_whiteout(dir.as_fd(), target)
                    .map_err(|e| LayerError::io(raw, "creating whiteout", e))?;
                Ok(())
            }
        }
    }

    /// The in-root parent directory of an entry, created if missing.
    fn parent(&self, parent: &[&[u8]], raw: &[u8]) -> Result<super::path::Dir<'r>, LayerError> {
        self.root
            .dir(parent, PATH_DIR)
            .map_err(|e| LayerError::io(raw, "resolving parent directory", e))
    }

    /// `./` or `/`: metadata for the layer root itself.
    fn root_entry<R: Read>(
        &mut self,
        entry: &mut tar::Entry<R>,
        kind: EntryType,
        raw: &[u8],
    ) -> Result<(), LayerError> {
        if kind != EntryType::Directory {
            return Err(LayerError::invalid(
                raw,
                "names the layer root but is not a directory",
            ));
        }
        let meta = Meta::read(entry, raw)?;
        let fd = self
            .root
            .resolve(b".", OFlag::O_RDONLY | OFlag::O_DIRECTORY)
            .map_err(|e| LayerError::io(raw, "opening layer root", e))?;
        meta.apply_fd(fd.as_fd(), self.chown, raw)?;
        self.dir_times.set(Vec::new(), meta.mtime);
        Ok(())
    }

    fn directory(
        &self,
        dir: BorrowedFd,
        name: &[u8],
        meta: &Meta,
        raw: &[u8],
    ) -> Result<(), LayerError> {
        let mode = Mode::from_bits_truncate(0o700);
        let fd = match mkdirat(dir, name, mode) {
            Ok(()) => openat(dir, name, OPEN_DIR, Mode::empty()),
            Err(Errno::EEXIST) => match openat(dir, name, OPEN_DIR, Mode::empty()) {
                // A directory replacing a directory only updates its metadata.
                Ok(fd) => Ok(fd),
                Err(Errno::ENOTDIR | Errno::ELOOP) => remove_existing(dir, name)
                    .and_then(|()| mkdirat(dir, name, mode))
                    .and_then(|()| openat(dir, name, OPEN_DIR, Mode::empty())),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        }
        .map_err(|e| LayerError::io(raw, "creating directory", e))?;
        meta.apply_fd(fd.as_fd(), self.chown, raw)
    }

    /// A regular file. For GNU sparse entries, runs of zeros become holes again (seek instead
    /// of write), so a small archive cannot fill the disk with a huge declared hole.
    #[allow(clippy::too_many_arguments)]
    fn file<R: Read>(
        &mut self,
        entry: &mut tar::Entry<R>,
        dir: BorrowedFd,
        name: &[u8],
        meta: &Meta,
        sparse: bool,
        raw: &[u8],
    ) -> Result<(), LayerError> {
        let fd =
            create_file(dir, name, meta).map_err(|e| LayerError::io(raw, "creating file", e))?;
        let mut file = File::from(fd);
        let mut len: u64 = 0;
        let mut holes = false;
        loop {
            let n = match entry.read(&mut self.buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(LayerError::io(raw, "reading file data from the archive", e)),
            };
            let chunk = &self.buf[..n];
            len += n as u64;
            self.summary.regular_bytes += n as u64;
            if sparse && chunk.iter().all(|&b| b == 0) {
                holes = true;
                file.seek(SeekFrom::Current(n as i64))
                    .map_err(|e| LayerError::io(raw, "skipping a hole", e))?;
            } else {
                file.write_all(chunk)
                    .map_err(|e| LayerError::io(raw, "writing file data", e))?;
            }
        }
        if holes {
            file.set_len(len)
                .map_err(|e| LayerError::io(raw, "setting sparse file length", e))?;
        }
        meta.apply_fd(file.as_fd(), self.chown, raw)?;
        meta.apply_times_fd(file.as_fd(), raw)
    }

    fn hard_link(
        &self,
        dir: BorrowedFd,
        name: &[u8],
        target: &[u8],
        raw: &[u8],
    ) -> Result<(), LayerError> {
        let tcomps = clean(target);
        let Some((&tname, tparent)) = tcomps.split_last() else {
            return Err(LayerError::invalid(raw, "hard link to the layer root"));
        };
        let tdir = self
            .root
            .existing_dir(tparent)
            .map_err(|e| LayerError::io(raw, "resolving hard link target directory", e))?;
        let t = tdir.as_fd();
        // Flags 0: a symlink target is linked itself, never followed.
        let link = || linkat(t, tname, dir, name, AtFlags::empty());
        match link() {
            Err(Errno::EEXIST) if same_inode(t, tname, dir, name) => Ok(()),
            Err(Errno::EEXIST) => remove_existing(dir, name).and_then(|()| link()),
            r => r,
        }
        .map_err(|e| LayerError::io(raw, "creating hard link", e))
    }

    fn fifo(
        &self,
        dir: BorrowedFd,
        name: &[u8],
        meta: &Meta,
        raw: &[u8],
    ) -> Result<(), LayerError> {
        let perm = Mode::from_bits_truncate(0o600);
        replacing(dir, name, || mknodat(dir, name, SFlag::S_IFIFO, perm, 0))
            .map_err(|e| LayerError::io(raw, "creating FIFO", e))?;
        if self.chown {
            meta.chown_at(dir, name, raw)?;
        }
        // We just created a FIFO there, so following is moot (and portable).
        fchmodat(
            dir,
            name,
            Mode::from_bits_retain(meta.mode),
            FchmodatFlags::FollowSymlink,
        )
        .map_err(|e| LayerError::io(raw, "setting mode", e))?;
        meta.times_at(dir, name, raw)
    }
}

fn is_whiteout_device<R: Read>(entry: &tar::Entry<R>, kind: EntryType) -> bool {
    let h = entry.header();
    kind == EntryType::Char
        && matches!(h.device_major(), Ok(Some(0)) | Ok(None))
        && matches!(h.device_minor(), Ok(Some(0)) | Ok(None))
}

fn link_name<R: Read>(entry: &tar::Entry<R>, raw: &[u8]) -> Result<Vec<u8>, LayerError> {
    match entry.link_name_bytes() {
        Some(t) if !t.is_empty() => Ok(t.into_owned()),
        _ => Err(LayerError::invalid(raw, "link without a target")),
    }
}
