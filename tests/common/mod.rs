//! Integration-test harness: runs the real `rpod` binary as the unprivileged user `rpodtest`
//! (through `../shared/testenv/as-user`), each test in its own store, against the local test
//! registries (`../shared/testenv/registry`).
//!
//! * `Rpod::new("name")` gives a test its own directory `/tmp/rpod-it-<pid>/<name>` with a
//!   store (`--root`), a run root (`--runroot`), a `HOME` and an `XDG_RUNTIME_DIR`, all created
//!   by rpodtest, so tests run in parallel and see nothing of each other (auth.json, certs.d).
//!   `CONTAINERS_REGISTRIES_CONF` is `registries.conf.example` (docker.io → 127.0.0.1:5000).
//! * `t.cmd(&["pull", "alpine"]).run()` → [`Output`]; `.assert_ok()`, `.assert_fails(125)`
//!   print the command, stdout and stderr when they fail.
//! * `RPOD_IT_ENGINE=podman cargo test --test images` runs the same tests with rootless podman
//!   (its own `--root`/`--runroot`, vfs driver) instead of rpod: that is how the tests' expectations
//!   are checked against the reference implementation. `Rpod::podman("name")` always uses podman.
//!   A test that does not apply to podman asserts podman's own answer where it is known, or
//!   says so: `if t.skip_for_podman("why") { return; }` prints `SKIPPED for podman: ...`.
//! * `RPOD_IT_KEEP=1` keeps the test directories for inspection.
//!
//! Registry facts (`RPOD_TEST_*`) come from `registry env`; digests from
//! `$RPOD_TESTENV_CACHE/images/digests.txt` and from the registry itself — never hard-coded.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// What every test shares: where things are, the registry facts, the copied binary.
pub struct TestEnv {
    /// `../shared/testenv`, absolute.
    pub testenv: PathBuf,
    pub as_user: PathBuf,
    pub registries_conf: PathBuf,
    /// `RPOD_TEST_*` and `RPOD_TESTENV_CACHE` from `registry env`.
    pub vars: HashMap<String, String>,
    /// `/tmp/rpod-it-<pid>`: the binary and every test's directory.
    pub base: PathBuf,
    /// The copy of the rpod binary that rpodtest can execute.
    pub rpod: PathBuf,
    /// The copy of `rpod_probe` (tests/probe/probe.rs), to bind-mount into containers: see [`probe_volume`].
    pub probe: PathBuf,
    pub is_root: bool,
    /// The test user's `~/.config/containers/containers.conf` (written by `podman-setup`: the
    /// crun wrapper podman needs on hybrid-cgroup hosts), copied into each podman test's HOME.
    pub podman_conf: Option<PathBuf>,
}

impl TestEnv {
    pub fn var(&self, name: &str) -> &str {
        self.vars
            .get(name)
            .unwrap_or_else(|| panic!("`registry env` did not give {name}"))
    }
    /// The plain-HTTP registry, `127.0.0.1:5000`.
    pub fn registry(&self) -> &str {
        self.var("RPOD_TEST_REGISTRY")
    }
    /// TLS + Basic auth, `127.0.0.1:5443`.
    pub fn registry_tls(&self) -> &str {
        self.var("RPOD_TEST_REGISTRY_TLS")
    }
    /// TLS + Bearer tokens, `127.0.0.1:5444`.
    pub fn registry_token(&self) -> &str {
        self.var("RPOD_TEST_REGISTRY_TOKEN")
    }
    pub fn user(&self) -> &str {
        self.var("RPOD_TEST_REGISTRY_USER")
    }
    pub fn password(&self) -> &str {
        self.var("RPOD_TEST_REGISTRY_PASS")
    }
    /// containers-certs.d(5) directory for `host:port` (holds `ca.crt`).
    pub fn cert_dir(&self, host_port: &str) -> PathBuf {
        Path::new(self.var("RPOD_TEST_REGISTRY_CERTS_D")).join(host_port)
    }
}

const NOT_SET_UP: &str = "the rpod test environment is not set up: run `sudo scripts/test` once \
     (it installs the dependencies, creates the user rpodtest, starts the test registries and pushes \
     the test images), then `cargo test` works too";

