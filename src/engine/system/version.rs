//! `rpod version`'s facts in Podman's `define.Version` shape. rpod is not written in Go:
//! `GoVersion` carries the Rust compiler that built it (what a bug report needs), under
//! Podman's key so scripts that read it still find a field.

use serde::Serialize;

/// Podman's `Version` struct; the JSON keys are its Go field names (Podman gives them no tags).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Version {
    #[serde(rename = "APIVersion")]
    pub api_version: String,
    pub version: String,
    pub go_version: String,
    pub git_commit: String,
    pub built_time: String,
    pub built: i64,
    pub os_arch: String,
    pub os: String,
}

/// The running binary's version. rpod has no REST API: `APIVersion` is the version, as
/// Podman's own equals its version.
pub fn current() -> Version {
    let built: i64 = option_env!("RPOD_BUILD_EPOCH")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Version {
        api_version: env!("CARGO_PKG_VERSION").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        go_version: option_env!("RPOD_RUSTC_VERSION")
            .unwrap_or("unknown")
            .to_string(),
        git_commit: option_env!("RPOD_GIT_COMMIT").unwrap_or("").to_string(),
        built_time: ctime(built),
        built,
        os_arch: format!("{}/{}", std::env::consts::OS, go_arch()),
        os: std::env::consts::OS.to_string(),
    }
}

/// Go's `GOARCH` spelling of the architecture (`amd64`, `arm64`), as Podman prints it.
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// Go's `time.ANSIC` in UTC, which Podman prints for `Built` (`Thu Jan  1 00:00:00 1970`).
fn ctime(epoch: i64) -> String {
    chrono::DateTime::from_timestamp(epoch, 0)
        .unwrap_or_default()
        .format("%a %b %e %H:%M:%S %Y")
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn built_time_is_go_ansic() {
        assert_eq!(super::ctime(0), "Thu Jan  1 00:00:00 1970");
    }
}
