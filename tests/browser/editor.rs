//! Browser tests of the article editor: its pure logic (patches, local drafts, conflicts, block
//! edits, toolbar, times) and how it renders hostile text.

use crate::dom::{
    click, container, fake_backend, find, ok, query, requests, route, session_as, text, value,
    wait_for,
};
use chrono::{DateTime, TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::clock::{local_input_to_utc, utc_to_local_input};
use portal_admin::components::provide_toasts;
use portal_admin::form::{messages_of, messages_under};
use portal_admin::i18n::{provide_i18n, Lang};
use portal_admin::pages::articles::logic::*;
use portal_admin::pages::{ArticleEditor, BodyView};
use portal_admin::session::{Session, SessionState};
use portal_contract::blocks::Span;
use portal_contract::{
    default_workflow, Article, AuthorShare, Block, Channel, Checklist, ChecklistItem, Kind,
    Language, Role, Stage, Topic,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 7, 5, 0).unwrap()
}

fn article() -> Article {
    Article {
        id: 42,
        title: "Tăng mức hỗ trợ đóng BHXH tự nguyện".into(),
        lead: "Từ 1/7, người tham gia được hỗ trợ thêm.".into(),
        body: vec![
            Block::Heading {
                level: 2,
                spans: vec![Span::plain("Đối tượng")],
            },
            Block::Paragraph {
                spans: vec![
                    Span::plain("Người lao động "),
                    Span {
                        text: "tự do".into(),
                        bold: true,
                        ..Span::default()
                    },
                    Span::plain(" được hỗ trợ."),
                ],
            },
            Block::List {
                ordered: false,
                items: vec![
                    vec![Span::plain("Hộ nghèo")],
                    vec![Span::plain("Hộ cận nghèo")],
                ],
            },
            Block::Image {
                url: "https://bhxh.example.vn/a.jpg".into(),
                alt: "Quầy giao dịch".into(),
                caption: "Người dân làm thủ tục".into(),
            },
            Block::Audio {
                url: "/media-files/ab/cd/ban-tin.mp3".into(),
                caption: "Bản tin <số 1>".into(),
            },
            Block::Document {
                url: "/media-files/ab/cd/mau.pdf".into(),
                title: "Mẫu TK1-TS".into(),
            },
        ],
        section: "Chính sách".into(),
        topics: vec![Topic::Bhxh],
        kind: Kind::News,
        authors: vec![AuthorShare {
            name: "Nguyễn Văn A".into(),
            user_id: None,
            share: 100,
        }],
        source: "BHXH tỉnh".into(),
        cover: None,
        channels: vec![Channel::Portal],
        language: Language::Vi,
        model_example: false,
        checks: vec![],
        checklist: Checklist {
            items: vec![ChecklistItem {
                id: "lead_present".into(),
                label_vi: "Có sapo".into(),
                label_en: "Lead present".into(),
                automatic: true,
                required: true,
                passed: true,
                detail: None,
            }],
            failing: 0,
        },
        stage: Stage::Editing,
        scheduled_at: None,
        published_at: None,
        removal_reason: None,
        created_by: 3,
        created_at: t0(),
        updated_at: t0(),
        updated_by: 3,
        updated_by_name: "Trần Thị B".into(),
        stage_changed_at: t0(),
        version: 5,
        revision: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Draft round trip and patches
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn an_unchanged_draft_makes_an_empty_patch() {
    let a = article();
    let d = Draft::from_article(&a);
    assert_eq!(d.blocks(), a.body, "blocks survive the markup round trip");
    assert_eq!(d.body[1].text, "Người lao động **tự do** được hỗ trợ.");
    assert_eq!(d.body[2].text, "Hộ nghèo\nHộ cận nghèo");
    assert!(patch_between(&d, &d).is_empty());
}

#[wasm_bindgen_test]
fn the_patch_holds_only_the_changed_fields() {
    let base = Draft::from_article(&article());
    let mut d = base.clone();
    d.title = "Tiêu đề mới".into();
    d.body[1].text = "Đoạn *mới*".into();
    d.scheduled = "2026-03-05T14:05".into();
    let p = patch_between(&base, &d);
    assert_eq!(p.title.as_deref(), Some("Tiêu đề mới"));
    assert_eq!(p.body.as_ref().map(|b| b.len()), Some(6));
    assert_eq!(
        p.scheduled_at,
        Some(Some(Utc.with_ymd_and_hms(2026, 3, 5, 7, 5, 0).unwrap()))
    );
    assert!(p.lead.is_none() && p.topics.is_none() && p.authors.is_none());
    assert!(p.cover.is_none() && p.checks.is_none() && p.kind.is_none());
    let json = serde_json::to_value(&p).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["body", "scheduled_at", "title"]);

    // Clearing the cover and the schedule sends explicit nulls.
    let mut with_cover = base.clone();
    with_cover.cover_url = "https://x.vn/a.jpg".into();
    let mut cleared = with_cover.clone();
    cleared.cover_url.clear();
    let p = patch_between(&with_cover, &cleared);
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"cover":null}"#);
}

