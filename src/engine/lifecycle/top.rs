//! `top`: the processes of a running container, read from `/proc` on the host — those in its
//! PID 1's pid namespace — with Podman's AIX-style descriptors (`user`, `pid`, `ppid`,
//! `pcpu`, `etime`, `tty`, `time`, `args`, `comm`, `group`, `nice`) and Podman's column
//! titles. Pids and ids are shown as the container sees them (`NSpid`, its `uid_map`).

use std::fs;
use std::time::Duration;

use super::LifecycleError;
use crate::engine::container::dir::ContainerDir;

/// Podman's default descriptors.
pub const DEFAULT: [&str; 8] = [
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

#[derive(Debug, thiserror::Error)]
#[error("unknown descriptor {0:?}: rpod top takes user, group, pid, ppid, pcpu, etime, tty, time, args, comm, nice (ps(1) options are not supported)")]
pub struct DescriptorError(pub String);

/// Podman's title of a descriptor.
pub fn title(descriptor: &str) -> Result<&'static str, DescriptorError> {
    Ok(match descriptor {
        "user" => "USER",
        "group" => "GROUP",
        "pid" => "PID",
        "ppid" => "PPID",
        "pcpu" => "%CPU",
        "etime" => "ELAPSED",
        "tty" => "TTY",
        "time" => "TIME",
        "args" => "COMMAND",
        "comm" => "COMMAND",
        "nice" => "NI",
        other => return Err(DescriptorError(other.to_string())),
    })
}

/// One row per process of the running container in `dir`, one cell per descriptor.
pub fn top(dir: &ContainerDir, descriptors: &[String]) -> Result<Vec<Vec<String>>, LifecycleError> {
    let state = dir.read_state()?;
    let running = state.running.ok_or(LifecycleError::NotRunning {
        verb: "top",
        id: state.id.clone(),
        state: state.status.as_str(),
    })?;
    let ns = fs::read_link(format!("/proc/{}/ns/pid", running.pid)).ok();
    let root = format!("/proc/{}/root", running.pid);
    let passwd = fs::read_to_string(format!("{root}/etc/passwd")).unwrap_or_default();
    let group = fs::read_to_string(format!("{root}/etc/group")).unwrap_or_default();
    let uid_map = fs::read_to_string(format!("/proc/{}/uid_map", running.pid)).unwrap_or_default();
    let gid_map = fs::read_to_string(format!("/proc/{}/gid_map", running.pid)).unwrap_or_default();
    let mut pids: Vec<i32> = fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    pids.sort();
    let mut rows = Vec::new();
    for pid in pids {
        if ns.is_none() || fs::read_link(format!("/proc/{pid}/ns/pid")).ok() != ns {
            continue;
        }
        let Some(p) = Proc::read(pid) else { continue };
        let ppid_ns = Proc::read(p.ppid)
            .filter(|_| fs::read_link(format!("/proc/{}/ns/pid", p.ppid)).ok() == ns)
            .map_or(0, |pp| pp.ns_pid);
        let cells = descriptors
            .iter()
            .map(|d| match d.as_str() {
                "user" => name_of(&passwd, inside(&uid_map, p.uid)),
                "group" => name_of(&group, inside(&gid_map, p.gid)),
                "pid" => p.ns_pid.to_string(),
                "ppid" => ppid_ns.to_string(),
                "pcpu" => format!("{:.3}", p.pcpu()),
                "etime" => go_duration(p.elapsed()),
                "tty" => p.tty(),
                "time" => go_duration(Duration::from_secs(p.cpu_ticks / ticks())),
                "args" => p.args.clone(),
                "comm" => p.comm.clone(),
                "nice" => p.nice.to_string(),
                _ => String::new(),
            })
            .collect();
        rows.push(cells);
    }
    Ok(rows)
}

/// What `/proc/<pid>/{stat,status,cmdline}` say of a process.
struct Proc {
    ns_pid: i32,
    ppid: i32,
    uid: u32,
    gid: u32,
    comm: String,
    args: String,
    tty_nr: i64,
    nice: i64,
    cpu_ticks: u64,
    start_ticks: u64,
}