/// The shared test environment, set up once per test binary.
pub fn env() -> &'static TestEnv {
    static ENV: OnceLock<TestEnv> = OnceLock::new();
    ENV.get_or_init(init)
}

fn init() -> TestEnv {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("RPOD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared"));
    let testenv = shared
        .join("testenv")
        .canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}: {NOT_SET_UP}", shared.join("testenv").display()));
    let as_user = testenv.join("as-user");
    let is_root = nix::unistd::geteuid().is_root();

    let out = Command::new(&as_user)
        .arg(testenv.join("registry"))
        .arg("env")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}: {NOT_SET_UP}", as_user.display()));
    assert!(
        out.status.success(),
        "`as-user registry env` failed: {}\n{NOT_SET_UP}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vars: HashMap<String, String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('\'').to_string()))
        .collect();

    let mut env = TestEnv {
        registries_conf: testenv.join("registries.conf.example"),
        testenv,
        as_user,
        vars,
        base: PathBuf::from(format!("/tmp/rpod-it-{}", std::process::id())),
        rpod: PathBuf::new(),
        probe: PathBuf::new(),
        is_root,
        podman_conf: None,
    };
    env.podman_conf = user_home(is_root)
        .map(|h| h.join(".config/containers/containers.conf"))
        .filter(|p| p.exists());
    for addr in [env.registry(), env.registry_tls(), env.registry_token()] {
        if let Err(e) = std::net::TcpStream::connect(addr) {
            panic!("test registry {addr} is not running ({e}): {NOT_SET_UP}");
        }
    }
    let digests = env.digests_file();
    assert!(
        digests.exists(),
        "{} is missing: {NOT_SET_UP}",
        digests.display()
    );

    remove_stale_dirs(&env);
    // The checkout may sit where rpodtest cannot go: copy the binary to a place it can.
    let mkdir = env.as_user_sh(&format!("mkdir -p -m 0755 '{}'", env.base.display()));
    assert_eq!(
        mkdir.status,
        0,
        "creating {}: {}",
        env.base.display(),
        mkdir.stderr
    );
    env.rpod = env.base.join("rpod");
    std::fs::copy(env!("CARGO_BIN_EXE_rpod"), &env.rpod).expect("copying the rpod binary");
    std::fs::set_permissions(&env.rpod, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.probe = env.base.join("rpod_probe");
    std::fs::copy(env!("CARGO_BIN_EXE_rpod_probe"), &env.probe).expect("copying rpod_probe");
    std::fs::set_permissions(&env.probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    env
}

/// `-v` argument that puts `rpod_probe` at `/probe` in a container, read-only.
pub fn probe_volume() -> String {
    format!("{}:/probe:ro", env().probe.display())
}

/// The home of the user the tests run rpod as (`as-user`'s `RPOD_TEST_USER`, default rpodtest).
fn user_home(is_root: bool) -> Option<PathBuf> {
    if !is_root {
        return std::env::var_os("HOME").map(PathBuf::from);
    }
    let user = std::env::var("RPOD_TEST_USER").unwrap_or_else(|_| "rpodtest".into());
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 5 && f[0] == user)
        .map(|f| PathBuf::from(f[5]))
}

/// Removes the directories of earlier test runs whose process is gone.
fn remove_stale_dirs(env: &TestEnv) {
    let Ok(entries) = std::fs::read_dir("/tmp") else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("rpod-it-")
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            env.remove_tree(&e.path());
        }
    }
}

impl TestEnv {
    pub fn digests_file(&self) -> PathBuf {
        Path::new(self.var("RPOD_TESTENV_CACHE")).join("images/digests.txt")
    }

