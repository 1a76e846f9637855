//! TEMPORARY dispatcher on the `run` branch (the lead's `main.rs` replaces it at merge):
//! enters the user namespace before anything else, then dispatches `run`.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "rpod")]
struct Cli {
    /// Storage root
    #[arg(long, global = true)]
    root: Option<std::path::PathBuf>,
    /// Run-time state root
    #[arg(long, global = true)]
    runroot: Option<std::path::PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Run(rpod::cli::run::RunArgs),
}

fn main() {
    if let Err(e) = rpod::runtime::userns::enter() {
        eprintln!("Error: {e}");
        std::process::exit(125);
    }
    let cli = Cli::parse();
    let ctx = rpod::cli::Context {
        paths: rpod::config::paths::Paths::resolve(cli.root.as_deref(), cli.runroot.as_deref()),
    };
    let code = match cli.cmd {
        Cmd::Run(args) => rpod::cli::run::run(args, &ctx),
    };
    std::process::exit(code.unwrap_or_else(|e| {
        eprintln!("Error: {e:#}");
        125
    }));
}
