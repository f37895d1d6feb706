//! The sweep: removes stored files that no item and no article refers to, and temporary files
//! left by uploads that never finished (a crash, a killed process). Run at start; anything
//! younger than the grace period is left alone, since an upload in progress stores its files
//! before it writes its row.

use super::storage::MediaStorage;
use crate::store::Store;
use std::time::{Duration, SystemTime};

/// How old an unreferenced or temporary file must be before the sweep removes it.
pub const GRACE: Duration = Duration::from_secs(3600);

/// What one sweep removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Swept {
    pub files: usize,
    pub temps: usize,
}

/// Sweeps `storage` against the rows and articles of `store`, as of `now`.
pub async fn sweep(
    store: &dyn Store,
    storage: &dyn MediaStorage,
    now: SystemTime,
    grace: Duration,
) -> Result<Swept, String> {
    let old_enough = |t: SystemTime| now.duration_since(t).is_ok_and(|age| age >= grace);
    let referenced = store
        .media()
        .referenced_files()
        .await
        .map_err(|e| e.to_string())?;
    let mut swept = Swept::default();
    for listed in storage.list().await.map_err(|e| e.to_string())? {
        if !referenced.contains(&listed.name) && old_enough(listed.modified) {
            storage
                .delete(&listed.name)
                .await
                .map_err(|e| e.to_string())?;
            swept.files += 1;
        }
    }
    for temp in storage.list_temps().await.map_err(|e| e.to_string())? {
        if old_enough(temp.modified) {
            storage
                .delete_temp(&temp.path)
                .await
                .map_err(|e| e.to_string())?;
            swept.temps += 1;
        }
    }
    Ok(swept)
}
