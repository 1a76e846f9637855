//! The pre-`manifest.json` metadata that `docker save` and containers/image still write into
//! docker-archives: one `<id>/` directory per layer (`VERSION`, `json`, a `layer.tar` link)
//! and the `repositories` file. Old readers need it; the IDs are computed exactly as
//! containers/image does (a digest of Go's JSON encoding of the layer's legacy config), so a
//! saved archive matches Podman's byte for byte.

use super::ArchiveError;
use crate::oci::digest::Digest;
use std::collections::BTreeMap;

/// One legacy layer directory.
pub struct LegacyLayer {
    pub id: String,
    pub json: Vec<u8>,
}

/// The image config fields copied into the top layer's legacy config.
const TOP_FIELDS: [&str; 7] = [
    "architecture",
    "config",
    "container",
    "container_config",
    "created",
    "docker_version",
    "os",
];

/// The legacy layer chain of an image, lowest first.
pub fn layers(config: &[u8], diff_ids: &[Digest]) -> Result<Vec<LegacyLayer>, ArchiveError> {
    let fields = top_level_fields(config)
        .ok_or_else(|| ArchiveError::StoreDamaged("image config is not a JSON object".into()))?;
    let mut out: Vec<LegacyLayer> = Vec::new();
    let mut chain: Option<Digest> = None;
    for (i, diff_id) in diff_ids.iter().enumerate() {
        let mut obj: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
        if let Some(parent) = out.last() {
            obj.insert("parent", quote(&parent.id));
        }
        if i == diff_ids.len() - 1 {
            for name in TOP_FIELDS {
                let value = fields
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| b"null".to_vec());
                obj.insert(name, value);
            }
        }
        let chain_id = match &chain {
            None => diff_id.clone(),
            Some(prev) => Digest::of(format!("{prev} {diff_id}").as_bytes()),
        };
        obj.insert("layer_id", quote(&chain_id.to_string()));
        let id = Digest::of(&encode(&obj)).hex().to_string();
        obj.remove("layer_id");
        obj.insert("id", quote(&id));
        out.push(LegacyLayer {
            id,
            json: encode(&obj),
        });
        chain = Some(chain_id);
    }
    Ok(out)
}

fn quote(s: &str) -> Vec<u8> {
    serde_json::to_vec(s).expect("a string serialises")
}

/// `{"k":v,...}` in key order, as Go encodes a map.
fn encode(obj: &BTreeMap<&str, Vec<u8>>) -> Vec<u8> {
    let mut out = b"{".to_vec();
    for (i, (k, v)) in obj.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend(quote(k));
        out.push(b':');
        out.extend(v);
    }
    out.push(b'}');
    out
}

/// The top-level members of a JSON object with their values as Go re-encodes a
/// `json.RawMessage`: compacted, HTML characters escaped, member order inside kept.
fn top_level_fields(json: &[u8]) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut fields = BTreeMap::new();
    let mut i = skip_ws(json, 0);
    if json.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(json, i + 1);
    if json.get(i) == Some(&b'}') {
        return Some(fields);
    }
    loop {
        let key_end = skip_string(json, i)?;
        let key: String = serde_json::from_slice(&json[i..key_end]).ok()?;
        i = skip_ws(json, key_end);
        if json.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(json, i + 1);
        let end = skip_value(json, start)?;
        fields.insert(key, go_compact(&json[start..end]));
        i = skip_ws(json, end);
        match json.get(i)? {
            b',' => i = skip_ws(json, i + 1),
            b'}' => return Some(fields),
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index after the string starting at `i`.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The index after the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// Go's `json.Compact` with HTML escaping, as `json.Marshal` applies to raw messages.
fn go_compact(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut in_string = false;
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if in_string {
            match c {
                b'\\' => {
                    out.extend(&raw[i..(i + 2).min(raw.len())]);
                    i += 2;
                    continue;
                }
                b'"' => in_string = false,
                b'<' | b'>' | b'&' => {
                    out.extend(format!("\\u{:04x}", c).as_bytes());
                    i += 1;
                    continue;
                }
                0xe2 if raw.get(i + 1) == Some(&0x80)
                    && matches!(raw.get(i + 2), Some(0xa8 | 0xa9)) =>
                {
                    out.extend(if raw[i + 2] == 0xa8 {
                        b"\\u2028"
                    } else {
                        b"\\u2029"
                    });
                    i += 3;
                    continue;
                }
                _ => {}
            }
            out.push(c);
        } else if c == b'"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_containers_image() {
        // The testenv busybox image: Podman 4.3 writes the legacy layer c9f79b27... for it.
        let config = br#"{"created":"2024-01-01T00:00:00Z","author":"rpod testenv","architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"Labels":{"io.rpod.testenv":"busybox"}},"rootfs":{"type":"layers","diff_ids":["sha256:4ec9b28a3d4bcbe671937988d68a74fdb2a84bcc660e0ad15c91f66aaa4e34ec"]}}"#;
        let diff: Digest =
            "sha256:4ec9b28a3d4bcbe671937988d68a74fdb2a84bcc660e0ad15c91f66aaa4e34ec"
                .parse()
                .unwrap();
        let l = layers(config, &[diff]).unwrap();
        assert_eq!(
            l[0].id,
            "c9f79b272a2b584049ba9ab25691db2675d2b494f32c7f72a631d5a1e77e441c"
        );
        assert!(String::from_utf8_lossy(&l[0].json)
            .starts_with(r#"{"architecture":"amd64","config":{"Env""#));
    }

    #[test]
    fn compacts_like_go() {
        assert_eq!(
            go_compact(b"{ \"a\" : [1, 2],\n \"b\":\"<x> & y\" }"),
            br#"{"a":[1,2],"b":"\u003cx\u003e \u0026 y"}"#.to_vec()
        );
        let f = top_level_fields(br#" {"n": 12 , "s":"a\"b", "o":{"x":[{}]}, "z":null} "#).unwrap();
        assert_eq!(f["n"], b"12");
        assert_eq!(f["s"], br#""a\"b""#);
        assert_eq!(f["o"], br#"{"x":[{}]}"#);
        assert_eq!(f["z"], b"null");
    }
}
