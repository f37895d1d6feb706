//! Whole journeys of the editorial board in headless Chromium against the reference server.

use portal_e2e::fantoccini::Locator;
use portal_e2e::*;

/// Logs in as `user` and checks the navigation shows exactly `expected`, the user's name is in
/// the top bar, and logging out returns to the login form.
async fn role_sees(user: &str, expected: &[&str]) {
    let t = Target::from_env();
    let c = session_for(&t, user).await;
    let nav = eventually("navigation entries", || async {
        let n = nav_entries(&c).await;
        (!n.is_empty()).then_some(n)
    })
    .await;
    assert_eq!(nav, expected, "navigation of {user}");
    let session = api_json(&c, "/session").await;
    let full_name = session["user"]["full_name"]
        .as_str()
        .expect("full name")
        .to_string();
    assert!(!full_name.is_empty());
    let shown = wait_css(&c, ".user-name")
        .await
        .text()
        .await
        .expect("user name");
    assert_eq!(
        shown.trim(),
        full_name,
        "top bar shows the user's full name"
    );
    screenshot(&c, &format!("dashboard-{user}")).await;
    click_css(&c, "button.logout", "click logout").await;
    wait_css(&c, "#login-username").await;
    assert!(current_path(&c).await.starts_with("/login"));
    // The session really ended on the server: the API now refuses.
    let s = api_json(&c, "/session").await;
    assert_eq!(s["status"], 401, "session after logout: {s}");
    c.close().await.expect("close");
}

const BOARD: &[&str] = &[
    "dashboard",
    "workflow",
    "articles",
    "stats",
    "plan",
    "spokesperson",
    "info",
    "norms",
    "quarterly",
    "media",
    "banners",
    "royalties",
];

/// The board's tools and the fraud reports (Official Dispatch 1466), which the secretary, the
/// chief editor and the director read.
const BOARD_AND_FRAUD: &[&str] = &[
    "dashboard",
    "workflow",
    "articles",
    "stats",
    "plan",
    "spokesperson",
    "info",
    "norms",
    "quarterly",
    "fraud",
    "media",
    "banners",
    "royalties",
];

#[tokio::test]
async fn author_sees_only_writing_tools() {
    role_sees("author", &["dashboard", "workflow", "articles", "media"]).await;
}

#[tokio::test]
async fn editor_sees_board_tools() {
    role_sees("editor", BOARD).await;
}

#[tokio::test]
async fn secretary_sees_board_tools() {
    role_sees("secretary", BOARD_AND_FRAUD).await;
}

#[tokio::test]
async fn chief_editor_sees_board_tools() {
    role_sees("chief", BOARD_AND_FRAUD).await;
}

#[tokio::test]
async fn director_sees_board_tools() {
    role_sees("director", BOARD_AND_FRAUD).await;
}

#[tokio::test]
async fn admin_sees_administration_not_articles() {
    role_sees(
        "admin",
        &["dashboard", "stats", "info", "norms", "royalties", "admin"],
    )
    .await;
}

#[tokio::test]
async fn the_1466_roles_see_the_fraud_reports() {
    role_sees("local_office", &["dashboard", "fraud"]).await;
    role_sees("it_centre", &["dashboard", "fraud"]).await;
    role_sees(
        "communication_centre",
        &["dashboard", "workflow", "articles", "fraud"],
    )
    .await;
}

#[tokio::test]
async fn wrong_password_shows_a_vietnamese_error() {
    let t = Target::from_env();
    let c = browser(&t).await;
    c.goto(&t.url("/login")).await.expect("open login");
    submit_login(&c, "editor", "not-the-password-1").await;
    let err = wait_css(&c, ".form-error[role=alert]").await;
    let text = eventually("error text", || async {
        let s = err.text().await.ok()?;
        (!s.trim().is_empty()).then_some(s)
    })
    .await;
    assert!(
        text.contains("mật khẩu") || text.contains("Mật khẩu"),
        "error should speak of the password in Vietnamese: {text:?}"
    );
    assert!(current_path(&c).await.starts_with("/login"));
    assert!(
        c.find(Locator::Css("nav.main-nav")).await.is_err(),
        "no navigation before login"
    );
    screenshot(&c, "login-error").await;
    c.close().await.expect("close");
}

