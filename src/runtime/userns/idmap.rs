//! The user's subordinate id ranges (`/etc/subuid`, `/etc/subgid`), which become ids
//! 1..=65536 inside the user namespace so images with many owners unpack and run as they would
//! as root.

use std::path::Path;

use crate::spec::user;

/// One `name:start:count` line of `/etc/subuid` or `/etc/subgid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

/// The first range of `/etc/subuid`-style `content` that belongs to the user, matched by name
/// or by numeric id as shadow-utils does. Ranges with a zero count are ignored.
pub fn find_range(content: &str, user: &str, id: u32) -> Option<IdRange> {
    let id = id.to_string();
    content.lines().find_map(|line| {
        let mut fields = line.trim().splitn(3, ':');
        let (owner, start, count) = (fields.next()?, fields.next()?, fields.next()?);
        if owner != user && owner != id {
            return None;
        }
        let range = IdRange {
            start: start.trim().parse().ok()?,
            count: count.trim().parse().ok()?,
        };
        (range.count > 0).then_some(range)
    })
}

/// The user's name, by which `/etc/subuid` may know them: read from `/etc/passwd` directly
/// (the common case, and it spares `rpod run` NSS's configuration files and daemon sockets),
/// else asked of NSS (LDAP or sssd users); the number when neither knows it.
pub fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|passwd| user::name_of_uid(&passwd, uid).map(str::to_string))
        .or_else(|| {
            nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
                .ok()
                .flatten()
                .map(|u| u.name)
        })
        .unwrap_or_else(|| uid.to_string())
}

/// Reads the user's range from a subid file; `Ok(None)` when the file or the entry is missing.
pub fn read_range(file: &Path, user: &str, id: u32) -> std::io::Result<Option<IdRange>> {
    match std::fs::read_to_string(file) {
        Ok(content) => Ok(find_range(&content, user, id)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_users_range_by_name_or_uid() {
        let file = "alice:100000:65536\nbob:165536:65536\n1002:231072:1000\n";
        assert_eq!(
            find_range(file, "bob", 1001),
            Some(IdRange {
                start: 165536,
                count: 65536
            })
        );
        assert_eq!(
            find_range(file, "carol", 1002),
            Some(IdRange {
                start: 231072,
                count: 1000
            })
        );
        assert_eq!(find_range(file, "dave", 1003), None);
    }

    #[test]
    fn ignores_malformed_and_empty_ranges() {
        let file = "alice:x:65536\nalice:100000:0\nalice:200000:10\n";
        assert_eq!(
            find_range(file, "alice", 1000),
            Some(IdRange {
                start: 200000,
                count: 10
            })
        );
    }
}
