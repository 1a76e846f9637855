//! The client against a fake registry: bearer tokens, Basic, no plain-HTTP fallback for a
//! secure endpoint, refused connections, error statuses and digest checks.

use super::*;

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
