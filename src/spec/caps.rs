//! Capability names and sets, as a 64-bit mask indexed by capability number, and the rule
//! Podman uses to merge `--cap-add`/`--cap-drop` with its default set.

pub use super::cap_names::NAMES;

/// A set of capabilities: bit N is capability N.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CapSet(pub u64);

impl CapSet {
    /// Every capability rpod knows.
    pub const ALL: CapSet = CapSet((1u64 << NAMES.len()) - 1);

    /// Podman's default set for containers.
    pub fn podman_default() -> CapSet {
        [
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT",
        ]
        .iter()
        .fold(CapSet(0), |s, n| s.with(number(n).expect("known name")))
    }

    pub fn with(self, cap: u8) -> CapSet {
        CapSet(self.0 | 1 << cap)
    }

    pub fn without(self, cap: u8) -> CapSet {
        CapSet(self.0 & !(1 << cap))
    }

    pub fn contains(self, cap: u8) -> bool {
        self.0 & (1 << cap) != 0
    }
}

/// The number of a capability named `CAP_X`, `X` or `x`.
pub fn number(name: &str) -> Option<u8> {
    let up = name.to_ascii_uppercase();
    let bare = up.strip_prefix("CAP_").unwrap_or(&up);
    NAMES.iter().position(|n| *n == bare).map(|p| p as u8)
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CapError {
    #[error("unknown capability {0:?}")]
    Unknown(String),
    #[error("capability {0:?} cannot be both added and dropped")]
    Conflict(String),
}

/// Podman's merge: `--cap-drop all` keeps only the added ones, `--cap-add all` keeps all but
/// the dropped ones, otherwise `base + add - drop`.
pub fn merge(base: CapSet, add: &[String], drop: &[String]) -> Result<CapSet, CapError> {
    let is_all = |s: &String| s.eq_ignore_ascii_case("all");
    let parse = |list: &[String]| -> Result<Vec<u8>, CapError> {
        list.iter()
            .filter(|s| !is_all(s))
            .map(|s| number(s).ok_or_else(|| CapError::Unknown(s.clone())))
            .collect()
    };
    let (a, d) = (parse(add)?, parse(drop)?);
    if let Some(c) = a.iter().find(|c| d.contains(c)) {
        return Err(CapError::Conflict(format!("CAP_{}", NAMES[*c as usize])));
    }
    let start = if drop.iter().any(is_all) {
        CapSet(0)
    } else if add.iter().any(is_all) {
        CapSet::ALL
    } else {
        base
    };
    let with_added = a.iter().fold(start, |s, &c| s.with(c));
    Ok(d.iter().fold(with_added, |s, &c| s.without(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_with_or_without_prefix() {
        assert_eq!(number("CAP_SYS_ADMIN"), Some(21));
        assert_eq!(number("net_raw"), Some(13));
        assert_eq!(number("nope"), None);
    }

    #[test]
    fn default_set_has_eleven() {
        assert_eq!(CapSet::podman_default().0.count_ones(), 11);
        assert!(CapSet::podman_default().contains(number("SYS_CHROOT").unwrap()));
    }

    #[test]
    fn merge_rules() {
        let base = CapSet::podman_default();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let m = merge(base, &s(&["net_raw"]), &s(&["CAP_KILL"])).unwrap();
        assert!(m.contains(13) && !m.contains(5));
        assert_eq!(
            merge(base, &s(&["chown"]), &s(&["all"])).unwrap(),
            CapSet(1)
        );
        assert_eq!(
            merge(base, &s(&["all"]), &s(&["chown"])).unwrap(),
            CapSet::ALL.without(0)
        );
        assert!(matches!(
            merge(base, &s(&["bogus"]), &[]),
            Err(CapError::Unknown(_))
        ));
        assert!(matches!(
            merge(base, &s(&["kill"]), &s(&["kill"])),
            Err(CapError::Conflict(_))
        ));
    }
}
