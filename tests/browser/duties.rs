//! Browser tests of the board's duties: "Việc của tôi", the norms page and the quarterly model
//! articles — the pure rules, then each part mounted alone against a fake backend.

use crate::dom::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::i18n::Lang;
use portal_admin::pages::duties::my_work::{current_plan, my_work_href};
use portal_admin::pages::duties::norms::{cell_of_error, parse_norm, read_cells, NormKind};
use portal_admin::pages::duties::quarterly::{
    mail_for, proposed, quarter_from_query, quarter_label, recent_quarters,
};
use portal_admin::pages::{
    MyWorkBody, NormSettingsForm, NormYearTable, QuarterView, SubmissionTable,
};
use portal_admin::session::{Session, SessionState};
use portal_contract::duties::{
    Candidate, Quarter, QuarterStatus, QuarterlySubmission, SubmittedArticle, VSS_PORTAL_EMAIL,
};
use portal_contract::duties::{MyWork, MyWorkGroup};
use portal_contract::plans::{
    MonthNorm, NormProgress, NormSettings, NormSource, NormYear, PlanState, PlanSummary, PlanTotals,
};
use portal_contract::{
    ArticleSummary, AuthorShare, FieldError, Kind, Language, Role, Stage, Topic,
};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

fn t(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn summary(id: i64, title: &str, stage: Stage, since: DateTime<Utc>) -> ArticleSummary {
    ArticleSummary {
        id,
        title: title.into(),
        section: "Tin tức".into(),
        topics: vec![Topic::Bhxh],
        kind: Kind::Article,
        authors: vec![AuthorShare {
            name: "Lê Thu Hà".into(),
            user_id: Some(2),
            share: 100,
        }],
        language: Language::Vi,
        model_example: true,
        stage,
        scheduled_at: None,
        published_at: Some(since),
        removal_reason: None,
        created_by: 2,
        updated_at: since,
        updated_by_name: "Lê Thu Hà".into(),
        stage_changed_at: since,
        checklist_failing: 0,
        comment_count: 0,
        version: 3,
        revision_stage: None,
    }
}

fn provide_session(roles: &[Role]) {
    provide_context(Session::new(SessionState::Active(Box::new(session_of(
        roles,
    )))));
}

// ---------------------------------------------------------------------------------------------
// Pure rules
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn norms_typed_in_cells_are_whole_numbers_up_to_a_thousand() {
    for (raw, want) in [
        ("20", Some(20)),
        (" 4 ", Some(4)),
        ("0", Some(0)),
        ("1.000", Some(1000)),
        ("1 000", Some(1000)),
        ("1001", None),
        ("", None),
        ("-1", None),
        ("2,5", None),
        ("abc", None),
        ("٣", None),
        ("99999999999999999999", None),
    ] {
        assert_eq!(parse_norm(raw), want, "{raw:?}");
    }
}

#[wasm_bindgen_test]
fn cells_become_twelve_months_or_name_their_bad_cells() {
    let mut cells: Vec<(String, String)> = (1..=12)
        .map(|m| (format!("{}", 20 + m), "4".to_string()))
        .collect();
    let months = read_cells(&cells).expect("valid");
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[2],
        MonthNorm {
            month: 3,
            news: 23,
            articles: 4
        }
    );
    cells[2].0 = "x".into();
    cells[11].1 = String::new();
    assert_eq!(
        read_cells(&cells),
        Err(vec![(3, NormKind::News), (12, NormKind::Articles)])
    );
    // A server error on row 2 lands on the cell of that row's month.
    let e = FieldError::new("months[2].articles", "out_of_range", "…");
    assert_eq!(cell_of_error(&e, &months), Some((3, NormKind::Articles)));
    let e = FieldError::new("months", "incomplete", "…");
    assert_eq!(cell_of_error(&e, &months), None);
    let e = FieldError::new("months[40].news", "out_of_range", "…");
    assert_eq!(cell_of_error(&e, &months), None);
}

