//! `volume create`, and a volume made on first use by `-v NAME:/path`: the directory is
//! filled aside (`<root>/volumes/.new-<random>`) and renamed into place, so a volume is never
//! seen half made and two rpods creating the same name cannot both succeed.

use std::collections::BTreeMap;
use std::path::Path;

use super::{io_at, read, valid_name, volumes_dir, write_in, Volume, VolumeError};
use crate::util::fs::{dirs, random};

/// The mode of `_data`, which the container sees at its mount point: its non-root users must
/// be able to enter it (Podman's too). The volume's directory around it is private.
const DATA_MODE: u32 = 0o755;

/// What a new volume is made with.
#[derive(Clone, Debug, Default)]
pub struct NewVolume {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    pub anonymous: bool,
}

/// Makes the volume `new`; [`VolumeError::Exists`] if the name is taken.
pub fn create(root: &Path, new: &NewVolume) -> Result<Volume, VolumeError> {
    if !valid_name(&new.name) {
        return Err(VolumeError::Name(new.name.clone()));
    }
    // Every option of Podman's `local` driver mounts something (`type`, `device`, `o`) or
    // changes owners rootless rpod cannot set from here: refused, never ignored.
    if let Some(k) = new.options.keys().next() {
        return Err(VolumeError::Option(k.clone()));
    }
    let volumes = volumes_dir(root);
    dirs::ensure_private(&volumes).map_err(io_at(&volumes))?;
    let tmp = volumes.join(format!(".new-{:016x}", random::u64()));
    let v = Volume {
        name: new.name.clone(),
        driver: "local".into(),
        mountpoint: Default::default(),
        created_at: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        labels: new.labels.clone(),
        scope: "local".into(),
        options: new.options.clone(),
        anonymous: new.anonymous,
        mount_count: 0,
        needs_copy_up: true,
        needs_chown: true,
    };
    let fill = || -> Result<(), VolumeError> {
        dirs::create(&tmp, dirs::PRIVATE).map_err(io_at(&tmp))?;
        let data = tmp.join("_data");
        dirs::create(&data, DATA_MODE).map_err(io_at(&data))?;
        write_in(&tmp, &v)?;
        let dest = volumes.join(&new.name);
        std::fs::rename(&tmp, &dest).map_err(|e| match e.raw_os_error() {
            Some(libc::ENOTEMPTY) | Some(libc::EEXIST) => VolumeError::Exists(new.name.clone()),
            _ => VolumeError::Io(dest.clone(), e),
        })
    };
    match fill() {
        Ok(()) => read(root, &new.name),
        Err(e) => {
            let _ = crate::util::fs::staging::remove_tree(&tmp);
            Err(e)
        }
    }
}

/// The volume `name` as `-v NAME:/path` wants it: the existing one, or a new one (with no
/// labels). Returns it and whether this call made it.
pub fn ensure(root: &Path, name: &str) -> Result<(Volume, bool), VolumeError> {
    match read(root, name) {
        Ok(v) => return Ok((v, false)),
        Err(VolumeError::NotFound(_)) => {}
        Err(e) => return Err(e),
    }
    let new = NewVolume {
        name: name.to_string(),
        ..Default::default()
    };
    match create(root, &new) {
        Ok(v) => Ok((v, true)),
        // Another rpod made it first.
        Err(VolumeError::Exists(_)) => Ok((read(root, name)?, false)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> NewVolume {
        NewVolume {
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn made_once_and_read_back() {
        let root = tempfile::tempdir().unwrap();
        let v = create(root.path(), &named("data")).unwrap();
        assert_eq!(v.mountpoint, root.path().join("volumes/data/_data"));
        assert!(v.mountpoint.is_dir());
        assert!(matches!(
            create(root.path(), &named("data")),
            Err(VolumeError::Exists(n)) if n == "data"
        ));
        assert_eq!(read(root.path(), "data").unwrap(), v);
        let (again, made) = ensure(root.path(), "data").unwrap();
        assert!(!made);
        assert_eq!(again, v);
        assert!(ensure(root.path(), "other").unwrap().1);
        // Nothing left aside.
        let left: Vec<_> = std::fs::read_dir(root.path().join("volumes"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn bad_names_and_options_refused() {
        let root = tempfile::tempdir().unwrap();
        assert!(matches!(
            create(root.path(), &named("a/b")),
            Err(VolumeError::Name(_))
        ));
        let mut o = named("x");
        o.options.insert("type".into(), "tmpfs".into());
        assert!(matches!(
            create(root.path(), &o),
            Err(VolumeError::Option(k)) if k == "type"
        ));
        assert!(!root.path().join("volumes/x").exists());
    }
}
