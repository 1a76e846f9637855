//! The resource limits of `run` and `create` (`--memory`, `--cpus`, `--pids-limit`...),
//! read and checked once as Podman reads them, into the values the cgroup files take. Each
//! limit names the cgroup v2 controller that applies it ([`Resources::controllers`]): the
//! runtime checks that the user's cgroup offers them before anything is created.

use serde::{Deserialize, Serialize};

use super::size::ram_in_bytes;

/// The flags as given (`None`: not given).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceOptions {
    pub memory: Option<String>,
    pub memory_reservation: Option<String>,
    pub memory_swap: Option<String>,
    pub cpus: Option<String>,
    pub cpu_shares: Option<u64>,
    pub cpu_period: Option<u64>,
    pub cpu_quota: Option<i64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<i64>,
    pub blkio_weight: Option<u16>,
}

/// The limits, in the units of the cgroup files (bytes, microseconds).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    /// `memory.max`.
    pub memory: Option<u64>,
    /// `memory.low`.
    pub memory_reservation: Option<u64>,
    /// Memory plus swap (Podman's `--memory-swap`); `-1`: unlimited swap.
    pub memory_swap: Option<i64>,
    /// `cpu.max`: the quota per period (`--cpus` or `--cpu-quota`); `-1`: none.
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<u64>,
    /// `cpu.weight`, from Podman's shares.
    pub cpu_shares: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    /// `pids.max`; `None` also for `-1` and `0` (unlimited).
    pub pids_limit: Option<i64>,
    /// `io.weight`, from Podman's blkio weight.
    pub blkio_weight: Option<u16>,
}

/// The kernel refuses a smaller `memory.max` for a container that starts at all; Podman's
/// (runc's) floor.
pub const MIN_MEMORY: u64 = 6 * 1024 * 1024;

/// The CFS period `--cpus` uses, in microseconds (Podman's).
const DEFAULT_PERIOD: u64 = 100_000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ResourceError {
    #[error("invalid --{flag} {given:?}: {why}")]
    Invalid {
        flag: &'static str,
        given: String,
        why: String,
    },
    #[error("--{0} and --{1} cannot be used together: give one")]
    Conflict(&'static str, &'static str),
}