#[wasm_bindgen_test]
fn quarters_offered_go_back_across_years_and_bad_links_fall_back() {
    let now = Quarter::new(2026, 2).unwrap();
    let offered = recent_quarters(now);
    assert_eq!(offered.len(), 8);
    assert_eq!(offered[0], now);
    assert_eq!(offered[2], Quarter::new(2025, 4).unwrap());
    assert_eq!(offered[7], Quarter::new(2024, 3).unwrap());
    let q = |y: &str, q: &str| quarter_from_query(Some(y.into()), Some(q.into()), now);
    assert_eq!(q("2025", "3"), Quarter::new(2025, 3).unwrap());
    assert_eq!(q("2025", "5"), now);
    assert_eq!(q("abc", "1"), now);
    assert_eq!(q("1999", "1"), now);
    assert_eq!(quarter_from_query(None, Some("1".into()), now), now);
    assert_eq!(quarter_label(now, Lang::Vi), "Quý II/2026");
    assert_eq!(quarter_label(now, Lang::En), "Q2 2026");
}

fn status(sent: &[i64]) -> QuarterStatus {
    let candidate = |id: i64, title: &str| Candidate {
        article: summary(id, title, Stage::Published, t(2026, 11, 3, 2)),
        public_url: format!("https://portal.example/tin/{id}"),
        sent: sent.contains(&id),
    };
    QuarterStatus {
        year: 2026,
        quarter: 4,
        first_day: day(2026, 10, 1),
        last_day: day(2026, 12, 31),
        target: 2,
        sent_count: sent.len() as u32,
        candidates: vec![
            candidate(11, "Ngày BHYT & người cao tuổi"),
            candidate(12, "Gương sáng thu BHXH tự nguyện"),
            candidate(13, "Cảnh báo lừa đảo qua ứng dụng giả"),
        ],
        submissions: Vec::new(),
        email_to: VSS_PORTAL_EMAIL.into(),
    }
}

#[wasm_bindgen_test]
fn the_page_proposes_what_the_target_still_needs_and_mails_the_choice() {
    assert_eq!(proposed(&status(&[])), vec![11, 12]);
    assert_eq!(proposed(&status(&[11])), vec![12], "one more to reach 2");
    assert!(proposed(&status(&[11, 12])).is_empty());
    let s = status(&[]);
    assert!(mail_for(&s, &[], "An").is_none());
    let mail = mail_for(&s, &[13, 11], "Hoàng Minh Đức").expect("a mail");
    assert_eq!(mail.to, VSS_PORTAL_EMAIL);
    assert!(mail.subject.contains("Quý IV/2026"));
    let first = mail.body.find("Ngày BHYT").unwrap();
    let third = mail.body.find("Cảnh báo lừa đảo").unwrap();
    assert!(first < third, "in the page's order");
    assert!(mail.body.contains("https://portal.example/tin/13"));
    assert!(!mail.body.contains("tin/12"));
    assert!(mail.body.ends_with("Hoàng Minh Đức\n"));
}

fn plan_summary(id: i64, year: i32, version_no: i32, state: PlanState) -> PlanSummary {
    PlanSummary {
        id,
        year,
        version_no,
        state,
        totals: PlanTotals::default(),
        updated_at: t(2026, 1, 5, 2),
        updated_by_name: "Lê Thu Hà".into(),
        submitted_at: None,
        approved_at: None,
    }
}