    /// Manifest digest (`sha256:...`) that `images` pushed for `reference`
    /// (e.g. `127.0.0.1:5000/testenv/busybox:oci`), from digests.txt.
    pub fn pushed_digest(&self, reference: &str) -> String {
        let text = std::fs::read_to_string(self.digests_file()).expect("reading digests.txt");
        text.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, f.next()?))
            })
            .find(|(r, _)| *r == reference)
            .map(|(_, d)| d.to_string())
            .unwrap_or_else(|| panic!("{reference} is not in {}", self.digests_file().display()))
    }

    /// Runs a shell script as rpodtest (as-user's login-like environment).
    pub fn as_user_sh(&self, script: &str) -> Output {
        let mut c = Command::new(&self.as_user);
        c.args(["bash", "-c", script]);
        run_command(c, None, script)
    }

    /// Deletes a tree that may hold files owned by rpodtest's subordinate ids.
    pub fn remove_tree(&self, path: &Path) {
        if self.is_root {
            let _ = std::fs::remove_dir_all(path);
        } else {
            // Map rpodtest to 0 and its subuid range from 1, as rootless engines do.
            let mut c = Command::new(&self.as_user);
            c.args(["unshare", "--map-auto", "--map-root-user", "rm", "-rf"])
                .arg(path);
            let _ = run_command(c, None, "rm -rf");
        }
    }
}

/// Runs `as_user_sh` on the shared environment.
pub fn as_user_sh(script: &str) -> Output {
    env().as_user_sh(script)
}

/// What a finished command did.
#[derive(Clone, Debug)]
pub struct Output {
    /// Exit code, or 128+N when killed by signal N.
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    /// The command line, for messages.
    pub cmdline: String,
    /// The signal that killed the command (then `status` is 128+N), `None` when it exited.
    pub signal: Option<i32>,
    /// stdout as bytes, for binary output (`save` to stdout).
    pub stdout_bytes: Vec<u8>,
}

impl Output {
    fn report(&self) -> String {
        format!(
            "command: {}\nexit status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmdline, self.status, self.stdout, self.stderr
        )
    }
    /// Panics (showing everything) unless the command exited 0.
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, 0, "expected success\n{}", self.report());
        self
    }
    /// Panics (showing everything) unless the command exited with `code`.
    #[track_caller]
    pub fn assert_fails(&self, code: i32) -> &Self {
        assert_eq!(
            self.status,
            code,
            "expected exit status {code}\n{}",
            self.report()
        );
        self
    }
    /// Panics with the command's output and `msg` unless `cond`.
    #[track_caller]
    pub fn check(&self, cond: bool, msg: &str) -> &Self {
        assert!(cond, "{msg}\n{}", self.report());
        self
    }
    /// The last line of stdout.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
    /// Non-empty stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.report()))
    }
    /// Parses a table such as `images` prints: a header, then rows whose columns are separated
    /// by two or more spaces. Each row maps header name → value.
    pub fn table(&self) -> Vec<HashMap<String, String>> {
        let split = |l: &str| -> Vec<String> {
            l.split("  ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let mut lines = self.stdout.lines().filter(|l| !l.trim().is_empty());
        let Some(header) = lines.next() else {
            return Vec::new();
        };
        let header = split(header);
        lines
            .map(|l| header.iter().cloned().zip(split(l)).collect())
            .collect()
    }
}

/// Which program a test drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Rpod,
    Podman,
}

impl Engine {
    /// `RPOD_IT_ENGINE=podman` runs the tests against podman, to check their expectations.
    pub fn from_env() -> Engine {
        match std::env::var("RPOD_IT_ENGINE").as_deref() {
            Ok("podman") => Engine::Podman,
            Ok("rpod") | Err(_) => Engine::Rpod,
            Ok(other) => panic!("RPOD_IT_ENGINE={other}: expected rpod or podman"),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Engine::Rpod => "rpod",
            Engine::Podman => "podman",
        }
    }
}

/// One test's engine, store and home.
pub struct Rpod {
    pub engine: Engine,
    /// `/tmp/rpod-it-<pid>/<name>`.
    pub dir: PathBuf,
    pub root: PathBuf,
    pub runroot: PathBuf,
    /// `HOME` of the commands: `~/.config/containers/certs.d` etc. are per test.
    pub home: PathBuf,
    /// `XDG_RUNTIME_DIR` of rpod (podman keeps rpodtest's, where its pause process lives).
    pub runtime_dir: PathBuf,
    /// Podman's auth file (rpod uses its default, `$XDG_RUNTIME_DIR/containers/auth.json`).
    pub authfile: PathBuf,
}