impl Resources {
    /// Reads and checks the flags; `cpus_online` and `mems_online` are the host's (`0-1`),
    /// for `--cpus` and the cpusets.
    pub fn parse(
        o: &ResourceOptions,
        cpus_online: &str,
        mems_online: &str,
    ) -> Result<Resources, ResourceError> {
        let invalid = |flag: &'static str, given: &str, why: &str| ResourceError::Invalid {
            flag,
            given: given.to_string(),
            why: why.to_string(),
        };
        let size =
            |flag: &'static str, given: &Option<String>| -> Result<Option<u64>, ResourceError> {
                given
                    .as_deref()
                    .map(|g| {
                        ram_in_bytes(g).map_err(|_| {
                            invalid(
                                flag,
                                g,
                                "give a number with an optional unit b, k, m or g, such as 512m",
                            )
                        })
                    })
                    .transpose()
            };
        let memory = size("memory", &o.memory)?;
        if let (Some(m), Some(g)) = (memory, &o.memory) {
            if m < MIN_MEMORY {
                return Err(invalid("memory", g, "the minimum memory limit is 6m"));
            }
        }
        let memory_reservation = size("memory-reservation", &o.memory_reservation)?;
        let memory_swap = match o.memory_swap.as_deref() {
            None => None,
            Some("-1") => Some(-1),
            Some(g) => {
                let swap = ram_in_bytes(g).map_err(|_| {
                    invalid(
                        "memory-swap",
                        g,
                        "give -1 (unlimited) or a size, such as 1g",
                    )
                })?;
                match memory {
                    None => return Err(invalid("memory-swap", g, "it needs --memory too")),
                    Some(m) if swap < m => {
                        return Err(invalid(
                            "memory-swap",
                            g,
                            "it is memory plus swap: give at least --memory",
                        ))
                    }
                    _ => Some(swap as i64),
                }
            }
        };
        let online = cpu_count(cpus_online);
        let mut cpu_quota = o.cpu_quota;
        let mut cpu_period = o.cpu_period;
        if let Some(g) = &o.cpus {
            if o.cpu_quota.is_some() {
                return Err(ResourceError::Conflict("cpus", "cpu-quota"));
            }
            if o.cpu_period.is_some() {
                return Err(ResourceError::Conflict("cpus", "cpu-period"));
            }
            let cpus: f64 = g
                .parse()
                .ok()
                .filter(|c: &f64| c.is_finite() && *c > 0.0)
                .ok_or_else(|| invalid("cpus", g, "give a number of CPUs above 0, such as 0.5"))?;
            if cpus > online as f64 {
                return Err(invalid(
                    "cpus",
                    g,
                    &format!("this host has {online} CPUs: give at most {online}"),
                ));
            }
            cpu_period = Some(DEFAULT_PERIOD);
            cpu_quota = Some(((cpus * DEFAULT_PERIOD as f64).round() as i64).max(1000));
        }
        if let Some(p) = cpu_period {
            if !(1000..=1_000_000).contains(&p) {
                return Err(invalid(
                    "cpu-period",
                    &p.to_string(),
                    "give 1000 to 1000000 (microseconds)",
                ));
            }
        }
        if let Some(q) = o.cpu_quota {
            if q != -1 && q < 1000 {
                return Err(invalid(
                    "cpu-quota",
                    &q.to_string(),
                    "give -1 (none) or at least 1000 (microseconds)",
                ));
            }
        }
        if let Some(w) = o.blkio_weight {
            if !(10..=1000).contains(&w) {
                return Err(invalid("blkio-weight", &w.to_string(), "give 10 to 1000"));
            }
        }
        if let Some(s) = o.cpu_shares {
            if !(2..=262_144).contains(&s) {
                return Err(invalid("cpu-shares", &s.to_string(), "give 2 to 262144"));
            }
        }
        for (flag, list, host) in [
            ("cpuset-cpus", &o.cpuset_cpus, cpus_online),
            ("cpuset-mems", &o.cpuset_mems, mems_online),
        ] {
            if let Some(l) = list {
                check_set(l, host).map_err(|why| invalid(flag, l, &why))?;
            }
        }
        Ok(Resources {
            memory,
            memory_reservation,
            memory_swap,
            cpu_quota,
            cpu_period,
            cpu_shares: o.cpu_shares,
            cpuset_cpus: o.cpuset_cpus.clone(),
            cpuset_mems: o.cpuset_mems.clone(),
            pids_limit: o.pids_limit.filter(|p| *p > 0),
            blkio_weight: o.blkio_weight,
        })
    }

    /// The cgroup v2 controllers these limits need, in the kernel's names.
    pub fn controllers(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.memory.is_some() || self.memory_reservation.is_some() || self.memory_swap.is_some()
        {
            c.push("memory");
        }
        if self.cpu_quota.is_some() || self.cpu_period.is_some() || self.cpu_shares.is_some() {
            c.push("cpu");
        }
        if self.cpuset_cpus.is_some() || self.cpuset_mems.is_some() {
            c.push("cpuset");
        }
        if self.pids_limit.is_some() {
            c.push("pids");
        }
        if self.blkio_weight.is_some() {
            c.push("io");
        }
        c
    }
}

impl Resources {
    /// The flags that set these limits, for messages (`--memory, --cpus`).
    pub fn flags(&self) -> String {
        let given = [
            ("--memory", self.memory.is_some()),
            ("--memory-reservation", self.memory_reservation.is_some()),
            ("--memory-swap", self.memory_swap.is_some()),
            ("--cpus/--cpu-quota", self.cpu_quota.is_some()),
            ("--cpu-shares", self.cpu_shares.is_some()),
            (
                "--cpuset-cpus/--cpuset-mems",
                self.cpuset_cpus.is_some() || self.cpuset_mems.is_some(),
            ),
            ("--pids-limit", self.pids_limit.is_some()),
            ("--blkio-weight", self.blkio_weight.is_some()),
        ];
        let names: Vec<&str> = given.iter().filter(|(_, g)| *g).map(|(n, _)| *n).collect();
        names.join(", ")
    }
}

