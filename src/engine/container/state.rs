//! A container's state, split as Podman splits it between its graph root and run root:
//! `<root>/containers/<id>/state.json` ([`State`]) records what must survive a reboot (its
//! status as last written, how it ended, when); `<runroot>/monitors/<id>/running.json`
//! ([`Running`]) records what runs now: the PID 1 and its monitor, each by pid *and* start
//! time, so that a pid the kernel gave to another process since is never taken for the
//! container. A reboot wipes the run root, and every read checks the record against the
//! kernel ([`read_state`]): a state whose process is gone reads as stopped.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{io_at, StorageError};

/// The durable state's file, in the container's directory.
pub const STATE_FILE: &str = "state.json";
/// The running record's file, in the container's monitor directory.
pub const RUNNING_FILE: &str = "running.json";

/// What `state.json` records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub id: String,
    pub name: String,
    pub image: String,
    /// The image's ID (64 hex digits), which `rmi` checks.
    #[serde(default)]
    pub image_id: String,
    pub command: Vec<String>,
    /// RFC 3339.
    pub created: String,
    pub status: Status,
    /// When its workload last started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    /// `None` once exited: unknown (Podman shows -1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
    /// Killed by the kernel's OOM killer (its cgroup's `memory.events`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub oom_killed: bool,
    /// How many times the restart policy started it again.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restart_count: u32,
    /// Stopped by `stop`, `kill` or `rm -f`: the restart policy leaves it be.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped_by_user: bool,
    /// What runs now, read from the run root and checked against the kernel; never written
    /// here.
    #[serde(skip)]
    pub running: Option<Running>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What runs now (`running.json` under the run root).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Running {
    /// The PID 1's pid (in the pid namespace rpod was started in).
    pub pid: i32,
    /// The PID 1's start time (field 22 of `/proc/<pid>/stat`, clock ticks after boot), read
    /// right after it started.
    pub pid_start: u64,
    /// The container's parent: its monitor, or the foreground `rpod run`.
    pub monitor_pid: i32,
    pub monitor_start: u64,
}

impl Running {
    /// The record of `pid`, supervised by this process; `None` if either is gone already.
    pub fn of(pid: i32) -> Option<Running> {
        let me = std::process::id() as i32;
        Some(Running {
            pid,
            pid_start: start_time(pid)?,
            monitor_pid: me,
            monitor_start: start_time(me)?,
        })
    }

    /// Whether the PID 1 is still the process that was recorded, and alive.
    pub fn is_alive(&self) -> bool {
        alive(self.pid, self.pid_start)
    }

    /// Whether the monitor is still the process that was recorded, and alive.
    pub fn monitor_alive(&self) -> bool {
        alive(self.monitor_pid, self.monitor_start)
    }
}

/// Where a container is in its life, with the names and rules of Podman's libpod
/// (`define.ContainerStatus`), less what rpod has no use for yet: `Configured` (libpod's
/// "in the database, not yet in the runtime" is what `Created` is here), `Paused` (no cgroup
/// freezer yet), `Removing`.
///
/// `Stopped` is kept apart from `Exited` as libpod keeps it: the process is gone but nobody
/// saw it end. The monitor writes `Exited` (with the code) when the container ends; a
/// `Running` state whose process is gone — its monitor was killed, or the machine rebooted —
/// is read as `Stopped`, as libpod reports a container whose exit file is missing (stopped,
/// exit code -1). Both may be started again and removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Made, never started (or its start failed before the workload ran).
    Created,
    /// Its PID 1 runs, supervised by its monitor.
    Running,
    /// `stop` sent its signal and waits for the end.
    Stopping,
    /// Its process is gone, how it ended is not known (see above).
    Stopped,
    /// It ended and its monitor recorded how.
    Exited,
}

impl Status {
    /// Whether the container's processes run.
    pub fn is_running(self) -> bool {
        matches!(self, Status::Running | Status::Stopping)
    }

    /// Whether `start` may start it (libpod: created, stopped or exited).
    pub fn can_start(self) -> bool {
        !self.is_running()
    }

    /// Whether `rm` may remove it without stopping it first (libpod refuses a running one
    /// without `--force`).
    pub fn can_remove(self) -> bool {
        !self.is_running()
    }

    /// Podman's word for it (`ps --filter status=`, `inspect`'s `State.Status`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Stopping => "stopping",
            Status::Stopped => "stopped",
            Status::Exited => "exited",
        }
    }
}

/// Reads `dir/state.json` as written, without asking the kernel anything (what `rmi` needs:
/// the image and the name).
pub fn read_state_file(dir: &Path) -> Result<State, StorageError> {
    let path = dir.join(STATE_FILE);
    let bytes = std::fs::read(&path).map_err(io_at(&path))?;
    serde_json::from_slice(&bytes).map_err(|e| StorageError::Corrupt(path, e))
}

/// Reads the state of the container in `dir` (`<root>/containers/<id>`) whose running
/// record is in `monitor_dir` (`<runroot>/monitors/<id>`). A running state whose record is
/// missing (a reboot wiped the run root), whose PID 1 is gone, or whose pid now belongs to
/// another process (another start time), is returned as `Stopped`, without exit code: its
/// monitor died without recording the end.
pub fn read_state(dir: &Path, monitor_dir: &Path) -> Result<State, StorageError> {
    let mut state = read_state_file(dir)?;
    if state.status.is_running() {
        state.running = read_running(monitor_dir).filter(Running::is_alive);
        if state.running.is_none() {
            state.status = Status::Stopped;
            state.exit_code = None;
        }
    }
    Ok(state)
}

