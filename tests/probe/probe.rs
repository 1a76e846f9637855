//! `rpod_probe`: what the integration tests run *inside* a container to ask the kernel what the
//! container may do, where busybox has no applet for it (raw system calls, `TIOCSTI`, keyrings,
//! foreign ABIs). Built statically like rpod (see `.cargo/config.toml`), so it runs in any image;
//! the tests bind-mount it read-only at `/probe`. It is a test tool: `scripts/install` does not
//! install it.
//!
//! Each command prints one line a test can compare: `ok` (or a value) when the call succeeded,
//! else the errno's name (`EPERM`, `ENOSYS`...), and exits 0 either way; a usage error exits 2.
//!
//! ```text
//! rpod_probe syscall NAME|NUMBER [ARG...]   raw syscall(2), arguments as integers (0x.. allowed)
//! rpod_probe personality VALUE              personality(VALUE)
//! rpod_probe socket DOMAIN TYPE PROTOCOL    socket(2), then closes it
//! rpod_probe i386 | x32                     getpid through the i386 (int 0x80) or x32 ABI
//! rpod_probe tiocsti PATH                   pushes one byte into the terminal at PATH (- = stdin,
//!                                           fd:N = descriptor N)
//! rpod_probe open PATH                      open(PATH, O_RDWR)
//! rpod_probe session                        "sid=<getsid(0)> pid=<getpid()> tty=<ok|errno>"
//! rpod_probe keyring                        the session keyring's description (keyctl DESCRIBE)
//! rpod_probe fds                            the open descriptors of this process, space-separated
//! rpod_probe ids                            "ruid=<getuid()> euid=<geteuid()> nnp=<0|1>"
//!                                           (nnp: prctl(PR_GET_NO_NEW_PRIVS))
//! rpod_probe keyring-id                     the session keyring's serial number
//! rpod_probe find-key DESC                  the serial of the `user` key DESC that the session
//!                                           keyring leads to (keyctl SEARCH), else the errno
//! rpod_probe with-key DESC -- CMD [ARG...]  joins a new session keyring, adds the `user` key
//!                                           DESC to it and execs CMD (prints nothing itself)
//! rpod_probe swap A B STOP                  exchanges A and B (renameat2 RENAME_EXCHANGE) over
//!                                           and over until STOP exists (at most 5 minutes);
//!                                           creates STOP.running after the first exchange,
//!                                           prints the number of exchanges
//! ```

use std::ffi::CString;
use std::process::ExitCode;

fn errno_name(e: i32) -> String {
    let names = [
        (libc::EPERM, "EPERM"),
        (libc::ENOENT, "ENOENT"),
        (libc::ESRCH, "ESRCH"),
        (libc::EIO, "EIO"),
        (libc::ENXIO, "ENXIO"),
        (libc::EBADF, "EBADF"),
        (libc::ENOMEM, "ENOMEM"),
        (libc::EACCES, "EACCES"),
        (libc::EFAULT, "EFAULT"),
        (libc::EBUSY, "EBUSY"),
        (libc::EEXIST, "EEXIST"),
        (libc::ENODEV, "ENODEV"),
        (libc::ENOTDIR, "ENOTDIR"),
        (libc::EINVAL, "EINVAL"),
        (libc::ENOTTY, "ENOTTY"),
        (libc::EROFS, "EROFS"),
        (libc::ENOSYS, "ENOSYS"),
        (libc::EOPNOTSUPP, "EOPNOTSUPP"),
        (libc::EAFNOSUPPORT, "EAFNOSUPPORT"),
        (libc::EPROTONOSUPPORT, "EPROTONOSUPPORT"),
        (libc::ENOKEY, "ENOKEY"),
        (libc::EKEYREVOKED, "EKEYREVOKED"),
    ];
    names
        .iter()
        .find(|(n, _)| *n == e)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| format!("errno {e}"))
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `ok` for a non-negative result, else the errno's name.
fn outcome(r: libc::c_long) -> String {
    if r >= 0 {
        "ok".into()
    } else {
        errno_name(last_errno())
    }
}

fn int(s: &str) -> Option<libc::c_long> {
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok().map(|v| v as libc::c_long),
        None => s
            .parse::<libc::c_long>()
            .ok()
            .or_else(|| s.parse::<u64>().ok().map(|v| v as libc::c_long)),
    }
}

