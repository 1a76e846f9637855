//! The container's log in Podman's `k8s-file` format (conmon's): one record per line of
//! output, `<RFC 3339 time with nanoseconds> <stdout|stderr> <F|P> <text>`, where `P` marks
//! a partial line (output that did not end in a newline when it was read) that the next
//! record of the same stream continues, and `F` a full one. Nothing is held back: what the
//! container wrote is in the file as soon as it was read, as conmon does.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Which of the container's streams a record comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Appends records to a `k8s-file` log.
pub struct LogWriter {
    file: File,
    /// `--log-opt max-size`: the log is truncated when a write would take it past this, as
    /// conmon's `log-size-max` does.
    max_size: Option<u64>,
    /// The file's size now.
    size: u64,
}

impl std::os::fd::AsRawFd for LogWriter {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.file.as_raw_fd()
    }
}

impl LogWriter {
    /// Opens (creating, `0600`) the log at `path` for appending, at most `max_size` bytes.
    pub fn open(path: &Path, max_size: Option<u64>) -> io::Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .custom_flags(libc::O_CLOEXEC)
            .open(path)?;
        let size = file.metadata()?.len();
        Ok(LogWriter {
            file,
            max_size,
            size,
        })
    }

    /// Writes what the container wrote to `stream`, one record per line, the last one partial
    /// if `data` does not end in a newline; in one `write` call.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        let time = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
        let mut out = records(&time, stream, data);
        if let Some(max) = self.max_size {
            if self.size + out.len() as u64 > max {
                self.file.set_len(0)?;
                self.size = 0;
                // More than fits at all: its last records only, whole.
                let mut start = 0;
                while (out.len() - start) as u64 > max {
                    match out[start..].iter().position(|&b| b == b'\n') {
                        Some(i) => start += i + 1,
                        None => start = out.len(),
                    }
                }
                out.drain(..start);
            }
        }
        self.file.write_all(&out)?;
        self.size += out.len() as u64;
        Ok(())
    }
}

/// One line of the container's output read back: partial records joined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// The time of its first record, RFC 3339 as written.
    pub time: String,
    pub stream: Stream,
    /// The text, with its newline if it was a full line.
    pub text: Vec<u8>,
}

/// Parses the complete records of `log` (a trailing record without its newline is left for
/// later, as a reader that follows sees it) into lines; returns them and how many bytes of
/// `log` they used. Damaged records are skipped.
pub fn parse(log: &[u8]) -> (Vec<LogLine>, usize) {
    let mut lines = Vec::new();
    let mut open: [Option<LogLine>; 2] = [None, None];
    let mut used = 0;
    let mut rest = log;
    while let Some(end) = rest.iter().position(|&b| b == b'\n') {
        let record = &rest[..end];
        rest = &rest[end + 1..];
        used += end + 1;
        let Some((time, stream, full, text)) = parse_record(record) else {
            continue;
        };
        let slot = &mut open[stream as usize];
        let line = slot.get_or_insert_with(|| LogLine {
            time: time.to_string(),
            stream,
            text: Vec::new(),
        });
        line.text.extend_from_slice(text);
        if full {
            line.text.push(b'\n');
            lines.push(slot.take().expect("just filled"));
        }
    }
    // A partial line nothing continued (the container's last output): as it is.
    lines.extend(open.into_iter().flatten());
    (lines, used)
}

/// `time stream F|P text`.
fn parse_record(record: &[u8]) -> Option<(&str, Stream, bool, &[u8])> {
    let mut parts = record.splitn(4, |&b| b == b' ');
    let time = std::str::from_utf8(parts.next()?).ok()?;
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let full = match parts.next()? {
        b"F" => true,
        b"P" => false,
        _ => return None,
    };
    Some((time, stream, full, parts.next().unwrap_or(b"")))
}

/// The records for `data` read from `stream` at `time`.
fn records(time: &str, stream: Stream, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 48);
    let mut rest = data;
    while !rest.is_empty() {
        let (line, full, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], true, &rest[i + 1..]),
            None => (rest, false, &rest[rest.len()..]),
        };
        out.extend_from_slice(time.as_bytes());
        out.push(b' ');
        out.extend_from_slice(stream.as_str().as_bytes());
        out.extend_from_slice(if full { b" F " } else { b" P " });
        out.extend_from_slice(line);
        out.push(b'\n');
        rest = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "2024-01-01T00:00:00.000000001Z";

    #[test]
    fn full_and_partial_lines() {
        let got = records(T, Stream::Stdout, b"one\ntwo\nthr");
        let want = format!("{T} stdout F one\n{T} stdout F two\n{T} stdout P thr\n");
        assert_eq!(String::from_utf8(got).unwrap(), want);
        let got = records(T, Stream::Stderr, b"\n");
        assert_eq!(String::from_utf8(got).unwrap(), format!("{T} stderr F \n"));
        assert!(records(T, Stream::Stdout, b"").is_empty());
    }

    #[test]
    fn read_back_with_partials_joined() {
        let mut log = records(T, Stream::Stdout, b"one\npar");
        log.extend(records(T, Stream::Stderr, b"err\n"));
        log.extend(records(T, Stream::Stdout, b"tial\nlast"));
        log.extend_from_slice(b"garbage line\n");
        log.extend_from_slice(b"2024-01-01T00:00:00Z stdout F unfinished");
        let (lines, used) = parse(&log);
        let text: Vec<(Stream, &[u8])> = lines
            .iter()
            .map(|l| (l.stream, l.text.as_slice()))
            .collect();
        assert_eq!(
            text,
            [
                (Stream::Stdout, &b"one\n"[..]),
                (Stream::Stderr, b"err\n"),
                (Stream::Stdout, b"partial\n"),
                (Stream::Stdout, b"last"),
            ]
        );
        assert_eq!(lines[0].time, T);
        assert_eq!(&log[used..], b"2024-01-01T00:00:00Z stdout F unfinished");
    }

    #[test]
    fn max_size_truncates_as_conmon_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, Some(200)).unwrap();
        for i in 0..20 {
            w.write(Stream::Stdout, format!("line {i}\n").as_bytes())
                .unwrap();
            assert!(std::fs::metadata(&path).unwrap().len() <= 200);
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with(" stdout F line 19\n"), "{text}");
        assert!(!text.contains("line 0\n"), "{text}");
        // One write larger than the limit keeps its last whole records.
        let big: String = (0..50).map(|i| format!("big {i}\n")).collect();
        w.write(Stream::Stdout, big.as_bytes()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.len() <= 200 && text.ends_with(" stdout F big 49\n"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.contains(" stdout F big ")), "{text}");
    }

    #[test]
    fn appends_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, None).unwrap();
        w.write(Stream::Stdout, b"a\n").unwrap();
        w.write(Stream::Stderr, b"b").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with(" stdout F a") && lines[1].ends_with(" stderr P b"));
        let time = lines[0].split(' ').next().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(time).is_ok(), "{time}");
    }
}
