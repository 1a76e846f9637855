//! Image archives: docker-archive and oci-archive, for `rpod save` and `rpod load`. (to be written)
