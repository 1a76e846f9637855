//! `-u user[:group]` resolved in the container's own `/etc/passwd` and `/etc/group` (read
//! safely by `runtime::rootfs::container_etc` once the image is mounted), as runc and crun resolve it.
//! rpod's one `passwd` parser: the host user's name is looked up here too.

/// The identity the workload runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub home: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UserError {
    #[error("unable to find user {0}: no matching entries in passwd file")]
    NoUser(String),
    #[error("unable to find group {0}: no matching entries in group file")]
    NoGroup(String),
}

struct Passwd<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = Passwd<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 6).then_some(())?;
        Some(Passwd {
            name: f[0],
            uid: f[2].parse().ok()?,
            gid: f[3].parse().ok()?,
            home: f[5],
        })
    })
}

/// (name, gid, members) of each line of a group file.
fn group_entries(text: &str) -> impl Iterator<Item = (&str, u32, &str)> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 4).then_some(())?;
        Some((f[0], f[2].parse().ok()?, f[3]))
    })
}

/// The name of the first entry of a `passwd`-format text with this uid (how rpod finds the
/// host user's name for `/etc/subuid` too).
pub fn name_of_uid(passwd: &str, uid: u32) -> Option<&str> {
    passwd_entries(passwd)
        .find(|p| p.uid == uid && !p.name.is_empty())
        .map(|p| p.name)
}

/// `/etc/passwd` with an entry for the keep-id user added, Podman's way
/// (`name:*:uid:gid::home:/bin/sh`), or `None` when the image already knows the uid.
pub fn passwd_with_user(
    passwd: &str,
    name: &str,
    uid: u32,
    gid: u32,
    home: &str,
) -> Option<String> {
    if passwd_entries(passwd).any(|p| p.uid == uid) {
        return None;
    }
    Some(with_line(
        passwd,
        &format!("{name}:*:{uid}:{gid}::{home}:/bin/sh"),
    ))
}

/// `/etc/group` with the keep-id user's group added (`name:x:gid:name`), or `None` when the
/// image already has the gid.
pub fn group_with_user(group: &str, name: &str, gid: u32) -> Option<String> {
    if group_entries(group).any(|(_, g, _)| g == gid) {
        return None;
    }
    Some(with_line(group, &format!("{name}:x:{gid}:{name}")))
}

fn with_line(text: &str, line: &str) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    out
}

/// Resolves `spec` (`""`, `user`, `uid`, `user:group`, `uid:gid`...) against the file texts.
pub fn resolve(spec: &str, passwd: &str, group: &str) -> Result<ExecUser, UserError> {
    let (user, grp) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user = if user.is_empty() { "0" } else { user };
    let numeric = user.parse::<u32>().ok();
    let entry = passwd_entries(passwd).find(|p| match numeric {
        Some(n) => p.uid == n,
        None => p.name == user,
    });
    let (uid, mut gid, home, name) = match (&entry, numeric) {
        (Some(p), _) => (p.uid, p.gid, p.home.to_string(), Some(p.name)),
        (None, Some(n)) => (n, 0, "/".to_string(), None),
        (None, None) => return Err(UserError::NoUser(user.to_string())),
    };
    let mut groups = Vec::new();
    match grp.filter(|g| !g.is_empty()) {
        Some(g) => {
            gid = match g.parse::<u32>() {
                Ok(n) => n,
                Err(_) => group_entries(group)
                    .find(|(n, ..)| *n == g)
                    .map(|(_, id, _)| id)
                    .ok_or_else(|| UserError::NoGroup(g.to_string()))?,
            }
        }
        None => {
            if let Some(name) = name {
                groups = group_entries(group)
                    .filter(|(_, id, members)| *id != gid && members.split(',').any(|m| m == name))
                    .map(|(_, id, _)| id)
                    .collect();
            }
        }
    }
    // As runc and crun do, the primary group is also a supplementary group (`id` shows it
    // under groups=), followed by the memberships from /etc/group.
    groups.retain(|g| *g != gid);
    groups.insert(0, gid);
    Ok(ExecUser {
        uid,
        gid,
        groups,
        home: if home.is_empty() { "/".into() } else { home },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n\
                          nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    const GROUP: &str = "root:x:0:\napp:x:1000:\nwheel:x:10:app,root\nnogroup:x:65534:\n";

    #[test]
    fn finds_the_name_of_a_uid() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n+nis\n:x:1001:1001::/:/bin/sh\n\
                      alice:x:1001:1001::/home/alice:/bin/sh\nbob:x:1001:1001::/:/bin/sh\n";
        assert_eq!(name_of_uid(passwd, 1001), Some("alice"));
        assert_eq!(name_of_uid(passwd, 0), Some("root"));
        assert_eq!(name_of_uid(passwd, 1002), None);
    }

    #[test]
    fn default_is_root_with_memberships() {
        let u = resolve("", PASSWD, GROUP).unwrap();
        assert_eq!(
            u,
            ExecUser {
                uid: 0,
                gid: 0,
                groups: vec![0, 10],
                home: "/root".into()
            }
        );
    }

    #[test]
    fn names_and_numbers() {
        let u = resolve("app", PASSWD, GROUP).unwrap();
        assert_eq!(
            (u.uid, u.gid, u.groups.clone(), u.home.as_str()),
            (1000, 1000, vec![1000, 10], "/home/app")
        );
        let u = resolve("1000:nogroup", PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid, u.groups.clone()), (1000, 65534, vec![65534]));
        let u = resolve("4242:77", PASSWD, GROUP).unwrap();
        assert_eq!((u.uid, u.gid, u.home.as_str()), (4242, 77, "/"));
    }

    #[test]
    fn unknown_names_fail() {
        assert_eq!(
            resolve("ghost", PASSWD, GROUP),
            Err(UserError::NoUser("ghost".into()))
        );
        assert_eq!(
            resolve("app:ghosts", PASSWD, GROUP),
            Err(UserError::NoGroup("ghosts".into()))
        );
    }

    #[test]
    fn keep_id_entries_are_added_only_when_missing() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1::/bin:/sbin/nologin";
        assert_eq!(
            passwd_with_user(passwd, "ann", 1001, 1001, "/").as_deref(),
            Some("root:x:0:0:root:/root:/bin/sh\nbin:x:1:1::/bin:/sbin/nologin\nann:*:1001:1001::/:/bin/sh\n")
        );
        assert_eq!(passwd_with_user(passwd, "ann", 1, 1, "/"), None);
        let group = "root:x:0:\n";
        assert_eq!(
            group_with_user(group, "ann", 1001).as_deref(),
            Some("root:x:0:\nann:x:1001:ann\n")
        );
        assert_eq!(group_with_user(group, "ann", 0), None);
        let added = passwd_with_user("", "ann", 7, 8, "/w").unwrap();
        assert_eq!(resolve("7", &added, "").unwrap().home, "/w");
    }
}
