//! The media library end to end: an author drops a picture (drawn by the browser on a canvas)
//! into the library's upload field, watches its row reach "Đã tải lên", finds it in the grid
//! and its panel, then opens a draft's editor and chooses it as the cover through the
//! picker dialog: the cover's address is the library's, the alt text comes with it.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;

/// Draws an 800 × 450 PNG in the page and hands it to the file input `css` as the user's
/// choice `name` would be.
async fn choose_drawn_picture(c: &Client, css: &str, name: &str) {
    wait_css(c, css).await;
    let script = r#"
        const [css, name, done] = arguments;
        const canvas = document.createElement('canvas');
        canvas.width = 800; canvas.height = 450;
        const g = canvas.getContext('2d');
        const grad = g.createLinearGradient(0, 0, 800, 450);
        grad.addColorStop(0, '#0b4f8a'); grad.addColorStop(1, '#f2b705');
        g.fillStyle = grad; g.fillRect(0, 0, 800, 450);
        g.fillStyle = '#fff'; g.font = '48px sans-serif'; g.fillText('BHXH — thử nghiệm', 60, 240);
        canvas.toBlob(blob => {
            const file = new File([blob], name, {type: 'image/png'});
            const list = new DataTransfer();
            list.items.add(file);
            const input = document.querySelector(css);
            input.files = list.files;
            input.dispatchEvent(new Event('change', {bubbles: true}));
            done(true);
        }, 'image/png');
    "#;
    c.execute_async(script, vec![css.into(), name.into()])
        .await
        .expect("choose a drawn picture");
}

#[tokio::test]
async fn an_author_uploads_a_picture_and_makes_it_the_cover() {
    let t = Target::from_env();
    let name = format!("anh-bia-e2e-{}.png", std::process::id());
    let author = session_for(&t, "author").await;
    let entries = nav_entries(&author).await;
    assert!(entries.contains(&"media".to_string()), "{entries:?}");
    click_css(
        &author,
        "nav.main-nav a[data-nav=media]",
        "open the library",
    )
    .await;
    wait_css(&author, ".page-media .media-drop").await;

    choose_drawn_picture(&author, ".page-media .media-drop input[type=file]", &name).await;
    // Its row shows a progress bar, then the end of the upload.
    wait_css(&author, ".upload-row progress.upload-progress").await;
    wait_text(&author, ".upload-row.done .upload-status", "Đã tải lên").await;
    // The grid is read again and shows it; its panel has the public address.
    eventually("the uploaded card", || async {
        for el in author
            .find_all(Locator::Css(".media-card .media-name"))
            .await
            .ok()?
        {
            if el.text().await.ok()? == name {
                return Some(());
            }
        }
        None
    })
    .await;
    let items = api_json(&author, "/media?kind=image&per_page=100").await;
    let item = items["items"]
        .as_array()
        .and_then(|list| list.iter().find(|i| i["filename"] == name.as_str()))
        .cloned()
        .expect("the item through the API");
    let url = item["url"].as_str().expect("url").to_string();
    assert!(url.starts_with("/media-files/"), "{url}");
    assert_eq!(item["width"], 800);
    click_css(
        &author,
        &format!(".media-card[data-id='{}'] button", item["id"]),
        "open the item",
    )
    .await;
    wait_text(&author, ".media-panel .media-url", &url).await;
    retype_css(&author, "#media-alt", "Ảnh bìa thử nghiệm").await;
    click_css(
        &author,
        ".media-texts button[type=submit]",
        "save the alt text",
    )
    .await;
    wait_text(&author, ".toast-region", "Đã lưu mô tả").await;

    // The editor's cover picker finds it and fills the cover's address and alt text.
    let (status, draft) = api_send(
        &author,
        "POST",
        "/articles",
        None,
        serde_json::json!({ "title": "Bài có ảnh bìa từ thư viện", "kind": "news" }),
    )
    .await;
    assert_eq!(status, 201, "{draft}");
    author
        .goto(&t.url(&format!("/articles/{}", draft["id"])))
        .await
        .expect("open the editor");
    click_css(&author, "fieldset .media-pick", "open the cover picker").await;
    wait_css(&author, "dialog.media-picker[open]").await;
    retype_css(
        &author,
        "dialog.media-picker[open] input[type=search]",
        &name[..12],
    )
    .await;
    click_css(
        &author,
        "dialog.media-picker[open] .media-picker-search button",
        "search",
    )
    .await;
    eventually("the picture in the picker", || async {
        for el in author
            .find_all(Locator::Css("dialog.media-picker[open] .media-card-button"))
            .await
            .ok()?
        {
            if el.text().await.ok()?.contains(&name) {
                el.click().await.ok()?;
                return Some(());
            }
        }
        None
    })
    .await;
    eventually("the cover's address", || async {
        let v = author
            .find(Locator::Css("#ed-cover-url"))
            .await
            .ok()?
            .prop("value")
            .await
            .ok()??;
        (v == url).then_some(())
    })
    .await;
    let alt = wait_css(&author, "#ed-cover-alt")
        .await
        .prop("value")
        .await
        .expect("alt")
        .unwrap_or_default();
    assert_eq!(alt, "Ảnh bìa thử nghiệm");
    // The dialog closed and gave the focus back to its button.
    assert!(author
        .find(Locator::Css("dialog.media-picker[open]"))
        .await
        .is_err());
    author.close().await.expect("close");
}
