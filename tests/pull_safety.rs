//! What a hostile or broken registry cannot do to a user of `rpod pull`:
//!
//! * hand-made malicious layers, built here and served from the local registry (pushed with
//!   skopeo, pulled by digest), never write outside the layer's own directory. Each case pins
//!   its outcome: `..` and absolute names are clamped (the exact tree inside the layer),
//!   symlinks resolve as if the layer root were `/` (followed inside, or replaced by a
//!   directory when they point at nothing there), hard links to outside targets are refused
//!   (exit 125, the exact line), device nodes are skipped (rpod's own skip is tested where
//!   mknod works, in `image::layer::tests::escape`);
//! * a blob, config or manifest whose content does not match its digest (served by a small
//!   fake registry, since a real one verifies uploads) fails the pull with one line and
//!   leaves no image, nothing in `tmp/`, and no index, manifest or config blob: only the
//!   layers verified before the failure stay, as a cache that `image prune` removes;
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
/// `127.0.0.1:5000/malicious/<name>:latest` with skopeo (which gzips the layer); returns the
/// pushed manifest's `repository@digest`.
fn push_image(name: &str, layer: &[u8]) -> String {
    let dir = common::one_layer_oci_layout(name, layer, serde_json::json!({"Cmd": ["sh"]}));
    let repository = format!("{}/malicious/{name}", env().registry());
    let digest_file = dir.join("pushed-digest");
    let out = Command::new("skopeo")
        .args(["copy", "--quiet", "--dest-tls-verify=false", "--digestfile"])
        .arg(&digest_file)
        .arg(format!("oci:{}:latest", dir.display()))
        .arg(format!("docker://{repository}:latest"))
        .output()
        .expect("running skopeo");
    assert!(
        out.status.success(),
        "skopeo copy to {repository}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // By digest: another run pushing the same name cannot swap the image under this test.
    let digest = std::fs::read_to_string(&digest_file).unwrap();
    format!("{repository}@{}", digest.trim())
}

/// The digest of the (only) layer blob the registry holds for `reference` (skopeo compresses
/// the layer on the way, so it is not the digest of the tar written here).
fn pushed_layer_digest(reference: &str) -> String {
    let out = Command::new("skopeo")
        .args(["inspect", "--raw", "--tls-verify=false"])
        .arg(format!("docker://{reference}"))
        .output()
        .expect("running skopeo");
    assert!(out.status.success(), "skopeo inspect {reference}");
    let manifest: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    manifest["layers"][0]["digest"]
        .as_str()
        .unwrap()
        .to_string()
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

/// Pulls `reference` and checks that nothing outside changed; returns the pull's output.
fn pull_checked(t: &Rpod, reference: &str, outside: &Path) -> common::Output {
    let out = t.cmd(&["pull", "-q", reference]).run();
    assert_outside_untouched(t, outside);
    out
}

/// The pull succeeded, printed only the image ID, and its one layer holds exactly `tree`
/// (lines as [`layer_tree`] prints them, in order).
fn assert_pulled_with_tree(t: &Rpod, out: &common::Output, reference: &str, tree: &[String]) {
    out.assert_ok();
    assert_eq!(out.stderr, "", "a confined layer pulls without a message");
    t.ok(&["image", "exists", reference]);
    assert_eq!(layer_tree(t), tree, "the layer's tree");
}

/// The pull was refused with exactly `message` (exit 125), and left no image.
fn assert_refused(t: &Rpod, out: &common::Output, message: &str) {
    let line = assert_error(t, out, 125, &["layer"]);
    assert_eq!(line, message);
    let images = t.ok(&["images", "-q"]);
    assert_eq!(images.stdout, "", "a refused pull left an image");
}

/// Every entry of the store's one layer directory, sorted: `d path`, `f path content` or
/// `l path -> target` (anything else is `? path`).
fn layer_tree(t: &Rpod) -> Vec<String> {
    let out = t.sh(&format!(
        r#"cd '{}'/layers && set -- */ && [ $# = 1 ] && cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r p; do
             if [ -L "$p" ]; then echo "l $p -> $(readlink "$p")"
             elif [ -d "$p" ]; then echo "d $p"
             elif [ -f "$p" ]; then echo "f $p $(cat "$p")"
             else echo "? $p"; fi; done"#,
        t.root.display()
    ));
    out.assert_ok();
    out.stdout.lines().map(String::from).collect()
}

/// `d` lines for `./a`, `./a/b`, ... down to `./<dir>` (absolute `dir`, made relative).
fn dir_chain(dir: &Path) -> Vec<String> {
    let rel = dir.strip_prefix("/").unwrap();
    let mut chain: Vec<String> = rel
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .map(|a| format!("d ./{}", a.display()))
        .collect();
    chain.reverse();
    chain
}

/// `./<outside without its leading slash>/<file>`: where a clamped escape lands.
fn inside(outside: &Path, file: &str) -> String {
    format!("./{}/{file}", outside.strip_prefix("/").unwrap().display())
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
    // `..` is clamped at the layer root: both files land at the outside path, inside.
    let t = Rpod::new("mal_dotdot");
    let outside = outside_dir(&t);
    let layer = raw_tar(&[
        Entry::File(&rel(&outside, "dotdot"), b"pwned"),
        Entry::File(&rel(&outside, "victim"), b"pwned"),
    ]);
    let reference = push_image("dotdot", &layer);
    let out = pull_checked(&t, &reference, &outside);
    let mut tree = dir_chain(&outside);
    tree.push(format!("f {} pwned", inside(&outside, "dotdot")));
    tree.push(format!("f {} pwned", inside(&outside, "victim")));
    assert_pulled_with_tree(&t, &out, &reference, &tree);
}

#[test]
fn layer_with_absolute_paths_stays_inside() {
    // A leading `/` is dropped: the files land at the same path inside the layer.
    let t = Rpod::new("mal_absolute");
    let outside = outside_dir(&t);
    let victim = format!("{}/victim", outside.display());
    let fresh = format!("{}/absolute", outside.display());
    let layer = raw_tar(&[
        Entry::File(&victim, b"pwned"),
        Entry::File(&fresh, b"pwned"),
    ]);
    let reference = push_image("absolute", &layer);
    let out = pull_checked(&t, &reference, &outside);
    let mut tree = dir_chain(&outside);
    tree.push(format!("f {} pwned", inside(&outside, "absolute")));
    tree.push(format!("f {} pwned", inside(&outside, "victim")));
    assert_pulled_with_tree(&t, &out, &reference, &tree);
}

#[test]
fn layer_writing_through_its_own_symlinks_stays_inside() {
    // The layer's symlinks resolve as if its root were `/`: `abs` (absolute) and `up`
    // (`../`×30, then the path) both lead to the outside path *inside* the layer, made there.
    let t = Rpod::new("mal_symlink");
    let outside = outside_dir(&t);
    let absolute = outside.display().to_string();
    let relative = rel(&outside, "");
    let relative = relative.trim_end_matches('/');
    let layer = raw_tar(&[
        Entry::Symlink("abs", &absolute),
        Entry::File("abs/victim", b"pwned"),
        Entry::File("abs/via-absolute-link", b"pwned"),
        Entry::Symlink("up", relative),
        Entry::File("up/victim", b"pwned2"),
        Entry::File("up/via-relative-link", b"pwned"),
    ]);
    let reference = push_image("symlink", &layer);
    let out = pull_checked(&t, &reference, &outside);
    // The links point to nothing inside the layer, so each is replaced by a directory (the
    // policy of `image::layer::path`) and the files go there.
    let tree = [
        "d ./abs",
        "f ./abs/via-absolute-link pwned",
        "f ./abs/victim pwned",
        "d ./up",
        "f ./up/via-relative-link pwned",
        "f ./up/victim pwned2",
    ];
    assert_pulled_with_tree(&t, &out, &reference, &tree.map(String::from));
}

#[test]
fn layer_writing_through_symlinks_to_its_own_dirs_stays_inside() {
    // The same symlinks, once the layer has a directory at the outside path itself: they
    // are followed, to that directory inside the layer.
    let t = Rpod::new("mal_symlink_dir");
    let outside = outside_dir(&t);
    let absolute = outside.display().to_string();
    let relative = rel(&outside, "");
    let relative = relative.trim_end_matches('/');
    let layer = raw_tar(&[
        Entry::File(&rel(&outside, "placeholder"), b"here"),
        Entry::Symlink("abs", &absolute),
        Entry::File("abs/victim", b"pwned"),
        Entry::File("abs/via-absolute-link", b"pwned"),
        Entry::Symlink("up", relative),
        Entry::File("up/victim", b"pwned2"),
        Entry::File("up/via-relative-link", b"pwned"),
    ]);
    let reference = push_image("symlink-dir", &layer);
    let out = pull_checked(&t, &reference, &outside);
    let mut tree = vec![format!("l ./abs -> {absolute}")];
    tree.extend(dir_chain(&outside));
    tree.push(format!("f {} here", inside(&outside, "placeholder")));
    tree.push(format!("f {} pwned", inside(&outside, "via-absolute-link")));
    tree.push(format!("f {} pwned", inside(&outside, "via-relative-link")));
    tree.push(format!("f {} pwned2", inside(&outside, "victim")));
    tree.push(format!("l ./up -> {relative}"));
    assert_pulled_with_tree(&t, &out, &reference, &tree);
}

#[test]
fn layer_with_hardlinks_to_outside_files_cannot_reach_them() {
    // A hard-link target is resolved inside the layer like any name; these do not exist
    // there, so the pull is refused, naming the layer and the entry.
    let t = Rpod::new("mal_hardlink");
    let outside = outside_dir(&t);
    let victim = format!("{}/victim", outside.display());
    let relative = rel(&outside, "victim");
    let refused = |reference: &str| {
        format!(
            "Error: layer {}: layer entry \"hl\": resolving hard link target directory: No such file or directory (os error 2)",
            pushed_layer_digest(reference)
        )
    };
    for (name, target) in [
        ("hardlink-abs", victim.as_str()),
        ("hardlink-rel", &relative),
    ] {
        // Link to the victim, then overwrite "the link" with new content.
        let layer = raw_tar(&[Entry::Hardlink("hl", target), Entry::File("hl", b"pwned")]);
        let reference = push_image(name, &layer);
        let out = pull_checked(&t, &reference, &outside);
        assert_refused(&t, &out, &refused(&reference));
    }
    // And through a symlink planted by the same layer.
    let layer = raw_tar(&[
        Entry::Symlink("dir", &outside.display().to_string()),
        Entry::Hardlink("hl", "dir/victim"),
        Entry::File("hl", b"pwned"),
    ]);
    let reference = push_image("hardlink-symlink", &layer);
    let out = pull_checked(&t, &reference, &outside);
    assert_refused(&t, &out, &refused(&reference));
}

#[test]
fn layer_device_nodes_are_skipped() {
    // rpod's own skip of char/block devices is tested where mknod would succeed (as root:
    // `image::layer::tests::escape::devices_are_skipped_where_mknod_works`); inside the user
    // namespace the kernel refuses mknod anyway, so here only the outcome is checked: the
    // pull succeeds silently (as Podman's rootless pull does) and the devices are absent.
    let t = Rpod::new("mal_device");
    let outside = outside_dir(&t);
    let layer = raw_tar(&[
        Entry::File("etc/ok", b"fine"),
        Entry::CharDevice("kmem", 1, 2),
        Entry::CharDevice("null-dev", 1, 3),
    ]);
    let reference = push_image("device", &layer);
    let out = pull_checked(&t, &reference, &outside);
    assert_pulled_with_tree(
        &t,
        &out,
        &reference,
        &["d ./etc".to_string(), "f ./etc/ok fine".to_string()],
    );
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
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";

/// What the fake registry serves as `corrupt`: two layers, the first always intact.
struct Corrupt {
    registry: FakeRegistry,
    /// What to pull.
    reference: String,
    /// The intact first layer: (diff_id, blob digest), both `sha256:<hex>`.
    first_layer: (String, String),
    /// The second layer's promised and served digests, and the config's and manifest's.
    second_layer: (String, String),
    config: (String, String),
    manifest: (String, String),
}

/// Serves `corrupt:latest`, whose second layer, config or manifest content (`what`) is
/// replaced after the digests were computed. With `index`, the tag names an OCI index whose
/// only entry is the manifest (for the host's platform).
fn corrupt_registry(name: &str, what: &str, index: bool) -> Corrupt {
    let layer1 = raw_tar(&[Entry::File("first.txt", b"first")]);
    let layer2 = raw_tar(&[Entry::File("hello.txt", b"hello")]);
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": [sha256(&layer1), sha256(&layer2)]},
    })
    .to_string()
    .into_bytes();
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": DOCKER_MANIFEST,
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "digest": sha256(&config), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar",
                    "digest": sha256(&layer1), "size": layer1.len()},
                   {"mediaType": "application/vnd.docker.image.rootfs.diff.tar",
                    "digest": sha256(&layer2), "size": layer2.len()}],
    })
    .to_string()
    .into_bytes();
    let flip = |mut b: Vec<u8>| {
        let i = b.len() / 3;
        b[i] ^= 0x20;
        b
    };
    let served = |part: &str, bytes: &Vec<u8>| {
        if what == part {
            flip(bytes.clone())
        } else {
            bytes.clone()
        }
    };
    let manifest_digest = sha256(&manifest);
    let blob = |d: String| format!("/v2/corrupt/blobs/{d}");
    let octets = "application/octet-stream";
    let mut routes = vec![
        (blob(sha256(&layer1)), octets, layer1.clone()),
        (blob(sha256(&layer2)), octets, served("layer", &layer2)),
        (blob(sha256(&config)), octets, served("config", &config)),
        (
            format!("/v2/corrupt/manifests/{manifest_digest}"),
            DOCKER_MANIFEST,
            served("manifest", &manifest),
        ),
    ];
    if index {
        let index = serde_json::json!({
            "schemaVersion": 2, "mediaType": OCI_INDEX,
            "manifests": [{"mediaType": DOCKER_MANIFEST, "digest": manifest_digest,
                           "size": manifest.len(),
                           "platform": {"architecture": "amd64", "os": "linux"}}],
        })
        .to_string()
        .into_bytes();
        routes.push(("/v2/corrupt/manifests/latest".into(), OCI_INDEX, index));
    } else {
        routes.push((
            "/v2/corrupt/manifests/latest".into(),
            DOCKER_MANIFEST,
            manifest.clone(),
        ));
    }
    // A damaged manifest is asked for by digest, so the registry's other bytes are caught.
    let reference = if what == "manifest" {
        format!("corrupt@{manifest_digest}")
    } else {
        "corrupt:latest".to_string()
    };
    let registry = FakeRegistry::start(name, &routes);
    let reference = format!("{}/{reference}", registry.host);
    Corrupt {
        registry,
        reference,
        first_layer: (sha256(&layer1), sha256(&layer1)),
        second_layer: (sha256(&layer2), sha256(&served("layer", &layer2))),
        config: (sha256(&config), sha256(&served("config", &config))),
        manifest: (
            manifest_digest.clone(),
            sha256(&served("manifest", &manifest)),
        ),
    }
}

