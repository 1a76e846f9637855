//! `rpod login` and `rpod logout`: check credentials against the registry, then keep them in
//! auth.json where Podman keeps them (and drop them again). Passwords are read from the flag,
//! stdin or a no-echo prompt and are never printed.

use crate::cli::Context;
use crate::config::auth::{AuthFile, Credentials};
use crate::config::registries::{Endpoint, RegistriesConf, DOCKER_HUB_ENDPOINT};
use crate::image::registry::{Registry, RegistryError, RegistryOptions};
use anyhow::{anyhow, bail, Context as _};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Log in to a container registry.
#[derive(clap::Args, Debug)]
pub struct LoginArgs {
    /// Registry host (default: the first unqualified-search registry of registries.conf)
    pub registry: Option<String>,
    /// Username
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (prefer --password-stdin: command lines are visible to other users)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Read the password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates (default: unless the registry is insecure)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Directory with the registry's CA certificates (*.crt) and client certificates
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Auth file to read and write (default: ${XDG_RUNTIME_DIR}/containers/auth.json)
    #[arg(
        long,
        value_name = "FILE",
        env = "REGISTRY_AUTH_FILE",
        hide_env_values = true
    )]
    pub authfile: Option<PathBuf>,
    /// Print the username stored for the registry and exit
    #[arg(long)]
    pub get_login: bool,
}

/// Log out of a container registry.
#[derive(clap::Args, Debug)]
pub struct LogoutArgs {
    /// Registry host (default: the first unqualified-search registry of registries.conf)
    pub registry: Option<String>,
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub all: bool,
    /// Auth file to modify (default: ${XDG_RUNTIME_DIR}/containers/auth.json)
    #[arg(
        long,
        value_name = "FILE",
        env = "REGISTRY_AUTH_FILE",
        hide_env_values = true
    )]
    pub authfile: Option<PathBuf>,
}

pub fn login(args: LoginArgs, _ctx: &Context) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let tty = stdin.is_terminal();
    let msg = run_login(&args, &mut stdin.lock(), tty)?;
    println!("{msg}");
    Ok(())
}

pub fn logout(args: LogoutArgs, _ctx: &Context) -> anyhow::Result<()> {
    println!("{}", run_logout(&args)?);
    Ok(())
}

