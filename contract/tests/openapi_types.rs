//! The Rust types of the contract serialise to what `openapi.yaml` promises, and the document's
//! enumerations are exactly the Rust vocabularies.

mod support;

use chrono::{TimeZone, Utc};
use portal_contract::*;
use serde_json::{json, to_value, Value};
use support::openapi::OpenApi;

fn when() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 7, 30, 15).unwrap()
}

fn user() -> User {
    User {
        id: 3,
        username: "chief".into(),
        full_name: "Nguyễn Văn Hùng".into(),
        email: None,
        roles: vec![Role::ChiefEditor, Role::Editor],
        active: true,
        version: 2,
        created_at: when(),
        updated_at: when(),
    }
}

fn article() -> Article {
    Article {
        id: 42,
        title: "<script>alert('x')</script> Bảo hiểm 🎉 مرحبا".into(),
        lead: "Sapo".into(),
        body: vec![
            Block::Heading {
                level: 2,
                spans: blocks::parse_inline("Tiêu **đề** [liên kết](https://vss.gov.vn)"),
            },
            Block::paragraph("Nội dung <b>"),
            Block::List {
                ordered: false,
                items: vec![blocks::parse_inline("*một*")],
            },
            Block::Quote {
                spans: vec![Span::plain("Trích")],
                cite: "Giám đốc".into(),
            },
            Block::Image {
                url: "/img/b.jpg".into(),
                alt: "Ảnh".into(),
                caption: "Chú thích".into(),
            },
            Block::Video {
                url: "https://youtube.com/watch?v=1".into(),
                caption: String::new(),
            },
            Block::Audio {
                url: "/media-files/ab/cd/a.mp3".into(),
                caption: "Bản tin".into(),
            },
            Block::Document {
                url: "/media-files/ab/cd/a.pdf".into(),
                title: "Mẫu TK1-TS".into(),
            },
        ],
        section: "Tin hoạt động".into(),
        topics: vec![Topic::Bhxh, Topic::FraudWarning],
        kind: Kind::News,
        authors: vec![AuthorShare {
            name: "Trần Thị Mai".into(),
            user_id: Some(1),
            share: 100,
        }],
        source: "BHXH tỉnh".into(),
        cover: Some(CoverImage {
            url: "/img/a.jpg".into(),
            alt: "Ảnh".into(),
            caption: "Chú thích".into(),
        }),
        channels: vec![Channel::Portal, Channel::Vssid],
        language: Language::Vi,
        model_example: true,
        checks: vec!["spelling".into()],
        checklist: Checklist::default(),
        stage: Stage::Published,
        scheduled_at: None,
        published_at: Some(when()),
        removal_reason: None,
        created_by: 1,
        created_at: when(),
        updated_at: when(),
        updated_by: 3,
        updated_by_name: "Nguyễn Văn Hùng".into(),
        stage_changed_at: when(),
        version: 7,
        revision: None,
    }
}

fn check(api: &OpenApi, name: &str, v: Value) {
    if let Err(e) = api.check_schema(name, &v) {
        panic!("{e}");
    }
}

