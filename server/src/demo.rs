//! Demo data (placeholder while being written).
use crate::AppState;
pub async fn seed_if_empty(_state: &AppState) -> Result<Option<String>, String> {
    Ok(None)
}
