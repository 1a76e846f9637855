//! Where the live unit tests find the shared test registries (127.0.0.1:5000 plain, :5443 TLS +
//! Basic, :5444 TLS + Bearer), so that a green `cargo test --lib` in CI means they ran.
//!
//! The rule: the live tests run when `RPOD_TEST_REGISTRY_LIVE` or `CI` is set (`scripts/test`
//! sets the first and exports `registry env`'s `RPOD_TEST_*`); then a missing variable or a
//! registry that does not answer is a failure. With neither set (a developer's plain
//! `cargo test --lib`) they are skipped, and say so on stderr.

use std::path::PathBuf;

/// The registries and their secrets, from `../shared/testenv/registry env`.
pub(crate) struct LiveRegistries {
    /// `host:port` of the plain-HTTP registry.
    pub plain: String,
    /// `host:port` of the TLS + Basic-auth registry.
    pub tls: String,
    /// `host:port` of the TLS + Bearer-token registry.
    pub token: String,
    pub user: String,
    pub password: String,
    /// The CA that signed the TLS registries' certificate.
    pub ca: PathBuf,
    /// containers-certs.d(5) directory: `<certs_d>/<host:port>/ca.crt`.
    pub certs_d: PathBuf,
}

/// True when a variable is set to something other than empty, `0` or `false`.
fn flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// The registries, or `None` (printing why) when the live tests are not asked for; `test`
/// names the skipped test in that note.
pub(crate) fn live_registries(test: &str) -> Option<LiveRegistries> {
    if !flag("RPOD_TEST_REGISTRY_LIVE") && !flag("CI") {
        eprintln!(
            "SKIPPED {test}: set RPOD_TEST_REGISTRY_LIVE=1 (scripts/test does) to run it against \
             the test registries"
        );
        return None;
    }
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!(
                "{name} is not set: the live registry tests need `registry env`'s variables \
                 (scripts/test exports them; by hand: \
                 source <(../shared/testenv/as-user ../shared/testenv/registry env))"
            )
        })
    };
    Some(LiveRegistries {
        plain: var("RPOD_TEST_REGISTRY"),
        tls: var("RPOD_TEST_REGISTRY_TLS"),
        token: var("RPOD_TEST_REGISTRY_TOKEN"),
        user: var("RPOD_TEST_REGISTRY_USER"),
        password: var("RPOD_TEST_REGISTRY_PASS"),
        ca: var("RPOD_TEST_REGISTRY_CA").into(),
        certs_d: var("RPOD_TEST_REGISTRY_CERTS_D").into(),
    })
}