#[test]
fn responses_of_every_shared_type_match_the_document() {
    let api = OpenApi::load();
    check(&api, "User", to_value(user()).unwrap());
    check(&api, "Article", to_value(article()).unwrap());
    let mut with_list = article();
    with_list.checklist = checklist::evaluate(&article(), &ChecklistSettings::default());
    assert!(!with_list.checklist.items.is_empty());
    check(&api, "Article", to_value(&with_list).unwrap());
    let mut revised = with_list.clone();
    revised.stage = Stage::Published;
    let mut revision = with_list.clone();
    revision.title = "Tiêu đề sửa đổi".into();
    revision.stage = Stage::Review;
    revised.revision = Some(Box::new(revision));
    check(&api, "Article", to_value(&revised).unwrap());
    let mut broken = to_value(&revised).unwrap();
    broken["revision"]["stage"] = serde_json::json!("nowhere");
    assert!(api.check_schema("Article", &broken).is_err());
    let comment = Comment {
        id: 1,
        article_id: 42,
        at: when(),
        author_id: 3,
        author_name: "Nguyễn Văn Hùng".into(),
        text: "Bổ sung nguồn".into(),
        action: Some("return".into()),
        from_stage: Some(Stage::Review),
        to_stage: Some(Stage::Editing),
    };
    check(&api, "Comment", to_value(&comment).unwrap());
    check(
        &api,
        "Board",
        to_value(Board {
            cards: vec![ArticleSummary::from(&article())],
            cursor: "17".into(),
        })
        .unwrap(),
    );
    check(
        &api,
        "Changes",
        to_value(Changes {
            changes: vec![ArticleSummary::from(&article())],
            cursor: "18".into(),
            more: false,
        })
        .unwrap(),
    );
    let a = article();
    check(
        &api,
        "PublicArticle",
        to_value(PublicArticle {
            id: a.id,
            title: a.title.clone(),
            lead: a.lead.clone(),
            html: blocks::render_html(&a.body),
            section: a.section.clone(),
            topics: a.topics.clone(),
            kind: a.kind,
            authors: author_names(&a.authors),
            source: a.source.clone(),
            cover: a.cover.clone(),
            language: a.language,
            published_at: when(),
        })
        .unwrap(),
    );
    check(
        &api,
        "SearchHit",
        to_value(SearchHit {
            id: 1,
            title: "t".into(),
            lead: "l".into(),
            section: "s".into(),
            published_at: when(),
            score: 1.5,
        })
        .unwrap(),
    );
    let mut bare = article();
    bare.cover = None;
    bare.published_at = None;
    bare.removal_reason = Some("Sai số liệu".into());
    check(&api, "Article", to_value(&bare).unwrap());
    check(
        &api,
        "ArticleSummary",
        to_value(ArticleSummary::from(&article())).unwrap(),
    );
    check(
        &api,
        "ArticlePage",
        to_value(Page {
            items: vec![ArticleSummary::from(&article())],
            total: 1,
            page: 1,
            per_page: 20,
        })
        .unwrap(),
    );
    check(&api, "Workflow", to_value(default_workflow()).unwrap());
    check(
        &api,
        "SessionInfo",
        to_value(SessionInfo {
            user: user(),
            permissions: permissions_for(&[Role::ChiefEditor, Role::Admin]),
            idle_expires_at: when(),
            absolute_expires_at: when(),
        })
        .unwrap(),
    );
    check(
        &api,
        "HistoryEntry",
        to_value(HistoryEntry {
            id: 1,
            article_id: 42,
            at: when(),
            actor_id: 3,
            actor_name: "Nguyễn Văn Hùng".into(),
            action: "return".into(),
            from_stage: Some(Stage::Review),
            to_stage: Some(Stage::Editing),
            comment: Some("Bổ sung nguồn".into()),
            version: 5,
        })
        .unwrap(),
    );
    check(
        &api,
        "AuditEntry",
        to_value(AuditEntry {
            id: 9,
            at: when(),
            actor_id: None,
            actor_name: "unknown".into(),
            action: "login_failed".into(),
            target: None,
            outcome: "failure".into(),
            detail: None,
        })
        .unwrap(),
    );
    check(
        &api,
        "ActiveSession",
        to_value(portal_contract::ActiveSession {
            id: 3,
            user_id: 7,
            username: "bich".into(),
            full_name: "Lê Thị Bích".into(),
            created_at: when(),
            idle_expires_at: when(),
            absolute_expires_at: when(),
            current: true,
        })
        .unwrap(),
    );
    check(
        &api,
        "Health",
        json!({"status": "ok", "version": "0.1.0", "database": "sqlite"}),
    );
    let mut p = Problem::validation(vec![FieldError::new(
        "title",
        "required",
        "Vui lòng nhập tiêu đề.",
    )]);
    check(&api, "Problem", to_value(&p).unwrap());
    p.current = Some(to_value(article()).unwrap());
    check(&api, "Problem", to_value(&p).unwrap());
}

