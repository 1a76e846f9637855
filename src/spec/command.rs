//! The workload's argv, by Podman's rule for `--entrypoint`, the command and the image's
//! `Entrypoint` and `Cmd`.

use super::container::SpecError;
use super::options::RunOptions;

/// The workload's argv in its two parts, as `inspect` shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The entrypoint in force (empty: none).
    pub entrypoint: Vec<String>,
    /// The command after it.
    pub cmd: Vec<String>,
}

impl Command {
    /// The whole argv: the entrypoint, then the command.
    pub fn argv(&self) -> Vec<String> {
        self.entrypoint.iter().chain(&self.cmd).cloned().collect()
    }
}

/// Podman's rule: the entrypoint (`--entrypoint`, else the image's; `[""]` means none), then
/// the command (the user's, else the image's `Cmd` unless `--entrypoint` was given).
pub fn command(
    opts: &RunOptions,
    image_ep: Option<&[String]>,
    image_cmd: Option<&[String]>,
) -> Result<Command, SpecError> {
    let user_ep: Option<Vec<String>> = match &opts.entrypoint {
        None => None,
        Some(s) if s.trim_start().starts_with('[') => {
            Some(serde_json::from_str(s).map_err(|e| SpecError::Entrypoint(s.clone(), e))?)
        }
        Some(s) => Some(vec![s.clone()]),
    };
    let ep: Vec<String> = match &user_ep {
        Some(e) => e.clone(),
        None => image_ep.map(<[String]>::to_vec).unwrap_or_default(),
    };
    let entrypoint: Vec<String> = if ep.len() == 1 && ep[0].is_empty() {
        Vec::new()
    } else {
        ep
    };
    let cmd = if !opts.command.is_empty() {
        opts.command.clone()
    } else if user_ep.as_ref().is_none_or(|e| e.is_empty()) {
        image_cmd.unwrap_or_default().to_vec()
    } else {
        Vec::new()
    };
    if entrypoint.is_empty() && cmd.is_empty() {
        return Err(SpecError::NoCommand);
    }
    Ok(Command { entrypoint, cmd })
}
