//! Entry order survives the parallel writing of small files (see `workers`): replacements,
//! a file over a directory whose children are still being written, hard links to files just
//! handed to a worker, across many directories at once.

use super::build::{Sandbox, Tar};
use std::fs;
use std::os::unix::fs::MetadataExt;

#[test]
fn later_entries_win_while_files_are_written_in_parallel() {
    let s = Sandbox::new();
    let mut tar = Tar::new();
    for d in 0..150 {
        tar.file(&format!("d{d}/f"), b"first")
            .file(&format!("d{d}/f"), b"second")
            .file(&format!("d{d}/g/inner"), b"child")
            .file(&format!("d{d}/g"), b"file over dir")
            .hardlink(&format!("d{d}/h"), &format!("d{d}/f"))
            .file(&format!("d{d}/x"), b"x")
            .dir(&format!("d{d}/x"), 0o755)
            .file(&format!("d{d}/x/y"), b"y")
            .symlink(&format!("d{d}/lx"), "x")
            .file(&format!("d{d}/lx/z"), b"through the link")
            .file(&format!("d{d}/s"), b"file")
            .symlink(&format!("d{d}/s"), "f");
    }
    s.unpack(&tar.finish()).unwrap();
    s.assert_contained();
    for d in 0..150 {
        let f = s.path(&format!("d{d}/f"));
        assert_eq!(fs::read(&f).unwrap(), b"second", "d{d}/f");
        assert_eq!(
            fs::read(s.path(&format!("d{d}/g"))).unwrap(),
            b"file over dir"
        );
        let h = s.path(&format!("d{d}/h"));
        assert_eq!(
            fs::metadata(&h).unwrap().ino(),
            fs::metadata(&f).unwrap().ino()
        );
        assert_eq!(fs::metadata(&f).unwrap().nlink(), 2, "d{d}/h links d{d}/f");
        assert_eq!(fs::read(s.path(&format!("d{d}/x/y"))).unwrap(), b"y");
        assert_eq!(
            fs::read(s.path(&format!("d{d}/x/z"))).unwrap(),
            b"through the link"
        );
        let link = fs::read_link(s.path(&format!("d{d}/s"))).unwrap();
        assert_eq!(link.to_str(), Some("f"), "d{d}/s is the later symlink");
    }
}