#[wasm_bindgen_test]
fn the_dashboard_shows_the_version_being_worked_on_else_the_one_in_force() {
    let plans = vec![
        plan_summary(1, 2026, 1, PlanState::Superseded),
        plan_summary(2, 2026, 2, PlanState::Approved),
        plan_summary(3, 2027, 1, PlanState::Draft),
    ];
    assert_eq!(current_plan(&plans, 2026).map(|p| p.id), Some(2));
    assert_eq!(current_plan(&plans, 2027).map(|p| p.id), Some(3));
    assert!(current_plan(&plans, 2025).is_none());
    let mut more = plans.clone();
    more.push(plan_summary(4, 2026, 3, PlanState::Submitted));
    assert_eq!(current_plan(&more, 2026).map(|p| p.id), Some(4));
    assert_eq!(
        my_work_href(Stage::PendingApproval),
        "/articles?stage=pending_approval&sort=stage_changed_at"
    );
}

// ---------------------------------------------------------------------------------------------
// Parts mounted alone
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn my_work_lists_each_stage_with_its_oldest_items_and_a_link_to_all() {
    let evil = "<img src=x onerror=\"window.__pwned=1\"> \u{202e}عربى 🎉";
    let old = t(2026, 1, 1, 0);
    let work = MyWork {
        groups: vec![
            MyWorkGroup {
                stage: Stage::PendingApproval,
                actions: vec!["return".into(), "approve".into()],
                total: 5,
                items: vec![
                    summary(7, evil, Stage::PendingApproval, old),
                    summary(8, "Bài thứ hai", Stage::PendingApproval, old),
                ],
            },
            MyWorkGroup {
                stage: Stage::Approved,
                actions: vec!["publish".into()],
                total: 0,
                items: Vec::new(),
            },
        ],
        total: 5,
    };
    let root = container();
    let w = work.clone();
    let _app =
        leptos::mount::mount_to(root.clone(), move || view! { <MyWorkBody work=w.clone()/> });
    tick().await;
    let groups = query_all(&root, ".my-work-group");
    assert_eq!(groups.len(), 1, "an empty stage is not listed");
    assert_eq!(text(&root, ".my-work-group .stage-badge"), "Chờ duyệt");
    assert_eq!(text(&root, ".my-work-count"), "5 bài");
    let items = query_all(&root, ".my-work-items li a");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].text_content().unwrap(),
        evil,
        "hostile titles stay text"
    );
    assert!(query(&root, ".my-work img").is_none());
    assert_eq!(
        items[0].get_attribute("href").as_deref(),
        Some("/articles/7")
    );
    assert!(text(&root, ".my-work-since").starts_with("chờ "));
    assert_eq!(
        attr(&root, ".my-work-all", "href").as_deref(),
        Some("/articles?stage=pending_approval&sort=stage_changed_at")
    );
    assert_eq!(text(&root, ".my-work-all"), "Xem cả 5 bài");

    let nothing = MyWork {
        groups: vec![MyWorkGroup {
            total: 0,
            items: Vec::new(),
            ..work.groups[1].clone()
        }],
        total: 0,
    };
    let empty = container();
    let _e = leptos::mount::mount_to(
        empty.clone(),
        move || view! { <MyWorkBody work=nothing.clone()/> },
    );
    tick().await;
    assert_eq!(
        text(&empty, ".state-title"),
        "Không có bài nào đang chờ bạn xử lý."
    );
    let no_role = container();
    let _n = leptos::mount::mount_to(no_role.clone(), move || {
        view! { <MyWorkBody work=MyWork { groups: Vec::new(), total: 0 }/> }
    });
    tick().await;
    assert_eq!(
        text(&no_role, ".state-title"),
        "Vai trò của bạn không xử lý bài trong quy trình biên tập."
    );
}

fn progress(month: u32, news: u32, articles: u32, source: NormSource) -> NormProgress {
    NormProgress {
        year: 2026,
        month,
        source,
        plan_id: None,
        news_norm: 20,
        article_norm: 4,
        news_published: news,
        articles_published: articles,
        days_in_month: 30,
        days_left: 0,
    }
}

