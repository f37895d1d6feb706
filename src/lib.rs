//! `portal-admin`: the single-page admin app of the provincial Social Insurance e-Portal's
//! Editorial Board (Leptos, client-side rendered).
//!
//! - [`api`] — the only code that talks HTTP to the backend;
//! - [`pages`] — one module per route; [`components`] — reusable pieces;
//! - [`i18n`] — every visible string (Vietnamese, English);
//! - [`nav`], [`session`] — where the user may go, and who they are;
//! - [`perf`] — the timings the benchmarks read.

pub mod api;
pub mod components;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod perf;
pub mod session;

use components::{provide_toasts, Shell, ToastKind, ToastRegion};
use i18n::{provide_i18n, Msg};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use pages::{
    AdminPage, ArticlePage, ArticlesPage, DashboardPage, LoginPage, NewArticlePage, NormsPage,
    NotFoundPage, PlanPage, PlanVersionPage, QuarterlyPage, SpokespersonPage, StatsPage,
    WorkflowPage,
};
use session::{Session, SessionState};

/// The whole app: contexts (language, notices, session), the routes, the notice region.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let toasts = provide_toasts();
    let session = Session::new(SessionState::Checking);
    provide_context(session);

    // A 401 after start-up: the session expired. The shell then sends the user to the login
    // page, which brings them back here afterwards.
    api::on_unauthenticated(move || {
        if session.state.get_untracked() != SessionState::Anonymous {
            if session.is_active_untracked() {
                toasts.push(ToastKind::Info, i18n.t_untracked(Msg::SessionExpired));
            }
            session.state.set(SessionState::Anonymous);
        }
    });
    session.check();

    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=DashboardPage/>
                    <Route path=path!("workflow") view=WorkflowPage/>
                    <Route path=path!("articles") view=ArticlesPage/>
                    <Route path=path!("articles/new") view=NewArticlePage/>
                    <Route path=path!("articles/:id") view=ArticlePage/>
                    <Route path=path!("stats") view=StatsPage/>
                    <Route path=path!("plan") view=PlanPage/>
                    <Route path=path!("plan/:id") view=PlanVersionPage/>
                    <Route path=path!("spokesperson") view=SpokespersonPage/>
                    <Route path=path!("admin") view=AdminPage/>
                    <Route path=path!("admin/audit") view=pages::AuditPage/>
                    <Route path=path!("account") view=pages::AccountPage/>
                    <Route path=path!("norms") view=NormsPage/>
                    <Route path=path!("quarterly") view=QuarterlyPage/>
                    // Fraud reports (Official Dispatch 1466).
                    <Route path=path!("fraud-reports") view=pages::FraudReportsPage/>
                    <Route path=path!("fraud-reports/new") view=pages::NewFraudReportPage/>
                    <Route path=path!("fraud-reports/:id") view=pages::FraudReportPage/>
                    <Route path=path!("royalties") view=pages::RoyaltiesPage/>
                    // Required information (issue #6).
                    <Route path=path!("info") view=pages::RequiredInfoPage/>
                    <Route path=path!("info/:section") view=pages::RequiredInfoPage/>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
        <ToastRegion/>
    }
}
