//! Browser tests of royalties: the typed coefficient and amounts, the article's royalty panel
//! against a fake backend (an out-of-range coefficient refused beside the field and not sent,
//! then a good one sent with If-Match and the server's amount shown), and the dashboard tile's
//! states (overdue, none, error).

use chrono::{NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::pages::royalties::logic::{
    month_label, parse_amount, parse_tenths, RoyaltyStatus,
};
use portal_admin::pages::{ArticleRoyaltyPanel, RoyaltyOverdueCard};
use portal_admin::session::{Session, SessionState};
use portal_contract::royalties::{
    ArticleRoyalty, AuthorAmount, CoefficientRange, OverdueRoyalties,
};
use portal_contract::{Kind, Role, SessionInfo, Stage};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use crate::dom::*;

fn session_of(roles: &[Role]) -> SessionInfo {
    let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    session_as(3, "chief", "Trịnh Văn Thành", roles, t(2026), t(2030))
}

/// A published news item of 16/11/2026 with two authors (60/40), assessed at `coefficient`.
fn royalty(coefficient: Option<u32>, version: i64) -> ArticleRoyalty {
    let amount = coefficient.map(|c| (i64::from(c) * 234_000 + 5) / 10);
    let parts = amount.map(|a| (a * 60 / 100, a - a * 60 / 100));
    ArticleRoyalty {
        article_id: 7,
        title: "Tin <b>BHXH</b> 🎉".into(),
        kind: Kind::News,
        stage: Stage::Published,
        published_at: Some(Utc.with_ymd_and_hms(2026, 11, 16, 2, 0, 0).unwrap()),
        range: CoefficientRange {
            kind: Kind::News,
            min_tenths: 10,
            max_tenths: 100,
        },
        coefficient_tenths: coefficient,
        unit_value_vnd: Some(234_000),
        royalty_vnd: amount,
        authors: vec![
            AuthorAmount {
                name: "Nguyễn Văn An".into(),
                user_id: Some(5),
                share: 60,
                amount_vnd: parts.map(|p| p.0),
            },
            AuthorAmount {
                name: "Trần Thị Mai".into(),
                user_id: None,
                share: 40,
                amount_vnd: parts.map(|p| p.1),
            },
        ],
        remunerations: vec![],
        remuneration_vnd: 0,
        total_vnd: amount.unwrap_or(0),
        assessed_at: None,
        assessed_by_name: None,
        paid_on: None,
        paid_by_name: None,
        due_on: NaiveDate::from_ymd_opt(2027, 1, 15),
        overdue: false,
        version,
    }
}

#[wasm_bindgen_test]
fn typed_coefficients_and_amounts() {
    assert_eq!(parse_tenths("1,5"), Some(15));
    assert_eq!(parse_tenths("10"), Some(100));
    assert_eq!(parse_tenths("1,55"), None);
    assert_eq!(parse_tenths("-1"), None);
    assert_eq!(parse_amount("1.234.000"), Some(1_234_000));
    assert_eq!(parse_amount("-5"), Some(-5), "the range check says why");
    assert_eq!(parse_amount("1,5"), None);
    assert_eq!(month_label("2026-11"), "11/2026");
    assert_eq!(
        RoyaltyStatus::of(&royalty(None, 0)),
        RoyaltyStatus::Unassessed
    );
    let mut paid = royalty(Some(15), 2);
    paid.paid_on = NaiveDate::from_ymd_opt(2026, 12, 1);
    assert_eq!(RoyaltyStatus::of(&paid), RoyaltyStatus::Paid);
}

#[wasm_bindgen_test]
async fn the_chief_editor_sets_the_coefficient_on_the_article_page() {
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/articles/7/royalty",
            vec![ok(royalty(None, 0)), ok(royalty(Some(15), 1))]
        ),
        route(
            "PUT",
            "/api/v1/articles/7/royalty",
            vec![ok(royalty(Some(15), 1))]
        ),
    ]));
    let root = container();
    let session = Session::new(SessionState::Active(Box::new(session_of(&[
        Role::ChiefEditor,
    ]))));
    let _app = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        view! { <ArticleRoyaltyPanel article_id=7/> }
    });
    wait_for("the panel", || query(&root, "#roy-coefficient").is_some()).await;
    assert_eq!(text(&root, "#roy-coef-hint"), "Trong khung từ 1 đến 10.");
    assert_eq!(text(&root, ".roy-status"), "Chưa chấm hệ số");

    // Over the range: refused beside the field, tied to it, nothing sent.
    type_into(&root, "#roy-coefficient", "11");
    click(&root, ".roy-save");
    tick().await;
    assert_eq!(
        text(&root, "#err-roy-coefficient-tenths"),
        "Hệ số phải từ 1 đến 10."
    );
    let input = query(&root, "#roy-coefficient").expect("input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .contains("err-roy-coefficient-tenths"));
    assert!(writes().is_empty());

    // A remuneration with a negative amount is refused too.
    click(&root, ".roy-add-rem");
    tick().await;
    type_into(&root, "#roy-coefficient", "1,5");
    let name = query(&root, "#roy-remunerations-0-name").expect("name input");
    name.dyn_ref::<HtmlInputElement>()
        .unwrap()
        .set_value("Hoàng Minh Đức");
    name.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let amount = query(&root, "#roy-remunerations-0-amount-vnd").expect("amount input");
    amount
        .dyn_ref::<HtmlInputElement>()
        .unwrap()
        .set_value("-50.000");
    amount
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    click(&root, ".roy-save");
    tick().await;
    assert!(text(&root, "#err-roy-remunerations-0-amount-vnd").starts_with("Số tiền phải từ 1"));
    assert!(writes().is_empty());

    // Without it, the coefficient goes out with the version read, and the server's amount shows.
    click(&root, ".roy-rem-row .button-quiet");
    tick().await;
    click(&root, ".roy-save");
    wait_for("the saved amount", || {
        text(&root, ".roy-amount").contains("351.000")
    })
    .await;
    let sent = writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["method"], "PUT");
    assert_eq!(sent[0]["ifMatch"], "\"0\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, json!({"coefficient_tenths": 15, "remunerations": []}));
    assert_eq!(text(&root, ".roy-amount"), "351.000 ₫");
    assert!(text(&root, ".roy-authors").contains("210.600 ₫"));
}

