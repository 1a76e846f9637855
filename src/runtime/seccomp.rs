//! The default seccomp filter: a deny-list that makes the same decisions as Podman's default
//! profile (containers-common's `seccomp.json`) for the system calls that profile restricts —
//! modules, keyrings' `add_key`/`request_key`, clocks, swap, kexec, BPF, perf... fail with
//! `EPERM` unless the container holds the capability that would govern them. Like Podman,
//! `unshare`, `setns`, `mount` and `keyctl` are let through and the kernel decides (a user
//! namespace inside the container works, and mounting in it). Only the native x86-64 ABI is
//! let through. A deny-list rather than Podman's allow-list: a system call newer than the
//! table works here, where Podman answers ENOSYS.
//!
//! The table below is compiled into rpod: building the BPF program is a loop over it, and no
//! profile file is read at run time. `--security-opt seccomp=unconfined` and `--privileged`
//! skip the filter.

use crate::container::caps::{self, CapSet};

use super::{Ctx, SysError};

/// Denied system calls, each with the capability that lifts the denial (`None`: always).
const DENIED: &[(libc::c_long, Option<&str>)] = &[
    (libc::SYS_add_key, None),
    (libc::SYS_request_key, None),
    (libc::SYS_userfaultfd, None),
    (libc::SYS_uselib, None),
    (libc::SYS_ustat, None),
    (libc::SYS_sysfs, None),
    (libc::SYS__sysctl, None),
    (libc::SYS_nfsservctl, None),
    (libc::SYS_afs_syscall, None),
    (libc::SYS_tuxcall, None),
    (libc::SYS_security, None),
    (libc::SYS_swapon, None),
    (libc::SYS_swapoff, None),
    (libc::SYS_quotactl, Some("SYS_ADMIN")),
    (libc::SYS_quotactl_fd, Some("SYS_ADMIN")),
    (libc::SYS_lookup_dcookie, Some("SYS_ADMIN")),
    (libc::SYS_fanotify_init, Some("SYS_ADMIN")),
    (libc::SYS_bpf, Some("SYS_ADMIN")),
    (libc::SYS_perf_event_open, Some("SYS_ADMIN")),
    (libc::SYS_init_module, Some("SYS_MODULE")),
    (libc::SYS_finit_module, Some("SYS_MODULE")),
    (libc::SYS_delete_module, Some("SYS_MODULE")),
    (libc::SYS_kexec_load, None),
    (libc::SYS_kexec_file_load, None),
    (libc::SYS_settimeofday, Some("SYS_TIME")),
    (libc::SYS_clock_settime, Some("SYS_TIME")),
    (libc::SYS_acct, Some("SYS_PACCT")),
    (libc::SYS_open_by_handle_at, Some("DAC_READ_SEARCH")),
    (libc::SYS_iopl, Some("SYS_RAWIO")),
    (libc::SYS_ioperm, Some("SYS_RAWIO")),
    (libc::SYS_vhangup, Some("SYS_TTY_CONFIG")),
    (libc::SYS_kcmp, Some("SYS_PTRACE")),
];

const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const X32_SYSCALL_BIT: u32 = 0x4000_0000;

// Offsets in `struct seccomp_data`.
const OFF_NR: u32 = 0;
const OFF_ARCH: u32 = 4;

fn stmt(code: u32, k: u32) -> libc::sock_filter {
    libc::sock_filter {
        code: code as u16,
        jt: 0,
        jf: 0,
        k,
    }
}

fn jump(code: u32, k: u32, jt: u8, jf: u8) -> libc::sock_filter {
    libc::sock_filter {
        code: code as u16,
        jt,
        jf,
        k,
    }
}

const LD_ABS: u32 = libc::BPF_LD | libc::BPF_W | libc::BPF_ABS;
const JEQ: u32 = libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K;
const JGE: u32 = libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K;
const RET: u32 = libc::BPF_RET | libc::BPF_K;

fn errno(e: i32) -> u32 {
    libc::SECCOMP_RET_ERRNO | (e as u32 & libc::SECCOMP_RET_DATA)
}

/// The BPF program for a container holding `caps`.
pub fn program(caps: CapSet) -> Vec<libc::sock_filter> {
    let held = |name: &str| caps::number(name).is_some_and(|c| caps.contains(c));
    let mut p = vec![
        stmt(LD_ABS, OFF_ARCH),
        jump(JEQ, AUDIT_ARCH_X86_64, 1, 0),
        stmt(RET, errno(libc::EPERM)),
        stmt(LD_ABS, OFF_NR),
        jump(JGE, X32_SYSCALL_BIT, 0, 1),
        stmt(RET, errno(libc::EPERM)),
    ];
    for &(nr, cap) in DENIED {
        if cap.is_some_and(held) {
            continue;
        }
        p.push(jump(JEQ, nr as u32, 0, 1));
        p.push(stmt(RET, errno(libc::EPERM)));
    }
    p.push(stmt(RET, libc::SECCOMP_RET_ALLOW));
    p
}

/// Installs the filter on the calling process (inherited by everything it execs).
pub fn install(caps: CapSet) -> Result<(), SysError> {
    let filter = program(caps);
    let prog = libc::sock_fprog {
        len: filter.len() as u16,
        filter: filter.as_ptr() as *mut _,
    };
    // SAFETY: `prog` points at `filter`, alive for the call; the kernel copies the program.
    let r = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &prog as *const libc::sock_fprog,
            0,
            0,
        )
    };
    nix::errno::Errno::result(r)
        .map(drop)
        .ctx(|| "installing the seccomp filter".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_lift_denials() {
        let default = program(CapSet::podman_default());
        let admin = program(CapSet::podman_default().with(caps::number("SYS_ADMIN").unwrap()));
        // Two instructions per call that CAP_SYS_ADMIN would let through.
        let sys_admin_calls = DENIED
            .iter()
            .filter(|(_, c)| *c == Some("SYS_ADMIN"))
            .count();
        assert_eq!(default.len() - admin.len(), 2 * sys_admin_calls);
        assert!(default.len() < 256, "jump offsets fit in u8");
        assert_eq!(default.last().unwrap().k, libc::SECCOMP_RET_ALLOW);
    }
}
