//! Creating files and directories that other local users can neither read nor redirect:
//! directories with an exact mode whatever the umask ([`dirs`]), files written beside their
//! destination under an unpredictable name and created exclusively, then renamed over it
//! ([`replace`]), and the random numbers both use ([`random`]).
//!
//! A leaf of the crate: it imports nothing of rpod, so every layer may use it.

pub mod dirs;
pub mod random;
pub mod replace;
