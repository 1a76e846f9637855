//! A container's `state.json`: what it is now (its [`Status`]), and, while it runs, which
//! process is its PID 1 — by pid *and* start time, so that a state left behind by an rpod
//! that was killed is recognised as stale ([`read_state`]).

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{io_at, StorageError};

/// The file in the container's directory.
pub const STATE_FILE: &str = "state.json";

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
    /// The PID 1's pid (in rpod's pid namespace), while running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    /// The PID 1's start time (field 22 of `/proc/<pid>/stat`, clock ticks after boot), read
    /// right after it started: a pid the kernel gave to another process since has another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
    /// `None` once exited: unknown (Podman shows -1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
}

/// Where a container is in its life, with the names and rules of Podman's libpod
/// (`define.ContainerStatus`), less what rpod has no use for yet: `Configured` (libpod's
/// "in the database, not yet in the runtime" is what `Created` is here), `Paused` (no cgroup
/// freezer yet), `Stopping` and `Removing` (no `stop` or `rm` yet).
///
/// `Stopped` is kept apart from `Exited` as libpod keeps it: the process is gone but nobody
/// saw it end. rpod writes `Exited` (with the code) itself when the container ends; a
/// `Running` state whose process is gone — its rpod was killed, so the code is lost — is
/// read as `Stopped`, as libpod reports a container whose exit file is missing (stopped,
/// exit code -1). Both may be started again and removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Made, never started (or its start failed before the workload ran).
    Created,
    /// Its PID 1 runs, supervised by the rpod that started it.
    Running,
    /// Its process is gone, how it ended is not known (see above).
    Stopped,
    /// It ended and rpod recorded how.
    Exited,
}

impl Status {
    /// Whether the container's processes run.
    pub fn is_running(self) -> bool {
        self == Status::Running
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
}

/// Reads `dir/state.json` (`dir` is `<root>/containers/<id>`). A `Running` state whose PID 1
/// is gone, or whose pid now belongs to another process (another start time), is returned as
/// `Stopped`, without pid or exit code: its rpod died without recording the end.
pub fn read_state(dir: &Path) -> Result<State, StorageError> {
    let path = dir.join(STATE_FILE);
    let bytes = std::fs::read(&path).map_err(io_at(&path))?;
    let mut state: State =
        serde_json::from_slice(&bytes).map_err(|e| StorageError::Corrupt(path, e))?;
    if state.status.is_running() && !state.pid.is_some_and(|pid| alive(pid, state.pid_start)) {
        state.status = Status::Stopped;
        state.pid = None;
        state.pid_start = None;
        state.exit_code = None;
    }
    Ok(state)
}

/// Whether `pid` is a live process (not a zombie) started at `start` (any start time if the
/// state recorded none, as rpod before the liveness check wrote it).
fn alive(pid: i32, start: Option<u64>) -> bool {
    match proc_stat(pid) {
        Some((state, started)) => {
            !matches!(state, b'Z' | b'X') && start.is_none_or(|s| s == started)
        }
        None => false,
    }
}

/// The start time of process `pid` (field 22 of `/proc/<pid>/stat`), if it exists.
pub fn start_time(pid: i32) -> Option<u64> {
    proc_stat(pid).map(|(_, started)| started)
}

/// `(state, starttime)` of `/proc/<pid>/stat`: one open and one read into the stack (this is
/// on the start path of every kept container).
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

    fn state(status: Status, pid: Option<i32>, pid_start: Option<u64>) -> State {
        State {
            id: "ab".repeat(32),
            name: "web".into(),
            image: "busybox".into(),
            image_id: "cd".repeat(32),
            command: vec!["sleep".into(), "100".into()],
            created: "2024-01-01T00:00:00Z".into(),
            status,
            pid,
            pid_start,
            exit_code: None,
            finished: None,
        }
    }

    fn read_back(st: &State) -> State {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), serde_json::to_vec(st).unwrap()).unwrap();
        read_state(dir.path()).unwrap()
    }

    fn own() -> (i32, u64) {
        let pid = std::process::id() as i32;
        (pid, start_time(pid).expect("the test's own start time"))
    }

    #[test]
    fn start_time_is_field_22() {
        // comm with a space and a parenthesis; fields 3.. follow the last ')'.
        let line = b"42 (a b) c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 98765 1000 10\n";
        assert_eq!(parse_stat(line), Some((b'S', 98765)));
        let (_, started) = own();
        assert!(started > 0);
    }

    #[test]
    fn a_live_running_container_is_running() {
        let (pid, started) = own();
        let st = state(Status::Running, Some(pid), Some(started));
        assert_eq!(read_back(&st), st);
    }

    #[test]
    fn a_running_state_whose_pid_is_dead_is_stopped() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id() as i32;
        child.wait().unwrap();
        let back = read_back(&state(Status::Running, Some(pid), Some(1)));
        assert_eq!(back.status, Status::Stopped);
        assert_eq!(
            (back.pid, back.pid_start, back.exit_code),
            (None, None, None)
        );
        assert!(back.status.can_start() && back.status.can_remove());
    }

    #[test]
    fn a_running_state_whose_pid_was_reused_is_stopped() {
        let (pid, started) = own();
        let back = read_back(&state(Status::Running, Some(pid), Some(started + 1)));
        assert_eq!(back.status, Status::Stopped);
    }

    #[test]
    fn other_states_are_read_as_written() {
        let mut st = state(Status::Exited, None, None);
        st.exit_code = Some(3);
        st.finished = Some("2024-01-01T00:00:01Z".into());
        assert_eq!(read_back(&st), st);
        // No pid: nothing says it runs.
        assert_eq!(
            read_back(&state(Status::Running, None, None)).status,
            Status::Stopped
        );
    }

    #[test]
    fn only_a_running_container_refuses_start_and_rm() {
        for s in [Status::Created, Status::Stopped, Status::Exited] {
            assert!(!s.is_running() && s.can_start() && s.can_remove(), "{s:?}");
        }
        let r = Status::Running;
        assert!(r.is_running() && !r.can_start() && !r.can_remove());
    }
}
