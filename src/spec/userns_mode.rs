//! `--userns`: which ids the container sees. The default (`""`/`host`, Podman's rootless
//! default) is rpod's own namespace: the user is root inside. `keep-id` keeps the user's own
//! uid and gid inside, the rest of the ids coming from the subordinate ranges, as Podman's
//! `keep-id[:uid=N,gid=N]` does.

use serde::{Deserialize, Serialize};

/// The invoking user as the container side needs to know it (from the CLI, which knows the
/// host): its ids, its name, and how many subordinate ids rpod's namespace maps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostUser {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
    pub uid_count: u32,
    pub gid_count: u32,
}

/// A settled `keep-id`: the container's `uid`/`gid` that are the user on the host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepId {
    pub uid: u32,
    pub gid: u32,
    /// The name for the `/etc/passwd` and `/etc/group` entries rpod adds when the image has
    /// none for these ids — only when they are the user's own, as Podman does.
    pub name: Option<String>,
    /// Subordinate ids in rpod's namespace (`1..=count` there), what the nested map spreads.
    pub uid_count: u32,
    pub gid_count: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UsernsModeError {
    #[error("--userns {0:?} is not supported: use keep-id[:uid=N,gid=N] or host")]
    Unsupported(String),
    #[error("invalid --userns {0:?}: {1}")]
    Invalid(String, &'static str),
    #[error("--userns=keep-id needs subordinate ids: add a range for this user to /etc/subuid and /etc/subgid (usermod --add-subuids/--add-subgids), and run rpod as that user, not root")]
    NoSubordinateIds,
}

/// Parses `--userns`; `None` for rpod's default namespace.
pub fn parse(
    value: Option<&str>,
    host: Option<&HostUser>,
) -> Result<Option<KeepId>, UsernsModeError> {
    let v = match value {
        None | Some("") | Some("host") => return Ok(None),
        Some(v) => v,
    };
    let opts = match v.strip_prefix("keep-id") {
        Some("") => "",
        Some(rest) => rest
            .strip_prefix(':')
            .ok_or_else(|| UsernsModeError::Unsupported(v.to_string()))?,
        None => return Err(UsernsModeError::Unsupported(v.to_string())),
    };
    let host = host.ok_or(UsernsModeError::NoSubordinateIds)?;
    let (mut uid, mut gid) = (None, None);
    for opt in opts.split(',').filter(|o| !o.is_empty()) {
        let (key, value) = opt
            .split_once('=')
            .ok_or_else(|| UsernsModeError::Invalid(v.to_string(), "expected uid=N or gid=N"))?;
        let n: u32 = value
            .parse()
            .map_err(|_| UsernsModeError::Invalid(v.to_string(), "ids are numbers"))?;
        match key {
            "uid" => uid = Some(n),
            "gid" => gid = Some(n),
            _ => return Err(UsernsModeError::Invalid(v.to_string(), "only uid and gid")),
        }
    }
    let (uid, gid) = (uid.unwrap_or(host.uid), gid.unwrap_or(host.gid));
    if uid == u32::MAX || gid == u32::MAX {
        return Err(UsernsModeError::Invalid(v.to_string(), "-1 is not an id"));
    }
    Ok(Some(KeepId {
        uid,
        gid,
        name: (uid == host.uid).then(|| host.name.clone()),
        uid_count: host.uid_count,
        gid_count: host.gid_count,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> HostUser {
        HostUser {
            uid: 1001,
            gid: 1002,
            name: "ann".into(),
            uid_count: 65536,
            gid_count: 65536,
        }
    }

    #[test]
    fn default_modes() {
        for v in [None, Some(""), Some("host")] {
            assert_eq!(parse(v, Some(&host())), Ok(None));
        }
    }

    #[test]
    fn keep_id_takes_the_users_ids_or_the_given_ones() {
        let k = parse(Some("keep-id"), Some(&host())).unwrap().unwrap();
        assert_eq!((k.uid, k.gid, k.name.as_deref()), (1001, 1002, Some("ann")));
        let k = parse(Some("keep-id:uid=200,gid=210"), Some(&host()))
            .unwrap()
            .unwrap();
        assert_eq!((k.uid, k.gid, k.name), (200, 210, None));
        let k = parse(Some("keep-id:gid=5"), Some(&host()))
            .unwrap()
            .unwrap();
        assert_eq!((k.uid, k.gid), (1001, 5));
    }

    #[test]
    fn refusals() {
        let err = |v: &str, h: Option<&HostUser>| parse(Some(v), h).unwrap_err();
        assert!(matches!(
            err("auto", Some(&host())),
            UsernsModeError::Unsupported(_)
        ));
        assert!(matches!(
            err("keep-idx", Some(&host())),
            UsernsModeError::Unsupported(_)
        ));
        assert!(matches!(
            err("keep-id:uid=x", Some(&host())),
            UsernsModeError::Invalid(..)
        ));
        assert!(matches!(
            err("keep-id:size=3", Some(&host())),
            UsernsModeError::Invalid(..)
        ));
        assert!(matches!(
            err("keep-id:uid=4294967295", Some(&host())),
            UsernsModeError::Invalid(..)
        ));
        assert_eq!(err("keep-id", None), UsernsModeError::NoSubordinateIds);
    }
}
