//! The mount order, checked on the plan alone (no privileges, no system call): for each of
//! the containers of `cases`, each property the order carries.

use std::path::{Path, PathBuf};

use super::cases::*;
use super::*;
use crate::runtime::rootfs::proc_mounts::{MASKED, READ_ONLY};

#[test]
fn the_plan_of_a_plain_run() {
    Case::new(spec()).check(|ops| {
        assert_eq!(
            names(ops),
            [
                "layers",
                "open root",
                "read passwd/group",
                "/proc",
                "/dev",
                "/etc/hosts",
                "/etc/hostname",
                "/etc/resolv.conf",
                "mask Proc",
                "join netns",
                "/sys",
                "mask Sys +user",
                "cwd /",
            ]
        );
    });
}

#[test]
fn the_layers_come_first_then_the_root_is_opened() {
    for case in cases() {
        case.check(|ops| {
            let MountOp::Layers {
                layers,
                fuse,
                target,
            } = &ops[0]
            else {
                panic!("{ops:#?}");
            };
            assert_eq!(*target, Path::new("/run/c/rootfs"));
            assert_eq!(fuse.is_some(), case.fuse);
            assert_eq!(layers.shift.is_some(), case.shift);
            assert_eq!(layers.volatile, case.spec.remove);
            assert_eq!(layers.lower.len(), 2);
            let rootfs = Path::new("/run/c/rootfs");
            assert_eq!(ops[1], MountOp::OpenRoot { rootfs });
            assert_eq!(one(ops, |op| matches!(op, MountOp::OpenRoot { .. })), 1);
        });
    }
}

/// The security property of `container_etc`: nothing is mounted in the root (no `/proc`, no
/// `/dev`) when the image's passwd and group are read and keep-id's entries are added.
#[test]
fn passwd_and_group_are_read_before_anything_is_mounted_in_the_root() {
    for case in cases() {
        case.check(|ops| {
            let read = one(ops, |op| matches!(op, MountOp::ReadUserFiles { .. }));
            assert_eq!(read, 2, "{ops:#?}");
            let keep_id = all(ops, |op| matches!(op, MountOp::AddKeepIdUser { .. }));
            assert_eq!(keep_id.len(), usize::from(case.spec.keep_id.is_some()));
            if let Some(&k) = keep_id.first() {
                assert_eq!(k, read + 1);
                let MountOp::AddKeepIdUser { name, home, .. } = &ops[k] else {
                    unreachable!()
                };
                assert_eq!((*name, *home), ("me", case.spec.cwd.as_str()));
            }
            let proc = one(ops, |op| *op == MountOp::Proc);
            let dev = one(ops, |op| *op == MountOp::Dev);
            assert!(keep_id.iter().all(|&k| k < proc.min(dev)));
            assert!(read < proc.min(dev));
        });
    }
}

#[test]
fn keep_id_adds_no_user_without_a_name() {
    let mut s = spec();
    s.keep_id = Some(KeepId {
        name: None,
        ..keep_id()
    });
    Case::new(s).check(|ops| {
        assert!(all(ops, |op| matches!(op, MountOp::AddKeepIdUser { .. })).is_empty());
        one(ops, |op| matches!(op, MountOp::GiveToContainerRoot { .. }));
    });
}

/// As late as it can be (the helper works meanwhile), but before `/sys` (a fresh sysfs shows
/// the network namespace of whoever mounts it) and before the user's mounts.
#[test]
fn the_netns_is_joined_right_before_sys() {
    for case in cases() {
        case.check(|ops| {
            let join = one(ops, |op| *op == MountOp::JoinNetns);
            let sys = one(ops, |op| matches!(op, MountOp::Sys { .. }));
            assert_eq!(sys, join + 1, "{ops:#?}");
            let before = [MountOp::Proc, MountOp::Dev];
            assert!(all(ops, |op| before.contains(op)).iter().all(|&i| i < join));
            let etc = all(ops, |op| matches!(op, MountOp::EtcFile { .. }));
            assert!(etc.iter().all(|&i| i < join));
            let after = all(ops, |op| {
                matches!(op, MountOp::UserMount(_) | MountOp::Init { .. })
            });
            assert!(after.iter().all(|&i| i > sys));
        });
    }
}