#[wasm_bindgen_test]
async fn the_year_table_has_a_row_a_month_and_the_sums() {
    let months: Vec<NormProgress> = (1..=12)
        .map(|m| progress(m, if m == 3 { 21 } else { 2 }, 1, NormSource::Settings))
        .collect();
    let year = NormYear {
        year: 2026,
        news_norm: 240,
        article_norm: 48,
        news_published: 43,
        articles_published: 12,
        months,
    };
    let root = container();
    let _app = leptos::mount::mount_to(
        root.clone(),
        move || view! { <NormYearTable year=year.clone()/> },
    );
    tick().await;
    assert_eq!(query_all(&root, ".norms-table tbody tr").len(), 12);
    assert_eq!(text(&root, "tr[data-month='3'] th"), "03/2026");
    assert_eq!(
        query_all(&root, "tbody td.reached").len(),
        1,
        "only March's news reached"
    );
    assert!(text(&root, "tr[data-month='3']").contains("Định mức đặt"));
    let foot = text(&root, "tfoot");
    assert!(
        foot.contains("Cả năm") && foot.contains("240") && foot.contains("43"),
        "{foot}"
    );
}

fn settings(version: i64, news: u32) -> NormSettings {
    let mut s = NormSettings::defaults(2026);
    for m in &mut s.months {
        m.news = news;
    }
    s.version = version;
    s.saved = version > 0;
    if s.saved {
        s.updated_at = Some(t(2026, 3, 2, 3));
        s.updated_by_name = Some("Trịnh Văn Thành".into());
    }
    s
}

#[wasm_bindgen_test]
async fn norm_settings_check_cells_then_save_with_if_match_and_reload_on_conflict() {
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/norms/settings/2026",
            vec![ok(settings(0, 20))]
        ),
        route(
            "PUT",
            "/api/v1/norms/settings/2026",
            vec![
                answer(
                    412,
                    json!({
                        "type": "https://portal.example/problems/precondition-failed",
                        "title": "Dữ liệu đã được người khác thay đổi",
                        "status": 412,
                        "current": serde_json::to_value(settings(1, 30)).unwrap()
                    })
                ),
                ok(settings(2, 25)),
            ]
        ),
    ]));
    let saved = RwSignal::new(0);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        provide_session(&[Role::ChiefEditor]);
        view! {
            <NormSettingsForm
                year=2026
                plan_applies=Signal::stored(false)
                on_saved=Callback::new(move |_| saved.update(|n| *n += 1))
            />
        }
    });
    wait_for("the settings", || query(&root, "#norm-1-news").is_some()).await;
    assert_eq!(value(&root, "#norm-1-news"), "20");
    assert_eq!(
        text(&root, ".norms-meta"),
        "Chưa đặt: đang dùng giá trị mặc định."
    );
    assert_eq!(
        attr(&root, ".norms-plan-overrides", "hidden").as_deref(),
        Some("")
    );

    // A bad cell: its message, its aria-invalid, the focus, and nothing sent.
    type_into(&root, "#norm-3-news", "mười");
    fire(&root, "form.norms-form", "submit");
    tick().await;
    assert_eq!(
        attr(&root, "#norm-3-news", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "#norm-3-news", "aria-describedby").as_deref(),
        Some("norm-3-news-error")
    );
    assert!(attr(&root, "#norm-3-news-error", "hidden").is_none());
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id"))
            .as_deref(),
        Some("norm-3-news")
    );
    assert!(text(&root, ".form-error").contains("1 ô"));
    TimeoutFuture::new(30).await;
    assert!(writes().is_empty());

    // Corrected, sent with If-Match "0"; someone else saved first: the latest is loaded.
    type_into(&root, "#norm-3-news", "22");
    tick().await;
    assert_eq!(
        attr(&root, "#norm-3-news", "aria-invalid").as_deref(),
        Some("false")
    );
    fire(&root, "form.norms-form", "submit");
    wait_for("the conflict", || {
        text(&root, ".form-error").contains("người khác")
    })
    .await;
    let sent = writes();
    assert_eq!(sent[0]["ifMatch"], "\"0\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["months"].as_array().unwrap().len(), 12);
    assert_eq!(
        body["months"][2],
        json!({"month": 3, "news": 22, "articles": 4})
    );
    assert_eq!(value(&root, "#norm-3-news"), "30", "their norms are shown");
    assert!(text(&root, ".norms-meta").contains("Trịnh Văn Thành"));
    assert_eq!(saved.get_untracked(), 0);

    fire(&root, "form.norms-form", "submit");
    wait_for("the save", || saved.get_untracked() == 1).await;
    assert_eq!(writes()[1]["ifMatch"], "\"1\"");
    assert_eq!(value(&root, "#norm-3-news"), "25");
}

