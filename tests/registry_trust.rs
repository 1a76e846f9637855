//! What a user's trust settings and a registry's documents decide about a pull:
//!
//! * a manifest that another client could read as a different kind of document (an image that
//!   also lists `manifests`, an index with `layers`, a `mediaType` that disagrees with the type
//!   it was served as) is refused, as containers/image refuses it — served by a small fake
//!   registry, since a real one may refuse such documents on push;
//! * `short-name-mode` of registries.conf (`enforcing`, `permissive`, `disabled`, unset) with
//!   several unqualified-search registries, one of them unreachable;
//! * `policy.json` in the test's `$HOME/.config/containers/` (or `--signature-policy`):
//!   `reject` everywhere or for one scope, `signedBy` refused because rpod verifies no
//!   signatures, a malformed file, archives loaded under their transports' scopes, no file at
//!   all, and `run` of an image already in the store not reading the policy.
//!
//! `RPOD_IT_ENGINE=podman` runs them against Podman; where rpod deliberately differs (a missing
//! policy file, its messages) the test says so.

mod common;

use common::{assert_error, env, error_lines, Output, RefusingPort, Rpod};
use sha2::{Digest as _, Sha256};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const BUSYBOX: &str = "127.0.0.1:5000/testenv/busybox:oci";

// ---------------------------------------------------------------------------------------------
// A fake registry on loopback.

/// A registry that serves exactly what a test gives it. Python's standard library only; it
/// stops by itself when the test process goes away (its stdin closes) or after two minutes.
struct FakeRegistry {
    child: Child,
    host: String,
}

const FAKE_REGISTRY: &str = r#"
import http.server, json, sys, threading, os
routes = json.load(open(sys.argv[1]))
def watchdog():
    sys.stdin.read()
    os._exit(0)
threading.Thread(target=watchdog, daemon=True).start()
threading.Timer(120, lambda: os._exit(0)).start()
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def reply(self, body):
        route = routes.get(self.path)
        if self.path == "/v2/":
            route = {"type": "application/json", "hex": b"{}".hex()}
        if route is None:
            data = b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"unknown"}]}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
        else:
            data = bytes.fromhex(route["hex"])
            self.send_response(200)
            self.send_header("Content-Type", route["type"])
            if "digest" in route: self.send_header("Docker-Content-Digest", route["digest"])
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
    /// `routes`: path → (content type, body).
    fn start(name: &str, routes: &[(String, &str, Vec<u8>)]) -> FakeRegistry {
        let dir = env().base.join(format!("trust-fake-{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = routes
            .iter()
            .map(|(path, kind, body)| {
                let route = serde_json::json!({
                    "type": kind, "hex": hex::encode(body), "digest": sha256(body)
                });
                (path.clone(), route)
            })
            .collect();
        let routes_file = dir.join("routes.json");
        std::fs::write(&routes_file, serde_json::Value::Object(map).to_string()).unwrap();
        let script = dir.join("registry.py");
        std::fs::write(&script, FAKE_REGISTRY).unwrap();
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(&routes_file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        let mut port = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut port)
            .unwrap();
        assert!(!port.trim().is_empty(), "the fake registry did not start");
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

/// One uncompressed layer holding `hello.txt`.
fn layer() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(5);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h.set_cksum();
    b.append_data(&mut h, "hello.txt", &b"hello"[..]).unwrap();
    b.into_inner().unwrap()
}

/// A layer, its config and an image manifest (OCI or Docker schema2) referring to them.
fn image(docker: bool) -> (Vec<u8>, Vec<u8>, serde_json::Value) {
    let layer = layer();
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": [sha256(&layer)]},
    })
    .to_string()
    .into_bytes();
    let (manifest_type, config_type, layer_type) = if docker {
        (
            DOCKER_MANIFEST,
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.docker.image.rootfs.diff.tar",
        )
    } else {
        (
            OCI_MANIFEST,
            "application/vnd.oci.image.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar",
        )
    };
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": manifest_type,
        "config": {"mediaType": config_type, "digest": sha256(&config), "size": config.len()},
        "layers": [{"mediaType": layer_type, "digest": sha256(&layer), "size": layer.len()}],
    });
    (layer, config, manifest)
}