impl Proc {
    fn read(pid: i32) -> Option<Proc> {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let (head, rest) = stat.rsplit_once(')')?;
        let comm = head.split_once('(')?.1.to_string();
        let f: Vec<&str> = rest.split_whitespace().collect();
        // Fields from 3 (state) on: ppid 4, tty_nr 7, utime 14, stime 15, nice 19, start 22.
        let field = |n: usize| {
            f.get(n - 3)
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let line = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .map(str::trim)
                .unwrap_or("")
                .to_string()
        };
        let ns_pid = line("NSpid:").split_whitespace().last()?.parse().ok()?;
        let first = |s: String| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args = cmdline
            .split(|&b| b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        Some(Proc {
            ns_pid,
            ppid: field(4) as i32,
            uid: first(format!("x {}", line("Uid:"))),
            gid: first(format!("x {}", line("Gid:"))),
            args: if args.is_empty() {
                format!("[{comm}]")
            } else {
                args
            },
            comm,
            tty_nr: field(7),
            nice: field(19),
            cpu_ticks: (field(14) + field(15)) as u64,
            start_ticks: field(22) as u64,
        })
    }

    fn elapsed(&self) -> Duration {
        let up = fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
            .unwrap_or(0.0);
        Duration::from_secs_f64((up - self.start_ticks as f64 / ticks() as f64).max(0.0))
    }

    fn pcpu(&self) -> f64 {
        let secs = self.elapsed().as_secs_f64();
        match secs > 0.0 {
            true => self.cpu_ticks as f64 / ticks() as f64 / secs * 100.0,
            false => 0.0,
        }
    }

    fn tty(&self) -> String {
        if self.tty_nr == 0 {
            return "?".into();
        }
        let (major, minor) = (
            (self.tty_nr >> 8) & 0xfff,
            (self.tty_nr & 0xff) | ((self.tty_nr >> 12) & 0xfff00),
        );
        match major {
            136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
            _ => format!("{major}:{minor}"),
        }
    }
}

fn ticks() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 {
        t as u64
    } else {
        100
    }
}

/// The id inside for host id `id`, by the namespace's map (`inside outside count` lines).
fn inside(map: &str, id: u32) -> u32 {
    for line in map.lines() {
        let v: Vec<u64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [inside, outside, count] = v[..] {
            if (outside..outside + count).contains(&(id as u64)) {
                return (inside + id as u64 - outside) as u32;
            }
        }
    }
    id
}

/// The name of `id` in a passwd or group file's text, else the number.
fn name_of(file: &str, id: u32) -> String {
    file.lines()
        .find_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            (f.nth(1)?.parse::<u32>().ok()? == id).then(|| name.to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Go's `time.Duration.String()`, as Podman prints ELAPSED and TIME: `897.03854ms`,
/// `5m3.2s`, `1h0m0s`, `0s`.
pub fn go_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns == 0 {
        return "0s".into();
    }
    let trim = |v: f64, unit: &str| {
        let s = format!("{v:.9}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{s}{unit}")
    };
    if ns < 1_000 {
        return format!("{ns}ns");
    }
    if ns < 1_000_000 {
        return trim(ns as f64 / 1e3, "µs");
    }
    if ns < 1_000_000_000 {
        return trim(ns as f64 / 1e6, "ms");
    }
    let secs = d.as_secs();
    let (h, m) = (secs / 3600, (secs / 60) % 60);
    let s = trim((secs % 60) as f64 + d.subsec_nanos() as f64 / 1e9, "s");
    match (h, m) {
        (0, 0) => s,
        (0, m) => format!("{m}m{s}"),
        (h, m) => format!("{h}h{m}m{s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_prints_them() {
        assert_eq!(go_duration(Duration::ZERO), "0s");
        assert_eq!(
            go_duration(Duration::from_nanos(897_038_540)),
            "897.03854ms"
        );
        assert_eq!(go_duration(Duration::from_millis(303_200)), "5m3.2s");
        assert_eq!(go_duration(Duration::from_secs(3600)), "1h0m0s");
        assert_eq!(go_duration(Duration::from_secs(2)), "2s");
    }

    #[test]
    fn ids_through_the_map() {
        let map = "0 1001 1\n1 100000 65536\n";
        assert_eq!(inside(map, 1001), 0);
        assert_eq!(inside(map, 100999), 1000);
        assert_eq!(
            name_of("root:x:0:0::/root:/bin/sh\nbin:x:1:1::/:/x\n", 1),
            "bin"
        );
        assert_eq!(name_of("", 7), "7");
    }
}
