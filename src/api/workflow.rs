//! `/workflow`: the stages and transitions, served as data.

use super::{get_json, ApiError};
use portal_contract::Workflow;

/// `GET /workflow`.
pub async fn get() -> Result<Workflow, ApiError> {
    get_json("/workflow", &Vec::new()).await
}
