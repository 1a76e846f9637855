//! Configuration shared with Podman: where things live, `registries.conf`, `auth.json`, `certs.d`,
//! `policy.json`, `storage.conf`'s `mount_program`.

pub mod auth;
pub mod certs;
pub mod paths;
pub mod policy;
pub mod registries;
pub mod runtime_dir;
pub mod storage;