/// The system calls the tests name (x86-64 and aarch64 numbers come from libc).
fn syscall_number(name: &str) -> Option<libc::c_long> {
    let table: &[(&str, libc::c_long)] = &[
        ("getpid", libc::SYS_getpid),
        ("io_uring_setup", libc::SYS_io_uring_setup),
        ("io_uring_enter", libc::SYS_io_uring_enter),
        ("io_uring_register", libc::SYS_io_uring_register),
        ("vmsplice", libc::SYS_vmsplice),
        ("move_pages", libc::SYS_move_pages),
        ("migrate_pages", libc::SYS_migrate_pages),
        ("process_madvise", libc::SYS_process_madvise),
        ("add_key", libc::SYS_add_key),
        ("request_key", libc::SYS_request_key),
        ("keyctl", libc::SYS_keyctl),
        ("kexec_load", libc::SYS_kexec_load),
        ("init_module", libc::SYS_init_module),
        ("bpf", libc::SYS_bpf),
        ("perf_event_open", libc::SYS_perf_event_open),
        ("unshare", libc::SYS_unshare),
        ("setns", libc::SYS_setns),
        ("mount", libc::SYS_mount),
        ("chroot", libc::SYS_chroot),
        ("clock_settime", libc::SYS_clock_settime),
        ("userfaultfd", libc::SYS_userfaultfd),
        ("open_by_handle_at", libc::SYS_open_by_handle_at),
        ("kcmp", libc::SYS_kcmp),
        ("acct", libc::SYS_acct),
        ("swapon", libc::SYS_swapon),
        ("clone3", libc::SYS_clone3),
        ("getcpu", libc::SYS_getcpu),
        ("close_range", libc::SYS_close_range),
        ("pidfd_open", libc::SYS_pidfd_open),
        ("openat2", libc::SYS_openat2),
        ("fsopen", libc::SYS_fsopen),
    ];
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, nr)| *nr)
        .or_else(|| int(name))
}

fn raw_syscall(nr: libc::c_long, a: &[libc::c_long]) -> libc::c_long {
    let arg = |i: usize| a.get(i).copied().unwrap_or(0);
    // SAFETY: the tests pass arguments the kernel validates; pointers are only ever 0 here.
    unsafe { libc::syscall(nr, arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)) }
}

#[cfg(target_arch = "x86_64")]
fn foreign_abi(which: &str) -> String {
    let r: i64;
    match which {
        "i386" => {
            // getpid is 20 in the i386 table.
            // SAFETY: int 0x80 with a syscall that takes no arguments.
            unsafe {
                std::arch::asm!("int 0x80", inlateout("rax") 20i64 => r, options(nostack));
            }
        }
        _ => {
            // getpid is 39 in the x32 table too, with the x32 bit set.
            // SAFETY: a syscall that takes no arguments.
            unsafe {
                std::arch::asm!("syscall", inlateout("rax") 0x4000_0000i64 + 39 => r,
                    out("rcx") _, out("r11") _, options(nostack));
            }
        }
    }
    if r >= 0 {
        "ok".into()
    } else {
        errno_name(-r as i32)
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn foreign_abi(_which: &str) -> String {
    "unsupported".into()
}

fn tiocsti(path: &str) -> String {
    let fd = if path == "-" {
        0
    } else if let Some(n) = path.strip_prefix("fd:").and_then(|n| n.parse().ok()) {
        n
    } else {
        let c = CString::new(path).unwrap();
        // SAFETY: a valid C string.
        let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDWR | libc::O_NOCTTY) };
        if fd < 0 {
            return format!("open {}", errno_name(last_errno()));
        }
        fd
    };
    let byte: libc::c_char = b'#' as libc::c_char;
    // SAFETY: TIOCSTI reads one byte from the pointer.
    outcome(unsafe { libc::ioctl(fd, libc::TIOCSTI, &byte) } as libc::c_long)
}

fn open_rw(path: &str) -> String {
    let c = CString::new(path).unwrap();
    // SAFETY: a valid C string.
    outcome(unsafe { libc::open(c.as_ptr(), libc::O_RDWR | libc::O_NOCTTY) } as libc::c_long)
}

fn session() -> String {
    // SAFETY: plain queries.
    let (sid, pid) = unsafe { (libc::getsid(0), libc::getpid()) };
    let tty = open_rw("/dev/tty");
    format!("sid={sid} pid={pid} tty={tty}")
}

fn keyring() -> String {
    const KEYCTL_DESCRIBE: libc::c_long = 6;
    const KEY_SPEC_SESSION_KEYRING: libc::c_long = -3;
    let mut buf = vec![0u8; 512];
    let r = raw_syscall(
        libc::SYS_keyctl,
        &[
            KEYCTL_DESCRIBE,
            KEY_SPEC_SESSION_KEYRING,
            buf.as_mut_ptr() as libc::c_long,
            buf.len() as libc::c_long,
        ],
    );
    if r < 0 {
        return errno_name(last_errno());
    }
    let n = (r as usize).min(buf.len());
    String::from_utf8_lossy(&buf[..n])
        .trim_end_matches('\0')
        .to_string()
}

const KEY_SPEC_SESSION_KEYRING: libc::c_long = -3;

fn keyring_id() -> String {
    const KEYCTL_GET_KEYRING_ID: libc::c_long = 0;
    let r = raw_syscall(
        libc::SYS_keyctl,
        &[KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0],
    );
    if r < 0 {
        errno_name(last_errno())
    } else {
        r.to_string()
    }
}

