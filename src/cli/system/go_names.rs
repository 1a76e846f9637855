//! Podman's `--format` templates walk its Go structs, whose field names differ from the JSON
//! tags `--format json` prints (`{{.Host.OCIRuntime.Name}}` but `host.ociRuntime.name`).
//! rpod keeps one value with the JSON keys and renames them for templates: a Go name is the
//! key with a capital first letter, unless this table says otherwise (Podman's
//! `libpod/define/info.go`).

use serde_json::{Map, Value};

const GO_NAMES: &[(&str, &str)] = &[
    ("cgroupVersion", "CgroupsVersion"),
    ("cpus", "CPUs"),
    ("cpuUtilization", "CPUUtilization"),
    ("idMappings", "IDMappings"),
    ("gidmap", "GIDMap"),
    ("uidmap", "UIDMap"),
    ("container_id", "ContainerID"),
    ("host_id", "HostID"),
    ("ociRuntime", "OCIRuntime"),
    ("os", "OS"),
    ("apparmorEnabled", "AppArmorEnabled"),
    ("capabilities", "DefaultCapabilities"),
    ("seccompEnabled", "SECCOMPEnabled"),
    ("seccompProfilePath", "SECCOMPProfilePath"),
    ("selinuxEnabled", "SELinuxEnabled"),
    ("slirp4netns", "Slirp4NetNS"),
];

/// Maps whose keys are data, not fields (Podman's `Registries` is a `map[string]interface{}`):
/// their keys stay as they are, below the renamed key.
const DATA_MAPS: &[&str] = &["registries"];

/// `value` with every object key renamed to its Go field name.
pub fn to_go_names(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                let v = if DATA_MAPS.contains(&key.as_str()) {
                    v.clone()
                } else {
                    to_go_names(v)
                };
                out.insert(go_name(key), v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_go_names).collect()),
        other => other.clone(),
    }
}

fn go_name(key: &str) -> String {
    if let Some((_, go)) = GO_NAMES.iter().find(|(json, _)| *json == key) {
        return go.to_string();
    }
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_become_podmans_go_fields() {
        let v = json!({"host": {"ociRuntime": {"name": "rpod"}, "cgroupVersion": "v2"},
                       "registries": {"search": ["docker.io"]}});
        let go = to_go_names(&v);
        assert_eq!(go["Host"]["OCIRuntime"]["Name"], "rpod");
        assert_eq!(go["Host"]["CgroupsVersion"], "v2");
        assert_eq!(go["Registries"]["search"][0], "docker.io");
    }
}
