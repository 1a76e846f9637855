//! The host half of `rpod info` (Podman's `define.HostInfo`): kernel, memory, cgroups, the
//! user's id ranges, helpers found on `PATH`. Each fact comes from one file of /proc, /sys or
//! /etc; a fact that cannot be read is left empty rather than failing the command.

use serde::Serialize;
use std::path::Path;

use crate::runtime::userns::idmap;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub arch: String,
    pub cgroup_controllers: Vec<String>,
    pub cgroup_manager: String,
    pub cgroup_version: String,
    pub cpus: usize,
    pub cpu_utilization: CpuUtilization,
    pub distribution: Distribution,
    pub event_logger: String,
    pub hostname: String,
    pub id_mappings: IdMappings,
    pub kernel: String,
    pub linkmode: String,
    pub log_driver: String,
    pub mem_free: u64,
    pub mem_total: u64,
    pub network_backend: String,
    pub oci_runtime: OciRuntime,
    pub os: String,
    pub security: Security,
    pub service_is_remote: bool,
    pub slirp4netns: Helper,
    pub pasta: Helper,
    pub swap_free: u64,
    pub swap_total: u64,
    pub uptime: String,
}

/// Time spent since boot, in percent, as Podman reads it from /proc/stat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CpuUtilization {
    pub idle_percent: f64,
    pub system_percent: f64,
    pub user_percent: f64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Distribution {
    pub distribution: String,
    pub version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub codename: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct IdMappings {
    pub gidmap: Vec<IdMap>,
    pub uidmap: Vec<IdMap>,
}

/// Podman's `IDMap` (JSON keys with underscores, as Podman's are).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct IdMap {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct OciRuntime {
    pub name: String,
    pub package: String,
    pub path: String,
    pub version: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    pub apparmor_enabled: bool,
    pub capabilities: String,
    pub rootless: bool,
    pub seccomp_enabled: bool,
    pub seccomp_profile_path: String,
    pub selinux_enabled: bool,
}

/// A helper binary found on `PATH` (empty when absent); rpod does not run it to ask its
/// version (that would cost `info` a process per helper).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Helper {
    pub executable: String,
    pub package: String,
    pub version: String,
}

/// The capabilities a container gets by default, as Podman lists them.
const DEFAULT_CAPS: &str = "CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FOWNER,CAP_FSETID,CAP_KILL,\
CAP_NET_BIND_SERVICE,CAP_SETFCAP,CAP_SETGID,CAP_SETPCAP,CAP_SETUID,CAP_SYS_CHROOT";

