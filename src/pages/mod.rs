//! One module per route.

mod admin;
mod article;
mod articles;
pub mod board;
mod dashboard;
mod editor;
pub mod editor_logic;
mod editor_panels;
mod guard;
mod login;
mod not_found;
mod plan;
mod plan_document;
mod plan_editor;
pub mod plan_html;
pub mod plan_logic;
pub mod royalties;
mod spokesperson;
mod stats;
pub mod stats_logic;
mod workflow;
// ── duties: my work, norms, quarterly model articles ──
pub mod duties;
pub mod norms;
pub mod quarterly;
// Fraud reports (Official Dispatch 1466).
mod fraud;
pub mod fraud_logic;
// Required information (issue #6).
pub mod info;
// Security (issue #7): live sessions and the audit log viewer.
pub mod security;

pub use admin::AdminPage;
pub use article::{days_since, history_action_label, paragraphs, ArticlePage};
pub use articles::ArticlesPage;
pub use dashboard::DashboardPage;
pub use editor::{css_id, ArticleEditor, NewArticlePage};
pub use editor_panels::BodyView;
pub use guard::{use_page_title, RequirePermission};
pub use login::{login_error_message, LoginPage};
pub use not_found::NotFoundPage;
pub use plan::{
    DecisionPanel, PlanChangesTable, PlanHistory, PlanPage, PlanStateBadge, PlanVersionPage,
    PlansAwaitingCard,
};
pub use plan_document::{agency_name, is_approved, place_date_line, PlanDocument};
pub use plan_editor::{total_of, FieldMessages, PlanEditor, PlanForm, PlanMonthTable};
pub use royalties::{ArticleRoyaltyPanel, RoyaltiesPage, RoyaltyOverdueCard};
pub use spokesperson::{
    visible_errors, SpokespersonForm, SpokespersonFormState, SpokespersonPage,
    SpokespersonStaleCard,
};
pub use stats::{StatsPage, StatsTeaser};
pub use workflow::{card_face, BoardCardFace, WorkflowPage, CARD_WINDOW};
// ── duties ──
pub use duties::{MyWorkBody, MyWorkCard, PlanYearCard, QuarterlyCard, SpokespersonCard};
pub use norms::{NormSettingsForm, NormYearTable, NormsPage};
pub use quarterly::{QuarterView, QuarterlyPage, SubmissionTable};
// Fraud reports (Official Dispatch 1466).
pub use fraud::{
    fraud_list_href, FraudReportPage, FraudReportsCard, FraudReportsPage, FraudStateBadge,
    NewFraudReportPage,
};
// Required information (issue #6).
pub use info::{InfoStaleTile, RequiredInfoPage};
pub use security::{AccountPage, AdminTabs, AuditPage, SessionsSection};

/// Stable insertion sort by key, for the short lists of the pages (stages, moves, versions
/// that come nearly sorted). Each `sort_by_key` of the standard library compiles a whole
/// driftsort (≈ 3.5 KB of wasm) per element type; this is a few hundred bytes. Quadratic:
/// not for the board's cards.
pub(crate) fn sort_small_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}
