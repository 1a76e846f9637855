//! Where a pull goes when registries.conf gives it more than one place: the mirrors of a
//! `[[registry]]` table (tried in order, then the location), and several
//! `unqualified-search-registries` for a short name. The first place fails, the next one
//! answers; when every place fails, the error names each of them.
//!
//! The failing places are loopback ports the test holds: one bound but never listening (a
//! connection is refused at once, deterministically), one that answers every request with
//! HTTP 500. No port is assumed to be closed.

mod common;

use common::{assert_error, error_lines, registry, Output, Rpod};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;

/// A loopback TCP port bound but not listening: connecting to it is refused (RST) for as long
/// as this value lives, and no other program can take the port meanwhile.
struct RefusedPort {
    _socket: OwnedFd,
    addr: String,
}

impl RefusedPort {
    fn new() -> RefusedPort {
        // SAFETY: plain system calls on a descriptor this function owns; `addr` and `len` are
        // valid for the calls that read and write them.
        unsafe {
            let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
            assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
            let fd = OwnedFd::from_raw_fd(fd);
            let mut addr: libc::sockaddr_in = std::mem::zeroed();
            addr.sin_family = libc::AF_INET as libc::sa_family_t;
            addr.sin_addr.s_addr = u32::from(std::net::Ipv4Addr::LOCALHOST).to_be();
            let mut len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            let sa = &mut addr as *mut libc::sockaddr_in as *mut libc::sockaddr;
            let bound = libc::bind(fd.as_raw_fd(), sa, len);
            assert_eq!(bound, 0, "bind: {}", std::io::Error::last_os_error());
            let named = libc::getsockname(fd.as_raw_fd(), sa, &mut len);
            assert_eq!(named, 0, "getsockname: {}", std::io::Error::last_os_error());
            RefusedPort {
                _socket: fd,
                addr: format!("127.0.0.1:{}", u16::from_be(addr.sin_port)),
            }
        }
    }
}

/// A loopback "registry" that answers every request with HTTP 500 (it serves until the test
/// process ends).
fn erroring_registry() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding the erroring registry");
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for mut client in listener.incoming().flatten() {
            // One read is enough: the request (or a TLS hello, which then fails) is ignored.
            let mut buf = [0u8; 4096];
            let _ = client.read(&mut buf);
            let body = b"storage is on fire";
            let _ = write!(
                client,
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = client.write_all(body);
        }
    });
    addr
}

/// Writes `text` as this test's registries.conf and returns its path.
fn registries_conf(t: &Rpod, text: &str) -> PathBuf {
    let path = t.dir.join("registries.conf");
    let script = format!("cat >'{}' <<'EOF'\n{text}\nEOF", path.display());
    t.sh(&script).assert_ok();
    path
}

fn pull(t: &Rpod, conf: &std::path::Path, image: &str) -> Output {
    t.cmd(&["pull", image])
        .env("CONTAINERS_REGISTRIES_CONF", &conf.display().to_string())
        .run()
}

/// An insecure (plain HTTP) `[[registry]]` entry for each of `hosts`.
fn insecure(hosts: &[&str]) -> String {
    hosts
        .iter()
        .map(|h| format!("[[registry]]\nlocation = \"{h}\"\ninsecure = true\n"))
        .collect()
}

/// Asserts the pull failed with 125 and an error that names every one of `places`: for rpod in
/// one line; podman lists one error per place on lines of their own, which is said, not hidden.
#[track_caller]
fn assert_names_each(t: &Rpod, out: &Output, places: &[&str]) {
    if t.is_podman() {
        out.assert_fails(125);
        let all = error_lines(t, out).join("\n");
        for p in places {
            out.check(all.contains(p), &format!("the error should name {p}"));
        }
        eprintln!("note: podman gives one error line per place; rpod must give one line");
    } else {
        assert_error(t, out, 125, places);
    }
    let left = t.ok(&["images", "-q"]);
    left.check(
        left.stdout.trim().is_empty(),
        "a failed pull stores no image",
    );
}

