//! `rpod save` and `rpod load` against the real tools: archives made by skopeo (the test
//! environment's) must load with the image IDs Podman gives them, and archives rpod writes
//! must be accepted by `podman load` and `skopeo inspect` with the same IDs. Corrupt input
//! must fail with 125 and leave no image.
//!
//! Runs the real binary as the unprivileged test user (`../shared/testenv/as-user`), each test
//! with its own `--root`. The [`harness`] module is a local stand-in for the shared
//! `tests/common` harness; switching is replacing it with `mod common;`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod harness {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// The test environment checkout beside the project (`../shared/testenv`).
    pub fn testenv() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testenv")
    }

    /// The test user's testenv cache (`RPOD_TESTENV_CACHE`, else `~rpodtest/.cache/rpod-testenv`).
    pub fn cache() -> PathBuf {
        if let Some(dir) = std::env::var_os("RPOD_TESTENV_CACHE") {
            return dir.into();
        }
        let user = std::env::var("RPOD_TEST_USER").unwrap_or_else(|_| "rpodtest".into());
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let home = passwd
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .find(|f| f.len() > 5 && f[0] == user)
            .map(|f| f[5].to_string())
            .or_else(|| std::env::var("HOME").ok())
            .expect("a home directory");
        Path::new(&home).join(".cache/rpod-testenv")
    }

    pub fn archive(name: &str) -> PathBuf {
        cache().join("images/archives").join(name)
    }

    /// One test's world: a private rpod store and podman store in a temp dir the test user
    /// can write.
    pub struct Env {
        pub dir: tempfile::TempDir,
        bin: PathBuf,
    }

    impl Env {
        pub fn new() -> Env {
            let dir = tempfile::Builder::new()
                .prefix("rpod-archive-test.")
                .tempdir_in("/tmp")
                .unwrap();
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
            let bin = dir.path().join("rpod");
            std::fs::copy(env!("CARGO_BIN_EXE_rpod"), &bin).unwrap();
            std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
            Env { dir, bin }
        }

        pub fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        pub fn root(&self) -> PathBuf {
            self.path("root")
        }

        fn as_user(&self, program: &Path) -> Command {
            let mut cmd = Command::new(testenv().join("as-user"));
            cmd.arg(program).env(
                "CONTAINERS_REGISTRIES_CONF",
                testenv().join("registries.conf.example"),
            );
            cmd.stdin(Stdio::null());
            cmd
        }

        pub fn rpod_cmd(&self, args: &[&str]) -> Command {
            let mut cmd = self.as_user(&self.bin);
            cmd.arg("--root").arg(self.root()).args(args);
            cmd
        }

        pub fn rpod(&self, args: &[&str]) -> Output {
            self.rpod_cmd(args).output().unwrap()
        }

        /// Runs rpod and insists on success; returns stdout.
        pub fn ok(&self, args: &[&str]) -> String {
            check(self.rpod(args), &format!("rpod {args:?}"))
        }

        pub fn podman(&self, args: &[&str]) -> String {
            let mut cmd = self.as_user(Path::new("podman"));
            cmd.arg("--root")
                .arg(self.path("podman/root"))
                .arg("--runroot")
                .arg(self.path("podman/run"))
                .args(["--storage-driver", "vfs"])
                .args(args);
            check(cmd.output().unwrap(), &format!("podman {args:?}"))
        }

        pub fn skopeo(&self, args: &[&str]) -> Vec<u8> {
            let mut cmd = self.as_user(Path::new("skopeo"));
            let out = cmd.args(args).output().unwrap();
            assert!(
                out.status.success(),
                "skopeo {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        }

        /// The ID rpod's store gives `image`.
        pub fn id(&self, image: &str) -> String {
            self.ok(&["image", "inspect", "-f", "{{.Id}}", image])
                .trim()
                .to_string()
        }

        pub fn podman_id(&self, image: &str) -> String {
            self.podman(&["image", "inspect", "--format", "{{.Id}}", image])
                .trim()
                .to_string()
        }
    }

    impl Drop for Env {
        fn drop(&mut self) {
            // Podman's vfs store holds files owned by subordinate ids: let podman remove them.
            if self.path("podman").exists() {
                let _ = self
                    .as_user(Path::new("podman"))
                    .args(["unshare", "rm", "-rf"])
                    .arg(self.path("podman"))
                    .output();
            }
            let _ = self
                .rpod_cmd(&["unshare", "rm", "-rf"])
                .arg(self.root())
                .output();
        }
    }

    fn check(out: Output, what: &str) -> String {
        assert!(
            out.status.success(),
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Whether the test environment is there; tests skip (with a note) when it is not.
    pub fn available() -> bool {
        let ok = testenv().join("as-user").exists() && archive("busybox.docker.tar").exists();
        if !ok {
            eprintln!(
                "skipping: the test environment (../shared/testenv, its archives) is missing"
            );
        }
        ok
    }
}

use harness::{archive, available, Env};

const BUSYBOX: &str = "127.0.0.1:5000/library/busybox";

/// `Loaded image: NAME` lines → names.
fn loaded_names(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Loaded image: "))
        .map(str::to_string)
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Loads each test archive of `kind` into rpod and podman and compares names and IDs.
fn load_like_podman(kind: &str) {
    if !available() {
        return;
    }
    let env = Env::new();
    for name in ["busybox", "layers", "config", "large"] {
        let file = archive(&format!("{name}.{kind}.tar"));
        let file = file.to_str().unwrap();
        let ours = loaded_names(&env.ok(&["load", "-q", "-i", file]));
        let theirs = loaded_names(&env.podman(&["load", "-q", "-i", file]));
        assert_eq!(ours, theirs, "{file}: loaded names");
        assert_eq!(ours.len(), 1, "{file}");
        assert_eq!(
            env.id(&ours[0]),
            env.podman_id(&theirs[0]),
            "{file}: image ID"
        );
    }
}

#[test]
fn load_docker_archives_like_podman() {
    load_like_podman("docker");
}

#[test]
fn load_oci_archives_like_podman() {
    load_like_podman("oci");
}

#[test]
fn load_reads_stdin() {
    if !available() {
        return;
    }
    let env = Env::new();
    let input = std::fs::File::open(archive("busybox.oci.tar")).unwrap();
    let out = env
        .rpod_cmd(&["image", "load"])
        .stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        loaded_names(&String::from_utf8_lossy(&out.stdout)),
        ["docker.io/library/busybox:latest"]
    );
}

/// Saves the pulled busybox in `format` and checks podman and skopeo read the same image.
fn save_accepted(format: &str, transport: &str) {
    if !available() {
        return;
    }
    let env = Env::new();
    env.ok(&["pull", "-q", BUSYBOX]);
    let id = env.id(BUSYBOX);
    let file = env.path(&format!("busybox.{format}.tar"));
    let file = file.to_str().unwrap();
    env.ok(&["save", "--format", format, "-o", file, "busybox"]);

    let config = env.skopeo(&[
        "inspect",
        "--config",
        "--raw",
        &format!("{transport}:{file}"),
    ]);
    assert_eq!(sha256_hex(&config), id, "skopeo's config digest");
    let inspect = env.skopeo(&["inspect", &format!("{transport}:{file}")]);
    let inspect: serde_json::Value = serde_json::from_slice(&inspect).unwrap();
    assert_eq!(inspect["Layers"].as_array().map(Vec::len), Some(1));

    let names = loaded_names(&env.podman(&["load", "-i", file]));
    assert_eq!(names, [format!("{BUSYBOX}:latest")]);
    assert_eq!(env.podman_id(&names[0]), id, "podman's image ID");
}

#[test]
fn save_docker_archive_is_accepted_by_podman_and_skopeo() {
    save_accepted("docker-archive", "docker-archive");
}

#[test]
fn save_oci_archive_is_accepted_by_podman_and_skopeo() {
    save_accepted("oci-archive", "oci-archive");
}

#[test]
fn save_writes_byte_identical_docker_archives() {
    if !available() {
        return;
    }
    // The testenv's docker-archives are skopeo's (containers/image) output for these images.
    let env = Env::new();
    for name in ["busybox", "layers"] {
        let original = archive(&format!("{name}.docker.tar"));
        let loaded = loaded_names(&env.ok(&["load", "-i", original.to_str().unwrap()]));
        let file = env.path(&format!("{name}.tar"));
        env.ok(&["save", "-o", file.to_str().unwrap(), &loaded[0]]);
        assert!(
            std::fs::read(&file).unwrap() == std::fs::read(&original).unwrap(),
            "{name}: rpod's archive differs from containers/image's"
        );
    }
}

#[test]
fn round_trip_keeps_the_id_and_the_layers() {
    if !available() {
        return;
    }
    let env = Env::new();
    let image = "127.0.0.1:5000/testenv/layers:latest";
    env.ok(&["pull", "-q", image]);
    let id = env.id(image);
    for format in ["docker-archive", "oci-archive"] {
        let file = env.path(&format!("layers.{format}"));
        let file = file.to_str().unwrap();
        env.ok(&["save", "-q", "--format", format, "-o", file, image]);
        env.ok(&["rmi", image]);
        assert!(!env.rpod(&["image", "exists", image]).status.success());
        assert_eq!(loaded_names(&env.ok(&["load", "-i", file])), [image]);
        assert_eq!(env.id(image), id, "{format}");
        let inspect: serde_json::Value =
            serde_json::from_str(&env.ok(&["image", "inspect", image])).unwrap();
        let diff_ids: Vec<String> =
            serde_json::from_value(inspect[0]["RootFS"]["Layers"].clone()).unwrap();
        assert_eq!(diff_ids.len(), 4);
        for d in diff_ids {
            let dir = env
                .root()
                .join("layers")
                .join(d.trim_start_matches("sha256:"));
            assert!(dir.is_dir(), "{format}: layer {d} is not unpacked");
        }
    }
}

#[test]
fn save_to_stdout_and_refusals() {
    if !available() {
        return;
    }
    let env = Env::new();
    env.ok(&["pull", "-q", BUSYBOX]);
    let file = env.path("stdout.tar");
    let out = env
        .rpod_cmd(&["image", "save", BUSYBOX])
        .stdout(std::fs::File::create(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    let config = env.skopeo(&[
        "inspect",
        "--config",
        "--raw",
        &format!("docker-archive:{}", file.display()),
    ]);
    assert_eq!(sha256_hex(&config), env.id(BUSYBOX));

    let missing = env.rpod(&["save", "-o", env.path("x.tar").to_str().unwrap(), "nosuch"]);
    assert_eq!(missing.status.code(), Some(125));
    assert!(!env.path("x.tar").exists());
}

/// Flips one byte in the middle of the first member whose name ends with `suffix`.
fn corrupt_copy(src: &Path, dst: &Path, pick: impl Fn(&str, u64) -> bool) {
    let mut bytes = std::fs::read(src).unwrap();
    let mut archive = tar::Archive::new(std::fs::File::open(src).unwrap());
    let (offset, size) = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| pick(&e.path().unwrap().to_string_lossy(), e.size()))
        .map(|e| (e.raw_file_position(), e.size()))
        .expect("a member to corrupt");
    bytes[(offset + size / 2) as usize] ^= 0x55;
    std::fs::write(dst, bytes).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dst, std::fs::Permissions::from_mode(0o644)).unwrap();
}

fn assert_fails_cleanly(env: &Env, file: &Path, message: &str) {
    let out = env.rpod(&["load", "-i", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("Error: ") && last.contains(message),
        "{stderr}"
    );
    assert!(!out.status.success());
    let images = env.ok(&["images", "-q"]);
    assert!(images.trim().is_empty(), "an image was stored: {images}");
}

#[test]
fn corrupt_archives_fail_and_store_nothing() {
    if !available() {
        return;
    }
    let env = Env::new();
    let bad = env.path("bad-docker.tar");
    corrupt_copy(&archive("busybox.docker.tar"), &bad, |name, size| {
        name.ends_with(".tar") && size > 0
    });
    assert_fails_cleanly(&env, &bad, "failed verification");

    let bad = env.path("bad-oci.tar");
    corrupt_copy(&archive("busybox.oci.tar"), &bad, |name, size| {
        name.starts_with("blobs/") && size > 100_000
    });
    assert_fails_cleanly(&env, &bad, "");

    assert_fails_cleanly(&env, Path::new("/etc/passwd"), "supported image formats");
    assert_fails_cleanly(&env, &env.path("missing.tar"), "No such file");
}
