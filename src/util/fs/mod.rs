//! Files and directories as rpod needs them everywhere: directories with an exact mode
//! whatever the umask ([`dirs`]), files written beside their destination under an
//! unpredictable name and created exclusively, then renamed over it ([`replace`]), the random
//! numbers both use ([`random`]), advisory locks that die with their holder ([`lock`]), and
//! staging directories, trash and `remove_tree` ([`staging`]).
//!
//! Imports nothing of rpod, so every layer may use it.

pub mod dirs;
pub mod lock;
pub mod random;
pub mod replace;
pub mod staging;
