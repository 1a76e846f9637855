//! Which decompressor a layer blob needs (from its media type, else from its magic bytes) and
//! the buffered decoder itself; this sits on the hot path of every pull.

use std::io::{self, BufReader, Read};

/// Read-side buffer: large enough that the decoder rarely calls into the network or file.
const BUFFER: usize = 256 * 1024;

/// How a layer blob is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The compression a layer media type declares; `None` for media types that are not layers
    /// rpod knows (the caller then sniffs the first bytes).
    pub fn from_media_type(mt: &str) -> Option<Compression> {
        // Parameters (`; foo=bar`) never change the compression.
        let mt = mt.split(';').next().unwrap_or("").trim();
        match mt {
            "application/vnd.oci.image.layer.v1.tar"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar"
            | "application/vnd.docker.image.rootfs.diff.tar" => Some(Compression::None),
            "application/vnd.oci.image.layer.v1.tar+gzip"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            | "application/vnd.docker.image.rootfs.diff.tar.gzip"
            | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" => {
                Some(Compression::Gzip)
            }
            "application/vnd.oci.image.layer.v1.tar+zstd"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => {
                Some(Compression::Zstd)
            }
            _ => None,
        }
    }

    /// The compression the magic bytes at the start of a blob announce; anything
    /// unrecognised is taken to be a plain tar.
    pub fn sniff(first_bytes: &[u8]) -> Compression {
        if first_bytes.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if first_bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Wraps `r` in a buffered decoder for `c`. Gzip accepts multi-member streams and zstd
/// multi-frame streams, as layer producers emit both.
pub fn decompress<'a, R: Read + 'a>(r: R, c: Compression) -> io::Result<Box<dyn Read + 'a>> {
    let buffered = BufReader::with_capacity(BUFFER, r);
    Ok(match c {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(buffered)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn media_types() {
        let oci = "application/vnd.oci.image.layer";
        assert_eq!(
            Compression::from_media_type(&format!("{oci}.v1.tar")),
            Some(Compression::None)
        );
        assert_eq!(
            Compression::from_media_type(&format!("{oci}.v1.tar+gzip")),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::from_media_type(&format!("{oci}.v1.tar+zstd")),
            Some(Compression::Zstd)
        );
        for c in ["tar", "tar+gzip", "tar+zstd"] {
            assert!(
                Compression::from_media_type(&format!("{oci}.nondistributable.v1.{c}")).is_some()
            );
        }
        assert_eq!(
            Compression::from_media_type("application/vnd.docker.image.rootfs.diff.tar.gzip"),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::from_media_type(
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
            ),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::from_media_type("application/octet-stream"),
            None
        );
        assert_eq!(Compression::from_media_type(""), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"etc/passwd\0"), Compression::None);
        assert_eq!(Compression::sniff(&[0x1f]), Compression::None);
        assert_eq!(Compression::sniff(&[]), Compression::None);
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn multi_member_gzip_and_multi_frame_zstd() {
        let mut blob = gz(b"hello ");
        blob.extend(gz(b"world"));
        let mut out = String::new();
        decompress(&blob[..], Compression::Gzip)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "hello world");

        let mut blob = zstd::encode_all(&b"hello "[..], 1).unwrap();
        blob.extend(zstd::encode_all(&b"world"[..], 1).unwrap());
        let mut out = String::new();
        decompress(&blob[..], Compression::Zstd)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "hello world");

        let mut out = String::new();
        decompress(&b"plain"[..], Compression::None)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "plain");
    }
}
