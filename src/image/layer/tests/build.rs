//! Test fixtures: a raw tar writer (the tar crate's builder refuses `..` and absolute names,
//! which is exactly what the escape tests need) and a sandbox that detects writes outside
//! the destination.

use crate::image::layer::{unpack_layer, LayerError, UnpackOptions, UnpackSummary};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use tar::{EntryType, Header};

/// An entry's header fields; `Default` is a root-owned 0644 regular file.
#[derive(Clone)]
pub struct Spec {
    pub kind: EntryType,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub mtime: u64,
    pub link: Vec<u8>,
    pub dev: (u32, u32),
    pub pax: Vec<(String, Vec<u8>)>,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            kind: EntryType::Regular,
            mode: 0o644,
            uid: 0,
            gid: 0,
            mtime: 1_700_000_000,
            link: Vec::new(),
            dev: (0, 0),
            pax: Vec::new(),
        }
    }
}

/// Writes tar bytes header by header.
#[derive(Default)]
pub struct Tar {
    pub bytes: Vec<u8>,
}

impl Tar {
    pub fn new() -> Tar {
        Tar::default()
    }

    /// Any entry, with the name and link bytes written verbatim (GNU long-name entries when
    /// they do not fit in 100 bytes).
    pub fn entry(&mut self, name: &[u8], spec: &Spec, data: &[u8]) -> &mut Tar {
        if !spec.pax.is_empty() {
            let mut recs = Vec::new();
            for (k, v) in &spec.pax {
                recs.extend(pax_record(k, v));
            }
            self.raw(
                b"PaxHeaders/x",
                EntryType::XHeader,
                &Spec::default(),
                b"",
                &recs,
            );
        }
        if spec.link.len() > 100 {
            let mut l = spec.link.clone();
            l.push(0);
            self.raw(
                b"././@LongLink",
                EntryType::GNULongLink,
                &Spec::default(),
                b"",
                &l,
            );
        }
        if name.len() > 100 {
            let mut n = name.to_vec();
            n.push(0);
            self.raw(
                b"././@LongLink",
                EntryType::GNULongName,
                &Spec::default(),
                b"",
                &n,
            );
        }
        let short = &name[..name.len().min(100)];
        let link = &spec.link[..spec.link.len().min(100)];
        self.raw(short, spec.kind, spec, link, data)
    }

    fn raw(
        &mut self,
        name: &[u8],
        kind: EntryType,
        spec: &Spec,
        link: &[u8],
        data: &[u8],
    ) -> &mut Tar {
        let mut h = Header::new_gnu();
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
        h.set_entry_type(kind);
        h.set_mode(spec.mode);
        h.set_uid(spec.uid);
        h.set_gid(spec.gid);
        h.set_mtime(spec.mtime);
        h.set_size(data.len() as u64);
        if matches!(kind, EntryType::Char | EntryType::Block) {
            h.set_device_major(spec.dev.0).unwrap();
            h.set_device_minor(spec.dev.1).unwrap();
        }
        h.set_cksum();
        self.bytes.extend_from_slice(h.as_bytes());
        self.bytes.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.bytes.extend(std::iter::repeat_n(0u8, pad));
        self
    }

    pub fn file(&mut self, name: &str, data: &[u8]) -> &mut Tar {
        self.entry(name.as_bytes(), &Spec::default(), data)
    }

    pub fn file_with(&mut self, name: &str, spec: Spec, data: &[u8]) -> &mut Tar {
        self.entry(name.as_bytes(), &spec, data)
    }

    pub fn dir(&mut self, name: &str, mode: u32) -> &mut Tar {
        let spec = Spec {
            kind: EntryType::Directory,
            mode,
            ..Spec::default()
        };
        self.entry(name.as_bytes(), &spec, b"")
    }

    pub fn symlink(&mut self, name: &str, target: &str) -> &mut Tar {
        let spec = Spec {
            kind: EntryType::Symlink,
            mode: 0o777,
            link: target.into(),
            ..Spec::default()
        };
        self.entry(name.as_bytes(), &spec, b"")
    }

    pub fn hardlink(&mut self, name: &str, target: &str) -> &mut Tar {
        let spec = Spec {
            kind: EntryType::Link,
            link: target.into(),
            ..Spec::default()
        };
        self.entry(name.as_bytes(), &spec, b"")
    }

    /// The archive with its end-of-archive marker.
    pub fn finish(&self) -> Vec<u8> {
        let mut out = self.bytes.clone();
        out.extend([0u8; 1024]);
        out
    }
}

/// One PAX record, `"<len> key=value\n"` where `len` counts itself.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let body = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = body + 1;
    while len.to_string().len() + body > len {
        len += 1;
    }
    let mut r = format!("{len} {key}=").into_bytes();
    r.extend_from_slice(value);
    r.push(b'\n');
    r
}

/// `outer/` holds `sentinel` and the destination `outer/dest/`; anything else appearing in
/// `outer` (or a change to the sentinel) means an entry escaped.
pub struct Sandbox {
    _tmp: tempfile::TempDir,
    pub outer: PathBuf,
    pub dest: PathBuf,
}

pub const SENTINEL: &[u8] = b"sentinel: must never change\n";

impl Sandbox {
    pub fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let outer = tmp.path().to_path_buf();
        let dest = outer.join("dest");
        fs::create_dir(&dest).unwrap();
        fs::write(outer.join("sentinel"), SENTINEL).unwrap();
        Sandbox {
            _tmp: tmp,
            outer,
            dest,
        }
    }

    pub fn unpack(&self, tar: &[u8]) -> Result<UnpackSummary, LayerError> {
        self.unpack_opts(tar, true)
    }

    pub fn unpack_opts(&self, tar: &[u8], chown: bool) -> Result<UnpackSummary, LayerError> {
        let mut r = tar;
        unpack_layer(&mut r, &self.dest, &UnpackOptions { chown })
    }

    /// Nothing but `sentinel` and `dest` in `outer`, and the sentinel intact.
    pub fn assert_contained(&self) {
        let names: BTreeSet<String> = fs::read_dir(&self.outer)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            BTreeSet::from(["dest".to_string(), "sentinel".to_string()])
        );
        let meta = fs::symlink_metadata(self.outer.join("sentinel")).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(std::os::unix::fs::MetadataExt::nlink(&meta), 1);
        assert_eq!(fs::read(self.outer.join("sentinel")).unwrap(), SENTINEL);
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dest.join(rel)
    }
}

/// An xattr of a path (not following symlinks), if set.
pub fn xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let p = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let n = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 4096];
    // SAFETY: valid C strings and a buffer of the given length.
    let r = unsafe { libc::lgetxattr(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if r < 0 {
        return None;
    }
    buf.truncate(r as usize);
    Some(buf)
}

/// Every path under `dir` (relative), not following symlinks.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            }
        }
    }
    out
}
