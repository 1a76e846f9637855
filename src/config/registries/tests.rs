use super::*;
use crate::oci::reference::{self, Parsed, Reference};

fn conf(text: &str) -> RegistriesConf {
    RegistriesConf::parse_str(text, Path::new("test.conf")).unwrap()
}

fn qualified(s: &str) -> Reference {
    match reference::parse(s).unwrap() {
        Parsed::Qualified(r) => r,
        Parsed::Short { .. } => panic!("{s} is short"),
    }
}

fn hosts(c: &RegistriesConf, r: &str) -> Vec<String> {
    c.endpoints(&qualified(r))
        .unwrap()
        .into_iter()
        .map(|e| {
            format!(
                "{}/{}{}",
                e.host,
                e.repository,
                if e.insecure { " insecure" } else { "" }
            )
        })
        .collect()
}

const EXAMPLE: &str = r#"
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
[[registry]]
prefix = "docker.io"
location = "127.0.0.1:5000"
insecure = true
[[registry]]
location = "127.0.0.1:5000"
insecure = true
[[registry]]
location = "127.0.0.1:5443"
"#;

#[test]
fn the_testenv_example_redirects_docker_hub() {
    let c = conf(EXAMPLE);
    assert_eq!(c.search_registries(), ["docker.io"]);
    let short = c
        .resolve_short("alpine", Some("latest".into()), None)
        .unwrap();
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].to_string(), "docker.io/library/alpine:latest");
    let eps = c.endpoints(&short[0]).unwrap();
    assert_eq!(
        eps,
        vec![Endpoint {
            host: "127.0.0.1:5000".into(),
            repository: "library/alpine".into(),
            insecure: true
        }]
    );
    assert_eq!(
        hosts(&c, "127.0.0.1:5000/testenv/layers"),
        ["127.0.0.1:5000/testenv/layers insecure"]
    );
    assert_eq!(
        hosts(&c, "127.0.0.1:5443/library/busybox"),
        ["127.0.0.1:5443/library/busybox"]
    );
    assert!(c.is_insecure("127.0.0.1:5000"));
    assert!(!c.is_insecure("127.0.0.1:5443"));
    assert!(!c.is_insecure("quay.io"));
}

#[test]
fn no_match_uses_the_reference_and_docker_hub_endpoint() {
    let c = conf("");
    assert_eq!(hosts(&c, "quay.io/a/b:1"), ["quay.io/a/b"]);
    assert_eq!(
        hosts(&c, "docker.io/alpine"),
        ["registry-1.docker.io/library/alpine"]
    );
    assert!(c.search_registries().is_empty());
    assert!(c.resolve_short("alpine", None, None).is_err());
}

#[test]
fn longest_prefix_wins_and_locations_rewrite_paths() {
    let c = conf(
        r#"
[[registry]]
prefix = "example.com/foo"
location = "internal.example.net/bar"
[[registry.mirror]]
location = "mirror-0.local/mirror-for-foo"
[[registry.mirror]]
location = "mirror-1.local/mirrors/foo"
insecure = true
[[registry]]
prefix = "example.com"
location = "other.example.net"
[[registry]]
prefix = "example.com/foo/exact:v1"
location = "pinned.example.net/x"
"#,
    );
    assert_eq!(
        hosts(&c, "example.com/foo/image:latest"),
        [
            "mirror-0.local/mirror-for-foo/image",
            "mirror-1.local/mirrors/foo/image insecure",
            "internal.example.net/bar/image",
        ]
    );
    // "foobar" does not continue "foo" with a separator.
    assert_eq!(
        hosts(&c, "example.com/foobar/x"),
        ["other.example.net/foobar/x"]
    );
    assert_eq!(
        hosts(&c, "example.com/foo"),
        [
            "mirror-0.local/mirror-for-foo",
            "mirror-1.local/mirrors/foo insecure",
            "internal.example.net/bar"
        ]
    );
    assert_eq!(
        hosts(&c, "example.com/foo/exact:v1"),
        ["pinned.example.net/x"]
    );
    assert!(c.is_insecure("mirror-1.local"));
}

#[test]
fn wildcard_prefixes_match_subdomains_only() {
    let c = conf(
        r#"
[[registry]]
prefix = "*.example.com"
insecure = true
[[registry.mirror]]
location = "mirror.local/m"
[[registry]]
prefix = "special.example.com"
"#,
    );
    assert_eq!(
        hosts(&c, "a.example.com/x"),
        ["mirror.local/m/x", "a.example.com/x insecure"]
    );
    assert_eq!(
        hosts(&c, "b.a.example.com:5000/x/y"),
        ["mirror.local/m/x/y", "b.a.example.com:5000/x/y insecure"]
    );
    assert_eq!(hosts(&c, "example.com/x"), ["example.com/x"]);
    assert_eq!(hosts(&c, "notexample.com/x"), ["notexample.com/x"]);
    // The longer literal prefix wins over the wildcard.
    assert_eq!(
        hosts(&c, "special.example.com/x"),
        ["special.example.com/x"]
    );
    assert!(c.is_insecure("a.example.com"));
    let bad = RegistriesConf::parse_str(
        "[[registry]]\nprefix = \"*.a.com\"\nlocation = \"b.com\"\n",
        Path::new("x"),
    );
    assert!(bad.is_err());
    let bad = RegistriesConf::parse_str("[[registry]]\nprefix = \"a.*.com\"\n", Path::new("x"));
    assert!(bad.is_err());
}

#[test]
fn blocked_registries_are_refused_by_name() {
    let c = conf("[[registry]]\nlocation = \"evil.example\"\nblocked = true\n");
    let err = c.endpoints(&qualified("evil.example/x")).unwrap_err();
    assert!(err.to_string().contains("evil.example"), "{err}");
    assert!(c.endpoints(&qualified("good.example/x")).is_ok());
}

