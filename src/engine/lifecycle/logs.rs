//! `logs`: a container's log read back (see `runtime::monitor::log`), selected by time and
//! count as Podman's `logs` does, and followed while the container runs. Reads only the
//! user's own file and the container's state: no lock, no user namespace.

use std::io::{Read, Seek, SeekFrom};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::LifecycleError;
use crate::engine::container::dir::ContainerDir;
use crate::runtime::monitor::log::{parse, LogLine};

/// What `logs` shows.
#[derive(Clone, Debug, Default)]
pub struct LogOptions {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// The last N lines only.
    pub tail: Option<usize>,
    pub follow: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid time {0:?}: give an RFC 3339 time (2006-01-02T15:04:05Z), a date, a Unix timestamp, or a duration before now (10m, 1h30m)")]
pub struct TimeError(pub String);

/// A time as Podman's `--since`/`--until` take it, relative to `now` for a duration.
pub fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, TimeError> {
    let bad = || TimeError(s.to_string());
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(t.and_utc());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc());
    }
    if let Ok(secs) = s.parse::<f64>() {
        let (whole, frac) = (secs.trunc() as i64, (secs.fract() * 1e9) as u32);
        return DateTime::from_timestamp(whole, frac).ok_or_else(bad);
    }
    let d = go_duration(s).ok_or_else(bad)?;
    Ok(now - chrono::Duration::from_std(d).map_err(|_| bad())?)
}

/// Go's `time.ParseDuration` for the units a user types: `h`, `m`, `s`, `ms` (`1h30m`).
fn go_duration(s: &str) -> Option<Duration> {
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        let (num, tail) = rest.split_at(n);
        let v: f64 = num.parse().ok()?;
        let u = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (unit, next) = tail.split_at(u);
        total += v * match unit {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        rest = next;
    }
    Some(Duration::from_secs_f64(total))
}

/// Sends the container's log lines to `out`, as `opts` select them; with `follow`, keeps on
/// until the container no longer runs.
pub fn logs(
    dir: &ContainerDir,
    opts: &LogOptions,
    out: &mut dyn FnMut(&LogLine),
) -> Result<(), LifecycleError> {
    let path = dir.log_path();
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(crate::engine::container::error::StorageError::Io(path, e).into()),
    };
    let mut pending = Vec::new();
    let read_more = |file: &mut Option<std::fs::File>, pending: &mut Vec<u8>| {
        if file.is_none() {
            *file = std::fs::File::open(&path).ok();
        }
        if let Some(f) = file {
            let _ = f.read_to_end(pending);
            // Truncated (max-size): start again from its beginning.
            if let (Ok(pos), Ok(meta)) = (f.stream_position(), f.metadata()) {
                if meta.len() < pos {
                    let _ = f.seek(SeekFrom::Start(0));
                }
            }
        }
    };
    read_more(&mut file, &mut pending);
    let (lines, used) = parse_complete(&pending);
    pending.drain(..used);
    let keep = |l: &LogLine| {
        let t = DateTime::parse_from_rfc3339(&l.time).map(|t| t.with_timezone(&Utc));
        opts.since.is_none_or(|s| t.is_ok_and(|t| t >= s))
            && opts.until.is_none_or(|u| t.is_ok_and(|t| t <= u))
    };
    let selected: Vec<&LogLine> = lines.iter().filter(|l| keep(l)).collect();
    let skip = opts.tail.map_or(0, |n| selected.len().saturating_sub(n));
    for l in &selected[skip..] {
        out(l);
    }
    if !opts.follow {
        // What the container wrote last without a newline.
        let (rest, _) = parse(&pending);
        rest.iter().filter(|l| keep(l)).for_each(&mut *out);
        return Ok(());
    }
    loop {
        let running = dir
            .read_state()
            .map(|s| s.status.is_running())
            .unwrap_or(false);
        read_more(&mut file, &mut pending);
        let (lines, used) = parse_complete(&pending);
        pending.drain(..used);
        lines.iter().filter(|l| keep(l)).for_each(&mut *out);
        if !running {
            let (rest, _) = parse(&pending);
            rest.iter().filter(|l| keep(l)).for_each(&mut *out);
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The lines of `log` that are complete (a partial line at the end may still be continued:
/// it waits, with its records, for the next read).
fn parse_complete(log: &[u8]) -> (Vec<LogLine>, usize) {
    parse(&log[..first_unfinished(log)])
}

/// Where the records of the first line that is not finished begin.
fn first_unfinished(log: &[u8]) -> usize {
    let mut offset = 0;
    let mut open: [Option<usize>; 2] = [None, None];
    for record in log.split_inclusive(|&b| b == b'\n') {
        if !record.ends_with(b"\n") {
            break;
        }
        let fields: Vec<&[u8]> = record.splitn(4, |&b| b == b' ').collect();
        let slot = match fields.get(1) {
            Some(&b"stdout") => 0,
            Some(&b"stderr") => 1,
            _ => {
                offset += record.len();
                continue;
            }
        };
        match fields.get(2) {
            Some(&b"P") => {
                open[slot].get_or_insert(offset);
            }
            Some(&b"F") => open[slot] = None,
            _ => {}
        }
        offset += record.len();
    }
    open.iter().flatten().min().copied().unwrap_or(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_podman_takes_them() {
        let now = DateTime::parse_from_rfc3339("2024-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s: &str| parse_time(s, now).unwrap().to_rfc3339();
        assert_eq!(at("2024-01-01T10:00:00Z"), "2024-01-01T10:00:00+00:00");
        assert_eq!(at("2024-01-01T10:00:00"), "2024-01-01T10:00:00+00:00");
        assert_eq!(at("2024-01-01"), "2024-01-01T00:00:00+00:00");
        assert_eq!(at("1704110400"), "2024-01-01T12:00:00+00:00");
        assert_eq!(at("10m"), "2024-01-01T11:50:00+00:00");
        assert_eq!(at("1h30m"), "2024-01-01T10:30:00+00:00");
        assert!(parse_time("yesterday", now).is_err());
    }

    #[test]
    fn an_unfinished_line_waits_for_its_end() {
        let log = b"t stdout F a\nt stdout P b\nt stderr F e\n";
        let (lines, used) = parse_complete(log);
        let texts: Vec<&[u8]> = lines.iter().map(|l| l.text.as_slice()).collect();
        assert_eq!(texts, [&b"a\n"[..]]);
        assert_eq!(&log[used..], b"t stdout P b\nt stderr F e\n");
    }
}
