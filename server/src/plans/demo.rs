//! Demo plans: this year's approved, next year's waiting for the Director.

use super::PlanEvent;
use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Datelike, Duration, Utc};
use portal_contract::plans::{Plan, PlanContent, PlanState};
use portal_contract::User;

/// Seeds this year's plan (approved in January) and next year's (submitted, waiting for the
/// Director).
pub async fn seed(state: &AppState, users: &[User], now: DateTime<Utc>) -> Result<(), String> {
    let by = |name: &str| users.iter().find(|u| u.username == name).cloned();
    let (Some(editor), Some(director)) = (by("editor"), by("director")) else {
        return Ok(());
    };
    let plans = state.store.plans();
    let year = now
        .with_timezone(&portal_contract::format::vn_offset())
        .year();
    let themes = [
        "Chính sách BHXH, BHYT dịp Tết",
        "Ngày truyền thống ngành BHXH (16/2)",
        "BHXH tự nguyện cho lao động tự do",
        "BHYT học sinh, sinh viên",
        "Thủ tục hành chính điện tử, VssID",
        "Luật BHXH sửa đổi có hiệu lực",
        "Ngày BHYT Việt Nam (1/7)",
        "Cảnh báo lừa đảo qua mạng",
        "BHYT hộ gia đình",
        "Chi trả lương hưu qua tài khoản",
        "Gương điển hình tham gia BHXH",
        "Tổng kết năm, gia hạn thẻ BHYT",
    ];
    let filled = |y: i32| {
        let mut c = PlanContent::new_year(y, 20, 4);
        c.objectives = "Tuyên truyền kịp thời, chính xác chủ trương, chính sách BHXH, BHYT, BHTN; \
            nâng cao chất lượng tin, bài trên Cổng thông tin điện tử; đạt định mức hằng tháng; \
            gửi ít nhất 2 bài điển hình mỗi quý về Ban Biên tập Cổng TTĐT BHXH Việt Nam."
            .to_string();
        c.royalty_budget = 180_000_000;
        for (m, theme) in c.months.iter_mut().zip(themes) {
            m.theme = theme.to_string();
            m.responsible = "Phòng Truyền thông và Phát triển đối tượng".to_string();
            m.media.infographic = 2;
            m.media.video = u32::from(m.month % 3 == 0);
            if m.month == 6 || m.month == 11 {
                m.training = "Tập huấn nghiệp vụ biên tập, viết tin cho cộng tác viên".to_string();
            }
        }
        c
    };
    let ev = |u: &User, at, action: &str, from, to| PlanEvent {
        at,
        actor_id: u.id,
        actor_name: u.full_name.clone(),
        action: action.to_string(),
        from_state: from,
        to_state: to,
        comment: None,
    };
    let audit =
        |u: &User, at, action: &str| NewAudit::success(at, u, action, None, Some("demo".into()));
    // This year's plan: approved in January.
    let january = chrono::NaiveDate::from_ymd_opt(year, 1, 10)
        .and_then(|d| d.and_hms_opt(2, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or(now);
    let approved_at = january.min(now - Duration::days(1));
    let content = filled(year);
    let this_year = Plan {
        id: 0,
        year,
        version_no: 1,
        state: PlanState::Approved,
        totals: content.totals(),
        content,
        return_comment: None,
        created_at: approved_at - Duration::days(10),
        updated_at: approved_at,
        updated_by: director.id,
        updated_by_name: director.full_name.clone(),
        submitted_at: Some(approved_at - Duration::days(3)),
        approved_at: Some(approved_at),
        approved_by_name: Some(director.full_name.clone()),
        version: 4,
    };
    plans
        .insert_plan(
            &this_year,
            ev(
                &director,
                approved_at,
                "approve",
                Some(PlanState::Submitted),
                Some(PlanState::Approved),
            ),
            audit(&director, approved_at, "plan.approve"),
        )
        .await
        .map_err(|e| e.to_string())?;
    // Next year's: submitted, waiting for the Director.
    let content = filled(year + 1);
    let next_year = Plan {
        year: year + 1,
        state: PlanState::Submitted,
        totals: content.totals(),
        content,
        created_at: now - Duration::days(5),
        updated_at: now - Duration::days(1),
        updated_by: editor.id,
        updated_by_name: editor.full_name.clone(),
        submitted_at: Some(now - Duration::days(1)),
        approved_at: None,
        approved_by_name: None,
        version: 3,
        ..this_year.clone()
    };
    plans
        .insert_plan(
            &next_year,
            ev(
                &editor,
                now - Duration::days(1),
                "submit",
                Some(PlanState::Draft),
                Some(PlanState::Submitted),
            ),
            audit(&editor, now - Duration::days(1), "plan.submit"),
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
