//! The workload's argv, by Podman's rule for `--entrypoint`, the command and the image's
//! `Entrypoint` and `Cmd`.

use super::container::SpecError;
use super::options::RunOptions;

/// Podman's rule: the entrypoint (`--entrypoint`, else the image's; `[""]` means none), then
/// the command (the user's, else the image's `Cmd` unless `--entrypoint` was given).
pub fn command(
    opts: &RunOptions,
    image_ep: Option<&[String]>,
    image_cmd: Option<&[String]>,
) -> Result<Vec<String>, SpecError> {
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
    let mut args: Vec<String> = if ep.len() == 1 && ep[0].is_empty() {
        Vec::new()
    } else {
        ep
    };
    if !opts.command.is_empty() {
        args.extend(opts.command.iter().cloned());
    } else if user_ep.as_ref().is_none_or(|e| e.is_empty()) {
        args.extend(image_cmd.unwrap_or_default().iter().cloned());
    }
    if args.is_empty() {
        return Err(SpecError::NoCommand);
    }
    Ok(args)
}
