//! The kanban board: every visible card at once, then the changes feed polled from a cursor.

use crate::http::error::ApiError;
use crate::http::extract::{CurrentUser, QueryParams};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use portal_contract::{Board, Changes, Permission, Workflow};

/// Most articles one answer of `GET /changes` carries.
pub const CHANGES_MAX: u32 = 500;

/// Longest `since` accepted (as documented).
const CURSOR_MAX: usize = 64;

/// The cursor as the client sees it: opaque text naming a point of the change sequence.
pub fn encode_cursor(seq: i64) -> String {
    format!("v1.{seq}")
}

/// The change sequence of a cursor this server could have issued; `None` for anything else.
pub fn decode_cursor(cursor: &str) -> Option<i64> {
    let digits = cursor.strip_prefix("v1.")?;
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Articles hidden from `me` are left out, as in the list.
fn visible_to(me: &CurrentUser) -> Option<i64> {
    (!me.can(Permission::ArticlesReadAll)).then_some(me.user.id)
}

/// `GET /board`.
pub async fn board(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Board>, ApiError> {
    me.require(Permission::ArticlesRead)?;
    let (cards, cursor) = state.store.board(visible_to(&me)).await?;
    Ok(Json(Board {
        cards,
        cursor: encode_cursor(cursor),
    }))
}

/// `GET /changes?since=<cursor>`.
pub async fn changes(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Changes>, ApiError> {
    me.require(Permission::ArticlesRead)?;
    let since = match params.take("since") {
        None => {
            params.error(
                "since",
                "required",
                "Thiếu con trỏ since (lấy từ GET /board).",
            );
            None
        }
        Some(raw) if raw.chars().count() > CURSOR_MAX => {
            params.error("since", "too_long", "Con trỏ tối đa 64 ký tự.");
            None
        }
        Some(raw) => {
            let seq = decode_cursor(&raw);
            if seq.is_none() {
                params.error(
                    "since",
                    "invalid_cursor",
                    "Con trỏ không do máy chủ cấp; hãy tải lại bảng.",
                );
            }
            seq
        }
    };
    params.finish()?;
    let since = since.unwrap_or_default();
    let Some(page) = state
        .store
        .changes_since(since, visible_to(&me), CHANGES_MAX)
        .await?
    else {
        return Err(ApiError::bad_request(
            "Tham số truy vấn không hợp lệ, xem chi tiết từng tham số.",
            vec![portal_contract::FieldError::new(
                "since",
                "invalid_cursor",
                "Con trỏ không do máy chủ cấp; hãy tải lại bảng.",
            )],
        ));
    };
    Ok(Json(Changes {
        changes: page.items,
        cursor: encode_cursor(page.cursor),
        more: page.more,
    }))
}

/// `GET /workflow` (any signed-in user).
pub async fn workflow(State(state): State<AppState>, _me: CurrentUser) -> Json<Workflow> {
    Json((*state.workflow).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(decode_cursor(&encode_cursor(0)), Some(0));
        assert_eq!(decode_cursor(&encode_cursor(123_456)), Some(123_456));
        for bad in [
            "",
            "v1.",
            "v1.-1",
            "v1.+3",
            "v2.3",
            "3",
            "v1.3x",
            "v1.99999999999999999999",
        ] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
