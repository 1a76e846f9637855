//! Live checks against the shared test registry (plain HTTP, TLS with Basic, TLS with a bearer
//! token), run in CI and whenever `RPOD_TEST_REGISTRY_LIVE=1`.

use super::*;

/// A certs.d-style directory holding only the test registries' CA.
fn ca_dir(live: &LiveRegistries) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(&live.ca, d.path().join("ca.crt"))
        .unwrap_or_else(|e| panic!("{}: {e}", live.ca.display()));
    d
}

fn live_registry(
    host: &str,
    repo: &str,
    insecure: bool,
    c: Option<Credentials>,
    cert_dir: Option<&std::path::Path>,
) -> Registry {
    let opts = RegistryOptions {
        creds: c,
        cert_dir: cert_dir.map(Into::into),
        user_agent: "rpod-test".into(),
        ..Default::default()
    };
    let endpoint = Endpoint {
        host: host.into(),
        repository: repo.into(),
        insecure,
    };
    Registry::new(&endpoint, &opts, &AuthFile::default()).unwrap()
}

/// Fetches the manifest (an index: its first manifest) and every blob, verifying digests.
fn pull_all(reg: &Registry, tag: &str) {
    let m = reg.manifest(tag, &[]).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&m.bytes).unwrap();
    let doc = if let Some(list) = doc["manifests"].as_array() {
        let d = list[0]["digest"].as_str().unwrap();
        let child = reg.manifest(d, &[]).unwrap();
        assert_eq!(child.digest.to_string(), d);
        serde_json::from_slice(&child.bytes).unwrap()
    } else {
        doc
    };
    let mut digests = vec![doc["config"]["digest"].as_str().unwrap().to_string()];
    for l in doc["layers"].as_array().unwrap() {
        digests.push(l["digest"].as_str().unwrap().to_string());
    }
    for d in digests {
        let d: Digest = d.parse().unwrap();
        let blob = reg.blob(&d).unwrap();
        let size = blob.size;
        let (got, n) = DigestingReader::new(blob).finish().unwrap();
        assert_eq!(got, d);
        if let Some(s) = size {
            assert_eq!(s, n);
        }
    }
}

#[test]
fn live_plain_http_registry() {
    let Some(live) = live_registries("live_plain_http_registry") else {
        return;
    };
    let h = live.plain.as_str();
    let reg = live_registry(h, "library/busybox", true, None, None);
    reg.ping().unwrap();
    pull_all(&reg, "latest");
    pull_all(
        &live_registry(h, "testenv/layers", true, None, None),
        "latest",
    );
    let multi = live_registry(h, "testenv/multiarch", true, None, None);
    let idx = multi.manifest("latest", &[]).unwrap();
    assert_eq!(idx.media_type, MEDIA_OCI_INDEX);
    pull_all(&multi, "latest");
    let e = reg.manifest("no-such-tag", &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{h}/library/busybox:no-such-tag: manifest unknown")
    );
    // distribution 2.8 answers a manifest of an unknown repository with MANIFEST_UNKNOWN (the
    // in-process server above covers NAME_UNKNOWN).
    let e = live_registry(h, "no/such-repo", true, None, None)
        .manifest("latest", &[])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{h}/no/such-repo:latest: manifest unknown")
    );
}

#[test]
fn live_basic_auth_registry() {
    let Some(live) = live_registries("live_basic_auth_registry") else {
        return;
    };
    let h = live.tls.as_str();
    let dir = ca_dir(&live);
    let c = creds(&live.user, &live.password);
    let reg = live_registry(h, "library/busybox", false, c.clone(), Some(dir.path()));
    reg.ping().unwrap();
    pull_all(&reg, "latest");
    let bad = live_registry(
        h,
        "library/busybox",
        false,
        creds(&live.user, "wrong"),
        Some(dir.path()),
    );
    let e = bad.ping().unwrap_err();
    assert!(matches!(e, RegistryError::InvalidCredentials { .. }), "{e}");
    let anon = live_registry(h, "library/busybox", false, None, Some(dir.path()));
    let e = anon.manifest("latest", &[]).unwrap_err();
    assert!(matches!(e, RegistryError::AuthRequired { .. }), "{e}");
    // Without the CA: the unknown-authority error with its hint.
    let empty = tempfile::tempdir().unwrap();
    let e = live_registry(h, "library/busybox", false, c, Some(empty.path()))
        .ping()
        .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("x509: certificate signed by unknown authority"),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("certs.d/{h}/ca.crt")) && msg.contains("--tls-verify=false"),
        "{msg}"
    );
}

#[test]
fn live_bearer_token_registry() {
    let Some(live) = live_registries("live_bearer_token_registry") else {
        return;
    };
    let h = live.token.as_str();
    let dir = ca_dir(&live);
    let anon = live_registry(h, "testenv/large", false, None, Some(dir.path()));
    anon.ping()
        .unwrap_or_else(|e| panic!("anonymous ping: {e}"));
    let reg = live_registry(h, "library/busybox", false, None, Some(dir.path()));
    pull_all(&reg, "latest");
    let m = live_registry(h, "testenv/multiarch", false, None, Some(dir.path()));
    pull_all(&m, "latest");
    let authed = live_registry(
        h,
        "testenv/layers",
        false,
        creds(&live.user, &live.password),
        Some(dir.path()),
    );
    authed.ping().unwrap();
    pull_all(&authed, "latest");
    let bad = live_registry(
        h,
        "testenv/layers",
        false,
        creds(&live.user, "wrong"),
        Some(dir.path()),
    );
    let e = bad.ping().unwrap_err();
    assert!(matches!(e, RegistryError::InvalidCredentials { .. }), "{e}");
}

#[test]
fn live_large_image_layers_in_parallel_share_one_token() {
    let Some(live) = live_registries("live_large_image_layers_in_parallel_share_one_token") else {
        return;
    };
    let dir = ca_dir(&live);
    let reg = live_registry(&live.token, "testenv/large", false, None, Some(dir.path()));
    let m = reg.manifest("latest", &[]).unwrap();
    assert_eq!(m.media_type, MEDIA_DOCKER_MANIFEST);
    let doc: serde_json::Value = serde_json::from_slice(&m.bytes).unwrap();
    let layers: Vec<Digest> = doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["digest"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(layers.len(), 6);
    let threads: Vec<_> = layers
        .into_iter()
        .map(|d| {
            let reg = reg.clone();
            std::thread::spawn(move || {
                let (got, _) = DigestingReader::new(reg.blob(&d).unwrap())
                    .finish()
                    .unwrap();
                assert_eq!(got, d);
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}
