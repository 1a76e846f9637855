//! `--log-level`: rpod's messages go through one logger on stderr, in Podman's (logrus's) form
//! `time="..." level=debug msg="..."` when stderr is not a terminal. `debug` shows the main
//! steps, the default (`warn`) shows none of them, `error` silences warnings, and an unknown
//! level is refused. On a terminal a line is logrus's `INFO[0000] ...`.

mod common;

use common::{assert_error, env, shell_quote, Output, Rpod};
use std::os::unix::fs::PermissionsExt;

const ALPINE: &str = "alpine";

/// The stderr lines in logrus's form, as (level, message).
fn log_lines(out: &Output) -> Vec<(&str, &str)> {
    out.stderr
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("time=\"")?;
            let (_, rest) = rest.split_once("\" level=")?;
            let (level, msg) = rest.split_once(" msg=")?;
            Some((level, msg))
        })
        .collect()
}

fn messages<'a>(out: &'a Output, level: &str) -> Vec<&'a str> {
    log_lines(out)
        .into_iter()
        .filter(|(l, _)| *l == level)
        .map(|(_, m)| m)
        .collect()
}

#[test]
fn debug_shows_the_main_steps_on_stderr() {
    let t = Rpod::new("log_debug");
    let pull = t.ok(&["--log-level", "debug", "pull", "-q", ALPINE]);
    let debug = messages(&pull, "debug");
    pull.check(
        debug
            .iter()
            .any(|m| m.starts_with("\"GET ") && m.contains("127.0.0.1:5000/v2/")),
        "the registry requests are logged",
    );
    pull.check(
        !pull.stdout.contains("level="),
        "log lines go to stderr, not stdout",
    );

    let run = t.ok(&["--log-level", "debug", "run", "--rm", ALPINE, "echo", "hi"]);
    run.check(run.lines() == ["hi"], "the container's output is untouched");
    run.check(
        !messages(&run, "debug").is_empty(),
        "`--log-level debug` shows debug lines",
    );
    if t.skip_for_podman("rpod's own debug messages") {
        return;
    }
    let debug = messages(&run, "debug");
    pull.check(
        messages(&pull, "debug")
            .iter()
            .any(|m| m.contains("reading registries configuration")),
        "the configuration files read are logged",
    );
    for step in [
        "reading the image index",
        "found alpine in the store",
        "started container",
        "exited with status 0",
    ] {
        run.check(
            debug.iter().any(|m| m.contains(step)),
            &format!("a debug line says {step:?}"),
        );
    }
    run.check(
        run.stderr.lines().all(|l| l.starts_with("time=\"")),
        "every stderr line is a log line",
    );
}

#[test]
fn the_default_level_shows_no_debug_lines() {
    let t = Rpod::new("log_default");
    let pull = t.ok(&["pull", "-q", ALPINE]);
    pull.check(pull.stderr.is_empty(), "a quiet pull says nothing");
    let run = t.ok(&["run", "--rm", ALPINE, "true"]);
    run.check(run.stderr.is_empty(), "no log lines at the default level");
    let images = t.ok(&["--log-level", "warn", "images"]);
    images.check(images.stderr.is_empty(), "no log lines at warn");
}

#[test]
fn error_level_hides_a_warning() {
    let t = Rpod::new("log_error");
    if t.skip_for_podman("rpod's warning about a store left open by an older rpod") {
        return;
    }
    t.ok(&["pull", "-q", ALPINE]);
    let open_up = || {
        // As an older rpod left it: rpod makes `layers/` private and warns.
        t.sh(&format!("cd '{}' && chmod 0755 . layers", t.root.display()))
            .assert_ok();
    };

    open_up();
    let hidden = t.ok(&["--log-level", "error", "images"]);
    hidden.check(
        hidden.stderr.is_empty(),
        "`--log-level error` hides warnings",
    );
    hidden.check(hidden.lines().len() == 2, "the image is listed");
    let mode = std::fs::metadata(t.root.join("layers"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    hidden.check(
        mode == 0o700,
        "the warning's cause was there (and is mended)",
    );

    open_up();
    let shown = t.ok(&["images"]);
    let warnings = messages(&shown, "warning");
    shown.check(
        warnings.len() == 1 && warnings[0].contains("layers") && warnings[0].contains("0700"),
        "the default level shows the warning, in logrus's form",
    );
}

#[test]
fn an_unknown_level_is_refused() {
    let t = Rpod::new("log_bogus");
    // Podman 4.3 prints `Log Level "bogus" is not supported, ...` and exits 1.
    if t.skip_for_podman("podman 4.3 exits 1 without `Error:`") {
        return;
    }
    let out = t.cmd(&["--log-level", "bogus", "images"]).run();
    assert_error(&t, &out, 125, &["bogus", "--log-level", "debug", "warn"]);
    // Podman's alias.
    let warning = t.ok(&["--log-level", "warning", "images"]);
    warning.check(warning.stderr.is_empty(), "`warning` is `warn`");
}

#[test]
fn on_a_terminal_lines_are_in_logrus_short_form() {
    let t = Rpod::new("log_tty");
    if t.skip_for_podman("the rpod binary's command line") {
        return;
    }
    // `script` gives the command a terminal (stdout and stderr both go to it).
    let command = format!(
        "{} --root {} --runroot {} --log-level info images",
        shell_quote(&env().rpod.display().to_string()),
        shell_quote(&t.root.display().to_string()),
        shell_quote(&t.runroot.display().to_string()),
    );
    let out = t.sh(&format!("script -qec {} /dev/null", shell_quote(&command)));
    out.assert_ok();
    out.check(
        out.stdout
            .lines()
            .any(|l| l.trim_end() == "INFO[0000] rpod filtering at log level info"),
        "an info line in logrus's terminal form",
    );
    out.check(
        !out.stdout.contains("level="),
        "no key=value form on a terminal",
    );
}