/// `data-total` of the result count, once it shows a number.
async fn shown_total(c: &portal_e2e::fantoccini::Client) -> i64 {
    let el = wait_css(c, ".result-count[data-total]").await;
    el.attr("data-total")
        .await
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .expect("data-total is a number")
}

/// The `data-id`s of the table's rows, read in one script so a re-render cannot interleave.
async fn first_row_ids(c: &portal_e2e::fantoccini::Client) -> Vec<String> {
    let ids = c
        .execute(
            "return [...document.querySelectorAll('table.articles-table tbody tr[data-id]')]\
             .map(r => r.dataset.id)",
            vec![],
        )
        .await
        .expect("read row ids");
    serde_json::from_value(ids).expect("a list of ids")
}

#[tokio::test]
async fn articles_table_filters_and_pages() {
    let t = Target::from_env();
    let c = session_for(&t, "chief").await;
    // Sorted by title, descending: a draft another journey adds (its title starts with "<")
    // lands on the last page and cannot shift pages 1 and 2 under this test.
    c.goto(&t.url("/articles?sort=-title"))
        .await
        .expect("open articles");
    wait_css(&c, "table.articles-table tbody tr[data-id]").await;

    // Other journeys add drafts to the same server meanwhile: reload until the table and a
    // fresh count agree.
    let all = eventually("the table's total to match the API", || async {
        let api = api_json(&c, "/articles?per_page=1").await["total"].as_i64()?;
        if shown_total(&c).await == api {
            return Some(api);
        }
        c.refresh().await.ok()?;
        wait_css(&c, "table.articles-table tbody tr[data-id]").await;
        None
    })
    .await;
    assert!(
        all >= 150,
        "demo data has about 200 articles, the table says {all}"
    );

    // Paging: page 2 shows other rows and says so.
    let page1 = first_row_ids(&c).await;
    assert!(!page1.is_empty());
    let info = wait_css(&c, ".pagination .page-info")
        .await
        .text()
        .await
        .expect("page info");
    assert!(info.contains("1/"), "page info {info:?}");
    click_css(&c, ".pagination button.page-next", "next page").await;
    let page2 = eventually("page 2 rows", || async {
        let info = c.find(Locator::Css(".pagination .page-info")).await.ok()?;
        if !info.text().await.ok()?.contains("2/") {
            return None;
        }
        let ids = first_row_ids(&c).await;
        (!ids.is_empty() && ids != page1).then_some(ids)
    })
    .await;
    assert!(page2.iter().all(|id| !page1.contains(id)), "pages overlap");
    let info = wait_css(&c, ".pagination .page-info")
        .await
        .text()
        .await
        .expect("page info");
    assert!(info.contains("2/"), "page info {info:?}");
    assert!(
        current_path(&c).await.contains("page=2"),
        "page kept in the URL"
    );

    // Filter by stage: the table's total is the server's total for that stage.
    let published = api_json(&c, "/articles?stage=published&per_page=1").await["total"]
        .as_i64()
        .expect("total");
    assert!(published > 0 && published < all);
    let stage = wait_css(&c, "#filter-stage").await;
    stage
        .select_by_value("published")
        .await
        .expect("select stage");
    eventually("the published total", || async {
        (shown_total(&c).await == published).then_some(())
    })
    .await;
    assert!(current_path(&c).await.contains("stage=published"));

    // Diacritic-insensitive text search, on top of the stage filter.
    let want = api_json(&c, "/articles?stage=published&q=bao%20hiem&per_page=1").await["total"]
        .as_i64()
        .expect("total");
    assert!(want > 0, "demo data has published articles about bảo hiểm");
    wait_css(&c, "#filter-q")
        .await
        .send_keys("bao hiem")
        .await
        .expect("type query");
    eventually("the searched total", || async {
        (shown_total(&c).await == want).then_some(())
    })
    .await;
    screenshot(&c, "articles-filtered").await;

    // A row opens the detail view with the article's title.
    let first = wait_css(&c, "table.articles-table tbody tr[data-id] a").await;
    let title = first.text().await.expect("title");
    first.click().await.expect("open article");
    let h1 = eventually("the article heading", || async {
        let h = c
            .find(Locator::Css("main#main h1"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        (h == title).then_some(h)
    })
    .await;
    assert_eq!(h1, title);
    assert!(current_path(&c).await.starts_with("/articles/"));
    screenshot(&c, "article-detail").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn expired_session_returns_to_login_then_back() {
    let t = Target::from_env();
    let c = session_for(&t, "secretary").await;
    c.goto(&t.url("/articles")).await.expect("open articles");
    wait_css(&c, "table.articles-table tbody tr[data-id]").await;
    // End the session behind the app's back, as an expiry would.
    let ended = c
        .execute_async(
            r#"const done = arguments[0];
               fetch('/api/v1/session', {method: 'DELETE', credentials: 'same-origin',
                 headers: {'X-Requested-With': 'e2e'}}).then(r => done(r.status));"#,
            vec![],
        )
        .await
        .expect("logout behind the app");
    assert_eq!(ended, 204);
    wait_css(&c, "#filter-stage")
        .await
        .select_by_value("review")
        .await
        .expect("filter");
    wait_css(&c, "#login-username").await;
    let at_login = current_path(&c).await;
    assert!(at_login.starts_with("/login"), "at {at_login}");
    assert!(
        at_login.contains("next="),
        "login remembers where the user was: {at_login}"
    );
    submit_login(&c, "secretary", DEMO_PASSWORD).await;
    let back = eventually("back at the filtered list", || async {
        let p = current_path(&c).await;
        (p.starts_with("/articles") && p.contains("stage=review")).then_some(p)
    })
    .await;
    assert!(back.contains("stage=review"));
    wait_css(&c, "table.articles-table").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn language_switch_changes_labels_and_lang() {
    let t = Target::from_env();
    let c = session_for(&t, "editor").await;
    let articles = wait_css(&c, "nav.main-nav a[data-nav=articles]").await;
    assert_eq!(articles.text().await.expect("label").trim(), "Bài viết");
    click_css(&c, "button.lang-switch", "switch language").await;
    eventually("English labels", || async {
        let a = c
            .find(Locator::Css("nav.main-nav a[data-nav=articles]"))
            .await
            .ok()?;
        (a.text().await.ok()?.trim() == "Articles").then_some(())
    })
    .await;
    let lang = c
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("lang");
    assert_eq!(lang, "en");
    c.close().await.expect("close");
}

#[tokio::test]
async fn hostile_titles_render_as_text_without_breaking_the_layout() {
    let t = Target::from_env();
    let c = session_for(&t, "chief").await;
    // Markup, RTL Arabic, emoji, a bidi override and a long unbroken word: 300 characters.
    let mut title =
        String::from("<img src=x onerror=\"window.__pwned=1\"> مرحبا 🎉 \u{202e}gnp.exe ");
    while title.chars().count() < 300 {
        title.push('W');
    }
    let created = c
        .execute_async(
            r#"const [title, done] = arguments;
               fetch('/api/v1/articles', {method: 'POST', credentials: 'same-origin',
                 headers: {'X-Requested-With': 'e2e', 'Content-Type': 'application/json'},
                 body: JSON.stringify({title, kind: 'news', lead: title})})
                 .then(r => r.json()).then(done, e => done({error: String(e)}));"#,
            vec![serde_json::Value::String(title.clone())],
        )
        .await
        .expect("create article");
    let id = created["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("created: {created}"));
    assert_eq!(created["title"], title.as_str(), "stored byte for byte");

    c.goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open article");
    let h1 = eventually("the heading", || async {
        let h = c
            .find(Locator::Css("main#main h1"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        (!h.is_empty()).then_some(h)
    })
    .await;
    assert_eq!(h1.trim(), title.trim(), "the title is shown as text");
    let injected = c
        .execute(
            "return [window.__pwned === undefined, document.querySelectorAll('main img[src=\"x\"]').length]",
            vec![],
        )
        .await
        .expect("probe");
    assert_eq!(
        injected,
        serde_json::json!([true, 0]),
        "no markup from the title ran"
    );

    // At 360 px the long word wraps instead of pushing the page sideways.
    c.set_window_size(360, 800).await.expect("narrow window");
    c.goto(&t.url("/articles?sort=-created_at"))
        .await
        .expect("open list");
    wait_css(
        &c,
        &format!("table.articles-table tbody tr[data-id=\"{id}\"]"),
    )
    .await;
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .expect("measure");
    screenshot(&c, "hostile-title-360").await;
    assert!(
        overflow.as_i64().unwrap_or(i64::MAX) <= 0,
        "page scrolls sideways by {overflow} px"
    );
    c.close().await.expect("close");
}

/// What has the keyboard focus: `tag#id.class[data-nav]`.
async fn focused(c: &portal_e2e::fantoccini::Client) -> String {
    let v = c
        .execute(
            "const e = document.activeElement; return e.tagName.toLowerCase() + \
             (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + \
             (e.dataset && e.dataset.nav ? '[' + e.dataset.nav + ']' : '')",
            vec![],
        )
        .await
        .expect("active element");
    v.as_str().unwrap_or_default().to_string()
}

/// Types `keys` through WebDriver key actions: real key presses wherever the focus is.
async fn press(c: &portal_e2e::fantoccini::Client, keys: &str) {
    use portal_e2e::fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut actions = KeyActions::new("keyboard".into());
    for value in keys.chars() {
        actions = actions
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
    }
    c.perform_actions(actions).await.expect("key presses");
}

async fn shift_tab(c: &portal_e2e::fantoccini::Client) {
    use portal_e2e::fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let (shift, tab) = ('\u{E008}', '\u{E004}');
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    c.perform_actions(actions).await.expect("shift+tab");
}

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[tokio::test]
async fn the_keyboard_alone_logs_in_skips_to_content_and_navigates() {
    let t = Target::from_env();
    let c = browser(&t).await;
    c.goto(&t.url("/login")).await.expect("open login");
    wait_css(&c, "#login-username").await;
    // The form takes focus itself: type, Tab to the password, Enter.
    let first = eventually("focus on the username", || async {
        let f = focused(&c).await;
        f.starts_with("input#login-username").then_some(f)
    })
    .await;
    assert!(first.starts_with("input#login-username"));
    press(&c, "editor").await;
    press(&c, TAB).await;
    assert!(focused(&c).await.starts_with("input#login-password"));
    press(&c, &format!("{DEMO_PASSWORD}{ENTER}")).await;
    wait_css(&c, "nav.main-nav").await;
    // Arriving in the app puts the focus on the content, not on a vanished login button.
    eventually("focus on the dashboard's content", || async {
        focused(&c).await.starts_with("main#main").then_some(())
    })
    .await;

    // On a fresh load the first Tab lands on the skip link, which moves focus to the content.
    c.goto(&t.url("/")).await.expect("reload the dashboard");
    wait_css(&c, "nav.main-nav").await;
    press(&c, TAB).await;
    assert!(
        focused(&c).await.contains("skip-link"),
        "first Tab: {}",
        focused(&c).await
    );
    press(&c, ENTER).await;
    eventually("focus in main", || async {
        focused(&c).await.starts_with("main#main").then_some(())
    })
    .await;

    // Shift+Tab back out of the content until the "Bài viết" link, then Enter.
    let mut reached = false;
    for _ in 0..30 {
        if focused(&c).await.ends_with("[articles]") {
            reached = true;
            break;
        }
        shift_tab(&c).await;
    }
    assert!(reached, "the articles link is reachable by keyboard");
    press(&c, ENTER).await;
    eventually("the articles page", || async {
        current_path(&c)
            .await
            .starts_with("/articles")
            .then_some(())
    })
    .await;
    // The new page's content has the focus, so the next Tab goes into it.
    eventually("focus on the articles page's content", || async {
        focused(&c).await.starts_with("main#main").then_some(())
    })
    .await;
    wait_css(&c, "table.articles-table tbody tr[data-id]").await;
    c.close().await.expect("close");
}
