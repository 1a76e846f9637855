//! Starting a helper program (`newuidmap`, `newgidmap`) that must wait for rpod's word before
//! it runs, without copying rpod's address space.
//!
//! `fork` copies rpod's page tables only for the child to throw them away at `execve`; on
//! `rpod run`'s start-up path, with both cores busy, that is time the user waits for. Like
//! `posix_spawn`, this clones with `CLONE_VM`: the child runs on a small stack of its own in
//! rpod's memory and does nothing but system calls on data prepared before the clone. Unlike
//! `posix_spawn` it does not suspend rpod until the `execve` (`CLONE_VFORK`), because the child
//! first waits for a byte that rpod writes later.
//!
//! [`clone_on_stack`], the clone itself, also starts the container's network namespace helper
//! (see `network`).

use std::ffi::CString;
use std::os::fd::{AsRawFd, BorrowedFd};

use nix::errno::Errno;
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::Pid;

/// The children make a few system calls; they need a page or two of this (left untouched, and
/// so unallocated, otherwise).
const STACK_SIZE: usize = 32 * 1024;

/// A child waiting to exec, or exec'd. Its stack and arguments live in rpod's memory, so they
/// are freed only once [`Waiting::wait`] has seen the child exit; dropped before that, they
/// are leaked instead (a few kilobytes, on an error path).
pub struct Waiting {
    pub pid: Pid,
    memory: Option<ChildMemory>,
    reaped: bool,
}

/// What the child uses of rpod's memory until it execs.
struct ChildMemory {
    _stack: Vec<u8>,
    _args: Box<ChildArgs>,
    _argv: Vec<CString>,
}

impl Waiting {
    /// Waits for the child to exit.
    pub fn wait(mut self) -> nix::Result<WaitStatus> {
        let status = waitpid(self.pid, None);
        self.reaped = status.is_ok();
        status
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if !self.reaped {
            // The child may still run on this stack: never hand it back to the allocator.
            std::mem::forget(self.memory.take());
        }
    }
}

/// What the child reads; built before the clone and never changed after it.
struct ChildArgs {
    go: libc::c_int,
    go_writer: libc::c_int,
    stderr: libc::c_int,
    argv: Vec<*const libc::c_char>,
}

/// Starts `argv[0]` (a path) with `argv`: the child closes its copy of `go_writer`, waits for
/// one byte on `go`, points its stderr at `stderr` and execs; EOF on `go` makes it exit 1.
///
/// # Safety
/// rpod must be single-threaded. The caller's descriptors must stay open until this returns.
pub unsafe fn spawn_on_go(
    argv: Vec<CString>,
    go: BorrowedFd,
    go_writer: BorrowedFd,
    stderr: BorrowedFd,
) -> nix::Result<Waiting> {
    let mut pointers: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    pointers.push(std::ptr::null());
    let args = Box::new(ChildArgs {
        go: go.as_raw_fd(),
        go_writer: go_writer.as_raw_fd(),
        stderr: stderr.as_raw_fd(),
        argv: pointers,
    });
    // SAFETY: `child` only makes system calls with what `args` holds; `args`, `argv` and the
    // stack are moved into the returned value, which the caller keeps until the child exits.
    let (pid, stack) = unsafe {
        clone_on_stack(
            child,
            (&*args as *const ChildArgs).cast_mut().cast(),
            libc::CLONE_VM,
        )
    }?;
    Ok(Waiting {
        pid,
        memory: Some(ChildMemory {
            _stack: stack,
            _args: args,
            _argv: argv,
        }),
        reaped: false,
    })
}