#[wasm_bindgen_test]
async fn norm_settings_are_read_only_without_the_right() {
    fake_backend(json!([route(
        "GET",
        "/api/v1/norms/settings/2026",
        vec![ok(settings(0, 20))]
    )]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        provide_session(&[Role::Editor]);
        view! {
            <NormSettingsForm year=2026 plan_applies=Signal::stored(true) on_saved=Callback::new(|_| {})/>
        }
    });
    wait_for("the settings", || query(&root, "#norm-1-news").is_some()).await;
    assert!(attr(&root, "#norm-1-news", "readonly").is_some());
    assert!(query(&root, "form.norms-form button[type=submit]").is_none());
    assert!(attr(&root, ".norms-plan-overrides", "hidden").is_none());
}

#[wasm_bindgen_test]
async fn choosing_articles_rewrites_the_mail_and_recording_sends_the_choice() {
    let recorded = QuarterlySubmission {
        id: 9,
        year: 2026,
        quarter: 4,
        sent_on: day(2026, 11, 20),
        articles: vec![SubmittedArticle {
            id: 11,
            title: "Ngày BHYT & người cao tuổi".into(),
            public_url: "https://portal.example/tin/11".into(),
        }],
        note: String::new(),
        recorded_by_name: "Hoàng Minh Đức".into(),
        recorded_at: t(2026, 11, 20, 3),
    };
    fake_backend(json!([route(
        "POST",
        "/api/v1/quarterly-submissions",
        vec![answer(201, &recorded)]
    )]));
    let done = RwSignal::new(0);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        provide_session(&[Role::Editor]);
        view! { <QuarterView status=status(&[]) on_recorded=Callback::new(move |_| done.update(|n| *n += 1))/> }
    });
    tick().await;
    assert_eq!(
        text(&root, ".quarter-progress"),
        "Đã gửi 0 trên 2 bài Quý IV/2026."
    );
    let href = attr(&root, ".mail-open", "href").expect("a mailto link");
    assert!(href.starts_with("mailto:congthongtindientu@vss.gov.vn?subject="));
    assert!(href.contains("tin%2F11") && href.contains("tin%2F12") && !href.contains("tin%2F13"));

    // Keyboard and mouse both toggle the checkbox; here its change event.
    click(&root, "#candidate-12");
    tick().await;
    let body = text(&root, ".mail-body");
    assert!(
        body.contains("tin/11") && !body.contains("tin/12"),
        "{body}"
    );
    assert_eq!(
        text(&root, ".quarter-record button"),
        "Ghi nhận đã gửi 1 bài"
    );

    type_into(&root, "#quarter-sent-on", "2026-11-20");
    type_into(&root, "#quarter-note", "Kèm ảnh gốc");
    fire(&root, "form.quarter-record", "submit");
    wait_for("the record", || done.get_untracked() == 1).await;
    let sent = writes();
    assert_eq!(sent.len(), 1);
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"year": 2026, "quarter": 4, "sent_on": "2026-11-20", "article_ids": [11],
               "note": "Kèm ảnh gốc"})
    );

    // Nothing chosen: no mail, and the button cannot send.
    click(&root, "#candidate-11");
    tick().await;
    assert!(query(&root, ".mail-open").is_none());
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Chọn ít nhất một bài để soạn thư."));
    let button = query(&root, ".quarter-record button").unwrap();
    assert!(
        button.has_attribute("disabled") || {
            use wasm_bindgen::JsCast;
            button
                .unchecked_into::<web_sys::HtmlButtonElement>()
                .disabled()
        }
    );
}