/// Starts a fake registry serving the blobs and `manifests` (reference → content type,
/// body) of `trust/img`; returns it and `HOST/trust/img:latest`.
fn serve(
    name: &str,
    blobs: &[&[u8]],
    manifests: Vec<(String, &str, Vec<u8>)>,
) -> (FakeRegistry, String) {
    let mut routes: Vec<(String, &str, Vec<u8>)> = blobs
        .iter()
        .map(|b| {
            (
                format!("/v2/trust/img/blobs/{}", sha256(b)),
                "application/octet-stream",
                b.to_vec(),
            )
        })
        .collect();
    for (reference, kind, body) in manifests {
        routes.push((format!("/v2/trust/img/manifests/{reference}"), kind, body));
    }
    let reg = FakeRegistry::start(name, &routes);
    let reference = format!("{}/trust/img:latest", reg.host);
    (reg, reference)
}

/// A fake registry serving `trust/img:latest`: the manifest `edit` makes of a valid OCI (or
/// Docker) image manifest, with its real config and layer, served with `content_type`.
fn registry_with_manifest(
    name: &str,
    docker: bool,
    content_type: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> (FakeRegistry, String) {
    let (layer, config, mut manifest) = image(docker);
    edit(&mut manifest);
    let body = manifest.to_string().into_bytes();
    serve(
        name,
        &[&layer, &config],
        vec![("latest".into(), content_type, body)],
    )
}

fn pull_insecure(t: &Rpod, reference: &str) -> Output {
    t.cmd(&["pull", "-q", "--tls-verify=false", reference])
        .run()
}

fn assert_no_images(t: &Rpod) {
    let images = t.ok(&["images", "-q"]);
    assert_eq!(images.stdout.trim(), "", "a refused pull left an image");
}

// ---------------------------------------------------------------------------------------------
// Unambiguous manifests.

#[test]
fn fake_registry_serves_a_pullable_image() {
    // The control for the tests below: the same documents, unedited, pull.
    let (_reg, reference) = registry_with_manifest("control", false, OCI_MANIFEST, |_| {});
    let t = Rpod::new("trust_control");
    pull_insecure(&t, &reference).assert_ok();
    t.ok(&["image", "exists", &reference]);
}

#[test]
fn image_manifest_that_also_lists_manifests_is_refused() {
    let (_reg, reference) = registry_with_manifest("both", false, OCI_MANIFEST, |m| {
        m["manifests"] = serde_json::json!([]);
    });
    let t = Rpod::new("trust_both");
    let out = pull_insecure(&t, &reference);
    let line = assert_error(&t, &out, 125, &["ambiguous", "manifests"]);
    if !t.is_podman() {
        assert!(
            line.contains("trust/img"),
            "the error names the image: {line}"
        );
    }
    assert_no_images(&t);
}

#[test]
fn index_that_also_has_layers_is_refused() {
    // Served as an index: the `config` and `layers` of an image are the foreign fields.
    let (_reg, reference) = registry_with_manifest("index-layers", false, OCI_INDEX, |m| {
        m["mediaType"] = OCI_INDEX.into();
        m["manifests"] = serde_json::json!([]);
    });
    let t = Rpod::new("trust_index_layers");
    let out = pull_insecure(&t, &reference);
    assert_error(&t, &out, 125, &["ambiguous", "layers"]);
    assert_no_images(&t);
}

#[test]
fn manifest_whose_media_type_disagrees_with_its_content_type_is_refused() {
    // Served as Docker schema2, saying it is an OCI manifest. (Podman refuses it too, as an
    // unsupported schema2 media type.)
    let (_reg, reference) = registry_with_manifest("mediatype", true, DOCKER_MANIFEST, |m| {
        m["mediaType"] = OCI_MANIFEST.into();
    });
    let t = Rpod::new("trust_mediatype");
    let out = pull_insecure(&t, &reference);
    let needles: &[&str] = if t.is_podman() {
        &["media type", OCI_MANIFEST]
    } else {
        &["ambiguous", "mediaType", OCI_MANIFEST, DOCKER_MANIFEST]
    };
    assert_error(&t, &out, 125, needles);
    assert_no_images(&t);
}

#[test]
fn index_entry_served_as_another_type_than_its_descriptor_says_is_refused() {
    // The index says the linux/amd64 entry is an OCI manifest; fetched by digest, the registry
    // labels the same bytes Docker schema2 (the document carries no mediaType of its own).
    let (layer, config, mut manifest) = image(false);
    manifest.as_object_mut().unwrap().remove("mediaType");
    let body = manifest.to_string().into_bytes();
    let index = serde_json::json!({
        "schemaVersion": 2, "mediaType": OCI_INDEX,
        "manifests": [{"mediaType": OCI_MANIFEST, "digest": sha256(&body), "size": body.len(),
                       "platform": {"architecture": "amd64", "os": "linux"}}],
    })
    .to_string()
    .into_bytes();
    let (_reg, reference) = serve(
        "entry-type",
        &[&layer, &config],
        vec![
            ("latest".into(), OCI_INDEX, index),
            (sha256(&body), DOCKER_MANIFEST, body.clone()),
        ],
    );
    let t = Rpod::new("trust_entry_type");
    let out = pull_insecure(&t, &reference);
    if t.is_podman() {
        // Podman reads it as the schema2 it was served as, and refuses its missing mediaType.
        assert_error(&t, &out, 125, &["media type"]);
    } else {
        assert_error(
            &t,
            &out,
            125,
            &["ambiguous", &sha256(&body), OCI_MANIFEST, DOCKER_MANIFEST],
        );
    }
    assert_no_images(&t);
}

// ---------------------------------------------------------------------------------------------
// short-name-mode.

/// A registries.conf with two unqualified-search registries: one that refuses connections
/// (for as long as the returned port lives), then the test registry; `extra` is added at the
/// top.
fn search_conf(t: &Rpod, name: &str, extra: &str) -> (PathBuf, RefusingPort) {
    let path = t.dir.join(format!("{name}.conf"));
    let down = RefusingPort::new();
    std::fs::write(
        &path,
        format!(
            "{extra}\nunqualified-search-registries = [\"{d}\", \"{r}\"]\n\
             [[registry]]\nlocation = \"{r}\"\ninsecure = true\n\
             [[registry]]\nlocation = \"{d}\"\ninsecure = true\n",
            r = env().registry(),
            d = down.addr,
        ),
    )
    .unwrap();
    (path, down)
}

fn pull_short(t: &Rpod, conf: &Path, name: &str) -> Output {
    t.cmd(&["pull", "-q", name])
        .env("CONTAINERS_REGISTRIES_CONF", &conf.display().to_string())
        .run()
}

#[test]
fn enforcing_refuses_an_ambiguous_short_name() {
    let t = Rpod::new("trust_enforcing");
    let (conf, down) = search_conf(&t, "enforcing", "short-name-mode = \"enforcing\"");
    let out = pull_short(&t, &conf, "testenv/busybox:oci");
    let line = assert_error(&t, &out, 125, &["short-name", "enforced"]);
    if !t.is_podman() {
        // rpod says which names were possible and how to choose.
        let first = format!("{}/testenv/busybox:oci", down.addr);
        for n in [first.as_str(), BUSYBOX, "alias"] {
            assert!(line.contains(n), "the error should mention {n}: {line}");
        }
    }
    assert_no_images(&t);
}

#[test]
fn enforcing_uses_an_alias_or_a_single_search_registry() {
    let t = Rpod::new("trust_enforcing_ok");
    // The alias table goes last: TOML keys after a table header belong to that table.
    let (conf, _down) = search_conf(&t, "alias", "short-name-mode = \"enforcing\"");
    let text = std::fs::read_to_string(&conf).unwrap();
    let alias = format!(
        "[aliases]\n\"bb\" = \"{}/testenv/busybox\"\n",
        env().registry()
    );
    std::fs::write(&conf, format!("{text}{alias}")).unwrap();
    pull_short(&t, &conf, "bb:oci").assert_ok();
    t.ok(&["image", "exists", BUSYBOX]);

    let single = t.dir.join("single.conf");
    std::fs::write(
        &single,
        format!(
            "short-name-mode = \"enforcing\"\nunqualified-search-registries = [\"{r}\"]\n\
             [[registry]]\nlocation = \"{r}\"\ninsecure = true\n",
            r = env().registry()
        ),
    )
    .unwrap();
    pull_short(&t, &single, "testenv/busybox:zstd").assert_ok();
    t.ok(&[
        "image",
        "exists",
        &format!("{}/testenv/busybox:zstd", env().registry()),
    ]);
}

#[test]
fn permissive_disabled_and_unset_try_each_search_registry_in_order() {
    for (i, mode) in [
        "short-name-mode = \"permissive\"",
        "short-name-mode = \"disabled\"",
        "",
    ]
    .iter()
    .enumerate()
    {
        let t = Rpod::new(&format!("trust_permissive{i}"));
        let (conf, _down) = search_conf(&t, "mode", mode);
        let out = pull_short(&t, &conf, "testenv/busybox:oci");
        out.check(
            out.status == 0,
            &format!("{mode:?}: the second search registry should be used"),
        );
        t.ok(&["image", "exists", BUSYBOX]);
    }
}

#[test]
fn an_invalid_short_name_mode_is_an_error() {
    let t = Rpod::new("trust_bad_mode");
    let (conf, _down) = search_conf(&t, "bad", "short-name-mode = \"strict\"");
    let out = pull_short(&t, &conf, "testenv/busybox:oci");
    assert_error(&t, &out, 125, &["short-name", "strict", "bad.conf"]);
}

// ---------------------------------------------------------------------------------------------
// policy.json.

/// Writes `$HOME/.config/containers/policy.json` for the test's user.
fn write_policy(t: &Rpod, json: &str) -> PathBuf {
    let path = t.home.join(".config/containers/policy.json");
    write_user_file(t, &path, json);
    path
}

/// Writes `path` (under the test's directory) as the test's user would have.
fn write_user_file(t: &Rpod, path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    let status = Command::new("chown")
        .arg("-R")
        .arg(format!("--reference={}", t.dir.display()))
        .arg(&t.home)
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

const ACCEPT: &str = r#"[{"type": "insecureAcceptAnything"}]"#;
const REJECT: &str = r#"[{"type": "reject"}]"#;

#[test]
fn a_reject_policy_refuses_every_pull() {
    let t = Rpod::new("trust_reject_all");
    write_policy(&t, &format!(r#"{{"default": {REJECT}}}"#));
    let out = t.cmd(&["pull", "-q", BUSYBOX]).run();
    assert_error(&t, &out, 125, &["rejected by policy", BUSYBOX]);
    // Short names too, and `run`, which pulls.
    let out = t.cmd(&["pull", "-q", "alpine"]).run();
    assert_error(&t, &out, 125, &["rejected by policy"]);
    let out = t.cmd(&["run", "--rm", "-q", BUSYBOX, "true"]).run();
    assert_error(&t, &out, 125, &["rejected by policy", BUSYBOX]);
    assert_no_images(&t);
}

#[test]
fn a_policy_can_reject_one_repository_and_accept_the_rest() {
    let t = Rpod::new("trust_reject_one");
    let r = env().registry();
    let path = write_policy(
        &t,
        &format!(
            r#"{{"default": {REJECT},
                "transports": {{"docker": {{
                    "{r}": {ACCEPT},
                    "{r}/testenv/busybox": {REJECT},
                    "{r}/testenv/busybox:zstd": {ACCEPT}}}}}}}"#
        ),
    );
    let out = t.cmd(&["pull", "-q", BUSYBOX]).run();
    let line = assert_error(&t, &out, 125, &["rejected by policy", BUSYBOX]);
    if !t.is_podman() {
        // rpod names the scope and the file that decided.
        let scope = format!("\"{r}/testenv/busybox\"");
        assert!(line.contains(&scope), "{line}");
        assert!(line.contains(&path.display().to_string()), "{line}");
    }
    // The most specific scope wins: the tag is accepted, the host's other repositories too.
    t.ok(&["pull", "-q", &format!("{r}/testenv/busybox:zstd")]);
    t.ok(&["pull", "-q", &format!("{r}/testenv/config")]);
    // Other registries fall back to the global default.
    let out = t.cmd(&["pull", "-q", "alpine"]).run();
    assert_error(&t, &out, 125, &["rejected by policy"]);
}

#[test]
fn signature_requirements_are_refused_not_ignored() {
    let t = Rpod::new("trust_signed_by");
    let r = env().registry();
    for requirement in [
        r#"{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/nonexistent.gpg"}"#,
        r#"{"type": "sigstoreSigned", "keyPath": "/nonexistent.pub"}"#,
    ] {
        write_policy(
            &t,
            &format!(
                r#"{{"default": {ACCEPT}, "transports": {{"docker": {{"{r}/testenv": [{requirement}]}}}}}}"#
            ),
        );
        let out = t.cmd(&["pull", "-q", BUSYBOX]).run();
        if t.is_podman() {
            // Podman verifies, and the test image carries no signature.
            assert_error(&t, &out, 125, &["signature"]);
        } else {
            assert_error(
                &t,
                &out,
                125,
                &[
                    "signature verification is not supported by rpod",
                    BUSYBOX,
                    &format!("\"{r}/testenv\""),
                ],
            );
        }
        assert_no_images(&t);
    }
}

#[test]
fn a_malformed_policy_is_an_error_naming_the_file() {
    let t = Rpod::new("trust_malformed");
    for (text, needle) in [
        (
            r#"{"default": [{"type": "insecureAcceptAnything"}]"#,
            "policy.json",
        ),
        (
            &format!(r#"{{"default": {ACCEPT}, "defualt": {REJECT}}}"#) as &str,
            "defualt",
        ),
        (r#"{"default": []}"#, "empty"),
    ] {
        let path = write_policy(&t, text);
        let out = t.cmd(&["pull", "-q", BUSYBOX]).run();
        assert_error(
            &t,
            &out,
            125,
            &["invalid policy", &path.display().to_string(), needle],
        );
    }
    assert_no_images(&t);
}

#[test]
fn signature_policy_flag_replaces_the_users_file() {
    let t = Rpod::new("trust_flag");
    write_policy(&t, &format!(r#"{{"default": {REJECT}}}"#));
    let accept = t.dir.join("accept.json");
    write_user_file(&t, &accept, &format!(r#"{{"default": {ACCEPT}}}"#));
    let flag = format!("--signature-policy={}", accept.display());
    t.ok(&["pull", "-q", &flag, BUSYBOX]);
    // And the other way round, on `run`.
    let reject = t.dir.join("reject.json");
    write_user_file(&t, &reject, &format!(r#"{{"default": {REJECT}}}"#));
    write_policy(&t, &format!(r#"{{"default": {ACCEPT}}}"#));
    let flag = format!("--signature-policy={}", reject.display());
    let zstd = format!("{}/testenv/busybox:zstd", env().registry());
    let out = t.cmd(&["run", "--rm", "-q", &flag, &zstd, "true"]).run();
    assert_error(&t, &out, 125, &["rejected by policy"]);
    let missing = t.dir.join("missing.json");
    let flag = format!("--signature-policy={}", missing.display());
    let out = t.cmd(&["pull", "-q", &flag, &zstd]).run();
    assert_error(&t, &out, 125, &[&missing.display().to_string()]);
}

#[test]
fn running_a_stored_image_does_not_read_the_policy() {
    // Podman checks the policy only when it copies an image in; so does rpod, which keeps
    // `run`'s start-up free of the file.
    let t = Rpod::new("trust_run_stored");
    t.ok(&["pull", "-q", BUSYBOX]);
    write_policy(&t, "this is not JSON");
    let out = t.cmd(&["run", "--rm", BUSYBOX, "true"]).run();
    out.assert_ok();
}

/// Podman's `load` reports one error per format it tried, on several lines; rpod one line.
fn assert_load_rejected(t: &Rpod, out: &Output, image: &str) {
    out.assert_fails(125);
    if t.is_podman() {
        out.check(
            out.stderr.contains("rejected by policy"),
            "podman should say the policy rejected it",
        );
    } else {
        let lines = error_lines(t, out);
        out.check(lines.len() == 1, "expected one line on stderr");
        for n in ["rejected by policy", image] {
            out.check(
                lines[0].contains(n),
                &format!("the error should mention {n:?}"),
            );
        }
    }
}

#[test]
fn load_honours_the_policy_of_each_archive_transport() {
    let t = Rpod::new("trust_load");
    t.ok(&["pull", "-q", BUSYBOX]);
    let docker = t.dir.join("archives/busybox-docker.tar");
    let oci = t.dir.join("archives/busybox-oci.tar");
    t.sh(&format!(
        "mkdir -p '{}'",
        docker.parent().unwrap().display()
    ))
    .assert_ok();
    t.ok(&["save", "-o", &docker.display().to_string(), BUSYBOX]);
    t.ok(&[
        "save",
        "--format",
        "oci-archive",
        "-o",
        &oci.display().to_string(),
        BUSYBOX,
    ]);
    t.ok(&["rmi", BUSYBOX]);

    // docker-archive has only its "" scope; oci-archive scopes are paths.
    write_policy(
        &t,
        &format!(
            r#"{{"default": {ACCEPT}, "transports": {{
                "docker-archive": {{"": {REJECT}}},
                "oci-archive": {{"{}": {REJECT}}}}}}}"#,
            oci.parent().unwrap().display()
        ),
    );
    let out = t
        .cmd(&["load", "-q", "-i", &docker.display().to_string()])
        .run();
    assert_load_rejected(&t, &out, "docker-archive:");
    let out = t
        .cmd(&["load", "-q", "-i", &oci.display().to_string()])
        .run();
    assert_load_rejected(&t, &out, "oci-archive:");
    assert_no_images(&t);

    // Another directory's oci-archive is accepted by the default.
    write_policy(
        &t,
        &format!(
            r#"{{"default": {ACCEPT}, "transports": {{"oci-archive": {{"/nonexistent": {REJECT}}}}}}}"#
        ),
    );
    t.ok(&["load", "-q", "-i", &oci.display().to_string()]);
}

#[test]
fn without_any_policy_file_rpod_accepts() {
    // rpod's deliberate difference: no file at all means no restriction was written, which is
    // what every distribution's default file says; Podman refuses every copy instead ("open
    // /etc/containers/policy.json: no such file or directory"). Podman cannot be shown here:
    // rootless, it rejoins its pause process's mount namespace, where the file is still there.
    let t = Rpod::new("trust_no_policy");
    if t.skip_for_podman("podman rejoins a mount namespace where policy.json is still there") {
        return;
    }
    let empty = t.dir.join("empty-etc-containers");
    std::fs::create_dir_all(&empty).unwrap();
    let hide = format!("mount --bind '{}' /etc/containers", empty.display());
    let out = t.cmd(&["pull", "-q", BUSYBOX]).run_on_altered_host(&hide);
    out.assert_ok();
    t.ok(&["image", "exists", BUSYBOX]);
}
