//! The packets between a container's monitor and its attached clients, one per
//! `SOCK_SEQPACKET` message (the kernel keeps their boundaries, so a packet needs no length):
//! a type byte, then the payload.

/// The largest packet either side sends: a read's worth of output plus its type byte.
pub const MAX_PACKET: usize = 32 * 1024 + 1;

/// What a client sends the monitor.
#[derive(Debug, PartialEq, Eq)]
pub enum ToMonitor<'a> {
    /// Input for the container's stdin (or its terminal).
    Stdin(&'a [u8]),
    /// The client's stdin ended: the container's stdin is closed (without `-t`).
    StdinClosed,
    /// The client's terminal has this size: the container's terminal takes it.
    WindowSize { rows: u16, cols: u16 },
    /// A signal for the container's PID 1 (`--sig-proxy`).
    Signal(i32),
}

/// What the monitor sends its clients.
#[derive(Debug, PartialEq, Eq)]
pub enum ToClient<'a> {
    Stdout(&'a [u8]),
    Stderr(&'a [u8]),
    /// The container's workload ended with this status (the container is recorded as
    /// exited, and removed if it was `--rm`, before this is sent).
    Exited(i32),
}

const STDIN: u8 = b'i';
const STDIN_CLOSED: u8 = b'c';
const WINDOW_SIZE: u8 = b'w';
const SIGNAL: u8 = b's';
const STDOUT: u8 = b'o';
const STDERR: u8 = b'e';
const EXITED: u8 = b'x';

impl ToMonitor<'_> {
    pub fn encode(&self) -> Vec<u8> {
        match self {
            ToMonitor::Stdin(data) => tagged(STDIN, data),
            ToMonitor::StdinClosed => vec![STDIN_CLOSED],
            ToMonitor::WindowSize { rows, cols } => {
                let mut p = vec![WINDOW_SIZE];
                p.extend_from_slice(&rows.to_le_bytes());
                p.extend_from_slice(&cols.to_le_bytes());
                p
            }
            ToMonitor::Signal(sig) => tagged(SIGNAL, &sig.to_le_bytes()),
        }
    }

    /// `None` for a packet of no known shape (ignored: a newer client's, or garbage).
    pub fn decode(packet: &[u8]) -> Option<ToMonitor<'_>> {
        let (&kind, rest) = packet.split_first()?;
        Some(match kind {
            STDIN => ToMonitor::Stdin(rest),
            STDIN_CLOSED if rest.is_empty() => ToMonitor::StdinClosed,
            WINDOW_SIZE if rest.len() == 4 => ToMonitor::WindowSize {
                rows: u16::from_le_bytes([rest[0], rest[1]]),
                cols: u16::from_le_bytes([rest[2], rest[3]]),
            },
            SIGNAL => ToMonitor::Signal(i32::from_le_bytes(rest.try_into().ok()?)),
            _ => return None,
        })
    }
}

impl ToClient<'_> {
    pub fn encode(&self) -> Vec<u8> {
        match self {
            ToClient::Stdout(data) => tagged(STDOUT, data),
            ToClient::Stderr(data) => tagged(STDERR, data),
            ToClient::Exited(code) => tagged(EXITED, &code.to_le_bytes()),
        }
    }

    pub fn decode(packet: &[u8]) -> Option<ToClient<'_>> {
        let (&kind, rest) = packet.split_first()?;
        Some(match kind {
            STDOUT => ToClient::Stdout(rest),
            STDERR => ToClient::Stderr(rest),
            EXITED => ToClient::Exited(i32::from_le_bytes(rest.try_into().ok()?)),
            _ => return None,
        })
    }
}

fn tagged(kind: u8, payload: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(payload.len() + 1);
    p.push(kind);
    p.extend_from_slice(payload);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_read_back_as_written() {
        for m in [
            ToMonitor::Stdin(b"ls\r"),
            ToMonitor::StdinClosed,
            ToMonitor::WindowSize {
                rows: 50,
                cols: 200,
            },
            ToMonitor::Signal(15),
        ] {
            assert_eq!(ToMonitor::decode(&m.encode()), Some(m));
        }
        for c in [
            ToClient::Stdout(b"out"),
            ToClient::Stderr(b""),
            ToClient::Exited(137),
        ] {
            assert_eq!(ToClient::decode(&c.encode()), Some(c));
        }
    }

    #[test]
    fn malformed_packets_are_none() {
        assert_eq!(ToMonitor::decode(b""), None);
        assert_eq!(ToMonitor::decode(b"w\x01"), None);
        assert_eq!(ToMonitor::decode(b"s\x01\x02"), None);
        assert_eq!(ToMonitor::decode(b"?x"), None);
        assert_eq!(ToClient::decode(b"x\x00"), None);
    }
}
