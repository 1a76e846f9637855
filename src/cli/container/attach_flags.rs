//! The flags of every command that attaches the user's terminal to a container (`attach`,
//! `start -a`, `run`): `--detach-keys` and `--sig-proxy`, as Podman spells them.

use clap::Args;

use crate::engine::lifecycle::attach::DetachKeys;

#[derive(Args, Debug, Clone)]
pub struct AttachFlags {
    /// Key sequence that detaches from the container, leaving it running (default
    /// ctrl-p,ctrl-q; "" disables detaching)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Pass the signals rpod receives on to the container's process
    #[arg(long = "sig-proxy", value_name = "BOOL", default_value_t = true, num_args = 0..=1, default_missing_value = "true", require_equals = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
}

impl AttachFlags {
    /// The detach keys asked for (Podman's default when none were).
    pub fn keys(&self) -> anyhow::Result<DetachKeys> {
        match &self.detach_keys {
            None => Ok(DetachKeys::default_keys()),
            Some(given) => Ok(DetachKeys::parse(given)?),
        }
    }

    /// Refuses what only means something attached, for a command that does not attach.
    pub fn refuse_when_detached(&self, why: &str) -> anyhow::Result<()> {
        if self.detach_keys.is_some() {
            anyhow::bail!("--detach-keys has no effect {why}: give it to rpod attach instead");
        }
        if !self.sig_proxy {
            anyhow::bail!(
                "--sig-proxy has no effect {why}: rpod returns at once and passes on no signal"
            );
        }
        Ok(())
    }
}
