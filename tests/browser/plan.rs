//! Browser tests of the annual plan and the spokesperson pages: the pure rules (totals, the
//! money input, where the server's field paths land, which messages show, the changes between
//! versions), the parts mounted on their own (the month table, the Director's decision, the
//! printed document, the spokesperson form) and one version's page against a fake backend
//! (a 412 conflict, then "keep mine").

use crate::dom::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::form::{input_id, local_field};
use portal_admin::i18n::Lang;
use portal_admin::pages::plans::logic::{
    comment_error, diff_side, may_amend, next_plan_year, occasions_text, parse_count,
    parse_iso_date, parse_vnd, part_label, plan_changes, plan_errors, CountPart, MediaKind,
    MonthPart, PlanPart, TextPart,
};
use portal_admin::pages::{
    total_of, visible_errors, DecisionPanel, PlanChangesTable, PlanDocument, PlanForm,
    PlanMonthTable, SpokespersonForm,
};
use portal_contract::format::vnd;
use portal_contract::plans::{
    Occasion, Plan, PlanAction, PlanContent, PlanState, PlanSummary, PlanTotals,
};
use portal_contract::spokesperson::{Contact, Spokesperson, SpokespersonContent};
use portal_contract::{FieldError, Page, Role};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

fn t(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn plan(state: PlanState) -> Plan {
    let mut content = PlanContent::new_year(2026, 20, 4);
    content.objectives = "Tuyên truyền chính sách BHXH, BHYT.".into();
    content.royalty_budget = 180_000_000;
    for m in &mut content.months {
        m.theme = format!("Chủ đề tháng {}", m.month);
        m.responsible = "Phòng Truyền thông".into();
    }
    let approved = matches!(state, PlanState::Approved | PlanState::Superseded);
    Plan {
        id: 5,
        year: 2026,
        version_no: 2,
        state,
        totals: content.totals(),
        content,
        return_comment: None,
        created_at: t(2026, 1, 2, 2),
        updated_at: t(2026, 1, 10, 2),
        updated_by: 4,
        updated_by_name: "Hoàng Minh Đức".into(),
        submitted_at: Some(t(2026, 1, 8, 2)),
        // 10/01/2026 02:00 UTC is 09:00 in Hà Nội.
        approved_at: approved.then(|| t(2026, 1, 10, 2)),
        approved_by_name: approved.then(|| "Lương Đức Trung".to_string()),
        version: 6,
    }
}

fn summary(p: &Plan) -> PlanSummary {
    PlanSummary::from(p)
}

// ---------------------------------------------------------------------------------------------
// Pure rules
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn totals_add_up_every_column_of_the_year() {
    let mut c = PlanContent::new_year(2027, 20, 4);
    c.months[2].news_norm = 25;
    c.months[0].media.infographic = 2;
    c.months[5].media.infographic = 3;
    c.months[6].media.video = 1;
    let totals: PlanTotals = c.totals();
    assert_eq!(total_of(&totals, CountPart::News), 245);
    assert_eq!(total_of(&totals, CountPart::Articles), 48);
    assert_eq!(
        total_of(&totals, CountPart::Media(MediaKind::Infographic)),
        5
    );
    assert_eq!(total_of(&totals, CountPart::Media(MediaKind::Video)), 1);
    assert_eq!(total_of(&totals, CountPart::Media(MediaKind::Banner)), 0);
    assert_eq!(totals.media_total, 6);
    // 2027: the twelve fixed days and Tết (6/2).
    assert_eq!(totals.occasions, 13);
}

#[wasm_bindgen_test]
fn the_budget_accepts_digits_with_dots_as_written_in_vietnam() {
    assert_eq!(parse_vnd("180.000.000"), Some(180_000_000));
    assert_eq!(parse_vnd("180000000"), Some(180_000_000));
    assert_eq!(parse_vnd(" 1.234.000 ₫ "), Some(1_234_000));
    assert_eq!(parse_vnd("1 234 000đ"), Some(1_234_000));
    assert_eq!(parse_vnd("250.000 VND"), Some(250_000));
    assert_eq!(parse_vnd(""), Some(0));
    for bad in [
        "1.23", "1,5", "12.3456", ".500", "500.", "1..000", "-5", "abc", "1e6",
    ] {
        assert_eq!(parse_vnd(bad), None, "{bad:?}");
    }
    // What the field shows back is what it accepts.
    assert_eq!(vnd(1_234_000), "1.234.000 ₫");
    assert_eq!(parse_vnd(&vnd(1_234_000)), Some(1_234_000));
    assert_eq!(parse_count(" 25 "), Some(25));
    assert_eq!(parse_count(""), Some(0));
    assert_eq!(parse_count("2.5"), None);
    assert_eq!(parse_count("-1"), None);
    assert_eq!(
        parse_iso_date("2027-02-16"),
        NaiveDate::from_ymd_opt(2027, 2, 16)
    );
    assert_eq!(parse_iso_date("2027-02-30"), None);
    assert_eq!(parse_iso_date("16/02/2027"), None);
}

#[wasm_bindgen_test]
fn server_field_paths_land_on_the_inputs_of_the_form() {
    assert_eq!(
        local_field("content.months[2].news_norm"),
        "months[2].news_norm"
    );
    assert_eq!(local_field("comment"), "comment");
    assert_eq!(
        input_id("plan", "content.months[2].news_norm"),
        "plan-months-2-news-norm"
    );
    assert_eq!(
        input_id("plan", "months[4].occasions[2].date"),
        "plan-months-4-occasions-2-date"
    );
    assert_eq!(
        input_id("plan", "months[3].media.motion_graphic"),
        "plan-months-3-media-motion-graphic"
    );
    assert_eq!(input_id("plan", "content.objectives"), "plan-objectives");
    assert_eq!(
        input_id("sp", "spokesperson.phone"),
        "sp-spokesperson-phone"
    );
    assert_eq!(input_id("sp", "deputy.email"), "sp-deputy-email");

    // The submit check's `content.*` errors join the form's own, once each.
    let mut c = PlanContent::new_year(2027, 20, 4);
    c.months[2].news_norm = 5000;
    let server = vec![
        FieldError::new(
            "content.objectives",
            "required",
            "Vui lòng nhập trường này.",
        ),
        FieldError::new(
            "content.months[2].news_norm",
            "out_of_range",
            "Tối đa 1000.",
        ),
    ];
    let unparsed = vec![FieldError::new(
        "months[5].article_norm",
        "invalid_value",
        "Nhập một số nguyên không âm.",
    )];
    let shown = plan_errors(2027, &c, false, &unparsed, &server);
    let fields: Vec<&str> = shown.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "months[5].article_norm",
            "months[2].news_norm",
            "objectives"
        ]
    );
    // Before a submit attempt, what a submission needs does not show; after, it does.
    assert!(plan_errors(2027, &c, false, &[], &[])
        .iter()
        .all(|e| e.field != "months[0].theme"));
    assert!(plan_errors(2027, &c, true, &[], &[])
        .iter()
        .any(|e| e.field == "months[0].theme"));
}

