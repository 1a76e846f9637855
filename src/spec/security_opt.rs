//! `--security-opt`'s `no-new-privileges` and `seccomp=` (its `mask=`/`unmask=` are
//! [`super::masks`]'s; `label=` and `apparmor=` are accepted and ignored).

use super::container::SpecError;
use super::seccomp::{self, Seccomp};

/// `(no_new_privileges, seccomp)` from `--security-opt` values. `--privileged` runs without
/// a filter unless a profile file is named (Podman's rule); a file is read and parsed here.
pub fn security_opts(opts: &[String], privileged: bool) -> Result<(bool, Seccomp), SpecError> {
    let mut nnp = false;
    let mut filter = if privileged {
        Seccomp::Unconfined
    } else {
        Seccomp::Default
    };
    for o in opts {
        let (k, v) = o.split_once(['=', ':']).unwrap_or((o.as_str(), ""));
        match (k, v) {
            ("no-new-privileges", "" | "true") => nnp = true,
            ("no-new-privileges", "false") => nnp = false,
            ("seccomp", "unconfined") => filter = Seccomp::Unconfined,
            ("seccomp", path) => {
                filter = Seccomp::Profile(Box::new(seccomp::load(std::path::Path::new(path))?));
            }
            // No SELinux/AppArmor on rpod's hosts: accepted and ignored, as Podman does there.
            ("label", _) | ("apparmor", _) => {}
            // Parsed by `masks::from_security_opts`.
            ("mask", _) | ("unmask", _) => {}
            _ => return Err(SpecError::SecurityOpt(o.clone())),
        }
    }
    Ok((nnp, filter))
}