const BUSYBOX: (&str, &str) = ("testenv/busybox", "oci");

#[test]
fn short_name_skips_a_failing_search_registry_for_the_next() {
    let refused = RefusedPort::new();
    let t = Rpod::new("search_second_answers");
    let conf = registries_conf(
        &t,
        &format!(
            "unqualified-search-registries = [\"{}\", \"127.0.0.1:5000\"]\n\
             short-name-mode = \"permissive\"\n{}",
            refused.addr,
            insecure(&[&refused.addr, "127.0.0.1:5000"])
        ),
    );
    let out = pull(&t, &conf, &format!("{}:{}", BUSYBOX.0, BUSYBOX.1));
    out.assert_ok();
    let id = registry::image_id(BUSYBOX.0, BUSYBOX.1, "amd64");
    out.check(out.last_line() == id, "pull prints the image's ID");
    // Stored under the name of the registry that answered.
    let names = t.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(
        names.lines(),
        vec![format!("127.0.0.1:5000/{}:{}", BUSYBOX.0, BUSYBOX.1)],
        "{}",
        names.stdout
    );
}

#[test]
fn short_name_whose_every_search_registry_fails_names_each() {
    let refused = RefusedPort::new();
    let erroring = erroring_registry();
    let t = Rpod::new("search_all_fail");
    let conf = registries_conf(
        &t,
        &format!(
            "unqualified-search-registries = [\"{}\", \"{erroring}\"]\n\
             short-name-mode = \"permissive\"\n{}",
            refused.addr,
            insecure(&[&refused.addr, &erroring])
        ),
    );
    let out = pull(&t, &conf, &format!("{}:{}", BUSYBOX.0, BUSYBOX.1));
    assert_names_each(&t, &out, &[&refused.addr, &erroring]);
}

/// `location` of the mirrored registry: a name no resolver knows (RFC 2606), so only a mirror
/// can serve it.
const MIRRORED: &str = "mirrored.invalid";

#[test]
fn mirror_that_fails_leaves_the_next_mirror_to_answer() {
    let refused = RefusedPort::new();
    let t = Rpod::new("mirror_second_answers");
    let conf = registries_conf(
        &t,
        &format!(
            "[[registry]]\nlocation = \"{MIRRORED}\"\n\
             [[registry.mirror]]\nlocation = \"{}\"\ninsecure = true\n\
             [[registry.mirror]]\nlocation = \"127.0.0.1:5000\"\ninsecure = true\n",
            refused.addr
        ),
    );
    let image = format!("{MIRRORED}/{}:{}", BUSYBOX.0, BUSYBOX.1);
    let out = pull(&t, &conf, &image);
    out.assert_ok();
    let id = registry::image_id(BUSYBOX.0, BUSYBOX.1, "amd64");
    out.check(out.last_line() == id, "pull prints the image's ID");
    // A mirror serves the image; it keeps the name it was asked by.
    let names = t.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(names.lines(), vec![image.clone()], "{}", names.stdout);
}

#[test]
fn mirrors_and_location_all_failing_names_each() {
    let refused_mirror = RefusedPort::new();
    let refused_location = RefusedPort::new();
    let erroring = erroring_registry();
    let t = Rpod::new("mirror_all_fail");
    let conf = registries_conf(
        &t,
        &format!(
            "[[registry]]\nprefix = \"{MIRRORED}\"\nlocation = \"{}\"\ninsecure = true\n\
             [[registry.mirror]]\nlocation = \"{}\"\ninsecure = true\n\
             [[registry.mirror]]\nlocation = \"{erroring}\"\ninsecure = true\n",
            refused_location.addr, refused_mirror.addr
        ),
    );
    let out = pull(
        &t,
        &conf,
        &format!("{MIRRORED}/{}:{}", BUSYBOX.0, BUSYBOX.1),
    );
    assert_names_each(
        &t,
        &out,
        &[&refused_mirror.addr, &erroring, &refused_location.addr],
    );
}
