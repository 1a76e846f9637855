//! The compiler checked through the emulator: 64-bit comparisons, long jumps, foreign ABIs,
//! capabilities; and the compiled default table compared, call by call, with the profile
//! Debian installs with Podman (`/usr/share/containers/seccomp.json`).

use std::borrow::Cow;

use serde_json::Value;

use super::bpf::{self, FOREIGN_ABI, NATIVE_ARCH};
use super::emulator::run;
use super::program;
use crate::spec::caps::{self, CapSet};
use crate::spec::seccomp::{self, syscall_number, Action, Cond, Op, Profile, Rule, DEFAULT};

const ALLOW: u32 = libc::SECCOMP_RET_ALLOW;
const ENOSYS: u32 = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;
const EPERM: u32 = libc::SECCOMP_RET_ERRNO | libc::EPERM as u32;

fn rule(nrs: Vec<u32>, action: Action, args: Vec<Cond>) -> Rule {
    Rule {
        nrs: nrs.into(),
        action,
        args: args.into(),
        caps_all: 0,
        caps_none: 0,
        min_kernel: None,
        max_kernel: None,
    }
}

fn profile(rules: Vec<Rule>) -> Profile {
    Profile {
        default: Action::Errno(libc::ENOSYS as u16),
        rules: Cow::Owned(rules),
    }
}

fn nr(name: &str) -> u32 {
    syscall_number(name).unwrap_or_else(|| panic!("{name} on this arch"))
}

fn ask(p: &[bpf::Insn], nr: u32, args: [u64; 6]) -> u32 {
    run(p, NATIVE_ARCH, nr, args)
}

#[test]
fn comparisons_use_both_halves_of_64_bit_arguments() {
    let v: u64 = 0x1_0000_0005;
    let samples = [
        0,
        4,
        5,
        6,
        0x1_0000_0004,
        v,
        0x1_0000_0006,
        0x2_0000_0005,
        0x0_ffff_ffff,
        u64::MAX,
    ];
    let ops = [Op::Ne, Op::Lt, Op::Le, Op::Eq, Op::Ge, Op::Gt, Op::MaskedEq];
    for op in ops {
        let c = Cond {
            index: 2,
            op,
            value: if op == Op::MaskedEq { 0xf_0000_000f } else { v },
            value_two: 0x1_0000_0005,
        };
        let p = bpf::compile(
            &profile(vec![rule(vec![7], Action::Allow, vec![c])]),
            0,
            (0, 0),
        );
        for a in samples {
            let want = match op {
                Op::Ne => a != v,
                Op::Lt => a < v,
                Op::Le => a <= v,
                Op::Eq => a == v,
                Op::Ge => a >= v,
                Op::Gt => a > v,
                Op::MaskedEq => a & 0xf_0000_000f == 0x1_0000_0005,
            };
            let got = ask(&p, 7, [0, 0, a, 0, 0, 0]);
            assert_eq!(got == ALLOW, want, "{op:?} {a:#x}");
            assert!(got == ALLOW || got == ENOSYS);
        }
    }
}

#[test]
fn conditions_of_a_rule_are_anded_and_rules_tried_in_order() {
    let eq = |index, value| Cond {
        index,
        op: Op::Eq,
        value,
        value_two: 0,
    };
    let p = profile(vec![
        rule(vec![41], Action::Errno(22), vec![eq(0, 16), eq(2, 9)]),
        rule(vec![41], Action::Allow, vec![eq(0, 16)]),
        rule(vec![41], Action::Errno(13), vec![eq(1, 1)]),
    ]);
    let p = bpf::compile(&p, 0, (0, 0));
    let ret = |a0, a1, a2| ask(&p, 41, [a0, a1, a2, 0, 0, 0]) & 0xffff;
    assert_eq!(ret(16, 0, 9), 22);
    assert_eq!(ret(16, 1, 0), 0, "allowed by the second rule");
    assert_eq!(ret(2, 1, 9), 13);
    assert_eq!(ret(2, 0, 9), libc::ENOSYS as u32);
}

#[test]
fn long_programs_jump_over_long_subtrees() {
    // 400 calls with argument filters: subtrees far longer than an 8-bit jump reaches.
    let cond = |value| Cond {
        index: 0,
        op: Op::Eq,
        value,
        value_two: 0,
    };
    let rules = (0..400)
        .map(|n| {
            rule(
                vec![2 * n],
                Action::Errno(n as u16 + 1),
                vec![cond(u64::from(n))],
            )
        })
        .collect();
    let p = bpf::compile(&profile(rules), 0, (0, 0));
    for n in 0..400u32 {
        let args = [u64::from(n), 0, 0, 0, 0, 0];
        assert_eq!(
            ask(&p, 2 * n, args),
            libc::SECCOMP_RET_ERRNO | (n + 1),
            "nr {}",
            2 * n
        );
        assert_eq!(ask(&p, 2 * n, [9999, 0, 0, 0, 0, 0]), ENOSYS);
        assert_eq!(ask(&p, 2 * n + 1, args), ENOSYS);
    }
    assert!(p.len() > 2000);
    let ja = (libc::BPF_JMP | libc::BPF_JA) as u16;
    assert!(p.iter().any(|i| i.code == ja), "long jumps were needed");
}

