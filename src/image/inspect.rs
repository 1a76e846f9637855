//! Podman-shaped descriptions of stored images: the objects `rpod image inspect` prints and
//! the rows `rpod images --format` renders, with Podman's field names.

use super::store::index::{split_tag, ImageRecord};
use super::store::{Store, StoreError};
use serde_json::{json, Value};

/// The image config as stored (the registry's bytes), parsed.
pub fn config(store: &Store, image: &ImageRecord) -> Result<Value, StoreError> {
    let path = store.blobs.path(&image.id);
    let bytes = store.blobs.read(&image.id)?;
    serde_json::from_slice(&bytes).map_err(|err| StoreError::Corrupt { path, err })
}

/// `rpod image inspect` for one image.
pub fn inspect(store: &Store, image: &ImageRecord) -> Result<Value, StoreError> {
    let config = config(store, image)?;
    let inner = config.get("config").cloned().unwrap_or_else(|| json!({}));
    let size = image.size();
    let lower: Vec<String> = image
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_dir(&l.diff_id).display().to_string())
        .collect();
    Ok(json!({
        "Id": image.id.hex(),
        "Digest": image.manifest.to_string(),
        "RepoTags": image.names.iter().filter(|n| !n.contains('@')).collect::<Vec<_>>(),
        "RepoDigests": image.repo_digests(),
        "Parent": "",
        "Comment": config.get("comment").cloned().unwrap_or(json!("")),
        "Created": image.created.clone().unwrap_or_default(),
        "Config": inner,
        "Version": config.get("docker_version").cloned().unwrap_or(json!("")),
        "Author": config.get("author").cloned().unwrap_or(json!("")),
        "Architecture": image.architecture,
        "Os": image.os,
        "Size": size,
        "VirtualSize": size,
        "GraphDriver": {
            "Name": "overlay",
            "Data": { "LowerDir": lower.join(":") }
        },
        "RootFS": {
            "Type": "layers",
            "Layers": image.layers.iter().map(|l| l.diff_id.to_string()).collect::<Vec<_>>()
        },
        "Labels": inner.get("Labels").cloned().unwrap_or(Value::Null),
        "Annotations": {},
        "ManifestType": image.manifest_media_type,
        "User": inner.get("User").cloned().unwrap_or(json!("")),
        "History": config.get("history").cloned().unwrap_or(json!([])),
        "NamesHistory": image.names,
    }))
}

/// One row per tagged name; an image with none (only `repo@digest` names, or no name) gets one
/// `<none>` tag row, as in Podman, where a digested name shows only while no tag names the image.
pub fn list_rows(image: &ImageRecord, now: chrono::DateTime<chrono::Utc>) -> Vec<Value> {
    let created = image
        .created
        .as_deref()
        .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&chrono::Utc));
    let (tagged, untagged): (Vec<_>, Vec<_>) = image
        .names
        .iter()
        .map(|n| {
            let (repo, tag) = split_tag(n);
            (repo.to_string(), tag.unwrap_or("<none>").to_string())
        })
        .partition(|(_, tag)| tag != "<none>");
    let names: Vec<(String, String)> = if !tagged.is_empty() {
        tagged
    } else {
        let first = untagged.into_iter().next();
        vec![first.unwrap_or_else(|| ("<none>".into(), "<none>".into()))]
    };
    names
        .into_iter()
        .map(|(repository, tag)| {
            json!({
                "ID": &image.id.hex()[..12],
                "Id": image.id.hex(),
                "Repository": repository,
                "Tag": tag,
                "Digest": image.manifest.to_string(),
                "Created": created.map(|c| human_since(c, now)).unwrap_or_default(),
                "CreatedSince": created.map(|c| human_since(c, now)).unwrap_or_default(),
                "CreatedAt": created.map(|c| c.to_string()).unwrap_or_default(),
                "CreatedTime": image.created.clone().unwrap_or_default(),
                "Size": human_size(image.size()),
                "VirtualSize": human_size(image.size()),
                "Names": image.names,
                "RepoDigests": image.repo_digests(),
                "Dangling": image.names.is_empty(),
                "Containers": 0,
                "ReadOnly": false,
                "Arch": image.architecture,
                "Os": image.os,
            })
        })
        .collect()
}

/// One element of `rpod images --format json`, shaped like Podman's.
pub fn list_json(image: &ImageRecord) -> Value {
    let created = image
        .created
        .as_deref()
        .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok());
    json!({
        "Id": image.id.hex(),
        "ParentId": "",
        "RepoTags": image.names.iter().filter(|n| !n.contains('@')).collect::<Vec<_>>(),
        "RepoDigests": image.repo_digests(),
        "Size": image.size(),
        "SharedSize": 0,
        "VirtualSize": image.size(),
        "Labels": {},
        "Containers": 0,
        "Names": image.names,
        "Digest": image.manifest.to_string(),
        "Created": created.map(|c| c.timestamp()).unwrap_or(0),
        "CreatedAt": image.created.clone().unwrap_or_default(),
        "Arch": image.architecture,
        "Os": image.os,
    })
}

/// Sizes as Podman prints them: decimal units, three significant digits (`2.24 MB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text} {}", UNITS[unit])
}

/// "2 years ago", as Podman's CREATED column says it (Docker's `units.HumanDuration`).
pub fn human_since(
    then: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let secs = (now - then).num_seconds();
    let text = match secs {
        s if s < 1 => "Less than a second".to_string(),
        1 => "1 second".to_string(),
        s if s < 60 => format!("{s} seconds"),
        s if s < 120 => "About a minute".to_string(),
        s if s < 3600 => format!("{} minutes", s / 60),
        s if s < 7200 => "About an hour".to_string(),
        s if s < 48 * 3600 => format!("{} hours", s / 3600),
        s if s < 14 * 86400 => format!("{} days", s / 86400),
        s if s < 60 * 86400 => format!("{} weeks", s / (7 * 86400)),
        s if s < 2 * 365 * 86400 => format!("{} months", s / (30 * 86400)),
        s => format!("{} years", s / (365 * 86400)),
    };
    format!("{text} ago")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_podmans() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(2_236_416), "2.24 MB");
        assert_eq!(human_size(170_000_000), "170 MB");
        assert_eq!(human_size(12_500), "12.5 kB");
    }

    #[test]
    fn ages_read_like_podmans() {
        let now = chrono::Utc::now();
        let ago = |s: i64| human_since(now - chrono::Duration::seconds(s), now);
        assert_eq!(ago(30), "30 seconds ago");
        assert_eq!(ago(3 * 86400), "3 days ago");
        assert_eq!(ago(3 * 365 * 86400), "3 years ago");
    }
}
