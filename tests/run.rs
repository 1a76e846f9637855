//! End-to-end tests of `rpod run` as an unprivileged user, the way rpod's users run it: as
//! root (CI) through the shared test environment's `as-user`, otherwise directly. They need
//! the test environment's busybox OCI layout; without it they say so and pass.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use rpod::runtime::idmap::read_subid;

struct Env {
    work: PathBuf,
    bin: PathBuf,
    as_user: Option<PathBuf>,
    uid: u32,
    /// `unshare` options mapping the user's subordinate ids, for files owned by them.
    map: String,
}

impl Env {
    fn setup() -> Option<Env> {
        let root = nix::unistd::geteuid().is_root();
        let as_user = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testenv/as-user");
        let user = if root {
            if !as_user.exists() {
                eprintln!("skipped: no shared/testenv/as-user");
                return None;
            }
            // Creates the user and its subordinate ids if needed.
            let ok = Command::new(&as_user)
                .arg("--setup-only")
                .status()
                .is_ok_and(|s| s.success());
            ok.then_some(())?;
            nix::unistd::User::from_name("rpodtest").ok()??
        } else {
            nix::unistd::User::from_uid(nix::unistd::getuid()).ok()??
        };
        let layout = user.dir.join(".cache/rpod-testenv/images/oci/busybox");
        let Some((config, layer)) = busybox_blobs(&layout) else {
            eprintln!(
                "skipped: no test image at {} (run shared/testenv/images)",
                layout.display()
            );
            return None;
        };
        let (subuid, subgid) = (
            read_subid("/etc/subuid".as_ref(), &user.name, user.uid.as_raw())?,
            read_subid("/etc/subgid".as_ref(), &user.name, user.uid.as_raw())?,
        );
        let work = std::env::temp_dir().join(format!("rpod-run-it-{}", std::process::id()));
        std::fs::create_dir_all(&work).unwrap();
        std::fs::set_permissions(&work, std::fs::Permissions::from_mode(0o777)).unwrap();
        let bin = work.join("rpod");
        std::fs::copy(env!("CARGO_BIN_EXE_rpod"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let map = format!(
            "--map-root-user --map-users={},1,{} --map-groups={},1,{}",
            subuid.0, subuid.1, subgid.0, subgid.1
        );
        let env = Env {
            work,
            bin,
            as_user: root.then_some(as_user),
            uid: user.uid.as_raw(),
            map,
        };
        let img = env.work.join("img/busybox");
        let script = format!(
            "set -e; mkdir -p {img}/layer0 {w}/vol; cp {config} {img}/config.json; \
             unshare {map} tar -xzf {layer} -C {img}/layer0",
            map = env.map,
            img = img.display(),
            w = env.work.display(),
            config = config.display(),
            layer = layer.display(),
        );
        assert!(env.sh(&script).success(), "preparing the busybox layer");
        Some(env)
    }

    fn user_cmd(&self, program: &Path) -> Command {
        match &self.as_user {
            Some(a) => {
                let mut c = Command::new(a);
                c.arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    fn sh(&self, script: &str) -> std::process::ExitStatus {
        self.user_cmd(Path::new("/bin/sh"))
            .args(["-c", script])
            .status()
            .unwrap()
    }

    /// Runs `rpod run ARGS`; returns (status, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self
            .user_cmd(&self.bin)
            .env("RPOD_DEV_IMAGES", self.work.join("img"))
            .arg("--root")
            .arg(self.work.join("root"))
            .arg("--runroot")
            .arg(self.work.join("run"))
            .arg("run")
            .args(args)
            .output()
            .unwrap();
        let s = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        (
            out.status.code().unwrap_or(-1),
            s(out.stdout),
            s(out.stderr),
        )
    }

    fn containers(&self) -> usize {
        std::fs::read_dir(self.work.join("root/containers"))
            .map(|d| {
                d.filter(|e| e.as_ref().is_ok_and(|e| e.file_name().len() == 64))
                    .count()
            })
            .unwrap_or(0)
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // Layer files belong to subordinate ids: remove them from inside a user namespace.
        let w = self.work.display();
        self.sh(&format!(
            "unshare {} rm -rf {w}/img {w}/root {w}/run",
            self.map
        ));
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// (config, layer) blob paths of the single-layer busybox image.
fn busybox_blobs(layout: &Path) -> Option<(PathBuf, PathBuf)> {
    let blob = |d: &str| {
        layout
            .join("blobs/sha256")
            .join(d.trim_start_matches("sha256:"))
    };
    let json = |p: PathBuf| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(p).ok()?).ok()
    };
    let index = json(layout.join("index.json"))?;
    let manifest = json(blob(index["manifests"][0]["digest"].as_str()?))?;
    Some((
        blob(manifest["config"]["digest"].as_str()?),
        blob(manifest["layers"][0]["digest"].as_str()?),
    ))
}

#[test]
fn run_end_to_end() {
    let Some(env) = Env::setup() else { return };

    let (code, out, _) = env.run(&["--rm", "busybox", "echo", "hello"]);
    assert_eq!((code, out.as_str()), (0, "hello\n"));

    let (code, out, _) = env.run(&["--rm", "busybox", "id", "-u"]);
    assert_eq!((code, out.trim()), (0, "0"));

    for (args, want) in [
        (&["true"][..], 0),
        (&["false"][..], 1),
        (&["sh", "-c", "exit 32"][..], 32),
        (&["/no/such"][..], 127),
        (&["nosuchcommand"][..], 127),
        (&["/etc"][..], 126),
    ] {
        let mut a = vec!["--rm", "busybox"];
        a.extend_from_slice(args);
        let (code, _, err) = env.run(&a);
        assert_eq!(code, want, "{args:?}: {err}");
        if want >= 126 {
            assert_eq!(err.lines().count(), 1, "one line of error: {err}");
        }
    }

    // Without --init the workload is PID 1, which the kernel protects from its own SIGKILL.
    let (code, _, _) = env.run(&["--rm", "--init", "busybox", "sh", "-c", "kill -9 $$"]);
    assert_eq!(code, 137);

    let vol = format!("{}:/vol", env.work.join("vol").display());
    let (code, _, err) = env.run(&["--rm", "-v", &vol, "busybox", "touch", "/vol/created"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::metadata(env.work.join("vol/created"))
            .unwrap()
            .uid(),
        env.uid
    );
    let (code, _, _) = env.run(&[
        "--rm",
        "-v",
        &format!("{vol}:ro"),
        "busybox",
        "touch",
        "/vol/x",
    ]);
    assert_eq!(code, 1);

    let (code, out, _) = env.run(&[
        "--rm",
        "-u",
        "app",
        "-w",
        "/tmp",
        "busybox",
        "sh",
        "-c",
        "id -u; pwd",
    ]);
    assert_eq!((code, out.as_str()), (0, "1000\n/tmp\n"));
    let (code, _, _) = env.run(&["--rm", "--read-only", "busybox", "touch", "/x"]);
    assert_eq!(code, 1);
    let (code, out, _) = env.run(&["--rm", "--hostname", "box", "busybox", "hostname"]);
    assert_eq!((code, out.as_str()), (0, "box\n"));

    // The default seccomp filter denies new namespaces; unconfined allows them.
    let (code, _, _) = env.run(&["--rm", "busybox", "unshare", "-U", "true"]);
    assert_eq!(code, 1);
    let (code, _, _) = env.run(&[
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        "busybox",
        "unshare",
        "-U",
        "true",
    ]);
    assert_eq!(code, 0);

    assert_eq!(env.containers(), 0, "--rm leaves nothing behind");
    let (code, _, _) = env.run(&["--name", "kept", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(code, 3);
    assert_eq!(env.containers(), 1);
    let id = std::fs::read_link(env.work.join("root/containers/by-name/kept")).unwrap();
    let state: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            env.work
                .join("root/containers/by-name")
                .join(id)
                .join("state.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (state["status"].as_str(), state["exit_code"].as_i64()),
        (Some("exited"), Some(3))
    );
    let (code, _, err) = env.run(&["--name", "kept", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("already in use"), "{err}");
}
