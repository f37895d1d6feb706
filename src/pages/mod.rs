//! The pages, one folder per feature.

pub mod admin;
pub mod articles;
pub mod dashboard;
pub mod duties;
pub mod fraud;
mod guard;
pub mod media;
mod not_found;
pub mod plans;
pub mod required_info;
pub mod royalties;
pub mod session;
pub mod spokesperson;
pub mod stats;
pub mod workflow;
pub use admin::account::AccountPage;
pub use admin::audit::AuditPage;
pub use admin::sessions::SessionsSection;
pub use admin::tabs::AdminTabs;
pub use admin::users::AdminPage;
pub use articles::body_view::BodyView;
pub use articles::editor::ArticleEditor;
pub use articles::list::ArticlesPage;
pub use articles::new::NewArticlePage;
pub use articles::view::ArticlePage;
pub use dashboard::page::DashboardPage;
pub use duties::my_work::{MyWorkBody, MyWorkCard, PlanYearCard, QuarterlyCard, SpokespersonCard};
pub use duties::norms::{NormSettingsForm, NormYearTable, NormsPage};
pub use duties::quarterly::{QuarterView, QuarterlyPage, SubmissionTable};
pub use fraud::badge::FraudStateBadge;
pub use fraud::detail::FraudReportPage;
pub use fraud::list::{fraud_list_href, FraudReportsPage};
pub use fraud::new::NewFraudReportPage;
pub use fraud::tile::FraudReportsCard;
pub use guard::{use_page_title, RequirePermission};
pub use media::library::MediaPage;
pub use not_found::NotFoundPage;
pub use plans::badge::PlanStateBadge;
pub use plans::changes::PlanChangesTable;
pub use plans::decision::DecisionPanel;
pub use plans::document::{agency_name, is_approved, place_date_line, PlanDocument};
pub use plans::editor::{total_of, PlanEditor, PlanForm, PlanMonthTable};
pub use plans::history::PlanHistory;
pub use plans::list::PlanPage;
pub use plans::tile::PlansAwaitingCard;
pub use plans::version::PlanVersionPage;
pub use required_info::page::{InfoStaleTile, RequiredInfoPage};
pub use royalties::article_panel::ArticleRoyaltyPanel;
pub use royalties::sheet::RoyaltiesPage;
pub use royalties::tile::RoyaltyOverdueCard;
pub use session::login::{login_error_message, LoginPage};
pub use spokesperson::page::{
    visible_errors, SpokespersonForm, SpokespersonFormState, SpokespersonPage,
    SpokespersonStaleCard,
};
pub use stats::page::{StatsPage, StatsTeaser};
pub use workflow::board::{card_face, BoardCardFace, WorkflowPage, CARD_WINDOW};
