//! Subordinate id ranges (`/etc/subuid`, `/etc/subgid`) and the id mapping rpod's user
//! namespace gets from them.
//!
//! Minimal stand-in written on the `run` branch for testing; the lead's version replaces it.

use std::path::Path;

/// One line of a `uid_map`/`gid_map`: `size` ids from `host` appear as `container`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdRange {
    pub container: u32,
    pub host: u32,
    pub size: u32,
}

/// The mapping of rpod's user namespace (uid and gid side).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdMapping {
    pub uids: Vec<IdRange>,
    pub gids: Vec<IdRange>,
}

impl IdMapping {
    /// The mapping rpod asks for: the user as 0, then its subordinate range from 1 on.
    pub fn rootless(uid: u32, gid: u32, subuid: (u32, u32), subgid: (u32, u32)) -> IdMapping {
        IdMapping {
            uids: vec![
                IdRange {
                    container: 0,
                    host: uid,
                    size: 1,
                },
                IdRange {
                    container: 1,
                    host: subuid.0,
                    size: subuid.1,
                },
            ],
            gids: vec![
                IdRange {
                    container: 0,
                    host: gid,
                    size: 1,
                },
                IdRange {
                    container: 1,
                    host: subgid.0,
                    size: subgid.1,
                },
            ],
        }
    }
}

/// The first range of `user` (by name or number) in a subid file's text.
pub fn parse_subid(text: &str, name: &str, id: u32) -> Option<(u32, u32)> {
    let id = id.to_string();
    text.lines().find_map(|line| {
        let mut f = line.trim().split(':');
        let owner = f.next()?;
        if owner != name && owner != id {
            return None;
        }
        let start = f.next()?.parse().ok()?;
        let count = f.next()?.parse().ok()?;
        Some((start, count))
    })
}

/// Reads a subid file and looks `name`/`id` up in it.
pub fn read_subid(path: &Path, name: &str, id: u32) -> Option<(u32, u32)> {
    parse_subid(&std::fs::read_to_string(path).ok()?, name, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_name_or_number() {
        let text = "alice:100000:65536\n1001:200000:1000\n";
        assert_eq!(parse_subid(text, "alice", 1000), Some((100000, 65536)));
        assert_eq!(parse_subid(text, "bob", 1001), Some((200000, 1000)));
        assert_eq!(parse_subid(text, "carol", 1002), None);
    }
}
