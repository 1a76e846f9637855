//! Signals as users name them (`--stop-signal`, `kill -s`): `SIGTERM`, `TERM`, `term` or `15`.

#[derive(Debug, thiserror::Error)]
#[error("invalid signal {0:?}: give a name such as SIGTERM or TERM, or a number from 1 to 64")]
pub struct SignalError(pub String);

/// The signal's number.
pub fn parse_signal(s: &str) -> Result<i32, SignalError> {
    let bad = || SignalError(s.to_string());
    if let Ok(n) = s.parse::<i32>() {
        return (1..=64).contains(&n).then_some(n).ok_or_else(bad);
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(rt) = name.strip_prefix("RTMIN") {
        let off: i32 = match rt {
            "" => 0,
            _ => rt
                .strip_prefix('+')
                .and_then(|n| n.parse().ok())
                .ok_or_else(bad)?,
        };
        let n = libc::SIGRTMIN() + off;
        return (n <= libc::SIGRTMAX()).then_some(n).ok_or_else(bad);
    }
    format!("SIG{name}")
        .parse::<nix::sys::signal::Signal>()
        .map(|s| s as i32)
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(parse_signal("SIGTERM").unwrap(), 15);
        assert_eq!(parse_signal("term").unwrap(), 15);
        assert_eq!(parse_signal("KILL").unwrap(), 9);
        assert_eq!(parse_signal("10").unwrap(), 10);
        assert_eq!(parse_signal("RTMIN+1").unwrap(), libc::SIGRTMIN() + 1);
        for bad in ["", "0", "65", "SIGFOO", "RTMIN+100"] {
            assert!(parse_signal(bad).is_err(), "{bad}");
        }
    }
}
