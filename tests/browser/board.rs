//! Browser tests of the kanban board: its pure logic (filters, allowed moves, merging the
//! changes feed, the keyboard move) and a card's rendering with a hostile title.

use crate::dom::container_of_width;
use chrono::DateTime;
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::i18n::{provide_i18n, Lang};
use portal_admin::pages::workflow::logic::{
    allowed_moves, days_in_stage, ordered_stages, search_key, BoardFilter, BoardModel, KeyMove,
    KeyOutcome, Upsert,
};
use portal_admin::pages::BoardCardFace;
use portal_contract::workflow::default_workflow;
use portal_contract::{
    ArticleSummary, AuthorShare, Kind, Language, Requirement, Role, Stage, Topic,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

fn at(secs: i64) -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid time")
}

fn card(id: i64, title: &str, stage: Stage, created_by: i64) -> ArticleSummary {
    ArticleSummary {
        id,
        title: title.into(),
        section: "Tin tức".into(),
        topics: vec![Topic::Bhxh],
        kind: Kind::News,
        authors: vec![AuthorShare {
            name: "Lê Thị Hoa".into(),
            user_id: Some(created_by),
            share: 100,
        }],
        language: Language::Vi,
        model_example: false,
        stage,
        scheduled_at: None,
        published_at: None,
        removal_reason: None,
        created_by,
        updated_at: at(1_767_225_600 + id),
        updated_by_name: "Lê Thị Hoa".into(),
        stage_changed_at: at(1_767_225_600),
        checklist_failing: 0,
        comment_count: 0,
        version: 1,
        revision_stage: None,
    }
}

fn query(pairs: &[(&str, &str)]) -> BoardFilter {
    BoardFilter::from_url(|k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    })
}

#[wasm_bindgen_test]
fn search_ignores_diacritics_and_case() {
    let c = card(1, "Tăng cường tuyên truyền BẢO HIỂM y tế", Stage::Draft, 7);
    let key = search_key(&c);
    let hit = |q: &str| query(&[("q", q)]).compile().matches(&c, &key, 99);
    assert!(hit("bao hiem"));
    assert!(hit("Bảo Hiểm"));
    assert!(hit("  y te   bao  "));
    assert!(hit("hoa"), "authors are searched too");
    assert!(!hit("bao hiem that nghiep"));
}

#[wasm_bindgen_test]
fn filters_combine_and_mine_means_creator_or_listed_author() {
    let mut a = card(1, "A", Stage::Draft, 7);
    a.kind = Kind::Article;
    a.topics = vec![Topic::Bhyt];
    let mut b = card(2, "B", Stage::Draft, 8);
    b.authors.push(AuthorShare {
        name: "Trần Văn Nam".into(),
        user_id: Some(7),
        share: 0,
    });
    let c = card(3, "C", Stage::Draft, 9);
    let w = default_workflow();
    let model = BoardModel::new(&w, vec![a, b, c]);
    let shown = |f: &BoardFilter| model.visible(Stage::Draft, &f.compile(), 7);
    assert_eq!(shown(&BoardFilter::default()).len(), 3);
    let mut mine = shown(&query(&[("mine", "1")]));
    mine.sort();
    assert_eq!(mine, [1, 2]);
    assert_eq!(shown(&query(&[("kind", "article")])), [1]);
    assert_eq!(shown(&query(&[("topic", "bhyt")])), [1]);
    assert_eq!(shown(&query(&[("author", "Trần Văn Nam")])), [2]);
    assert_eq!(shown(&query(&[("section", "Khác")])).len(), 0);
    assert_eq!(shown(&query(&[("mine", "1"), ("kind", "news")])), [2]);
    assert_eq!(
        query(&[("kind", "bogus"), ("topic", "")]),
        BoardFilter::default(),
        "unknown values are ignored"
    );
}

#[wasm_bindgen_test]
fn filter_survives_the_url() {
    let f = BoardFilter {
        mine: true,
        kind: Some(Kind::Video),
        topic: None,
        section: Some("Chính sách mới".into()),
        author: None,
        q: "bảo hiểm".into(),
    };
    let url = f.to_url_query();
    assert!(url.starts_with("?mine=1&kind=video&section="), "{url}");
    let pairs: Vec<(String, String)> = url
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            let v = js_sys::decode_uri_component(v).expect("decodes");
            (k.to_string(), String::from(v))
        })
        .collect();
    let back =
        BoardFilter::from_url(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
    assert_eq!(back, f);
}

