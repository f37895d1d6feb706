//! The editorial workflow: stages and transitions, served as data by `GET /api/v1/workflow`.

use crate::Role;
use serde::{Deserialize, Serialize};

/// A stage of an article's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Draft,
    Editing,
    Review,
    PendingApproval,
    Approved,
    Published,
    RemovalRequested,
    Removed,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Draft,
        Stage::Editing,
        Stage::Review,
        Stage::PendingApproval,
        Stage::Approved,
        Stage::Published,
        Stage::RemovalRequested,
        Stage::Removed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Editing => "editing",
            Stage::Review => "review",
            Stage::PendingApproval => "pending_approval",
            Stage::Approved => "approved",
            Stage::Published => "published",
            Stage::RemovalRequested => "removal_requested",
            Stage::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether an edit of an article at this stage goes into a pending revision instead of
    /// changing what the chief editor approved (and readers may see): `approved`, `published`
    /// and `removal_requested`. Earlier stages are edited directly; a removed article not at all.
    pub fn edits_make_revision(self) -> bool {
        matches!(
            self,
            Stage::Approved | Stage::Published | Stage::RemovalRequested
        )
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Stage::Draft => "Bản nháp",
            Stage::Editing => "Đang biên tập",
            Stage::Review => "Chờ thẩm định",
            Stage::PendingApproval => "Chờ duyệt",
            Stage::Approved => "Đã duyệt",
            Stage::Published => "Đã đăng",
            Stage::RemovalRequested => "Đề nghị gỡ",
            Stage::Removed => "Đã gỡ",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Stage::Draft => "Draft",
            Stage::Editing => "Editing",
            Stage::Review => "Review",
            Stage::PendingApproval => "Pending approval",
            Stage::Approved => "Approved",
            Stage::Published => "Published",
            Stage::RemovalRequested => "Removal requested",
            Stage::Removed => "Removed",
        }
    }
}

/// A stage as the workflow document describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageInfo {
    pub id: Stage,
    pub label_vi: String,
    pub label_en: String,
    pub order: u32,
}

/// Whether a transition needs text from the user, and which kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    None,
    Comment,
    Reason,
}

/// One allowed move between stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionRule {
    pub from: Stage,
    pub to: Stage,
    /// Stable action name: `submit`, `return`, `send_to_review`, `propose`, `approve`,
    /// `publish`, `request_removal`, `approve_removal`, `refuse_removal`.
    pub action: String,
    pub label_vi: String,
    pub label_en: String,
    pub roles: Vec<Role>,
    pub requires: Requirement,
}

/// `GET /api/v1/workflow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    pub stages: Vec<StageInfo>,
    pub transitions: Vec<TransitionRule>,
}

impl Workflow {
    /// The rule for `from → to`, if the workflow has one.
    pub fn rule(&self, from: Stage, to: Stage) -> Option<&TransitionRule> {
        self.transitions
            .iter()
            .find(|t| t.from == from && t.to == to)
    }

    /// Transitions out of `from` that a holder of `roles` may take.
    pub fn allowed_from<'a>(
        &'a self,
        from: Stage,
        roles: &'a [Role],
    ) -> impl Iterator<Item = &'a TransitionRule> + 'a {
        self.transitions
            .iter()
            .filter(move |t| t.from == from && t.roles.iter().any(|r| roles.contains(r)))
    }
}

impl Workflow {
    /// Whether a user (`user_id` holding `roles`) may take `rule` on an article created by
    /// `created_by`: an author (and the Communication Centre, with its fraud warnings) acts on
    /// their own articles only; other roles act on any.
    pub fn may_take(rule: &TransitionRule, created_by: i64, user_id: i64, roles: &[Role]) -> bool {
        rule.roles.iter().any(|r| {
            roles.contains(r)
                && (!matches!(r, Role::Author | Role::CommunicationCentre) || created_by == user_id)
        })
    }

    /// The transitions this user may take on an article in `stage` created by `created_by`, in
    /// the workflow's order. The server refuses every other move with 403 or 409.
    pub fn moves_for<'a>(
        &'a self,
        stage: Stage,
        created_by: i64,
        user_id: i64,
        roles: &'a [Role],
    ) -> impl Iterator<Item = &'a TransitionRule> + 'a {
        self.transitions
            .iter()
            .filter(move |t| t.from == stage && Self::may_take(t, created_by, user_id, roles))
    }
}

impl Workflow {
    /// The moves this user may make on a pending revision standing at `stage`: the article's
    /// own rules from `editing` on (a revision never goes back to the author's draft); its
    /// approval makes it the approved content.
    pub fn revision_moves_for<'a>(
        &'a self,
        stage: Stage,
        created_by: i64,
        user_id: i64,
        roles: &'a [Role],
    ) -> impl Iterator<Item = &'a TransitionRule> + 'a {
        self.moves_for(stage, created_by, user_id, roles)
            .filter(|t| Self::revision_may_reach(t.to))
    }

    /// Whether a revision may move to `to`: every stage of its review, and `approved`.
    pub fn revision_may_reach(to: Stage) -> bool {
        matches!(
            to,
            Stage::Editing | Stage::Review | Stage::PendingApproval | Stage::Approved
        )
    }
}

