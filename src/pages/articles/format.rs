//! How an article's facts read: its text as paragraphs, days in a stage, history lines, which
//! images may be shown.

use crate::i18n::Lang;
use crate::pages::articles::strings::ArticleMsg;
use chrono::{DateTime, Utc};
use portal_contract::{HistoryEntry, Workflow};

/// Splits a body into paragraphs at blank lines; single line breaks stay inside a paragraph.
pub fn paragraphs(body: &str) -> Vec<String> {
    let normalised = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in normalised.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// Whole days from `t` to `now_ms` (milliseconds since the epoch), never negative.
pub fn days_since(now_ms: f64, t: DateTime<Utc>) -> i64 {
    let elapsed = now_ms - t.timestamp_millis() as f64;
    if elapsed <= 0.0 {
        0
    } else {
        (elapsed / 86_400_000.0).floor() as i64
    }
}

/// The words for a history line: "Tạo bài", "Sửa nội dung", or the workflow's label of the
/// transition it records (by its stages, else its action name), else the raw action.
pub fn history_action_label(entry: &HistoryEntry, workflow: &Workflow, lang: Lang) -> String {
    match entry.action.as_str() {
        "create" => return ArticleMsg::HistoryCreate.text(lang).to_string(),
        "update" => return ArticleMsg::HistoryUpdate.text(lang).to_string(),
        "restore" => return ArticleMsg::HistoryRestore.text(lang).to_string(),
        "revision_discard" => return ArticleMsg::HistoryRevisionDiscard.text(lang).to_string(),
        _ => {}
    }
    // An edit or a move of a pending revision: "Bản sửa đổi: …" of what the line would say.
    if let Some(action) = entry.action.strip_prefix("revision_") {
        let inner = HistoryEntry {
            action: action.to_string(),
            ..entry.clone()
        };
        let said = history_action_label(&inner, workflow, lang);
        return crate::i18n::fill(ArticleMsg::HistoryRevision.text(lang), &[("action", &said)]);
    }
    let rule = match (entry.from_stage, entry.to_stage) {
        (Some(from), Some(to)) => workflow.rule(from, to),
        _ => None,
    }
    .or_else(|| {
        workflow
            .transitions
            .iter()
            .find(|t| t.action == entry.action)
    });
    match rule {
        Some(r) if lang == Lang::Vi => r.label_vi.clone(),
        Some(r) => r.label_en.clone(),
        None => entry.action.clone(),
    }
}

/// Only http(s) and same-site images are displayed.
pub fn displayable_image(url: &str) -> bool {
    url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use portal_contract::{default_workflow, Stage};

    #[test]
    fn body_splits_into_paragraphs_at_blank_lines() {
        assert_eq!(
            paragraphs("Một.\r\nHai.\n\n\n  \nBa <script>x</script>\n"),
            vec!["Một.\nHai.", "Ba <script>x</script>"]
        );
        assert!(paragraphs("  \n\n").is_empty());
    }

    #[test]
    fn days_are_whole_and_never_negative() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let ms = t.timestamp_millis() as f64;
        assert_eq!(days_since(ms, t), 0);
        assert_eq!(days_since(ms + 86_400_000.0 * 2.5, t), 2);
        assert_eq!(days_since(ms - 1000.0, t), 0);
    }

    fn entry(action: &str, from: Option<Stage>, to: Option<Stage>) -> HistoryEntry {
        HistoryEntry {
            id: 1,
            article_id: 1,
            at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            actor_id: 1,
            actor_name: "A".into(),
            action: action.into(),
            from_stage: from,
            to_stage: to,
            comment: None,
            version: 1,
        }
    }

    #[test]
    fn history_lines_use_the_workflow_labels() {
        let w = default_workflow();
        assert_eq!(
            history_action_label(&entry("create", None, Some(Stage::Draft)), &w, Lang::Vi),
            "Tạo bài"
        );
        assert_eq!(
            history_action_label(
                &entry("return", Some(Stage::Review), Some(Stage::Editing)),
                &w,
                Lang::Vi
            ),
            "Trả lại biên tập"
        );
        assert_eq!(
            history_action_label(&entry("approve", None, None), &w, Lang::En),
            "Approve"
        );
        assert_eq!(
            history_action_label(&entry("archive", None, None), &w, Lang::Vi),
            "archive"
        );
    }

    #[test]
    fn revision_lines_say_they_are_about_the_revision() {
        let w = default_workflow();
        let said =
            |action: &str, from, to| history_action_label(&entry(action, from, to), &w, Lang::Vi);
        assert_eq!(
            said("revision_update", None, None),
            "Bản sửa đổi: Sửa nội dung"
        );
        assert_eq!(
            said(
                "revision_approve",
                Some(Stage::PendingApproval),
                Some(Stage::Approved)
            ),
            "Bản sửa đổi: Duyệt đăng"
        );
        assert_eq!(
            said("revision_restore", None, None),
            "Bản sửa đổi: Khôi phục phiên bản cũ"
        );
        assert_eq!(
            said("revision_discard", Some(Stage::Review), None),
            "Bỏ bản sửa đổi"
        );
    }

    #[test]
    fn only_web_images_are_displayed() {
        assert!(displayable_image("https://bhxh.example.vn/a.jpg"));
        assert!(displayable_image("/media/a.jpg"));
        assert!(!displayable_image("javascript:alert(1)"));
        assert!(!displayable_image(
            "data:image/svg+xml,<svg onload=alert(1)>"
        ));
        assert!(!displayable_image("//evil.example/a.jpg"));
    }
}
