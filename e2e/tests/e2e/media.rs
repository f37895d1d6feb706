//! The media library end to end: an author drops a photo (drawn by the browser on a canvas,
//! with a GPS position written into its Exif block) into the library's upload field, watches
//! its progress bar and its row reach "Đã tải lên", finds it in the grid and its panel, then
//! opens a draft's editor and chooses it as the cover and for an image block through the picker
//! dialogs. The board takes the article to the chief editor, who approves it on its page; once
//! published, the public article's HTML names the photo's smaller copies in `srcset`, and none
//! of the files served carries an Exif block or a GPS position.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;

/// An Exif (APP1) segment whose GPS block puts the photo at 10°46′37″ N: what a phone writes.
fn exif_with_gps() -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\0\x2A\0\0\0\x08".to_vec();
    // IFD0: one entry, the GPS IFD's offset (26).
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    // The GPS IFD: latitude reference "N", latitude as three rationals at offset 56.
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(10u32, 1u32), (46, 1), (3700, 100)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// Draws a 1600 × 900 photo in the page, writes `exif` into it as a camera would, and hands it
/// to the file input `css` as the user's choice `name` would be.
async fn choose_drawn_photo(c: &Client, css: &str, name: &str, exif: &[u8]) {
    wait_css(c, css).await;
    let script = r#"
        const [css, name, exif, done] = arguments;
        const canvas = document.createElement('canvas');
        canvas.width = 1600; canvas.height = 900;
        const g = canvas.getContext('2d');
        const grad = g.createLinearGradient(0, 0, 1600, 900);
        grad.addColorStop(0, '#0b4f8a'); grad.addColorStop(1, '#f2b705');
        g.fillStyle = grad; g.fillRect(0, 0, 1600, 900);
        g.fillStyle = '#fff'; g.font = '96px sans-serif'; g.fillText('BHXH — thử nghiệm', 120, 480);
        canvas.toBlob(async blob => {
            const jpeg = new Uint8Array(await blob.arrayBuffer());
            const bytes = new Uint8Array(jpeg.length + exif.length);
            bytes.set(jpeg.subarray(0, 2), 0);
            bytes.set(exif, 2);
            bytes.set(jpeg.subarray(2), 2 + exif.length);
            const file = new File([bytes], name, {type: 'image/jpeg'});
            const list = new DataTransfer();
            list.items.add(file);
            const input = document.querySelector(css);
            input.files = list.files;
            input.dispatchEvent(new Event('change', {bubbles: true}));
            done(true);
        }, 'image/jpeg', 0.9);
    "#;
    c.execute_async(script, vec![css.into(), name.into(), exif.into()])
        .await
        .expect("choose a drawn photo");
}

/// Chooses the item named `name` in the open picker dialog, after searching for `words`.
async fn pick(c: &Client, opener: &str, words: &str, name: &str) {
    click_css(c, opener, "open the picker").await;
    wait_css(c, "dialog.media-picker[open]").await;
    retype_css(c, "dialog.media-picker[open] input[type=search]", words).await;
    click_css(
        c,
        "dialog.media-picker[open] .media-picker-search button",
        "search",
    )
    .await;
    eventually("the photo in the picker", || async {
        for el in c
            .find_all(Locator::Css("dialog.media-picker[open] .media-card-button"))
            .await
            .ok()?
        {
            if el.text().await.ok()?.contains(name) {
                el.click().await.ok()?;
                return Some(());
            }
        }
        None
    })
    .await;
}

