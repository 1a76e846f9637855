//! Placeholder until the registry branch lands.
