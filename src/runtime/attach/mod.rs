//! Attaching to a detached container: its monitor (see `monitor`) listens on a socket of its
//! own, `<runroot>/monitors/<id>/attach`, and relays the container's output to every client
//! connected there, and their input, window size and signals to the container. `rpod attach`
//! connects to it; `start -a` and a foreground `run` that can be detached from hand the
//! monitor one end of a socket pair when they fork it, so no output is missed before they
//! relay. Detaching (the detach keys) leaves the container running under its monitor.
//!
//! Modelled on conmon's attach socket; the packets are rpod's own (see `protocol`).

pub mod client;
pub mod detach_keys;
pub mod protocol;
pub mod socket;
