//! The one container spec ([`container::ContainerSpec`]), built once from the options
//! ([`options::RunOptions`]) and the image's configuration and validated in one place (Podman's
//! `pkg/specgen`), and its parts: the workload's argv ([`command`]), `--security-opt`
//! ([`security_opt`]), the environment ([`env`]), mounts ([`mounts`]), masked
//! paths ([`masks`]), capabilities ([`caps`]), the seccomp profile ([`seccomp`]), the user
//! lookup in the container's own files ([`user`]), `--userns` ([`userns_mode`]) and `--init`
//! ([`init_path`]). Everything after it — the engine, the runtime — takes the spec as
//! settled fact.

pub mod cap_names;
pub mod caps;
pub mod command;
pub mod container;
pub mod env;
pub mod init_path;
pub mod logging;
pub mod masks;
pub mod mounts;
pub mod options;
pub mod resources;
pub mod restart;
pub mod seccomp;
pub mod security_opt;
pub mod signal;
pub mod size;
pub mod user;
pub mod userns_mode;
