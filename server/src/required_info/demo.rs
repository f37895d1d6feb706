//! Demo data of the required information: a provincial office's structure in both languages,
//! links to the province's departments (on `.invalid` hosts, which never resolve, so nothing
//! real is ever visited), earlier findings of the link checker, and a year of training.

use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use portal_contract::required_info::{
    InfoSection, LinkCheck, LinksContent, OrgContent, OrgUnit, PortalLink, TrainingContent,
    TrainingSession,
};
use portal_contract::User;

#[allow(clippy::too_many_arguments)]
fn unit(
    name_vi: &str,
    name_en: &str,
    functions_vi: &str,
    functions_en: &str,
    leader_name: &str,
    position: (&str, &str),
    phone: &str,
    email: &str,
) -> OrgUnit {
    OrgUnit {
        name_vi: name_vi.into(),
        name_en: name_en.into(),
        functions_vi: functions_vi.into(),
        functions_en: functions_en.into(),
        leader_name: leader_name.into(),
        leader_position_vi: position.0.into(),
        leader_position_en: position.1.into(),
        phone: phone.into(),
        email: email.into(),
        address_vi: "Số 12 Trần Phú, phường Hải Châu, thành phố Đà Nẵng".into(),
        address_en: "12 Tran Phu Street, Hai Chau Ward, Da Nang City".into(),
    }
}

/// The office's units, as a provincial Social Insurance office is commonly organised.
pub fn demo_org() -> OrgContent {
    OrgContent {
        units: vec![
            unit(
                "Ban Giám đốc BHXH tỉnh",
                "Board of Directors",
                "Lãnh đạo, chỉ đạo toàn diện hoạt động của BHXH tỉnh; chịu trách nhiệm trước Tổng Giám đốc BHXH Việt Nam và trước pháp luật.",
                "Leads and directs all activities of the provincial Social Insurance office; accountable to the General Director of Vietnam Social Security and to the law.",
                "Lê Văn Hùng",
                ("Giám đốc", "Director"),
                "0236 3822 100",
                "giamdoc@bhxh.example.invalid",
            ),
            unit(
                "Văn phòng",
                "Office",
                "Tổng hợp, hành chính, văn thư, lưu trữ; tổ chức cán bộ; thi đua – khen thưởng; quản trị; đầu mối cung cấp thông tin cho báo chí.",
                "General affairs, administration, records and archives; personnel; emulation and awards; facilities; contact point for the press.",
                "Trần Minh Đức",
                ("Chánh Văn phòng", "Chief of Office"),
                "0236 3822 123",
                "vanphong@bhxh.example.invalid",
            ),
            unit(
                "Phòng Quản lý Thu – Sổ, thẻ",
                "Contribution Collection and Insurance Book & Card Division",
                "Tổ chức thu BHXH, BHYT, BHTN, BHTNLĐ-BNN; quản lý đơn vị và người tham gia; cấp, quản lý sổ BHXH và thẻ BHYT.",
                "Collects social, health, unemployment and occupational accident insurance contributions; manages employers and participants; issues social insurance books and health insurance cards.",
                "Phạm Thị Hoa",
                ("Trưởng phòng", "Head of Division"),
                "0236 3822 135",
                "thu@bhxh.example.invalid",
            ),
            unit(
                "Phòng Chế độ BHXH",
                "Social Insurance Benefits Division",
                "Giải quyết các chế độ ốm đau, thai sản, tai nạn lao động – bệnh nghề nghiệp, hưu trí, tử tuất, BHXH một lần và BHTN.",
                "Settles sickness, maternity, occupational accident and disease, retirement, survivorship, one-off social insurance and unemployment benefits.",
                "Nguyễn Văn Tâm",
                ("Trưởng phòng", "Head of Division"),
                "0236 3822 146",
                "chedo@bhxh.example.invalid",
            ),
            unit(
                "Phòng Giám định BHYT",
                "Health Insurance Assessment Division",
                "Ký hợp đồng khám chữa bệnh BHYT; giám định chi phí khám chữa bệnh; bảo đảm quyền lợi người có thẻ BHYT.",
                "Contracts health-care providers; assesses the costs of insured treatment; protects the rights of health insurance card holders.",
                "Võ Thị Mai",
                ("Trưởng phòng", "Head of Division"),
                "0236 3822 157",
                "giamdinh@bhxh.example.invalid",
            ),
            unit(
                "Phòng Kế hoạch – Tài chính",
                "Planning and Finance Division",
                "Lập kế hoạch, dự toán; quản lý quỹ, chi trả các chế độ; kế toán, quyết toán.",
                "Plans and budgets; manages the funds and benefit payments; accounting and settlement.",
                "Đặng Quốc Việt",
                ("Trưởng phòng", "Head of Division"),
                "0236 3822 168",
                "taichinh@bhxh.example.invalid",
            ),
            unit(
                "Phòng Truyền thông và Phát triển đối tượng",
                "Communication and Coverage Development Division",
                "Tuyên truyền chính sách BHXH, BHYT, BHTN; quản lý Cổng Thông tin điện tử; phát triển người tham gia BHXH tự nguyện, BHYT hộ gia đình.",
                "Communicates social, health and unemployment insurance policies; runs the Electronic Information Portal; extends voluntary social insurance and household health insurance coverage.",
                "Hoàng Thị Lan",
                ("Trưởng phòng", "Head of Division"),
                "0905 123 456",
                "truyenthong@bhxh.example.invalid",
            ),
        ],
    }
}

