//! A seccomp profile in Podman's JSON format (containers-common's `seccomp.json`, the OCI
//! `linuxSeccomp` shape), read into rules for one architecture: system call names resolved to
//! numbers (names the architecture lacks are skipped, as libseccomp does), capabilities to
//! bits, `includes`/`excludes.arches` applied. What is left for run time is the part that
//! depends on the container: its capabilities, and `minKernel`.
//!
//! This file is shared with `build.rs`, which reads the vendored default profile through it
//! and writes it out as a static table (so `rpod run` parses no JSON): it uses only `std`,
//! `serde` and `serde_json`, and takes the name tables as arguments.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What the filter answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Allow,
    Errno(u16),
    KillThread,
    KillProcess,
    Trap,
    Trace(u16),
    Log,
}

/// A comparison of one 64-bit argument (libseccomp's `SCMP_CMP_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Ne,
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
    /// `(arg & value) == value_two`.
    MaskedEq,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cond {
    pub index: u8,
    pub op: Op,
    pub value: u64,
    pub value_two: u64,
}

/// One entry of the profile's `syscalls`, for this architecture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub nrs: Cow<'static, [u32]>,
    pub action: Action,
    /// All must hold (ANDed); empty: the rule is unconditional.
    pub args: Cow<'static, [Cond]>,
    /// `includes.caps`: the rule applies only if the container holds all of these.
    pub caps_all: u64,
    /// `excludes.caps`: the rule applies only if it holds none of these.
    pub caps_none: u64,
    /// `includes.minKernel` / `excludes.minKernel` as (major, minor).
    pub min_kernel: Option<(u32, u32)>,
    pub max_kernel: Option<(u32, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub default: Action,
    pub rules: Cow<'static, [Rule]>,
}

impl Rule {
    /// Whether the rule applies to a container holding `caps` (bit N: capability N) on a
    /// kernel of version `kernel`.
    pub fn applies(&self, caps: u64, kernel: (u32, u32)) -> bool {
        caps & self.caps_all == self.caps_all
            && caps & self.caps_none == 0
            && self.min_kernel.is_none_or(|v| kernel >= v)
            && self.max_kernel.is_none_or(|v| kernel < v)
    }
}

#[derive(Debug)]
pub struct ProfileError(pub String);

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

fn err<T>(msg: String) -> Result<T, ProfileError> {
    Err(ProfileError(msg))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    default_action: String,
    default_errno_ret: Option<u16>,
    #[serde(default)]
    syscalls: Option<Vec<Entry>>,
    #[serde(default)]
    flags: Option<Vec<String>>,
    listener_path: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    #[serde(default)]
    names: Option<Vec<String>>,
    name: Option<String>,
    action: String,
    errno_ret: Option<u16>,
    #[serde(default)]
    args: Option<Vec<Arg>>,
    #[serde(default)]
    includes: Filter,
    #[serde(default)]
    excludes: Filter,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Arg {
    index: u8,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Filter {
    #[serde(default)]
    caps: Option<Vec<String>>,
    #[serde(default)]
    arches: Option<Vec<String>>,
    min_kernel: Option<String>,
}

fn action(name: &str, errno: Option<u16>) -> Result<Action, ProfileError> {
    const EPERM: u16 = 1;
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(EPERM)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(EPERM)),
        "SCMP_ACT_LOG" => Action::Log,
        "SCMP_ACT_NOTIFY" => return err("SCMP_ACT_NOTIFY is not supported (no listener)".into()),
        other => return err(format!("unknown action {other:?}")),
    })
}

fn op(name: &str) -> Result<Op, ProfileError> {
    Ok(match name {
        "SCMP_CMP_NE" => Op::Ne,
        "SCMP_CMP_LT" => Op::Lt,
        "SCMP_CMP_LE" => Op::Le,
        "SCMP_CMP_EQ" => Op::Eq,
        "SCMP_CMP_GE" => Op::Ge,
        "SCMP_CMP_GT" => Op::Gt,
        "SCMP_CMP_MASKED_EQ" => Op::MaskedEq,
        other => return err(format!("unknown argument comparison {other:?}")),
    })
}

fn kernel_version(s: &str) -> Result<(u32, u32), ProfileError> {
    let mut it = s.split('.').map(str::parse::<u32>);
    match (it.next(), it.next()) {
        (Some(Ok(a)), Some(Ok(b))) => Ok((a, b)),
        (Some(Ok(a)), None) => Ok((a, 0)),
        _ => err(format!("invalid minKernel {s:?}")),
    }
}

/// The Go name of an architecture (what `includes.arches` says), from Rust's.
pub fn go_arch(rust_arch: &str) -> &str {
    match rust_arch {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// Reads a profile for the architecture whose Go name is `go_arch`. `syscall` and `cap` map
/// names to numbers (`cap` takes the name without `CAP_`).
pub fn parse(
    json: &str,
    go_arch: &str,
    syscall: &dyn Fn(&str) -> Option<u32>,
    cap: &dyn Fn(&str) -> Option<u8>,
) -> Result<Profile, ProfileError> {
    let file: File =
        serde_json::from_str(json).map_err(|e| ProfileError(format!("invalid JSON: {e}")))?;
    if file.listener_path.is_some_and(|p| !p.is_empty()) {
        return err("listenerPath is not supported".into());
    }
    if let Some(f) = file.flags.filter(|f| !f.is_empty()) {
        return err(format!("filter flags are not supported: {}", f.join(", ")));
    }
    let caps = |list: &Option<Vec<String>>| -> Result<u64, ProfileError> {
        let mut bits = 0u64;
        for c in list.iter().flatten() {
            match cap(c.strip_prefix("CAP_").unwrap_or(c)) {
                Some(n) => bits |= 1 << n,
                None => return err(format!("unknown capability {c:?}")),
            }
        }
        Ok(bits)
    };
    let mut rules = Vec::new();
    for e in file.syscalls.unwrap_or_default() {
        let action = action(&e.action, e.errno_ret)?;
        let args = e
            .args
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                if a.index > 5 {
                    return err(format!("argument index {} is out of range 0-5", a.index));
                }
                Ok(Cond {
                    index: a.index,
                    op: op(&a.op)?,
                    value: a.value,
                    value_two: a.value_two,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if args.len() > 6 {
            return err(format!(
                "{} argument conditions in one rule: at most 6",
                args.len()
            ));
        }
        let (caps_all, caps_none) = (caps(&e.includes.caps)?, caps(&e.excludes.caps)?);
        let min_kernel = e
            .includes
            .min_kernel
            .as_deref()
            .map(kernel_version)
            .transpose()?;
        let max_kernel = e
            .excludes
            .min_kernel
            .as_deref()
            .map(kernel_version)
            .transpose()?;
        let arch_in = |l: &Option<Vec<String>>| l.iter().flatten().any(|a| a == go_arch);
        let included = e.includes.arches.as_ref().is_none_or(|l| l.is_empty());
        if !(included || arch_in(&e.includes.arches)) || arch_in(&e.excludes.arches) {
            continue;
        }
        let names = e.names.iter().flatten().chain(&e.name);
        let mut nrs: Vec<u32> = names.filter_map(|n| syscall(n)).collect();
        nrs.sort_unstable();
        nrs.dedup();
        if nrs.is_empty() {
            continue;
        }
        rules.push(Rule {
            nrs: nrs.into(),
            action,
            args: args.into(),
            caps_all,
            caps_none,
            min_kernel,
            max_kernel,
        });
    }
    Ok(Profile {
        default: action(&file.default_action, file.default_errno_ret)?,
        rules: rules.into(),
    })
}
