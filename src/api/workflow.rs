//! The editorial workflow: its stages and transitions (`/workflow`), the kanban board's cards
//! (`/board`) and the feed of what others changed (`/changes`).

use super::{get_json, ApiError};
use portal_contract::{Board, Changes, Workflow};

/// `GET /workflow`.
pub async fn get() -> Result<Workflow, ApiError> {
    get_json("/workflow", &Vec::new()).await
}

/// `GET /board`: every card the user may see, and the cursor to poll from.
pub async fn board() -> Result<Board, ApiError> {
    get_json("/board", &Vec::new()).await
}

/// `GET /changes?since=`: what changed after `cursor`.
pub async fn changes(cursor: &str) -> Result<Changes, ApiError> {
    get_json("/changes", &vec![("since", cursor.to_string())]).await
}
