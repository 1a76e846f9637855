//! The few fields of an image config that the store records (layer diff_ids, platform,
//! creation time), read by every way an image arrives: pull and load.

use crate::oci::digest::Digest;

pub struct ConfigFacts {
    pub diff_ids: Vec<Digest>,
    pub architecture: String,
    pub os: String,
    pub created: Option<String>,
}

impl ConfigFacts {
    pub fn parse(bytes: &[u8]) -> Result<ConfigFacts, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct RootFs {
            diff_ids: Vec<Digest>,
        }
        #[derive(serde::Deserialize)]
        struct Config {
            rootfs: RootFs,
            #[serde(default)]
            architecture: String,
            #[serde(default)]
            os: String,
            created: Option<String>,
        }
        let c: Config = serde_json::from_slice(bytes)?;
        Ok(ConfigFacts {
            diff_ids: c.rootfs.diff_ids,
            architecture: c.architecture,
            os: c.os,
            created: c.created,
        })
    }
}
