//! The registry protocol (OCI distribution): manifests and blobs, TLS, auth. (to be written)
