//! The editorial workflow end to end: the kanban board (by dragging, by keyboard, removal with
//! a reason) and the article editor (two people editing at once, reload mid-typing).

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A token no other journey or demo article uses, so board filters find only this journey's
/// card.
fn unique(prefix: &str) -> String {
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{prefix}{}", n % 1_000_000_000_000)
}

/// Drafts a new article through the "Viết bài mới" form and returns its id (from the URL of
/// the editor it opens).
async fn draft_through_the_form(c: &Client, t: &Target, title: &str) -> i64 {
    c.goto(&t.url("/articles/new")).await.expect("open form");
    let field = wait_css(c, "#new-title").await;
    field.send_keys(title).await.expect("type title");
    click_css(c, "form.editor-new button[type=submit]", "create").await;
    wait_id_in_path(c, "the editor of the new article", "/articles/").await
}

/// Completes the fields the publish checklist measures (the editor's form is exercised by the
/// editor journeys below; here the subject is the board).
async fn complete_fields(c: &Client, id: i64) {
    let article = api_json(c, &format!("/articles/{id}")).await;
    let version = article["version"].as_i64().expect("version");
    let body = json!({
        "lead": "Sapo: BHXH tỉnh hướng dẫn người lao động tra cứu quá trình đóng bảo hiểm.",
        "body": [
            {"type": "heading", "level": 2, "spans": [{"text": "Tra cứu trên VssID"}]},
            {"type": "paragraph", "spans": [{"text": "Người lao động có thể tra cứu quá trình đóng bảo hiểm xã hội, bảo hiểm y tế trên ứng dụng VssID. ".repeat(5)}]}
        ],
        "section": "Tin hoạt động",
        "topics": ["bhxh"],
        "source": "BHXH tỉnh"
    });
    let (status, answer) =
        api_send(c, "PATCH", &format!("/articles/{id}"), Some(version), body).await;
    assert_eq!(status, 200, "completing the draft: {answer}");
}

/// Opens the board filtered to `token`, so the journey's card is on screen whatever else the
/// board holds.
async fn open_board(c: &Client, t: &Target, token: &str) {
    c.goto(&t.url(&format!("/workflow?q={token}")))
        .await
        .expect("open board");
    wait_css(c, ".board-column").await;
}

fn card_css(id: i64) -> String {
    format!("[data-card-id=\"{id}\"]")
}

fn column_css(stage: &str) -> String {
    format!(".board-column[data-stage={stage}]")
}

/// Waits until the card `id` sits in the column of `stage` (the move is shown only once the
/// server has confirmed it).
async fn card_lands_in(c: &Client, id: i64, stage: &str) {
    let script = "const e = document.querySelector(arguments[0] + ' ' + arguments[1]); \
                  return e ? e.dataset.stage : null;";
    eventually(&format!("card {id} in column {stage}"), || async {
        let v = c
            .execute(script, vec![json!(column_css(stage)), json!(card_css(id))])
            .await
            .ok()?;
        (v.as_str() == Some(stage)).then_some(())
    })
    .await;
}

/// Drags card `id` to `stage` and waits for it to land there.
async fn drag_to(c: &Client, id: i64, stage: &str) {
    wait_css(c, &card_css(id)).await;
    assert!(
        html5_drag(c, &card_css(id), &column_css(stage)).await,
        "column {stage} refused card {id}"
    );
    card_lands_in(c, id, stage).await;
}

/// Ticks the manual items of the publish checklist in the editor's panel, waiting for each
/// save to reach the server.
async fn tick_manual_checks(c: &Client, t: &Target, id: i64) {
    c.goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open editor");
    wait_css(c, ".checklist-panel").await;
    let boxes = c
        .find_all(Locator::Css(".checklist-panel input[type=checkbox]"))
        .await
        .expect("checkboxes");
    assert_eq!(boxes.len(), 3, "three manual items by default");
    for b in boxes {
        if !b.is_selected().await.unwrap_or(false) {
            b.click().await.expect("tick");
        }
    }
    eventually("all manual checks saved", || async {
        let a = api_json(c, &format!("/articles/{id}")).await;
        (a["checks"].as_array().map_or(0, Vec::len) == 3).then_some(())
    })
    .await;
    let a = api_json(c, &format!("/articles/{id}")).await;
    assert_eq!(a["checklist"]["failing"], 0, "checklist passes: {a}");
}

