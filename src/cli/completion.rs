//! `rpod completion SHELL`: print the completion script (the same that `completions/` holds).

use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionArgs) -> anyhow::Result<i32> {
    let mut cmd = super::docs::full_command();
    clap_complete::generate(args.shell, &mut cmd, "rpod", &mut std::io::stdout());
    Ok(0)
}