#[wasm_bindgen_test]
fn a_return_needs_the_directors_comment() {
    let e = comment_error(PlanAction::Return, "   ").expect("required");
    assert_eq!(e.field, "comment");
    assert!(e.message.contains("Vui lòng ghi ý kiến"));
    assert_eq!(comment_error(PlanAction::Approve, ""), None);
    assert_eq!(comment_error(PlanAction::Return, "Bổ sung tháng 7."), None);
    assert_eq!(
        comment_error(PlanAction::Return, &"x".repeat(2001)).map(|e| e.code),
        Some("too_long".to_string())
    );
}

#[wasm_bindgen_test]
fn the_year_proposed_and_who_may_amend() {
    assert_eq!(next_plan_year(&[2026, 2027], 2026), 2028);
    assert_eq!(next_plan_year(&[2027], 2026), 2026);
    let approved = summary(&plan(PlanState::Approved));
    assert!(may_amend(
        PlanState::Approved,
        std::slice::from_ref(&approved)
    ));
    let mut open = summary(&plan(PlanState::Draft));
    open.version_no = 3;
    assert!(!may_amend(PlanState::Approved, &[approved.clone(), open]));
    assert!(!may_amend(PlanState::Superseded, &[approved]));
}

#[wasm_bindgen_test]
fn the_changes_between_two_versions_name_each_cell() {
    let old = plan(PlanState::Approved).content;
    let mut new = old.clone();
    new.objectives = "Tuyên truyền chính sách BHXH, BHYT, BHTN.".into();
    new.months[2].news_norm = 25;
    new.months[6].occasions.push(Occasion {
        date: NaiveDate::from_ymd_opt(2026, 7, 28).unwrap(),
        name: "Ngày thành lập Công đoàn Việt Nam (28/7)".into(),
    });
    new.royalty_budget = 200_000_000;
    let changes = plan_changes(&old, &new);
    let parts: Vec<PlanPart> = changes.iter().map(|c| c.part).collect();
    assert_eq!(
        parts,
        [
            PlanPart::Objectives,
            PlanPart::RoyaltyBudget,
            PlanPart::Month(3, MonthPart::Count(CountPart::News)),
            PlanPart::Month(7, MonthPart::Occasions),
        ]
    );
    assert_eq!(
        (changes[1].old.as_str(), changes[1].new.as_str()),
        ("180.000.000 ₫", "200.000.000 ₫")
    );
    assert_eq!(
        (changes[2].old.as_str(), changes[2].new.as_str()),
        ("20", "25")
    );
    assert!(changes[3]
        .new
        .ends_with("28/07 Ngày thành lập Công đoàn Việt Nam (28/7)"));
    assert_eq!(part_label(changes[2].part, Lang::Vi), "Tháng 3 · Tin");
    assert_eq!(
        part_label(
            PlanPart::Month(12, MonthPart::Text(TextPart::Responsible)),
            Lang::En
        ),
        "Month 12 · Responsible"
    );
    assert_eq!(
        occasions_text(&old.months[8].occasions),
        "02/09 Ngày Quốc khánh (2/9)"
    );
    // A text's word diff: removed words marked on the old side, added ones on the new side.
    assert_eq!(
        diff_side(&changes[0].old, &changes[0].new, false),
        vec![
            (false, "Tuyên truyền chính sách BHXH, ".into()),
            (true, "BHYT.".into())
        ]
    );
    assert_eq!(
        diff_side(&changes[0].old, &changes[0].new, true),
        vec![
            (false, "Tuyên truyền chính sách BHXH, ".into()),
            (true, "BHYT, BHTN.".into())
        ]
    );
    assert!(plan_changes(&old, &old).is_empty());
}

