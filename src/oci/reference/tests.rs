use super::*;

const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn q(s: &str) -> Reference {
    match parse(s) {
        Ok(Parsed::Qualified(r)) => r,
        other => panic!("{s}: expected qualified, got {other:?}"),
    }
}

#[test]
fn qualified_references_round_trip() {
    let cases = [
        (
            "docker.io/library/alpine",
            "docker.io/library/alpine:latest",
        ),
        ("docker.io/alpine", "docker.io/library/alpine:latest"),
        ("index.docker.io/alpine:3", "docker.io/library/alpine:3"),
        ("docker.io/user/app", "docker.io/user/app:latest"),
        ("localhost/foo", "localhost/foo:latest"),
        ("localhost:5000/foo/bar:v1", "localhost:5000/foo/bar:v1"),
        (
            "127.0.0.1:5000/library/busybox",
            "127.0.0.1:5000/library/busybox:latest",
        ),
        ("quay.io/a/b/c:t_1.2-x", "quay.io/a/b/c:t_1.2-x"),
    ];
    for (input, want) in cases {
        assert_eq!(q(input).to_string(), want, "{input}");
    }
    let with_digest = format!("h:5000/a/b@{D}");
    let r = q(&with_digest);
    assert_eq!(r.to_string(), with_digest);
    assert_eq!(r.tag, None);
    assert_eq!(r.manifest_ref(), D);
    let both = format!("h.io/a:t@{D}");
    let r = q(&both);
    assert_eq!(r.to_string(), both);
    assert_eq!(r.manifest_ref(), D);
    assert_eq!(r.tag_or_latest(), "t");
    assert_eq!(r.name(), "h.io/a");
}

#[test]
fn short_names_stay_short() {
    let cases = [
        ("alpine", "alpine", Some("latest")),
        ("alpine:3.19", "alpine", Some("3.19")),
        ("user/app", "user/app", Some("latest")),
        ("library/alpine:edge", "library/alpine", Some("edge")),
        ("a__b/c-d--e/f.g_h", "a__b/c-d--e/f.g_h", Some("latest")),
    ];
    for (input, repo, tag) in cases {
        match parse(input).unwrap() {
            Parsed::Short {
                repository,
                tag: t,
                digest,
            } => {
                assert_eq!(repository, repo, "{input}");
                assert_eq!(t.as_deref(), tag, "{input}");
                assert!(digest.is_none());
            }
            other => panic!("{input}: {other:?}"),
        }
    }
    match parse(&format!("alpine@{D}")).unwrap() {
        Parsed::Short { tag, digest, .. } => {
            assert_eq!(tag, None);
            assert_eq!(digest.unwrap().to_string(), D);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_references_are_rejected_with_a_reason() {
    assert_eq!(parse("Alpine").unwrap_err(), ReferenceError::Uppercase);
    assert_eq!(
        parse("docker.io/Library/alpine").unwrap_err(),
        ReferenceError::Uppercase
    );
    assert_eq!(
        parse("Alpine").unwrap_err().to_string(),
        "invalid reference format: repository name must be lowercase"
    );
    let bad = [
        "",
        ":latest",
        "alpine:",
        "alpine::x",
        "a//b",
        "/a",
        "a/",
        "-a",
        "a-",
        "a...b",
        "a___b",
        "a/b:-tag",
        "a/b:.tag",
        "alpine@sha256:abc",
        "alpine@md5:d41d8cd98f00b204e9800998ecf8427e",
        "host:port/a",
        "ho_st.com/a",
        "-host.com/a",
        "host.com:/a",
        "a b",
        "a:t@",
        "h:5000/a/b@",
    ];
    for s in bad {
        assert!(parse(s).is_err(), "{s:?} should be rejected");
    }
    let long_tag = format!("a:{}", "t".repeat(129));
    assert!(parse(&long_tag).is_err());
    assert!(parse(&format!("a:{}", "t".repeat(128))).is_ok());
    let long_name = format!("a/{}", "b".repeat(260));
    assert_eq!(parse(&long_name).unwrap_err(), ReferenceError::TooLong);
    let hex = "a".repeat(64);
    assert!(matches!(parse(&hex), Err(ReferenceError::HexName(_))));
    assert!(matches!(
        parse(&format!("docker.io/{hex}")),
        Err(ReferenceError::HexName(_))
    ));
}

#[test]
fn upper_case_first_component_is_a_registry_like_docker() {
    let r = q("Foo/bar");
    assert_eq!(r.registry, "Foo");
    assert_eq!(r.repository, "bar");
}

#[test]
fn ipv6_registries() {
    assert_eq!(q("[::1]:5000/a").registry, "[::1]:5000");
    assert_eq!(q("[fe80::1]/a").registry, "[fe80::1]");
    assert!(parse("[zz]/a").is_err());
}

#[test]
fn qualify_adds_library_only_for_docker_hub() {
    assert_eq!(
        Reference::qualify("docker.io", "alpine", None, None).repository,
        "library/alpine"
    );
    assert_eq!(
        Reference::qualify("index.docker.io", "x/y", None, None).name(),
        "docker.io/x/y"
    );
    assert_eq!(
        Reference::qualify("quay.io", "alpine", None, None).repository,
        "alpine"
    );
    let r = Reference::qualify("quay.io", "alpine", None, None);
    assert_eq!(r.tag_or_latest(), "latest");
    assert_eq!(r.manifest_ref(), "latest");
}
