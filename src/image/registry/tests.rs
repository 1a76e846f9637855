//! Client tests: a tiny in-process HTTP server on 127.0.0.1 for the protocol logic (token
//! refresh, Basic, scheme fallback, error mapping), and live checks against the shared test
//! registry (127.0.0.1:5000/5443/5444) that run in CI and whenever `RPOD_TEST_REGISTRY_LIVE=1`
//! (see [`super::live_test_env`] for the rule).

use super::live_test_env::{live_registries, LiveRegistries};
use super::*;
use crate::config::auth::AuthFile;
use crate::config::registries::Endpoint;
use crate::oci::digest::DigestingReader;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

struct Req {
    path: String,
    headers: Vec<(String, String)>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Resp {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn resp(status: u16, body: &[u8]) -> Resp {
    Resp {
        status,
        headers: vec![],
        body: body.to_vec(),
    }
}

type Handler = dyn Fn(&Req) -> Resp + Send + Sync;

/// Serves `handler` on a fresh port; counts connections that were not HTTP (TLS hellos).
struct FakeServer {
    port: u16,
    garbage: Arc<AtomicUsize>,
}

fn serve(handler: Arc<Handler>) -> FakeServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let garbage = Arc::new(AtomicUsize::new(0));
    let g = garbage.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let h = handler.clone();
            let g = g.clone();
            std::thread::spawn(move || handle(stream, &*h, &g));
        }
    });
    FakeServer { port, garbage }
}