/// The work of `login`, with stdin passed in for tests. Returns the line to print.
fn run_login(args: &LoginArgs, stdin: &mut dyn BufRead, tty: bool) -> anyhow::Result<String> {
    let host = target_host(args.registry.as_deref())?;
    if args.get_login {
        let auth = AuthFile::load(args.authfile.as_deref())?;
        return match auth.credentials(&host) {
            Some(c) => Ok(c.username),
            None => bail!("not logged into {host}"),
        };
    }
    if args.password.is_some() && args.password_stdin {
        bail!("can't specify both --password-stdin and --password");
    }
    let username = match &args.username {
        Some(u) => u.clone(),
        None if args.password_stdin => bail!("must provide --username with --password-stdin"),
        None if tty => prompt(stdin, "Username: ", true)?,
        None => bail!("no username given: use -u/--username (stdin is not a terminal)"),
    };
    if username.is_empty() {
        bail!("username must not be empty");
    }
    let password = match &args.password {
        Some(p) => p.clone(),
        None if args.password_stdin => {
            let mut s = String::new();
            stdin
                .read_to_string(&mut s)
                .context("reading the password from stdin")?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
        None if tty => prompt(stdin, "Password: ", false)?,
        None => bail!(
            "no password given: use -p/--password or --password-stdin (stdin is not a terminal)"
        ),
    };
    let creds = Credentials { username, password };

    let conf = RegistriesConf::load()?;
    let endpoint = Endpoint {
        host: if host == "docker.io" {
            DOCKER_HUB_ENDPOINT.to_string()
        } else {
            host.clone()
        },
        repository: String::new(),
        insecure: conf.is_insecure(&host),
    };
    let opts = RegistryOptions {
        tls_verify: args.tls_verify,
        creds: Some(creds.clone()),
        cert_dir: args.cert_dir.clone(),
        user_agent: format!("rpod/{}", env!("CARGO_PKG_VERSION")),
    };
    let registry = Registry::new(&endpoint, &opts, &AuthFile::default())?;
    match registry.ping() {
        Ok(()) => {}
        Err(RegistryError::InvalidCredentials { .. } | RegistryError::Denied { .. }) => {
            bail!("logging into \"{host}\": invalid username/password")
        }
        Err(e) => return Err(anyhow!("logging into \"{host}\": {e}")),
    }
    let path = args
        .authfile
        .clone()
        .unwrap_or_else(AuthFile::default_write_path);
    AuthFile::store(&path, &host, &creds)?;
    Ok("Login Succeeded!".to_string())
}

fn run_logout(args: &LogoutArgs) -> anyhow::Result<String> {
    let path = args
        .authfile
        .clone()
        .unwrap_or_else(AuthFile::default_write_path);
    if args.all {
        if args.registry.is_some() {
            bail!("--all takes no registry argument");
        }
        AuthFile::remove(&path, None)?;
        return Ok("Removed login credentials for all registries".to_string());
    }
    let host = target_host(args.registry.as_deref())?;
    if AuthFile::remove(&path, Some(&host))? {
        Ok(format!("Removed login credentials for {host}"))
    } else {
        bail!("not logged into {host}")
    }
}

/// `https://quay.io/v1/` → `quay.io`; Docker Hub's aliases → `docker.io`; no argument → the
/// first unqualified-search registry.
fn target_host(arg: Option<&str>) -> anyhow::Result<String> {
    let raw = match arg {
        Some(a) => a.to_string(),
        None => RegistriesConf::load()?
            .search_registries()
            .first()
            .cloned()
            .ok_or_else(|| {
                anyhow!("no registry given and no unqualified-search-registries configured")
            })?,
    };
    let s = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .unwrap_or(&raw);
    let host = s.split('/').next().unwrap_or("");
    if host.is_empty() {
        bail!("invalid registry {raw:?}");
    }
    Ok(match host {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".to_string(),
        h => h.to_string(),
    })
}

/// Asks on stderr and reads one line; with `echo` false the terminal does not show it.
fn prompt(stdin: &mut dyn BufRead, question: &str, echo: bool) -> anyhow::Result<String> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let guard = if echo { None } else { EchoOff::new() };
    let mut line = String::new();
    let n = stdin
        .read_line(&mut line)
        .context("reading from the terminal");
    drop(guard);
    if !echo {
        eprintln!();
    }
    if n? == 0 {
        bail!("no input");
    }
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Turns terminal echo off on stdin until dropped.
struct EchoOff(nix::sys::termios::Termios);

impl EchoOff {
    fn new() -> Option<EchoOff> {
        use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut t = saved.clone();
        t.local_flags.remove(LocalFlags::ECHO);
        t.local_flags.insert(LocalFlags::ECHONL);
        tcsetattr(&stdin, SetArg::TCSANOW, &t).ok()?;
        Some(EchoOff(saved))
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        let _ = nix::sys::termios::tcsetattr(
            std::io::stdin(),
            nix::sys::termios::SetArg::TCSANOW,
            &self.0,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(host: &str, authfile: &std::path::Path) -> LoginArgs {
        LoginArgs {
            registry: Some(host.into()),
            username: None,
            password: None,
            password_stdin: false,
            tls_verify: None,
            cert_dir: None,
            authfile: Some(authfile.into()),
            get_login: false,
        }
    }

    #[test]
    fn host_argument_normalisation() {
        assert_eq!(
            target_host(Some("https://index.docker.io/v1/")).unwrap(),
            "docker.io"
        );
        assert_eq!(target_host(Some("quay.io/team")).unwrap(), "quay.io");
        assert_eq!(
            target_host(Some("127.0.0.1:5443")).unwrap(),
            "127.0.0.1:5443"
        );
        assert!(target_host(Some("https://")).is_err());
    }

    #[test]
    fn missing_input_without_a_terminal_fails_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("auth.json");
        let mut a = args("h.invalid", &f);
        let e = run_login(&a, &mut &b""[..], false).unwrap_err().to_string();
        assert!(e.contains("--username"), "{e}");
        a.username = Some("u".into());
        let e = run_login(&a, &mut &b""[..], false).unwrap_err().to_string();
        assert!(e.contains("--password-stdin"), "{e}");
        a.password = Some("p".into());
        a.password_stdin = true;
        assert!(run_login(&a, &mut &b""[..], false).is_err());
    }

    #[test]
    fn logout_and_get_login() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("auth.json");
        let c = Credentials {
            username: "alice".into(),
            password: "pw".into(),
        };
        AuthFile::store(&f, "a.io", &c).unwrap();
        AuthFile::store(&f, "b.io", &c).unwrap();
        let mut g = args("a.io", &f);
        g.get_login = true;
        assert_eq!(run_login(&g, &mut &b""[..], false).unwrap(), "alice");
        let out = |host: Option<&str>, all| LogoutArgs {
            registry: host.map(Into::into),
            all,
            authfile: Some(f.clone()),
        };
        assert_eq!(
            run_logout(&out(Some("a.io"), false)).unwrap(),
            "Removed login credentials for a.io"
        );
        assert_eq!(
            run_logout(&out(Some("a.io"), false))
                .unwrap_err()
                .to_string(),
            "not logged into a.io"
        );
        assert_eq!(
            run_login(&g, &mut &b""[..], false).unwrap_err().to_string(),
            "not logged into a.io"
        );
        assert_eq!(
            run_logout(&out(None, true)).unwrap(),
            "Removed login credentials for all registries"
        );
        assert!(AuthFile::load(Some(&f))
            .unwrap()
            .credentials("b.io")
            .is_none());
    }

    #[test]
    fn live_login_against_the_basic_and_token_registries() {
        use crate::image::registry::live_test_env::live_registries;
        let Some(live) = live_registries("live_login_against_the_basic_and_token_registries")
        else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("auth.json");
        for host in [live.tls.as_str(), live.token.as_str()] {
            let mut a = args(host, &f);
            a.cert_dir = Some(live.certs_d.join(host));
            a.username = Some(live.user.clone());
            a.password_stdin = true;
            let e = run_login(&a, &mut &b"wrong\n"[..], false)
                .unwrap_err()
                .to_string();
            assert_eq!(
                e,
                format!("logging into \"{host}\": invalid username/password")
            );
            assert!(AuthFile::load(Some(&f))
                .unwrap()
                .credentials(host)
                .is_none());
            let password = format!("{}\n", live.password);
            assert_eq!(
                run_login(&a, &mut password.as_bytes(), false).unwrap(),
                "Login Succeeded!"
            );
            let stored = AuthFile::load(Some(&f)).unwrap().credentials(host).unwrap();
            assert_eq!(stored.password, live.password);
        }
        // Without the CA the error says why and how to fix it.
        let mut a = args(&live.tls, &f);
        a.username = Some(live.user.clone());
        a.password = Some(live.password.clone());
        a.cert_dir = Some(dir.path().into());
        let e = run_login(&a, &mut &b""[..], false).unwrap_err().to_string();
        assert!(
            e.contains("x509: certificate signed by unknown authority"),
            "{e}"
        );
        a.tls_verify = Some(false);
        assert_eq!(
            run_login(&a, &mut &b""[..], false).unwrap(),
            "Login Succeeded!"
        );
    }
}
