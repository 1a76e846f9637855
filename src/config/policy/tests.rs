use super::*;
use crate::oci::reference::{self, Parsed};

fn policy(text: &str) -> Result<Policy, String> {
    Policy::parse(text.as_bytes(), Path::new("policy.json")).map_err(|e| e.to_string())
}

fn docker(s: &str) -> Reference {
    match reference::parse(s).unwrap() {
        Parsed::Qualified(r) => r,
        Parsed::Short { .. } => panic!("{s} is short"),
    }
}

#[test]
fn docker_scopes_go_from_the_image_to_wildcards() {
    assert_eq!(
        docker_scopes(&docker("reg.example.com:5000/ns/sub/app:1")),
        [
            "reg.example.com:5000/ns/sub/app:1",
            "reg.example.com:5000/ns/sub/app",
            "reg.example.com:5000/ns/sub",
            "reg.example.com:5000/ns",
            "reg.example.com:5000",
            "*.example.com",
            "*.com",
        ]
    );
    let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(
        docker_scopes(&docker(&format!("docker.io/alpine@{d}")))[0],
        format!("docker.io/library/alpine@{d}")
    );
    assert_eq!(
        docker_scopes(&docker("127.0.0.1:5000/x")).last().unwrap(),
        "*.1"
    );
}

#[test]
fn the_most_specific_scope_alone_decides() {
    let p = policy(
            r#"{"default": [{"type": "reject"}],
                "transports": {"docker": {
                    "": [{"type": "insecureAcceptAnything"}],
                    "quay.io/bad": [{"type": "reject"}],
                    "quay.io/bad/good": [{"type": "insecureAcceptAnything"}],
                    "*.signed.test": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k"}]}}}"#,
        )
        .unwrap();
    let check = |s: &str| {
        p.check(&Source::Docker(&docker(s)))
            .map_err(|e| e.to_string())
    };
    assert!(check("docker.io/library/alpine").is_ok());
    let err = check("quay.io/bad/app:1").unwrap_err();
    assert!(
        err.contains("docker://quay.io/bad/app:1 is rejected by policy"),
        "{err}"
    );
    assert!(err.contains(r#"scope "quay.io/bad""#), "{err}");
    assert!(check("quay.io/bad/good:2").is_ok());
    let err = check("a.signed.test/x").unwrap_err();
    assert!(
        err.contains("not supported by rpod") && err.contains("signedBy"),
        "{err}"
    );
    // Transports without a table use the global default.
    let err = p
        .check(&Source::DockerArchive(None))
        .unwrap_err()
        .to_string();
    assert!(err.contains("global default"), "{err}");
}

#[test]
fn oci_archive_scopes_are_the_file_and_its_directories() {
    let p = policy(
        r#"{"default": [{"type": "insecureAcceptAnything"}],
                "transports": {"oci-archive": {"/srv/untrusted": [{"type": "reject"}]},
                               "docker-archive": {"": [{"type": "reject"}]}}}"#,
    )
    .unwrap();
    let oci = |s: &str| p.check(&Source::OciArchive(Some(Path::new(s))));
    assert!(oci("/srv/untrusted/a/x.tar").is_err());
    assert!(oci("/srv/trusted/x.tar").is_ok());
    assert!(p.check(&Source::OciArchive(None)).is_ok());
    assert!(p
        .check(&Source::DockerArchive(Some(Path::new("/x"))))
        .is_err());
}

#[test]
fn parsing_is_strict() {
    let ok = r#"{"type": "insecureAcceptAnything"}"#;
    for (text, needle) in [
        ("{", "EOF"),
        ("[]", "object"),
        ("{}", "Default policy is missing"),
        (r#"{"default": []}"#, "must not be empty"),
        (
            &format!(r#"{{"default": [{ok}], "bogus": 1}}"#),
            "Unknown key \"bogus\"",
        ),
        (
            &format!(r#"{{"default": [{ok}], "default": [{ok}]}}"#),
            "Duplicate key",
        ),
        (
            r#"{"default": [{"type": "acceptEverything"}]}"#,
            "Unknown policy requirement type",
        ),
        (
            r#"{"default": [{"type": "reject", "x": 1}]}"#,
            "Unknown key \"x\"",
        ),
        (
            &format!(
                r#"{{"default": [{ok}], "transports": {{"docker-archive": {{"/a": [{ok}]}}}}}}"#
            ),
            "docker-archive",
        ),
        (
            &format!(
                r#"{{"default": [{ok}], "transports": {{"oci-archive": {{"rel/x": [{ok}]}}}}}}"#
            ),
            "oci-archive",
        ),
    ] {
        let err = policy(text).unwrap_err();
        assert!(
            err.contains(needle) && err.contains("policy.json"),
            "{text}: {err}"
        );
    }
    assert!(policy(&format!(
        r#"{{"default": [{ok}], "transports": {{"whatever": {{"x": [{ok}]}}}}}}"#
    ))
    .is_ok());
}
