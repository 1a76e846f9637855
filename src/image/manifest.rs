//! OCI and Docker manifests, indexes and image configs. (to be written)
