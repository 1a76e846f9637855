//! `--init`: catatonit (Podman's init) as the container's PID 1, bound read-only from the
//! host at `/run/podman-init` as Podman does, and exec'd with the workload's environment and
//! credentials in place of the workload, which it then runs as its child.
//!
//! PID 1 used to be a fork of rpod that never exec'd: it kept rpod's memory and descriptors,
//! so the workload could read the user's host environment in `/proc/1/environ` and rpod's
//! arguments (`--creds` included) in `/proc/1/cmdline`, and `/proc/1/exe` was the host's rpod
//! binary, which a container whose root owns that file could reopen for writing
//! (CVE-2019-5736). An exec'd init has only its own arguments, the workload's environment and
//! stdio, and its binary lies on a read-only mount; no process in the container's pid
//! namespace runs rpod's binary once the workload starts.
//!
//! catatonit forwards the signals it gets to the workload, reaps every orphan, and exits with
//! the workload's status or 128 + its signal. It cannot tell rpod why a workload failed to
//! start (it exits 1), so the workload is looked up first, as without `--init`: Podman's
//! 126/127 and rpod's message stay.

use std::path::Path;

use crate::runtime::process::exec::{self, ExecError};

/// Where the init is bound in the container (Podman's path), read-only: `rootfs` binds it.
pub const IN_CONTAINER: &str = "/run/podman-init";

/// Executes the init, which runs `args` with `env`; returns only on failure.
pub fn exec(args: &[String], env: &[String]) -> ExecError {
    if let Err(e) = exec::resolve(&args[0], env) {
        return e;
    }
    let argv: Vec<String> = [IN_CONTAINER.to_string(), "--".to_string()]
        .into_iter()
        .chain(args.iter().cloned())
        .collect();
    exec::exec_path(Path::new(IN_CONTAINER), &argv, env)
}
