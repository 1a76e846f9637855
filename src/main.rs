//! The `rpod` binary: everything happens in the library, `rpod::cli::main` returns the status.

fn main() {
    std::process::exit(rpod::cli::main());
}