#[wasm_bindgen_test]
async fn the_diff_table_marks_removed_and_added_words() {
    let old = plan(PlanState::Approved).content;
    let mut new = old.clone();
    new.months[0].theme = "Chủ đề tháng 1 mới".into();
    let changes = plan_changes(&old, &new);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! { <PlanChangesTable changes=changes old_label="Phiên bản 1" new_label="Phiên bản 2"/> }
    });
    tick().await;
    assert_eq!(text(&root, "caption"), "1 mục thay đổi");
    assert_eq!(text(&root, "tbody th"), "Tháng 1 · Chủ đề");
    assert_eq!(text(&root, "thead th:nth-child(3)"), "Phiên bản 2");
    assert!(
        query(&root, ".plan-diff-old del").is_none(),
        "nothing was removed"
    );
    let added = text(&root, ".plan-diff-new ins");
    assert!(added.contains("mới"), "{added}");
    assert!(text(&root, ".plan-diff-new").starts_with("Chủ đề tháng 1"));

    let same = container();
    let unchanged = plan_changes(&old, &old);
    let _same = leptos::mount::mount_to(same.clone(), move || {
        view! { <PlanChangesTable changes=unchanged old_label="1" new_label="2"/> }
    });
    tick().await;
    assert_eq!(text(&same, ".plan-diff-same"), "Hai phiên bản giống nhau.");
}