#[test]
fn requests_built_by_clients_match_the_document() {
    let api = OpenApi::load();
    check(
        &api,
        "LoginRequest",
        to_value(LoginRequest {
            username: "a".into(),
            password: "b".into(),
        })
        .unwrap(),
    );
    check(
        &api,
        "PasswordChange",
        to_value(portal_contract::PasswordChange {
            current_password: "Demo@2026".into(),
            new_password: "MatKhauMoi2026".into(),
        })
        .unwrap(),
    );
    let patch = ArticlePatch {
        title: Some("Mới".into()),
        cover: Some(None),
        ..Default::default()
    };
    check(&api, "ArticlePatch", to_value(&patch).unwrap());
    let patch = ArticlePatch {
        body: Some(vec![Block::paragraph("x")]),
        checks: Some(vec!["spelling".into()]),
        ..Default::default()
    };
    check(&api, "ArticlePatch", to_value(&patch).unwrap());
    check(
        &api,
        "NewComment",
        to_value(NewComment {
            text: "Ý kiến".into(),
        })
        .unwrap(),
    );
    check(
        &api,
        "TransitionRequest",
        to_value(TransitionRequest {
            to: Stage::Editing,
            comment: None,
        })
        .unwrap(),
    );
    check(
        &api,
        "UserPatch",
        to_value(UserPatch {
            active: Some(false),
            ..Default::default()
        })
        .unwrap(),
    );
}

#[test]
fn the_validator_rejects_what_the_document_forbids() {
    let api = OpenApi::load();
    let mut a = to_value(article()).unwrap();
    a["stage"] = json!("archived");
    assert!(api.check_schema("Article", &a).is_err());
    let mut a = to_value(article()).unwrap();
    a.as_object_mut().unwrap().remove("version");
    assert!(api.check_schema("Article", &a).is_err());
    let mut a = to_value(article()).unwrap();
    a["published_at"] = json!("yesterday");
    assert!(
        api.check_schema("Article", &a).is_err(),
        "date-time format is checked"
    );
    let mut a = to_value(article()).unwrap();
    a["body"] = json!([{"type": "html", "html": "<script>"}]);
    assert!(
        api.check_schema("Article", &a).is_err(),
        "no raw HTML block"
    );
    assert!(api
        .check_schema(
            "LoginRequest",
            &json!({"username": "a", "password": "b", "x": 1})
        )
        .is_err());
}

fn enum_of(api: &OpenApi, name: &str) -> Vec<String> {
    api.doc()["components"]["schemas"][name]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} has an enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn enumerations_are_the_rust_vocabularies() {
    let api = OpenApi::load();
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "Stage"),
        names(Stage::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "Role"),
        names(Role::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "Kind"),
        names(Kind::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "Topic"),
        names(Topic::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "Channel"),
        names(Channel::ALL.iter().map(|s| s.as_str()).collect())
    );
    let perms: Vec<String> = Permission::ALL
        .iter()
        .map(|p| to_value(p).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(enum_of(&api, "Permission"), perms);
}

