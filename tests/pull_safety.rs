//! What a hostile or broken registry cannot do to a user of `rpod pull`:
//!
//! * hand-made malicious layers, built here and served from the local registry (pushed with
//!   skopeo), never write outside the layer's own directory — not through `..`, absolute
//!   paths, symlinks followed during extraction or hardlinks to outside — and device nodes
//!   are not created;
//! * a blob, config or manifest whose content does not match its digest (served by a small
//!   fake registry, since a real one verifies uploads) fails the pull with one line and
//!   leaves nothing in the store;
//! * a full disk fails the pull with one line and leaves no image.

mod common;

use common::{as_user_sh, assert_error, env, Rpod};
use sha2::{Digest as _, Sha256};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// One tar entry written with raw header fields, so names like `../x` survive (the tar
/// crate's builder refuses them, as a careful producer would).
enum Entry<'a> {
    File(&'a str, &'a [u8]),
    Symlink(&'a str, &'a str),
    Hardlink(&'a str, &'a str),
    CharDevice(&'a str, u32, u32),
}

/// A GNU long-name record (`L` for the name, `K` for the link target) that precedes an
/// entry whose name does not fit the 100-byte header field.
fn long_name(out: &mut Vec<u8>, kind: u8, name: &str) {
    let mut h = tar::Header::new_gnu();
    let old = h.as_old_mut();
    old.name[..13].copy_from_slice(b"././@LongLink");
    h.set_entry_type(tar::EntryType::new(kind));
    h.set_size(name.len() as u64 + 1);
    h.set_mode(0o644);
    h.set_cksum();
    out.extend_from_slice(h.as_bytes());
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    out.resize(out.len().div_ceil(512) * 512, 0);
}

fn raw_tar(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let mut h = tar::Header::new_gnu();
        let (name, kind, link, data): (&str, tar::EntryType, &str, &[u8]) = match e {
            Entry::File(n, d) => (n, tar::EntryType::Regular, "", d),
            Entry::Symlink(n, t) => (n, tar::EntryType::Symlink, t, b""),
            Entry::Hardlink(n, t) => (n, tar::EntryType::Link, t, b""),
            Entry::CharDevice(n, _, _) => (n, tar::EntryType::Char, "", b""),
        };
        if name.len() >= 100 {
            long_name(&mut out, b'L', name);
        }
        if link.len() >= 100 {
            long_name(&mut out, b'K', link);
        }
        let old = h.as_old_mut();
        let n = name.len().min(99);
        old.name[..n].copy_from_slice(&name.as_bytes()[..n]);
        let l = link.len().min(99);
        old.linkname[..l].copy_from_slice(&link.as_bytes()[..l]);
        h.set_entry_type(kind);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(1_700_000_000);
        h.set_size(data.len() as u64);
        if let Entry::CharDevice(_, major, minor) = e {
            h.set_device_major(*major).unwrap();
            h.set_device_minor(*minor).unwrap();
        }
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// Writes an OCI layout with one uncompressed layer and pushes it to
/// `127.0.0.1:5000/malicious/<name>:latest` with skopeo; returns that reference.
fn push_image(name: &str, layer: &[u8]) -> String {
    let dir = env().base.join(format!("layout-{name}"));
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |bytes: &[u8]| {
        let digest = sha256(bytes);
        std::fs::write(blobs.join(&digest[7..]), bytes).unwrap();
        digest
    };
    let layer_digest = put(layer);
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
    })
    .to_string();
    let config_digest = put(config.as_bytes());
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                    "digest": layer_digest, "size": layer.len()}],
    })
    .to_string();
    let manifest_digest = put(manifest.as_bytes());
    let index = serde_json::json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "digest": manifest_digest, "size": manifest.len(),
                       "annotations": {"org.opencontainers.image.ref.name": "latest"}}],
    });
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let reference = format!("{}/malicious/{name}:latest", env().registry());
    let out = Command::new("skopeo")
        .args(["copy", "--quiet", "--dest-tls-verify=false"])
        .arg(format!("oci:{}:latest", dir.display()))
        .arg(format!("docker://{reference}"))
        .output()
        .expect("running skopeo");
    assert!(
        out.status.success(),
        "skopeo copy to {reference}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    reference
}

