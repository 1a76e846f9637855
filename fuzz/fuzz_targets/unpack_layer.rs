//! Arbitrary bytes as a layer tar: `unpack_layer` may fail but must never panic, and must
//! never create anything outside its destination. The destination is nested one level below
//! a fresh parent directory, which must hold nothing but the destination afterwards; and
//! no `.wh.*` name may appear inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rpod::image::layer::{unpack_layer, UnpackOptions};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // tmpfs when available: faster, and it keeps the disk out of it.
    let shm = Path::new("/dev/shm");
    let parent = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("creating the parent temp dir");
    let dest = parent.path().join("dest");
    std::fs::create_dir(&dest).expect("creating dest");

    let mut input = data;
    let _ = unpack_layer(&mut input, &dest, &UnpackOptions { chown: true });

    let names: Vec<_> = std::fs::read_dir(parent.path())
        .expect("listing the parent")
        .map(|e| e.expect("reading the parent").file_name())
        .collect();
    assert_eq!(names, ["dest"], "an entry escaped the destination");
    let meta = std::fs::symlink_metadata(&dest).expect("dest vanished");
    assert!(meta.is_dir(), "dest was replaced by a non-directory");
    assert_no_whiteout_names(&dest);
});

/// Overlay form never contains a `.wh.*` name (they all become devices or xattrs).
fn assert_no_whiteout_names(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("listing dest") {
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
