//! Containers' cgroups on a cgroup v2 hierarchy that systemd delegated to the user. For now:
//! what the user's cgroup offers ([`delegation`]), checked before a container that asks for
//! limits is made, so that rpod never runs unlimited a container the user asked to limit.
//! Applying the limits comes with the container's own cgroup.

pub mod delegation;