#[test]
fn proc_masks_come_early_unless_a_user_mount_lies_under_proc() {
    Case::new(spec()).check(|ops| {
        let masks = all(ops, is_mask);
        let join = one(ops, |op| *op == MountOp::JoinNetns);
        let proc = one(ops, |op| *op == MountOp::Proc);
        assert_eq!(masks.len(), 2);
        assert!(proc < masks[0] && masks[0] < join && masks[1] > join);
    });
    // Under /proc component by component: /procfs is not.
    let mut beside = spec();
    beside.mounts = vec![tmpfs("/procfs")];
    Case::new(beside).check(|ops| assert_eq!(all(ops, is_mask).len(), 2));
    for target in ["/proc", "/proc/scsi", "/proc/sys/kernel"] {
        let mut s = spec();
        s.mounts = vec![tmpfs("/data"), bind("/host/x", target), tmpfs("/tmp")];
        Case::new(s).check(|ops| {
            let mask = one(ops, is_mask);
            let MountOp::Mask { defaults, .. } = ops[mask] else {
                unreachable!()
            };
            assert_eq!(defaults, Masked::All, "{target}");
            assert!(all(ops, is_user_mount).iter().all(|&m| m < mask));
        });
    }
}

/// Each of Podman's masked and read-only paths is applied once, on top of its kernel file
/// system and of every user mount that could lie over it — or never, with `--privileged`.
#[test]
fn every_default_mask_and_read_only_path_is_applied_once_on_top() {
    for case in cases() {
        case.check(|ops| {
            for path in MASKED.iter().chain(&READ_ONLY) {
                let covering = all(
                    ops,
                    |op| matches!(op, MountOp::Mask { defaults, .. } if defaults.covers(path)),
                );
                if case.spec.privileged {
                    assert!(covering.is_empty(), "{path}");
                    continue;
                }
                assert_eq!(covering.len(), 1, "{path}: {ops:#?}");
                let kernel_fs = if path.starts_with("/proc/") {
                    one(ops, |op| *op == MountOp::Proc)
                } else {
                    one(ops, |op| matches!(op, MountOp::Sys { .. }))
                };
                assert!(kernel_fs < covering[0], "{path}");
                let fs_root = if path.starts_with("/proc/") {
                    "/proc"
                } else {
                    "/sys"
                };
                let beneath = all(
                    ops,
                    |op| matches!(op, MountOp::UserMount(m) if m.target().starts_with(fs_root)),
                );
                assert!(beneath.iter().all(|&m| m < covering[0]), "{path}");
            }
        });
    }
}

#[test]
fn privileged_masks_no_default_but_the_users_paths_still() {
    for case in cases() {
        case.check(|ops| {
            let with_user_paths = all(ops, |op| {
                matches!(op, MountOp::Mask { user_paths: true, masks, .. }
                    if *masks == &case.spec.masks)
            });
            assert_eq!(with_user_paths.len(), 1);
            assert!(all(ops, is_user_mount)
                .iter()
                .all(|&m| m < with_user_paths[0]));
            let readonly = !case.spec.privileged;
            one(ops, |op| *op == MountOp::Sys { readonly });
            if case.spec.privileged {
                let m = one(ops, is_mask);
                assert!(matches!(
                    ops[m],
                    MountOp::Mask {
                        defaults: Masked::Nothing,
                        ..
                    }
                ));
            }
        });
    }
}

/// After the volumes: a volume on `/run` would hide it otherwise.
#[test]
fn the_init_is_bound_after_the_volumes() {
    for case in cases() {
        case.check(|ops| {
            let init = all(ops, |op| matches!(op, MountOp::Init { .. }));
            let Some(&init) = init.first() else {
                assert!(case.spec.init.is_none());
                return;
            };
            let MountOp::Init { source, target } = ops[init] else {
                unreachable!()
            };
            assert_eq!(Some(source), case.spec.init.as_deref());
            assert_eq!(target, Path::new("/run/podman-init"));
            assert!(all(ops, is_user_mount).iter().all(|&m| m < init));
        });
    }
}

