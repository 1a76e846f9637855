//! `--detach-keys`: the key sequence that leaves a container running and returns to the shell,
//! in Podman's (and Docker's) form: comma-separated keys, each a single character or
//! `ctrl-<value>` with `<value>` one of `a`–`z`, `@`, `[`, `\`, `]`, `^`, `_`. The default is
//! `ctrl-p,ctrl-q`; an empty string disables detaching.
//!
//! The client watches its stdin for the sequence ([`Matcher`]): the bytes of a partial match
//! are held back, and sent on as typed if the sequence breaks off, so a lone Ctrl-P still
//! reaches the container.

/// Podman's default, `ctrl-p,ctrl-q`.
pub const DEFAULT: &str = "ctrl-p,ctrl-q";

/// A parsed key sequence; empty when detaching is disabled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetachKeys(Vec<u8>);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid detach keys {given:?}: {what} (keys are single characters or ctrl-<a-z, @, [, \\, ], ^ or _>, separated by commas, e.g. ctrl-p,ctrl-q; \"\" disables detaching)")]
pub struct DetachKeysError {
    given: String,
    what: String,
}

impl DetachKeys {
    /// Parses Podman's form (see the module doc).
    pub fn parse(given: &str) -> Result<DetachKeys, DetachKeysError> {
        if given.is_empty() {
            return Ok(DetachKeys(Vec::new()));
        }
        let error = |what: String| DetachKeysError {
            given: given.to_string(),
            what,
        };
        given
            .split(',')
            .map(|key| key_byte(key).ok_or_else(|| error(format!("unknown key {key:?}"))))
            .collect::<Result<Vec<u8>, _>>()
            .map(DetachKeys)
    }

    /// The default sequence, `ctrl-p,ctrl-q`.
    pub fn default_keys() -> DetachKeys {
        DetachKeys(vec![0x10, 0x11])
    }

    /// Whether detaching is disabled (`--detach-keys ""`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One key of the sequence as the byte a terminal sends for it.
fn key_byte(key: &str) -> Option<u8> {
    if key.len() == 1 {
        return Some(key.as_bytes()[0]);
    }
    // `ctrl-P` is `ctrl-p`, as Docker reads it.
    let key = key.to_ascii_lowercase();
    let value = key.strip_prefix("ctrl-")?;
    match value.as_bytes() {
        [c @ b'a'..=b'z'] => Some(c - b'a' + 1),
        [b'@'] => Some(0),
        [b'['] => Some(27),
        [b'\\'] => Some(28),
        [b']'] => Some(29),
        [b'^'] => Some(30),
        [b'_'] => Some(31),
        _ => None,
    }
}

/// Watches input for the sequence.
pub struct Matcher {
    keys: DetachKeys,
    /// How many bytes of the sequence the input ends with, held back.
    matched: usize,
}

/// What to do with one read of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// Send these bytes on (held-back ones of a broken-off match included).
    Forward(Vec<u8>),
    /// The sequence was typed: send these bytes (typed before it), then detach.
    Detach(Vec<u8>),
}

impl Matcher {
    pub fn new(keys: DetachKeys) -> Matcher {
        Matcher { keys, matched: 0 }
    }

    /// Scans `input`, which follows what was scanned before.
    pub fn scan(&mut self, input: &[u8]) -> Scan {
        let keys = &self.keys.0;
        let mut out = Vec::with_capacity(input.len());
        if keys.is_empty() {
            out.extend_from_slice(input);
            return Scan::Forward(out);
        }
        for &b in input {
            if b == keys[self.matched] {
                self.matched += 1;
                if self.matched == keys.len() {
                    self.matched = 0;
                    return Scan::Detach(out);
                }
                continue;
            }
            // Broken off: what was held back was input after all. The byte may start a new
            // match (e.g. Ctrl-P Ctrl-P Ctrl-Q).
            out.extend_from_slice(&keys[..self.matched]);
            self.matched = 0;
            if b == keys[0] {
                self.matched = 1;
                if keys.len() == 1 {
                    self.matched = 0;
                    return Scan::Detach(out);
                }
            } else {
                out.push(b);
            }
        }
        Scan::Forward(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_forms_parse() {
        assert_eq!(
            DetachKeys::parse(DEFAULT).unwrap(),
            DetachKeys::default_keys()
        );
        assert_eq!(
            DetachKeys::parse("ctrl-a,x,ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_").unwrap(),
            DetachKeys(vec![1, b'x', 0, 27, 28, 29, 30, 31])
        );
        assert!(DetachKeys::parse("").unwrap().is_empty());
        assert_eq!(
            DetachKeys::parse("ctrl-P,q").unwrap(),
            DetachKeys(vec![0x10, b'q'])
        );
        for bad in ["ctrl-", "ctrl-1", "alt-x", "ctrl-p,", "ab"] {
            assert!(DetachKeys::parse(bad).is_err(), "{bad} should be refused");
        }
        let e = DetachKeys::parse("ctrl-p,bad").unwrap_err().to_string();
        assert!(e.contains("\"bad\"") && e.contains("ctrl-p,ctrl-q"), "{e}");
    }

    #[test]
    fn the_sequence_detaches_across_reads() {
        let mut m = Matcher::new(DetachKeys::default_keys());
        assert_eq!(m.scan(b"ls\x10"), Scan::Forward(b"ls".to_vec()));
        assert_eq!(m.scan(b"\x11rest"), Scan::Detach(Vec::new()));
    }

    #[test]
    fn a_broken_off_match_is_sent_on() {
        let mut m = Matcher::new(DetachKeys::default_keys());
        assert_eq!(m.scan(b"\x10a"), Scan::Forward(b"\x10a".to_vec()));
        // Ctrl-P Ctrl-P Ctrl-Q: the first Ctrl-P was input, the second starts the sequence.
        assert_eq!(m.scan(b"\x10\x10\x11"), Scan::Detach(b"\x10".to_vec()));
        assert_eq!(m.scan(b"x\x10"), Scan::Forward(b"x".to_vec()));
        assert_eq!(m.scan(b"y"), Scan::Forward(b"\x10y".to_vec()));
    }

    #[test]
    fn no_keys_never_detach() {
        let mut m = Matcher::new(DetachKeys::parse("").unwrap());
        assert_eq!(m.scan(b"\x10\x11"), Scan::Forward(b"\x10\x11".to_vec()));
        let mut one = Matcher::new(DetachKeys::parse("ctrl-x").unwrap());
        assert_eq!(one.scan(b"ab\x18cd"), Scan::Detach(b"ab".to_vec()));
    }
}
