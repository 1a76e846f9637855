//! The state a kept container (`run` without `--rm`) leaves in the store, as the commands of
//! detached containers read it: a `state.json` that says `running` after its rpod was
//! killed is recognised as stale by the liveness check (pid and start time of the PID 1,
//! recorded under the run root).

mod common;

use common::{wait_for, Rpod, PROMPTLY};
use rpod::engine::container::state::{read_state, Status};
use std::path::Path;
use std::path::PathBuf;

const ALPINE: &str = "alpine";

/// `<root>/containers/<id>` of the container named `name`, once its name is reserved.
fn container_dir(t: &Rpod, name: &str) -> PathBuf {
    let link = t.root.join("containers/by-name").join(name);
    let target = wait_for(PROMPTLY, || std::fs::read_link(&link).ok())
        .unwrap_or_else(|| panic!("no name reservation {}", link.display()));
    link.parent().unwrap().join(target)
}

/// The raw `state.json` of the container in `dir`, if it is there and parses.
fn raw_state(dir: &std::path::Path) -> Option<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(dir.join("state.json")).ok()?).ok()
}

#[test]
fn a_running_state_left_by_a_killed_rpod_reads_as_not_running() {
    let t = Rpod::new("state_rpod_killed");
    if t.skip_for_podman("rpod's own state.json and read_state") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let mut running = t
        .cmd(&["run", "--name", "kept", ALPINE, "sleep", "100"])
        .spawn();
    let dir = container_dir(&t, "kept");
    let state = wait_for(PROMPTLY, || {
        raw_state(&dir).filter(|s| s["status"] == "running")
    })
    .unwrap_or_else(|| panic!("state.json never said running: {:?}", raw_state(&dir)));
    assert!(
        state.get("pid").is_none(),
        "no pid in the durable state: {state}"
    );
    let monitor_dir = t.runroot.join("monitors").join(dir.file_name().unwrap());
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(monitor_dir.join("running.json")).unwrap()).unwrap();
    let pid = record["pid"].as_i64().expect("a running record has a pid");
    assert!(record["pid_start"].as_u64().is_some(), "{record}");
    // While it runs, the library agrees.
    assert_eq!(
        read_state(&dir, &monitor_dir).unwrap().status,
        Status::Running
    );
    assert!(
        dir.join("config.json").is_file(),
        "a kept container's spec is saved"
    );

    // The child is rpod itself (as-user, setpriv and env exec).
    running.kill();
    let killed = running.wait();
    assert_eq!(killed.signal, Some(9), "{killed:?}");
    // The container dies with rpod (its parent-death signal); init reaps it.
    let gone = wait_for(PROMPTLY, || {
        (!Path::new(&format!("/proc/{pid}")).exists()).then_some(())
    });
    assert!(gone.is_some(), "the container's PID 1 {pid} outlived rpod");

    let stale = raw_state(&dir).expect("state.json is still there");
    assert_eq!(
        stale["status"], "running",
        "nobody rewrote the state: {stale}"
    );
    let read = read_state(&dir, &monitor_dir).unwrap();
    assert_eq!(read.status, Status::Stopped, "{read:?}");
    assert!(!read.status.is_running() && read.status.can_remove());
    assert_eq!((read.running, read.exit_code), (None, None));
}