#[test]
fn every_operation_documents_its_errors_as_problem_json() {
    let api = OpenApi::load();
    let paths = api.doc()["paths"].as_object().unwrap();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            for (status, resp) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    let r = resp["$ref"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{method} {path} {status}"));
                    let name = r.trim_start_matches("#/components/responses/");
                    let content = &api.doc()["components"]["responses"][name]["content"];
                    assert!(
                        content.get("application/problem+json").is_some(),
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
}

#[test]
fn stats_answers_and_the_beacon_match_the_document() {
    use portal_contract::stats::*;
    let api = OpenApi::load();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let range = DateRange::new(day("2026-11-01"), day("2026-11-22")).unwrap();
    let t = Totals {
        visitors: 5,
        visits: 6,
        pageviews: 14,
        bounces: 2,
        visit_seconds: 930,
        bot_pageviews: 3,
    };
    check(
        &api,
        "Summary",
        to_value(Summary {
            range,
            previous_range: range.previous(),
            current: t,
            previous: Totals::default(),
        })
        .unwrap(),
    );
    let point = |s: &str| SeriesPoint {
        start: day(s).and_hms_opt(0, 0, 0).unwrap(),
        totals: t,
    };
    check(
        &api,
        "Series",
        to_value(Series {
            range,
            previous_range: range.previous(),
            interval: Interval::Week,
            points: vec![point("2026-11-01"), point("2026-11-02")],
            previous: vec![point("2026-10-10"), point("2026-10-11")],
        })
        .unwrap(),
    );
    let row = BreakdownRow {
        key: "/tin-tuc/<script>".into(),
        label: "Bảo hiểm 🎉 مرحبا".into(),
        visitors: 1,
        visits: 0,
        pageviews: 2,
    };
    check(
        &api,
        "Breakdown",
        to_value(Breakdown {
            range,
            dimension: Dimension::Pages,
            rows: vec![row.clone()],
        })
        .unwrap(),
    );
    check(
        &api,
        "Realtime",
        to_value(Realtime {
            visitors: 1,
            pageviews: 2,
            bot_pageviews: 0,
            minutes: vec![MinuteCount {
                start: when(),
                pageviews: 2,
            }],
            pages: vec![row],
        })
        .unwrap(),
    );
    let beacon = Beacon {
        path: "/tin-tuc/a".into(),
        host: Some("bhxh.example.vn".into()),
        referrer: Some("https://www.google.com.vn/".into()),
        width: Some(390),
        article_id: Some(7),
        webdriver: None,
    };
    check(&api, "Beacon", to_value(&beacon).unwrap());
    assert!(api
        .check_schema("Beacon", &json!({"path": "/", "ip": "1.2.3.4"}))
        .is_err());
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "Interval"),
        names(Interval::ALL.iter().map(|i| i.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "Dimension"),
        names(Dimension::ALL.iter().map(|d| d.as_str()).collect())
    );
}

#[test]
fn plan_and_spokesperson_types_match_the_document() {
    use portal_contract::plans::*;
    use portal_contract::spokesperson::*;
    let api = OpenApi::load();
    let content = PlanContent::new_year(2027, 20, 4);
    let plan = Plan {
        id: 1,
        year: 2027,
        version_no: 2,
        state: PlanState::Approved,
        totals: content.totals(),
        content: content.clone(),
        return_comment: Some("Bổ sung <b>video</b> 🎬".into()),
        created_at: when(),
        updated_at: when(),
        updated_by: 5,
        updated_by_name: "Trần Văn Minh".into(),
        submitted_at: Some(when()),
        approved_at: Some(when()),
        approved_by_name: Some("Trần Văn Minh".into()),
        version: 7,
    };
    check(&api, "Plan", to_value(&plan).unwrap());
    check(
        &api,
        "PlanSummary",
        to_value(PlanSummary::from(&plan)).unwrap(),
    );
    check(&api, "PlanPatch", to_value(PlanPatch { content }).unwrap());
    check(
        &api,
        "PlanTransition",
        to_value(PlanTransition {
            action: PlanAction::Return,
            comment: Some("Thiếu chủ đề tháng 3".into()),
        })
        .unwrap(),
    );
    check(
        &api,
        "PlanHistoryEntry",
        to_value(PlanHistoryEntry {
            at: when(),
            plan_id: 1,
            version_no: 2,
            actor_name: "Giám đốc".into(),
            action: "approve".into(),
            from_state: Some(PlanState::Submitted),
            to_state: Some(PlanState::Approved),
            comment: None,
        })
        .unwrap(),
    );
    let person = Contact {
        full_name: "Nguyễn Thị Lan".into(),
        position: "Phó Giám đốc".into(),
        unit: "BHXH tỉnh".into(),
        phone: "+84 912 345 678".into(),
        email: "phatngon@bhxh.gov.vn".into(),
    };
    let sc = SpokespersonContent {
        spokesperson: person.clone(),
        press_info: "Giờ hành chính".into(),
        deputy: Some(person.clone()),
    };
    check(
        &api,
        "Spokesperson",
        to_value(Spokesperson {
            content: sc.clone(),
            updated_at: Some(when()),
            updated_by_name: Some("Thư ký".into()),
            confirmed_at: Some(when()),
            stale_after_days: 90,
            stale: false,
            version: 3,
        })
        .unwrap(),
    );
    check(
        &api,
        "SpokespersonUpdate",
        to_value(SpokespersonUpdate {
            content: sc.clone(),
        })
        .unwrap(),
    );
    check(
        &api,
        "PublicSpokesperson",
        to_value(PublicSpokesperson {
            spokesperson: person,
            press_info: String::new(),
            deputy: None,
            updated_at: when(),
        })
        .unwrap(),
    );
    check(
        &api,
        "NormProgress",
        to_value(NormProgress {
            year: 2027,
            month: 2,
            source: NormSource::Plan,
            plan_id: Some(1),
            news_norm: 20,
            article_norm: 4,
            news_published: 7,
            articles_published: 1,
            days_in_month: 28,
            days_left: 10,
        })
        .unwrap(),
    );
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "PlanState"),
        names(PlanState::ALL.iter().map(|s| s.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "PlanAction"),
        names(PlanAction::ALL.iter().map(|s| s.as_str()).collect())
    );
}

