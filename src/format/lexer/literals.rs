//! Go's literal syntax, decoded: the escapes of quoted strings and character constants, and
//! number literals (decimal, hex/octal/binary, floats, `_` separators).

use serde_json::Number;

/// The character after a backslash in a Go quoted string or character constant.
pub(super) fn unescape(e: char, chars: &mut std::str::CharIndices<'_>) -> Option<char> {
    let mut hex = |n: usize| -> Option<char> {
        let mut v: u32 = 0;
        for _ in 0..n {
            v = v * 16 + chars.next()?.1.to_digit(16)?;
        }
        char::from_u32(v)
    };
    Some(match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        '\\' => '\\',
        '"' => '"',
        '\'' => '\'',
        'x' => return hex(2),
        'u' => return hex(4),
        'U' => return hex(8),
        '0'..='7' => {
            let mut v = e.to_digit(8)?;
            for _ in 0..2 {
                v = v * 8 + chars.next()?.1.to_digit(8)?;
            }
            return char::from_u32(v).filter(|_| v < 256);
        }
        _ => return None,
    })
}

/// Go number literals: decimal, hex/octal/binary integers, floats, `_` separators.
pub(super) fn parse_number(text: &str) -> Option<Number> {
    let clean = text.replace('_', "");
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, &clean[..]),
    };
    let radix = match body.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let v = u64::from_str_radix(&body[2..], radix).ok()?;
        return signed(neg, v);
    }
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if let Ok(v) = body.parse::<u64>() {
        return signed(neg, v);
    }
    let f: f64 = body.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Number::from_f64(if neg { -f } else { f })
}

fn signed(neg: bool, v: u64) -> Option<Number> {
    if !neg {
        return Some(Number::from(v));
    }
    if v <= i64::MAX as u64 + 1 {
        Some(Number::from((v as i128).wrapping_neg() as i64))
    } else {
        None
    }
}
