//! Naming and removing images in the store: `tag`, `rmi`, `image prune`.

use super::store::index::ImageRecord;
use super::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error("{target}: invalid name: {err}")]
    BadName {
        target: String,
        err: crate::oci::reference::ReferenceError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adds `target` as a name of the image `source` (moving it away from any other image).
/// Short targets are qualified with `localhost/`, as Podman does.
pub fn tag(store: &Store, source: &str, target: &str) -> Result<(), ManageError> {
    let name = qualify_local(target)?;
    store.update_index(|index| {
        let i = index
            .position(source)
            .ok_or_else(|| StoreError::UnknownImage(source.to_string()))?;
        index.untag_everywhere(&name);
        let names = &mut index.images[i].names;
        if !names.contains(&name) {
            names.push(name.clone());
        }
        Ok(())
    })?;
    Ok(())
}

/// `localhost/name:tag` for names without a registry, like Podman's tag and load.
pub fn qualify_local(name: &str) -> Result<String, ManageError> {
    use crate::oci::reference::{parse, Parsed};
    let bad = |err| ManageError::BadName {
        target: name.to_string(),
        err,
    };
    Ok(match parse(name).map_err(bad)? {
        Parsed::Qualified(r) => format!("{}:{}", r.name(), r.tag_or_latest()),
        Parsed::Short {
            repository, tag, ..
        } => {
            format!(
                "localhost/{repository}:{}",
                tag.as_deref().unwrap_or("latest")
            )
        }
    })
}

/// What `rpod rmi NAME` did.
pub enum Removal {
    /// One of several names was removed; the image stays.
    Untagged(String),
    /// The image itself is gone.
    Deleted(Box<ImageRecord>),
}

/// Removes a name, or the whole image when it is given by ID, has one name left, or `force`.
/// Layers and blobs that no image needs any more are deleted afterwards. An image a running
/// container holds is never deleted; `in_use` names a (stopped) container that still needs it.
pub fn remove(
    store: &Store,
    query: &str,
    force: bool,
    in_use: &dyn Fn(&ImageRecord) -> Option<String>,
) -> Result<Vec<Removal>, ManageError> {
    let removals = store.update_index(|index| {
        let i = index
            .position(query)
            .ok_or_else(|| StoreError::UnknownImage(query.to_string()))?;
        let by_id = query
            .trim_start_matches("sha256:")
            .chars()
            .all(|c| c.is_ascii_hexdigit())
            && index.images[i]
                .id
                .hex()
                .starts_with(query.trim_start_matches("sha256:"));
        let img = &mut index.images[i];
        if !by_id && !force && img.names.len() > 1 {
            let name = matching_name(img, query);
            img.names.retain(|n| n != &name);
            return Ok(vec![Removal::Untagged(name)]);
        }
        let image = &index.images[i];
        let user = if store.image_held(&image.id)? {
            Some("a running container".to_string())
        } else {
            in_use(image)
        };
        if let Some(user) = user {
            return Err(StoreError::InUse {
                image: query.to_string(),
                user,
            });
        }
        let gone = index.images.remove(i);
        let mut out: Vec<Removal> = gone.names.iter().cloned().map(Removal::Untagged).collect();
        out.push(Removal::Deleted(Box::new(gone)));
        Ok(out)
    })?;
    if removals.iter().any(|r| matches!(r, Removal::Deleted(_))) {
        store.collect_garbage()?;
    }
    Ok(removals)
}

/// The stored name that `query` selected (for untagging by short name).
pub fn matching_name(img: &ImageRecord, query: &str) -> String {
    let mut probe = super::store::index::Index {
        images: vec![ImageRecord {
            names: vec![],
            ..img.clone()
        }],
    };
    for name in &img.names {
        probe.images[0].names = vec![name.clone()];
        if probe.find(query).is_some() {
            return name.clone();
        }
    }
    img.names[0].clone()
}

/// Removes dangling images (no name), or with `all` every image; returns their IDs.
/// Images a container uses (`in_use`, or held by a running one) are kept.
pub fn prune(
    store: &Store,
    all: bool,
    in_use: &dyn Fn(&ImageRecord) -> bool,
) -> Result<Vec<ImageRecord>, ManageError> {
    let pruned = store.update_index(|index| {
        let unused = |img: &ImageRecord| !in_use(img) && !store.image_held(&img.id).unwrap_or(true);
        let (gone, kept) = index
            .images
            .drain(..)
            .partition(|img| (all || img.names.is_empty()) && unused(img));
        index.images = kept;
        Ok(gone)
    })?;
    store.collect_garbage()?;
    Ok(pruned)
}
