//! The files rpod generates for the container's `/etc` — `hosts`, `hostname`, `resolv.conf`
//! (and keep-id's `passwd` and `group`): written into the container's scratch directory, then
//! bound over the image's own.

use std::fs;
use std::path::Path;

use crate::spec::container::ContainerSpec;

use crate::runtime::rootfs::mount_at;
use crate::runtime::rootfs::secure_path::{Create, Root};
use crate::runtime::{Ctx, SysError};

/// Files generated per container and bound over the image's `/etc/<name>`.
pub const ETC_FILES: [&str; 3] = ["hosts", "hostname", "resolv.conf"];

/// Writes `hosts`, `hostname` and `resolv.conf` into the container directory (parent side).
pub fn write_etc_files(dir: &Path, spec: &ContainerSpec) -> std::io::Result<()> {
    let hosts = format!(
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
         ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n\
         127.0.1.1\t{} {}\n",
        spec.hostname, spec.name
    );
    fs::write(dir.join("hosts"), hosts)?;
    fs::write(dir.join("hostname"), format!("{}\n", spec.hostname))?;
    let resolv = fs::read("/etc/resolv.conf").unwrap_or_default();
    fs::write(dir.join("resolv.conf"), resolv)
}

/// Binds the generated `<etc_files>/<name>` over the image's `/etc/<name>`.
pub fn bind_etc_file(root: &Root, etc_files: &Path, name: &str) -> Result<(), SysError> {
    let target = root
        .resolve(&Path::new("/etc").join(name), Create::File)
        .ctx(|| format!("creating /etc/{name}"))?;
    mount_at::bind(&etc_files.join(name), &target, false).ctx(|| format!("binding /etc/{name}"))
}
