//! The compiler checked through the emulator: 64-bit comparisons, long jumps, foreign ABIs,
//! capabilities; and (`podman_profile.rs`) the compiled default table compared, call by call,
//! with the profile Debian installs with Podman (`/usr/share/containers/seccomp.json`).

use std::borrow::Cow;

use super::bpf::{self, FOREIGN_ABI, NATIVE_ARCH};
use super::emulator::run;
use super::program;
use crate::spec::caps::{self, CapSet};
use crate::spec::seccomp::{self, syscall_number, Action, Cond, Op, Profile, Rule, DEFAULT};

mod podman_profile;

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

/// The 32-bit ABI the native one runs beside: i386 on x86-64, 32-bit ARM on aarch64.
#[cfg(target_arch = "x86_64")]
const FOREIGN_AUDIT_ARCH: u32 = 0x4000_0003; // AUDIT_ARCH_I386
#[cfg(target_arch = "aarch64")]
const FOREIGN_AUDIT_ARCH: u32 = 0x4000_0028; // AUDIT_ARCH_ARM

#[test]
fn foreign_abis_are_refused() {
    let p = program(&DEFAULT, CapSet::podman_default());
    let foreign = bpf::ret_value(FOREIGN_ABI);
    // getpid is 20 in both the i386 and the 32-bit ARM (EABI) tables.
    assert_eq!(run(&p, FOREIGN_AUDIT_ARCH, 20, [0; 6]), foreign);
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
