//! The compiled default table compared, call by call and capability set by capability set,
//! with the profile Debian installs with Podman (`/usr/share/containers/seccomp.json`), and the
//! differences rpod makes on purpose, each checked to be still real.

use serde_json::Value;

use super::*;

/// What Podman's profile file says for one call, read straight from its JSON.
struct Expected<'a> {
    default: u32,
    entries: Vec<&'a Value>,
}

fn json_action(e: &Value, errno_key: &str) -> u32 {
    let errno = e[errno_key].as_u64().unwrap_or(1) as u32;
    let action = e["action"]
        .as_str()
        .or(e["defaultAction"].as_str())
        .unwrap();
    match action {
        "SCMP_ACT_ALLOW" => ALLOW,
        "SCMP_ACT_ERRNO" => libc::SECCOMP_RET_ERRNO | errno,
        other => panic!("the test knows ALLOW and ERRNO, not {other}"),
    }
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

impl<'a> Expected<'a> {
    fn new(file: &'a Value, call: &str, caps: CapSet, arch: &str) -> Expected<'a> {
        let held = |c: &str| caps.contains(caps::number(c).unwrap());
        let entries = file["syscalls"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| names(&e["names"]).contains(&call))
            .filter(|e| {
                let inc_arch = names(&e["includes"]["arches"]);
                (inc_arch.is_empty() || inc_arch.contains(&arch))
                    && !names(&e["excludes"]["arches"]).contains(&arch)
                    && names(&e["includes"]["caps"]).into_iter().all(held)
                    && !names(&e["excludes"]["caps"]).into_iter().any(held)
                    && e["includes"]["minKernel"].is_null()
                    && e["excludes"]["minKernel"].is_null()
            })
            .collect();
        Expected {
            default: json_action(file, "defaultErrnoRet"),
            entries,
        }
    }

    fn args(e: &Value) -> &[Value] {
        e["args"].as_array().map(Vec::as_slice).unwrap_or(&[])
    }

    fn answer(&self, args: &[u64; 6]) -> u32 {
        if let Some(e) = self.entries.iter().find(|e| Self::args(e).is_empty()) {
            return json_action(e, "errnoRet");
        }
        let holds = |c: &Value| {
            let (a, v) = (
                args[c["index"].as_u64().unwrap() as usize],
                c["value"].as_u64().unwrap(),
            );
            match c["op"].as_str().unwrap() {
                "SCMP_CMP_EQ" => a == v,
                "SCMP_CMP_NE" => a != v,
                "SCMP_CMP_MASKED_EQ" => a & v == c["valueTwo"].as_u64().unwrap(),
                op => panic!("the test knows EQ, NE, MASKED_EQ, not {op}"),
            }
        };
        self.entries
            .iter()
            .find(|e| Self::args(e).iter().all(holds))
            .map_or(self.default, |e| json_action(e, "errnoRet"))
    }

    /// Argument vectors around every value the entries compare with.
    fn samples(&self) -> Vec<[u64; 6]> {
        let mut per_index: [Vec<u64>; 6] = Default::default();
        for c in self.entries.iter().flat_map(|e| Self::args(e)) {
            let v = c["value"].as_u64().unwrap();
            let i = c["index"].as_u64().unwrap() as usize;
            per_index[i].extend([v, v.wrapping_add(1), v.wrapping_sub(1), v | 1 << 32]);
        }
        let mut out = vec![[0u64; 6]];
        for (i, values) in per_index.iter().enumerate() {
            out = out
                .iter()
                .flat_map(|a| {
                    values.iter().map(move |&v| {
                        let mut b = *a;
                        b[i] = v;
                        b
                    })
                })
                .chain(out.iter().copied())
                .collect();
        }
        out
    }
}

/// What rpod does differently from Podman's profile, on purpose. The test checks that each is
/// still a difference (so the list stays true) and that there is no other.
#[cfg(target_arch = "x86_64")]
const DELIBERATE: &[&str] = &[
    "archMap: Podman lets the i386 (SCMP_ARCH_X86) and x32 (SCMP_ARCH_X32) ABIs through as \
     sub-architectures of x86-64; rpod refuses both (EPERM), as before",
];
#[cfg(target_arch = "aarch64")]
const DELIBERATE: &[&str] = &[
    "archMap: Podman lets the 32-bit ARM ABI (SCMP_ARCH_ARM) through as a sub-architecture of \
     aarch64; rpod refuses it (EPERM), as it refuses i386 and x32 on x86-64",
];

/// The native architecture in Podman's archMap, and the sub-architectures it lets through
/// there (the difference of [`DELIBERATE`]).
#[cfg(target_arch = "x86_64")]
const PODMAN_ARCH: (&str, &[&str]) = ("SCMP_ARCH_X86_64", &["SCMP_ARCH_X86", "SCMP_ARCH_X32"]);
#[cfg(target_arch = "aarch64")]
const PODMAN_ARCH: (&str, &[&str]) = ("SCMP_ARCH_AARCH64", &["SCMP_ARCH_ARM"]);

#[test]
fn default_table_matches_podmans_installed_profile() {
    let path = "/usr/share/containers/seccomp.json";
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (install Debian's golang-github-containers-common)")
    });
    let file: Value = serde_json::from_str(&text).unwrap();
    let arch = seccomp::profile::go_arch(std::env::consts::ARCH);

    // Capability sets: Podman's default, plus each capability the profile names, and all.
    let mut sets = vec![CapSet::podman_default(), CapSet::ALL];
    for e in file["syscalls"].as_array().unwrap() {
        for c in names(&e["includes"]["caps"])
            .into_iter()
            .chain(names(&e["excludes"]["caps"]))
        {
            sets.push(CapSet::podman_default().with(caps::number(c).unwrap()));
        }
    }

    let mut differences = Vec::new();
    let mut compared = 0;
    for caps in sets {
        let prog = program(&DEFAULT, caps);
        for &(call, nr) in seccomp::SYSCALLS {
            let want = Expected::new(&file, call, caps, arch);
            for args in want.samples() {
                compared += 1;
                let (w, g) = (want.answer(&args), ask(&prog, nr, args));
                if w != g {
                    differences.push(format!(
                        "{call} {args:x?} caps {:#x}: {w:#x} vs {g:#x}",
                        caps.0
                    ));
                }
            }
        }
    }
    assert!(
        differences.is_empty(),
        "rpod differs from {path}:\n{}",
        differences.join("\n")
    );

    // The deliberate differences, each still real.
    let (native, foreign) = PODMAN_ARCH;
    let native = file["archMap"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["architecture"] == native)
        .unwrap_or_else(|| panic!("Podman's profile maps {native}"));
    let subs = names(&native["subArchitectures"]);
    assert!(foreign.iter().all(|f| subs.contains(f)), "{DELIBERATE:?}");
    foreign_abis_are_refused();
    eprintln!(
        "{compared} (call, capabilities, arguments) cases agree with {path}; on purpose: {}",
        DELIBERATE.join("; ")
    );
}
