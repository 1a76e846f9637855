//! `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (issue #2): registry traffic goes through the proxy the
//! environment names, except for `NO_PROXY` hosts and loopback registries, as with Podman.
//!
//! The proof is a forward proxy started by each test (below) that sends every request to
//! 127.0.0.1 at the requested port, whatever the host: `registry.invalid:5000`, a name no
//! resolver knows, is then the test registry on 127.0.0.1:5000 — but only through the proxy.
//! The proxy logs every request it gets, so a test can also show that a request did not use it.
//! The TLS registries' certificates name 127.0.0.1 and localhost, not `registry.invalid`, so the
//! HTTPS cases use `--tls-verify=false`: what they prove is the CONNECT tunnel, not trust.

mod common;

use common::{assert_error, env, registry, Output, Rpod};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A name that cannot resolve (RFC 2606), so only the proxy can reach it.
const NOWHERE: &str = "registry.invalid";

/// One request the proxy received.
#[derive(Clone, Debug)]
struct Logged {
    /// `GET http://host:port/path HTTP/1.1`, `CONNECT host:port HTTP/1.1`.
    line: String,
    /// The `Proxy-Authorization` header, if any.
    auth: Option<String>,
}

/// A forward proxy on a free loopback port: absolute-URI requests (`GET http://h:p/...`) are
/// sent to 127.0.0.1:p one per connection, `CONNECT h:p` is tunnelled to 127.0.0.1:p.
struct Proxy {
    port: u16,
    log: Arc<Mutex<Vec<Logged>>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the proxy");
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let l = log.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let l = l.clone();
                std::thread::spawn(move || {
                    let _ = serve(client, &l);
                });
            }
        });
        Proxy { port, log }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    fn lines(&self) -> Vec<String> {
        self.log().into_iter().map(|l| l.line).collect()
    }
}

fn serve(client: TcpStream, log: &Mutex<Vec<Logged>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let line = line.trim_end().to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim_end().is_empty() {
            break;
        }
        headers.push(h.trim_end().to_string());
    }
    let header = |name: &str| {
        headers.iter().find_map(|h| {
            let (n, v) = h.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    };
    log.lock().unwrap().push(Logged {
        line: line.clone(),
        auth: header("Proxy-Authorization"),
    });
    let mut client = client;
    let fields: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = fields[..] else {
        return client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
    };
    let (authority, path) = match method {
        "CONNECT" => (target, None),
        _ => match target.strip_prefix("http://") {
            Some(rest) => match rest.find('/') {
                Some(i) => (&rest[..i], Some(&rest[i..])),
                None => (rest, Some("/")),
            },
            None => return client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n"),
        },
    };
    let port = authority.rsplit_once(':').map_or("80", |(_, p)| p);
    let mut upstream = match TcpStream::connect(format!("127.0.0.1:{port}")) {
        Ok(s) => s,
        Err(_) => return client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n"),
    };
    match path {
        None => client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?,
        Some(path) => {
            // One request per connection, so that every request is logged.
            let mut head = format!("{method} {path} {version}\r\n");
            for h in &headers {
                let name = h.split(':').next().unwrap_or("").to_ascii_lowercase();
                if !["connection", "proxy-connection", "proxy-authorization"]
                    .contains(&name.as_str())
                {
                    head += &format!("{h}\r\n");
                }
            }
            head += "Connection: close\r\n\r\n";
            upstream.write_all(head.as_bytes())?;
        }
    }
    let (mut up_read, mut client_write) = (upstream.try_clone()?, client.try_clone()?);
    let back = std::thread::spawn(move || {
        let _ = std::io::copy(&mut up_read, &mut client_write);
        let _ = client_write.shutdown(Shutdown::Both);
    });
    let _ = std::io::copy(&mut reader, &mut upstream);
    let _ = upstream.shutdown(Shutdown::Write);
    let _ = back.join();
    Ok(())
}

/// `pull --tls-verify=false IMAGE` with the environment variables `vars` added.
fn pull(t: &Rpod, image: &str, vars: &[(&str, &str)]) -> Output {
    let cmd = t.cmd(&["pull", "--tls-verify=false", image]);
    vars.iter().fold(cmd, |c, (k, v)| c.env(k, v)).run()
}

fn busybox_id() -> String {
    registry::image_id("library/busybox", "latest", "amd64")
}

#[test]
fn pull_through_http_proxy_reaches_unresolvable_host() {
    let proxy = Proxy::start();
    let t = Rpod::new("proxy_http");
    let image = format!("{NOWHERE}:5000/library/busybox");
    let out = pull(&t, &image, &[("HTTP_PROXY", &proxy.url())]);
    out.assert_ok();
    assert_eq!(out.last_line(), busybox_id());
    let lines = proxy.lines();
    let base = format!("http://{NOWHERE}:5000/v2/");
    // (Podman also pings /v2/ first; rpod starts with the manifest.)
    for want in [
        format!("GET {base}library/busybox/manifests/"),
        format!("GET {base}library/busybox/blobs/sha256:"),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(&want)),
            "the proxy should have seen {want:?}; it saw {lines:#?}"
        );
    }
    t.ok(&["image", "exists", &image]);
}

