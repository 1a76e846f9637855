//! The container's environment: image `Env`, then `--env-file`, then `-e` (later wins,
//! as Podman merges them), with `-e FOO` / a bare `FOO` line taking the host's value.

/// Sets `KEY=VALUE` in `env`, replacing an earlier entry for `KEY` in place.
pub fn set(env: &mut Vec<String>, entry: String) {
    let key = entry.split('=').next().unwrap_or_default();
    match env.iter_mut().find(|e| e.split('=').next() == Some(key)) {
        Some(old) => *old = entry,
        None => env.push(entry),
    }
}

/// Expands one `-e` argument: `K=V` as is, `K` from the host (dropped if the host lacks it).
pub fn expand(arg: &str, host: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if arg.contains('=') {
        Some(arg.to_string())
    } else {
        host(arg).map(|v| format!("{arg}={v}"))
    }
}

/// The entries of an env file: `K=V` or `K` lines; blank lines and `#` comments skipped.
pub fn parse_file(
    text: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<String>, EnvError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('=') {
            return Err(EnvError::Invalid(n + 1, line.to_string()));
        }
        out.extend(expand(line, host));
    }
    Ok(out)
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EnvError {
    #[error("line {0}: invalid environment variable {1:?}")]
    Invalid(usize, String),
}

/// Merges the image's env, env-file entries and `-e` arguments, later sources winning.
pub fn merge(
    image: &[String],
    files: &[String],
    args: &[String],
    host: &dyn Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut env = Vec::new();
    for e in image.iter().chain(files) {
        set(&mut env, e.clone());
    }
    for a in args {
        if let Some(e) = expand(a, host) {
            set(&mut env, e);
        }
    }
    if !env.iter().any(|e| e.starts_with("PATH=")) {
        env.insert(0, format!("PATH={DEFAULT_PATH}"));
    }
    env
}

/// The `PATH` a container gets when neither the image nor the user set one.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

#[cfg(test)]
mod tests {
    use super::*;

    fn host(k: &str) -> Option<String> {
        (k == "HOSTVAR").then(|| "from-host".to_string())
    }

    #[test]
    fn later_sources_win_in_place() {
        let image = vec!["PATH=/bin".to_string(), "A=1".to_string()];
        let files = vec!["A=2".to_string(), "B=x".to_string()];
        let args = vec![
            "B=y".to_string(),
            "HOSTVAR".to_string(),
            "MISSING".to_string(),
            "C=a=b".to_string(),
        ];
        let env = merge(&image, &files, &args, &host);
        assert_eq!(
            env,
            ["PATH=/bin", "A=2", "B=y", "HOSTVAR=from-host", "C=a=b"]
        );
    }

    #[test]
    fn default_path_added() {
        assert_eq!(
            merge(&[], &[], &[], &host)[0],
            format!("PATH={DEFAULT_PATH}")
        );
    }

    #[test]
    fn env_file_lines() {
        let text = "# comment\n\nA=1\n  HOSTVAR\nEMPTY=\n";
        assert_eq!(
            parse_file(text, &host).unwrap(),
            ["A=1", "HOSTVAR=from-host", "EMPTY="]
        );
        assert!(parse_file("=oops\n", &host).is_err());
    }
}
