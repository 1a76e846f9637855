//! One invocation of rpod as the engine sees it: the store's paths, rpod's user namespace
//! (entered, or still being entered) with its id mapping, and the descriptors that must
//! outlive rpod.
//!
//! Entering is split in two (see `runtime::userns::Entering`): [`Session::begin`] unshares
//! and starts the mappers; the namespace is usable once their maps are written. Most commands
//! wait for that at once ([`Session::finish`]). `run` does not: it finds its image and builds
//! its spec meanwhile, and hands the namespace still being entered to the runtime, which
//! finishes entering after it forked the container ([`Session::for_launch`]) — unless a pull
//! needs the maps first ([`Session::enter`]). That overlap is a good part of how fast `run`
//! starts.
//!
//! The descriptors that must outlive rpod ([`Session::for_launch`], [`Session::take_outlive`])
//! are those whose last close would make rpod's exit wait (see `userns::Exiting::reap`):
//! `run --rm` hands them to its cleaner, which closes them once nobody waits for rpod.

use std::os::fd::OwnedFd;

use crate::config::paths::Paths;
use crate::runtime::userns::{self, Entering, IdMapping, UsernsError};
use crate::spec::userns_mode::HostUser;

/// Whether a command enters rpod's user namespace, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Userns {
    /// The command touches no file owned by subordinate ids: it stays outside.
    Skip,
    /// Enter it, first thing (while rpod is single-threaded).
    Enter,
    /// Enter it, watching the id maps being written so that entering can end before the
    /// mappers have exited: only for a command whose cleaner outlives rpod and takes the
    /// watch's descriptor (`run --rm`; see `userns::begin`).
    EnterWatchingMaps,
}

/// See the module doc.
pub struct Session {
    paths: Paths,
    ids: IdMapping,
    /// Until the namespace is entered.
    entering: Option<Entering>,
    /// What only a process that outlives rpod should close.
    outlive: Vec<OwnedFd>,
}

impl Session {
    /// Starts the session: enters the user namespace if `userns` asks for it (unsharing it
    /// now; the id maps are being written when this returns).
    pub fn begin(paths: Paths, userns: Userns) -> Result<Session, UsernsError> {
        let entering = match userns {
            Userns::Skip => None,
            Userns::Enter => Some(userns::begin(false)?),
            Userns::EnterWatchingMaps => Some(userns::begin(true)?),
        };
        let ids = entering.as_ref().map_or(IdMapping::Host, Entering::mapping);
        if let IdMapping::Single { .. } = ids {
            log::warn!("no subordinate ids for this user in /etc/subuid and /etc/subgid: using a single-id mapping (add a range with usermod --add-subuids/--add-subgids)");
        }
        Ok(Session {
            paths,
            ids,
            entering,
            outlive: Vec::new(),
        })
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// How ids map inside rpod's user namespace (`Host` when none was entered).
    pub fn ids(&self) -> IdMapping {
        self.ids
    }

    /// The invoking user, if rpod maps subordinate ids for it (what `--userns=keep-id`
    /// spreads). Costs a passwd lookup for the name: ask only when it is needed.
    pub fn host_user(&self) -> Option<HostUser> {
        let IdMapping::Full {
            uid,
            gid,
            uids,
            gids,
        } = self.ids
        else {
            return None;
        };
        let name = userns::idmap::user_name(uid);
        Some(HostUser {
            uid,
            gid,
            name,
            uid_count: uids.count,
            gid_count: gids.count,
        })
    }

    /// Ends the session for a command that needs the namespace entered from the start and
    /// nothing more of the session: waits until the id maps are written.
    pub fn finish(mut self) -> Result<(Paths, IdMapping), UsernsError> {
        self.enter()?;
        Ok((self.paths, self.ids))
    }

    /// Finishes entering now, if that is not done yet: what needs ids inside (unpacking a
    /// pull's layers) or threads (the registry client) must wait for it.
    pub fn enter(&mut self) -> Result<(), UsernsError> {
        if let Some(entering) = self.entering.take() {
            self.outlive.extend(entering.finish()?.1);
        }
        Ok(())
    }

    /// What `runtime::process::launch` takes: the namespace still being entered, if it is
    /// (the runtime finishes entering after its fork), and the descriptors to outlive rpod,
    /// which it adds to.
    pub fn for_launch(&mut self) -> (Option<Entering>, &mut Vec<OwnedFd>) {
        (self.entering.take(), &mut self.outlive)
    }

    /// The descriptors that must outlive rpod, for a process that does (`--rm`'s cleaner).
    pub fn take_outlive(&mut self) -> Vec<OwnedFd> {
        std::mem::take(&mut self.outlive)
    }
}
