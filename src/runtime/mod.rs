//! The process side: entering the user namespace, and launching containers in it.

pub mod idmap;
pub mod userns;