#[wasm_bindgen_test]
async fn the_dashboard_tile_shows_overdue_none_and_errors() {
    let mut late = royalty(Some(15), 1);
    late.overdue = true;
    let overdue = OverdueRoyalties {
        count: 1,
        total_vnd: late.total_vnd,
        items: vec![late],
    };
    fake_backend(json!([route(
        "GET",
        "/api/v1/royalties/overdue",
        vec![ok(&overdue)]
    )]));
    let root = container();
    let _a = leptos::mount::mount_to(root.clone(), || view! { <RoyaltyOverdueCard/> });
    wait_for("the count", || query(&root, ".roy-overdue-count").is_some()).await;
    assert_eq!(
        text(&root, ".roy-overdue-count"),
        "1 bài đã đăng quá 60 ngày chưa chi trả, tổng 351.000 ₫."
    );
    // The title is text, never markup.
    assert!(text(&root, ".dash-royalties li a").contains("<b>BHXH</b>"));
    assert_eq!(
        query(&root, ".dash-royalties li a")
            .and_then(|a| a.get_attribute("href"))
            .as_deref(),
        Some("/articles/7")
    );

    fake_backend(json!([route(
        "GET",
        "/api/v1/royalties/overdue",
        vec![ok(OverdueRoyalties {
            count: 0,
            total_vnd: 0,
            items: vec![]
        })]
    )]));
    let none = container();
    let _b = leptos::mount::mount_to(none.clone(), || view! { <RoyaltyOverdueCard/> });
    wait_for("the empty state", || {
        query(&none, ".roy-overdue-none").is_some()
    })
    .await;
    assert!(query(&none, "a[href='/royalties']").is_some());

    fake_backend(json!([route(
        "GET",
        "/api/v1/royalties/overdue",
        vec![
            json!({"status": 500, "body": {"type": "about:blank", "title": "Lỗi", "status": 500}})
        ]
    )]));
    let failing = container();
    let _c = leptos::mount::mount_to(failing.clone(), || view! { <RoyaltyOverdueCard/> });
    wait_for("the error state", || {
        query(&failing, ".state-error").is_some()
    })
    .await;
    assert!(query(&failing, ".state-error button.retry").is_some());
}
