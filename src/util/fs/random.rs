//! Random numbers from the kernel (`getrandom(2)`), for names nobody can guess: container
//! ids, temporary files, staging directories. No RNG crate is needed for that.

use std::io::Read;

/// Fills `buf` from the kernel's random pool (`/dev/urandom` where `getrandom` is refused,
/// e.g. by an old seccomp filter; the clock and pid as a last resort, which only makes names
/// guessable — their files are still created exclusively).
pub fn fill(buf: &mut [u8]) {
    let mut filled = 0;
    while filled < buf.len() {
        let rest = &mut buf[filled..];
        // SAFETY: writes at most `rest.len()` bytes into `rest`.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n > 0 {
            filled += n as usize;
        } else if n == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            // Refused (or, against the manual, no progress): never retry forever.
            break;
        }
    }
    if filled == buf.len() {
        return;
    }
    let rest = &mut buf[filled..];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(rest))
        .is_err()
    {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let seed = (t.as_nanos() as u64 ^ u64::from(std::process::id())).to_ne_bytes();
        for (i, b) in rest.iter_mut().enumerate() {
            *b = seed[i % seed.len()].rotate_left(i as u32);
        }
    }
}

/// A random 64-bit number.
pub fn u64() -> u64 {
    let mut buf = [0u8; 8];
    fill(&mut buf);
    u64::from_ne_bytes(buf)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_differ() {
        assert_ne!(super::u64(), super::u64());
        let mut a = [0u8; 32];
        super::fill(&mut a);
        assert_ne!(a, [0u8; 32]);
    }
}