#[wasm_bindgen_test]
fn the_spokesperson_form_shows_a_message_once_the_field_was_left() {
    let mut c = SpokespersonContent {
        spokesperson: Contact {
            full_name: "Nguyễn Thị Lan".into(),
            position: "Phó Giám đốc".into(),
            unit: "BHXH tỉnh".into(),
            phone: "12345".into(),
            email: "phatngon@bhxh.gov.vn".into(),
        },
        press_info: String::new(),
        deputy: Some(Contact::default()),
    };
    assert!(
        visible_errors(&c, &[], false, &[]).is_empty(),
        "nothing left yet"
    );
    let shown = visible_errors(&c, &["spokesperson.phone".into()], false, &[]);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].field, "spokesperson.phone");
    let all: Vec<String> = visible_errors(&c, &[], true, &[])
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(all.len(), 6, "{all:?}");
    c.spokesperson.phone = "+84 912 345 678".into();
    c.deputy = None;
    assert!(visible_errors(&c, &[], true, &[]).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Mounted parts
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_month_table_shows_the_occasions_filled_in_and_totals_as_you_type() {
    let form = PlanForm::new(2027, PlanContent::new_year(2027, 20, 4));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <PlanMonthTable form=form/> });
    tick().await;
    assert_eq!(
        root.query_selector_all("tbody tr").expect("rows").length(),
        12
    );
    // February 2027: Tết (6/2), 3/2 and 16/2, in date order, dates and names editable.
    assert_eq!(
        value(&root, "#plan-months-1-occasions-0-date"),
        "2027-02-03"
    );
    assert_eq!(
        value(&root, "#plan-months-1-occasions-1-date"),
        "2027-02-06"
    );
    assert_eq!(
        value(&root, "#plan-months-1-occasions-1-name"),
        "Tết Nguyên đán"
    );
    assert!(value(&root, "#plan-months-1-occasions-2-name").contains("(16/2)"));
    assert_eq!(
        attr(&root, "#plan-months-1-occasions-2-date", "min").as_deref(),
        Some("2027-02-01")
    );
    assert_eq!(
        attr(&root, "#plan-months-1-occasions-2-date", "max").as_deref(),
        Some("2027-02-28")
    );
    assert!(value(&root, "#plan-months-6-occasions-0-name").contains("Bảo hiểm y tế"));
    assert_eq!(
        attr(&root, "#plan-months-2-news-norm", "aria-label").as_deref(),
        Some("Tháng 3 — Tin")
    );
    assert_eq!(text(&root, "[data-total=news_norm]"), "240");
    assert_eq!(text(&root, "[data-total=occasions]"), "13 dịp");

    type_into(&root, "#plan-months-2-news-norm", "25");
    tick().await;
    assert_eq!(text(&root, "[data-total=news_norm]"), "245");
    type_into(&root, "#plan-months-0-media-video", "3");
    type_into(&root, "#plan-months-1-media-banner", "2");
    tick().await;
    assert_eq!(text(&root, "[data-total='media.video']"), "3");
    assert_eq!(
        text(&root, "[data-total=media_total]"),
        "5 sản phẩm truyền thông"
    );
    assert_eq!(form.draft.with_untracked(|d| d.months[2].news_norm), 25);

    // An occasion added to March starts on its first day and asks for a name.
    click(&root, "#plan-months-2-occasions-add");
    tick().await;
    wait_for("the new occasion", || {
        query(&root, "#plan-months-2-occasions-0-date")
            .is_some_and(|_| value(&root, "#plan-months-2-occasions-0-date") == "2027-03-01")
    })
    .await;
    assert_eq!(
        value(&root, "#plan-months-2-occasions-0-date"),
        "2027-03-01"
    );
    assert_eq!(
        text(&root, "#err-plan-months-2-occasions-0-name"),
        "Vui lòng nhập trường này."
    );
    assert_eq!(text(&root, "[data-total=occasions]"), "14 dịp");
    type_into(
        &root,
        "#plan-months-2-occasions-0-name",
        "Ngày Quốc tế Hạnh phúc (20/3)",
    );
    let date = query(&root, "#plan-months-2-occasions-0-date")
        .unwrap()
        .unchecked_into::<HtmlInputElement>();
    date.set_value("2027-03-20");
    fire(&root, "#plan-months-2-occasions-0-date", "change");
    tick().await;
    assert_eq!(text(&root, "#err-plan-months-2-occasions-0-name"), "");
    let march = form.draft.with_untracked(|d| d.months[2].occasions.clone());
    assert_eq!(march.len(), 1);
    assert_eq!(march[0].date, NaiveDate::from_ymd_opt(2027, 3, 20).unwrap());
    // Removing February's first occasion moves the next ones up.
    click(&root, "tr[data-month='2'] .occasion-remove");
    wait_for("February's occasions moved up", || {
        value(&root, "#plan-months-1-occasions-0-name") == "Tết Nguyên đán"
            && query(&root, "#plan-months-1-occasions-2-name").is_none()
    })
    .await;
    assert_eq!(text(&root, "[data-total=occasions]"), "13 dịp");
    assert_eq!(
        form.draft.with_untracked(|d| d.months[1].occasions.len()),
        2
    );
}