#[test]
fn no_proxy_host_is_reached_directly() {
    let proxy = Proxy::start();
    let t = Rpod::new("proxy_no_proxy");
    let image = format!("{NOWHERE}:5000/library/busybox");
    let no_proxy = format!("example.com,{NOWHERE}");
    let out = pull(
        &t,
        &image,
        &[("HTTP_PROXY", &proxy.url()), ("NO_PROXY", &no_proxy)],
    );
    assert_error(&t, &out, 125, &[NOWHERE]);
    assert_eq!(
        proxy.lines(),
        Vec::<String>::new(),
        "NO_PROXY: not via the proxy"
    );
}

#[test]
fn lower_case_variables_work_too() {
    let proxy = Proxy::start();
    let t = Rpod::new("proxy_lower_case");
    let image = format!("{NOWHERE}:5000/library/busybox");
    // A `no_proxy` that does not name the host: the pull goes through `http_proxy`.
    let url = proxy.url();
    let out = pull(
        &t,
        &image,
        &[("http_proxy", &url), ("no_proxy", "other.example")],
    );
    out.assert_ok();
    let seen = proxy.lines().len();
    assert!(seen > 0, "http_proxy: the pull should use the proxy");
    // `.invalid` names every host under .invalid: the pull goes direct, and cannot resolve.
    let out = pull(
        &t,
        &image,
        &[("http_proxy", &url), ("no_proxy", ".invalid")],
    );
    assert_error(&t, &out, 125, &[NOWHERE]);
    assert_eq!(proxy.lines().len(), seen, "no_proxy: not via the proxy");
}

/// Go's special case, which Podman users rely on: loopback registries are never proxied, with no
/// `NO_PROXY` needed.
#[test]
fn loopback_registry_is_never_proxied() {
    let proxy = Proxy::start();
    let t = Rpod::new("proxy_loopback");
    let url = proxy.url();
    for image in [
        "127.0.0.1:5000/library/busybox",
        "localhost:5000/library/busybox",
    ] {
        let out = pull(&t, image, &[("HTTP_PROXY", &url), ("HTTPS_PROXY", &url)]);
        out.assert_ok();
        assert_eq!(out.last_line(), busybox_id());
        assert_eq!(
            proxy.lines(),
            Vec::<String>::new(),
            "{image}: not via the proxy"
        );
    }
}

/// HTTPS goes through `HTTPS_PROXY` as a CONNECT tunnel (with the proxy's credentials from its
/// URL), for `login` and `pull`, with Basic auth (:5443) and Bearer tokens (:5444); the token
/// server (127.0.0.1:5445) is loopback, so it is asked directly.
#[test]
fn https_goes_through_connect_tunnel() {
    let e = env();
    let proxy = Proxy::start();
    let with_creds = format!("http://proxyuser:proxypass@127.0.0.1:{}", proxy.port);
    let t = Rpod::new("proxy_https");
    let basic = format!("{NOWHERE}:5443");
    let login = t
        .cmd(&[
            "login",
            "--tls-verify=false",
            "-u",
            e.user(),
            "-p",
            e.password(),
            &basic,
        ])
        .env("HTTPS_PROXY", &with_creds)
        .run();
    login.assert_ok();
    for host in [basic.as_str(), &format!("{NOWHERE}:5444")] {
        let image = format!("{host}/library/busybox");
        let out = pull(&t, &image, &[("HTTPS_PROXY", &with_creds)]);
        out.assert_ok();
        assert_eq!(out.last_line(), busybox_id());
    }
    let log = proxy.log();
    let lines: Vec<&str> = log.iter().map(|l| l.line.as_str()).collect();
    for host in ["5443", "5444"] {
        let want = format!("CONNECT {NOWHERE}:{host} ");
        assert!(
            lines.iter().any(|l| l.starts_with(&want)),
            "the proxy should have seen {want:?}; it saw {lines:#?}"
        );
    }
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with(&format!("CONNECT {NOWHERE}:"))),
        "only tunnels to {NOWHERE}, nothing in clear and not the loopback token server: {lines:#?}"
    );
    // base64("proxyuser:proxypass")
    let auth = "Basic cHJveHl1c2VyOnByb3h5cGFzcw==";
    assert!(
        log.iter().all(|l| l.auth.as_deref() == Some(auth)),
        "every CONNECT should carry the proxy credentials: {log:#?}"
    );
}

/// When the proxy itself cannot be reached, the one-line error names it (without the
/// credentials in its URL), not only the registry.
#[test]
fn unreachable_proxy_is_named() {
    let down = common::RefusingPort::new();
    let closed = down.addr;
    let t = Rpod::new("proxy_down");
    let image = format!("{NOWHERE}:5443/library/busybox");
    let out = t
        .cmd(&["pull", &image])
        .env(
            "HTTPS_PROXY",
            &format!("http://proxyuser:proxypass@{closed}"),
        )
        .run();
    let line = assert_error(&t, &out, 125, &[NOWHERE, "proxy", &closed.to_string()]);
    assert!(
        !line.contains("proxypass"),
        "the proxy password leaked: {line}"
    );
}
