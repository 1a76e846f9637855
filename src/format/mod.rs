//! `--format` output: Go templates (`{{.Repository}}:{{.Tag}}`) and JSON, as Podman prints them.