impl Rpod {
    /// A fresh store for the test `name`, driven by `RPOD_IT_ENGINE` (default rpod).
    pub fn new(name: &str) -> Rpod {
        Rpod::with_engine(name, Engine::from_env())
    }
    /// A fresh podman store, for side-by-side comparisons.
    pub fn podman(name: &str) -> Rpod {
        Rpod::with_engine(name, Engine::Podman)
    }

    pub fn with_engine(name: &str, engine: Engine) -> Rpod {
        let env = env();
        let dir = env.base.join(format!("{name}.{}", engine.name()));
        env.remove_tree(&dir);
        // Podman refuses a run root longer than 50 characters: give it a short one.
        static N: AtomicUsize = AtomicUsize::new(0);
        let runroot = match engine {
            Engine::Rpod => dir.join("runroot"),
            Engine::Podman => env
                .base
                .join(format!("rr{}", N.fetch_add(1, Ordering::Relaxed))),
        };
        env.remove_tree(&runroot);
        let t = Rpod {
            engine,
            root: dir.join("store"),
            runroot,
            home: dir.join("home"),
            runtime_dir: dir.join("run"),
            authfile: dir.join("auth.json"),
            dir,
        };
        // Podman 4.3 insists that REGISTRY_AUTH_FILE exists.
        let podman_files = match (engine, &env.podman_conf) {
            (Engine::Rpod, _) => String::new(),
            (Engine::Podman, conf) => {
                let mut s = format!("&& echo '{{\"auths\": {{}}}}' >'{}'", t.authfile.display());
                if let Some(conf) = conf {
                    s += &format!(
                        " && mkdir -p '{h}/.config/containers' && cp '{}' '{h}/.config/containers/'",
                        conf.display(),
                        h = t.home.display()
                    );
                }
                s
            }
        };
        let out = env.as_user_sh(&format!(
            "mkdir -m 0755 '{d}' && mkdir -m 0700 '{d}/store' '{rr}' '{d}/home' '{d}/run' {podman_files}",
            d = t.dir.display(),
            rr = t.runroot.display(),
        ));
        assert_eq!(
            out.status,
            0,
            "creating {}: {}",
            t.dir.display(),
            out.stderr
        );
        t
    }

    pub fn is_podman(&self) -> bool {
        self.engine == Engine::Podman
    }

    /// For a test (or the rest of one) that does not apply to podman — rpod's own behaviour,
    /// or a podman quirk of this host: true when `t` drives podman, after printing
    /// `SKIPPED for podman: <test>: <why>` where the run's output shows it (libtest hides what
    /// a passing test prints), so that a green podman run says what it did not check.
    /// `if t.skip_for_podman("why") { return; }`
    #[must_use]
    pub fn skip_for_podman(&self, why: &str) -> bool {
        if !self.is_podman() {
            return false;
        }
        let thread = std::thread::current();
        let test = thread.name().unwrap_or("?");
        // Straight to the descriptor, past libtest's capture of `eprintln!`.
        let _ = writeln!(std::io::stderr(), "SKIPPED for podman: {test}: {why}");
        true
    }

    /// `rpod --root .. --runroot .. ARGS` (or podman's equivalent).
    pub fn cmd(&self, args: &[&str]) -> Cmd<'_> {
        Cmd {
            t: self,
            args: args.iter().map(|s| s.to_string()).collect(),
            env: Vec::new(),
            stdin: None,
        }
    }

    /// Shorthand: runs `cmd(args)` and asserts success.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.cmd(args).run();
        out.assert_ok();
        out
    }

    /// Runs a shell script as rpodtest with this test's HOME and XDG_RUNTIME_DIR.
    pub fn sh(&self, script: &str) -> Output {
        let env = env();
        let mut c = Command::new(&env.as_user);
        c.arg("env")
            .args(self.env_vars())
            .args(["bash", "-c", script]);
        run_command(c, None, script)
    }

    fn env_vars(&self) -> Vec<String> {
        let env = env();
        let mut v = vec![
            format!("HOME={}", self.home.display()),
            format!(
                "CONTAINERS_REGISTRIES_CONF={}",
                env.registries_conf.display()
            ),
        ];
        match self.engine {
            Engine::Rpod => v.push(format!("XDG_RUNTIME_DIR={}", self.runtime_dir.display())),
            Engine::Podman => v.push(format!("REGISTRY_AUTH_FILE={}", self.authfile.display())),
        }
        v
    }
}

