//! Which proxy a registry request goes through. Podman decides with Go's
//! `http.ProxyFromEnvironment`, and rpod decides the same way, so that a user with a proxy set
//! reaches the same registries by the same route with either:
//!
//! * `HTTP_PROXY` serves `http://` URLs and `HTTPS_PROXY` `https://` ones (the upper-case name
//!   wins when it is not empty, else the lower-case one); a value without a scheme means `http://`.
//!   `ALL_PROXY` is not read: Go does not read it.
//! * `NO_PROXY` lists exceptions: `*`, IP addresses, CIDR ranges, and domain names (`example.com`
//!   is that name and its subdomains; `.example.com` and `*.example.com` only the subdomains),
//!   the addresses and names optionally with a `:port`.
//! * `localhost` and loopback addresses are never proxied, so a local registry stays reachable
//!   whatever the proxy settings.
//!
//! reqwest reads the same variables by itself but follows curl instead: it proxies loopback
//! addresses, reads `ALL_PROXY`, and has no `:port` or `*.` in `NO_PROXY`. Hence this module,
//! handed to the client as a custom proxy.

use reqwest::Url;
use std::net::IpAddr;

/// The proxy settings of the environment, parsed once per client.
#[derive(Debug)]
pub(super) struct ProxyEnv {
    http: Option<Url>,
    https: Option<Url>,
    no_proxy: Vec<Exception>,
}

/// One `NO_PROXY` entry. `port: None` matches every port.
#[derive(Debug)]
enum Exception {
    All,
    Network(IpAddr, u8),
    Ip(IpAddr, Option<String>),
    /// `suffix` starts with a dot; `exact` also matches the name itself (`suffix` less its dot).
    Domain {
        suffix: String,
        exact: bool,
        port: Option<String>,
    },
}

impl ProxyEnv {
    /// The process environment's settings; `None` when no proxy is set at all.
    pub fn from_env() -> Option<ProxyEnv> {
        ProxyEnv::from_vars(|name| std::env::var(name).ok())
    }

    /// Settings read through `var` (the environment, or a test's table).
    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<ProxyEnv> {
        let first = |names: [&str; 2]| {
            names
                .into_iter()
                .find_map(|n| var(n).filter(|v| !v.is_empty()))
        };
        let http = first(["HTTP_PROXY", "http_proxy"]).and_then(|v| parse_proxy(&v));
        let https = first(["HTTPS_PROXY", "https_proxy"]).and_then(|v| parse_proxy(&v));
        if http.is_none() && https.is_none() {
            return None;
        }
        let no_proxy = first(["NO_PROXY", "no_proxy"]).unwrap_or_default();
        Some(ProxyEnv {
            http,
            https,
            no_proxy: no_proxy.split(',').filter_map(parse_exception).collect(),
        })
    }

    /// The proxy for a request to `url`, `None` to connect directly.
    pub fn proxy_for(&self, url: &Url) -> Option<&Url> {
        let proxy = match url.scheme() {
            "http" => self.http.as_ref()?,
            "https" => self.https.as_ref()?,
            _ => return None,
        };
        let port = url.port_or_known_default()?.to_string();
        let host = url.host_str()?.to_ascii_lowercase();
        let bypass = match host.trim_start_matches('[').trim_end_matches(']').parse() {
            Ok(ip) => {
                let ip = IpAddr::to_canonical(&ip);
                ip.is_loopback() || self.no_proxy.iter().any(|e| e.matches_ip(ip, &port))
            }
            Err(_) => {
                host == "localhost" || self.no_proxy.iter().any(|e| e.matches_name(&host, &port))
            }
        };
        (!bypass).then_some(proxy)
    }
}

/// Go's `parseProxy`: a URL with a scheme and a host, else `http://` + the value.
fn parse_proxy(value: &str) -> Option<Url> {
    match Url::parse(value) {
        Ok(url) if url.has_host() => Some(url),
        _ => Url::parse(&format!("http://{value}")).ok(),
    }
}