/// A directory the user owns and could write to — the target of every escape — with one
/// file in it whose content and link count must not change.
fn outside_dir(t: &Rpod) -> PathBuf {
    let outside = t.dir.join("outside");
    t.sh(&format!(
        "mkdir -m 0777 '{o}' && echo original > '{o}/victim'",
        o = outside.display()
    ))
    .assert_ok();
    outside
}

fn assert_outside_untouched(t: &Rpod, outside: &Path) {
    let out = t.sh(&format!(
        "cd '{}' && ls -A && stat -c %h victim && cat victim",
        outside.display()
    ));
    out.assert_ok();
    assert_eq!(
        out.stdout, "victim\n1\noriginal\n",
        "a layer wrote outside its directory"
    );
}

/// Pulls `reference`; an escape attempt may be refused (125, one line, no image) or confined
/// (the pull succeeds); either way nothing outside changes.
fn pull_and_check(t: &Rpod, reference: &str, outside: &Path) -> bool {
    let out = t.cmd(&["pull", "-q", reference]).run();
    assert_outside_untouched(t, outside);
    if out.status == 0 {
        t.ok(&["image", "exists", reference]);
        true
    } else {
        assert_error(t, &out, 125, &["layer"]);
        let images = t.ok(&["images", "-q"]);
        assert_eq!(images.stdout.trim(), "", "a refused pull left an image");
        false
    }
}

/// `../` enough times to climb from any layer directory to `/`.
fn up_to_root() -> String {
    "../".repeat(30)
}

fn rel(outside: &Path, file: &str) -> String {
    format!(
        "{}{}/{file}",
        up_to_root(),
        outside.display().to_string().trim_start_matches('/')
    )
}

#[test]
fn layer_with_dotdot_paths_stays_inside() {
    let t = Rpod::new("mal_dotdot");
    let outside = outside_dir(&t);
    let layer = raw_tar(&[
        Entry::File(&rel(&outside, "dotdot"), b"pwned"),
        Entry::File(&rel(&outside, "victim"), b"pwned"),
    ]);
    pull_and_check(&t, &push_image("dotdot", &layer), &outside);
}

#[test]
fn layer_with_absolute_paths_stays_inside() {
    let t = Rpod::new("mal_absolute");
    let outside = outside_dir(&t);
    let victim = format!("{}/victim", outside.display());
    let fresh = format!("{}/absolute", outside.display());
    let layer = raw_tar(&[
        Entry::File(&victim, b"pwned"),
        Entry::File(&fresh, b"pwned"),
    ]);
    pull_and_check(&t, &push_image("absolute", &layer), &outside);
}

#[test]
fn layer_writing_through_its_own_symlinks_stays_inside() {
    let t = Rpod::new("mal_symlink");
    let outside = outside_dir(&t);
    let absolute = outside.display().to_string();
    let relative = rel(&outside, "");
    let layer = raw_tar(&[
        Entry::Symlink("abs", &absolute),
        Entry::File("abs/victim", b"pwned"),
        Entry::File("abs/via-absolute-link", b"pwned"),
        Entry::Symlink("up", relative.trim_end_matches('/')),
        Entry::File("up/victim", b"pwned"),
        Entry::File("up/via-relative-link", b"pwned"),
    ]);
    pull_and_check(&t, &push_image("symlink", &layer), &outside);
}

#[test]
fn layer_with_hardlinks_to_outside_files_cannot_reach_them() {
    let t = Rpod::new("mal_hardlink");
    let outside = outside_dir(&t);
    let victim = format!("{}/victim", outside.display());
    let relative = rel(&outside, "victim");
    for (name, target) in [
        ("hardlink-abs", victim.as_str()),
        ("hardlink-rel", &relative),
    ] {
        // Link to the victim, then overwrite "the link" with new content.
        let layer = raw_tar(&[Entry::Hardlink("hl", target), Entry::File("hl", b"pwned")]);
        pull_and_check(&t, &push_image(name, &layer), &outside);
    }
    // And through a symlink planted by the same layer.
    let layer = raw_tar(&[
        Entry::Symlink("dir", &outside.display().to_string()),
        Entry::Hardlink("hl", "dir/victim"),
        Entry::File("hl", b"pwned"),
    ]);
    pull_and_check(&t, &push_image("hardlink-symlink", &layer), &outside);
}