pub fn gather() -> Host {
    let uts = nix::sys::utsname::uname().ok();
    let uts_str = |f: fn(&nix::sys::utsname::UtsName) -> &std::ffi::OsStr| {
        uts.as_ref()
            .map(|u| f(u).to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem = |key: &str| meminfo_kib(&meminfo, key) * 1024;
    let uid = nix::unistd::getuid().as_raw();
    let gid = nix::unistd::getgid().as_raw();
    let user = idmap::user_name(uid);
    let cgroups = crate::runtime::cgroups::delegation::Delegation::read();
    // rpod enforces its own default profile (src/spec/seccomp), built in: no file to name.
    Host {
        arch: super::version::go_arch().to_string(),
        // The controllers delegated to rpod's cgroup (v2 only: v1 gives rootless users none,
        // which Podman shows as `[]`); `v2` when /sys/fs/cgroup is unified, Podman's test.
        cgroup_controllers: cgroups.controllers.clone(),
        cgroup_manager: "cgroupfs".into(),
        cgroup_version: if cgroups.unified { "v2" } else { "v1" }.into(),
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_utilization: cpu_utilization(
            &std::fs::read_to_string("/proc/stat").unwrap_or_default(),
        ),
        distribution: distribution(&std::fs::read_to_string("/etc/os-release").unwrap_or_default()),
        event_logger: "none".into(),
        hostname: uts_str(|u| u.nodename()),
        id_mappings: IdMappings {
            uidmap: id_maps(uid, Path::new("/etc/subuid"), &user),
            gidmap: id_maps(gid, Path::new("/etc/subgid"), &user),
        },
        kernel: uts_str(|u| u.release()),
        linkmode: "static".into(),
        log_driver: "k8s-file".into(),
        mem_free: mem("MemAvailable"),
        mem_total: mem("MemTotal"),
        network_backend: "none".into(),
        oci_runtime: OciRuntime {
            name: "rpod".into(),
            package: "Unknown".into(),
            path: std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            version: format!("rpod version {}", env!("CARGO_PKG_VERSION")),
        },
        os: std::env::consts::OS.into(),
        security: Security {
            apparmor_enabled: false,
            capabilities: DEFAULT_CAPS.into(),
            rootless: uid != 0,
            seccomp_enabled: true,
            seccomp_profile_path: "builtin".into(),
            selinux_enabled: false,
        },
        service_is_remote: false,
        slirp4netns: helper("slirp4netns"),
        pasta: helper("pasta"),
        swap_free: mem("SwapFree"),
        swap_total: mem("SwapTotal"),
        uptime: uptime(&std::fs::read_to_string("/proc/uptime").unwrap_or_default()),
    }
}

fn meminfo_kib(meminfo: &str, key: &str) -> u64 {
    meminfo
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The `cpu` line of /proc/stat (user nice system idle iowait irq softirq steal), as shares of
/// its total, rounded to two decimals as Podman prints them.
pub fn cpu_utilization(proc_stat: &str) -> CpuUtilization {
    let Some(line) = proc_stat.lines().find(|l| l.starts_with("cpu ")) else {
        return CpuUtilization::default();
    };
    let t: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|v| v.parse().ok())
        .collect();
    let total: f64 = t.iter().sum();
    if t.len() < 4 || total == 0.0 {
        return CpuUtilization::default();
    }
    let pct = |v: f64| (v * 10000.0 / total).round() / 100.0;
    CpuUtilization {
        idle_percent: pct(t[3]),
        system_percent: pct(t[2]),
        user_percent: pct(t[0]),
    }
}

/// `ID`, `VERSION_ID`, `VERSION_CODENAME` of os-release, as Podman reads them.
pub fn distribution(os_release: &str) -> Distribution {
    let field = |key: &str| {
        os_release
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    Distribution {
        distribution: field("ID"),
        version: field("VERSION_ID"),
        codename: field("VERSION_CODENAME"),
    }
}

/// The maps rpod's user namespace gets: the user as 0, then their subordinate range from 1,
/// as `engine::session` writes them (only the user when they have no range).
fn id_maps(id: u32, file: &Path, user: &str) -> Vec<IdMap> {
    let mut maps = vec![IdMap {
        container_id: 0,
        host_id: id,
        size: 1,
    }];
    if let Ok(Some(range)) = idmap::read_range(file, user, id) {
        maps.push(IdMap {
            container_id: 1,
            host_id: range.start,
            size: range.count,
        });
    }
    maps
}

fn helper(name: &str) -> Helper {
    let found = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.is_file());
    Helper {
        executable: found.map(|p| p.display().to_string()).unwrap_or_default(),
        ..Helper::default()
    }
}

/// Podman's `2h 20m 46.00s (Approximately 0.08 days)`.
pub fn uptime(proc_uptime: &str) -> String {
    let secs: f64 = proc_uptime
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    let whole = secs as u64;
    format!(
        "{}h {}m {:.2}s (Approximately {:.2} days)",
        whole / 3600,
        whole % 3600 / 60,
        (whole % 60) as f64,
        secs / 86400.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_reads_as_podmans() {
        assert_eq!(
            uptime("8446.51 16000.0\n"),
            "2h 20m 46.00s (Approximately 0.10 days)"
        );
    }

    #[test]
    fn cpu_shares_of_proc_stat() {
        let u = cpu_utilization("cpu  300 0 100 600 0 0 0 0 0 0\ncpu0 1 2 3 4\n");
        assert_eq!(
            u,
            CpuUtilization {
                idle_percent: 60.0,
                system_percent: 10.0,
                user_percent: 30.0
            }
        );
    }

    #[test]
    fn distribution_from_os_release() {
        let d = distribution("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        assert_eq!(
            (d.distribution.as_str(), d.version.as_str()),
            ("debian", "12")
        );
        assert_eq!(d.codename, "bookworm");
    }
}
