//! Writing files so that readers see either the old content or the new one, never a part:
//! write a temporary file beside the target, then rename it over the target.

use std::io::{self, Write};
use std::path::Path;

///
/// No fsync: the guarantee is against rpod dying (kill, crash), which the page cache survives;
/// only the index, the commit point of every change, is also synced (`write_durable`).
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, false)
}

/// `write_file`, synced to disk before the rename.
pub fn write_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_data()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
