//! Configuration shared with Podman: where things live, `registries.conf`, `auth.json`, `certs.d`.

pub mod auth;
pub mod certs;
pub mod paths;
pub mod registries;
