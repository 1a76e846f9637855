//! `--userns=keep-id`: the container runs in a user namespace nested in rpod's, where the
//! user's own id (root of rpod's namespace) comes back as `uid`, and the subordinate ids fill
//! the rest — Podman's keep-id map:
//!
//! ```text
//! container 0 ..uid-1  →  rpod's 1..uid        (subordinate ids)
//! container uid        →  rpod's 0             (the user on the host)
//! container uid+1..    →  rpod's uid+1..count  (subordinate ids)
//! ```
//!
//! Files in the store are owned as in rpod's namespace (image id N = rpod's N), so the image
//! would look wrongly owned from the nested namespace: root's files would show as `uid`.
//! fuse-overlayfs presents them shifted (`uidmapping=`), or, without `/dev/fuse`, the copy
//! fallback chowns as it copies. Idmapped mounts cannot do it rootless: the store's file
//! system belongs to the initial namespace.
//!
//! The nested namespace is entered last, after `pivot_root`, by the container's PID 1
//! (`unshare(CLONE_NEWUSER)`); rpod, root of the parent namespace, writes its maps when PID 1
//! says so over their channel, and says when they are written (`process::channel`). Every
//! mount is made before, in rpod's namespace, which keeps owning the container's other
//! namespaces: root inside cannot mount or set the hostname, as the keep-id user could not
//! anyway.

use nix::unistd::Pid;

use crate::spec::userns_mode::KeepId;

/// One `inner outer count` line of a map, as `/proc/PID/uid_map` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub inner: u32,
    pub outer: u32,
    pub count: u32,
}

/// The keep-id map for one kind of id: `id` in the container is rpod's 0, and rpod's
/// `1..=count` fill the container's ids around it.
pub fn ranges(id: u32, count: u32) -> Vec<Range> {
    let below = id.min(count);
    let mut r = vec![
        Range {
            inner: 0,
            outer: 1,
            count: below,
        },
        Range {
            inner: id,
            outer: 0,
            count: 1,
        },
    ];
    if count > id {
        r.push(Range {
            inner: id + 1,
            outer: id + 1,
            count: count - id,
        });
    }
    r.retain(|r| r.count > 0);
    r
}

/// The id rpod's namespace must give a file so that the container sees it owned by `id`.
pub fn outer_of(ranges: &[Range], id: u32) -> Option<u32> {
    ranges
        .iter()
        .find(|r| id >= r.inner && id - r.inner < r.count)
        .map(|r| r.outer + (id - r.inner))
}

/// Both maps of a keep-id container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NestedMaps {
    pub uids: Vec<Range>,
    pub gids: Vec<Range>,
}

impl NestedMaps {
    pub fn new(k: &KeepId) -> NestedMaps {
        NestedMaps {
            uids: ranges(k.uid, k.uid_count),
            gids: ranges(k.gid, k.gid_count),
        }
    }

    /// fuse-overlayfs' `uidmapping=…,gidmapping=…`: triples of (id on disk, id it reports,
    /// count) — the same triples as the nested map's, since a file with image id N on disk
    /// must be reported as rpod's id that the container sees as N.
    pub fn fuse_options(&self) -> String {
        let triples = |rs: &[Range]| {
            rs.iter()
                .map(|r| format!("{}:{}:{}", r.inner, r.outer, r.count))
                .collect::<Vec<_>>()
                .join(":")
        };
        format!(
            "uidmapping={},gidmapping={}",
            triples(&self.uids),
            triples(&self.gids)
        )
    }
}

fn proc_map(rs: &[Range]) -> String {
    rs.iter()
        .map(|r| format!("{} {} {}\n", r.inner, r.outer, r.count))
        .collect()
}

/// rpod's side of the handshake (see `process::channel`): once the child has unshared its
/// user namespace, writes that namespace's maps, as root of the parent namespace.
pub fn write_maps(child: Pid, maps: &NestedMaps) -> std::io::Result<()> {
    let proc = format!("/proc/{child}");
    std::fs::write(format!("{proc}/uid_map"), proc_map(&maps.uids))?;
    std::fs::write(format!("{proc}/gid_map"), proc_map(&maps.gids))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(inner: u32, outer: u32, count: u32) -> Range {
        Range {
            inner,
            outer,
            count,
        }
    }

    #[test]
    fn podmans_keep_id_map() {
        // What podman 4.3 shows in /proc/self/uid_map for uid 1001 with 65536 subordinate ids.
        assert_eq!(
            ranges(1001, 65536),
            [r(0, 1, 1001), r(1001, 0, 1), r(1002, 1002, 64535)]
        );
        assert_eq!(ranges(0, 65536), [r(0, 0, 1), r(1, 1, 65536)]);
        // An id past the subordinate range: it stands alone above them.
        assert_eq!(ranges(70000, 65536), [r(0, 1, 65536), r(70000, 0, 1)]);
    }

    #[test]
    fn image_ids_shift_so_the_container_sees_them_unchanged() {
        let m = ranges(1001, 65536);
        assert_eq!(outer_of(&m, 0), Some(1)); // image root: a subordinate id
        assert_eq!(outer_of(&m, 1000), Some(1001));
        assert_eq!(outer_of(&m, 1001), Some(0)); // the user
        assert_eq!(outer_of(&m, 65534), Some(65534));
        assert_eq!(outer_of(&m, 65536), Some(65536));
        assert_eq!(outer_of(&m, 65537), None);
    }

    #[test]
    fn fuse_options_pair_reported_and_disk_ids() {
        let maps = NestedMaps {
            uids: ranges(1001, 65536),
            gids: ranges(5, 10),
        };
        assert_eq!(
            maps.fuse_options(),
            "uidmapping=0:1:1001:1001:0:1:1002:1002:64535,gidmapping=0:1:5:5:0:1:6:6:5"
        );
    }
}
