//! What `rpod info`, `rpod version` and `rpod system df` report (Podman's `libpod/info.go`
//! and `system df`): facts read from the host and the store, never changed. Read-only
//! commands: no lock, no user namespace.

pub mod df;
pub mod host;
pub mod info;
pub mod version;
