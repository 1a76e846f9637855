use super::*;
use std::os::unix::fs::PermissionsExt;

fn creds(u: &str, p: &str) -> Credentials {
    Credentials {
        username: u.into(),
        password: p.into(),
    }
}

#[test]
fn debug_hides_the_password() {
    let s = format!("{:?}", creds("alice", "s3cr3t-pw"));
    assert!(s.contains("alice"));
    assert!(!s.contains("s3cr3t-pw"), "{s}");
}

#[test]
fn reads_plain_scheme_and_path_keys() {
    let enc = |u: &str, p: &str| B64.encode(format!("{u}:{p}"));
    let json = format!(
        r#"{{"auths": {{
                "quay.io": {{"auth": "{}"}},
                "https://index.docker.io/v1/": {{"auth": "{}"}},
                "https://ghcr.io": {{"auth": "{}"}},
                "127.0.0.1:5443": {{"auth": "{}"}},
                "broken.io": {{"auth": "not base64!"}},
                "nothing.io": {{}}
            }}, "credHelpers": {{}}}}"#,
        enc("q", "qp"),
        enc("d", "dp:with:colons"),
        enc("g", "gp"),
        enc("testuser", "testpassword")
    );
    let a = AuthFile::from_json(&json).unwrap();
    assert_eq!(a.credentials("quay.io"), Some(creds("q", "qp")));
    assert_eq!(
        a.credentials("docker.io"),
        Some(creds("d", "dp:with:colons"))
    );
    assert_eq!(
        a.credentials("registry-1.docker.io"),
        Some(creds("d", "dp:with:colons"))
    );
    assert_eq!(a.credentials("ghcr.io"), Some(creds("g", "gp")));
    assert_eq!(
        a.credentials("127.0.0.1:5443"),
        Some(creds("testuser", "testpassword"))
    );
    assert_eq!(a.credentials("127.0.0.1"), None);
    assert_eq!(a.credentials("broken.io"), None);
    assert_eq!(a.credentials("nothing.io"), None);
    assert!(AuthFile::from_json("{not json").is_err());
    assert!(!format!("{a:?}").contains("qp"));
}

#[test]
fn first_file_with_the_host_wins() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.json");
    AuthFile::store(&one, "a.io", &creds("one", "1")).unwrap();
    let a = AuthFile::load(Some(&one)).unwrap();
    assert_eq!(a.credentials("a.io").unwrap().username, "one");
    // A missing explicit file is simply empty.
    let none = AuthFile::load(Some(&dir.path().join("missing.json"))).unwrap();
    assert!(none.credentials("a.io").is_none());
}

#[test]
fn store_is_atomic_private_and_keeps_other_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/auth.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        r#"{"auths":{"other.io":{"auth":"eDp5"}},"credHelpers":{"x.io":"helper"}}"#,
    )
    .unwrap();
    AuthFile::store(&path, "127.0.0.1:5443", &creds("testuser", "testpassword")).unwrap();
    AuthFile::store(&path, "127.0.0.1:5443", &creds("testuser", "newpass")).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["credHelpers"]["x.io"], "helper");
    assert_eq!(doc["auths"].as_object().unwrap().len(), 2);
    let a = AuthFile::load(Some(&path)).unwrap();
    assert_eq!(
        a.credentials("127.0.0.1:5443"),
        Some(creds("testuser", "newpass"))
    );
    assert_eq!(a.credentials("other.io"), Some(creds("x", "y")));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // New files get created with their directories.
    let fresh = dir.path().join("new/containers/auth.json");
    AuthFile::store(&fresh, "h.io", &creds("u", "p")).unwrap();
    assert_eq!(
        std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn remove_one_or_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("auth.json");
    assert!(!AuthFile::remove(&path, Some("a.io")).unwrap());
    AuthFile::store(&path, "a.io", &creds("a", "1")).unwrap();
    AuthFile::store(&path, "b.io", &creds("b", "2")).unwrap();
    AuthFile::store(&path, "c.io", &creds("c", "3")).unwrap();
    assert!(AuthFile::remove(&path, Some("a.io")).unwrap());
    assert!(!AuthFile::remove(&path, Some("a.io")).unwrap());
    let a = AuthFile::load(Some(&path)).unwrap();
    assert!(a.credentials("a.io").is_none());
    assert!(a.credentials("b.io").is_some());
    assert!(AuthFile::remove(&path, None).unwrap());
    assert!(!AuthFile::remove(&path, None).unwrap());
    let a = AuthFile::load(Some(&path)).unwrap();
    assert!(a.credentials("b.io").is_none() && a.credentials("c.io").is_none());
}

#[test]
fn creds_flag() {
    assert_eq!(
        Credentials::from_creds_flag("u:p:q"),
        Some(creds("u", "p:q"))
    );
    assert_eq!(Credentials::from_creds_flag("u"), Some(creds("u", "")));
    assert_eq!(Credentials::from_creds_flag(":p"), None);
}