#[wasm_bindgen_test]
fn allowed_targets_follow_the_workflow_and_the_roles() {
    let w = default_workflow();
    let targets = |stage: Stage, created_by: i64, roles: &[Role]| -> Vec<Stage> {
        allowed_moves(&w, &card(1, "t", stage, created_by), 7, roles)
            .into_iter()
            .map(|m| m.to)
            .collect()
    };
    assert_eq!(targets(Stage::Draft, 7, &[Role::Author]), [Stage::Editing]);
    assert!(
        targets(Stage::Draft, 8, &[Role::Author]).is_empty(),
        "not my draft"
    );
    assert_eq!(targets(Stage::Draft, 8, &[Role::Editor]), [Stage::Editing]);
    // In column order: back to draft comes before review.
    assert_eq!(
        targets(Stage::Editing, 8, &[Role::Editor]),
        [Stage::Draft, Stage::Review]
    );
    assert_eq!(
        targets(Stage::Review, 8, &[Role::Secretary]),
        [Stage::Editing, Stage::PendingApproval]
    );
    assert!(targets(Stage::Review, 8, &[Role::Editor]).is_empty());
    assert_eq!(
        targets(Stage::PendingApproval, 8, &[Role::ChiefEditor]),
        [Stage::Review, Stage::Approved]
    );
    assert_eq!(
        targets(Stage::Approved, 8, &[Role::Secretary]),
        [Stage::Published]
    );
    assert_eq!(
        targets(Stage::RemovalRequested, 8, &[Role::ChiefEditor]),
        [Stage::Published, Stage::Removed]
    );
    assert!(targets(Stage::Published, 8, &[Role::Director]).is_empty());
    assert!(targets(Stage::Removed, 8, &[Role::ChiefEditor]).is_empty());
    let removal = allowed_moves(&w, &card(1, "t", Stage::Published, 8), 7, &[Role::Editor]);
    assert_eq!(removal[0].requires, Requirement::Reason);
    let back = allowed_moves(&w, &card(1, "t", Stage::Editing, 8), 7, &[Role::Editor]);
    assert_eq!(back[0].requires, Requirement::Comment);
    assert_eq!(back[1].requires, Requirement::None);
}

#[wasm_bindgen_test]
fn changes_move_cards_between_columns_and_ignore_stale_versions() {
    let w = default_workflow();
    let mut model = BoardModel::new(
        &w,
        vec![
            card(1, "Một", Stage::Draft, 7),
            card(2, "Hai", Stage::Draft, 7),
            card(3, "Ba", Stage::Review, 7),
        ],
    );
    assert_eq!(ordered_stages(&w).len(), model.columns.len());
    assert_eq!(model.columns[&Stage::Draft], [2, 1], "newest first");

    let mut moved = card(1, "Một (sửa)", Stage::Editing, 7);
    moved.version = 2;
    let mut edited = card(3, "Ba", Stage::Review, 7);
    edited.version = 4;
    edited.comment_count = 2;
    let mut stale = card(2, "Hai cũ", Stage::Removed, 7);
    stale.version = 0;
    let new = card(9, "Chín", Stage::Published, 8);
    let done = model.merge(vec![moved, edited, stale, new]);
    assert_eq!(
        done,
        [
            (
                1,
                Upsert::Moved {
                    from: Stage::Draft,
                    to: Stage::Editing
                }
            ),
            (
                3,
                Upsert::Updated {
                    stage: Stage::Review
                }
            ),
            (2, Upsert::Stale),
            (
                9,
                Upsert::Added {
                    to: Stage::Published
                }
            ),
        ]
    );
    assert_eq!(model.columns[&Stage::Draft], [2]);
    assert_eq!(model.columns[&Stage::Editing], [1]);
    assert_eq!(model.columns[&Stage::Published], [9]);
    assert_eq!(model.card(1).map(|c| c.title.as_str()), Some("Một (sửa)"));
    assert_eq!(model.card(2).map(|c| c.title.as_str()), Some("Hai"));
    assert_eq!(model.card(3).map(|c| c.comment_count), Some(2));
    // The search key follows the new title.
    let f = query(&[("q", "sua")]).compile();
    assert_eq!(model.visible(Stage::Editing, &f, 7), [1]);
}