/// One `NO_PROXY` entry as Go reads it; `None` for blanks and entries without a host.
fn parse_exception(entry: &str) -> Option<Exception> {
    let entry = entry.trim().to_ascii_lowercase();
    if entry.is_empty() {
        return None;
    }
    if entry == "*" {
        return Some(Exception::All);
    }
    if let Some(network) = parse_cidr(&entry) {
        return Some(network);
    }
    let (host, port) = match split_host_port(&entry) {
        Some((host, port)) => (host, Some(port.to_string())),
        None => (entry.as_str(), None),
    };
    if host.is_empty() {
        return None;
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Some(Exception::Ip(ip.to_canonical(), port));
    }
    let host = host
        .strip_prefix('*')
        .filter(|h| h.starts_with('.'))
        .unwrap_or(host);
    let exact = !host.starts_with('.');
    let suffix = if exact {
        format!(".{host}")
    } else {
        host.to_string()
    };
    Some(Exception::Domain {
        suffix,
        exact,
        port,
    })
}

/// `address/bits`, the address's family deciding the bound on `bits`.
fn parse_cidr(entry: &str) -> Option<Exception> {
    let (ip, bits) = entry.split_once('/')?;
    let ip = ip.parse::<IpAddr>().ok()?.to_canonical();
    let bits: u8 = bits.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    (bits <= max).then_some(Exception::Network(ip, bits))
}

/// `host:port` or `[v6]:port` (Go's `net.SplitHostPort`); `None` when there is no port.
fn split_host_port(s: &str) -> Option<(&str, &str)> {
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        return Some((host, after.strip_prefix(':')?));
    }
    let (host, port) = s.rsplit_once(':')?;
    (!host.contains(':')).then_some((host, port))
}

impl Exception {
    fn matches_ip(&self, ip: IpAddr, port: &str) -> bool {
        match self {
            Exception::All => true,
            Exception::Network(net, bits) => in_network(ip, *net, *bits),
            Exception::Ip(addr, p) => *addr == ip && port_matches(p, port),
            Exception::Domain { .. } => false,
        }
    }

    fn matches_name(&self, name: &str, port: &str) -> bool {
        match self {
            Exception::All => true,
            Exception::Domain {
                suffix,
                exact,
                port: p,
            } => {
                (name.ends_with(suffix.as_str()) || (*exact && name == &suffix[1..]))
                    && port_matches(p, port)
            }
            Exception::Network(..) | Exception::Ip(..) => false,
        }
    }
}

fn port_matches(want: &Option<String>, port: &str) -> bool {
    want.as_deref().is_none_or(|w| w == port)
}