#[wasm_bindgen_test]
fn contract_validation_runs_on_the_draft() {
    let mut d = Draft::from_article(&article());
    assert!(d.validate().is_empty());
    d.title = "  ".into();
    d.authors.push(AuthorDraft {
        name: "B".into(),
        user_id: None,
        share: 20,
    });
    d.body[3].url = "javascript:alert(1)".into();
    let fields: Vec<_> = d.validate().into_iter().map(|e| e.field).collect();
    assert!(fields.contains(&"title".to_string()));
    assert!(fields.contains(&"authors".to_string()));
    assert!(fields.contains(&"body[3].url".to_string()));
    let errors = d.validate();
    assert_eq!(
        messages_under(&errors, "body[3]"),
        ["Địa chỉ ảnh phải bắt đầu bằng http://, https:// hoặc /."]
    );
    assert!(messages_of(&errors, "title")[0].starts_with("Vui lòng"));
}

// ---------------------------------------------------------------------------------------------
// Local drafts
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_local_draft_is_stored_per_user_and_article_and_offered_only_when_it_differs() {
    let a = article();
    let key = local_key(7, a.id);
    assert_eq!(key, "portal-admin.draft.7.42");
    assert_ne!(key, local_key(8, a.id));
    remove_local(&key);
    assert!(load_local(&key).is_none());
    assert!(!offers_restore(None, &a));

    let same = LocalDraft {
        base_version: a.version,
        draft: Draft::from_article(&a),
        saved_at_ms: 1,
    };
    store_local(&key, &same);
    let back = load_local(&key).expect("stored");
    assert_eq!(back, same);
    assert!(!offers_restore(Some(&back), &a), "nothing new to offer");

    let mut changed = same.clone();
    changed.draft.lead = "Sapo gõ dở khi mất điện".into();
    store_local(&key, &changed);
    assert!(offers_restore(load_local(&key).as_ref(), &a));
    remove_local(&key);
    assert!(load_local(&key).is_none());
    assert!(decode_local("{not json").is_none());
}

// ---------------------------------------------------------------------------------------------
// Conflicts
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn conflicts_list_only_fields_both_sides_changed_and_merge_per_choice() {
    let base = Draft::from_article(&article());
    let mut mine = base.clone();
    mine.title = "Tiêu đề của tôi".into();
    mine.lead = "Sapo của tôi".into();
    mine.body[1].text = "Thân bài của tôi".into();
    let mut theirs = base.clone();
    theirs.title = "Tiêu đề của họ".into();
    theirs.lead = "Sapo của tôi".into(); // the same change on both sides
    theirs.section = "Tin tức".into(); // only theirs
    theirs.body[1].text = "Thân bài của họ".into();

    mine.source = "Báo Nhân Dân".into(); // only mine
    let fields = conflict_fields(Some(&base), &mine, &theirs);
    assert_eq!(fields, [Field::Title, Field::Body]);
    let start = auto_merge(Some(&base), &mine, &theirs);
    assert_eq!(start.source, "Báo Nhân Dân", "my change alone is kept");
    assert_eq!(start.section, "Tin tức", "their change alone is kept");
    assert_eq!(start.title, "Tiêu đề của họ");
    // Without the base (a restored local copy) every differing field is listed.
    assert_eq!(
        conflict_fields(None, &mine, &theirs),
        [Field::Title, Field::Body, Field::Section, Field::Source]
    );

    let merged = merge(
        &start,
        &mine,
        &[
            (Field::Title, Resolution::Edited("Tiêu đề chung".into())),
            (Field::Body, Resolution::Mine),
        ],
    );
    assert_eq!(merged.title, "Tiêu đề chung");
    assert_eq!(merged.body[1].text, "Thân bài của tôi");
    assert_eq!(merged.section, "Tin tức", "their other change is kept");
    assert_eq!(merged.lead, "Sapo của tôi");

    let keep_theirs = merge(&start, &mine, &[(Field::Title, Resolution::Theirs)]);
    assert_eq!(keep_theirs.title, "Tiêu đề của họ");
    // Saved on top of the server's version: only the merged fields go out.
    let p = patch_between(&theirs, &merged);
    assert_eq!(p.title.as_deref(), Some("Tiêu đề chung"));
    assert_eq!(p.source.as_deref(), Some("Báo Nhân Dân"));
    assert!(p.body.is_some() && p.section.is_none() && p.lead.is_none());
}