/// Clones a child that runs `f(arg)` on a stack of its own, [`STACK_SIZE`] bytes of the
/// caller's memory, and sends SIGCHLD when it exits. Returns its pid and that stack, which
/// must outlive the child. `flags` say what the child shares: `CLONE_VM` (required: the
/// stack is in the caller's memory), perhaps `CLONE_FILES`.
///
/// # Safety
/// The caller must be single-threaded. Sharing rpod's memory, `f` may only make system calls
/// on data that outlives the child: no allocation, no locks.
pub unsafe fn clone_on_stack(
    f: extern "C" fn(*mut libc::c_void) -> libc::c_int,
    arg: *mut libc::c_void,
    flags: libc::c_int,
) -> nix::Result<(Pid, Vec<u8>)> {
    // Uninitialised: zeroing it would touch every page for nothing.
    let mut stack: Vec<u8> = Vec::with_capacity(STACK_SIZE);
    // The stack grows down from its (16-byte aligned) top.
    let top = (stack.as_mut_ptr() as usize + STACK_SIZE) & !15;
    // SAFETY: `top` is the top of memory returned with the pid; the rest is the caller's.
    let pid = unsafe { libc::clone(f, top as *mut libc::c_void, flags | libc::SIGCHLD, arg) };
    if pid == -1 {
        return Err(Errno::last());
    }
    Ok((Pid::from_raw(pid), stack))
}

/// The child: system calls only (no allocation, no locks: it shares rpod's memory).
extern "C" fn child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` points at the `ChildArgs` that `spawn_on_go` keeps alive.
    let a = unsafe { &*(arg as *const ChildArgs) };
    let mut byte = 0u8;
    // SAFETY: plain system calls on descriptors and buffers this child owns or reads.
    unsafe {
        libc::close(a.go_writer);
        if libc::read(a.go, (&mut byte as *mut u8).cast(), 1) == 1 {
            libc::dup2(a.stderr, 2);
            libc::execv(a.argv[0], a.argv.as_ptr());
        }
        libc::_exit(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsFd;

    fn spawn(program: &str, args: &[&str]) -> (Waiting, std::os::fd::OwnedFd) {
        let (go, go_writer) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let argv = std::iter::once(program)
            .chain(args.iter().copied())
            .map(|a| CString::new(a).unwrap())
            .collect();
        let stderr = std::io::stderr();
        // SAFETY: the child only waits and execs; the descriptors outlive the call.
        let child =
            unsafe { spawn_on_go(argv, go.as_fd(), go_writer.as_fd(), stderr.as_fd()) }.unwrap();
        (child, go_writer)
    }

    /// Polls until the child `pid`, still this test program, is blocked reading (the go pipe:
    /// it reads nothing else); false if it exec'd or exited first. The deadline only bounds a
    /// child that does neither.
    fn waits_for_the_go_byte(pid: Pid) -> bool {
        let proc = format!("/proc/{pid}");
        let this = std::fs::read_link("/proc/self/exe").unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            let exe = std::fs::read_link(format!("{proc}/exe")).ok();
            if exe.as_ref() != Some(&this) {
                return false; // exec'd, or exited (a zombie has no exe)
            }
            let syscall = std::fs::read_to_string(format!("{proc}/syscall")).unwrap_or_default();
            if syscall.split(' ').next() == Some(&libc::SYS_read.to_string()) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        false
    }

    #[test]
    fn the_child_runs_the_program_only_after_the_go_byte() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("ran");
        let script = format!("echo -n $0 > {}", marker.display());
        let (child, go_writer) = spawn("/bin/sh", &["-c", &script, "started"]);
        let waiting = waits_for_the_go_byte(child.pid);
        assert!(
            waiting && !marker.exists(),
            "the program ran before the go byte"
        );
        nix::unistd::write(&go_writer, b"1").unwrap();
        let pid = child.pid;
        assert_eq!(child.wait().unwrap(), WaitStatus::Exited(pid, 0));
        assert_eq!(std::fs::read_to_string(&marker).unwrap(), "started");
    }

    #[test]
    fn without_the_go_byte_the_child_exits_1_without_running_the_program() {
        let (child, go_writer) = spawn("/bin/true", &[]);
        drop(go_writer);
        let pid = child.pid;
        assert_eq!(child.wait().unwrap(), WaitStatus::Exited(pid, 1));
    }
}