/// True when the first `bits` bits of `ip` and `net` agree (both of one family).
fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (ip, net, width) = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u32::from(a) as u128, u32::from(b) as u128, 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (u128::from(a), u128::from(b), 128),
        _ => return false,
    };
    let shift = width - u32::from(bits);
    shift >= width || (ip >> shift) == (net >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Option<ProxyEnv> {
        ProxyEnv::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    /// The proxy chosen for `url` under `vars`, as a string ("" when direct).
    fn route(vars: &[(&str, &str)], url: &str) -> String {
        let Some(env) = env(vars) else {
            return String::new();
        };
        env.proxy_for(&Url::parse(url).unwrap())
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    const P: &str = "http://proxy.example:3128/";

    /// Asserts that `vars` send every URL of `direct` directly and every one of `proxied` to P.
    #[track_caller]
    fn assert_routes(vars: &[(&str, &str)], direct: &[&str], proxied: &[&str]) {
        for url in direct {
            assert_eq!(route(vars, url), "", "{url} should be reached directly");
        }
        for url in proxied {
            assert_eq!(route(vars, url), P, "{url} should go through the proxy");
        }
    }

    #[test]
    fn scheme_picks_the_variable() {
        let both = [("HTTP_PROXY", "http://h:1"), ("HTTPS_PROXY", "http://s:2")];
        assert_eq!(route(&both, "http://reg.example/v2/"), "http://h:1/");
        assert_eq!(route(&both, "https://reg.example/v2/"), "http://s:2/");
        // No fallback from one to the other, and ALL_PROXY is not read (Go reads neither).
        assert_eq!(route(&both[..1], "https://reg.example/v2/"), "");
        assert_eq!(route(&both[1..], "http://reg.example/v2/"), "");
        assert!(env(&[("ALL_PROXY", P), ("all_proxy", P)]).is_none());
    }

    #[test]
    fn upper_case_wins_unless_empty() {
        let lower = [("http_proxy", "http://low:1")];
        assert_eq!(route(&lower, "http://reg.example/"), "http://low:1/");
        let both = [
            ("HTTP_PROXY", "http://up:2"),
            ("http_proxy", "http://low:1"),
        ];
        assert_eq!(route(&both, "http://reg.example/"), "http://up:2/");
        let empty_upper = [("HTTP_PROXY", ""), ("http_proxy", "http://low:1")];
        assert_eq!(route(&empty_upper, "http://reg.example/"), "http://low:1/");
        let no = [("HTTP_PROXY", P), ("no_proxy", "reg.example")];
        assert_eq!(route(&no, "http://reg.example/"), "");
    }

    #[test]
    fn value_without_scheme_is_http() {
        assert_eq!(
            route(&[("HTTP_PROXY", "proxy.example:3128")], "http://r.example/"),
            P
        );
        assert_eq!(
            route(&[("HTTPS_PROXY", "10.0.0.1:8080")], "https://r.example/"),
            "http://10.0.0.1:8080/"
        );
        let with_auth = route(
            &[("HTTPS_PROXY", "https://u:p@px:443")],
            "https://r.example/",
        );
        assert_eq!(with_auth, "https://u:p@px/");
    }

    #[test]
    fn loopback_and_localhost_are_never_proxied() {
        let vars = [("HTTP_PROXY", P), ("HTTPS_PROXY", P)];
        let direct = [
            "http://localhost:5000/v2/",
            "https://LocalHost/v2/",
            "http://127.0.0.1:5000/v2/",
            "https://127.4.5.6/v2/",
            "http://[::1]:5000/v2/",
            "http://[::ffff:127.0.0.1]/v2/",
        ];
        let proxied = [
            "http://localhost.example/",
            "http://foo.localhost/",
            "http://[::2]/",
            "http://128.0.0.1/",
        ];
        assert_routes(&vars, &direct, &proxied);
    }

    #[test]
    fn no_proxy_domains() {
        let vars = [
            ("HTTP_PROXY", P),
            ("NO_PROXY", " Foo.com, .bar.org ,*.baz.net,quux.io:5000"),
        ];
        let direct = [
            "http://foo.com/",
            "http://FOO.com/",
            "http://a.foo.com/",
            "http://x.bar.org/",
            "http://x.baz.net/",
            "http://quux.io:5000/",
            "http://a.quux.io:5000/",
        ];
        let proxied = [
            "http://afoo.com/",
            "http://foo.com.evil/",
            "http://bar.org/",
            "http://baz.net/",
            "http://quux.io/",
            "http://quux.io:5001/",
        ];
        assert_routes(&vars, &direct, &proxied);
    }

    #[test]
    fn no_proxy_addresses() {
        let vars = [
            ("HTTPS_PROXY", P),
            (
                "NO_PROXY",
                "10.1.2.3,192.168.0.0/16,10.9.9.9:8443,[fd00::1]:443,fe80::/10",
            ),
        ];
        let direct = [
            "https://10.1.2.3:5000/",
            "https://192.168.44.1/",
            "https://10.9.9.9:8443/",
            "https://[fd00::1]/",
            "https://[fe80::1234]/",
        ];
        let proxied = [
            "https://10.1.2.4/",
            "https://192.169.0.1/",
            "https://10.9.9.9/",
            "https://[fd00::1]:8443/",
            "https://[fd00::2]/",
        ];
        assert_routes(&vars, &direct, &proxied);
        // A domain entry never matches an address, nor an address entry a name.
        let mixed = [("HTTP_PROXY", P), ("NO_PROXY", "1.2,10.0.0.1")];
        assert_eq!(route(&mixed, "http://10.0.1.2/"), P);
        assert_eq!(route(&mixed, "http://10.0.0.1.nip.io/"), P);
    }

    #[test]
    fn star_and_empty_entries() {
        assert_eq!(
            route(&[("HTTP_PROXY", P), ("NO_PROXY", "*")], "http://a.b/"),
            ""
        );
        assert_eq!(
            route(
                &[("HTTP_PROXY", P), ("NO_PROXY", ",, ,:80,")],
                "http://a.b/"
            ),
            P
        );
        assert_eq!(
            route(
                &[("HTTP_PROXY", P), ("NO_PROXY", "0.0.0.0/0")],
                "http://1.2.3.4/"
            ),
            ""
        );
        assert!(env(&[("NO_PROXY", "x")]).is_none());
    }
}