// ── fraud reports ──
#[test]
fn fraud_report_types_match_the_document() {
    use portal_contract::fraud::*;
    let api = OpenApi::load();
    let report = FraudReport {
        id: 4,
        occurred_at: when(),
        location: "Xã Tân Lập <b>".into(),
        channel: FraudChannel::FakeWebsite,
        description: "Trang web giả mạo 🎣".into(),
        amount: 1_234_000,
        people_affected: 3,
        evidence_url: Some("https://example.vn/x".into()),
        office: "BHXH huyện Đồng Phú".into(),
        state: FraudState::Verified,
        article_id: Some(12),
        reported_by: 2,
        reported_by_name: "Phan Văn Lợi".into(),
        created_at: when(),
        updated_at: when(),
        history: vec![FraudHistoryEntry {
            at: when(),
            actor_name: "Cao Minh Khoa".into(),
            action: "verify".into(),
            from_state: Some(FraudState::New),
            to_state: Some(FraudState::Verified),
            comment: None,
            article_id: None,
        }],
        version: 3,
    };
    check(&api, "FraudReport", to_value(&report).unwrap());
    check(
        &api,
        "FraudReportSummary",
        to_value(FraudReportSummary::from(&report)).unwrap(),
    );
    check(
        &api,
        "NewFraudReport",
        to_value(NewFraudReport {
            occurred_at: when(),
            location: "Xã A".into(),
            channel: FraudChannel::Sms,
            description: "Tin nhắn lạ".into(),
            amount: 0,
            people_affected: 0,
            evidence_url: None,
            office: "BHXH huyện".into(),
        })
        .unwrap(),
    );
    check(
        &api,
        "FraudTransition",
        to_value(FraudTransition {
            action: FraudAction::Communicate,
            comment: Some("Đã đăng cảnh báo".into()),
        })
        .unwrap(),
    );
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "FraudChannel"),
        names(FraudChannel::ALL.iter().map(|c| c.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "FraudState"),
        names(FraudState::ALL.iter().map(|c| c.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "FraudAction"),
        names(FraudAction::ALL.iter().map(|c| c.as_str()).collect())
    );
}