/// Links to the province's departments; `.invalid` hosts never resolve.
pub fn demo_links() -> LinksContent {
    let link = |name: &str, host: &str| PortalLink {
        name: name.into(),
        url: format!("https://{host}.example.invalid/"),
    };
    LinksContent {
        links: vec![
            link("Cổng thông tin điện tử tỉnh", "congthongtin"),
            link("Sở Y tế", "soyte"),
            link("Sở Nội vụ", "sonoivu"),
            link("Sở Tài chính", "sotaichinh"),
            link("Sở Giáo dục và Đào tạo", "sogddt"),
            link("Cục Thuế tỉnh", "cucthue"),
        ],
    }
}

/// Training sessions over the year so far.
pub fn demo_training(now: DateTime<Utc>) -> TrainingContent {
    let today = now
        .with_timezone(&portal_contract::format::vn_offset())
        .date_naive();
    let year = today.year();
    let plan = [
        (
            1,
            15,
            "Quy trình biên tập, đăng, gỡ tin theo Quyết định 2474/QĐ-BHXH",
            "Trung tâm Truyền thông BHXH Việt Nam",
            "Ban Biên tập, thư ký",
            12,
            4.0,
        ),
        (
            2,
            26,
            "Tính nhuận bút, thù lao theo Quyết định 1334/QĐ-BHXH",
            "Phòng Kế hoạch – Tài chính",
            "Ban Biên tập, cộng tác viên",
            25,
            3.0,
        ),
        (
            3,
            20,
            "Viết tin về BHYT học sinh, sinh viên",
            "Báo Đà Nẵng",
            "Cộng tác viên các huyện",
            30,
            3.5,
        ),
        (
            5,
            14,
            "Sản xuất infographic và motion graphic",
            "Trung tâm Truyền thông BHXH Việt Nam",
            "Biên tập viên",
            8,
            8.0,
        ),
        (
            6,
            18,
            "An toàn thông tin mạng, nhận diện lừa đảo trực tuyến (Công văn 1466)",
            "Trung tâm Công nghệ thông tin",
            "Toàn thể cán bộ Ban Biên tập",
            18,
            2.5,
        ),
        (
            8,
            22,
            "Chuẩn tiếp cận WCAG cho Cổng Thông tin điện tử",
            "Phòng Công nghệ thông tin",
            "Biên tập viên, quản trị",
            10,
            4.0,
        ),
        (
            10,
            9,
            "Phỏng vấn và viết bài chuyên sâu về BHXH tự nguyện",
            "Báo Lao động",
            "Ban Biên tập, cộng tác viên",
            22,
            6.0,
        ),
        (
            11,
            13,
            "Chụp ảnh báo chí bằng điện thoại",
            "Hội Nhà báo thành phố",
            "Cộng tác viên",
            15,
            3.0,
        ),
    ];
    TrainingContent {
        sessions: plan
            .into_iter()
            .filter_map(|(m, d, topic, trainer, who, count, hours)| {
                let date = NaiveDate::from_ymd_opt(year, m, d)?;
                (date < today).then(|| TrainingSession {
                    date,
                    topic: topic.into(),
                    trainer: trainer.into(),
                    participants: who.into(),
                    participant_count: count,
                    hours,
                })
            })
            .collect(),
    }
}

/// Seeds the three pages (org current, links stale, training recent) and earlier findings of
/// the link checker (a few links dead), as the secretary.
pub async fn seed(state: &AppState, users: &[User], now: DateTime<Utc>) -> Result<(), String> {
    let Some(secretary) = users.iter().find(|u| u.username == "secretary") else {
        return Ok(());
    };
    let info = state.store.required_info();
    let pages: [(InfoSection, String, i64); 3] = [
        (InfoSection::Org, json(&demo_org())?, 40),
        (InfoSection::Links, json(&demo_links())?, 120),
        (InfoSection::Training, json(&demo_training(now))?, 12),
    ];
    for (section, content, days_ago) in pages {
        let at = now - Duration::days(days_ago);
        let audit = NewAudit::success(
            at,
            secretary,
            &format!("info.{}.update", section.as_str()),
            Some(format!("info:{}", section.as_str())),
            None,
        );
        info.save_page(
            section,
            Some(&content),
            0,
            at,
            secretary.id,
            &secretary.full_name,
            audit,
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    let checked_at = now - Duration::days(1);
    let checks: Vec<LinkCheck> = demo_links()
        .links
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let (alive, status_code, error) = match i {
                2 => (false, Some(404), Some("Máy chủ trả về mã lỗi 404.".to_string())),
                5 => (
                    false,
                    None,
                    Some(
                        "Không kết nối được tới máy chủ (tên miền không tồn tại hoặc máy chủ không trả lời)."
                            .to_string(),
                    ),
                ),
                _ => (true, Some(200), None),
            };
            LinkCheck {
                url: l.url,
                alive,
                status_code,
                checked_at,
                error,
            }
        })
        .collect();
    info.record_link_checks(&checks, None)
        .await
        .map_err(|e| e.to_string())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::required_info::{validate_links, validate_org, validate_training};

    #[test]
    fn the_demo_pages_are_valid() {
        assert_eq!(validate_org(&demo_org()), vec![]);
        assert_eq!(validate_links(&demo_links()), vec![]);
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 31, 0, 0, 0).unwrap();
        let t = demo_training(now);
        assert_eq!(t.sessions.len(), 8);
        assert_eq!(validate_training(&t), vec![]);
    }
}
