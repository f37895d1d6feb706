//! Demo fraud reports: a handful in each state, filed by the local office, verified by the IT
//! Centre, and communicated (here through the commune loudspeakers and VssID news, so the demo's
//! articles stay the generated ones; the warning article is drafted from the UI).

use super::FraudEvent;
use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Duration, Utc};
use portal_contract::fraud::{FraudChannel, FraudReport, FraudState};
use portal_contract::User;

struct DemoReport {
    days_ago: i64,
    hour: i64,
    location: &'static str,
    channel: FraudChannel,
    description: &'static str,
    amount: i64,
    people: i64,
    evidence: Option<&'static str>,
    office: &'static str,
    state: FraudState,
}

const REPORTS: &[DemoReport] = &[
    DemoReport {
        days_ago: 1,
        hour: 9,
        location: "Xã Tân Lập, huyện Đồng Phú",
        channel: FraudChannel::Phone,
        description: "Đối tượng gọi điện xưng là cán bộ BHXH huyện, thông báo người dân được nhận lại tiền đóng BHXH tự nguyện và yêu cầu đọc mã OTP gửi về điện thoại.\nMột người dân đã đọc mã và bị trừ tiền trong tài khoản ngân hàng.",
        amount: 4_500_000,
        people: 1,
        evidence: None,
        office: "BHXH huyện Đồng Phú",
        state: FraudState::New,
    },
    DemoReport {
        days_ago: 2,
        hour: 15,
        location: "Phường Tân Bình, thành phố Đồng Xoài",
        channel: FraudChannel::Sms,
        description: "Tin nhắn mạo danh “BHXH Việt Nam” báo thẻ BHYT sắp bị khóa, kèm đường dẫn yêu cầu cập nhật thông tin cá nhân.",
        amount: 0,
        people: 12,
        evidence: Some("https://example.invalid/bang-chung/tin-nhan-bhyt.png"),
        office: "BHXH thành phố Đồng Xoài",
        state: FraudState::New,
    },
    DemoReport {
        days_ago: 3,
        hour: 20,
        location: "Thị trấn Chơn Thành",
        channel: FraudChannel::SocialNetwork,
        description: "Trang Facebook giả mạo “Bảo hiểm xã hội tỉnh” nhận làm hộ thủ tục rút BHXH một lần, thu phí trước 2.000.000 đồng mỗi hồ sơ.",
        amount: 6_000_000,
        people: 3,
        evidence: Some("https://example.invalid/bang-chung/trang-gia-mao"),
        office: "BHXH thị xã Chơn Thành",
        state: FraudState::New,
    },
    DemoReport {
        days_ago: 6,
        hour: 10,
        location: "Xã Lộc Ninh, huyện Lộc Ninh",
        channel: FraudChannel::App,
        description: "Người dân được hướng dẫn cài ứng dụng “VssID mới” từ đường dẫn lạ (không phải kho ứng dụng chính thức). Ứng dụng chiếm quyền điều khiển điện thoại và chuyển tiền khỏi tài khoản.",
        amount: 38_700_000,
        people: 2,
        evidence: Some("https://example.invalid/bang-chung/ung-dung-gia"),
        office: "BHXH huyện Lộc Ninh",
        state: FraudState::Verified,
    },
    DemoReport {
        days_ago: 8,
        hour: 14,
        location: "Phường Phú Đức, thị xã Bình Long",
        channel: FraudChannel::FakeWebsite,
        description: "Trang web có giao diện giống Cổng Dịch vụ công BHXH, yêu cầu nhập số CCCD và mật khẩu VssID để “nhận trợ cấp thất nghiệp trực tuyến”.",
        amount: 0,
        people: 25,
        evidence: Some("https://example.invalid/bang-chung/web-gia"),
        office: "BHXH thị xã Bình Long",
        state: FraudState::Verified,
    },
    DemoReport {
        days_ago: 10,
        hour: 8,
        location: "Xã Minh Hưng, huyện Bù Đăng",
        channel: FraudChannel::Phone,
        description: "Đối tượng giả danh cán bộ BHXH gọi cho người hưởng lương hưu, đề nghị chuyển 1.234.000 đồng “phí điều chỉnh lương hưu”.",
        amount: 1_234_000,
        people: 1,
        evidence: None,
        office: "BHXH huyện Bù Đăng",
        state: FraudState::Verified,
    },
    DemoReport {
        days_ago: 20,
        hour: 16,
        location: "Huyện Bù Gia Mập",
        channel: FraudChannel::Sms,
        description: "Tin nhắn hàng loạt thông báo “hoàn tiền BHYT” kèm số tài khoản nhận phí xử lý hồ sơ.",
        amount: 15_000_000,
        people: 9,
        evidence: None,
        office: "BHXH huyện Bù Gia Mập",
        state: FraudState::Communicated,
    },
    DemoReport {
        days_ago: 35,
        hour: 11,
        location: "Thành phố Đồng Xoài",
        channel: FraudChannel::SocialNetwork,
        description: "Nhóm Zalo “Hỗ trợ rút BHXH một lần nhanh” thu giữ sổ BHXH và căn cước của người lao động, hứa rút hộ trong 7 ngày.",
        amount: 52_000_000,
        people: 14,
        evidence: Some("https://example.invalid/bang-chung/nhom-zalo"),
        office: "BHXH thành phố Đồng Xoài",
        state: FraudState::Communicated,
    },
];

