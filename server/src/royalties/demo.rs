//! Demo royalties: the published demo articles get coefficients and remuneration, the older
//! ones mostly paid, a few left unpaid past 60 days so the sheet and the alert show something.

use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use portal_contract::royalties::{
    default_coefficients, range_of, vn_day, Remuneration, RemunerationRole, RoyaltyRecord,
    RoyaltySettingsUpdate, UnitValue,
};
use portal_contract::User;

fn audit(by: &User, at: DateTime<Utc>, action: &str, id: i64) -> NewAudit {
    NewAudit::success(at, by, action, Some(format!("article:{id}")), None)
}

/// Seeds the settings (two unit values) and an assessment, and for most older articles a
/// payment, of the published demo articles. Deterministic: driven by the article ids.
pub async fn seed(state: &AppState, users: &[User], now: DateTime<Utc>) -> Result<(), String> {
    let by = |name: &str| users.iter().find(|u| u.username == name).cloned();
    let (Some(chief), Some(secretary), Some(admin), Some(editor)) =
        (by("chief"), by("secretary"), by("admin"), by("editor"))
    else {
        return Ok(());
    };
    let store = state.store.royalties();
    let err = |e: crate::store::StoreError| e.to_string();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("invalid date".to_string());
    let update = RoyaltySettingsUpdate {
        coefficients: default_coefficients(),
        unit_values: vec![
            UnitValue {
                effective_from: day(2024, 7, 1)?,
                vnd: 234_000,
            },
            UnitValue {
                effective_from: day(2023, 7, 1)?,
                vnd: 180_000,
            },
        ],
    };
    let at = now - Duration::days(180);
    let settings_audit = NewAudit::success(
        at,
        &admin,
        "royalty.settings",
        Some("royalty_settings".into()),
        None,
    );
    store
        .save_settings(&update, 0, at, admin.id, &admin.full_name, settings_audit)
        .await
        .map_err(err)?;

    let ids = store
        .published_between(now - Duration::days(3650), now)
        .await
        .map_err(err)?;
    let today = vn_day(now);
    for id in ids {
        let Some(article) = state.store.article(id).await.map_err(err)? else {
            continue;
        };
        let Some(published) = article.published_at else {
            continue;
        };
        // One in four of the last month's articles waits for the chief editor's coefficient.
        let published_on = vn_day(published);
        if (today - published_on).num_days() <= 30 && id % 4 == 3 {
            continue;
        }
        let range = range_of(&update.coefficients, article.kind);
        let span = range.max_tenths.saturating_sub(range.min_tenths);
        let step = (id as u32).wrapping_mul(37) % 5;
        let coefficient = range.min_tenths + span * step / 8;
        let mut remunerations = Vec::new();
        if id % 3 == 0 {
            remunerations.push(Remuneration {
                name: editor.full_name.clone(),
                user_id: Some(editor.id),
                role: RemunerationRole::Editor,
                amount_vnd: 50_000 + 10_000 * (id % 10),
                note: "Biên tập, chỉnh sửa".into(),
            });
        }
        if id % 4 == 1 {
            remunerations.push(Remuneration {
                name: "Phòng Thu – Chi BHXH huyện".into(),
                user_id: None,
                role: RemunerationRole::Supplier,
                amount_vnd: 100_000,
                note: "Cung cấp số liệu, ảnh".into(),
            });
        }
        let assessed_at = (published + Duration::days(2)).min(now);
        let assessed = RoyaltyRecord {
            coefficient_tenths: Some(coefficient),
            remunerations,
            assessed_at: Some(assessed_at),
            assessed_by_name: Some(chief.full_name.clone()),
            paid_on: None,
            paid_by_name: None,
            version: 1,
        };
        store
            .save_royalty(
                id,
                &assessed,
                0,
                audit(&chief, assessed_at, "royalty.assess", id),
            )
            .await
            .map_err(err)?;
        // Older than 45 days: paid within 40 days of publication, except one in eight, which
        // is left unpaid (the 60-day alert).
        if (today - published_on).num_days() > 45 && id % 8 != 2 {
            let paid_on = published_on + Duration::days(15 + id % 25);
            let paid_at = portal_contract::format::vn_midnight(paid_on) + Duration::hours(9);
            let paid = RoyaltyRecord {
                paid_on: Some(paid_on),
                paid_by_name: Some(secretary.full_name.clone()),
                version: 2,
                ..assessed
            };
            store
                .save_royalty(id, &paid, 1, audit(&secretary, paid_at, "royalty.pay", id))
                .await
                .map_err(err)?;
        }
    }
    Ok(())
}
