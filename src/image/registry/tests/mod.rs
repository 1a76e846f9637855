//! Client tests: a tiny in-process HTTP server on 127.0.0.1 (here) for the protocol logic
//! (`protocol.rs`: token refresh, Basic, scheme fallback, error mapping), and live checks against
//! the shared test registry (127.0.0.1:5000/5443/5444, `live.rs`) that run in CI and whenever
//! `RPOD_TEST_REGISTRY_LIVE=1` (see [`super::live_test_env`] for the rule).

use super::live_test_env::{live_registries, LiveRegistries};
use super::*;
use crate::config::auth::AuthFile;
use crate::config::registries::Endpoint;
use crate::oci::digest::DigestingReader;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

mod live;
mod protocol;

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