#[wasm_bindgen_test]
async fn a_bad_norm_shows_its_message_next_to_the_field() {
    let form = PlanForm::new(2027, PlanContent::new_year(2027, 20, 4));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <PlanMonthTable form=form/> });
    tick().await;
    let input = "#plan-months-2-news-norm";
    assert_eq!(attr(&root, input, "aria-invalid"), None);
    assert_eq!(
        attr(&root, input, "aria-describedby").as_deref(),
        Some("err-plan-months-2-news-norm")
    );
    type_into(&root, input, "5000");
    tick().await;
    assert_eq!(text(&root, "#err-plan-months-2-news-norm"), "Tối đa 1000.");
    assert_eq!(attr(&root, input, "aria-invalid").as_deref(), Some("true"));
    // The message sits in the same cell as the input.
    let cell = query(&root, input).unwrap().parent_element().unwrap();
    assert!(cell
        .query_selector("#err-plan-months-2-news-norm")
        .unwrap()
        .is_some());
    // Letters are no count: the message says so and the draft keeps the last number.
    type_into(&root, input, "2O");
    tick().await;
    assert_eq!(
        text(&root, "#err-plan-months-2-news-norm"),
        "Nhập một số nguyên không âm."
    );
    assert_eq!(form.draft.with_untracked(|d| d.months[2].news_norm), 5000);
    type_into(&root, input, "20");
    tick().await;
    assert_eq!(text(&root, "#err-plan-months-2-news-norm"), "");
    assert_eq!(attr(&root, input, "aria-invalid"), None);
    // The server's message for the same field (after a submit) shows there too, and goes
    // away once the field changes.
    form.server.set(vec![FieldError::new(
        "content.months[2].theme",
        "required",
        "Vui lòng nhập trường này.",
    )]);
    tick().await;
    assert_eq!(
        text(&root, "#err-plan-months-2-theme"),
        "Vui lòng nhập trường này."
    );
    type_into(&root, "#plan-months-2-theme", "BHXH tự nguyện");
    tick().await;
    assert_eq!(text(&root, "#err-plan-months-2-theme"), "");
}

#[wasm_bindgen_test]
async fn returning_without_a_comment_shows_an_error_and_sends_nothing() {
    let returned = {
        let mut p = plan(PlanState::Draft);
        p.return_comment = Some("Bổ sung tháng 7.".into());
        p.version = 7;
        p
    };
    fake_backend(json!([route(
        "POST",
        "/api/v1/plans/5/transitions",
        vec![ok(&returned)]
    )]));
    let done = RwSignal::new(None::<Plan>);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <DecisionPanel
                plan_id=5
                year=2026
                version=Signal::stored(6)
                on_done=Callback::new(move |p| done.set(Some(p)))
                on_stale=Callback::new(|_| {})
            />
        }
    });
    tick().await;
    click(&root, ".plan-return");
    tick().await;
    assert_eq!(
        text(&root, "#err-plan-decision-comment"),
        "Vui lòng ghi ý kiến của Giám đốc khi trả lại kế hoạch."
    );
    assert_eq!(
        attr(&root, "#plan-decision-comment", "aria-invalid").as_deref(),
        Some("true")
    );
    TimeoutFuture::new(50).await;
    assert!(writes().is_empty(), "nothing sent: {:?}", writes());

    type_into(&root, "#plan-decision-comment", "  Bổ sung tháng 7.  ");
    tick().await;
    assert_eq!(text(&root, "#err-plan-decision-comment"), "");
    click(&root, ".plan-return");
    wait_for("the decision", || done.with_untracked(Option::is_some)).await;
    let sent = writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["ifMatch"], "\"6\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"action": "return", "comment": "Bổ sung tháng 7."})
    );
}

