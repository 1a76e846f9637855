//! A container as Podman prints it: the row of `ps` (its JSON and its template fields) and the
//! object of `inspect`, with Podman's field names.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::engine::container::state::Status;
use crate::engine::lifecycle::list::Listed;
use crate::image::inspect::human_since;

fn time(s: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`, `Stopping`, as `ps` says it.
pub fn status_text(c: &Listed, now: DateTime<Utc>) -> String {
    let st = &c.state;
    match st.status {
        Status::Created => "Created".into(),
        Status::Running => match time(st.started.as_deref()) {
            Some(t) => format!("Up {}", human_since(t, now).trim_end_matches(" ago")),
            None => "Up".into(),
        },
        Status::Stopping => "Stopping".into(),
        Status::Exited | Status::Stopped => {
            let code = st.exit_code.unwrap_or(-1);
            match time(st.finished.as_deref()) {
                Some(t) => format!("Exited ({code}) {}", human_since(t, now)),
                None => format!("Exited ({code})"),
            }
        }
    }
}

/// Podman's `State` word: `stopped` reads as `exited` there too.
pub fn state_word(status: Status) -> &'static str {
    match status {
        Status::Stopped => "exited",
        other => other.as_str(),
    }
}

/// Podman's `ps --format json` object, plus the fields its templates know (`ID`, `Names` as a
/// string for the table, `RunningFor`, `CreatedHuman`...).
pub fn ps_row(c: &Listed, now: DateTime<Utc>, no_trunc: bool) -> Value {
    let st = &c.state;
    let created = time(Some(&st.created));
    let unix = |t: Option<DateTime<Utc>>| t.map_or(-62135596800, |t| t.timestamp());
    let labels = c
        .spec
        .as_ref()
        .map(|s| json!(s.labels))
        .unwrap_or(json!({}));
    let command = st.command.join(" ");
    let short_cmd = match (no_trunc, command.chars().count() > 17) {
        (false, true) => format!("{}...", command.chars().take(17).collect::<String>()),
        _ => command.clone(),
    };
    let since = created.map(|t| human_since(t, now)).unwrap_or_default();
    json!({
        "AutoRemove": c.spec.as_ref().is_some_and(|s| s.remove),
        "Command": st.command,
        "Created": unix(created),
        "CreatedAt": since,
        "Exited": matches!(st.status, Status::Exited | Status::Stopped),
        "ExitedAt": unix(time(st.finished.as_deref())),
        "ExitCode": st.exit_code.unwrap_or(0),
        "Id": st.id,
        "Image": c.image_name,
        "ImageID": st.image_id,
        "IsInfra": false,
        "Labels": labels,
        "Mounts": c.spec.as_ref().map(|s| s.mounts.iter().map(|m| m.target().display().to_string()).collect::<Vec<_>>()).unwrap_or_default(),
        "Names": [st.name],
        "Namespaces": {},
        "Networks": [],
        "Pid": st.running.as_ref().map_or(0, |r| r.pid),
        "Pod": "",
        "PodName": "",
        "Ports": null,
        "Size": null,
        "StartedAt": unix(time(st.started.as_deref())),
        "State": state_word(st.status),
        "Status": status_text(c, now),
        // Template fields (Podman's ps template struct).
        "ID": if no_trunc { st.id.clone() } else { st.id[..12.min(st.id.len())].to_string() },
        "CommandText": short_cmd,
        "RunningFor": since,
        "CreatedHuman": since,
        "PortsText": "",
        "NamesText": st.name,
    })
}

/// Podman's `container inspect` object, with what rpod knows of the container.
pub fn inspect_object(c: &Listed) -> Value {
    let st = &c.state;
    let spec = c.spec.as_ref();
    let args = spec
        .map(|s| s.args.clone())
        .unwrap_or_else(|| st.command.clone());
    let running = st.status.is_running();
    let caps: Vec<String> = spec
        .map(|s| {
            crate::spec::caps::NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| s.caps.contains(*i as u8))
                .map(|(_, n)| format!("CAP_{n}"))
                .collect()
        })
        .unwrap_or_default();
    let mounts: Vec<Value> = spec
        .map(|s| {
            s.mounts
                .iter()
                .map(|m| match m {
                    crate::spec::mounts::MountSpec::Bind { source, target, readonly } => json!({
                        "Type": "bind", "Source": source, "Destination": target,
                        "Driver": "", "Mode": "", "Options": ["rbind"], "RW": !readonly,
                        "Propagation": "rprivate",
                    }),
                    crate::spec::mounts::MountSpec::Volume { name, source, target, readonly } => json!({
                        "Type": "volume", "Name": name, "Source": source, "Destination": target,
                        "Driver": "local", "Mode": "", "Options": ["nosuid", "nodev", "rbind"],
                        "RW": !readonly, "Propagation": "rprivate",
                    }),
                    crate::spec::mounts::MountSpec::Tmpfs { target, data, .. } => json!({
                        "Type": "tmpfs", "Source": "tmpfs", "Destination": target,
                        "Driver": "", "Mode": "", "Options": data.split(',').filter(|o| !o.is_empty()).collect::<Vec<_>>(),
                        "RW": true, "Propagation": "",
                    }),
                })
                .collect()
        })
        .unwrap_or_default();
    let zero = "0001-01-01T00:00:00Z";
    let run_dir = c.dir.run_dir.display().to_string();
    let state = json!({
        "OciVersion": "1.0.2",
        "Status": state_word(st.status),
        "Running": running,
        "Paused": false,
        "Restarting": false,
        "OOMKilled": st.oom_killed,
        "Dead": false,
        "Pid": st.running.as_ref().map_or(0, |r| r.pid),
        "ConmonPid": st.running.as_ref().map_or(0, |r| r.monitor_pid),
        "ExitCode": st.exit_code.unwrap_or(0),
        "Error": "",
        "StartedAt": st.started.as_deref().unwrap_or(zero),
        "FinishedAt": st.finished.as_deref().unwrap_or(zero),
    });
    let config = json!({
        "Hostname": spec.map(|s| s.hostname.clone()).unwrap_or_default(),
        "User": spec.map(|s| s.user.clone()).unwrap_or_default(),
        "AttachStdin": false,
        "AttachStdout": false,
        "AttachStderr": false,
        "Tty": spec.is_some_and(|s| s.tty),
        "OpenStdin": spec.is_some_and(|s| s.interactive),
        "StdinOnce": false,
        "Env": spec.map(|s| s.env.clone()).unwrap_or_default(),
        // A spec saved before the two parts were kept has them only as one argv.
        "Cmd": spec
            .filter(|s| !s.entrypoint.is_empty() || !s.cmd.is_empty())
            .map_or_else(|| args.clone(), |s| s.cmd.clone()),
        "Image": c.image_name,
        "WorkingDir": spec.map(|s| s.cwd.clone()).unwrap_or_default(),
        // Podman 4.3 gives the entrypoint as one string, its words joined by spaces.
        "Entrypoint": spec.map(|s| s.entrypoint.join(" ")).unwrap_or_default(),
        "Labels": spec.map(|s| json!(s.labels)).unwrap_or(json!({})),
        "Annotations": spec.map(|s| json!(s.annotations)).unwrap_or(json!({})),
        "StopSignal": spec.map_or(15, |s| s.stop_signal),
        "StopTimeout": spec.map_or(10, |s| s.stop_timeout),
        "Umask": spec.map(|s| format!("{:04o}", s.umask)).unwrap_or_default(),
    });
    let hostconfig = json!({
        "Binds": spec.map(|s| s.mounts.iter().filter_map(|m| match m {
            crate::spec::mounts::MountSpec::Bind { source, target, readonly } => Some(format!(
                "{}:{}:{}", source.display(), target.display(), if *readonly { "ro" } else { "rw" })),
            _ => None,
        }).collect::<Vec<_>>()).unwrap_or_default(),
        "LogConfig": {
            "Type": spec.map_or("k8s-file", |s| s.log.name()),
            "Path": c.dir.log_path(),
        },
        "NetworkMode": "none",
        "RestartPolicy": {
            "Name": spec.map_or("", |s| s.restart.name()),
            "MaximumRetryCount": spec.map_or(0, |s| s.restart.max_retries()),
        },
        "AutoRemove": spec.is_some_and(|s| s.remove),
        "Privileged": spec.is_some_and(|s| s.privileged),
        "ReadonlyRootfs": spec.is_some_and(|s| s.read_only),
        "UsernsMode": if spec.is_some_and(|s| s.keep_id.is_some()) { "keep-id" } else { "" },
        "Init": spec.is_some_and(|s| s.init.is_some()),
    });
    json!({
        "Id": st.id,
        "Created": st.created,
        "Path": args.first().cloned().unwrap_or_default(),
        "Args": args.iter().skip(1).collect::<Vec<_>>(),
        "State": state,
        "Image": st.image_id,
        "ImageName": c.image_name,
        "Rootfs": "",
        "Pod": "",
        "ResolvConfPath": format!("{run_dir}/resolv.conf"),
        "HostnamePath": format!("{run_dir}/hostname"),
        "HostsPath": format!("{run_dir}/hosts"),
        "OCIRuntime": "rpod",
        "Name": st.name,
        "RestartCount": st.restart_count,
        "Driver": "overlay",
        "EffectiveCaps": caps,
        "BoundingCaps": caps,
        "ExecIDs": [],
        "GraphDriver": {"Name": "overlay", "Data": {"UpperDir": c.dir.upper(), "WorkDir": c.dir.work()}},
        "Mounts": mounts,
        "NetworkSettings": {"Ports": {}, "SandboxKey": ""},
        "IsInfra": false,
        "Config": config,
        "HostConfig": hostconfig,
    })
}