#[test]
fn foreign_abis_are_refused() {
    let p = program(&DEFAULT, CapSet::podman_default());
    let foreign = bpf::ret_value(FOREIGN_ABI);
    const AUDIT_ARCH_I386: u32 = 0x4000_0003;
    assert_eq!(run(&p, AUDIT_ARCH_I386, 20, [0; 6]), foreign);
    assert_eq!(ask(&p, nr("getpid"), [0; 6]), ALLOW);
    if let Some(x32) = bpf::FOREIGN_NR_FROM {
        assert_eq!(ask(&p, x32 + nr("getpid"), [0; 6]), foreign);
    }
}

#[test]
fn default_profile_decisions() {
    let p = program(&DEFAULT, CapSet::podman_default());
    let ask0 = |name: &str| ask(&p, nr(name), [0; 6]);
    for allowed in [
        "read", "clone", "clone3", "unshare", "setns", "mount", "keyctl", "chroot",
    ] {
        assert_eq!(ask0(allowed), ALLOW, "{allowed}");
    }
    for eperm in [
        "vmsplice",
        "move_pages",
        "migrate_pages",
        "process_madvise",
        "kcmp",
        "bpf",
    ] {
        assert_eq!(ask0(eperm), EPERM, "{eperm}");
    }
    for enosys in ["io_uring_setup", "io_uring_enter", "add_key", "request_key"] {
        assert_eq!(ask0(enosys), ENOSYS, "{enosys}");
    }
    assert_eq!(ask(&p, 1000, [0; 6]), ENOSYS);
    let personality = |v| ask(&p, nr("personality"), [v, 0, 0, 0, 0, 0]);
    for ok in [0, 8, 0x20000, 0x20008, 0xffff_ffff] {
        assert_eq!(personality(ok), ALLOW, "personality {ok:#x}");
    }
    assert_eq!(personality(0x0040000), ENOSYS);
    assert_eq!(personality(0x1_0000_0000), ENOSYS, "the high half counts");
    let socket = |d, p| {
        ask(
            &program(&DEFAULT, CapSet::podman_default()),
            nr("socket"),
            [d, 3, p, 0, 0, 0],
        )
    };
    assert_eq!(socket(16, 9), libc::SECCOMP_RET_ERRNO | libc::EINVAL as u32);
    assert_eq!(socket(16, 0), ALLOW);
    assert_eq!(socket(2, 9), ALLOW);
    let audit = CapSet::podman_default().with(caps::number("AUDIT_WRITE").unwrap());
    assert_eq!(
        ask(&program(&DEFAULT, audit), nr("socket"), [16, 3, 9, 0, 0, 0]),
        ALLOW
    );
    let ptrace = CapSet::podman_default().with(caps::number("SYS_PTRACE").unwrap());
    assert_eq!(ask(&program(&DEFAULT, ptrace), nr("kcmp"), [0; 6]), ALLOW);
    let no_chroot = CapSet::podman_default().without(caps::number("SYS_CHROOT").unwrap());
    assert_eq!(
        ask(&program(&DEFAULT, no_chroot), nr("chroot"), [0; 6]),
        EPERM
    );
}

#[test]
fn profile_files_are_checked() {
    let bad = |json: &str| seccomp::parse(json).unwrap_err().0;
    assert!(bad("{").starts_with("invalid JSON"));
    assert_eq!(
        bad(r#"{"defaultAction":"SCMP_ACT_NOPE"}"#),
        "unknown action \"SCMP_ACT_NOPE\""
    );
    let cap = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["kcmp"],
        "action":"SCMP_ACT_ERRNO","includes":{"caps":["CAP_NOPE"]}}]}"#;
    assert_eq!(bad(cap), "unknown capability \"CAP_NOPE\"");
    let p = seccomp::parse(
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat","no_such_call"],
            "action":"SCMP_ACT_ERRNO"},{"names":["getpid"],"action":"SCMP_ACT_ERRNO","errnoRet":5,
            "excludes":{"arches":["amd64","arm64"]}}]}"#,
    )
    .unwrap();
    assert_eq!(p.default, Action::Allow);
    assert_eq!(p.rules.len(), 1, "the other rule excludes this arch");
    assert_eq!(p.rules[0].action, Action::Errno(libc::EPERM as u16));
    assert!(p.rules[0].nrs.contains(&nr("mkdirat")));
}

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
const DELIBERATE: &[&str] = &[
    "archMap: Podman lets the i386 (SCMP_ARCH_X86) and x32 (SCMP_ARCH_X32) ABIs through as \
     sub-architectures of x86-64; rpod refuses both (EPERM), as before",
];

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
    let x86_64 = file["archMap"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["architecture"] == "SCMP_ARCH_X86_64")
        .expect("Podman's profile maps x86-64");
    let subs = names(&x86_64["subArchitectures"]);
    assert!(
        subs.contains(&"SCMP_ARCH_X86") && subs.contains(&"SCMP_ARCH_X32"),
        "{DELIBERATE:?}"
    );
    if cfg!(target_arch = "x86_64") {
        foreign_abis_are_refused();
    }
    eprintln!(
        "{compared} (call, capabilities, arguments) cases agree with {path}; on purpose: {}",
        DELIBERATE.join("; ")
    );
}
