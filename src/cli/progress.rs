//! What a pull shows: progress bars on a terminal, Podman's plain lines otherwise, nothing
//! with `-q`.

use crate::image::pull::{PullObserver, Quiet};
use crate::oci::digest::Digest;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

pub fn for_pull(quiet: bool) -> Box<dyn PullObserver> {
    if quiet {
        Box::new(Quiet)
    } else if std::io::stderr().is_terminal() {
        Box::new(Bars::default())
    } else {
        Box::new(Lines::default())
    }
}

/// Podman's non-terminal output, one line per step. "Trying to pull" is held back until the
/// registry has answered with an image, so a failed pull prints only its one error line.
#[derive(Default)]
struct Lines {
    trying: HeldBack,
}

impl Lines {
    fn flush_trying(&self) {
        if let Some(line) = self.trying.take() {
            eprintln!("{line}");
        }
    }
}

/// The "Trying to pull" line, held back until the registry has answered with an image.
#[derive(Default)]
struct HeldBack(Mutex<Option<String>>);

impl HeldBack {
    fn set(&self, reference: &str) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(format!("Trying to pull {reference}..."));
    }

    fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl PullObserver for Lines {
    fn trying(&self, reference: &str) {
        self.trying.set(reference);
    }
    fn blob_done(&self, digest: &Digest, already_present: bool) {
        self.flush_trying();
        if already_present {
            eprintln!("Copying blob {digest} skipped: already exists");
        } else {
            eprintln!("Copying blob {digest} done");
        }
    }
    fn config(&self, digest: &Digest) {
        self.flush_trying();
        eprintln!("Copying config {digest} done");
    }
    fn writing_manifest(&self) {
        eprintln!("Writing manifest to image destination");
    }
}

/// One bar per layer.
struct Bars {
    multi: MultiProgress,
    bars: Mutex<HashMap<Digest, ProgressBar>>,
    trying: HeldBack,
}

impl Default for Bars {
    fn default() -> Self {
        Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Mutex::new(HashMap::new()),
            trying: HeldBack::default(),
        }
    }
}

impl Bars {
    fn flush_trying(&self) {
        if let Some(line) = self.trying.take() {
            let _ = self.multi.println(line);
        }
    }

    fn bar(&self, digest: &Digest, size: u64) -> ProgressBar {
        let mut bars = self.bars.lock().unwrap_or_else(|e| e.into_inner());
        bars.entry(digest.clone())
            .or_insert_with(|| {
                let bar = self.multi.add(ProgressBar::new(size));
                bar.set_style(
                    ProgressStyle::with_template(
                        "Copying blob {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .expect("valid template")
                    .progress_chars("=> "),
                );
                bar.set_message(digest.hex()[..12].to_string());
                bar
            })
            .clone()
    }
}

impl PullObserver for Bars {
    fn trying(&self, reference: &str) {
        self.trying.set(reference);
    }
    fn blob_started(&self, digest: &Digest, size: u64) {
        self.flush_trying();
        self.bar(digest, size);
    }
    fn blob_progress(&self, digest: &Digest, bytes: u64) {
        self.bar(digest, 0).set_position(bytes);
    }
    fn blob_done(&self, digest: &Digest, already_present: bool) {
        self.flush_trying();
        if already_present {
            let _ = self.multi.println(format!(
                "Copying blob {} skipped: already exists",
                &digest.hex()[..12]
            ));
        } else {
            self.bar(digest, 0).finish();
        }
    }
    fn config(&self, digest: &Digest) {
        let _ = self
            .multi
            .println(format!("Copying config {} done", &digest.hex()[..12]));
    }
    fn writing_manifest(&self) {
        let _ = self.multi.println("Writing manifest to image destination");
    }
}
