//! What `run` needs of an image, and nothing of the store's internals: the unpacked layer
//! directories (overlay form, owners shifted) and the image configuration.

use std::path::PathBuf;

/// An image resolved by the store, ready to be used as a container's lower layers.
#[derive(Clone, Debug)]
pub struct ImageForRun {
    /// Unpacked layer directories, lowest first.
    pub layer_dirs: Vec<PathBuf>,
    /// The image's configuration (Entrypoint, Cmd, Env, User, WorkingDir...).
    pub config: oci_spec::image::ImageConfiguration,
}
