//! Configuration shared with Podman: paths, registries.conf, auth.json, certs.d.
