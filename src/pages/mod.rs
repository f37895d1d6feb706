//! One module per route.

mod admin;
mod article;
mod articles;
pub mod board;
mod coming_soon;
mod dashboard;
mod editor;
pub mod editor_logic;
mod editor_panels;
mod guard;
mod login;
mod not_found;
mod workflow;

pub use admin::AdminPage;
pub use article::{days_since, history_action_label, paragraphs, ArticlePage};
pub use articles::ArticlesPage;
pub use coming_soon::{PlanPage, SpokespersonPage, StatsPage};
pub use dashboard::DashboardPage;
pub use editor::{css_id, ArticleEditor, NewArticlePage};
pub use editor_panels::BodyView;
pub use guard::{use_page_title, RequirePermission};
pub use login::{login_error_message, LoginPage};
pub use not_found::NotFoundPage;
pub use workflow::{card_face, BoardCardFace, WorkflowPage, CARD_WINDOW};
