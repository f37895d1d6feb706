//! `/board` and `/changes`: the kanban board's cards and the feed of what others changed.

use super::{get_json, ApiError};
use portal_contract::{Board, Changes};

/// `GET /board`: every card the user may see, and the cursor to poll from.
pub async fn board() -> Result<Board, ApiError> {
    get_json("/board", &Vec::new()).await
}

/// `GET /changes?since=`: what changed after `cursor`.
pub async fn changes(cursor: &str) -> Result<Changes, ApiError> {
    get_json("/changes", &vec![("since", cursor.to_string())]).await
}
