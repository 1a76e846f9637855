//! Man pages and shell completions generated from the clap definitions, so they can never
//! disagree with the CLI. `tests/docs.rs` checks the committed `man/` and `completions/`
//! against this output (and rewrites them with `RPOD_UPDATE_DOCS=1`).

use clap::CommandFactory;
use clap_complete::Shell;

/// The whole command tree, every subcommand's arguments included: at run time they are built
/// only for the command invoked (`defer`), and generators do not build them themselves.
pub fn full_command() -> clap::Command {
    let mut cmd = super::Cli::command();
    cmd.build();
    cmd
}

/// `(file name, content)` of every man page: `rpod.1`, `rpod-pull.1`, `rpod-image-inspect.1`...
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    collect(&full_command(), "rpod", &mut out);
    out
}

fn collect(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let mut page = Vec::new();
    // `--version` prints `rpod version X.Y.Z`, as Podman's does; the page's VERSION section
    // puts a `v` before the command's version, so it gets the bare number (`v0.1.0`).
    let titled = cmd
        .clone()
        .name(name.to_string())
        .display_name(name.to_string())
        .version(env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(titled)
        .date("")
        .source(format!("rpod {}", env!("CARGO_PKG_VERSION")))
        .manual("rpod Manual")
        .render(&mut page)
        .expect("rendering to memory cannot fail");
    out.push((format!("{name}.1"), page));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        collect(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

/// `(file name, content)` of the bash, zsh and fish completion scripts.
pub fn completions() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "rpod.bash"),
        (Shell::Zsh, "_rpod"),
        (Shell::Fish, "rpod.fish"),
    ]
    .into_iter()
    .map(|(shell, file)| {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut full_command(), "rpod", &mut script);
        (file.to_string(), script)
    })
    .collect()
}
