//! `login`/`logout` through the binary: `--password-stdin`, `--authfile`, `REGISTRY_AUTH_FILE`,
//! and that `pull` uses (and after `logout` no longer has) the stored credentials, against the
//! TLS registries of the test environment (:5443 Basic auth, :5444 Bearer tokens).
//! Expectations are Podman's: `RPOD_IT_ENGINE=podman cargo test --test login`.

mod common;

use base64::Engine as _;
use common::{assert_error, env, registry, Engine, Output, Rpod};
use std::path::{Path, PathBuf};

/// Puts the CA of `host_port` in the test's `~/.config/containers/certs.d/`.
fn install_ca(t: &Rpod, host_port: &str) {
    let src = env().cert_dir(host_port);
    t.sh(&format!(
        "mkdir -p ~/.config/containers/certs.d && cp -r '{}' ~/.config/containers/certs.d/",
        src.display()
    ))
    .assert_ok();
}

/// The auth file the engine uses when neither `--authfile` nor our `REGISTRY_AUTH_FILE` is
/// given (the harness points podman's `REGISTRY_AUTH_FILE` at `t.authfile`).
fn default_authfile(t: &Rpod) -> PathBuf {
    match t.engine {
        Engine::Rpod => t.runtime_dir.join("containers/auth.json"),
        Engine::Podman => t.authfile.clone(),
    }
}

/// The `auths` entry of `host` in the auth file `path`, if any.
fn entry(path: &Path, host: &str) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}\n{text}", path.display()));
    json["auths"].get(host).cloned()
}

/// `auth` as containers-auth.json(5) stores it: base64 of `user:password`.
fn basic(user: &str, password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

/// Asserts a pull failed because the registry refused (or was not given) credentials.
#[track_caller]
fn assert_refused(t: &Rpod, out: &Output, reg: &str) {
    let line = assert_error(t, out, 125, &[reg]).to_lowercase();
    out.check(
        [
            "unauthorized",
            "authentication required",
            "credentials",
            "username/password",
        ]
        .iter()
        .any(|w| line.contains(w)),
        "the error should say the registry wants valid credentials",
    );
}

#[test]
fn password_stdin_authfile_and_logout_over_basic_auth() {
    let e = env();
    let reg = e.registry_tls();
    let t = Rpod::new("login_authfile");
    install_ca(&t, reg);
    let file = t.dir.join("my-auth.json");
    let file_arg = file.to_str().unwrap();
    let image = format!("{reg}/library/busybox:latest");
    let id = registry::image_id("library/busybox", "latest", "amd64");

    let password = format!("{}\n", e.password());
    let out = t
        .cmd(&[
            "login",
            "--authfile",
            file_arg,
            "-u",
            e.user(),
            "--password-stdin",
            reg,
        ])
        .stdin(password.as_bytes())
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, "Login Succeeded!\n");
    let stored = entry(&file, reg).unwrap_or_else(|| panic!("{file_arg} has no entry for {reg}"));
    assert_eq!(stored["auth"], basic(e.user(), e.password()).as_str());
    assert_eq!(
        entry(&default_authfile(&t), reg),
        None,
        "--authfile replaces the default file"
    );
    let who = t.ok(&["login", "--get-login", "--authfile", file_arg, reg]);
    assert_eq!(who.stdout, format!("{}\n", e.user()));

    // Pull finds the credentials only in that file.
    let out = t.cmd(&["pull", "-q", &image]).run();
    assert_refused(&t, &out, reg);
    let out = t.ok(&["pull", "-q", "--authfile", file_arg, &image]);
    assert_eq!(out.stdout, format!("{id}\n"));

    let out = t.ok(&["logout", "--authfile", file_arg, reg]);
    assert_eq!(out.stdout, format!("Removed login credentials for {reg}\n"));
    assert_eq!(entry(&file, reg), None, "logout removes the entry");
    t.ok(&["rmi", &image]);
    let out = t.cmd(&["pull", "-q", "--authfile", file_arg, &image]).run();
    assert_refused(&t, &out, reg);
    let out = t.cmd(&["logout", "--authfile", file_arg, reg]).run();
    assert_error(&t, &out, 125, &["not logged into", reg]);
}

#[test]
fn registry_auth_file_is_read_by_login_pull_and_logout_over_bearer_tokens() {
    let e = env();
    let reg = e.registry_token();
    let t = Rpod::new("login_registry_auth_file");
    install_ca(&t, reg);
    let file = t.dir.join("env-auth.json");
    let file_arg = file.to_str().unwrap();
    let image = format!("{reg}/testenv/config:latest");
    let id = registry::image_id("testenv/config", "latest", "amd64");

    // Wrong credentials in $REGISTRY_AUTH_FILE are sent, and the token server refuses them
    // (anonymous pulls of :5444 work: only a file that is read can make this pull fail).
    let wrong = serde_json::json!({"auths": {reg: {"auth": basic(e.user(), "wrong")}}});
    t.sh(&format!(
        "umask 077 && printf '%s' '{wrong}' >'{}'",
        file.display()
    ))
    .assert_ok();
    let out = t
        .cmd(&["pull", "-q", &image])
        .env("REGISTRY_AUTH_FILE", file_arg)
        .run();
    assert_refused(&t, &out, reg);

    let out = t
        .cmd(&["login", "-u", e.user(), "--password-stdin", reg])
        .env("REGISTRY_AUTH_FILE", file_arg)
        .stdin(e.password().as_bytes())
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, "Login Succeeded!\n");
    let stored = entry(&file, reg).expect("login writes to $REGISTRY_AUTH_FILE");
    assert_eq!(stored["auth"], basic(e.user(), e.password()).as_str());
    assert_eq!(entry(&default_authfile(&t), reg), None);

    let out = t
        .cmd(&["pull", "-q", &image])
        .env("REGISTRY_AUTH_FILE", file_arg)
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, format!("{id}\n"));

    let out = t
        .cmd(&["logout", "--all"])
        .env("REGISTRY_AUTH_FILE", file_arg)
        .run();
    out.assert_ok();
    assert_eq!(out.stdout, "Removed login credentials for all registries\n");
    assert_eq!(entry(&file, reg), None, "logout --all empties the file");
    let out = t
        .cmd(&["login", "--get-login", reg])
        .env("REGISTRY_AUTH_FILE", file_arg)
        .run();
    assert_error(&t, &out, 125, &["not logged into", reg]);
}