/// What a failed pull may leave, exactly: no image, nothing in `tmp/`, and of `layers/` and
/// `blobs/` only the layers that were verified (blob digest and diff_id) before the failure —
/// `layers/<diff_id>`, its `.size`, and its blob — which `image prune` then removes. No index,
/// manifest or config blob: those are written with the image only.
fn assert_store_holds_only(t: &Rpod, verified_layers: &[&(String, String)]) {
    let images = t.ok(&["images", "-q"]);
    assert_eq!(images.stdout, "", "a failed pull left an image");
    let listing = |t: &Rpod| {
        let out = t.sh(&format!(
            "cd '{}' && for d in layers tmp blobs/sha256; do echo \"$d:\" $(ls -A $d 2>/dev/null | sort); done",
            t.root.display()
        ));
        out.assert_ok();
        out.stdout
    };
    let hex = |d: &str| d.trim_start_matches("sha256:").to_string();
    let mut layers: Vec<String> = verified_layers
        .iter()
        .flat_map(|(diff_id, _)| [hex(diff_id), format!("{}.size", hex(diff_id))])
        .collect();
    layers.sort();
    let mut blobs: Vec<String> = verified_layers.iter().map(|(_, b)| hex(b)).collect();
    blobs.sort();
    let line = |name: &str, names: &[String]| {
        std::iter::once(format!("{name}:"))
            .chain(names.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        listing(t),
        format!(
            "{}\n{}\n{}\n",
            line("layers", &layers),
            line("tmp", &[]),
            line("blobs/sha256", &blobs)
        ),
        "a failed pull left other state than its verified layers in the store"
    );
    // The verified layers are a cache no image holds: pruning removes them.
    let pruned = t.ok(&["image", "prune", "-f"]);
    assert_eq!(pruned.stdout, "", "no image was there to prune");
    assert_eq!(
        listing(t),
        "layers:\ntmp:\nblobs/sha256:\n",
        "after image prune"
    );
}

fn mismatch(what: &str, digests: &(String, String)) -> String {
    format!(
        "Error: {what} {} failed verification: content has digest {} (corrupt or tampered blob; nothing was stored)",
        digests.0, digests.1
    )
}

#[test]
fn corrupt_layer_blob_fails_and_keeps_only_the_verified_layer() {
    let c = corrupt_registry("layer", "layer", false);
    let t = Rpod::new("corrupt_layer");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &c.reference])
        .run();
    let line = assert_error(&t, &out, 125, &["verification"]);
    assert_eq!(line, mismatch("layer", &c.second_layer));
    assert_store_holds_only(&t, &[&c.first_layer]);
    drop(c.registry);
}

