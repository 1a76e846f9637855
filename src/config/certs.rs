//! Per-registry TLS material in containers-certs.d(5) layout, so a private CA set up for Podman
//! (or Docker) is trusted by rpod without further configuration.
//!
//! In a host's directory every `*.crt` is an extra trusted CA and every `X.cert` + `X.key` pair
//! is a client certificate. Only the first existing directory is used, as in containers/image;
//! `--cert-dir` replaces the lookup.

use crate::config::paths::user_config_dir;
use crate::config::registries::ConfigError;
use std::path::{Path, PathBuf};

/// Candidate directories for `host` (`host[:port]`), in lookup order.
pub fn cert_dirs(host: &str) -> Vec<PathBuf> {
    vec![
        user_config_dir().join("containers/certs.d").join(host),
        Path::new("/etc/containers/certs.d").join(host),
        Path::new("/etc/docker/certs.d").join(host),
    ]
}

/// PEM files to add to a TLS client.
#[derive(Clone, Debug, Default)]
pub struct TlsFiles {
    /// Extra trusted CA certificates (each file may hold several PEM blocks).
    pub cas: Vec<(PathBuf, Vec<u8>)>,
    /// Client certificate chain followed by its key, PEM (the first pair found).
    pub client_identity: Option<(PathBuf, Vec<u8>)>,
}

/// Reads the TLS files for `host`: from `cert_dir` if given, else from the first existing
/// directory of [`cert_dirs`]. No directory means no extra files.
pub fn load(host: &str, cert_dir: Option<&Path>) -> Result<TlsFiles, ConfigError> {
    let dir = match cert_dir {
        Some(d) => d.to_path_buf(),
        None => match cert_dirs(host).into_iter().find(|d| d.is_dir()) {
            Some(d) => d,
            None => return Ok(TlsFiles::default()),
        },
    };
    log::debug!("reading TLS files for {host} from {}", dir.display());
    load_dir(&dir)
}

fn load_dir(dir: &Path) -> Result<TlsFiles, ConfigError> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let entries = std::fs::read_dir(dir).map_err(|source| ConfigError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut files = TlsFiles::default();
    for path in &paths {
        match path.extension().and_then(|e| e.to_str()) {
            Some("crt") => files.cas.push((path.clone(), read(path)?)),
            Some("cert") if files.client_identity.is_none() => {
                let key = path.with_extension("key");
                if !key.exists() {
                    return Err(ConfigError::Invalid {
                        path: path.clone(),
                        message: format!(
                            "missing key {} for the client certificate",
                            key.display()
                        ),
                    });
                }
                let mut pem = read(path)?;
                pem.push(b'\n');
                pem.extend(read(&key)?);
                files.client_identity = Some((path.clone(), pem));
            }
            Some("key") if !path.with_extension("cert").exists() => {
                return Err(ConfigError::Invalid {
                    path: path.clone(),
                    message: "missing client certificate (.cert) for this key".into(),
                });
            }
            _ => {}
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirs_follow_podman_order() {
        let d = cert_dirs("127.0.0.1:5443");
        assert!(d[0].ends_with("containers/certs.d/127.0.0.1:5443"));
        assert_eq!(d[1], Path::new("/etc/containers/certs.d/127.0.0.1:5443"));
        assert_eq!(d[2], Path::new("/etc/docker/certs.d/127.0.0.1:5443"));
    }

    #[test]
    fn crt_files_are_cas_and_cert_key_pairs_are_identities() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.crt"), "CA1").unwrap();
        std::fs::write(dir.path().join("b.crt"), "CA2").unwrap();
        std::fs::write(dir.path().join("client.cert"), "CERT").unwrap();
        std::fs::write(dir.path().join("client.key"), "KEY").unwrap();
        std::fs::write(dir.path().join("README"), "x").unwrap();
        let f = load("ignored", Some(dir.path())).unwrap();
        assert_eq!(f.cas.len(), 2);
        assert_eq!(f.cas[0].1, b"CA2");
        assert_eq!(f.client_identity.unwrap().1, b"CERT\nKEY");
        std::fs::remove_file(dir.path().join("client.key")).unwrap();
        assert!(load("ignored", Some(dir.path())).is_err());
        assert!(load("ignored", Some(&dir.path().join("nope"))).is_err());
        assert!(load("no-such-host.invalid:1", None).unwrap().cas.is_empty());
    }
}