impl Drop for Rpod {
    fn drop(&mut self) {
        // Detached containers (and their monitors) must not outlive the test's store.
        let containers = match self.engine {
            Engine::Rpod => self.root.join("containers"),
            Engine::Podman => self.root.join("overlay-containers"),
        };
        if containers.exists() {
            let _ = self.cmd(&["rm", "-f", "-a", "-t", "0"]).run();
        }
        if std::env::var_os("RPOD_IT_KEEP").is_none() {
            env().remove_tree(&self.dir);
            env().remove_tree(&self.runroot);
        }
    }
}

/// A command being built: `t.cmd(&[...]).env("K", "V").stdin(b"...").run()`.
pub struct Cmd<'a> {
    t: &'a Rpod,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
}

impl Cmd<'_> {
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }
    pub fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    fn command(&self) -> (Command, String) {
        let env = env();
        let t = self.t;
        let mut argv: Vec<String> = vec![match t.engine {
            Engine::Rpod => env.rpod.display().to_string(),
            Engine::Podman => "podman".into(),
        }];
        argv.push(format!("--root={}", t.root.display()));
        argv.push(format!("--runroot={}", t.runroot.display()));
        if t.engine == Engine::Podman {
            argv.push("--storage-driver=vfs".into());
        }
        argv.extend(self.args.iter().cloned());
        let mut c = Command::new(&env.as_user);
        c.arg("env").args(t.env_vars());
        c.args(self.env.iter().map(|(k, v)| format!("{k}={v}")));
        c.args(&argv);
        let shown = format!("{} {}", t.engine.name(), self.args.join(" "));
        (c, shown)
    }

    /// Runs the command to completion in a private mount namespace where root first runs
    /// `setup` (e.g. bind-mounts hiding host files): how a test shows a host without
    /// `newuidmap` or without a subuid range, leaving the real host alone.
    pub fn run_on_altered_host(self, setup: &str) -> Output {
        assert!(
            env().is_root,
            "this test alters the host in a mount namespace: run the tests as root"
        );
        let line = self.shell_line();
        let mut c = Command::new("unshare");
        c.args(["--mount", "--propagation", "private", "sh", "-c"])
            .arg(format!("{setup} && exec {line}"));
        let shown = format!("[{setup}] {} {}", self.t.engine.name(), self.args.join(" "));
        run_command(c, self.stdin.as_deref(), &shown)
    }

    /// Runs the command to completion.
    pub fn run(self) -> Output {
        let (c, shown) = self.command();
        run_command(c, self.stdin.as_deref(), &shown)
    }

    /// The whole command line (as-user, env, rpod and its arguments), quoted for `sh -c`:
    /// for commands that must run in a terminal (tmux).
    pub fn shell_line(&self) -> String {
        let (c, _) = self.command();
        std::iter::once(c.get_program())
            .chain(c.get_args())
            .map(|a| shell_quote(&a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Starts the command; as-user, setpriv and env exec, so the child's pid is rpod's.
    pub fn spawn(self) -> Running {
        let (mut c, shown) = self.command();
        c.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = c.spawn().unwrap_or_else(|e| panic!("{shown}: {e}"));
        Running {
            child,
            cmdline: shown,
            stderr: None,
        }
    }
}

/// A command started with [`Cmd::spawn`].
pub struct Running {
    pub child: Child,
    pub cmdline: String,
    /// stderr once [`Running::wait_stderr_line`] reads it as it comes.
    stderr: Option<StderrLines>,
}

/// The lines of a running command's stderr, read by a thread of their own.
struct StderrLines {
    lines: std::sync::mpsc::Receiver<String>,
    seen: String,
    reader: std::thread::JoinHandle<()>,
}

impl Running {
    /// Waits until the command prints a line on stderr that satisfies `pred` and returns it;
    /// panics (showing what it printed) after `timeout`, or when stderr closes first. The
    /// command's stderr is still all in [`Running::wait`]'s output.
    #[track_caller]
    pub fn wait_stderr_line(&mut self, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let s = self.stderr.get_or_insert_with(|| {
            let pipe = self.child.stderr.take().expect("stderr is piped");
            let (tx, rx) = std::sync::mpsc::channel();
            let reader = std::thread::spawn(move || {
                use std::io::BufRead;
                let mut pipe = std::io::BufReader::new(pipe);
                let mut line = Vec::new();
                while matches!(pipe.read_until(b'\n', &mut line), Ok(n) if n > 0) {
                    let text = String::from_utf8_lossy(&line);
                    let _ = tx.send(text.trim_end_matches('\n').to_string());
                    line.clear();
                }
            });
            StderrLines {
                lines: rx,
                seen: String::new(),
                reader,
            }
        });
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match s.lines.recv_timeout(left) {
                Ok(line) => {
                    s.seen.push_str(&line);
                    s.seen.push('\n');
                    if pred(&line) {
                        return line;
                    }
                }
                Err(e) => {
                    let why = match e {
                        std::sync::mpsc::RecvTimeoutError::Timeout => "none within",
                        std::sync::mpsc::RecvTimeoutError::Disconnected => "stderr closed within",
                    };
                    panic!(
                        "{}: no such line on stderr ({why} {timeout:?}); stderr so far:\n{}",
                        self.cmdline, s.seen
                    )
                }
            }
        }
    }

    /// True while the process has not exited.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }
    /// Sends SIGKILL.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill");
    }
    pub fn wait(self) -> Output {
        let mut out = self.child.wait_with_output().expect("wait");
        if let Some(s) = self.stderr {
            // The reader ends with the pipe: every line is in the channel then.
            s.reader.join().expect("the stderr reader");
            let rest: String = s.lines.try_iter().map(|l| l + "\n").collect();
            out.stderr = (s.seen + &rest).into_bytes();
        }
        to_output(out, self.cmdline)
    }
    /// Waits at most `timeout` for the command to end; on timeout kills it and panics.
    #[track_caller]
    pub fn wait_timeout(mut self, timeout: Duration) -> Output {
        let ended = wait_for(timeout, || self.child.try_wait().expect("try_wait"));
        if ended.is_none() {
            self.kill();
            let out = self.wait();
            panic!("still running after {timeout:?}\n{}", out.report());
        }
        self.wait()
    }
}