#[wasm_bindgen_test]
async fn the_print_view_is_an_administrative_document_signed_by_the_director() {
    let approved = plan(PlanState::Approved);
    let root = container();
    let p = approved.clone();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! { <PlanDocument plan=Signal::stored(p.clone()) content=Signal::stored(p.content.clone())/> }
    });
    tick().await;
    let doc = text(&root, ".plan-document");
    assert_eq!(
        text(&root, ".doc-agency-parent"),
        "BẢO HIỂM XÃ HỘI VIỆT NAM"
    );
    assert_eq!(
        text(&root, ".doc-nation-name"),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    assert_eq!(text(&root, ".doc-motto"), "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(text(&root, ".doc-title"), "KẾ HOẠCH HOẠT ĐỘNG NĂM 2026");
    assert!(text(&root, ".doc-subtitle").contains("phiên bản 2"));
    assert_eq!(text(&root, ".doc-sign-role"), "GIÁM ĐỐC");
    assert_eq!(text(&root, ".doc-sign-name"), "Lương Đức Trung");
    assert_eq!(text(&root, ".doc-sign-date"), "Phê duyệt ngày 10/01/2026");
    assert!(text(&root, ".doc-place-date").contains("ngày 10 tháng 01 năm 2026"));
    assert!(doc.contains("180.000.000 ₫"));
    assert!(doc.contains("Tuyên truyền chính sách BHXH, BHYT."));
    assert_eq!(
        root.query_selector_all(".doc-months tbody tr")
            .unwrap()
            .length(),
        12
    );
    assert!(text(&root, ".doc-months tfoot").contains("240"));
    assert!(!doc.contains("DỰ THẢO"));
    assert_eq!(attr(&root, ".plan-document", "lang").as_deref(), Some("vi"));

    // A version not approved is a draft: labelled so, no name under "GIÁM ĐỐC".
    let submitted = plan(PlanState::Submitted);
    let draft_root = container();
    let _draft = leptos::mount::mount_to(draft_root.clone(), move || {
        view! { <PlanDocument plan=Signal::stored(submitted.clone()) content=Signal::stored(submitted.content.clone())/> }
    });
    tick().await;
    assert_eq!(text(&draft_root, ".doc-draft-label"), "DỰ THẢO");
    assert!(query(&draft_root, ".doc-watermark").is_some());
    assert!(query(&draft_root, ".doc-sign-name").is_none());
    assert_eq!(text(&draft_root, ".doc-sign-pending"), "(Chưa phê duyệt)");
    assert!(text(&draft_root, ".doc-place-date").contains("ngày …… tháng"));
}

fn spokesperson(version: i64) -> Spokesperson {
    Spokesperson {
        content: SpokespersonContent {
            spokesperson: Contact {
                full_name: "Nguyễn Thị Thu Hà".into(),
                position: "Phó Giám đốc".into(),
                unit: "Bảo hiểm xã hội tỉnh".into(),
                phone: "0912 345 678".into(),
                email: "phatngon@bhxh.example.gov.vn".into(),
            },
            press_info: "Liên hệ Văn phòng trong giờ hành chính.".into(),
            deputy: None,
        },
        updated_at: Some(t(2026, 11, 1, 2)),
        updated_by_name: Some("Bùi Thị Ngọc Ánh".into()),
        confirmed_at: Some(t(2026, 11, 1, 2)),
        stale_after_days: 90,
        stale: false,
        version,
    }
}

#[wasm_bindgen_test]
async fn the_spokesperson_form_refuses_a_bad_phone_beside_the_field() {
    let mut saved = spokesperson(4);
    saved.content.spokesperson.phone = "0987 654 321".into();
    fake_backend(json!([route(
        "PUT",
        "/api/v1/spokesperson",
        vec![ok(&saved)]
    )]));
    let data = RwSignal::new(Some(spokesperson(3)));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <SpokespersonForm
                initial=spokesperson(3)
                data=data
                on_changed=Callback::new(move |s| data.set(Some(s)))
            />
        }
    });
    tick().await;
    assert_eq!(value(&root, "#sp-spokesperson-phone"), "0912 345 678");
    type_into(&root, "#sp-spokesperson-phone", "12345");
    tick().await;
    assert_eq!(
        text(&root, "#err-sp-spokesperson-phone"),
        "",
        "not before leaving"
    );
    fire(&root, "#sp-spokesperson-phone", "blur");
    tick().await;
    assert!(text(&root, "#err-sp-spokesperson-phone").starts_with("Số điện thoại không hợp lệ"));
    assert_eq!(
        attr(&root, "#sp-spokesperson-phone", "aria-invalid").as_deref(),
        Some("true")
    );
    fire(&root, "form.sp-form", "submit");
    tick().await;
    assert!(writes().is_empty(), "a bad phone is not sent");
    assert_eq!(
        text(&root, ".sp-notice"),
        "Hãy sửa các trường được đánh dấu rồi lưu lại."
    );

    // The deputy's fields come with the checkbox, empty and checked on save.
    click(&root, "#sp-has-deputy");
    tick().await;
    assert!(query(&root, "#sp-deputy-full-name").is_some());
    assert_eq!(
        text(&root, "#err-sp-deputy-email"),
        "Vui lòng nhập thư điện tử."
    );
    click(&root, "#sp-has-deputy");
    tick().await;
    assert!(query(&root, "#sp-deputy-full-name").is_none());

    type_into(&root, "#sp-spokesperson-phone", "0987 654 321");
    tick().await;
    assert_eq!(text(&root, "#err-sp-spokesperson-phone"), "");
    fire(&root, "form.sp-form", "submit");
    wait_for("the save", || {
        data.with_untracked(|d| d.as_ref().map(|d| d.version)) == Some(4)
    })
    .await;
    let sent = writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["method"], "PUT");
    assert_eq!(sent[0]["ifMatch"], "\"3\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["content"]["spokesperson"]["phone"], "0987 654 321");
    assert_eq!(body["content"]["deputy"], Value::Null);
}

