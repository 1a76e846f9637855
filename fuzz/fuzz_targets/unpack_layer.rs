//! Arbitrary bytes as a layer tar: `unpack_layer` may fail but must never panic, and must
//! never create, change or remove anything outside its destination.
//!
//! The extraction runs in a jail: one thread (and the extractor's workers, which it spawns
//! and which share its root) with a private mount namespace and its own root directory, a
//! fresh tmpfs holding a sentinel tree with the destination deep inside it
//! (`/a/b/c/dest`, beside files named like the escapes' targets: `/victim`, `/etc/passwd`,
//! `/a/b/c/victim`...). So every path the extractor could reach — through `..`, an absolute
//! name, a symlink or a hard link — lands in the sentinel tree, never on the host, and after
//! each input the whole tree outside the destination must be exactly as it was: the same
//! names, types, modes, owners, link counts, sizes, contents, link targets, xattrs, and
//! mtime/ctime (so a chmod, chown, utimes, new hard link or xattr outside is a finding too).
//! The destination must still be a directory, with no `.wh.*` name in it (overlay form).
//! libFuzzer's own files (corpus, crash artifacts) stay outside the jail: only the jail
//! thread is chrooted.
//!
//! Needs root (CAP_SYS_ADMIN for the namespace and the tmpfs, CAP_SYS_CHROOT): run it through
//! `scripts/fuzz-smoke`, or `cargo fuzz run` as root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nix::mount::{mount, MsFlags};
use nix::sched::{unshare, CloneFlags};
use rpod::image::layer::{unpack_layer, UnpackOptions};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Mutex, OnceLock};

/// The destination, inside the jail.
const DEST: &str = "/a/b/c/dest";

/// Talks to the jail thread: an input goes in, `()` comes back once it was checked.
struct Jail {
    inputs: SyncSender<Vec<u8>>,
    done: Receiver<()>,
}

fuzz_target!(|data: &[u8]| {
    static JAIL: OnceLock<Mutex<Jail>> = OnceLock::new();
    let jail = JAIL.get_or_init(start_jail).lock().expect("the jail lock");
    jail.inputs
        .send(data.to_vec())
        .expect("the jail thread ended");
    // A finding panics in the jail thread, and libFuzzer's panic hook aborts the process.
    jail.done.recv().expect("the jail thread ended");
});

fn start_jail() -> Mutex<Jail> {
    let (inputs, input_rx) = sync_channel::<Vec<u8>>(0);
    let (done_tx, done) = sync_channel::<()>(0);
    let (ready_tx, ready) = sync_channel::<()>(0);
    std::thread::spawn(move || {
        enter_jail();
        let baseline = snapshot();
        ready_tx.send(()).expect("the fuzzer thread");
        for data in input_rx {
            check_one(&data, &baseline);
            done_tx.send(()).expect("the fuzzer thread");
        }
    });
    ready
        .recv()
        .expect("setting up the jail failed (see above)");
    Mutex::new(Jail { inputs, done })
}

/// This thread only: private mounts, a fresh tmpfs at `/tmp` holding the sentinel tree, and
/// that tmpfs as its root.
fn enter_jail() {
    unshare(CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_FS)
        .expect("unshare(CLONE_NEWNS | CLONE_FS): the fuzz target needs root");
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .expect("making the mounts private");
    mount(
        Some("tmpfs"),
        "/tmp",
        Some("tmpfs"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
        Some("size=64m,nr_inodes=20000,mode=0755"),
    )
    .expect("mounting the jail's tmpfs");
    build_sentinel_tree(Path::new("/tmp"));
    nix::unistd::chroot("/tmp").expect("chroot into the jail");
    std::env::set_current_dir("/").expect("chdir into the jail");
}

/// Files named as the escapes aim at them, at every level around the destination.
fn build_sentinel_tree(top: &Path) {
    let file = |rel: &str, content: &str, mode: u32| {
        let p = top.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, content).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
    };
    file("victim", "sentinel /victim\n", 0o644);
    file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0o644);
    file("etc/shadow", "root:*:1::::::\n", 0o600);
    file("a/victim", "sentinel /a/victim\n", 0o644);
    file("a/b/victim", "sentinel /a/b/victim\n", 0o644);
    file("a/b/c/victim", "sentinel /a/b/c/victim\n", 0o644);
    file("a/b/c/peer/file", "sentinel peer\n", 0o644);
    file("a/b/sibling/file", "sentinel sibling\n", 0o755);
    fs::create_dir_all(top.join("a/b/c/empty")).unwrap();
    fs::create_dir_all(top.join("a/b/c/dest")).unwrap();
    symlink("/etc", top.join("a/etc-link")).unwrap();
    symlink("victim", top.join("a/b/victim-link")).unwrap();
}