fn event(by: &User, at: DateTime<Utc>, action: &str) -> FraudEvent {
    FraudEvent {
        at,
        actor_id: by.id,
        actor_name: by.full_name.clone(),
        action: action.to_string(),
        from_state: None,
        to_state: None,
        comment: None,
    }
}

/// Seeds the demo reports when the three 1466 demo users exist.
pub(crate) async fn seed(
    state: &AppState,
    users: &[User],
    now: DateTime<Utc>,
) -> Result<(), String> {
    let by = |name: &str| users.iter().find(|u| u.username == name).cloned();
    let (Some(local), Some(it), Some(comms)) = (
        by("local_office"),
        by("it_centre"),
        by("communication_centre"),
    ) else {
        return Ok(());
    };
    let store = state.store.fraud();
    let err = |e: crate::store::StoreError| e.to_string();
    for d in REPORTS {
        let filed = now - Duration::days(d.days_ago);
        let occurred = filed - Duration::hours(d.hour % 6 + 2);
        let report = FraudReport {
            id: 0,
            occurred_at: occurred,
            location: d.location.into(),
            channel: d.channel,
            description: d.description.into(),
            amount: d.amount,
            people_affected: d.people,
            evidence_url: d.evidence.map(String::from),
            office: d.office.into(),
            state: FraudState::New,
            article_id: None,
            reported_by: local.id,
            reported_by_name: local.full_name.clone(),
            created_at: filed,
            updated_at: filed,
            history: Vec::new(),
            version: 1,
        };
        let mut e = event(&local, filed, "create");
        e.to_state = Some(FraudState::New);
        let audit = NewAudit::success(filed, &local, "fraud_report.create", None, None);
        let mut saved = store.insert_report(&report, e, audit).await.map_err(err)?;
        if d.state == FraudState::New {
            continue;
        }
        let verified = filed + Duration::hours(5);
        let mut e = event(&it, verified, "verify");
        e.from_state = Some(FraudState::New);
        e.to_state = Some(FraudState::Verified);
        e.comment = Some(
            "Đã đối chiếu: không phải số điện thoại, trang hay ứng dụng của ngành BHXH.".into(),
        );
        let audit = NewAudit::success(
            verified,
            &it,
            "fraud_report.verify",
            Some(format!("fraud_report:{}", saved.id)),
            None,
        );
        saved = store
            .change_state(saved.id, saved.version, e, audit)
            .await
            .map_err(err)?;
        if d.state == FraudState::Verified {
            continue;
        }
        let done = verified + Duration::days(1);
        let mut e = event(&comms, done, "communicate");
        e.from_state = Some(FraudState::Verified);
        e.to_state = Some(FraudState::Communicated);
        e.comment = Some(
            "Đã cảnh báo qua hệ thống loa truyền thanh xã và tin tức trên ứng dụng VssID.".into(),
        );
        let audit = NewAudit::success(
            done,
            &comms,
            "fraud_report.communicate",
            Some(format!("fraud_report:{}", saved.id)),
            None,
        );
        store
            .change_state(saved.id, saved.version, e, audit)
            .await
            .map_err(err)?;
    }
    Ok(())
}
