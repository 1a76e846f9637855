//! The per-user image store. (to be written)
