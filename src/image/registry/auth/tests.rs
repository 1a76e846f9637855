use super::*;

#[test]
fn parses_docker_hub_style_bearer() {
    let h = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull,push""#;
    assert_eq!(
        parse_challenges(h),
        vec![Challenge::Bearer {
            realm: "https://auth.docker.io/token".into(),
            service: Some("registry.docker.io".into()),
            scope: Some("repository:library/alpine:pull,push".into()),
        }]
    );
}

#[test]
fn parses_basic_and_odd_spellings() {
    assert_eq!(
        parse_challenges(r#"Basic realm="rpod-testenv""#),
        vec![Challenge::Basic]
    );
    assert_eq!(parse_challenges("basic"), vec![Challenge::Basic]);
    assert_eq!(
        parse_challenges(r#"BEARER realm = "https://r/t" , service=svc"#),
        vec![Challenge::Bearer {
            realm: "https://r/t".into(),
            service: Some("svc".into()),
            scope: None
        }]
    );
    // Two challenges in one header, an escaped quote, an unknown scheme.
    let h = r#"Negotiate, Basic realm="a \"b\", c", Bearer realm="https://x/token",service="s""#;
    let c = parse_challenges(h);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0], Challenge::Basic);
    assert!(matches!(&c[1], Challenge::Bearer { realm, .. } if realm == "https://x/token"));
}

#[test]
fn malformed_headers_do_not_panic() {
    for h in [
        "",
        "=",
        "Bearer",
        "Bearer realm=",
        "Bearer realm=\"unterminated",
        ",,,",
        "Bearer =x",
        "\u{e9}\u{e9}=\"",
    ] {
        let _ = parse_challenges(h);
    }
    // A bearer challenge without a realm is useless and dropped.
    assert!(parse_challenges("Bearer service=x").is_empty());
}

#[test]
fn token_responses() {
    let t = parse_token_response(br#"{"token":"abc","expires_in":300}"#).unwrap();
    assert_eq!(t.value, "abc");
    assert!(t.expires > Instant::now() + Duration::from_secs(250));
    let t = parse_token_response(br#"{"access_token":"xyz"}"#).unwrap();
    assert_eq!(t.value, "xyz");
    assert!(parse_token_response(br#"{"token":""}"#).is_err());
    assert!(parse_token_response(b"<html>").is_err());
}
