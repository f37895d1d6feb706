//! Demo details of the spokesperson and a deputy, as the secretary saved them.

use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Duration, Utc};
use portal_contract::spokesperson::{Contact, SpokespersonContent};
use portal_contract::User;

/// Saves the spokesperson's details, entered by the secretary 20 days before `now`.
pub async fn seed(state: &AppState, users: &[User], now: DateTime<Utc>) -> Result<(), String> {
    let Some(secretary) = users.iter().find(|u| u.username == "secretary") else {
        return Ok(());
    };
    let content = SpokespersonContent {
        spokesperson: Contact {
            full_name: "Nguyễn Thị Thu Hà".into(),
            position: "Phó Giám đốc".into(),
            unit: "Bảo hiểm xã hội tỉnh".into(),
            phone: "0912 345 678".into(),
            email: "phatngon@bhxh.example.gov.vn".into(),
        },
        press_info: "Cơ quan báo chí liên hệ qua Văn phòng trong giờ hành chính (sáng 7:30–11:30, chiều 13:30–17:00), \
            gửi nội dung đề nghị cung cấp thông tin bằng văn bản hoặc thư điện tử."
            .into(),
        deputy: Some(Contact {
            full_name: "Trần Minh Đức".into(),
            position: "Chánh Văn phòng".into(),
            unit: "Bảo hiểm xã hội tỉnh".into(),
            phone: "0236 3822 123".into(),
            email: "vanphong@bhxh.example.gov.vn".into(),
        }),
    };
    state
        .store
        .spokesperson()
        .save_spokesperson(
            Some(&content),
            0,
            now - Duration::days(20),
            secretary.id,
            &secretary.full_name,
            NewAudit::success(
                now - Duration::days(20),
                secretary,
                "spokesperson.update",
                None,
                Some("demo".into()),
            ),
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
