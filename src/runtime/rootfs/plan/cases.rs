//! The containers the plan's tests run over: one per branch of the plan, and helpers to find
//! steps in a plan.

use std::path::{Path, PathBuf};

use super::*;
use crate::spec::caps::CapSet;
use crate::spec::seccomp::Seccomp;

pub fn spec() -> ContainerSpec {
    ContainerSpec {
        id: "0123".into(),
        name: "c".into(),
        image: "busybox".into(),
        args: vec!["true".into()],
        entrypoint: Vec::new(),
        cmd: vec!["true".into()],
        chown_to_user: Vec::new(),
        resources: Default::default(),
        env: Vec::new(),
        cwd: "/".into(),
        user: String::new(),
        hostname: "c".into(),
        read_only: false,
        mounts: Vec::new(),
        init: None,
        umask: 0o022,
        interactive: false,
        tty: false,
        remove: true,
        privileged: false,
        caps: CapSet::default(),
        no_new_privileges: false,
        seccomp: Seccomp::Default,
        masks: Masks::default(),
        keep_id: None,
        mount_program: None,
        labels: Default::default(),
        annotations: Default::default(),
        stop_signal: libc::SIGTERM,
        stop_timeout: 10,
        restart: Default::default(),
        log: Default::default(),
    }
}

pub fn bind(source: &str, target: &str) -> MountSpec {
    MountSpec::Bind {
        source: source.into(),
        target: target.into(),
        readonly: false,
    }
}

pub fn tmpfs(target: &str) -> MountSpec {
    MountSpec::Tmpfs {
        target: target.into(),
        flags: 0,
        data: String::new(),
    }
}

pub fn keep_id() -> KeepId {
    KeepId {
        uid: 1000,
        gid: 1000,
        name: Some("me".into()),
        uid_count: 65536,
        gid_count: 65536,
    }
}

/// A container and what the host decided for it.
pub struct Case {
    pub spec: ContainerSpec,
    /// keep-id's nested maps (owners shifted).
    pub shift: bool,
    /// fuse-overlayfs mounted the layers.
    pub fuse: bool,
}

impl Case {
    pub fn new(spec: ContainerSpec) -> Case {
        Case {
            shift: spec.keep_id.is_some(),
            spec,
            fuse: false,
        }
    }

    /// Runs `check` on this container's plan.
    pub fn check(&self, check: impl FnOnce(&[MountOp])) {
        let layers = [PathBuf::from("/s/l/0"), PathBuf::from("/s/l/1")];
        let maps = NestedMaps::new(&keep_id());
        let paths = RootfsPaths {
            layers: &layers,
            upper: "/s/c/upper".into(),
            work: "/s/c/work".into(),
            rootfs: "/run/c/rootfs".into(),
            etc_files: Path::new("/run/c"),
            mounted: self.fuse.then_some(Path::new("/s/c/merged")),
            shift: self.shift.then_some(&maps),
        };
        check(&plan(&self.spec, &paths));
    }
}

/// Containers that exercise every branch of the plan.
pub fn cases() -> Vec<Case> {
    let mut privileged = spec();
    privileged.privileged = true;
    privileged.masks.extra = vec!["/secret".into()];
    let mut proc_volume = spec();
    proc_volume.mounts = vec![bind("/host/x", "/data"), tmpfs("/proc/scsi")];
    let mut sys_volume = spec();
    sys_volume.mounts = vec![bind("/host/x", "/sys/kernel/x")];
    let mut keep = spec();
    keep.keep_id = Some(keep_id());
    keep.cwd = "/home/me".into();
    keep.mounts = vec![tmpfs("/tmp"), bind("/host/x", "/data"), tmpfs("/run")];
    keep.init = Some("/usr/libexec/catatonit".into());
    let mut init = spec();
    init.init = Some("/usr/libexec/catatonit".into());
    init.mounts = vec![bind("/host/run", "/run"), tmpfs("/var/tmp")];
    let mut fuse = Case::new(keep.clone());
    fuse.fuse = true;
    vec![
        Case::new(spec()),
        Case::new(privileged),
        Case::new(proc_volume),
        Case::new(sys_volume),
        Case::new(keep),
        Case::new(init),
        fuse,
    ]
}

/// Where the steps `pick` chooses are.
pub fn all(ops: &[MountOp], pick: impl Fn(&MountOp) -> bool) -> Vec<usize> {
    (0..ops.len()).filter(|&i| pick(&ops[i])).collect()
}

/// Where the one step `pick` chooses is.
pub fn one(ops: &[MountOp], pick: impl Fn(&MountOp) -> bool) -> usize {
    let found = all(ops, pick);
    assert_eq!(found.len(), 1, "{ops:#?}");
    found[0]
}

pub fn is_mask(op: &MountOp) -> bool {
    matches!(op, MountOp::Mask { .. })
}

pub fn is_user_mount(op: &MountOp) -> bool {
    matches!(op, MountOp::UserMount(_))
}

/// A short name for each step, for whole-plan comparisons.
pub fn names(ops: &[MountOp]) -> Vec<String> {
    ops.iter()
        .map(|op| match op {
            MountOp::Layers { .. } => "layers".into(),
            MountOp::OpenRoot { .. } => "open root".into(),
            MountOp::ReadUserFiles { .. } => "read passwd/group".into(),
            MountOp::AddKeepIdUser { .. } => "keep-id user".into(),
            MountOp::Proc => "/proc".into(),
            MountOp::Dev => "/dev".into(),
            MountOp::EtcFile { name, .. } => format!("/etc/{name}"),
            MountOp::Mask {
                defaults,
                user_paths,
                ..
            } => format!(
                "mask {defaults:?}{}",
                if *user_paths { " +user" } else { "" }
            ),
            MountOp::JoinNetns => "join netns".into(),
            MountOp::Sys { .. } => "/sys".into(),
            MountOp::UserMount(m) => format!("mount {}", m.target().display()),
            MountOp::Init { .. } => "init".into(),
            MountOp::GiveToContainerRoot { .. } => "chown".into(),
            MountOp::WorkDir(cwd) => format!("cwd {cwd}"),
        })
        .collect()
}
