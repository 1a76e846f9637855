//! Sizes as Podman's flags take them, by docker/go-units' two readings: a number (decimals
//! allowed), an optional space, an optional unit `k`, `m`, `g`, `t` or `p` (any case), then
//! an optional `i` and an optional `b`. [`human_size`] reads the units as powers of 1000
//! (`units.FromHumanSize`: `--log-opt max-size`); [`ram_in_bytes`] as powers of 1024
//! (`units.RAMInBytes`: `--memory`, `--shm-size`). The `i` changes neither: `10mib` is ten
//! million bytes where Podman says so too.

/// A size that neither reading takes.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid size {0:?}: give a number with an optional unit, such as 512, 10k, 64m or 1.5g")]
pub struct SizeError(pub String);

/// `units.FromHumanSize`: the units are powers of 1000.
pub fn human_size(s: &str) -> Result<u64, SizeError> {
    parse(s, 1000)
}

/// `units.RAMInBytes`: the units are powers of 1024.
pub fn ram_in_bytes(s: &str) -> Result<u64, SizeError> {
    parse(s, 1024)
}

fn parse(s: &str, base: u64) -> Result<u64, SizeError> {
    let bad = || SizeError(s.to_string());
    let end = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (number, rest) = s.split_at(end);
    // go-units' number: digits, then groups of `.digits`.
    if number.is_empty()
        || number.starts_with('.')
        || number.ends_with('.')
        || number.contains("..")
    {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest).to_ascii_lowercase();
    let mut unit = rest.as_str();
    let power = match unit.chars().next() {
        Some(c @ ('k' | 'm' | 'g' | 't' | 'p')) => {
            unit = &unit[1..];
            "kmgtp".find(c).map_or(0, |i| i as u32 + 1)
        }
        _ => 0,
    };
    let unit = unit.strip_prefix('i').unwrap_or(unit);
    let unit = unit.strip_prefix('b').unwrap_or(unit);
    if !unit.is_empty() {
        return Err(bad());
    }
    let bytes = value * base.pow(power) as f64;
    if !bytes.is_finite() || bytes > u64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_units_readings() {
        assert_eq!(human_size("512"), Ok(512));
        assert_eq!(human_size("10k"), Ok(10_000));
        assert_eq!(human_size("10mb"), Ok(10_000_000));
        assert_eq!(human_size("10 MiB"), Ok(10_000_000));
        assert_eq!(human_size("1.5k"), Ok(1500));
        assert_eq!(human_size("2G"), Ok(2_000_000_000));
        assert_eq!(human_size("1t"), Ok(1_000_000_000_000));
        assert_eq!(ram_in_bytes("512m"), Ok(512 << 20));
        assert_eq!(ram_in_bytes("1.5k"), Ok(1536));
        assert_eq!(ram_in_bytes("2gb"), Ok(2 << 30));
        assert_eq!(ram_in_bytes("0"), Ok(0));
        assert_eq!(ram_in_bytes("4b"), Ok(4));
        for bad in [
            "", "x", "1x", "-1", "k", "1..5k", ".5k", "1.k", "1kk", "1bi", "1  k",
        ] {
            assert!(human_size(bad).is_err(), "{bad}");
            assert!(ram_in_bytes(bad).is_err(), "{bad}");
        }
    }
}
