//! The publish checklist: the content and form standards an article must meet before the chief
//! editor may approve it.
//!
//! Items are settings ([`ChecklistSettings`]); the defaults below follow DOMAIN.md. Automatic
//! items are computed from the article by [`evaluate`]; manual items pass when their id is in
//! the article's `checks` (ticked by an editor). The server is the authority: approval is
//! refused with 422 while a required item fails. The SPA runs the same function only to show
//! the panel while the user types.

use crate::blocks::{body_chars, is_http_url, is_image_url, Block, Library};
use crate::{Article, Kind};
use serde::{Deserialize, Serialize};

/// One item of the checklist as it applies to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable id: `title_length`, `lead_present`, … or a manual item's id.
    pub id: String,
    pub label_vi: String,
    pub label_en: String,
    /// Computed by the backend (`true`) or ticked by an editor (`false`).
    pub automatic: bool,
    /// Approval is refused while a required item fails.
    pub required: bool,
    pub passed: bool,
    /// Why it fails, in Vietnamese (absent when it passes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The whole checklist of an article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// Number of required items that fail; 0 means the article may be approved.
    pub failing: u32,
}

impl Checklist {
    pub fn passes(&self) -> bool {
        self.failing == 0
    }
}

/// A manual item, ticked by an editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualItem {
    pub id: String,
    pub label_vi: String,
    pub label_en: String,
    pub required: bool,
}

/// Settings of the checklist (defaults from DOMAIN.md; an administrator may change them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistSettings {
    pub title_min: usize,
    pub title_max: usize,
    /// Least characters of body text per kind (absent: no minimum).
    pub body_min: Vec<(Kind, usize)>,
    /// Words that mark unfinished text (matched case-insensitively as whole words).
    pub placeholders: Vec<String>,
    pub manual: Vec<ManualItem>,
}

impl Default for ChecklistSettings {
    fn default() -> Self {
        let m = |id: &str, vi: &str, en: &str| ManualItem {
            id: id.to_string(),
            label_vi: vi.to_string(),
            label_en: en.to_string(),
            required: true,
        };
        ChecklistSettings {
            title_min: 10,
            title_max: 250,
            body_min: vec![
                (Kind::News, 300),
                (Kind::Article, 1_000),
                (Kind::InDepth, 2_500),
            ],
            placeholders: ["lorem", "ipsum", "todo", "xxx", "tbd"]
                .map(String::from)
                .to_vec(),
            manual: vec![
                m(
                    "facts_verified",
                    "Thông tin, số liệu đã được kiểm chứng",
                    "Facts and figures verified",
                ),
                m(
                    "confidentiality",
                    "Không chứa thông tin bí mật, thông tin cá nhân",
                    "No confidential or personal information",
                ),
                m(
                    "spelling",
                    "Đã soát chính tả, văn phong",
                    "Spelling and style checked",
                ),
            ],
        }
    }
}

fn auto(id: &str, vi: &str, en: &str, failure: Option<String>) -> ChecklistItem {
    ChecklistItem {
        id: id.to_string(),
        label_vi: vi.to_string(),
        label_en: en.to_string(),
        automatic: true,
        required: true,
        passed: failure.is_none(),
        detail: failure,
    }
}

fn has_placeholder(text: &str, words: &[String]) -> Option<String> {
    let folded = crate::format::fold_vi(text);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| words.iter().any(|p| p == w))
        .map(str::to_string)
}

/// Evaluates the checklist for `a`.
pub fn evaluate(a: &Article, s: &ChecklistSettings) -> Checklist {
    evaluate_with(a, s, &Library::new())
}

