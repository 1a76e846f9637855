//! The sections of rpod(1) that no clap definition carries: how rpod exits, which files it
//! reads and writes, which environment variables it reads. Kept next to the code they
//! describe by name (`config::*`, `engine::run`), checked present by `tests/docs.rs`.

/// `(term, what it means)` items of a section.
pub type Items = &'static [(&'static str, &'static str)];

pub const EXIT_STATUS: Items = &[
    ("0", "The command succeeded."),
    ("125", "rpod itself failed: a bad option, an image that cannot be pulled, a store that cannot be read. The error is printed on one line as Error: ..."),
    ("126", "run: the container's command was found but cannot be invoked (not executable, a directory)."),
    ("127", "run: the container's command was not found."),
    ("other", "run: the exit status of the container's command (128+N when signal N ended it)."),
];

pub const FILES: Items = &[
    ("$XDG_DATA_HOME/rpod (~/.local/share/rpod)", "The store: images, layers and containers (--root)."),
    ("$XDG_RUNTIME_DIR/rpod", "Run-time state that does not outlive a reboot: running containers, monitors, locks (--runroot). Without XDG_RUNTIME_DIR: /tmp/rpod-run-UID/rpod, which must be the user's alone."),
    ("~/.config/containers/registries.conf, /etc/containers/registries.conf", "Short-name search list, aliases, mirrors, insecure and blocked registries; each with its registries.conf.d/ drop-ins. The user's file, if it exists, replaces the system's."),
    ("$XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json, ~/.docker/config.json", "Registry credentials, read in this order; login writes the first (or --authfile, or REGISTRY_AUTH_FILE)."),
    ("~/.config/containers/certs.d/HOST, /etc/containers/certs.d/HOST, /etc/docker/certs.d/HOST", "CA certificates (*.crt) and client certificates (*.cert with *.key) for the registry HOST (--cert-dir replaces them)."),
    ("~/.config/containers/storage.conf, /etc/containers/storage.conf, /usr/share/containers/storage.conf", "Only mount_program is read (the FUSE overlay program); the first file that exists applies."),
    ("~/.config/containers/policy.json, /etc/containers/policy.json", "Which images may be pulled and loaded (signature policy; --signature-policy replaces it)."),
    ("/etc/subuid, /etc/subgid", "The user's subordinate id ranges, mapped from 1 in rpod's user namespace."),
];

pub const ENVIRONMENT: Items = &[
    ("XDG_DATA_HOME", "Where the store is (default ~/.local/share)."),
    ("XDG_RUNTIME_DIR", "Where run-time state and the first auth.json are."),
    ("XDG_CONFIG_HOME", "Where the user's containers/ configuration is (default ~/.config)."),
    ("HOME", "The user's home, for the defaults above, policy.json and ~/.docker/config.json."),
    ("REGISTRY_AUTH_FILE", "The credentials file to read and write instead of the defaults."),
    ("CONTAINERS_REGISTRIES_CONF", "The registries.conf to read alone, instead of the user's or the system's."),
    ("CONTAINERS_STORAGE_CONF", "The storage.conf to read alone."),
    ("HTTP_PROXY, HTTPS_PROXY, NO_PROXY (and lower case)", "Proxies for registry requests, as Go's ProxyFromEnvironment reads them: HTTP_PROXY for http:// registries, HTTPS_PROXY for https:// ones, NO_PROXY for exceptions; localhost and loopback are never proxied."),
    ("PATH", "Where rpod finds its helpers (newuidmap, newgidmap, the init binary); unshare's command is looked up in it."),
    ("SHELL", "The shell rpod unshare runs when given no command."),
];
