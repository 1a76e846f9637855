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
    let page = with_sections(page, &extra_sections(name));
    out.push((format!("{name}.1"), page));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        collect(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

/// The sections clap knows nothing of: EXAMPLES for every page, and on rpod(1) EXIT STATUS,
/// FILES and ENVIRONMENT (see `examples` and `man_sections`).
fn extra_sections(page: &str) -> String {
    let path = page.strip_prefix("rpod").unwrap_or(page);
    let path = path.trim_start_matches('-').replace('-', " ");
    let mut roff = String::new();
    if let Some(examples) = super::examples::for_command(&path) {
        roff.push_str(".SH EXAMPLES\n");
        for (what, line) in examples {
            roff.push_str(&format!(
                ".PP\n{}\n.PP\n.RS 4\n.nf\n$ {}\n.fi\n.RE\n",
                escape(what),
                escape(line)
            ));
        }
    }
    if path.is_empty() {
        use super::man_sections::{ENVIRONMENT, EXIT_STATUS, FILES};
        for (title, items) in [
            ("EXIT STATUS", EXIT_STATUS),
            ("FILES", FILES),
            ("ENVIRONMENT", ENVIRONMENT),
        ] {
            roff.push_str(&format!(".SH \"{title}\"\n"));
            for (term, text) in items {
                roff.push_str(&format!(
                    ".TP\n\\fB{}\\fR\n{}\n",
                    escape(term),
                    escape(text)
                ));
            }
        }
    }
    roff
}

/// Text safe in a roff line: backslashes, hyphens as minus signs (copyable), apostrophes as
/// the page's `Aq` string, and a line start that roff would read as a request.
fn escape(text: &str) -> String {
    let t = text
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\*(Aq");
    if t.starts_with('.') {
        format!("\\&{t}")
    } else {
        t
    }
}

/// `sections` inserted before the VERSION section (or at the end), where Podman's pages put
/// their examples and files: after the options.
fn with_sections(page: Vec<u8>, sections: &str) -> Vec<u8> {
    if sections.is_empty() {
        return page;
    }
    let text = String::from_utf8(page).expect("clap_mangen writes UTF-8");
    let at = text.find(".SH VERSION").unwrap_or(text.len());
    let mut out = text[..at].to_string();
    out.push_str(sections);
    out.push_str(&text[at..]);
    out.into_bytes()
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
