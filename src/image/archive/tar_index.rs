//! Random access into an archive without extracting it: one pass over the tar headers records
//! where each member's data starts, then members are read by seeking. Symbolic and hard links
//! between members (the `<id>/layer.tar` links of `docker save`) are followed.

use super::ArchiveError;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Links followed before giving up (a loop, or a hostile archive).
const MAX_LINKS: usize = 16;

enum Item {
    File {
        offset: u64,
        size: u64,
    },
    /// A symbolic or hard link, its target already made absolute within the archive.
    Link(String),
}

pub struct TarIndex {
    path: PathBuf,
    items: HashMap<String, Item>,
}

/// A member's bytes: exactly `size` bytes from its own file handle, so members can be read
/// from several threads at once.
pub struct Member {
    pub size: u64,
    pub reader: std::io::Take<BufReader<File>>,
}

impl TarIndex {
    /// Reads every header of the tar at `path` (skipping the data by seeking).
    pub fn build(path: &Path) -> Result<TarIndex, ArchiveError> {
        let io_err = |err| ArchiveError::Io {
            path: path.to_path_buf(),
            err,
        };
        let not_tar =
            |_| ArchiveError::NotAnArchive(format!("{}: not a tar archive", path.display()));
        let file = File::open(path).map_err(io_err)?;
        let mut archive = tar::Archive::new(file);
        let mut items = HashMap::new();
        for entry in archive.entries_with_seek().map_err(not_tar)? {
            let entry = entry.map_err(not_tar)?;
            let name = clean("", &entry.path().map_err(not_tar)?.to_string_lossy());
            let kind = entry.header().entry_type();
            let item = if kind.is_file() {
                Item::File {
                    offset: entry.raw_file_position(),
                    size: entry.size(),
                }
            } else if kind.is_symlink() || kind.is_hard_link() {
                let Some(target) = entry.link_name().map_err(not_tar)? else {
                    continue;
                };
                let target = target.to_string_lossy();
                let base = match kind.is_symlink() && !target.starts_with('/') {
                    true => parent(&name),
                    false => "",
                };
                Item::Link(clean(base, &target))
            } else {
                continue;
            };
            items.insert(name, item);
        }
        Ok(TarIndex {
            path: path.to_path_buf(),
            items,
        })
    }

    pub fn contains(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    fn resolve(&self, name: &str) -> Option<(u64, u64)> {
        let mut name = clean("", name);
        for _ in 0..MAX_LINKS {
            match self.items.get(&name)? {
                Item::File { offset, size } => return Some((*offset, *size)),
                Item::Link(target) => name = target.clone(),
            }
        }
        None
    }

    /// Opens the member `name` (following links).
    pub fn open(&self, name: &str) -> Result<Member, ArchiveError> {
        let (offset, size) = self
            .resolve(name)
            .ok_or_else(|| ArchiveError::Missing(name.to_string()))?;
        let io_err = |err| ArchiveError::Io {
            path: self.path.clone(),
            err,
        };
        let mut file = File::open(&self.path).map_err(io_err)?;
        file.seek(SeekFrom::Start(offset)).map_err(io_err)?;
        Ok(Member {
            size,
            reader: BufReader::with_capacity(256 << 10, file).take(size),
        })
    }

    /// Reads a small member (JSON documents) whole; larger ones are refused.
    pub fn read_small(&self, name: &str) -> Result<Vec<u8>, ArchiveError> {
        const LIMIT: u64 = 32 << 20;
        let mut member = self.open(name)?;
        if member.size > LIMIT {
            return Err(ArchiveError::Invalid(format!(
                "{name} is {} bytes, too large for a metadata file",
                member.size
            )));
        }
        let mut bytes = Vec::with_capacity(member.size as usize);
        member
            .reader
            .read_to_end(&mut bytes)
            .map_err(|err| ArchiveError::Io {
                path: self.path.clone(),
                err,
            })?;
        Ok(bytes)
    }
}

fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `base/path` with `.`, empty components and leading `/` removed and `..` applied (never
/// above the archive root): the form every member name is kept in.
fn clean(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_member_names() {
        assert_eq!(clean("", "./manifest.json"), "manifest.json");
        assert_eq!(clean("abc", "../x.tar"), "x.tar");
        assert_eq!(clean("", "/../../etc/passwd"), "etc/passwd");
        assert_eq!(clean("a/b", "./c//d"), "a/b/c/d");
    }

    #[test]
    fn follows_links_and_reads_members() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.tar");
        let mut b = tar::Builder::new(File::create(&path).unwrap());
        let mut h = tar::Header::new_ustar();
        h.set_size(5);
        h.set_cksum();
        b.append_data(&mut h, "./data.bin", &b"hello"[..]).unwrap();
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        b.append_link(&mut h, "id/layer.tar", "../data.bin")
            .unwrap();
        b.finish().unwrap();
        drop(b);
        let index = TarIndex::build(&path).unwrap();
        let mut s = String::new();
        let mut m = index.open("id/layer.tar").unwrap();
        m.reader.read_to_string(&mut s).unwrap();
        assert_eq!((s.as_str(), m.size), ("hello", 5));
        assert!(index.contains("data.bin"));
        assert!(!index.contains("nothing"));
    }
}