#[tokio::test]
async fn an_article_travels_from_draft_to_published_by_dragging() {
    let t = Target::from_env();
    let token = unique("keotha");
    let title = format!("Hướng dẫn tra cứu quá trình đóng BHXH {token}");

    let author = session_for(&t, "author").await;
    let id = draft_through_the_form(&author, &t, &title).await;
    complete_fields(&author, id).await;
    open_board(&author, &t, &token).await;
    card_lands_in(&author, id, "draft").await;
    // Only the columns this author may move the card to accept it.
    assert!(
        !html5_drag(&author, &card_css(id), &column_css("published")).await,
        "an author cannot publish"
    );
    assert_eq!(stage_of(&author, id).await, "draft");
    drag_to(&author, id, "editing").await;
    author.close().await.expect("close");

    let editor = session_for(&t, "editor").await;
    open_board(&editor, &t, &token).await;
    drag_to(&editor, id, "review").await;
    editor.close().await.expect("close");

    let secretary = session_for(&t, "secretary").await;
    tick_manual_checks(&secretary, &t, id).await;
    open_board(&secretary, &t, &token).await;
    drag_to(&secretary, id, "pending_approval").await;
    secretary.close().await.expect("close");

    let chief = session_for(&t, "chief").await;
    open_board(&chief, &t, &token).await;
    drag_to(&chief, id, "approved").await;
    drag_to(&chief, id, "published").await;
    screenshot(&chief, "board-published-by-dragging").await;
    assert_eq!(stage_of(&chief, id).await, "published");
    let history = api_json(&chief, &format!("/articles/{id}/history")).await;
    let actions: Vec<&str> = history
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .filter(|a| *a != "update")
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "submit",
            "send_to_review",
            "propose",
            "approve",
            "publish"
        ]
    );
    // The public side now serves it, rendered.
    let public = api_json(&chief, &format!("/public/articles/{id}")).await;
    assert_eq!(public["title"], title.as_str());
    assert!(public["html"]
        .as_str()
        .unwrap_or("")
        .contains("<h2>Tra cứu trên VssID</h2>"));
    chief.close().await.expect("close");
}

/// Presses keys on the focused element (WebDriver's key codes: Space, arrows, Enter).
async fn press(c: &Client, keys: &str) {
    let active = c.active_element().await.expect("focused element");
    active.send_keys(keys).await.expect("press keys");
}

async fn live_text(c: &Client) -> String {
    c.execute(
        "return document.querySelector('.page-board [aria-live]')?.textContent ?? ''",
        vec![],
    )
    .await
    .ok()
    .and_then(|v| v.as_str().map(str::to_string))
    .unwrap_or_default()
}

/// Moves the focused card by keyboard: Space picks it up, Right arrow until `stage` is chosen
/// (read from the live region), Enter drops.
async fn keyboard_move(c: &Client, id: i64, stage_label: &str, stage: &str) {
    let card = wait_css(c, &card_css(id)).await;
    // Focus without a click: WebDriver focuses the element it types into.
    card.send_keys("").await.expect("focus card");
    press(c, " ").await;
    let picked = live_text(c).await;
    assert!(
        picked.contains("Đã nhấc thẻ"),
        "picking up is announced: {picked}"
    );
    let mut chosen = false;
    for _ in 0..8 {
        press(c, "\u{E014}").await; // Right arrow
        if live_text(c).await.contains(&format!("Cột {stage_label} (")) {
            chosen = true;
            break;
        }
    }
    assert!(chosen, "{stage_label} could be chosen with the arrow keys");
    press(c, "\u{E007}").await; // Enter
    card_lands_in(c, id, stage).await;
}