/// keep-id hands the container's root what rpod made — once all of it is there — and never a
/// volume.
#[test]
fn keep_id_chowns_after_every_mount_they_touch() {
    for case in cases() {
        case.check(|ops| {
            let chown = all(ops, |op| matches!(op, MountOp::GiveToContainerRoot { .. }));
            assert_eq!(chown.len(), usize::from(case.shift));
            let Some(&chown) = chown.first() else {
                return;
            };
            let MountOp::GiveToContainerRoot { files, made, .. } = &ops[chown] else {
                unreachable!()
            };
            assert_eq!(
                *files,
                ["hosts", "hostname", "resolv.conf", "passwd", "group"]
            );
            let tmpfs: Vec<&Path> = case
                .spec
                .mounts
                .iter()
                .filter(|m| matches!(m, MountSpec::Tmpfs { .. }))
                .map(|m| m.target())
                .collect();
            assert_eq!(
                made[..3],
                ["/dev", "/dev/shm", "/dev/mqueue"].map(Path::new)
            );
            assert_eq!(made[3..], tmpfs);
            let makers = all(ops, |op| match op {
                MountOp::Dev | MountOp::EtcFile { .. } | MountOp::AddKeepIdUser { .. } => true,
                MountOp::UserMount(m) => made.contains(&m.target()),
                _ => false,
            });
            assert_eq!(makers.len(), 1 + 3 + 1 + tmpfs.len(), "{ops:#?}");
            assert!(makers.iter().all(|&m| m < chown), "{ops:#?}");
        });
    }
}

#[test]
fn the_working_directory_is_made_last() {
    for case in cases() {
        case.check(|ops| {
            let cwd = case.spec.cwd.as_str();
            assert_eq!(ops.last(), Some(&MountOp::WorkDir(cwd)));
            one(ops, |op| matches!(op, MountOp::WorkDir(_)));
        });
    }
}

#[test]
fn the_users_mounts_keep_their_order() {
    for case in cases() {
        case.check(|ops| {
            let mounts: Vec<&MountSpec> = ops
                .iter()
                .filter_map(|op| match op {
                    MountOp::UserMount(m) => Some(*m),
                    _ => None,
                })
                .collect();
            assert!(mounts.iter().copied().eq(&case.spec.mounts));
        });
    }
}

/// keep-id never chowns what a volume shows: a volume on `/dev/shm` or `/dev` is the user's
/// host directory (seen chowned to a subordinate id before this rule); a tmpfs mounted inside
/// a volume is rpod's again.
#[test]
fn keep_id_never_chowns_what_a_volume_shows() {
    let made_for = |mounts: Vec<MountSpec>| -> Vec<PathBuf> {
        let mut s = spec();
        s.keep_id = Some(keep_id());
        s.mounts = mounts;
        let mut made = Vec::new();
        Case::new(s).check(|ops| {
            let chown = one(ops, |op| matches!(op, MountOp::GiveToContainerRoot { .. }));
            let MountOp::GiveToContainerRoot { made: m, .. } = &ops[chown] else {
                unreachable!()
            };
            made = m.iter().map(|p| p.to_path_buf()).collect();
        });
        made
    };
    let paths = |p: &[&str]| p.iter().map(PathBuf::from).collect::<Vec<_>>();
    assert_eq!(
        made_for(vec![bind("/home/me/shm", "/dev/shm")]),
        paths(&["/dev", "/dev/mqueue"])
    );
    assert_eq!(made_for(vec![bind("/home/me/dev", "/dev")]), paths(&[]));
    assert_eq!(
        made_for(vec![bind("/home/me/d", "/data"), tmpfs("/data/tmp")]),
        paths(&["/dev", "/dev/shm", "/dev/mqueue", "/data/tmp"])
    );
    assert_eq!(
        made_for(vec![tmpfs("/data"), bind("/home/me/d", "/data")]),
        paths(&["/dev", "/dev/shm", "/dev/mqueue"])
    );
    assert_eq!(
        made_for(vec![bind("/home/me/d", "/dev/shmx")]),
        paths(&["/dev", "/dev/shm", "/dev/mqueue"])
    );
}