#[test]
fn royalty_types_match_the_document() {
    use portal_contract::royalties::*;
    let api = OpenApi::load();
    assert_eq!(
        enum_of(&api, "RemunerationRole"),
        RemunerationRole::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .collect::<Vec<_>>()
    );
    let settings = RoyaltySettings {
        coefficients: default_coefficients(),
        unit_values: default_unit_values(),
        updated_at: Some(when()),
        updated_by_name: Some("Nguyễn Văn Hùng".into()),
        version: 2,
    };
    check(&api, "RoyaltySettings", to_value(&settings).unwrap());
    let update = RoyaltySettingsUpdate {
        coefficients: settings.coefficients.clone(),
        unit_values: settings.unit_values.clone(),
    };
    check(&api, "RoyaltySettingsUpdate", to_value(&update).unwrap());
    let assessment = RoyaltyAssessment {
        coefficient_tenths: 15,
        remunerations: vec![Remuneration {
            name: "Trần Thị B".into(),
            user_id: Some(4),
            role: RemunerationRole::Supplier,
            amount_vnd: 50_000,
            note: "Ảnh".into(),
        }],
    };
    check(&api, "RoyaltyAssessment", to_value(&assessment).unwrap());
    let mut a = article();
    a.published_at = Some(when());
    let record = RoyaltyRecord {
        coefficient_tenths: Some(15),
        remunerations: assessment.remunerations.clone(),
        assessed_at: Some(when()),
        assessed_by_name: Some("Trưởng ban".into()),
        paid_on: None,
        paid_by_name: None,
        version: 1,
    };
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 30).unwrap();
    let line = compute(&a, &record, &settings, today);
    assert!(line.overdue);
    check(&api, "ArticleRoyalty", to_value(&line).unwrap());
    let s = sheet("2026-11".into(), vec![line.clone()]);
    check(&api, "RoyaltySheet", to_value(&s).unwrap());
    let o = OverdueRoyalties {
        count: 1,
        total_vnd: line.total_vnd,
        items: vec![line],
    };
    check(&api, "OverdueRoyalties", to_value(&o).unwrap());
}

#[test]
fn the_documented_role_permissions_are_the_rust_table() {
    let api = OpenApi::load();
    let table = &api.doc()["x-role-permissions"];
    for role in Role::ALL {
        let documented: Vec<String> = table[role.as_str()]
            .as_array()
            .unwrap_or_else(|| panic!("x-role-permissions has no {}", role.as_str()))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let rust: Vec<String> = portal_contract::role_permissions(role)
            .iter()
            .map(|p| to_value(p).unwrap().as_str().unwrap().to_string())
            .collect();
        assert_eq!(documented, rust, "{}", role.as_str());
    }
    assert_eq!(table.as_object().unwrap().len(), Role::ALL.len());
}

#[test]
fn every_x_permissions_names_known_permissions() {
    let api = OpenApi::load();
    let known = enum_of(&api, "Permission");
    let mut seen = 0;
    for (path, item) in api.doc()["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(expr) = op.get("x-permissions") else {
                continue;
            };
            seen += 1;
            let expr = expr.as_str().unwrap();
            assert!(
                !(expr.contains('|') && expr.contains('&')),
                "{method} {path}: mixes | and &"
            );
            for name in expr.split(['|', '&']).map(str::trim) {
                assert!(
                    known.iter().any(|k| k == name),
                    "{method} {path}: unknown permission {name}"
                );
            }
        }
    }
    assert!(seen > 50, "only {seen} operations name their permissions");
}

#[test]
fn the_mock_session_example_is_a_valid_session_of_every_role() {
    let api = OpenApi::load();
    let example = api.doc()["paths"]["/session"]["get"]["responses"]["200"]["content"]
        ["application/json"]["example"]
        .clone();
    check(&api, "SessionInfo", example.clone());
    let info: SessionInfo = serde_json::from_value(example).unwrap();
    assert_eq!(info.user.roles, Role::ALL.to_vec());
    assert_eq!(info.permissions, permissions_for(&info.user.roles));
}