#[test]
fn layer_device_nodes_are_not_created() {
    let t = Rpod::new("mal_device");
    let outside = outside_dir(&t);
    let layer = raw_tar(&[
        Entry::File("etc/ok", b"fine"),
        Entry::CharDevice("kmem", 1, 2),
        Entry::CharDevice("null-dev", 1, 3),
    ]);
    assert!(
        pull_and_check(&t, &push_image("device", &layer), &outside),
        "a layer with device nodes should still pull (they are skipped)"
    );
    let layers = t.root.join("layers");
    let out = t.sh(&format!(
        "find '{}' -type c -o -type b | grep -v '^$' || true; find '{}' -name ok",
        layers.display(),
        layers.display()
    ));
    out.assert_ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "only etc/ok should be found, no device node: {lines:?}"
    );
    assert!(lines[0].ends_with("/etc/ok"), "{lines:?}");
}

/// A registry that serves what a test tells it, wrong digests included (a real registry
/// verifies uploads, so it cannot serve a corrupt blob). Python's standard library only.
struct FakeRegistry {
    child: Child,
    host: String,
}

const FAKE_REGISTRY: &str = r#"
import http.server, json, sys
routes = json.load(open(sys.argv[1]))
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def reply(self, body):
        route = routes.get(self.path)
        if self.path == "/v2/":
            route = {"type": "application/json", "body": "{}"}
        if route is None:
            self.send_response(404); self.send_header("Content-Type", "application/json")
            data = b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"unknown"}]}'
            self.send_header("Content-Length", str(len(data))); self.end_headers()
            if body: self.wfile.write(data)
            return
        data = bytes.fromhex(route["hex"]) if "hex" in route else route["body"].encode()
        self.send_response(200)
        self.send_header("Content-Type", route["type"])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body: self.wfile.write(data)
    def do_GET(self): self.reply(True)
    def do_HEAD(self): self.reply(False)
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

impl FakeRegistry {
    /// `routes`: path → (content type, body bytes).
    fn start(name: &str, routes: &[(String, &str, Vec<u8>)]) -> FakeRegistry {
        let dir = env().base.join(format!("fake-{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = routes
            .iter()
            .map(|(path, kind, body)| {
                (
                    path.clone(),
                    serde_json::json!({"type": kind, "hex": hex::encode(body)}),
                )
            })
            .collect();
        let routes_file = dir.join("routes.json");
        std::fs::write(&routes_file, serde_json::Value::Object(map).to_string()).unwrap();
        let script = dir.join("registry.py");
        std::fs::write(&script, FAKE_REGISTRY).unwrap();
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(&routes_file)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        let mut port = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut port)
            .unwrap();
        FakeRegistry {
            host: format!("127.0.0.1:{}", port.trim()),
            child,
        }
    }
}

impl Drop for FakeRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// Serves `corrupt:latest` whose layer, config or manifest content is replaced after the
/// digests were computed; returns the registry.
fn corrupt_registry(name: &str, what: &str) -> (FakeRegistry, String) {
    let layer = raw_tar(&[Entry::File("hello.txt", b"hello")]);
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": [sha256(&layer)]},
    })
    .to_string()
    .into_bytes();
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": DOCKER_MANIFEST,
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "digest": sha256(&config), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar",
                    "digest": sha256(&layer), "size": layer.len()}],
    })
    .to_string()
    .into_bytes();
    let flip = |mut b: Vec<u8>| {
        let i = b.len() / 3;
        b[i] ^= 0x20;
        b
    };
    let (served_layer, served_config) = match what {
        "layer" => (flip(layer.clone()), config.clone()),
        "config" => (layer.clone(), flip(config.clone())),
        _ => (layer.clone(), config.clone()),
    };
    let manifest_digest = sha256(&manifest);
    let mut routes = vec![
        (
            format!("/v2/corrupt/blobs/{}", sha256(&layer)),
            "application/octet-stream",
            served_layer,
        ),
        (
            format!("/v2/corrupt/blobs/{}", sha256(&config)),
            "application/octet-stream",
            served_config,
        ),
        (
            "/v2/corrupt/manifests/latest".to_string(),
            DOCKER_MANIFEST,
            manifest.clone(),
        ),
    ];
    let reference = if what == "manifest" {
        // Asked for by digest, the registry answers with other bytes.
        routes.push((
            format!("/v2/corrupt/manifests/{manifest_digest}"),
            DOCKER_MANIFEST,
            flip(manifest),
        ));
        format!("corrupt@{manifest_digest}")
    } else {
        "corrupt:latest".to_string()
    };
    let reg = FakeRegistry::start(name, &routes);
    let reference = format!("{}/{reference}", reg.host);
    (reg, reference)
}