/// The running record in `monitor_dir`, if there is one that parses.
pub fn read_running(monitor_dir: &Path) -> Option<Running> {
    let bytes = std::fs::read(monitor_dir.join(RUNNING_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether `pid` is a live process (not a zombie) started at `start`.
fn alive(pid: i32, start: u64) -> bool {
    match proc_stat(pid) {
        Some((state, started)) => !matches!(state, b'Z' | b'X') && start == started,
        None => false,
    }
}

/// The start time of process `pid` (field 22 of `/proc/<pid>/stat`), if it exists.
pub fn start_time(pid: i32) -> Option<u64> {
    proc_stat(pid).map(|(_, started)| started)
}

/// `(state, starttime)` of `/proc/<pid>/stat`: one open and one read into the stack.
fn proc_stat(pid: i32) -> Option<(u8, u64)> {
    let mut buf = [0u8; 1024];
    let mut file = std::fs::File::open(format!("/proc/{pid}/stat")).ok()?;
    let n = file.read(&mut buf).ok()?;
    parse_stat(&buf[..n])
}

/// `pid (comm) state ppid ...`: `comm` may hold spaces and parentheses, so the fields are
/// counted from after the last `)`; the state is field 3, the start time field 22.
fn parse_stat(stat: &[u8]) -> Option<(u8, u64)> {
    let close = stat.iter().rposition(|&b| b == b')')?;
    let rest = std::str::from_utf8(stat.get(close + 2..)?).ok()?;
    let mut fields = rest.split(' ');
    let state = *fields.next()?.as_bytes().first()?;
    let started = fields.nth(22 - 4)?.parse().ok()?;
    Some((state, started))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn state(status: Status) -> State {
        State {
            id: "ab".repeat(32),
            name: "web".into(),
            image: "busybox".into(),
            image_id: "cd".repeat(32),
            command: vec!["sleep".into(), "100".into()],
            created: "2024-01-01T00:00:00Z".into(),
            status,
            started: None,
            exit_code: None,
            finished: None,
            oom_killed: false,
            restart_count: 0,
            stopped_by_user: false,
            running: None,
        }
    }

    /// `(state dir, monitor dir)` holding `st` and, if given, `running`.
    fn written(st: &State, running: Option<&Running>) -> (tempfile::TempDir, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let mon = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), serde_json::to_vec(st).unwrap()).unwrap();
        if let Some(r) = running {
            std::fs::write(
                mon.path().join(RUNNING_FILE),
                serde_json::to_vec(r).unwrap(),
            )
            .unwrap();
        }
        (dir, mon)
    }

    fn read_back(st: &State, running: Option<&Running>) -> State {
        let (dir, mon) = written(st, running);
        read_state(dir.path(), mon.path()).unwrap()
    }

    fn own() -> Running {
        Running::of(std::process::id() as i32).expect("the test's own start time")
    }

    #[test]
    fn start_time_is_field_22() {
        // comm with a space and a parenthesis; fields 3.. follow the last ')'.
        let line = b"42 (a b) c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 98765 1000 10\n";
        assert_eq!(parse_stat(line), Some((b'S', 98765)));
        assert!(own().pid_start > 0);
    }

    #[test]
    fn a_live_running_container_is_running() {
        let r = own();
        let back = read_back(&state(Status::Running), Some(&r));
        assert_eq!(back.status, Status::Running);
        assert_eq!(back.running, Some(r));
    }

    #[test]
    fn a_running_state_whose_pid_is_dead_is_stopped() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id() as i32;
        child.wait().unwrap();
        let r = Running {
            pid,
            pid_start: 1,
            ..own()
        };
        let back = read_back(&state(Status::Running), Some(&r));
        assert_eq!(back.status, Status::Stopped);
        assert_eq!((back.running, back.exit_code), (None, None));
        assert!(back.status.can_start() && back.status.can_remove());
    }

    #[test]
    fn a_running_state_whose_pid_was_reused_is_stopped() {
        let mut r = own();
        r.pid_start += 1;
        let back = read_back(&state(Status::Running), Some(&r));
        assert_eq!(back.status, Status::Stopped);
    }

    #[test]
    fn a_running_state_without_its_record_is_stopped() {
        // What a reboot leaves: the run root is gone.
        let back = read_back(&state(Status::Running), None);
        assert_eq!(back.status, Status::Stopped);
        let back = read_back(&state(Status::Stopping), None);
        assert_eq!(back.status, Status::Stopped);
    }

    #[test]
    fn other_states_are_read_as_written() {
        let mut st = state(Status::Exited);
        st.exit_code = Some(3);
        st.finished = Some("2024-01-01T00:00:01Z".into());
        st.restart_count = 2;
        assert_eq!(read_back(&st, Some(&own())), st);
        // The running record is never in state.json.
        let text = serde_json::to_string(&st).unwrap();
        assert!(!text.contains("pid"), "{text}");
    }

    #[test]
    fn only_a_running_container_refuses_start_and_rm() {
        for s in [Status::Created, Status::Stopped, Status::Exited] {
            assert!(!s.is_running() && s.can_start() && s.can_remove(), "{s:?}");
        }
        for s in [Status::Running, Status::Stopping] {
            assert!(s.is_running() && !s.can_start() && !s.can_remove(), "{s:?}");
        }
    }
}
