//! Replacing a file so that readers see the old content or the new, never a part: the new
//! content goes to a temporary file beside the destination, which is then renamed over it.
//!
//! The temporary file is created with `O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC` under a
//! name nobody can guess (`.<name>.<16 random hex digits>.tmp`): a name known in advance
//! (`.auth.json.<pid>.tmp`) lets whoever can write in the directory plant a symlink there,
//! and an open that follows it writes the credentials or the archive into the file it points
//! to. With `O_EXCL` nothing at the path is ever opened; with a random name there is nothing
//! there to begin with (and should there be, another name is tried).

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Names tried before giving up (each is 64 random bits: only a full directory of planted
/// names, or a broken random source, gets past the first).
const ATTEMPTS: usize = 16;

/// A temporary file beside its destination; removed when dropped uncommitted.
pub struct Replacement {
    file: File,
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Replacement {
    /// Creates the temporary file for `dest` with `mode` (less the umask).
    pub fn create(dest: &Path, mode: u32) -> io::Result<Replacement> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?
            .to_string_lossy();
        let mut last = None;
        for _ in 0..ATTEMPTS {
            let tmp = dir.join(format!(".{name}.{:016x}.tmp", super::random::u64()));
            match create_new(&tmp, mode) {
                Ok(file) => {
                    return Ok(Replacement {
                        file,
                        tmp,
                        dest: dest.to_path_buf(),
                        committed: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::ErrorKind::AlreadyExists.into()))
    }

    /// The temporary file, to write to.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Where the content is being written.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Renames the temporary file over the destination (syncing first is the caller's).
    pub fn commit(mut self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Replacement {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Creates `path`, which must not exist (a symlink there is not followed: `EEXIST`).
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// How much to sync before the rename.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sync {
    /// Nothing: the page cache survives rpod dying, which is what most writes guard against.
    None,
    /// The data (`fdatasync`): the write survives a crash of the machine too.
    Data,
}

/// Replaces `dest` with `bytes` (a new file of `mode`, less the umask).
pub fn write(dest: &Path, bytes: &[u8], mode: u32, sync: Sync) -> io::Result<()> {
    let mut r = Replacement::create(dest, mode)?;
    r.file().write_all(bytes)?;
    if sync == Sync::Data {
        r.file().sync_data()?;
    }
    r.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_and_leaves_no_temporary_file() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("f.json");
        write(&dest, b"one", 0o600, Sync::None).unwrap();
        write(&dest, b"two", 0o600, Sync::Data).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"two");
        assert_eq!(std::fs::metadata(&dest).unwrap().mode() & 0o777, 0o600);
        assert_eq!(names(t.path()), ["f.json"]);
    }

    #[test]
    fn dropped_uncommitted_is_removed_and_names_differ() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("f");
        let a = Replacement::create(&dest, 0o600).unwrap();
        let b = Replacement::create(&dest, 0o600).unwrap();
        assert_ne!(a.temp_path(), b.temp_path());
        drop((a, b));
        assert!(names(t.path()).is_empty());
    }

    #[test]
    fn never_opens_what_is_planted() {
        let t = tempfile::tempdir().unwrap();
        let victim = t.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let planted = t.path().join(".f.tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let e = create_new(&planted, 0o600).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }
}
