//! Small regular files and symlinks written by a few worker threads while the entry loop
//! reads on.
//!
//! Creating a file is a journalled directory insert, and on a busy disk it costs far more than
//! reading and writing a few KiB: a layer of thousands of small files spends nearly all its
//! time there. Inserts into different directories run in parallel, so each job goes to the
//! worker of its parent directory (by hash), and a layer's directories proceed side by side.
//!
//! Order is kept where it matters: the entry loop waits for every job to finish (a barrier)
//! before any entry that touches a path a job is writing — the same path, one of its parent
//! directories, or something below it — and before every entry whose effect reaches beyond
//! its own name (links, symlinks, whiteouts, FIFOs, the layer root). A job only ever creates
//! its own final name inside a directory descriptor that the entry loop resolved within the
//! root, exactly as the loop would have; nothing about confinement changes.

use super::error::LayerError;
use super::metadata::Meta;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};

/// Files up to this size are handed to workers (their content is held in memory meanwhile).
pub(super) const MAX_JOB_BYTES: u64 = 256 * 1024;
/// Workers per layer.
const WORKERS: usize = 3;
/// Jobs queued per worker before the entry loop waits: bounds memory to
/// `WORKERS × QUEUE × MAX_JOB_BYTES`.
const QUEUE: usize = 32;

/// One small file or symlink to create.
pub(super) struct Job {
    /// The in-root parent directory.
    pub dir: OwnedFd,
    pub name: Vec<u8>,
    /// The cleaned path, for conflict checks and errors.
    pub path: Vec<u8>,
    pub meta: Meta,
    pub what: What,
}

pub(super) enum What {
    /// A regular file and its content.
    File(Vec<u8>),
    /// A symlink and its target (never followed here).
    Symlink(Vec<u8>),
}

/// Jobs handed out and not yet finished, and the first error any of them hit.
#[derive(Default)]
struct Progress {
    outstanding: usize,
    error: Option<LayerError>,
}

#[derive(Default)]
struct Shared {
    progress: Mutex<Progress>,
    idle: Condvar,
}

/// The entry loop's side: hands out jobs and keeps track of the paths they write.
pub(super) struct Pool {
    senders: Vec<SyncSender<Job>>,
    chown: bool,
    shared: Arc<Shared>,
    /// Paths of unfinished jobs.
    pending: HashSet<Vec<u8>>,
    /// Every directory above a pending path.
    pending_parents: HashSet<Vec<u8>>,
}

/// Runs `body` with a pool whose workers live in `scope`; waits for them at the end.
pub(super) fn with_pool<T>(
    chown: bool,
    body: impl FnOnce(&mut Pool) -> Result<T, LayerError>,
) -> Result<T, LayerError> {
    std::thread::scope(|scope| {
        let shared = Arc::new(Shared::default());
        let mut senders = Vec::with_capacity(WORKERS);
        for _ in 0..WORKERS {
            let (tx, rx) = sync_channel::<Job>(QUEUE);
            senders.push(tx);
            let shared = Arc::clone(&shared);
            scope.spawn(move || work(rx, &shared, chown));
        }
        let mut pool = Pool {
            senders,
            chown,
            shared,
            pending: HashSet::new(),
            pending_parents: HashSet::new(),
        };
        let result = body(&mut pool);
        let finished = pool.barrier();
        drop(pool); // closes the channels: the workers end
        let value = result?;
        finished?;
        Ok(value)
    })
}

fn work(jobs: Receiver<Job>, shared: &Shared, chown: bool) {
    for job in jobs {
        let failed = shared
            .progress
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .error
            .is_some();
        let result = if failed {
            Ok(())
        } else {
            write_file(&job, chown)
        };
        let mut p = shared.progress.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = result {
            p.error.get_or_insert(e);
        }
        p.outstanding -= 1;
        if p.outstanding == 0 {
            shared.idle.notify_all();
        }
    }
}

fn write_file(job: &Job, chown: bool) -> Result<(), LayerError> {
    let dir = job.dir.as_fd();
    match &job.what {
        What::File(data) => {
            let fd = super::replace::create_file(dir, &job.name, &job.meta)
                .map_err(|e| LayerError::io(&job.path, "creating file", e))?;
            let mut file = std::fs::File::from(fd);
            file.write_all(data)
                .map_err(|e| LayerError::io(&job.path, "writing file data", e))?;
            job.meta.apply_fd(file.as_fd(), chown, &job.path)?;
            job.meta.apply_times_fd(file.as_fd(), &job.path)
        }
        What::Symlink(target) => {
            super::replace::create_symlink(dir, &job.name, target)
                .map_err(|e| LayerError::io(&job.path, "creating symlink", e))?;
            if chown {
                job.meta.chown_at(dir, &job.name, &job.path)?;
            }
            job.meta.times_at(dir, &job.name, &job.path)
        }
    }
}

impl Pool {
    /// Whether an entry at `path` could interfere with an unfinished job.
    pub fn conflicts(&self, path: &[u8]) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        self.pending.contains(path)
            || self.pending_parents.contains(path)
            || parents(path).any(|p| self.pending.contains(p))
    }

    /// Waits until every job handed out has finished; returns the first error one hit.
    pub fn barrier(&mut self) -> Result<(), LayerError> {
        let mut p = self
            .shared
            .progress
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        while p.outstanding > 0 {
            p = self.shared.idle.wait(p).unwrap_or_else(|e| e.into_inner());
        }
        self.pending.clear();
        self.pending_parents.clear();
        match p.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Hands `job` to the worker of its directory. The caller has checked [`Pool::conflicts`].
    pub fn submit(&mut self, job: Job) -> Result<(), LayerError> {
        {
            let mut p = self
                .shared
                .progress
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some(e) = p.error.take() {
                return Err(e);
            }
            p.outstanding += 1;
        }
        for parent in parents(&job.path) {
            self.pending_parents.insert(parent.to_vec());
        }
        self.pending.insert(job.path.clone());
        let parent = parents(&job.path).next().unwrap_or(b"");
        let mut h = std::collections::hash_map::DefaultHasher::new();
        parent.hash(&mut h);
        let worker = (h.finish() % self.senders.len() as u64) as usize;
        if let Err(failed) = self.senders[worker].send(job) {
            // The worker is gone (it cannot be, while the pool lives); do it here.
            let job = failed.0;
            let r = write_file(&job, self.chown);
            self.shared
                .progress
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .outstanding -= 1;
            r?;
        }
        Ok(())
    }
}

/// The directories above a cleaned `a/b/c` path, nearest first: `a/b`, `a`.
fn parents(path: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut end = path.len();
    std::iter::from_fn(move || {
        let slash = path[..end].iter().rposition(|&b| b == b'/')?;
        end = slash;
        Some(&path[..slash])
    })
}

#[cfg(test)]
mod tests {
    use super::parents;

    #[test]
    fn parents_of_a_path_nearest_first() {
        let all: Vec<&[u8]> = parents(b"a/b/c").collect();
        assert_eq!(all, [&b"a/b"[..], &b"a"[..]]);
        assert_eq!(parents(b"top").count(), 0);
    }
}