// ---------------------------------------------------------------------------------------------
// One version's page against a fake backend
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_save_that_meets_someone_elses_change_offers_reload_or_keep_mine() {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.remove_item("portal-admin.lang");
    }
    let mine = plan(PlanState::Draft);
    let mut theirs = mine.clone();
    theirs.version = 9;
    theirs.updated_by_name = "Bùi Thị Ngọc Ánh".into();
    theirs.content.months[0].theme = "Chủ đề của người khác".into();
    let mut after = mine.clone();
    after.version = 10;
    after.content.objectives = "Mục tiêu mới của tôi.".into();
    let conflict = json!({
        "status": 412,
        "body": {
            "type": "https://portal.example/problems/precondition-failed",
            "title": "Dữ liệu đã được người khác thay đổi",
            "status": 412,
            "current": serde_json::to_value(&theirs).unwrap()
        }
    });
    let page = Page {
        items: vec![summary(&mine)],
        total: 1,
        page: 1,
        per_page: 200,
    };
    set_url("/plan/5");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Editor]))]
        ),
        route("GET", "/api/v1/plans/5", vec![ok(&mine)]),
        route("GET", "/api/v1/plans", vec![ok(&page)]),
        route("GET", "/api/v1/plans/5/history", vec![ok(json!([]))]),
        route("PATCH", "/api/v1/plans/5", vec![conflict, ok(&after)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the draft's form", || {
        query(&root, ".plan-editor").is_some()
    })
    .await;
    assert_eq!(text(&root, "h1"), "Kế hoạch hoạt động năm 2026");
    assert_eq!(text(&root, ".plan-state-badge"), "Bản nháp");
    // A draft prints as one: the document is there for print, hidden on screen.
    assert!(query(&root, ".plan-print-only .plan-document[data-state=draft]").is_some());

    type_into(&root, "#plan-objectives", "Mục tiêu mới của tôi.");
    tick().await;
    assert_eq!(text(&root, ".plan-save-status"), "Có thay đổi chưa lưu.");
    fire(&root, "form.plan-editor", "submit");
    wait_for("the conflict", || query(&root, ".plan-conflict").is_some()).await;
    let said = text(&root, ".plan-conflict");
    assert!(said.contains("Bùi Thị Ngọc Ánh"), "{said}");
    assert!(said.contains("10/01/2026 09:00"), "{said}");
    assert_eq!(
        value(&root, "#plan-objectives"),
        "Mục tiêu mới của tôi.",
        "my text is kept while I choose"
    );

    click(&root, ".plan-conflict-keep");
    wait_for("the second save", || {
        writes().len() == 2 && query(&root, ".plan-conflict").is_none()
    })
    .await;
    let sent = writes();
    assert_eq!(sent[0]["ifMatch"], "\"6\"");
    assert_eq!(sent[1]["ifMatch"], "\"9\"", "saved over their version");
    let body: Value = serde_json::from_str(sent[1]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["content"]["objectives"], "Mục tiêu mới của tôi.");
    wait_for("saved", || {
        text(&root, ".plan-save-status") == "Mọi thay đổi đã được lưu."
    })
    .await;
    set_url("/");
}

