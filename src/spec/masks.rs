//! `--security-opt mask=PATH[:PATH...]` and `unmask=PATTERN[:PATTERN...]|ALL`: the paths
//! masked on top of Podman's defaults, and the defaults (masked and read-only paths) left
//! alone. Patterns are Go's `filepath.Match` globs (`/proc/*`), as Podman matches them.

use serde::{Deserialize, Serialize};

/// The user's changes to the masked and read-only paths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masks {
    /// `mask=`: masked too (also with `--privileged`, as Podman does).
    pub extra: Vec<String>,
    /// `unmask=`: default masked or read-only paths matching one of these are left alone.
    pub unmask: Vec<String>,
    /// `unmask=ALL`: no default masked or read-only path at all.
    pub unmask_all: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MaskError {
    #[error(
        "invalid --security-opt {0:?}: {1:?} is not an absolute path; give mask=/PATH[:/PATH...]"
    )]
    Mask(String, String),
    #[error(
        "invalid --security-opt {0:?}: {1:?} is neither ALL nor an absolute path or pattern \
         (like /proc/*); give unmask=ALL or unmask=/PATH[:/PATH...]"
    )]
    Unmask(String, String),
}

/// The `mask=` and `unmask=` options among `--security-opt` values (the others are
/// `spec::security_opts`' business).
pub fn from_security_opts(opts: &[String]) -> Result<Masks, MaskError> {
    let mut masks = Masks::default();
    for o in opts {
        match o.split_once(['=', ':']) {
            Some(("mask", v)) => masks.add(o, v, false)?,
            Some(("unmask", v)) => masks.add(o, v, true)?,
            _ => {}
        }
    }
    Ok(masks)
}

impl Masks {
    /// Takes in one `mask=` (`unmask == false`) or `unmask=` value; `opt` is the whole
    /// option, for the message.
    pub fn add(&mut self, opt: &str, value: &str, unmask: bool) -> Result<(), MaskError> {
        for p in value.split(':') {
            if unmask && p.eq_ignore_ascii_case("all") {
                self.unmask_all = true;
            } else if !p.starts_with('/') || (unmask && !well_formed(p)) {
                let e = if unmask {
                    MaskError::Unmask
                } else {
                    MaskError::Mask
                };
                return Err(e(opt.to_string(), p.to_string()));
            } else if unmask {
                self.unmask.push(p.to_string());
            } else {
                self.extra.push(p.to_string());
            }
        }
        Ok(())
    }

    /// Whether the default masked or read-only `path` still applies.
    pub fn keeps(&self, path: &str) -> bool {
        !self.unmask_all && !self.unmask.iter().any(|p| glob_match(p, path))
    }
}

/// Whether `pattern` is a valid `filepath.Match` pattern (classes closed, escapes complete).
fn well_formed(pattern: &str) -> bool {
    matches(pattern.as_bytes(), b"").is_ok()
}

/// Go's `filepath.Match`: `*` is any run of non-`/` bytes, `?` one non-`/` byte, `[...]` a
/// class (`[^...]` negated, `a-z` ranges), `\` escapes. A malformed pattern matches nothing.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    matches(pattern.as_bytes(), name.as_bytes()).unwrap_or(false)
}

/// `Err(())` for a malformed pattern (checked to the end, as Go does).
fn matches(p: &[u8], n: &[u8]) -> Result<bool, ()> {
    match p.first() {
        None => Ok(n.is_empty()),
        Some(b'*') => {
            let rest = &p[1..];
            // Every split of the run of non-'/' bytes; the pattern's tail is checked for
            // syntax even when nothing matches.
            let mut found = false;
            for i in 0..=n.len() {
                if matches(rest, &n[i..])? {
                    found = true;
                    break;
                }
                if n.get(i) == Some(&b'/') {
                    break;
                }
            }
            if !found {
                matches(rest, b"")?;
            }
            Ok(found)
        }
        Some(&c) => {
            let (ok, used) = match c {
                b'?' => (n.first().is_some_and(|&b| b != b'/'), 1),
                b'[' => class(&p[1..], n.first().copied()).map(|(ok, u)| (ok, u + 1))?,
                b'\\' => {
                    let &e = p.get(1).ok_or(())?;
                    (n.first() == Some(&e), 2)
                }
                _ => (n.first() == Some(&c), 1),
            };
            let tail = matches(&p[used..], n.get(1..).unwrap_or_default())?;
            Ok(ok && tail)
        }
    }
}

/// A class after its `[`: whether `b` is in it, and how many pattern bytes it took.
fn class(p: &[u8], b: Option<u8>) -> Result<(bool, usize), ()> {
    let mut i = 0;
    let negated = p.first() == Some(&b'^');
    if negated {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    loop {
        let c = *p.get(i).ok_or(())?;
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        let lo = escaped(p, &mut i)?;
        let hi = if p.get(i) == Some(&b'-') && p.get(i + 1) != Some(&b']') {
            i += 1;
            escaped(p, &mut i)?
        } else {
            lo
        };
        if lo > hi {
            return Err(());
        }
        hit |= b.is_some_and(|b| lo <= b && b <= hi);
    }
    let ok = b.is_some_and(|b| b != b'/') && hit != negated;
    Ok((ok, i))
}

fn escaped(p: &[u8], i: &mut usize) -> Result<u8, ()> {
    let mut c = *p.get(*i).ok_or(())?;
    if c == b'\\' {
        *i += 1;
        c = *p.get(*i).ok_or(())?;
    }
    *i += 1;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_as_go_matches_them() {
        for (p, n, want) in [
            ("/proc/*", "/proc/kcore", true),
            ("/proc/*", "/proc/sys/net", false),
            ("/proc/*", "/sys/firmware", false),
            (
                "/sys/devices/system/cpu/cpu*/thermal_throttle",
                "/sys/devices/system/cpu/cpu12/thermal_throttle",
                true,
            ),
            ("/proc/k?ore", "/proc/kcore", true),
            ("/proc/[jk]core", "/proc/kcore", true),
            ("/proc/[^k]core", "/proc/kcore", false),
            ("/proc/[a-z]core", "/proc/kcore", true),
            ("/proc/\\*", "/proc/*", true),
            ("/proc/\\*", "/proc/kcore", false),
            ("/proc/kcore", "/proc/kcore", true),
            ("/proc/kcore", "/proc/kcore2", false),
            ("/proc/[", "/proc/[", false),
        ] {
            assert_eq!(glob_match(p, n), want, "{p} against {n}");
        }
        assert!(!well_formed("/proc/[k"));
        assert!(!well_formed("/proc/x\\"));
        assert!(well_formed("/proc/[k]*"));
    }

    #[test]
    fn options() {
        let mut m = Masks::default();
        m.add("mask=/a:/b", "/a:/b", false).unwrap();
        m.add("unmask=/proc/*", "/proc/*", true).unwrap();
        assert_eq!(m.extra, ["/a", "/b"]);
        assert!(!m.keeps("/proc/kcore") && m.keeps("/sys/firmware"));
        m.add("unmask=all", "all", true).unwrap();
        assert!(!m.keeps("/sys/firmware"));
        let mut m = Masks::default();
        assert!(matches!(
            m.add("mask=rel", "rel", false),
            Err(MaskError::Mask(..))
        ));
        assert!(matches!(
            m.add("mask=", "", false),
            Err(MaskError::Mask(..))
        ));
        assert!(matches!(
            m.add("unmask=/a:b", "/a:b", true),
            Err(MaskError::Unmask(..))
        ));
        assert!(matches!(
            m.add("unmask=/[a", "/[a", true),
            Err(MaskError::Unmask(..))
        ));
    }
}