#[test]
fn mirror_by_digest_only_skips_mirrors_for_tags() {
    let c = conf(
            "[[registry]]\nprefix = \"docker.io\"\nlocation = \"docker.io\"\nmirror-by-digest-only = true\n[[registry.mirror]]\nlocation = \"m.local\"\n",
        );
    assert_eq!(
        hosts(&c, "docker.io/alpine"),
        ["registry-1.docker.io/library/alpine"]
    );
    let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(
        hosts(&c, &format!("docker.io/alpine@{d}")),
        [
            "m.local/library/alpine",
            "registry-1.docker.io/library/alpine"
        ]
    );
}

#[test]
fn v1_tables_and_aliases() {
    let c = conf(
        r#"
[registries.search]
registries = ["quay.io", "docker.io"]
[registries.insecure]
registries = ["local.test:5000"]
[registries.block]
registries = ["bad.test"]
[aliases]
"myimg" = "quay.io/team/myimg"
"#,
    );
    let names: Vec<String> = c
        .resolve_short("app", Some("1".into()), None)
        .unwrap()
        .iter()
        .map(|r| r.to_string())
        .collect();
    assert_eq!(names, ["quay.io/app:1", "docker.io/library/app:1"]);
    assert_eq!(
        c.resolve_short("myimg", Some("2".into()), None).unwrap()[0].to_string(),
        "quay.io/team/myimg:2"
    );
    assert!(c.is_insecure("local.test:5000"));
    assert!(c.endpoints(&qualified("bad.test/x")).is_err());
}

#[test]
fn dropins_merge_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("registries.conf");
    std::fs::write(&main, EXAMPLE).unwrap();
    let d = dir.path().join("registries.conf.d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(
        d.join("10-a.conf"),
        "unqualified-search-registries = [\"quay.io\"]\n[aliases]\nx = \"quay.io/x/x\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("20-b.conf"),
        "[[registry]]\nprefix = \"docker.io\"\nlocation = \"mirror.local\"\n[aliases]\nx = \"\"\n",
    )
    .unwrap();
    std::fs::write(d.join("ignored.txt"), "not toml [").unwrap();
    let c = RegistriesConf::from_files(&main, Some(&d)).unwrap();
    assert_eq!(c.search_registries(), ["quay.io"]);
    assert_eq!(
        hosts(&c, "docker.io/library/alpine"),
        ["mirror.local/library/alpine"]
    );
    assert_eq!(
        c.resolve_short("x", None, None).unwrap()[0].to_string(),
        "quay.io/x"
    );
    // A missing file is an empty configuration; a broken one is an error naming it.
    assert!(RegistriesConf::from_files(&dir.path().join("nope"), None)
        .unwrap()
        .search_registries()
        .is_empty());
    std::fs::write(&main, "unqualified-search-registries = [").unwrap();
    let err = RegistriesConf::from_files(&main, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("registries.conf"), "{err}");
}

#[test]
fn short_name_modes() {
    let two = |mode: &str| {
        conf(&format!(
                "unqualified-search-registries = [\"a.test\", \"b.test\"]\n{mode}\n[aliases]\n\"al\" = \"c.test/x/al\"\n"
            ))
    };
    let names = |c: &RegistriesConf, n: &str| -> Result<Vec<String>, String> {
        c.resolve_short(n, Some("1".into()), None)
            .map(|v| v.iter().map(ToString::to_string).collect())
            .map_err(|e| e.to_string())
    };
    // Unset means permissive (containers/image's default): every registry, in order.
    for mode in [
        "",
        "short-name-mode = \"\"",
        "short-name-mode = \"permissive\"",
        "short-name-mode = \"disabled\"",
    ] {
        assert_eq!(
            names(&two(mode), "app").unwrap(),
            ["a.test/app:1", "b.test/app:1"],
            "{mode}"
        );
        assert_eq!(
            names(&two(mode), "al").unwrap(),
            ["c.test/x/al:1"],
            "{mode}"
        );
    }
    let enforcing = two("short-name-mode = \"enforcing\"");
    assert_eq!(enforcing.short_name_mode(), ShortNameMode::Enforcing);
    let err = names(&enforcing, "app").unwrap_err();
    assert!(
        err.contains("enforced") && err.contains("a.test/app:1, b.test/app:1"),
        "{err}"
    );
    // An alias is not ambiguous, nor is a single search registry.
    assert_eq!(names(&enforcing, "al").unwrap(), ["c.test/x/al:1"]);
    let one =
        conf("unqualified-search-registries = [\"a.test\"]\nshort-name-mode = \"enforcing\"\n");
    assert_eq!(names(&one, "app").unwrap(), ["a.test/app:1"]);
    let bad = RegistriesConf::parse_str("short-name-mode = \"strict\"\n", Path::new("x.conf"));
    let err = bad.unwrap_err().to_string();
    assert!(err.contains("x.conf") && err.contains("strict"), "{err}");
}

#[test]
fn a_dropin_sets_the_mode_and_an_empty_one_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("registries.conf");
    std::fs::write(&main, "short-name-mode = \"enforcing\"\n").unwrap();
    let d = dir.path().join("registries.conf.d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("10.conf"), "short-name-mode = \"disabled\"\n").unwrap();
    std::fs::write(d.join("20.conf"), "short-name-mode = \"\"\n").unwrap();
    let c = RegistriesConf::from_files(&main, Some(&d)).unwrap();
    assert_eq!(c.short_name_mode(), ShortNameMode::Disabled);
}
