use super::*;

fn index() -> Index {
    let d = |arch: &str, os: &str, variant: Option<&str>, byte: u8| Descriptor {
        media_type: OCI_MANIFEST.into(),
        digest: Digest::of(&[byte]),
        size: 1,
        platform: Some(Platform {
            architecture: arch.into(),
            os: os.into(),
            variant: variant.map(Into::into),
        }),
        annotations: None,
    };
    Index {
        schema_version: 2,
        media_type: OCI_INDEX.into(),
        manifests: vec![
            d("unknown", "unknown", None, 0),
            d("amd64", "linux", None, 1),
            d("arm64", "linux", Some("v8"), 2),
        ],
    }
}

#[test]
fn selects_host_and_requested_platforms_never_attestations() {
    let i = index();
    let amd = Platform::parse("linux/amd64").unwrap();
    assert_eq!(i.select(&amd).unwrap().digest, Digest::of(&[1]));
    let arm = Platform::parse("linux/arm64").unwrap();
    assert_eq!(i.select(&arm).unwrap().digest, Digest::of(&[2]));
    let unknown = Platform::parse("unknown/unknown").unwrap();
    assert!(i.select(&unknown).is_err());
    let err = i
        .select(&Platform::parse("linux/s390x").unwrap())
        .unwrap_err();
    assert!(
        err.to_string().contains("linux/amd64, linux/arm64/v8"),
        "{err}"
    );
}

#[test]
fn parses_platform_strings() {
    assert!(Platform::parse("linux").is_none());
    assert!(Platform::parse("linux/arm/v7/x").is_none());
    assert_eq!(
        Platform::parse("linux/arm/v7").unwrap().to_string(),
        "linux/arm/v7"
    );
}

#[test]
fn classifies_documents_without_media_type() {
    let body = br#"{"schemaVersion":2,"manifests":[]}"#;
    assert!(matches!(
        Document::parse(body, "").unwrap(),
        Document::Index(_)
    ));
    let body = br#"{"schemaVersion":1,"name":"x"}"#;
    assert!(Document::parse(
        body,
        "application/vnd.docker.distribution.manifest.v1+prettyjws"
    )
    .is_err());
}

const D: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn image_with(extra: &str) -> Vec<u8> {
    format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"{OCI_CONFIG}","digest":"{D}","size":0}},"layers":[]{extra}}}"#
        )
        .into_bytes()
}

#[test]
fn refuses_documents_of_two_kinds() {
    let both = image_with(r#","manifests":[]"#);
    for served in [OCI_MANIFEST, DOCKER_MANIFEST] {
        let err = Document::parse(&both, served).unwrap_err();
        assert!(
            matches!(&err, ManifestError::Ambiguous { fields, .. } if fields == &["manifests"]),
            "{served}: {err}"
        );
    }
    // Classified by shape, it is refused all the same.
    for served in ["", "application/json"] {
        let err = Document::parse(&both, served).unwrap_err();
        assert!(matches!(&err, ManifestError::Ambiguous { .. }), "{err}");
    }
    // Served as an index, the image fields are the foreign ones.
    let err = Document::parse(&both, OCI_INDEX).unwrap_err().to_string();
    assert!(
        err.contains(r#""config", "layers""#) && err.contains(OCI_INDEX),
        "{err}"
    );
    let err = Document::parse(&both, DOCKER_LIST).unwrap_err().to_string();
    assert!(err.contains("ambiguous"), "{err}");
    // Go's decoder matches keys case-insensitively, so must the check.
    let sneaky = image_with(r#","Manifests":[{}]"#);
    assert!(Document::parse(&sneaky, OCI_MANIFEST).is_err());
    let schema1 = image_with(r#","fsLayers":[]"#);
    assert!(Document::parse(&schema1, DOCKER_MANIFEST).is_err());
    // null is absence, as for Go.
    let null = image_with(r#","manifests":null"#);
    assert!(Document::parse(&null, OCI_MANIFEST).is_ok());
    assert!(Document::parse(&image_with(""), OCI_MANIFEST).is_ok());
}

#[test]
fn refuses_a_media_type_that_disagrees_with_the_served_type() {
    let declared = image_with(&format!(r#","mediaType":"{DOCKER_MANIFEST}""#));
    let err = Document::parse(&declared, OCI_MANIFEST).unwrap_err();
    assert!(
        matches!(&err, ManifestError::MediaTypeConflict { declared, served }
                if declared == DOCKER_MANIFEST && served == OCI_MANIFEST),
        "{err}"
    );
    assert!(Document::parse(&declared, DOCKER_MANIFEST).is_ok());
    // A generic Content-Type defers to the document.
    assert!(Document::parse(&declared, "text/plain").is_ok());
    let index = format!(r#"{{"schemaVersion":2,"mediaType":"{OCI_MANIFEST}","manifests":[]}}"#);
    assert!(Document::parse(index.as_bytes(), OCI_INDEX).is_err());
    assert!(Document::parse(b"[1]", OCI_MANIFEST).is_err());
}

#[test]
fn an_index_entry_and_its_served_type_must_agree() {
    assert_eq!(
        served_type(OCI_MANIFEST, OCI_MANIFEST).unwrap(),
        OCI_MANIFEST
    );
    assert_eq!(
        served_type(OCI_MANIFEST, "text/plain").unwrap(),
        OCI_MANIFEST
    );
    assert_eq!(served_type("", DOCKER_MANIFEST).unwrap(), DOCKER_MANIFEST);
    assert!(served_type(OCI_MANIFEST, OCI_INDEX).is_err());
    assert!(served_type(DOCKER_MANIFEST, OCI_MANIFEST).is_err());
}