#[tokio::test]
async fn the_same_journey_works_by_keyboard_alone() {
    let t = Target::from_env();
    let token = unique("banphim");
    let title = format!("Cảnh báo lừa đảo qua tin nhắn {token}");

    let author = session_for(&t, "author").await;
    let id = draft_through_the_form(&author, &t, &title).await;
    complete_fields(&author, id).await;
    open_board(&author, &t, &token).await;
    keyboard_move(&author, id, "Đang biên tập", "editing").await;
    author.close().await.expect("close");

    let editor = session_for(&t, "editor").await;
    open_board(&editor, &t, &token).await;
    keyboard_move(&editor, id, "Chờ thẩm định", "review").await;
    editor.close().await.expect("close");

    let secretary = session_for(&t, "secretary").await;
    tick_manual_checks(&secretary, &t, id).await;
    open_board(&secretary, &t, &token).await;
    keyboard_move(&secretary, id, "Chờ duyệt", "pending_approval").await;
    secretary.close().await.expect("close");

    let chief = session_for(&t, "chief").await;
    open_board(&chief, &t, &token).await;
    keyboard_move(&chief, id, "Đã duyệt", "approved").await;
    keyboard_move(&chief, id, "Đã đăng", "published").await;
    assert_eq!(stage_of(&chief, id).await, "published");
    chief.close().await.expect("close");
}

/// Moves card `id` through its "Chuyển sang…" menu to `stage`, giving `text` in the dialog.
async fn move_with_dialog(c: &Client, id: i64, stage: &str, text: &str) {
    click_css(
        c,
        &format!("{} .card-move-button", card_css(id)),
        "open menu",
    )
    .await;
    click_css(
        c,
        &format!("{} [data-to={stage}]", card_css(id)),
        "choose stage",
    )
    .await;
    // Confirming an empty reason is refused in the dialog itself.
    click_css(c, ".board-dialog button[type=submit]", "confirm empty").await;
    wait_css(c, "#board-dialog-error").await;
    let field = wait_css(c, "#board-dialog-text").await;
    field.send_keys(text).await.expect("type reason");
    click_css(c, ".board-dialog button[type=submit]", "confirm").await;
    card_lands_in(c, id, stage).await;
}

#[tokio::test]
async fn removal_is_requested_with_a_reason_and_approved_by_the_chief() {
    let t = Target::from_env();
    let token = unique("gotin");
    let title = format!("Thông báo lịch tiếp công dân {token}");
    let editor = session_for(&t, "editor").await;
    let chief = session_for(&t, "chief").await;
    let id = published_through_the_api(&t, &editor, &chief, &title).await;

    let reason = "Số liệu trong bài chưa khớp với báo cáo quý — <b>cần gỡ</b> 🙏";
    open_board(&editor, &t, &token).await;
    move_with_dialog(&editor, id, "removal_requested", reason).await;
    let shown = wait_css(&editor, &format!("{} .card-removal", card_css(id)))
        .await
        .text()
        .await
        .expect("reason text");
    assert!(shown.contains(reason), "the reason shows as text: {shown}");
    editor.close().await.expect("close");

    open_board(&chief, &t, &token).await;
    move_with_dialog(&chief, id, "removed", "Đồng ý gỡ theo đề nghị").await;
    let card = wait_css(
        &chief,
        &format!("{} {}", column_css("removed"), card_css(id)),
    )
    .await;
    let text = card.text().await.expect("card text");
    assert!(
        text.contains(reason),
        "a removed card keeps its reason: {text}"
    );
    screenshot(&chief, "board-removed-with-reason").await;
    let a = api_json(&chief, &format!("/articles/{id}")).await;
    assert_eq!(a["removal_reason"], reason);
    let public = api_json(&chief, &format!("/public/articles/{id}")).await;
    assert_eq!(public["status"], 404, "gone from the portal: {public}");
    chief.close().await.expect("close");
}