#[test]
fn corrupt_layer_behind_an_index_stores_no_index_blob() {
    let c = corrupt_registry("layer-index", "layer", true);
    let t = Rpod::new("corrupt_layer_index");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &c.reference])
        .run();
    let line = assert_error(&t, &out, 125, &["verification"]);
    assert_eq!(line, mismatch("layer", &c.second_layer));
    assert_store_holds_only(&t, &[&c.first_layer]);
    drop(c.registry);
}

#[test]
fn corrupt_config_blob_fails_and_stores_nothing() {
    let c = corrupt_registry("config", "config", true);
    let t = Rpod::new("corrupt_config");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &c.reference])
        .run();
    let line = assert_error(&t, &out, 125, &["config"]);
    assert_eq!(line, mismatch("config", &c.config));
    assert_store_holds_only(&t, &[]);
    drop(c.registry);
}

#[test]
fn manifest_not_matching_the_requested_digest_fails() {
    let c = corrupt_registry("manifest", "manifest", false);
    let t = Rpod::new("corrupt_manifest");
    let out = t
        .cmd(&["pull", "-q", "--tls-verify=false", &c.reference])
        .run();
    let line = assert_error(&t, &out, 125, &["digest"]);
    let (asked, got) = &c.manifest;
    let repo = format!("{}/corrupt", c.registry.host);
    assert_eq!(
        line,
        format!(
            "Error: {repo}@{asked}: {repo}: manifest digest mismatch: asked for {asked}, got {got}"
        )
    );
    assert_store_holds_only(&t, &[]);
    drop(c.registry);
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