fn find_key(desc: &str) -> String {
    const KEYCTL_SEARCH: libc::c_long = 10;
    let (kind, desc) = (CString::new("user").unwrap(), CString::new(desc).unwrap());
    let r = raw_syscall(
        libc::SYS_keyctl,
        &[
            KEYCTL_SEARCH,
            KEY_SPEC_SESSION_KEYRING,
            kind.as_ptr() as libc::c_long,
            desc.as_ptr() as libc::c_long,
            0,
        ],
    );
    if r < 0 {
        errno_name(last_errno())
    } else {
        r.to_string()
    }
}

/// Joins a new session keyring, adds the key, execs `cmd`; returns only on failure.
fn with_key(desc: &str, cmd: &[&str]) -> String {
    const KEYCTL_JOIN_SESSION_KEYRING: libc::c_long = 1;
    if raw_syscall(libc::SYS_keyctl, &[KEYCTL_JOIN_SESSION_KEYRING, 0]) < 0 {
        return format!("join {}", errno_name(last_errno()));
    }
    let (kind, desc) = (CString::new("user").unwrap(), CString::new(desc).unwrap());
    let secret = b"rpod-probe-secret";
    let r = raw_syscall(
        libc::SYS_add_key,
        &[
            kind.as_ptr() as libc::c_long,
            desc.as_ptr() as libc::c_long,
            secret.as_ptr() as libc::c_long,
            secret.len() as libc::c_long,
            KEY_SPEC_SESSION_KEYRING,
        ],
    );
    if r < 0 {
        return format!("add_key {}", errno_name(last_errno()));
    }
    let argv: Vec<CString> = cmd.iter().map(|a| CString::new(*a).unwrap()).collect();
    let mut ptrs: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    ptrs.push(std::ptr::null());
    // SAFETY: a null-terminated argv of valid C strings.
    unsafe { libc::execvp(ptrs[0], ptrs.as_ptr()) };
    format!("exec {}", errno_name(last_errno()))
}

/// Who this process runs as, and whether no_new_privs is set: what a setuid copy of the
/// probe shows about `--security-opt no-new-privileges`.
fn ids() -> String {
    // SAFETY: getuid, geteuid and prctl(PR_GET_NO_NEW_PRIVS) only query this process.
    let (ruid, euid, nnp) = unsafe {
        (
            libc::getuid(),
            libc::geteuid(),
            libc::prctl(libc::PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
        )
    };
    format!("ruid={ruid} euid={euid} nnp={nnp}")
}

fn fds() -> String {
    let mut fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    fds.sort();
    // The directory's own descriptor is open while it is read: leave it out.
    let listed: Vec<String> = fds
        .iter()
        .filter(|&&fd| {
            std::fs::read_link(format!("/proc/self/fd/{fd}")).is_ok()
                // SAFETY: fcntl on a descriptor number only queries it.
                && unsafe { libc::fcntl(fd, libc::F_GETFD) } >= 0
        })
        .map(|fd| fd.to_string())
        .collect();
    listed.join(" ")
}

/// Races a mount: `A` and `B` trade places as fast as the kernel allows (the attack on
/// CVE-2021-30465 swaps a directory and a symlink like this).
fn swap(a: &str, b: &str, stop: &str) -> String {
    let (ca, cb) = (CString::new(a).unwrap(), CString::new(b).unwrap());
    let running = format!("{stop}.running");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut n: u64 = 0;
    loop {
        // SAFETY: two valid C strings; renameat2 only renames.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r != 0 {
            return errno_name(last_errno());
        }
        n += 1;
        if n == 1 {
            let _ = std::fs::write(&running, "");
        }
        if n.is_multiple_of(256)
            && (std::path::Path::new(stop).exists() || std::time::Instant::now() > deadline)
        {
            return n.to_string();
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let ints = |v: &[&str]| v.iter().map(|s| int(s)).collect::<Option<Vec<_>>>();
    let line = match a.as_slice() {
        ["syscall", name, rest @ ..] => match (syscall_number(name), ints(rest)) {
            (Some(nr), Some(v)) => outcome(raw_syscall(nr, &v)),
            _ => return usage(),
        },
        ["personality", v] => match int(v) {
            Some(v) => outcome(raw_syscall(libc::SYS_personality, &[v])),
            None => return usage(),
        },
        ["socket", d, t, p] => match ints(&[d, t, p]) {
            Some(v) => {
                let r = raw_syscall(libc::SYS_socket, &v);
                if r >= 0 {
                    // SAFETY: the descriptor just returned.
                    unsafe { libc::close(r as i32) };
                }
                outcome(r)
            }
            None => return usage(),
        },
        [abi @ ("i386" | "x32")] => foreign_abi(abi),
        ["tiocsti", path] => tiocsti(path),
        ["open", path] => open_rw(path),
        ["session"] => session(),
        ["keyring"] => keyring(),
        ["fds"] => fds(),
        ["ids"] => ids(),
        ["keyring-id"] => keyring_id(),
        ["find-key", desc] => find_key(desc),
        ["with-key", desc, "--", cmd @ ..] if !cmd.is_empty() => with_key(desc, cmd),
        ["swap", a, b, stop] => swap(a, b, stop),
        _ => return usage(),
    };
    println!("{line}");
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: see the doc comment of tests/probe/probe.rs");
    ExitCode::from(2)
}
