//! The OCI vocabulary both halves of rpod speak: image references ([`reference`]) and content
//! digests ([`digest`]). A leaf: `config` (registries.conf's prefixes) and `image` both use it,
//! which is why it is not part of `image`.

pub mod digest;
pub mod reference;