/// How long a test waits for what should follow promptly (a killed process tree reaped, a
/// cleaner finished): long, because a loaded 2-core CI machine can be slow; the polling ends
/// the wait as soon as the state is reached, so it costs nothing when all goes well.
pub const PROMPTLY: Duration = Duration::from_secs(60);

/// A loopback address that refuses connections (ECONNREFUSED, at once) for as long as this
/// value lives: a TCP socket bound to it that never listens. Nothing else can take the port
/// meanwhile, unlike a port bound, released and assumed to stay closed.
pub struct RefusingPort {
    _socket: std::os::fd::OwnedFd,
    /// `127.0.0.1:<port>`.
    pub addr: std::net::SocketAddr,
}

impl RefusingPort {
    pub fn new() -> RefusingPort {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        let loopback = libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: 0,
            sin_addr: libc::in_addr {
                s_addr: u32::from(std::net::Ipv4Addr::LOCALHOST).to_be(),
            },
            sin_zero: [0; 8],
        };
        let mut bound = loopback;
        let mut len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        // SAFETY: plain system calls on a descriptor this function owns, with addresses of
        // the size it passes.
        let socket = unsafe {
            let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
            assert!(fd >= 0, "socket: {}", std::io::Error::last_os_error());
            let socket = OwnedFd::from_raw_fd(fd);
            let addr = (&loopback as *const libc::sockaddr_in).cast();
            let rc = libc::bind(socket.as_raw_fd(), addr, len);
            assert_eq!(rc, 0, "bind: {}", std::io::Error::last_os_error());
            let addr = (&mut bound as *mut libc::sockaddr_in).cast();
            let rc = libc::getsockname(socket.as_raw_fd(), addr, &mut len);
            assert_eq!(rc, 0, "getsockname: {}", std::io::Error::last_os_error());
            socket
        };
        let port = u16::from_be(bound.sin_port);
        RefusingPort {
            _socket: socket,
            addr: std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, port)),
        }
    }
}

