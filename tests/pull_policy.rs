//! `run --pull=missing|always|newer` against a tag that moves in the local registry, and what
//! the store keeps when it moves: the image the tag left is dangling (`<none>`) and `image
//! prune` removes it. Expectations are Podman's (`RPOD_IT_ENGINE=podman cargo test --test
//! pull_policy`).
//!
//! Each test moves a tag of its own (`127.0.0.1:5000/it-<test>-<engine>/moving:latest`) by
//! copying another test image over it with skopeo, so parallel tests and runs of the other
//! engine are unaffected.

mod common;

use common::{as_user_sh, assert_error, env, registry, short, Output, Rpod};

/// Makes `target` (a tag on :5000) name the same image as `source` (`repo:tag` on :5000).
fn point_tag(target: &str, source: &str) {
    let reg = env().registry();
    as_user_sh(&format!(
        "skopeo copy -q --src-tls-verify=false --dest-tls-verify=false \
         docker://{reg}/{source} docker://{target}"
    ))
    .assert_ok();
}

/// Which of the two test images the container runs: `layers` has `/check-layers.sh`.
const WHICH: [&str; 3] = [
    "sh",
    "-c",
    "if test -e /check-layers.sh; then echo layers; else echo busybox; fi",
];

/// `run --rm --pull=POLICY IMAGE` printing which image ran.
fn run_with(t: &Rpod, policy: &str, image: &str) -> Output {
    let pull = format!("--pull={policy}");
    let mut args = vec!["run", "--rm", &pull, image];
    args.extend_from_slice(&WHICH);
    t.cmd(&args).run()
}

/// Asserts the run succeeded with `image` and whether it pulled (Podman's "Trying to pull").
#[track_caller]
fn assert_ran(out: &Output, image: &str, pulled: bool) {
    out.assert_ok();
    assert_eq!(out.stdout, format!("{image}\n"), "{out:?}");
    out.check(
        out.stderr.contains("Trying to pull") == pulled,
        if pulled {
            "the image should have been pulled"
        } else {
            "nothing should have been pulled"
        },
    );
}

/// `images` as `REPOSITORY:TAG ID` lines, sorted.
fn names(t: &Rpod) -> Vec<String> {
    let out = t.ok(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    sorted(out.lines().into_iter().map(String::from).collect())
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn pull_policies_follow_a_moving_tag_and_prune_removes_the_image_it_left() {
    let t = Rpod::new("pull_policy_moving");
    let reg = env().registry();
    let repo = format!("{reg}/it-pull-policy-{}/moving", t.engine.name());
    let moving = format!("{repo}:latest");
    let busybox = registry::image_id("library/busybox", "latest", "amd64");
    let layers = registry::image_id("testenv/layers", "latest", "amd64");
    point_tag(&moving, "library/busybox:latest");

    assert_ran(&run_with(&t, "newer", &moving), "busybox", true);
    // Same digest in the registry: `newer` uses the local image, `always` asks again.
    assert_ran(&run_with(&t, "newer", &moving), "busybox", false);
    assert_ran(&run_with(&t, "always", &moving), "busybox", true);

    point_tag(&moving, "testenv/layers:latest");
    assert_ran(&run_with(&t, "missing", &moving), "busybox", false);
    assert_ran(&run_with(&t, "newer", &moving), "layers", true);
    // The image the tag left keeps no name.
    assert_eq!(
        names(&t),
        sorted(vec![
            format!("<none>:<none> {}", short(&busybox)),
            format!("{moving} {}", short(&layers)),
        ])
    );
    let pruned = t.ok(&["image", "prune", "--force"]);
    assert_eq!(
        pruned.lines(),
        vec![busybox.as_str()],
        "prune prints what it removed"
    );
    assert_eq!(names(&t), vec![format!("{moving} {}", short(&layers))]);

    // The tag moves back: `always` pulls it, and the `layers` image is left dangling.
    point_tag(&moving, "library/busybox:latest");
    assert_ran(&run_with(&t, "always", &moving), "busybox", true);
    assert_eq!(
        names(&t),
        sorted(vec![
            format!("<none>:<none> {}", short(&layers)),
            format!("{moving} {}", short(&busybox)),
        ])
    );
    let pruned = t.ok(&["image", "prune", "--force"]);
    assert_eq!(pruned.lines(), vec![layers.as_str()]);
    assert_eq!(names(&t), vec![format!("{moving} {}", short(&busybox))]);
}

#[test]
fn pull_newer_keeps_the_local_image_when_the_registry_does_not_have_it() {
    let t = Rpod::new("pull_policy_gone");
    let reg = env().registry();
    // A name that no registry has: only the local store knows it.
    let gone = format!(
        "{reg}/it-pull-policy-gone-{}/never-pushed:latest",
        t.engine.name()
    );
    t.ok(&["pull", "-q", &format!("{reg}/library/busybox:latest")]);
    t.ok(&["tag", &format!("{reg}/library/busybox:latest"), &gone]);

    // podman-run(1): with `newer`, "pull errors are suppressed if a local image was found".
    let out = run_with(&t, "newer", &gone);
    assert_ran(&out, "busybox", false);
    out.check(
        out.stderr.is_empty(),
        "newer is silent when it keeps the local image",
    );
    let out = run_with(&t, "always", &gone);
    assert_error(&t, &out, 125, &["never-pushed", "manifest unknown"]);
}