#[wasm_bindgen_test]
fn word_runs_mark_added_and_removed_words() {
    let runs = word_runs("Hộ nghèo được hỗ trợ", "Hộ cận nghèo được hỗ trợ thêm");
    let added: String = runs
        .iter()
        .filter(|(k, _)| *k == 1)
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(added.contains("cận") && added.contains("thêm"));
    assert!(runs.iter().all(|(k, _)| *k != -1));
}

// ---------------------------------------------------------------------------------------------
// Blocks and toolbar
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn blocks_are_added_moved_and_removed() {
    let mut body = vec![BlockDraft::new(BlockKind::Paragraph)];
    body[0].text = "một".into();
    let at = insert_block(&mut body, usize::MAX, BlockKind::Image);
    assert_eq!(at, 1);
    let at = insert_block(&mut body, 0, BlockKind::Heading);
    assert_eq!(at, 0);
    let kinds = |b: &[BlockDraft]| b.iter().map(|x| x.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds(&body),
        [BlockKind::Heading, BlockKind::Paragraph, BlockKind::Image]
    );
    assert_eq!(move_block(&mut body, 1, true), 0);
    assert_eq!(body[0].text, "một");
    assert_eq!(move_block(&mut body, 0, true), 0, "the first block stays");
    assert_eq!(move_block(&mut body, 2, false), 2, "the last block stays");
    assert_eq!(move_block(&mut body, 0, false), 1);
    remove_block(&mut body, 1);
    remove_block(&mut body, 9);
    assert_eq!(kinds(&body), [BlockKind::Heading, BlockKind::Image]);

    let mut list = BlockDraft::new(BlockKind::List);
    list.text = "Mục một\n\n  \n**Mục** hai\n".into();
    match list.to_block() {
        Block::List { items, .. } => assert_eq!(items.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn the_toolbar_wraps_the_selection_counting_utf16_like_the_browser() {
    let text = "Bảo hiểm xã hội";
    // "hiểm" is UTF-16 positions 4..8.
    let (out, a, b) = wrap_selection(text, 4, 8, Format::Bold);
    assert_eq!(out, "Bảo **hiểm** xã hội");
    assert_eq!((a, b), (6, 10));
    let (out, a, b) = wrap_selection(text, 9, 11, Format::Italic);
    assert_eq!(out, "Bảo hiểm *xã* hội");
    assert_eq!((a, b), (10, 12));
    let (out, a, b) = wrap_selection(text, 0, 3, Format::Link);
    assert_eq!(out, "[Bảo](https://) hiểm xã hội");
    assert_eq!(
        &out.encode_utf16().collect::<Vec<_>>()[a as usize..b as usize],
        "https://".encode_utf16().collect::<Vec<_>>().as_slice()
    );
    // Nothing selected: empty markers with the caret between them.
    let (out, a, b) = wrap_selection("ab", 1, 1, Format::Bold);
    assert_eq!((out.as_str(), a, b), ("a****b", 3, 3));
    // An emoji counts two UTF-16 units.
    let (out, _, _) = wrap_selection("🎉 vui", 3, 6, Format::Italic);
    assert_eq!(out, "🎉 *vui*");
}

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn datetime_local_is_read_and_written_in_ho_chi_minh_time() {
    let t = local_input_to_utc("2026-03-05T14:05").unwrap();
    assert_eq!(t, Utc.with_ymd_and_hms(2026, 3, 5, 7, 5, 0).unwrap());
    assert_eq!(utc_to_local_input(t), "2026-03-05T14:05");
    // Across midnight UTC.
    let t = local_input_to_utc("2026-01-01T03:30").unwrap();
    assert_eq!(t, Utc.with_ymd_and_hms(2025, 12, 31, 20, 30, 0).unwrap());
    assert_eq!(portal_contract::format::datetime_vn(t), "01/01/2026 03:30");
    assert_eq!(time_vn(t), "03:30");
    assert_eq!(
        local_input_to_utc("2026-03-05T14:05:30"),
        Some(Utc.with_ymd_and_hms(2026, 3, 5, 7, 5, 30).unwrap())
    );
    for bad in [
        "",
        "2026-02-30T10:00",
        "hôm nay",
        "2026-03-05",
        "2026-03-05T25:00",
    ] {
        assert!(local_input_to_utc(bad).is_none(), "{bad}");
    }
    let mut d = Draft::from_article(&article());
    d.scheduled = "2026-02-30T10:00".into();
    assert!(d.validate().iter().any(|e| e.field == "scheduled_at"));
    assert_eq!(retry_delay_secs(1), 2);
    assert_eq!(retry_delay_secs(3), 8);
    assert_eq!(retry_delay_secs(20), 60);
}

#[wasm_bindgen_test]
fn editing_rights_mirror_the_server() {
    assert!(may_edit(Stage::Published, 1, 2, &[Role::Editor]));
    assert!(!may_edit(Stage::Removed, 1, 2, &[Role::ChiefEditor]));
    assert!(may_edit(Stage::Draft, 2, 2, &[Role::Author]));
    assert!(!may_edit(Stage::Draft, 1, 2, &[Role::Author]));
    assert!(!may_edit(Stage::Editing, 2, 2, &[Role::Author]));
    assert!(!may_edit(Stage::Draft, 2, 2, &[Role::Director]));
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

fn session() -> Session {
    let info = session_as(7, "bientap", "Trần Văn Biên", &[Role::Editor], t0(), t0());
    Session::new(SessionState::Active(Box::new(info)))
}

const HOSTILE: &str = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";

#[wasm_bindgen_test]
async fn hostile_title_and_body_render_as_text() {
    let mut a = article();
    a.title = HOSTILE.into();
    a.body = vec![
        Block::paragraph(HOSTILE),
        Block::Paragraph {
            spans: vec![Span {
                text: "bấm vào".into(),
                link: Some("javascript:alert(1)".into()),
                ..Span::default()
            }],
        },
        Block::Image {
            url: "javascript:alert(1)".into(),
            alt: HOSTILE.into(),
            caption: HOSTILE.into(),
        },
    ];
    let key = local_key(7, a.id);
    remove_local(&key);
    let root = container();
    let blocks = a.body.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n().set_lang(Lang::Vi);
        provide_toasts();
        provide_context(session());
        view! {
            <ArticleEditor article=a workflow=default_workflow() on_reload=|_| ()/>
            <div class="preview-under-test">
                <BodyView blocks=blocks/>
            </div>
        }
    });
    tick().await;
    let h1 = root
        .query_selector("h1.editor-title")
        .unwrap()
        .expect("title");
    assert_eq!(h1.text_content().unwrap_or_default(), HOSTILE);
    let title_input = root
        .query_selector("#ed-title")
        .unwrap()
        .expect("title input")
        .unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(title_input.value(), HOSTILE);
    let area = root
        .query_selector("#ed-block-0-text")
        .unwrap()
        .expect("first block")
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    assert_eq!(area.value(), HOSTILE);
    assert_eq!(root.query_selector_all("script").unwrap().length(), 0);
    assert_eq!(root.query_selector_all("img").unwrap().length(), 0);
    assert_eq!(
        root.query_selector_all("a[href^='javascript']")
            .unwrap()
            .length(),
        0
    );
    let preview = root.query_selector(".preview-under-test").unwrap().unwrap();
    assert!(preview.text_content().unwrap_or_default().contains(HOSTILE));
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    // The tabs form a tablist with one selected tab.
    assert_eq!(
        root.query_selector_all("[role='tab'][aria-selected='true']")
            .unwrap()
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn a_differing_local_copy_is_offered_back() {
    let a = article();
    let key = local_key(7, a.id);
    let mut d = Draft::from_article(&a);
    d.lead = "Sapo chưa kịp lưu".into();
    store_local(
        &key,
        &LocalDraft {
            base_version: a.version,
            draft: d,
            saved_at_ms: 1_772_348_700_000,
        },
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n().set_lang(Lang::Vi);
        provide_toasts();
        provide_context(session());
        view! { <ArticleEditor article=a workflow=default_workflow() on_reload=|_| ()/> }
    });
    tick().await;
    let banner = root
        .query_selector(".editor-restore")
        .unwrap()
        .expect("offer");
    assert!(banner
        .text_content()
        .unwrap_or_default()
        .contains("Khôi phục"));
    let restore = root
        .query_selector(".editor-restore .button-primary")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    restore.click();
    for _ in 0..50 {
        tick().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
        if root.query_selector(".editor-restore").unwrap().is_none() {
            break;
        }
    }
    let lead = root
        .query_selector("#ed-lead")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    assert_eq!(lead.value(), "Sapo chưa kịp lưu");
    assert!(root.query_selector(".editor-restore").unwrap().is_none());
    remove_local(&key);
}

// ---------------------------------------------------------------------------------------------
// Revisions after approval
// ---------------------------------------------------------------------------------------------

fn secretary() -> Session {
    let info = session_as(9, "thuky", "Lê Thị Thư", &[Role::Secretary], t0(), t0());
    Session::new(SessionState::Active(Box::new(info)))
}

/// A published article whose revision (at review) retitles it.
fn published_with_revision() -> Article {
    let mut a = article();
    a.stage = Stage::Published;
    a.published_at = Some(t0());
    let mut revision = a.clone();
    revision.title = "Tăng mức hỗ trợ đóng BHXH tự nguyện từ 1/7/2026".into();
    revision.stage = Stage::Review;
    a.revision = Some(Box::new(revision));
    a
}

#[wasm_bindgen_test]
async fn an_approved_article_says_its_edits_wait_for_approval() {
    let mut a = article();
    a.stage = Stage::Published;
    remove_local(&local_key(9, a.id));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n().set_lang(Lang::Vi);
        provide_toasts();
        provide_context(secretary());
        view! { <ArticleEditor article=a workflow=default_workflow() on_reload=|_| ()/> }
    });
    tick().await;
    assert!(text(&root, ".revision-notice").contains("bạn đọc vẫn thấy bản đã duyệt"));
    assert!(query(&root, ".revision-panel").is_none());
    // The article's own move (a removal request) is still offered.
    assert!(query(&root, ".move-button[data-action='request_removal']").is_some());
}

#[wasm_bindgen_test]
async fn the_revision_is_edited_compared_moved_and_discarded() {
    let a = published_with_revision();
    remove_local(&local_key(9, a.id));
    let mut proposed = a.clone();
    proposed.version = 6;
    if let Some(r) = proposed.revision.as_mut() {
        r.stage = Stage::PendingApproval;
        r.version = 6;
    }
    let mut discarded = proposed.clone();
    discarded.version = 7;
    discarded.revision = None;
    fake_backend(serde_json::json!([
        route(
            "POST",
            "/api/v1/articles/42/revision/transitions",
            vec![ok(&proposed)]
        ),
        route(
            "DELETE",
            "/api/v1/articles/42/revision",
            vec![ok(&discarded)]
        ),
    ]));
    js_sys::eval("window.confirm = () => true;").unwrap();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n().set_lang(Lang::Vi);
        provide_toasts();
        provide_context(secretary());
        view! { <ArticleEditor article=a workflow=default_workflow() on_reload=|_| ()/> }
    });
    tick().await;
    // The form holds the revision; the page says readers still see the approved text.
    assert_eq!(
        value(&root, "#ed-title"),
        "Tăng mức hỗ trợ đóng BHXH tự nguyện từ 1/7/2026"
    );
    assert!(text(&root, ".revision-notice").contains("bản sửa đổi"));
    assert!(text(&root, ".revision-panel").contains("Chờ thẩm định"));
    // The comparison marks what the revision adds to the approved title.
    let added = find(
        &root,
        ".revision-compare .compare-field[data-field='title'] ins",
    );
    assert!(added.text_content().unwrap_or_default().contains("2026"));
    // The secretary's moves of the revision, beside the article's own.
    assert!(query(&root, ".revision-panel .move-button[data-action='return']").is_some());
    click(&root, ".revision-panel .move-button[data-action='propose']");
    wait_for("the revision to move", || {
        text(&root, ".revision-panel").contains("Chờ duyệt")
    })
    .await;
    let sent = requests();
    let moved = sent
        .iter()
        .find(|r| r["path"] == "/api/v1/articles/42/revision/transitions")
        .expect("the move was sent");
    assert_eq!(moved["ifMatch"], "\"5\"");
    assert!(moved["body"]
        .as_str()
        .unwrap_or_default()
        .contains("\"to\":\"pending_approval\""));

    click(&root, ".revision-discard");
    wait_for("the revision to go", || {
        query(&root, ".revision-panel").is_none()
    })
    .await;
    let dropped = requests()
        .into_iter()
        .find(|r| r["method"] == "DELETE")
        .expect("the discard was sent");
    assert_eq!(dropped["ifMatch"], "\"6\"");
    // Back to the approved text, with the notice for the next edit.
    assert_eq!(
        value(&root, "#ed-title"),
        "Tăng mức hỗ trợ đóng BHXH tự nguyện"
    );
    assert!(text(&root, ".revision-notice").contains("bạn đọc vẫn thấy bản đã duyệt"));
}