/// A published article of the journey's own, taken there through the API by the roles the
/// workflow names (the dragging journey covers the way there on the board).
async fn published_through_the_api(
    t: &Target,
    editor: &Client,
    chief: &Client,
    title: &str,
) -> i64 {
    let id = api_draft(editor, title).await;
    complete_fields(editor, id).await;
    let a = api_json(editor, &format!("/articles/{id}")).await;
    let (status, answer) = api_send(
        editor,
        "PATCH",
        &format!("/articles/{id}"),
        a["version"].as_i64(),
        json!({"checks": ["facts_verified", "confidentiality", "spelling"]}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    api_move(editor, id, "editing").await;
    api_move(editor, id, "review").await;
    let secretary = session_for(t, "secretary").await;
    api_move(&secretary, id, "pending_approval").await;
    api_move(chief, id, "approved").await;
    api_move(&secretary, id, "published").await;
    secretary.close().await.expect("close");
    assert_eq!(stage_of(chief, id).await, "published");
    id
}

/// What readers see of article `id` (the public API, as the portal reads it).
async fn public_lead(c: &Client, id: i64) -> String {
    api_json(c, &format!("/public/articles/{id}")).await["lead"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn an_edit_of_a_published_article_reaches_readers_only_with_the_chiefs_approval() {
    let t = Target::from_env();
    let token = unique("suadoi");
    let editor = session_for(&t, "editor").await;
    let chief = session_for(&t, "chief").await;
    let id = published_through_the_api(
        &t,
        &editor,
        &chief,
        &format!("Bài sửa sau khi đăng {token}"),
    )
    .await;
    let approved_lead = public_lead(&editor, id).await;
    assert!(
        approved_lead.starts_with("Sapo: BHXH tỉnh"),
        "{approved_lead}"
    );

    // The editor edits the published article: the page says the edit waits for approval.
    editor
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open editor");
    wait_text(&editor, ".revision-notice", "bạn đọc vẫn thấy bản đã duyệt").await;
    let revised = format!("Sapo đã sửa sau khi đăng, chờ Tổng biên tập duyệt {token}.");
    replace_text(&editor, "#ed-lead", &revised).await;
    eventually("the edit saved as a revision", || async {
        let a = api_json(&editor, &format!("/articles/{id}")).await;
        (a["revision"]["lead"] == revised.as_str()).then_some(())
    })
    .await;
    wait_css(&editor, ".revision-panel").await;
    assert_eq!(
        public_lead(&editor, id).await,
        approved_lead,
        "readers keep the approved text"
    );
    click_css(
        &editor,
        ".revision-panel .move-button[data-action='send_to_review']",
        "send the revision to review",
    )
    .await;
    eventually("the revision in review", || async {
        let a = api_json(&editor, &format!("/articles/{id}")).await;
        (a["revision"]["stage"] == "review").then_some(())
    })
    .await;
    editor.close().await.expect("close");

    let secretary = session_for(&t, "secretary").await;
    let a = api_json(&secretary, &format!("/articles/{id}")).await;
    let (status, answer) = api_send(
        &secretary,
        "POST",
        &format!("/articles/{id}/revision/transitions"),
        a["version"].as_i64(),
        json!({"to": "pending_approval"}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    secretary.close().await.expect("close");

    // The chief editor compares and approves on the article's page.
    chief
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open editor");
    wait_css(&chief, ".revision-panel").await;
    click_css(&chief, ".revision-compare summary", "open the comparison").await;
    wait_text(
        &chief,
        ".revision-compare .compare-field[data-field='lead']",
        &token,
    )
    .await;
    screenshot(&chief, "revision-panel").await;
    assert_eq!(public_lead(&chief, id).await, approved_lead);
    click_css(
        &chief,
        ".revision-panel .move-button[data-action='approve']",
        "approve the revision",
    )
    .await;
    eventually("readers see the approved revision", || async {
        (public_lead(&chief, id).await == revised).then_some(())
    })
    .await;
    let a = api_json(&chief, &format!("/articles/{id}")).await;
    assert_eq!(a["stage"], "published");
    assert!(a["revision"].is_null(), "{a}");
    chief.close().await.expect("close");
}

/// Creates a draft through the API as the logged-in user and returns its id.
async fn api_draft(c: &Client, title: &str) -> i64 {
    let (status, created) = api_send(
        c,
        "POST",
        "/articles",
        None,
        json!({"title": title, "kind": "news", "lead": "Sapo ban đầu."}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_i64().expect("id")
}

async fn save_state(c: &Client) -> String {
    c.execute(
        "return document.querySelector('.save-status')?.dataset.state ?? ''",
        vec![],
    )
    .await
    .ok()
    .and_then(|v| v.as_str().map(str::to_string))
    .unwrap_or_default()
}

/// Waits until the server holds `value` as the article's lead and the editor says it is saved.
async fn wait_saved(c: &Client, id: i64, value: &str) {
    eventually("the editor saved the lead to the server", || async {
        let a = api_json(c, &format!("/articles/{id}")).await;
        (a["lead"] == value && save_state(c).await == "ok").then_some(())
    })
    .await;
}

async fn replace_text(c: &Client, css: &str, text: &str) {
    let field = wait_css(c, css).await;
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

#[tokio::test]
async fn two_people_edit_the_same_article_and_the_second_loses_nothing() {
    let t = Target::from_env();
    let token = unique("xungdot");
    let first = session_for(&t, "editor").await;
    let id = api_draft(&first, &format!("Bài hai người sửa {token}")).await;
    let second = session_for(&t, "secretary").await;
    first
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open");
    second
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open");
    wait_css(&first, "#ed-lead").await;
    wait_css(&second, "#ed-lead").await;

    let theirs = "Sapo do biên tập viên viết trước.";
    replace_text(&first, "#ed-lead", theirs).await;
    wait_saved(&first, id, theirs).await;

    let mine = "Sapo do thư ký viết, không được mất.";
    replace_text(&second, "#ed-lead", mine).await;
    let panel = wait_css(&second, ".conflict-panel").await;
    let text = panel.text().await.expect("panel text");
    assert!(text.contains(theirs), "the server's side is shown: {text}");
    assert!(text.contains(mine), "the user's side is shown: {text}");
    screenshot(&second, "editor-conflict").await;
    // The server still has the first person's text: nothing was overwritten silently.
    let a = api_json(&second, &format!("/articles/{id}")).await;
    assert_eq!(a["lead"], theirs);

    wait_css(
        &second,
        ".conflict-field[data-field=lead] input[value=mine]",
    )
    .await
    .click()
    .await
    .expect("keep mine");
    click_css(&second, ".conflict-actions button", "save merge").await;
    wait_saved(&second, id, mine).await;
    first.close().await.expect("close");
    second.close().await.expect("close");
}

#[tokio::test]
async fn reloading_mid_typing_offers_the_text_back() {
    let t = Target::from_env();
    let token = unique("tailai");
    let c = session_for(&t, "editor").await;
    let id = api_draft(&c, &format!("Bài tải lại giữa chừng {token}")).await;
    c.goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open");
    wait_css(&c, "#ed-lead").await;
    // The network goes away: saves to the server never get an answer.
    c.execute(
        r#"
        const real = window.fetch;
        window.fetch = function (input, init) {
            const method = (init && init.method) || (typeof input === 'string' ? 'GET' : input.method);
            if (method.toUpperCase() !== 'GET') { return new Promise(() => {}); }
            return real.call(this, input, init);
        };
        "#,
        vec![],
    )
    .await
    .expect("cut writes");
    let typed = "Đoạn đang gõ dở: người lao động được hưởng chế độ ốm đau";
    replace_text(&c, "#ed-lead", typed).await;
    // The local copy is written within a second of typing.
    eventually("the local copy of the typed text", || async {
        let found = c
            .execute(
                "return Object.keys(localStorage).some(k => (localStorage.getItem(k) || '').includes(arguments[0]));",
                vec![json!(typed)],
            )
            .await
            .ok()?;
        (found == true).then_some(())
    })
    .await;
    let on_server = api_json(&c, &format!("/articles/{id}")).await;
    assert_ne!(on_server["lead"], typed, "the server never got it");
    c.refresh().await.expect("reload");
    let offer = wait_css(&c, ".editor-restore").await;
    screenshot(&c, "editor-restore-offer").await;
    assert!(!offer.text().await.unwrap_or_default().is_empty());
    let restore = wait_css(&c, ".editor-restore .button-primary").await;
    restore
        .send_keys("\u{E007}")
        .await
        .expect("restore by Enter");
    eventually("the typed text back in the field", || async {
        let v = wait_css(&c, "#ed-lead").await.prop("value").await.ok()??;
        (v == typed).then_some(())
    })
    .await;
    // And it reaches the server.
    eventually("the restored text saved", || async {
        let a: Value = api_json(&c, &format!("/articles/{id}")).await;
        (a["lead"] == typed).then_some(())
    })
    .await;
    c.close().await.expect("close");
}

/// Holds back the board's polls of `/changes` (as a slow link would), so the page keeps a
/// stale card for as long as the test needs. `release_changes` lets them through again.
async fn hold_changes(c: &Client) {
    c.execute(
        r#"
        if (!window.__realFetch) { window.__realFetch = window.fetch; }
        window.fetch = function (input, init) {
            const url = typeof input === 'string' ? input : input.url;
            if (url.includes('/api/v1/changes')) { return new Promise(() => {}); }
            return window.__realFetch.call(this, input, init);
        };
        "#,
        vec![],
    )
    .await
    .expect("hold /changes");
}

#[tokio::test]
async fn a_stale_card_is_refreshed_and_names_who_changed_it() {
    let t = Target::from_env();
    let token = unique("cu");
    let editor = session_for(&t, "editor").await;
    let id = api_draft(&editor, &format!("Bài có người vừa sửa {token}")).await;
    api_move(&editor, id, "editing").await;

    let new_title = format!("Bài đã được biên tập viên khác sửa {token}");
    let other = session_for(&t, "editor2").await;
    let other_name = api_json(&other, "/session").await["user"]["full_name"]
        .as_str()
        .expect("name")
        .to_string();

    open_board(&editor, &t, &token).await;
    card_lands_in(&editor, id, "editing").await;
    hold_changes(&editor).await;
    // Someone else changes the article while this board still shows the old card.
    let a = api_json(&other, &format!("/articles/{id}")).await;
    let (status, answer) = api_send(
        &other,
        "PATCH",
        &format!("/articles/{id}"),
        a["version"].as_i64(),
        json!({"title": new_title}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");

    assert!(html5_drag(&editor, &card_css(id), &column_css("review")).await);
    let toast = eventually("a toast naming who changed the card", || async {
        let text = editor
            .find(Locator::Css(".toast-region"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.contains(&other_name).then_some(text)
    })
    .await;
    assert!(toast.contains("vừa được"), "{toast}");
    // The card shows the server's title, stays where it was, and the article did not move.
    eventually("the refreshed title on the card", || async {
        let text = editor
            .find(Locator::Css(&card_css(id)))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.contains(&new_title).then_some(())
    })
    .await;
    card_lands_in(&editor, id, "editing").await;
    assert_eq!(stage_of(&editor, id).await, "editing");
    // Trying again on the fresh card works.
    drag_to(&editor, id, "review").await;
    editor.close().await.expect("close");
    other.close().await.expect("close");
}

#[tokio::test]
async fn changes_made_by_others_appear_without_reloading() {
    let t = Target::from_env();
    let token = unique("truc");
    let editor = session_for(&t, "editor").await;
    let id = api_draft(&editor, &format!("Bài thay đổi trực tiếp {token}")).await;

    let secretary = session_for(&t, "secretary").await;
    open_board(&secretary, &t, &token).await;
    card_lands_in(&secretary, id, "draft").await;

    api_move(&editor, id, "editing").await;
    // The board polls every 5 s: the card moves well within 10 s, with no reload.
    let started = std::time::Instant::now();
    card_lands_in(&secretary, id, "editing").await;
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "seen after {:?}",
        started.elapsed()
    );
    editor.close().await.expect("close");
    secretary.close().await.expect("close");
}

/// Waits until the text box of block `n` (1-based) has the focus, as it gets right after "+".
async fn wait_focus_in_block(c: &Client, n: usize) {
    let script = "const el = document.activeElement; \
                  const all = Array.from(document.querySelectorAll('textarea.block-text')); \
                  return all.indexOf(el) + 1;";
    eventually(&format!("focus in the text of block {n}"), || async {
        let v = c.execute(script, vec![]).await.ok()?;
        (v.as_u64() == Some(n as u64)).then_some(())
    })
    .await;
}

/// Focuses `css` and presses Enter, as a keyboard user does (a click could land on the sticky
/// top bar when the element sits under it).
async fn activate(c: &Client, css: &str) {
    wait_css(c, css)
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap_or_else(|e| panic!("Enter on {css}: {e}"));
}

#[tokio::test]
async fn the_block_editor_formats_previews_saves_and_compares_versions() {
    let t = Target::from_env();
    let token = unique("khoi");
    let c = session_for(&t, "editor").await;
    let id = draft_through_the_form(&c, &t, &format!("Quyền lợi BHXH tự nguyện {token}")).await;
    let lead = "Người dân tự do được Nhà nước hỗ trợ tiền đóng.";
    replace_text(&c, "#ed-lead", lead).await;

    // A heading block: "+ Tiêu đề mục" focuses its text box; bold one word with Ctrl+B.
    click_css(&c, ".block-add button:nth-of-type(2)", "add heading").await;
    let heading = "Mức hỗ trợ BHXH năm 2026";
    wait_focus_in_block(&c, 1).await;
    press(&c, heading).await;
    c.execute(
        "const el = document.activeElement; const i = el.value.indexOf('BHXH'); \
         el.setSelectionRange(i, i + 4);",
        vec![],
    )
    .await
    .expect("select a word");
    press(&c, "\u{E009}b\u{E000}").await; // Ctrl+B
                                          // A paragraph with hostile text.
    click_css(&c, ".block-add button:nth-of-type(1)", "add paragraph").await;
    let hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> مرحبا";
    wait_focus_in_block(&c, 2).await;
    press(&c, hostile).await;

    let saved = eventually("the blocks saved to the server", || async {
        let a = api_json(&c, &format!("/articles/{id}")).await;
        let body = a["body"].as_array()?.clone();
        (body.len() == 2 && a["lead"] == lead && body[1]["spans"][0]["text"] == hostile)
            .then_some(body)
    })
    .await;
    assert_eq!(saved[0]["type"], "heading");
    let spans = saved[0]["spans"].as_array().expect("spans");
    let bold: Vec<&Value> = spans.iter().filter(|s| s["bold"] == true).collect();
    assert_eq!(bold.len(), 1, "{spans:?}");
    assert_eq!(bold[0]["text"], "BHXH");

    // The preview shows the formatting, and the hostile text only as text.
    activate(&c, "#tab-preview").await;
    let strong = wait_css(&c, ".editor-preview h2 strong").await;
    assert_eq!(strong.text().await.expect("text"), "BHXH");
    let preview = wait_css(&c, ".editor-preview").await;
    assert!(preview.text().await.expect("text").contains(hostile));
    let injected = c
        .execute(
            "return document.querySelectorAll('.editor-preview script, .editor-preview img[src=x]').length",
            vec![],
        )
        .await
        .expect("count");
    assert_eq!(injected, 0, "user text never becomes elements");

    // History: compare the first version with the latest, word by word.
    activate(&c, "#tab-history").await;
    let from = wait_css(&c, "#compare-from").await;
    from.select_by_value("1").await.expect("from version 1");
    activate(&c, ".compare-form button[type=submit]").await;
    let lead_diff = wait_css(&c, ".compare-result .compare-field[data-field=lead] ins").await;
    assert!(lead_diff
        .text()
        .await
        .expect("text")
        .contains("Nhà nước hỗ trợ"));
    screenshot(&c, "editor-history-compare").await;
    c.close().await.expect("close");
}