#[wasm_bindgen_test]
async fn a_rejected_record_says_why_and_the_director_only_reads() {
    fake_backend(json!([route(
        "POST",
        "/api/v1/quarterly-submissions",
        vec![answer(
            422,
            json!({
                "type": "https://portal.example/problems/validation",
                "title": "Dữ liệu không hợp lệ",
                "status": 422,
                "errors": [{"field": "sent_on", "code": "in_future", "message": "Ngày gửi không được ở tương lai."}]
            })
        )]
    )]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        provide_session(&[Role::Secretary]);
        view! { <QuarterView status=status(&[11]) on_recorded=Callback::new(|_| {})/> }
    });
    tick().await;
    assert_eq!(
        text(&root, ".quarter-record button"),
        "Ghi nhận đã gửi 1 bài"
    );
    assert!(text(&root, ".quarter-candidate.sent").contains("đã gửi"));
    // No date: said beside the button, nothing sent.
    type_into(&root, "#quarter-sent-on", "");
    fire(&root, "form.quarter-record", "submit");
    tick().await;
    assert_eq!(
        text(&root, ".quarter-record .form-error"),
        "Chọn ngày đã gửi thư (dd/mm/yyyy)."
    );
    TimeoutFuture::new(30).await;
    assert!(writes().is_empty());
    type_into(&root, "#quarter-sent-on", "2026-11-20");
    fire(&root, "form.quarter-record", "submit");
    wait_for("the error", || {
        text(&root, ".quarter-record .form-error").contains("tương lai")
    })
    .await;

    let reader = container();
    let _r = leptos::mount::mount_to(reader.clone(), move || {
        provide_session(&[Role::Director]);
        view! { <QuarterView status=status(&[]) on_recorded=Callback::new(|_| {})/> }
    });
    tick().await;
    assert!(query(&reader, ".quarter-record").is_none());
    assert!(
        query(&reader, ".mail-open").is_some(),
        "the director may still read the mail"
    );
}

#[wasm_bindgen_test]
async fn submissions_show_each_article_with_its_public_link_as_text() {
    let evil = "<script>window.__pwned=1</script>";
    let s = QuarterlySubmission {
        id: 3,
        year: 2026,
        quarter: 3,
        sent_on: day(2026, 9, 28),
        articles: vec![SubmittedArticle {
            id: 5,
            title: evil.into(),
            public_url: "https://portal.example/tin/5".into(),
        }],
        note: evil.into(),
        recorded_by_name: "Hoàng Minh Đức".into(),
        // 27/09 20:00 UTC is 28/09 03:00 in Hà Nội.
        recorded_at: t(2026, 9, 27, 20),
    };
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! { <SubmissionTable items=vec![s.clone()]/> }
    });
    tick().await;
    assert_eq!(text(&root, "tr[data-submission='3'] td"), "28/09/2026");
    assert_eq!(
        attr(&root, "td a", "href").as_deref(),
        Some("https://portal.example/tin/5")
    );
    assert_eq!(text(&root, "td a"), evil);
    assert!(query(&root, "td script").is_none());
    assert!(
        text(&root, "td .cell-sub").contains("28/09/2026"),
        "recorded in Hà Nội time"
    );
    let empty = container();
    let _e = leptos::mount::mount_to(
        empty.clone(),
        || view! { <SubmissionTable items=Vec::new()/> },
    );
    tick().await;
    assert_eq!(text(&empty, ".state-title"), "Chưa có lần gửi nào.");
}