/// The default workflow of DOMAIN.md (Decision 2474/QĐ-BHXH).
#[rustfmt::skip] // the transitions read best as a table, one per line
pub fn default_workflow() -> Workflow {
    use Requirement as Q;
    use Role::*;
    use Stage::*;
    let t = |from, to, action: &str, vi: &str, en: &str, roles: &[Role], requires| TransitionRule {
        from,
        to,
        action: action.to_string(),
        label_vi: vi.to_string(),
        label_en: en.to_string(),
        roles: roles.to_vec(),
        requires,
    };
    Workflow {
        stages: Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| StageInfo {
                id: *s,
                label_vi: s.label_vi().to_string(),
                label_en: s.label_en().to_string(),
                order: i as u32 + 1,
            })
            .collect(),
        transitions: vec![
            t(Draft, Editing, "submit", "Gửi biên tập", "Submit", &[Author, Editor, CommunicationCentre], Q::None),
            t(Editing, Draft, "return", "Trả lại tác giả", "Return to author", &[Editor], Q::Comment),
            t(Editing, Review, "send_to_review", "Gửi thẩm định", "Send to review", &[Editor], Q::None),
            t(Review, Editing, "return", "Trả lại biên tập", "Return to editor", &[Secretary], Q::Comment),
            t(Review, PendingApproval, "propose", "Trình duyệt", "Propose for approval", &[Secretary], Q::None),
            t(PendingApproval, Review, "return", "Trả lại thư ký", "Return to secretary", &[ChiefEditor], Q::Comment),
            t(PendingApproval, Approved, "approve", "Duyệt đăng", "Approve", &[ChiefEditor], Q::None),
            t(Approved, Published, "publish", "Đăng tin", "Publish", &[Secretary, ChiefEditor], Q::None),
            t(Published, RemovalRequested, "request_removal", "Đề nghị gỡ", "Request removal", &[Editor, Secretary], Q::Reason),
            t(RemovalRequested, Removed, "approve_removal", "Duyệt gỡ", "Approve removal", &[ChiefEditor], Q::Reason),
            t(RemovalRequested, Published, "refuse_removal", "Từ chối gỡ", "Refuse removal", &[ChiefEditor], Q::Comment),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_move_only_their_own_drafts() {
        let w = default_workflow();
        let mine: Vec<_> = w.moves_for(Stage::Draft, 7, 7, &[Role::Author]).collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].to, Stage::Editing);
        assert_eq!(w.moves_for(Stage::Draft, 8, 7, &[Role::Author]).count(), 0);
        assert_eq!(w.moves_for(Stage::Draft, 8, 7, &[Role::Editor]).count(), 1);
        let chief: Vec<Stage> = w
            .moves_for(Stage::PendingApproval, 1, 2, &[Role::ChiefEditor])
            .map(|t| t.to)
            .collect();
        assert_eq!(chief, [Stage::Review, Stage::Approved]);
    }

    #[test]
    fn default_workflow_has_every_stage_in_order() {
        let w = default_workflow();
        let ids: Vec<Stage> = w.stages.iter().map(|s| s.id).collect();
        assert_eq!(ids, Stage::ALL.to_vec());
        assert_eq!(w.stages[0].label_vi, "Bản nháp");
        assert_eq!(w.stages[7].label_vi, "Đã gỡ");
    }

    #[test]
    fn returns_require_comment_and_removal_requires_reason() {
        let w = default_workflow();
        for t in &w.transitions {
            if t.action == "return" {
                assert_eq!(t.requires, Requirement::Comment, "{t:?}");
            }
        }
        let r = w.rule(Stage::Published, Stage::RemovalRequested).unwrap();
        assert_eq!(r.requires, Requirement::Reason);
    }

    #[test]
    fn only_chief_editor_approves() {
        let w = default_workflow();
        let r = w.rule(Stage::PendingApproval, Stage::Approved).unwrap();
        assert_eq!(r.roles, vec![Role::ChiefEditor]);
        assert!(w.rule(Stage::Draft, Stage::Published).is_none());
    }

    #[test]
    fn revisions_follow_the_review_but_never_go_back_to_the_draft() {
        let w = default_workflow();
        let editor: Vec<Stage> = w
            .revision_moves_for(Stage::Editing, 1, 2, &[Role::Editor])
            .map(|t| t.to)
            .collect();
        assert_eq!(editor, [Stage::Review]);
        let chief: Vec<Stage> = w
            .revision_moves_for(Stage::PendingApproval, 1, 2, &[Role::ChiefEditor])
            .map(|t| t.to)
            .collect();
        assert_eq!(chief, [Stage::Review, Stage::Approved]);
        assert!(Stage::Published.edits_make_revision());
        assert!(Stage::Approved.edits_make_revision());
        assert!(!Stage::PendingApproval.edits_make_revision());
        assert!(!Stage::Removed.edits_make_revision());
    }

    #[test]
    fn allowed_from_filters_by_role() {
        let w = default_workflow();
        let author: Vec<_> = w.allowed_from(Stage::Draft, &[Role::Author]).collect();
        assert_eq!(author.len(), 1);
        assert_eq!(author[0].to, Stage::Editing);
        assert_eq!(w.allowed_from(Stage::Review, &[Role::Author]).count(), 0);
        assert_eq!(w.allowed_from(Stage::Review, &[Role::Secretary]).count(), 2);
    }
}