fn handle(stream: TcpStream, handler: &Handler, garbage: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(_) => {
                garbage.fetch_add(1, Ordering::SeqCst);
                return;
            }
        }
        let mut parts = line.split_whitespace();
        let (Some("GET"), Some(path)) = (parts.next(), parts.next()) else {
            garbage.fetch_add(1, Ordering::SeqCst);
            return;
        };
        let path = path.to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((n, v)) = h.split_once(':') {
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
        let r = handler(&Req { path, headers });
        let mut out = format!(
            "HTTP/1.1 {} X\r\nContent-Length: {}\r\n",
            r.status,
            r.body.len()
        );
        for (n, v) in &r.headers {
            out.push_str(&format!("{n}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut s = &stream;
        if s.write_all(out.as_bytes()).is_err() || s.write_all(&r.body).is_err() {
            return;
        }
    }
}

fn endpoint(port: u16, repo: &str, insecure: bool) -> Endpoint {
    Endpoint {
        host: format!("127.0.0.1:{port}"),
        repository: repo.into(),
        insecure,
    }
}

fn creds(u: &str, p: &str) -> Option<Credentials> {
    Some(Credentials {
        username: u.into(),
        password: p.into(),
    })
}

const MANIFEST: &[u8] =
    br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"#;

/// A token registry on one port: the registry accepts only the most recently issued token, the
/// realm lives on the same server. `revoke` simulates expiry.
struct TokenWorld {
    issued: AtomicUsize,
    current: Mutex<String>,
    server_port: Mutex<u16>,
}

fn token_registry() -> (FakeServer, Arc<TokenWorld>) {
    let world = Arc::new(TokenWorld {
        issued: AtomicUsize::new(0),
        current: Mutex::new(String::new()),
        server_port: Mutex::new(0),
    });
    let w = world.clone();
    let server = serve(Arc::new(move |req: &Req| {
        if req.path.starts_with("/token?") {
            assert!(
                req.path.contains("scope=repository%3Ateam%2Fapp%3Apull"),
                "{}",
                req.path
            );
            assert!(req.path.contains("service=fake"), "{}", req.path);
            let n = w.issued.fetch_add(1, Ordering::SeqCst) + 1;
            let tok = format!("tok{n}");
            *w.current.lock().unwrap() = tok.clone();
            return resp(
                200,
                format!(r#"{{"token":"{tok}","expires_in":300}}"#).as_bytes(),
            );
        }
        let want = format!("Bearer {}", w.current.lock().unwrap());
        if req.header("authorization") != Some(want.as_str()) || want == "Bearer " {
            let port = *w.server_port.lock().unwrap();
            return Resp {
                status: 401,
                headers: vec![(
                    "WWW-Authenticate",
                    format!(
                        r#"Bearer realm="http://127.0.0.1:{port}/token",service="fake",scope="repository:team/app:pull""#
                    ),
                )],
                body:
                    br#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#
                        .to_vec(),
            };
        }
        if req.path.contains("/manifests/") {
            return Resp {
                status: 200,
                headers: vec![(
                    "Content-Type",
                    "application/vnd.oci.image.manifest.v1+json".into(),
                )],
                body: MANIFEST.to_vec(),
            };
        }
        resp(200, b"blob-bytes")
    }));
    *world.server_port.lock().unwrap() = server.port;
    (server, world)
}

#[test]
fn bearer_tokens_are_shared_across_threads_and_refreshed_once_when_revoked() {
    let (server, world) = token_registry();
    let reg = Registry::new(
        &endpoint(server.port, "team/app", true),
        &RegistryOptions::default(),
        &AuthFile::default(),
    )
    .unwrap();
    let m = reg.manifest("latest", &[]).unwrap();
    assert_eq!(m.bytes, MANIFEST);
    assert_eq!(m.media_type, MEDIA_OCI_MANIFEST);
    assert_eq!(m.digest, Digest::of(MANIFEST));
    assert_eq!(world.issued.load(Ordering::SeqCst), 1);

    // Many threads, one token.
    let d = Digest::of(b"blob-bytes");
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let reg = reg.clone();
            let d = d.clone();
            std::thread::spawn(move || {
                let (got, n) = DigestingReader::new(reg.blob(&d).unwrap())
                    .finish()
                    .unwrap();
                assert_eq!((got, n), (d, 10));
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(world.issued.load(Ordering::SeqCst), 1);

    // The server forgets the token (expired mid-pull): one new token, then success again.
    *world.current.lock().unwrap() = "revoked".into();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let reg = reg.clone();
            let d = d.clone();
            std::thread::spawn(move || reg.blob(&d).map(|_| ()))
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    assert_eq!(
        world.issued.load(Ordering::SeqCst),
        2,
        "concurrent 401s must share one refresh"
    );
    // The first request after learning the scheme carries the token: no extra round trip.
    assert_eq!(
        server.garbage.load(Ordering::SeqCst),
        1,
        "only the first HTTPS probe was not HTTP"
    );
}

fn basic_registry() -> FakeServer {
    serve(Arc::new(|req: &Req| {
        // base64("u:good")
        if req.header("authorization") == Some("Basic dTpnb29k") {
            return resp(200, b"{}");
        }
        Resp {
            status: 401,
            headers: vec![("WWW-Authenticate", r#"Basic realm="fake""#.into())],
            body: vec![],
        }
    }))
}

#[test]
fn basic_auth_good_bad_and_missing_credentials() {
    let server = basic_registry();
    let ep = endpoint(server.port, "x", true);
    let opts = |c| RegistryOptions {
        creds: c,
        ..Default::default()
    };
    Registry::new(&ep, &opts(creds("u", "good")), &AuthFile::default())
        .unwrap()
        .ping()
        .unwrap();
    let err = Registry::new(&ep, &opts(creds("u", "bad")), &AuthFile::default())
        .unwrap()
        .ping()
        .unwrap_err();
    assert!(
        matches!(err, RegistryError::InvalidCredentials { .. }),
        "{err}"
    );
    assert!(!err.to_string().contains("bad"));
    let err = Registry::new(&ep, &opts(None), &AuthFile::default())
        .unwrap()
        .ping()
        .unwrap_err();
    assert!(err.to_string().contains("rpod login 127.0.0.1:"), "{err}");
    // auth.json credentials are used when --creds is absent.
    let auth = AuthFile::from_json(&format!(
        r#"{{"auths":{{"127.0.0.1:{}":{{"auth":"dTpnb29k"}}}}}}"#,
        server.port
    ))
    .unwrap();
    Registry::new(&ep, &opts(None), &auth)
        .unwrap()
        .ping()
        .unwrap();
}

#[test]
fn secure_endpoints_never_fall_back_to_http() {
    let server = basic_registry();
    let err = Registry::new(
        &endpoint(server.port, "x", false),
        &RegistryOptions::default(),
        &AuthFile::default(),
    )
    .unwrap()
    .ping()
    .unwrap_err();
    assert!(
        matches!(
            err,
            RegistryError::Tls { .. } | RegistryError::Unreachable { .. }
        ),
        "{err}"
    );
    // --tls-verify=false permits HTTP like `insecure`.
    let opts = RegistryOptions {
        tls_verify: Some(false),
        creds: creds("u", "good"),
        ..Default::default()
    };
    Registry::new(
        &endpoint(server.port, "x", false),
        &opts,
        &AuthFile::default(),
    )
    .unwrap()
    .ping()
    .unwrap();
}

/// A loopback port that refuses connections while the returned socket lives: bound, never
/// listening (a port bound and released could be taken by anyone meanwhile).
fn refusing_port() -> (std::os::fd::OwnedFd, u16) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let mut addr = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: 0,
        sin_addr: libc::in_addr {
            s_addr: u32::from(std::net::Ipv4Addr::LOCALHOST).to_be(),
        },
        sin_zero: [0; 8],
    };
    let mut len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: system calls on a descriptor owned here, with an address of the size passed.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
        let socket = OwnedFd::from_raw_fd(fd);
        let p = (&mut addr as *mut libc::sockaddr_in).cast();
        assert_eq!(libc::bind(socket.as_raw_fd(), p, len), 0, "bind");
        assert_eq!(libc::getsockname(socket.as_raw_fd(), p, &mut len), 0);
        (socket, u16::from_be(addr.sin_port))
    }
}

#[test]
fn connection_refused_is_one_clear_line() {
    let (_held, port) = refusing_port();
    for insecure in [false, true] {
        let err = Registry::new(
            &endpoint(port, "x", insecure),
            &RegistryOptions::default(),
            &AuthFile::default(),
        )
        .unwrap()
        .ping()
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("registry 127.0.0.1:{port} is not reachable: connection refused")
        );
    }
}

#[test]
fn error_statuses_and_digest_verification() {
    let server = serve(Arc::new(|req: &Req| match req.path.as_str() {
        "/v2/a/manifests/missing" => resp(
            404,
            br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#,
        ),
        "/v2/nope/manifests/latest" => resp(
            404,
            br#"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known"}]}"#,
        ),
        "/v2/a/manifests/broken" => resp(
            503,
            br#"{"errors":[{"code":"UNAVAILABLE","message":"storage is on fire"}]}"#,
        ),
        p if p.starts_with("/v2/a/manifests/sha256:") => Resp {
            status: 200,
            headers: vec![("Content-Type", "application/json".into())],
            body: MANIFEST.to_vec(),
        },
        p if p.starts_with("/v2/a/blobs/") => resp(404, br#"{"errors":[{"code":"BLOB_UNKNOWN"}]}"#),
        _ => resp(500, b""),
    }));
    let reg = |repo: &str| {
        Registry::new(
            &endpoint(server.port, repo, true),
            &RegistryOptions::default(),
            &AuthFile::default(),
        )
        .unwrap()
    };
    let h = format!("127.0.0.1:{}", server.port);
    assert_eq!(
        reg("a").manifest("missing", &[]).unwrap_err().to_string(),
        format!("{h}/a:missing: manifest unknown")
    );
    assert_eq!(
        reg("nope").manifest("latest", &[]).unwrap_err().to_string(),
        format!("{h}/nope: repository not found")
    );
    let e = reg("a").manifest("broken", &[]).unwrap_err().to_string();
    assert_eq!(e, format!("{h}: HTTP status 503: storage is on fire"));
    let good = Digest::of(MANIFEST);
    let m = reg("a").manifest(&good.to_string(), &[]).unwrap();
    assert_eq!(
        m.media_type, MEDIA_OCI_MANIFEST,
        "falls back to the document's mediaType"
    );
    let wrong = Digest::of(b"other");
    let e = reg("a").manifest(&wrong.to_string(), &[]).unwrap_err();
    assert!(matches!(e, RegistryError::DigestMismatch { .. }), "{e}");
    let e = reg("a").blob(&wrong).unwrap_err();
    assert!(e.to_string().ends_with("blob unknown"), "{e}");
}

// ---- live checks against the shared test registry ----

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