/// The bytes served at `url`, fetched in the page.
async fn fetch_bytes(c: &Client, url: &str) -> Vec<u8> {
    let script = r#"
        const [url, done] = arguments;
        fetch(url).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b))),
            e => done([]));
    "#;
    let v = c
        .execute_async(script, vec![url.into()])
        .await
        .expect("in-page fetch of a file");
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|b| b.as_u64())
                .map(|b| b as u8)
                .collect()
        })
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_author_uploads_a_picture_and_makes_it_the_cover() {
    let t = Target::from_env();
    let name = format!("anh-bia-e2e-{}.jpg", std::process::id());
    let exif = exif_with_gps();
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

    choose_drawn_photo(
        &author,
        ".page-media .media-drop input[type=file]",
        &name,
        &exif,
    )
    .await;
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
    assert_eq!(item["width"], 1600);
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
    pick(&author, "fieldset .media-pick", &name[..12], &name).await;
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

    // An image block of the body, from the library too.
    click_css(
        &author,
        ".block-add button[aria-label='Thêm khối: Ảnh']",
        "add an image block",
    )
    .await;
    pick(
        &author,
        ".block[data-kind=image] .media-pick",
        &name[..12],
        &name,
    )
    .await;
    let id = draft["id"].as_i64().expect("id");
    eventually("the body's image saved", || async {
        let a = api_json(&author, &format!("/articles/{id}")).await;
        let saved = a["body"]
            .as_array()?
            .iter()
            .any(|b| b["url"] == url.as_str());
        saved.then_some(())
    })
    .await;
    author.close().await.expect("close");

    // The board takes it to the chief editor: the texts the checklist asks for, the editor's
    // checks, review, then approval.
    let editor = session_for(&t, "editor").await;
    let a = api_json(&editor, &format!("/articles/{id}")).await;
    let mut body = a["body"].as_array().cloned().unwrap_or_default();
    // The library's alt text stands for the block's; the caption is the board's to write.
    for block in body.iter_mut().filter(|b| b["type"] == "image") {
        block["caption"] = "Ảnh: BHXH tỉnh".into();
    }
    body.push(serde_json::json!({"type": "paragraph", "spans": [{"text":
        "Người lao động có thể tra cứu quá trình đóng bảo hiểm xã hội trên ứng dụng VssID. ".repeat(5)}]}));
    let (status, answer) = api_send(
        &editor,
        "PATCH",
        &format!("/articles/{id}"),
        a["version"].as_i64(),
        serde_json::json!({
            "lead": "Sapo: BHXH tỉnh giới thiệu ảnh từ thư viện media.",
            "body": body,
            "section": "Tin hoạt động",
            "topics": ["bhxh"],
            "source": "BHXH tỉnh",
            "cover": {"url": url, "alt": "Ảnh bìa thử nghiệm", "caption": "Ảnh: BHXH tỉnh"},
            "checks": ["facts_verified", "confidentiality", "spelling"],
        }),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    api_move(&editor, id, "editing").await;
    api_move(&editor, id, "review").await;
    editor.close().await.expect("close");
    let secretary = session_for(&t, "secretary").await;
    api_move(&secretary, id, "pending_approval").await;

    // The chief approves on the article's page.
    let chief = session_for(&t, "chief").await;
    chief
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open the article");
    click_css(&chief, ".move-button[data-action=approve]", "approve").await;
    eventually("the approval", || async {
        (stage_of(&chief, id).await == "approved").then_some(())
    })
    .await;
    api_move(&secretary, id, "published").await;
    secretary.close().await.expect("close");

    // The public article: the photo's copies in srcset, none with Exif or a GPS position.
    let public = api_json(&chief, &format!("/public/articles/{id}")).await;
    let html = public["html"].as_str().expect("html").to_string();
    assert!(html.contains("<picture>"), "{html}");
    let srcset = html
        .split("srcset=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a srcset")
        .to_string();
    let files: Vec<&str> = srcset
        .split(", ")
        .filter_map(|entry| entry.split(' ').next())
        .collect();
    assert!(files.len() >= 3, "320, 640 and 1280 px copies: {srcset}");
    for file in files {
        assert!(file.starts_with("/media-files/"), "{file}");
        let bytes = fetch_bytes(&chief, file).await;
        assert!(bytes.len() > 1000, "{file} is served");
        assert!(!contains(&bytes, b"Exif"), "{file} carries Exif");
        assert!(
            !contains(&bytes, &exif[10..40]),
            "{file} carries the GPS block"
        );
    }
    let original = fetch_bytes(&chief, &url).await;
    assert!(!contains(&original, b"Exif"), "the original carries Exif");
    chief.close().await.expect("close");
}