#[wasm_bindgen_test]
fn keyboard_move_picks_chooses_drops_and_cancels() {
    let targets = [Stage::Draft, Stage::Review];
    let mut k = KeyMove::default();
    // Keys other than Space do nothing while idle.
    assert_eq!(
        k.key("ArrowRight", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Ignored
    );
    assert_eq!(
        k.key(" ", 5, Stage::Editing, &targets, 1),
        KeyOutcome::PickedUp {
            card: 5,
            targets: 2
        }
    );
    assert!(k.is_holding());
    assert_eq!(
        k.key("Enter", 5, Stage::Editing, &targets, 1),
        KeyOutcome::ChooseFirst
    );
    // Right from Editing goes to Review (the first target after it), Left wraps around.
    assert_eq!(
        k.key("ArrowRight", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Chose {
            to: Stage::Review,
            position: 2,
            of: 2
        }
    );
    assert_eq!(k.chosen(), Some(Stage::Review));
    assert_eq!(
        k.key("ArrowRight", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Chose {
            to: Stage::Draft,
            position: 1,
            of: 2
        }
    );
    assert_eq!(
        k.key("Enter", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Drop {
            card: 5,
            from: Stage::Editing,
            to: Stage::Draft
        }
    );
    assert_eq!(k, KeyMove::Idle);

    // Left from the middle goes to the previous target; Esc cancels.
    k.key(" ", 5, Stage::Editing, &targets, 1);
    assert_eq!(
        k.key("ArrowLeft", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Chose {
            to: Stage::Draft,
            position: 1,
            of: 2
        }
    );
    assert_eq!(
        k.key("Escape", 5, Stage::Editing, &targets, 1),
        KeyOutcome::Cancelled { card: 5 }
    );
    assert_eq!(k.chosen(), None);

    // Nothing allowed: nothing is picked up.
    assert_eq!(
        k.key(" ", 6, Stage::Removed, &[], 0),
        KeyOutcome::NoTargets { card: 6 }
    );
    assert_eq!(k, KeyMove::Idle);
}

#[wasm_bindgen_test]
fn days_in_stage_never_go_negative() {
    assert_eq!(days_in_stage(at(0), at(3 * 86_400 + 5)), 3);
    assert_eq!(days_in_stage(at(86_400), at(0)), 0);
}

/// The board's real style sheet, so the wrapping of long titles is what users get.
fn load_board_css() {
    let doc = document();
    if doc.get_element_by_id("board-css").is_none() {
        let style = doc.create_element("style").expect("create style");
        style.set_id("board-css");
        style.set_text_content(Some(include_str!("../../style/board.css")));
        doc.head()
            .expect("head")
            .append_child(&style)
            .expect("append");
    }
}

fn container() -> HtmlElement {
    load_board_css();
    container_of_width(300)
}

#[wasm_bindgen_test]
async fn a_card_shows_its_facts_and_hostile_titles_stay_text() {
    let long = "Đ".repeat(10_000);
    let titles = [
        "<script>window.__pwned = 1</script><img src=x onerror=alert(1)>".to_string(),
        long.clone(),
        "مرحبا بالعالم — bảo hiểm 🎉🇻🇳".to_string(),
    ];
    for title in titles {
        let mut c = card(42, &title, Stage::RemovalRequested, 7);
        c.model_example = true;
        c.comment_count = 3;
        c.checklist_failing = 2;
        c.removal_reason = Some("<b>Sai số liệu</b>".into());
        c.scheduled_at = Some(at(1_767_225_600 - 7 * 3600 + 9 * 3600 + 30 * 60));
        let root = container();
        let shown = c.clone();
        let _mounted = leptos::mount::mount_to(root.clone(), move || {
            let i18n = provide_i18n();
            i18n.set_lang(Lang::Vi);
            view! { <BoardCardFace card=shown/> }
        });
        tick().await;
        let link = root
            .query_selector(".card-title a")
            .unwrap()
            .expect("title link");
        assert_eq!(link.text_content().unwrap_or_default(), title);
        assert_eq!(link.get_attribute("href").as_deref(), Some("/articles/42"));
        assert!(
            root.query_selector("script, img, b").unwrap().is_none(),
            "markup stays text"
        );
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("Bài tiêu biểu"), "{text}");
        assert!(text.contains("3 ý kiến"));
        assert!(text.contains("2 mục chưa đạt"));
        assert!(text.contains("Lý do gỡ: <b>Sai số liệu</b>"));
        assert!(text.contains("Hẹn đăng 01/01/2026 09:30"), "{text}");
        assert!(text.contains("Lê Thị Hoa"));
        // Long titles wrap inside the card instead of widening it.
        let card_el = root.query_selector(".board-card").unwrap().expect("card");
        let card_el: HtmlElement = card_el.unchecked_into();
        assert!(
            card_el.scroll_width() <= root.client_width() + 1,
            "{}",
            title.len()
        );
        root.remove();
    }
    assert!(js_sys::Reflect::get(&window(), &"__pwned".into())
        .map(|v| v.is_undefined())
        .unwrap_or(true));
}

#[wasm_bindgen_test]
async fn a_passing_checklist_shows_a_tick() {
    let c = card(5, "Tin ngắn", Stage::Draft, 7);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let i18n = provide_i18n();
        i18n.set_lang(Lang::En);
        view! { <BoardCardFace card=c/> }
    });
    tick().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("✓ Checklist passes"), "{text}");
    assert!(
        !text.contains("Removal reason"),
        "only removal cards show a reason"
    );
    root.remove();
}