impl Default for RefusingPort {
    fn default() -> Self {
        Self::new()
    }
}

/// Calls `f` every 20 ms until it returns `Some` or `timeout` has passed.
pub fn wait_for<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Quotes `s` for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-=:,+@%".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A terminal for interactive tests: a detached tmux session on a tmux server of its own
/// (`tmux -L <socket>`), so that tests never touch each other's or anyone's sessions. Dropping
/// it kills that server (only it).
pub struct Tmux {
    socket: String,
    pub session: String,
}

impl Tmux {
    /// Starts `shell_command` (run by `sh -c` as the test's user, e.g. root) in a
    /// `width`x`height` window. `name` must be unique among the tests.
    pub fn start(name: &str, width: u16, height: u16, shell_command: &str) -> Tmux {
        let t = Tmux {
            socket: format!("rpod-it-{}-{name}", std::process::id()),
            session: name.to_string(),
        };
        let _ = t.tmux(&["kill-server"]);
        let out = t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            shell_command,
        ]);
        assert!(out.status == 0, "starting tmux: {}", out.report());
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        run_command(c, None, &format!("tmux {}", args.join(" ")))
    }

    /// The visible screen, trailing blank lines removed.
    pub fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", &self.session]);
        out.stdout.trim_end().to_string()
    }

    /// `tmux send-keys` (`"ls" , "Enter"`, `"C-c"`).
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status == 0, "send-keys: {}", out.report());
    }

    /// Types `line` and Enter.
    pub fn send_line(&self, line: &str) {
        self.send_keys(&["-l", line]);
        self.send_keys(&["Enter"]);
    }

    pub fn resize(&self, width: u16, height: u16) {
        let out = self.tmux(&[
            "resize-window",
            "-t",
            &self.session,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        assert!(out.status == 0, "resize-window: {}", out.report());
    }

    /// Waits until `pred(screen)`; panics showing the screen after `timeout`.
    #[track_caller]
    pub fn wait_screen(
        &self,
        timeout: Duration,
        what: &str,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let mut last = String::new();
        wait_for(timeout, || {
            last = self.screen();
            pred(&last).then_some(())
        })
        .unwrap_or_else(|| panic!("waited {timeout:?} for {what}; the screen:\n{last}"));
        last
    }

    /// True while the session exists (its command has not ended).
    pub fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", &self.session]).status == 0
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn run_command(mut c: Command, stdin: Option<&[u8]>, shown: &str) -> Output {
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap_or_else(|e| panic!("{shown}: {e}"));
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    to_output(child.wait_with_output().expect("wait"), shown.to_string())
}

fn to_output(out: std::process::Output, cmdline: String) -> Output {
    let status = out
        .status
        .code()
        .unwrap_or_else(|| 128 + out.status.signal().unwrap_or(0));
    Output {
        status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmdline,
        signal: out.status.signal(),
        stdout_bytes: out.stdout,
    }
}

/// The registry's answers, read over HTTP with curl (root or rpodtest: both can reach it).
pub mod registry {
    use super::env;
    use sha2::{Digest, Sha256};
    use std::process::Command;

    const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
        application/vnd.docker.distribution.manifest.list.v2+json, \
        application/vnd.oci.image.manifest.v1+json, \
        application/vnd.docker.distribution.manifest.v2+json";

    /// GETs `http://127.0.0.1:5000/v2/<path>` and returns the body.
    pub fn get(path: &str) -> Vec<u8> {
        let url = format!("http://{}/v2/{path}", env().registry());
        let out = Command::new("curl")
            .args(["-fsS", "-H", &format!("Accept: {ACCEPT}"), &url])
            .output()
            .expect("running curl");
        assert!(
            out.status.success(),
            "GET {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    pub fn sha256(bytes: &[u8]) -> String {
        format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
    }

    /// The manifest (or index) of `repo:reference` on :5000, parsed.
    pub fn manifest(repo: &str, reference: &str) -> serde_json::Value {
        serde_json::from_slice(&get(&format!("{repo}/manifests/{reference}")))
            .expect("manifest JSON")
    }

    /// The image ID (config digest, 64 hex, no `sha256:`) of `repo:tag` on :5000 for
    /// `os/arch`, resolving an index. Also checks the manifest digest the registry serves against
    /// digests.txt, so the test environment and the expectation agree.
    pub fn image_id(repo: &str, tag: &str, arch: &str) -> String {
        let body = get(&format!("{repo}/manifests/{tag}"));
        let pushed = env().pushed_digest(&format!("{}/{repo}:{tag}", env().registry()));
        assert_eq!(
            sha256(&body),
            pushed,
            "registry and digests.txt disagree on {repo}:{tag}"
        );
        let mut m: serde_json::Value = serde_json::from_slice(&body).unwrap();
        if let Some(list) = m["manifests"].as_array() {
            let d = list
                .iter()
                .find(|d| d["platform"]["os"] == "linux" && d["platform"]["architecture"] == arch)
                .unwrap_or_else(|| panic!("{repo}:{tag} has no linux/{arch}"))["digest"]
                .as_str()
                .unwrap()
                .to_string();
            m = manifest(repo, &d);
        }
        let config = m["config"]["digest"].as_str().expect("config digest");
        config.strip_prefix("sha256:").unwrap().to_string()
    }

    /// The image config blob of `repo:tag` for amd64.
    pub fn config(repo: &str, tag: &str) -> serde_json::Value {
        let id = image_id(repo, tag, "amd64");
        serde_json::from_slice(&get(&format!("{repo}/blobs/sha256:{id}"))).expect("config JSON")
    }
}

/// The first 12 hex digits of an image ID, as `images` shows it.
pub fn short(id: &str) -> &str {
    &id[..12]
}

/// True for a full image ID: 64 lowercase hex digits.
pub fn is_image_id(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The error lines a failed command printed: all of stderr for rpod, which must say what went
/// wrong in one line; for podman, stderr less its progress and retry chatter.
pub fn error_lines(t: &Rpod, out: &Output) -> Vec<String> {
    out.stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| {
            !t.is_podman()
                || !(l.starts_with("Trying to pull")
                    || l.starts_with("Resolved ")
                    || l.starts_with("Getting image source")
                    || l.starts_with("Copying ")
                    || l.contains("level=warning"))
        })
        .map(String::from)
        .collect()
}

/// Asserts the command failed with `code` and one stderr line that mentions every one of
/// `needles` (case-insensitive); returns that line.
#[track_caller]
pub fn assert_error(t: &Rpod, out: &Output, code: i32, needles: &[&str]) -> String {
    out.assert_fails(code);
    let lines = error_lines(t, out);
    out.check(lines.len() == 1, "expected exactly one line on stderr");
    let line = lines[0].to_lowercase();
    for n in needles {
        out.check(
            line.contains(&n.to_lowercase()),
            &format!("the error should mention {n:?}"),
        );
    }
    lines[0].clone()
}

/// Writes a one-layer OCI image layout under the tests' base directory (`layout-<name>`,
/// tagged `latest`), for skopeo to push: `layer` is an uncompressed tar, `config` the image
/// config's `config` object. Returns the layout's directory.
pub fn one_layer_oci_layout(name: &str, layer: &[u8], config: serde_json::Value) -> PathBuf {
    let dir = env().base.join(format!("layout-{name}"));
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |bytes: &[u8]| {
        let digest = registry::sha256(bytes);
        std::fs::write(blobs.join(&digest[7..]), bytes).unwrap();
        digest
    };
    let layer_digest = put(layer);
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": config,
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
    dir
}
