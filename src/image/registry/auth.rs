//! Registry authentication: `WWW-Authenticate` challenges, and the Docker token flow whose
//! bearer tokens are shared by every clone of a [`super::Registry`] (all layer threads), so one
//! pull asks the token server once per scope, and again only when a token has expired.

use super::error::RegistryError;
use super::transport::Transport;
use crate::config::auth::Credentials;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A parsed `WWW-Authenticate` challenge (RFC 7235) of a scheme registries use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Challenge {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
}

/// Every Basic or Bearer challenge in a header value, in order; unknown schemes and malformed
/// parts are skipped (server input never panics).
pub fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut out = Vec::new();
    for (scheme, params) in split_challenges(header) {
        let get = |k: &str| {
            params
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
        };
        if scheme.eq_ignore_ascii_case("basic") {
            out.push(Challenge::Basic);
        } else if scheme.eq_ignore_ascii_case("bearer") {
            if let Some(realm) = get("realm").filter(|r| !r.is_empty()) {
                out.push(Challenge::Bearer {
                    realm,
                    service: get("service"),
                    scope: get("scope"),
                });
            }
        }
    }
    out
}

type RawChallenge = (String, Vec<(String, String)>);

/// Tokenises `scheme k=v, k="quoted, value", scheme2 k=v`.
fn split_challenges(s: &str) -> Vec<RawChallenge> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out: Vec<RawChallenge> = Vec::new();
    let is_tchar = |c: u8| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/".contains(&c);
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t' || b[*i] == b',') {
            *i += 1;
        }
    };
    while i < b.len() {
        skip_ws(&mut i);
        let start = i;
        while i < b.len() && is_tchar(b[i]) {
            i += 1;
        }
        if start == i {
            i += 1; // not a token: skip the byte
            continue;
        }
        let token = &s[start..i];
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' && !out.is_empty() {
            // A parameter of the current challenge.
            i = j + 1;
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            let value = if i < b.len() && b[i] == b'"' {
                i += 1;
                let mut v = Vec::new();
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        i += 1;
                    }
                    v.push(b[i]);
                    i += 1;
                }
                i += 1; // closing quote (or end)
                String::from_utf8_lossy(&v).into_owned()
            } else {
                let vs = i;
                while i < b.len() && b[i] != b',' && b[i] != b' ' {
                    i += 1;
                }
                s[vs..i].to_string()
            };
            if let Some(last) = out.last_mut() {
                last.1.push((token.to_string(), value));
            }
        } else {
            out.push((token.to_string(), Vec::new()));
        }
    }
    out
}

/// How requests to this registry are authenticated, learned from the first challenge.
#[derive(Clone, Debug)]
enum Mode {
    Anonymous,
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
    },
}

struct Token {
    value: String,
    expires: Instant,
}

/// Credentials, the learned scheme and the token cache (keyed by scope).
pub(super) struct AuthState {
    creds: Option<Credentials>,
    mode: Mutex<Mode>,
    tokens: Mutex<HashMap<String, Token>>,
}

/// What was sent with a request, so a 401 can tell "never tried" from "rejected".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Sent {
    Nothing,
    Basic,
    Bearer(String),
}