fn assert_nothing_stored(t: &Rpod) {
    let out = t.sh(&format!(
        "cd '{}' && {{ ls -A layers 2>/dev/null; ls -A tmp 2>/dev/null; rpod_images=$(ls -A blobs/sha256 2>/dev/null | wc -l); echo blobs=$rpod_images; }}",
        t.root.display()
    ));
    out.assert_ok();
    let images = t.ok(&["images", "-q"]);
    assert_eq!(images.stdout.trim(), "", "a failed pull left an image");
    let listing: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| !l.ends_with(".lock"))
        .collect();
    assert!(
        listing == ["blobs=0"] || listing.iter().all(|l| l.starts_with("blobs=")),
        "a failed pull left files in the store: {listing:?}"
    );
}

#[test]
fn corrupt_layer_blob_fails_and_stores_nothing() {
    let (_reg, reference) = corrupt_registry("layer", "layer");
    let t = Rpod::new("corrupt_layer");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &reference])
        .run();
    assert_error(&t, &out, 125, &["verification"]);
    assert_nothing_stored(&t);
}

#[test]
fn corrupt_config_blob_fails_and_stores_nothing() {
    let (_reg, reference) = corrupt_registry("config", "config");
    let t = Rpod::new("corrupt_config");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &reference])
        .run();
    assert_error(&t, &out, 125, &["config"]);
    assert_nothing_stored(&t);
}

#[test]
fn manifest_not_matching_the_requested_digest_fails() {
    let (_reg, reference) = corrupt_registry("manifest", "manifest");
    let t = Rpod::new("corrupt_manifest");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &reference])
        .run();
    assert_error(&t, &out, 125, &["digest"]);
    assert_nothing_stored(&t);
}

/// Unmounts the small file system at the end of the test, whatever happens.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn full_disk_fails_cleanly() {
    let t = Rpod::new("full_disk");
    let small = t.dir.join("small");
    let uid = as_user_sh("id -u").stdout.trim().to_string();
    let gid = as_user_sh("id -g").stdout.trim().to_string();
    std::fs::create_dir(&small).unwrap();
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o"])
        .arg(format!("size=24m,mode=0700,uid={uid},gid={gid}"))
        .arg("tmpfs")
        .arg(&small)
        .status()
        .expect("mount");
    assert!(
        status.success(),
        "mounting a small tmpfs (the tests run as root)"
    );
    let _mounted = Mounted(small.clone());
    let root = small.join("store");
    let reference = format!("{}/testenv/large", env().registry());
    let rpod = env().rpod.display().to_string();
    let pull = t.sh(&format!(
        "{rpod} --root '{r}' pull -q '{reference}'",
        r = root.display()
    ));
    assert_eq!(pull.status, 125, "stderr: {}", pull.stderr);
    let lines: Vec<&str> = pull.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {lines:?}");
    assert!(
        lines[0].contains("No space left on device"),
        "the error should say the disk is full: {}",
        lines[0]
    );
    let images = t.sh(&format!("{rpod} --root '{}' images -q", root.display()));
    images.assert_ok();
    assert_eq!(images.stdout.trim(), "", "a failed pull left an image");
    let tmp = t.sh(&format!(
        "ls -A '{}/tmp' 2>/dev/null || true",
        root.display()
    ));
    assert_eq!(
        tmp.stdout.trim(),
        "",
        "staging directories were left behind"
    );
    let _ = std::io::stdout().flush();
}