/// [`evaluate`] knowing the media library: an image of the library without alt text or a
/// caption of its own has the library's.
pub fn evaluate_with(a: &Article, s: &ChecklistSettings, library: &Library) -> Checklist {
    let mut items = Vec::new();
    let title_len = a.title.trim().chars().count();
    items.push(auto(
        "title_length",
        "Tiêu đề có độ dài hợp lý",
        "Title of sensible length",
        (!(s.title_min..=s.title_max).contains(&title_len)).then(|| {
            format!(
                "Tiêu đề có {title_len} ký tự; cần từ {} đến {}.",
                s.title_min, s.title_max
            )
        }),
    ));
    items.push(auto(
        "lead_present",
        "Có sapo",
        "Lead present",
        a.lead
            .trim()
            .is_empty()
            .then(|| "Chưa có sapo.".to_string()),
    ));
    let min = s
        .body_min
        .iter()
        .find(|(k, _)| *k == a.kind)
        .map_or(0, |(_, n)| *n);
    let chars = body_chars(&a.body);
    items.push(auto(
        "body_length",
        "Nội dung đủ dài theo thể loại",
        "Body long enough for its kind",
        (chars < min).then(|| {
            format!(
                "Nội dung có {chars} ký tự; {} cần ít nhất {min}.",
                a.kind.label_vi()
            )
        }),
    ));
    items.push(auto(
        "section_topic",
        "Có chuyên mục và ít nhất một chủ đề",
        "Section and at least one topic",
        if a.section.trim().is_empty() {
            Some("Chưa chọn chuyên mục.".to_string())
        } else if a.topics.is_empty() {
            Some("Chưa chọn chủ đề.".to_string())
        } else {
            None
        },
    ));
    items.push(auto(
        "author_source",
        "Có tác giả và nguồn tin",
        "Author and source",
        if a.authors.is_empty() {
            Some("Chưa có tác giả.".to_string())
        } else if a.source.trim().is_empty() {
            Some("Chưa ghi nguồn tin.".to_string())
        } else {
            None
        },
    ));
    let described = |url: &str, alt: &str, caption: &str| {
        let item = library.get(url);
        let has = |own: &str, lib: fn(&crate::media::MediaItem) -> &str| {
            !own.trim().is_empty() || item.is_some_and(|i| !lib(i).trim().is_empty())
        };
        has(alt, |i| &i.alt) && has(caption, |i| &i.caption)
    };
    let mut images_ok = true;
    if let Some(c) = &a.cover {
        images_ok &= described(&c.url, &c.alt, &c.caption);
    }
    for b in &a.body {
        if let Block::Image { url, alt, caption } = b {
            images_ok &= described(url, alt, caption);
        }
    }
    items.push(auto(
        "images_described",
        "Mọi ảnh có mô tả thay thế và chú thích",
        "Every image has alt text and a caption",
        (!images_ok).then(|| "Có ảnh thiếu mô tả thay thế hoặc chú thích.".to_string()),
    ));
    let all_text = format!(
        "{}\n{}\n{}",
        a.title,
        a.lead,
        crate::blocks::body_text(&a.body)
    );
    items.push(auto(
        "no_placeholder",
        "Không còn chữ giữ chỗ (lorem, TODO, xxx)",
        "No placeholder text (lorem, TODO, xxx)",
        has_placeholder(&all_text, &s.placeholders).map(|w| format!("Còn chữ giữ chỗ “{w}”.")),
    ));
    let bad_link = a
        .body
        .iter()
        .flat_map(|b| {
            // A media block's file may be this site's (the library); a text link must be http(s).
            let media = b.media_url();
            b.urls()
                .into_iter()
                .filter(move |u| {
                    if media == Some(*u) {
                        !is_image_url(u)
                    } else {
                        !is_http_url(u)
                    }
                })
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .next();
    items.push(auto(
        "links_http",
        "Liên kết là http(s)",
        "Links are http(s)",
        bad_link.map(|u| format!("Liên kết không hợp lệ: {u}")),
    ));
    for m in &s.manual {
        let passed = a.checks.iter().any(|c| c == &m.id);
        items.push(ChecklistItem {
            id: m.id.clone(),
            label_vi: m.label_vi.clone(),
            label_en: m.label_en.clone(),
            automatic: false,
            required: m.required,
            passed,
            detail: (!passed).then(|| "Chưa được đánh dấu.".to_string()),
        });
    }
    let failing = items.iter().filter(|i| i.required && !i.passed).count() as u32;
    Checklist { items, failing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Span;
    use crate::{AuthorShare, CoverImage, Language, Stage, Topic};
    use chrono::Utc;

    pub(crate) fn good_article() -> Article {
        let now = chrono::DateTime::<Utc>::from_timestamp(1_760_000_000, 0).unwrap();
        Article {
            id: 1,
            title: "Tăng cường truyền thông chính sách BHXH".into(),
            lead: "Sapo của bài.".into(),
            body: vec![Block::paragraph("Nội dung ".repeat(40))],
            section: "Tin hoạt động".into(),
            topics: vec![Topic::Bhxh],
            kind: Kind::News,
            authors: vec![AuthorShare {
                name: "Nguyễn Văn A".into(),
                user_id: None,
                share: 100,
            }],
            source: "BHXH tỉnh".into(),
            cover: Some(CoverImage {
                url: "/a.jpg".into(),
                alt: "Ảnh".into(),
                caption: "Chú thích".into(),
            }),
            channels: vec![],
            language: Language::Vi,
            model_example: false,
            checks: vec![
                "facts_verified".into(),
                "confidentiality".into(),
                "spelling".into(),
            ],
            checklist: Checklist::default(),
            stage: Stage::PendingApproval,
            scheduled_at: None,
            published_at: None,
            removal_reason: None,
            created_by: 1,
            created_at: now,
            updated_at: now,
            updated_by: 1,
            updated_by_name: "A".into(),
            stage_changed_at: now,
            version: 1,
            revision: None,
        }
    }

    #[test]
    fn a_library_image_lends_its_alt_text_and_caption() {
        let s = ChecklistSettings::default();
        let mut a = good_article();
        a.body.push(Block::Image {
            url: "/media-files/ab/cd/x.jpg".into(),
            alt: "".into(),
            caption: " ".into(),
        });
        let passed = |c: &Checklist| {
            c.items
                .iter()
                .find(|i| i.id == "images_described")
                .unwrap()
                .passed
        };
        assert!(!passed(&evaluate(&a, &s)));
        let item: crate::media::MediaItem = serde_json::from_value(serde_json::json!({
            "id": 1, "kind": "image", "filename": "x.jpg", "content_type": "image/jpeg",
            "bytes": 1, "width": 10, "height": 10, "alt": "Ảnh", "caption": "Chú thích",
            "url": "/media-files/ab/cd/x.jpg", "variants": [], "used_in": [],
            "uploaded_by": 1, "uploaded_by_name": "A", "uploaded_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "version": 1
        }))
        .unwrap();
        let mut library = Library::from([(item.url.clone(), item)]);
        assert!(passed(&evaluate_with(&a, &s, &library)));
        // A library item without a caption does not lend one.
        library.values_mut().for_each(|i| i.caption.clear());
        assert!(!passed(&evaluate_with(&a, &s, &library)));
    }

    #[test]
    fn a_complete_article_passes() {
        let c = evaluate(&good_article(), &ChecklistSettings::default());
        assert!(c.passes(), "{c:?}");
        assert_eq!(c.items.len(), 11);
    }

    #[test]
    fn each_automatic_item_fails_on_its_own() {
        let s = ChecklistSettings::default();
        let failing = |f: &dyn Fn(&mut Article)| {
            let mut a = good_article();
            f(&mut a);
            let c = evaluate(&a, &s);
            c.items
                .iter()
                .filter(|i| !i.passed)
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(failing(&|a| a.title = "Ngắn".into()), ["title_length"]);
        assert_eq!(failing(&|a| a.lead = " ".into()), ["lead_present"]);
        assert_eq!(failing(&|a| a.kind = Kind::Article), ["body_length"]);
        assert_eq!(failing(&|a| a.topics.clear()), ["section_topic"]);
        assert_eq!(failing(&|a| a.source.clear()), ["author_source"]);
        assert_eq!(
            failing(&|a| a.body.push(Block::Image {
                url: "/b.jpg".into(),
                alt: "".into(),
                caption: "x".into()
            })),
            ["images_described"]
        );
        assert_eq!(
            failing(&|a| a.lead = "Sapo TODO sau".into()),
            ["no_placeholder"]
        );
        assert_eq!(
            failing(&|a| a.body.push(Block::Paragraph {
                spans: vec![Span {
                    text: "x".into(),
                    link: Some("ftp://x".into()),
                    ..Span::default()
                }]
            })),
            ["links_http"]
        );
        // Files of the library are this site's addresses: fine for media blocks, not for links.
        assert!(failing(&|a| a.body.extend([
            Block::Video {
                url: "/media-files/ab/cd/a.mp4".into(),
                caption: "Phóng sự".into(),
            },
            Block::Audio {
                url: "/media-files/ab/cd/a.mp3".into(),
                caption: String::new(),
            },
            Block::Document {
                url: "/media-files/ab/cd/a.pdf".into(),
                title: String::new(),
            },
        ]))
        .is_empty());
        assert_eq!(
            failing(&|a| a.body.push(Block::Paragraph {
                spans: vec![Span {
                    text: "x".into(),
                    link: Some("/media-files/ab/cd/a.pdf".into()),
                    ..Span::default()
                }]
            })),
            ["links_http"]
        );
        assert_eq!(
            failing(&|a| a.checks.retain(|c| c != "spelling")),
            ["spelling"]
        );
        // "xxx" inside a word is not a placeholder; photo kinds need no body.
        assert!(failing(&|a| a.lead = "Mã số ABCxxxD".into()).is_empty());
        assert!(failing(&|a| {
            a.kind = Kind::Photo;
            a.body.clear()
        })
        .is_empty());
    }
}
