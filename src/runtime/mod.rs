//! The process side: user namespaces and, later, the container launch.