#[wasm_bindgen_test]
async fn hostile_text_stays_text_in_the_read_only_parts() {
    use portal_admin::pages::plans::html::{escape_html, history_rows_html};
    use portal_admin::pages::spokesperson::html::spokesperson_details_html;
    use portal_contract::plans::PlanHistoryEntry;
    let evil = r#"<img src=x onerror="window.__pwned=1">' & "#;
    assert_eq!(
        escape_html(evil),
        "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&#39; &amp; "
    );
    let mut p = plan(PlanState::Approved);
    p.content.months[0].theme = evil.into();
    p.content.months[1].occasions[0].name = evil.into();
    p.content.objectives = evil.into();
    p.approved_by_name = Some(evil.into());
    let root = container();
    let doc = p.clone();
    let _app = leptos::mount::mount_to(root.clone(), move || {
        view! { <PlanDocument plan=Signal::stored(doc.clone())/> }
    });
    tick().await;
    assert!(query(&root, ".plan-document img").is_none());
    assert_eq!(text(&root, ".doc-sign-name"), evil);
    assert_eq!(text(&root, ".doc-objectives"), evil);
    assert!(text(&root, ".doc-months tbody").contains(evil));

    let history = vec![PlanHistoryEntry {
        at: t(2026, 1, 10, 2),
        plan_id: 5,
        version_no: 1,
        actor_name: evil.into(),
        action: "return".into(),
        from_state: Some(PlanState::Submitted),
        to_state: Some(PlanState::Draft),
        comment: Some(evil.into()),
    }];
    let table = container();
    table.set_inner_html(&format!(
        "<table><tbody>{}</tbody></table>",
        history_rows_html(&history, Lang::Vi)
    ));
    assert!(query(&table, "img").is_none());
    assert_eq!(text(&table, "td.plan-director-comment"), evil);
    assert_eq!(
        attr(&table, "td:nth-child(5)", "data-label").as_deref(),
        Some("Ý kiến / lý do")
    );
    let mut content = spokesperson(3).content;
    content.spokesperson.full_name = evil.into();
    content.press_info = evil.into();
    let details = container();
    details.set_inner_html(&spokesperson_details_html(&content, Lang::Vi));
    assert!(query(&details, "img").is_none());
    assert_eq!(text(&details, "dd"), evil);
    assert_eq!(text(&details, ".sp-press"), evil);
    assert!(js_sys::eval("window.__pwned === undefined")
        .unwrap()
        .as_bool()
        .unwrap());
}