/// The numbers of a list such as `0-2,4`.
fn members(list: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in list.trim().split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
                if a > b || b - a > 65_536 {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(part.parse().ok()?),
        }
    }
    Some(out)
}

/// How many CPUs an `online` list counts (at least one).
fn cpu_count(online: &str) -> usize {
    members(online).map_or(1, |m| m.len().max(1))
}

/// `list` in the form `0-2,4`, every member one the host has.
fn check_set(list: &str, host: &str) -> Result<(), String> {
    let asked = members(list).ok_or("give numbers and ranges, such as 0-1,3")?;
    let have = members(host).unwrap_or_default();
    match asked.iter().find(|n| !have.contains(n)) {
        None => Ok(()),
        Some(n) => Err(format!("this host has no {n}: it has {}", host.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(o: ResourceOptions) -> Result<Resources, ResourceError> {
        Resources::parse(&o, "0-1\n", "0\n")
    }

    #[test]
    fn limits_read_as_podman_reads_them() {
        let r = parse(ResourceOptions {
            memory: Some("512m".into()),
            memory_swap: Some("1g".into()),
            cpus: Some("0.5".into()),
            pids_limit: Some(64),
            cpuset_cpus: Some("0-1".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(r.memory, Some(536_870_912));
        assert_eq!(r.memory_swap, Some(1 << 30));
        assert_eq!((r.cpu_quota, r.cpu_period), (Some(50_000), Some(100_000)));
        assert_eq!(r.pids_limit, Some(64));
        assert_eq!(r.controllers(), ["memory", "cpu", "cpuset", "pids"]);
        let unlimited = parse(ResourceOptions {
            pids_limit: Some(-1),
            ..Default::default()
        })
        .unwrap();
        assert!(unlimited.controllers().is_empty());
        assert!(parse(ResourceOptions::default())
            .unwrap()
            .controllers()
            .is_empty());
    }

    #[test]
    fn bad_values_name_the_flag() {
        let bad = |o: ResourceOptions, flag: &str| {
            let e = parse(o).unwrap_err().to_string();
            assert!(e.contains(flag), "{e}");
        };
        bad(
            ResourceOptions {
                memory: Some("12x".into()),
                ..Default::default()
            },
            "--memory",
        );
        bad(
            ResourceOptions {
                memory: Some("4k".into()),
                ..Default::default()
            },
            "--memory",
        );
        bad(
            ResourceOptions {
                cpus: Some("-1".into()),
                ..Default::default()
            },
            "--cpus",
        );
        bad(
            ResourceOptions {
                cpus: Some("3".into()),
                ..Default::default()
            },
            "--cpus",
        );
        bad(
            ResourceOptions {
                cpuset_cpus: Some("99".into()),
                ..Default::default()
            },
            "--cpuset-cpus",
        );
        bad(
            ResourceOptions {
                cpuset_cpus: Some("a".into()),
                ..Default::default()
            },
            "--cpuset-cpus",
        );
        bad(
            ResourceOptions {
                memory: Some("1g".into()),
                memory_swap: Some("512m".into()),
                ..Default::default()
            },
            "--memory-swap",
        );
        bad(
            ResourceOptions {
                memory_swap: Some("1g".into()),
                ..Default::default()
            },
            "--memory-swap",
        );
        bad(
            ResourceOptions {
                cpus: Some("1".into()),
                cpu_quota: Some(50_000),
                ..Default::default()
            },
            "--cpu-quota",
        );
        bad(
            ResourceOptions {
                blkio_weight: Some(5),
                ..Default::default()
            },
            "--blkio-weight",
        );
    }
}