// ── media library ──
#[test]
fn media_types_match_the_document() {
    use portal_contract::media::*;
    let api = OpenApi::load();
    let h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let item = MediaItem {
        id: 7,
        kind: MediaKind::Image,
        filename: "🎉 ảnh bìa.jpg".into(),
        content_type: "image/jpeg".into(),
        bytes: 123_456,
        width: Some(1600),
        height: Some(900),
        alt: "Ảnh bìa".into(),
        caption: "Chú thích\nhai dòng".into(),
        url: format!("/media-files/01/23/{h}.jpg"),
        variants: vec![
            MediaVariant {
                width: 320,
                url: format!("/media-files/01/23/{h}.webp"),
                content_type: "image/webp".into(),
            },
            MediaVariant {
                width: 320,
                url: format!("/media-files/01/23/{h}.jpg"),
                content_type: "image/jpeg".into(),
            },
        ],
        poster_url: None,
        captions_url: None,
        used_in: vec![MediaUse {
            kind: MediaUseKind::Article,
            id: 12,
            title: "Tin BHXH".into(),
            place: "cover".into(),
        }],
        uploaded_by: 2,
        uploaded_by_name: "Nguyễn Văn Hùng".into(),
        uploaded_at: when(),
        updated_at: when(),
        version: 2,
    };
    check(&api, "MediaItem", to_value(&item).unwrap());
    let video = MediaItem {
        kind: MediaKind::Video,
        content_type: "video/mp4".into(),
        width: None,
        height: None,
        variants: vec![],
        poster_url: Some(format!("/media-files/01/23/{h}.jpg")),
        captions_url: Some(format!("/media-files/01/23/{h}.vtt")),
        ..item.clone()
    };
    check(&api, "MediaItem", to_value(&video).unwrap());
    let pdf = MediaItem {
        kind: MediaKind::Document,
        content_type: "application/pdf".into(),
        width: None,
        height: None,
        variants: vec![],
        used_in: vec![],
        ..item.clone()
    };
    check(
        &api,
        "MediaPage",
        to_value(Page {
            items: vec![item, pdf],
            total: 2,
            page: 1,
            per_page: 20,
        })
        .unwrap(),
    );
    check(
        &api,
        "MediaPatch",
        to_value(MediaPatch {
            alt: Some("Mới".into()),
            caption: None,
        })
        .unwrap(),
    );
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "MediaKind"),
        names(MediaKind::ALL.iter().map(|k| k.as_str()).collect())
    );
}

// ── banners ──
#[test]
fn banner_types_match_the_document() {
    use portal_contract::banners::*;
    use portal_contract::media::MediaVariant;
    let api = OpenApi::load();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 2, d).unwrap();
    let h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let banner = Banner {
        id: 3,
        placement: BannerPlacement::HomeTop,
        title: "<script>alert('x')</script> Cài đặt VssID 🎉 مرحبا".into(),
        media_id: 7,
        image: BannerImage {
            url: format!("/media-files/01/23/{h}.png"),
            width: Some(1600),
            height: Some(900),
            variants: vec![MediaVariant {
                width: 320,
                url: format!("/media-files/01/23/{h}.webp"),
                content_type: "image/webp".into(),
            }],
        },
        link: "https://baohiemxahoi.gov.vn".into(),
        starts_on: day(1),
        ends_on: day(28),
        position: 2,
        created_by: 2,
        created_by_name: "Biên tập viên".into(),
        created_at: when(),
        updated_at: when(),
        version: 1,
    };
    check(&api, "Banner", to_value(&banner).unwrap());
    check(
        &api,
        "BannerPage",
        to_value(Page {
            items: vec![banner.clone()],
            total: 1,
            page: 1,
            per_page: 20,
        })
        .unwrap(),
    );
    check(&api, "NewBanner", to_value(banner.as_new()).unwrap());
    check(
        &api,
        "BannerPatch",
        to_value(BannerPatch {
            ends_on: Some(day(27)),
            ..BannerPatch::default()
        })
        .unwrap(),
    );
    check(
        &api,
        "PublicBanner",
        to_value(PublicBanner::from(&banner)).unwrap(),
    );
    let names = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        enum_of(&api, "BannerPlacement"),
        names(BannerPlacement::ALL.iter().map(|p| p.as_str()).collect())
    );
    assert_eq!(
        enum_of(&api, "BannerStatus"),
        names(BannerStatus::ALL.iter().map(|s| s.as_str()).collect())
    );
}
