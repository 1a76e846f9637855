//! The backend of the `log` facade behind `--log-level`: rpod's warnings and debug lines on
//! stderr, as Podman (logrus) writes them. A detached process has no terminal to show them
//! any other way, and users debug with `--log-level debug`.
//!
//! On a terminal a line is `WARN[0000] message` (the level's first four letters, seconds since
//! start); otherwise `time="2026-01-02T03:04:05Z" level=warning msg="message"`. Setting it up
//! is one `set_logger`: nothing is read or asked of the system until a line is written. No
//! threads. The container's process must not log (see `runtime`).

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::time::Instant;

use clap::ValueEnum;
use log::{Level, LevelFilter, Log, Metadata, Record};

/// Podman's `--log-level` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum, Default)]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    #[default]
    #[value(alias = "warning")]
    Warn,
    Error,
    Fatal,
    Panic,
}

impl LogLevel {
    /// What the `log` facade lets through. rpod has no fatal or panic messages (its errors
    /// are printed as `Error: ...` whatever the level, as Podman's are).
    fn filter(self) -> LevelFilter {
        match self {
            LogLevel::Trace => LevelFilter::Trace,
            LogLevel::Debug => LevelFilter::Debug,
            LogLevel::Info => LevelFilter::Info,
            LogLevel::Warn => LevelFilter::Warn,
            LogLevel::Error => LevelFilter::Error,
            LogLevel::Fatal | LogLevel::Panic => LevelFilter::Off,
        }
    }
}

struct Stderr;

static LOGGER: Stderr = Stderr;
static START: OnceLock<Instant> = OnceLock::new();

/// Routes `log`'s macros to stderr at `level`. Called once, first thing.
pub fn init(level: LogLevel) {
    START.get_or_init(Instant::now);
    // Fails only if a logger is already set (a second call): the first one stays.
    let _ = log::set_logger(&LOGGER);
    log::set_max_level(level.filter());
}

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        let mut stderr = std::io::stderr().lock();
        let line = if stderr.is_terminal() {
            let secs = START.get().map_or(0, |s| s.elapsed().as_secs());
            format!("{}[{secs:04}] {message}\n", short_name(record.level()))
        } else {
            let time = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            format!(
                "time=\"{time}\" level={} msg={}\n",
                long_name(record.level()),
                quoted(&message)
            )
        };
        // Nowhere to report a failing stderr.
        let _ = stderr.write_all(line.as_bytes());
    }

    fn flush(&self) {}
}

/// logrus's level names.
fn long_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "info",
        Level::Debug => "debug",
        Level::Trace => "trace",
    }
}

/// logrus's terminal form: the name's first four letters.
fn short_name(level: Level) -> &'static str {
    match level {
        Level::Error => "ERRO",
        Level::Warn => "WARN",
        Level::Info => "INFO",
        Level::Debug => "DEBU",
        Level::Trace => "TRAC",
    }
}

/// `"text"` with `"`, `\` and control characters escaped, as Go's `%q` (logrus) writes it.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() && c.is_ascii() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_quoted_as_logrus_does() {
        assert_eq!(quoted("a \"b\" c\\d\n"), r#""a \"b\" c\\d\n""#);
        assert_eq!(quoted("tab\there\u{1}"), r#""tab\there\x01""#);
    }

    #[test]
    fn levels_map_to_podmans() {
        assert_eq!(LogLevel::Warn.filter(), LevelFilter::Warn);
        assert_eq!(LogLevel::Fatal.filter(), LevelFilter::Off);
        assert_eq!(
            LogLevel::from_str("warning", false),
            Ok(LogLevel::Warn),
            "Podman's alias"
        );
    }
}
