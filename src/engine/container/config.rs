//! A container's `config.json`: its [`ContainerSpec`], saved when the container is created,
//! so that a later `start` takes the spec as it was settled and rebuilds nothing (the image
//! and the host may have changed since).

use std::path::Path;

use super::error::{io_at, StorageError};
use crate::spec::container::ContainerSpec;
use crate::util::fs::replace;

/// The file in the container's directory.
pub const CONFIG_FILE: &str = "config.json";

/// Writes `dir/config.json` atomically (an exclusive temporary file renamed over it).
pub fn write_config(dir: &Path, spec: &ContainerSpec) -> Result<(), StorageError> {
    let data = serde_json::to_vec(spec).map_err(StorageError::Config)?;
    let dst = dir.join(CONFIG_FILE);
    replace::write(&dst, &data, 0o600, replace::Sync::None).map_err(io_at(&dst))
}

/// Reads the spec saved in `dir/config.json` (`dir` is `<root>/containers/<id>`).
pub fn read_config(dir: &Path) -> Result<ContainerSpec, StorageError> {
    let path = dir.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(io_at(&path))?;
    serde_json::from_slice(&bytes).map_err(|e| StorageError::Corrupt(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::options::RunOptions;

    #[test]
    fn a_spec_built_from_options_round_trips() {
        let image = oci_spec::image::ImageConfiguration::from_reader(
            br#"{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]},
                "rootfs":{"type":"layers","diff_ids":[]}}"#
                .as_slice(),
        )
        .unwrap();
        let profile = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            profile.path(),
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}"#,
        )
        .unwrap();
        let opts = RunOptions {
            image: "busybox".into(),
            command: vec!["echo".into(), "hi there".into()],
            env: vec!["A=1".into()],
            workdir: Some("/tmp".into()),
            user: Some("1000:1000".into()),
            name: Some("web".into()),
            read_only: true,
            read_only_tmpfs: true,
            volumes: vec!["/h:/c:ro".into()],
            tmpfs: vec!["/scratch:size=1m".into()],
            umask: Some("0077".into()),
            tty: true,
            cap_add: vec!["NET_ADMIN".into()],
            cap_drop: vec!["CHOWN".into()],
            security_opt: vec![
                "no-new-privileges".into(),
                format!("seccomp={}", profile.path().display()),
                "mask=/opt/secret".into(),
            ],
            network: Some("none".into()),
            userns: Some("keep-id".into()),
            host_user: Some(crate::spec::userns_mode::HostUser {
                uid: 1000,
                gid: 1000,
                name: "me".into(),
                uid_count: 65536,
                gid_count: 65536,
            }),
            mount_program: Some("/usr/bin/fuse-overlayfs".into()),
            ..Default::default()
        };
        let id = "0123456789abcdef".repeat(4);
        let spec = ContainerSpec::build(&opts, &image, &id, &|_| None).unwrap();
        assert!(spec.keep_id.is_some() && spec.seccomp != crate::spec::seccomp::Seccomp::Default);
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), &spec).unwrap();
        assert_eq!(read_config(dir.path()).unwrap(), spec);
        // Rewritten in place (a later `start` may save it again).
        write_config(dir.path(), &spec).unwrap();
        assert_eq!(read_config(dir.path()).unwrap(), spec);
    }

    #[test]
    fn a_damaged_config_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), b"{").unwrap();
        let err = read_config(dir.path()).unwrap_err();
        assert!(err.to_string().contains(CONFIG_FILE), "{err}");
    }
}