impl AuthState {
    pub fn new(creds: Option<Credentials>) -> AuthState {
        AuthState {
            creds,
            mode: Mutex::new(Mode::Anonymous),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    pub fn has_credentials(&self) -> bool {
        self.creds.is_some()
    }

    /// The `Authorization` value for a request in `scope`, fetching a token first when the
    /// registry is known to want one and none is cached (saves the 401 round trip).
    pub fn authorization(
        &self,
        t: &Transport,
        scope: &str,
    ) -> Result<(Option<String>, Sent), RegistryError> {
        let mode = self.mode.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match mode {
            Mode::Anonymous => Ok((None, Sent::Nothing)),
            Mode::Basic => Ok((self.basic_header(), Sent::Basic)),
            Mode::Bearer { realm, service } => {
                let token = self.token(t, &realm, service.as_deref(), scope, None)?;
                Ok((Some(format!("Bearer {token}")), Sent::Bearer(token)))
            }
        }
    }

    fn basic_header(&self) -> Option<String> {
        self.creds.as_ref().map(|c| {
            use base64::Engine as _;
            let raw = format!("{}:{}", c.username, c.password);
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            )
        })
    }

    /// Reacts to a 401: learns the scheme, and says whether retrying can help. `sent` is what
    /// the rejected request carried; `scope` the scope it needed.
    pub fn on_unauthorized(
        &self,
        t: &Transport,
        header: Option<&str>,
        sent: &Sent,
        scope: &str,
    ) -> Result<(), RegistryError> {
        let host = t.host().to_string();
        let challenges = header.map(parse_challenges).unwrap_or_default();
        let bearer = challenges.iter().find_map(|c| match c {
            Challenge::Bearer {
                realm,
                service,
                scope,
            } => Some((realm, service, scope)),
            Challenge::Basic => None,
        });
        if let Some((realm, service, challenge_scope)) = bearer {
            *self.mode.lock().unwrap_or_else(|e| e.into_inner()) = Mode::Bearer {
                realm: realm.clone(),
                service: service.clone(),
            };
            let scope = if scope.is_empty() {
                challenge_scope.clone().unwrap_or_default()
            } else {
                scope.to_string()
            };
            let stale = match sent {
                Sent::Bearer(tok) => Some(tok.as_str()),
                _ => None,
            };
            self.token(t, realm, service.as_deref(), &scope, stale)?;
            return Ok(());
        }
        if challenges.contains(&Challenge::Basic) || challenges.is_empty() {
            if self.creds.is_none() {
                return Err(RegistryError::AuthRequired { host });
            }
            if *sent == Sent::Basic {
                return Err(RegistryError::InvalidCredentials { host });
            }
            *self.mode.lock().unwrap_or_else(|e| e.into_inner()) = Mode::Basic;
            return Ok(());
        }
        Err(RegistryError::AuthRequired { host })
    }

    /// The error for a 401 that a retry already failed to cure.
    pub fn final_error(&self, t: &Transport, sent: &Sent, repository: &str) -> RegistryError {
        let host = t.host().to_string();
        match (sent, &self.creds) {
            (_, None) => RegistryError::AuthRequired { host },
            (Sent::Bearer(_), Some(_)) => RegistryError::Denied {
                host,
                repository: repository.to_string(),
                message: "requested access to the resource is denied".into(),
            },
            (_, Some(_)) => RegistryError::InvalidCredentials { host },
        }
    }

    fn refused(&self, host: &str) -> RegistryError {
        if self.creds.is_some() {
            RegistryError::InvalidCredentials {
                host: host.to_string(),
            }
        } else {
            RegistryError::AuthRequired {
                host: host.to_string(),
            }
        }
    }

    /// A valid token for `scope`: the cached one unless it expired or is `stale` (just refused),
    /// else a new one. The lock is held while fetching so concurrent layer threads wait for
    /// one fetch instead of each asking the token server.
    fn token(
        &self,
        t: &Transport,
        realm: &str,
        service: Option<&str>,
        scope: &str,
        stale: Option<&str>,
    ) -> Result<String, RegistryError> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tok) = tokens.get(scope) {
            if tok.expires > Instant::now() && Some(tok.value.as_str()) != stale {
                return Ok(tok.value.clone());
            }
        }
        let fetched = self.fetch_token(t, realm, service, scope)?;
        let value = fetched.value.clone();
        tokens.insert(scope.to_string(), fetched);
        Ok(value)
    }

    fn fetch_token(
        &self,
        t: &Transport,
        realm: &str,
        service: Option<&str>,
        scope: &str,
    ) -> Result<Token, RegistryError> {
        let host = t.host().to_string();
        let mut query: Vec<(&str, &str)> = Vec::new();
        if let Some(s) = service {
            query.push(("service", s));
        }
        if !scope.is_empty() {
            query.push(("scope", scope));
        }
        let resp = t.get_absolute(realm, &query, self.creds.as_ref())?;
        let status = resp.status().as_u16();
        if status == 401 || status == 403 {
            return Err(self.refused(&host));
        }
        if !(200..300).contains(&status) {
            return Err(RegistryError::Status {
                host,
                status,
                message: "token server refused the request".into(),
            });
        }
        let body = resp.bytes().map_err(|e| t.classify(e))?;
        let token = parse_token_response(&body)
            .map_err(|message| RegistryError::Protocol { host, message })?;
        Ok(token)
    }
}

/// `{"token": ..}` or `{"access_token": ..}`, with `expires_in` seconds (default 60, per the
/// Docker token spec).
fn parse_token_response(body: &[u8]) -> Result<Token, String> {
    #[derive(serde::Deserialize)]
    struct Resp {
        token: Option<String>,
        access_token: Option<String>,
        expires_in: Option<u64>,
    }
    let r: Resp =
        serde_json::from_slice(body).map_err(|e| format!("token response is not JSON: {e}"))?;
    let value = r
        .token
        .filter(|t| !t.is_empty())
        .or(r.access_token.filter(|t| !t.is_empty()))
        .ok_or("token response has no token")?;
    let lifetime = r.expires_in.unwrap_or(60).max(1);
    // Renew a little early so a token does not expire in flight.
    let margin = (lifetime / 10).min(30);
    Ok(Token {
        value,
        expires: Instant::now() + Duration::from_secs(lifetime - margin),
    })
}

#[cfg(test)]
mod tests;