fn check_one(data: &[u8], baseline: &Tree) {
    let dest = Path::new(DEST);
    let mut input = data;
    let _ = unpack_layer(&mut input, dest, &UnpackOptions { chown: true });
    let after = snapshot();
    if &after != baseline {
        panic!(
            "an entry escaped the destination: {}",
            differences(baseline, &after)
        );
    }
    let meta = fs::symlink_metadata(dest).expect("dest vanished");
    assert!(meta.is_dir(), "dest was replaced by a non-directory");
    assert_no_whiteout_names(dest);
    empty(dest);
}

/// What is checked of one path outside the destination.
#[derive(PartialEq, Debug)]
struct Node {
    kind: u32,
    mode: u32,
    owner: (u32, u32),
    nlink: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    content: Vec<u8>,
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Node {
    fn describe(&self) -> String {
        format!(
            "{{mode {:o} owner {:?} nlink {} size {} mtime {:?} ctime {:?} content {:?} xattrs {}}}",
            self.mode,
            self.owner,
            self.nlink,
            self.size,
            self.mtime,
            self.ctime,
            String::from_utf8_lossy(&self.content),
            self.xattrs.len()
        )
    }
}

type Tree = BTreeMap<PathBuf, Node>;

/// Every path of the jail but the destination's contents (the destination itself included:
/// its mode, owner and times may change, so only its presence and type are compared).
fn snapshot() -> Tree {
    let mut tree = Tree::new();
    let mut stack = vec![PathBuf::from("/")];
    while let Some(path) = stack.pop() {
        let meta = fs::symlink_metadata(&path).expect("stat in the jail");
        let is_dest = path == Path::new(DEST);
        let kind = meta.mode() & libc::S_IFMT;
        let content = if meta.file_type().is_file() {
            fs::read(&path).expect("reading a sentinel")
        } else if meta.file_type().is_symlink() {
            fs::read_link(&path)
                .expect("reading a sentinel link")
                .into_os_string()
                .into_encoded_bytes()
        } else {
            Vec::new()
        };
        let node = if is_dest {
            Node {
                kind,
                mode: 0,
                owner: (0, 0),
                nlink: 0,
                size: 0,
                mtime: (0, 0),
                ctime: (0, 0),
                content,
                xattrs: Vec::new(),
            }
        } else {
            Node {
                kind,
                mode: meta.mode(),
                owner: (meta.uid(), meta.gid()),
                nlink: meta.nlink(),
                size: meta.size(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
                ctime: (meta.ctime(), meta.ctime_nsec()),
                content,
                xattrs: xattrs(&path),
            }
        };
        if meta.is_dir() && !is_dest {
            for e in fs::read_dir(&path).expect("listing the jail") {
                stack.push(e.expect("listing the jail").path());
            }
        }
        tree.insert(path, node);
    }
    tree
}

/// The extended attributes of `path` (not following a symlink), sorted.
fn xattrs(path: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
    use std::ffi::CString;
    let p = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    let mut names = vec![0u8; 4096];
    // SAFETY: a valid C string and a buffer of the given length.
    let n = unsafe { libc::llistxattr(p.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
    if n <= 0 {
        return Vec::new();
    }
    names.truncate(n as usize);
    let mut out: Vec<_> = names
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(|name| {
            let c = CString::new(name).unwrap();
            let mut value = vec![0u8; 4096];
            // SAFETY: valid C strings and a buffer of the given length.
            let len = unsafe {
                libc::lgetxattr(
                    p.as_ptr(),
                    c.as_ptr(),
                    value.as_mut_ptr().cast(),
                    value.len(),
                )
            };
            value.truncate(len.max(0) as usize);
            (name.to_vec(), value)
        })
        .collect();
    out.sort();
    out
}

/// The paths added, removed or changed, for the finding's message.
fn differences(before: &Tree, after: &Tree) -> String {
    let mut out = Vec::new();
    for (path, node) in after {
        match before.get(path) {
            None => out.push(format!("created {}", path.display())),
            Some(old) if old != node => out.push(format!(
                "changed {}: {} -> {}",
                path.display(),
                old.describe(),
                node.describe()
            )),
            _ => {}
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(format!("removed {}", path.display()));
    }
    out.join("; ")
}

/// Overlay form never contains a `.wh.*` name (they all become devices or xattrs).
fn assert_no_whiteout_names(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("listing dest") {
            let e = e.expect("reading dest");
            let name = e.file_name();
            assert!(
                !name.as_encoded_bytes().starts_with(b".wh."),
                "{:?} was created",
                e.path()
            );
            if e.file_type().expect("file type").is_dir() {
                stack.push(e.path());
            }
        }
    }
}

/// Removes everything inside `dir` (not `dir` itself: its parent's times must not change).
fn empty(dir: &Path) {
    for e in fs::read_dir(dir).expect("listing dest") {
        let e = e.expect("reading dest");
        let path = e.path();
        if e.file_type().expect("file type").is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        }
        .unwrap_or_else(|err| panic!("clearing {}: {err}", path.display()));
    }
}
