//! Containers as rpod knows them before and after they run: the spec built once from the
//! options and the image ([`spec`]), its parts ([`env`], [`mounts`], [`masks`], [`caps`]), the user
//! lookup in the container's own files ([`user`]), the image boundary ([`image`]) and the
//! per-container storage and state ([`storage`]), and `--rm`'s detached removal ([`removal`]).

pub mod cap_names;
pub mod caps;
pub mod env;
pub mod image;
pub mod init_path;
pub mod masks;
pub mod mounts;
pub mod removal;
pub mod seccomp;
pub mod spec;
pub mod storage;
pub mod usage;
pub mod user;
pub mod userns_mode;
