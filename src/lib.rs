//! `portal-admin`: the single-page admin app of the provincial Social Insurance e-Portal's
//! Editorial Board (Leptos, client-side rendered).
//!
//! - [`api`] — the only code that talks HTTP to the backend;
//! - [`pages`] — one module per route; [`components`] — reusable pieces;
//! - [`i18n`] — every visible string (Vietnamese, English);
//! - [`nav`], [`session`] — where the user may go, and who they are;
//! - [`perf`] — the timings the benchmarks read;
//! - [`lazy`] — pages whose code downloads when they are first opened.

pub mod api;
pub mod components;
pub mod i18n;
pub mod lazy;
pub mod nav;
pub mod pages;
pub mod perf;
pub mod session;

use components::{provide_toasts, Shell, ToastKind, ToastRegion};
use i18n::{provide_i18n, Msg};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy};
use pages::{LoginPage, NotFoundPage};
use session::{Session, SessionState};

/// The login page, the shell and the "not found" page are in the main module; every page behind
/// the login is a chunk of its own (pages that work together share one), downloaded when opened.
pub mod routes {
    crate::lazy::lazy_pages! {
        dashboard { DashboardRoute => DashboardPage },
        workflow { WorkflowRoute => WorkflowPage },
        articles { ArticlesRoute => ArticlesPage },
        article { ArticleRoute => ArticlePage, NewArticleRoute => NewArticlePage },
        stats { StatsRoute => StatsPage },
        plan { PlanRoute => PlanPage, PlanVersionRoute => PlanVersionPage },
        spokesperson { SpokespersonRoute => SpokespersonPage },
        admin { AdminRoute => AdminPage, AuditRoute => AuditPage },
        account { AccountRoute => AccountPage },
        norms { NormsRoute => NormsPage },
        quarterly { QuarterlyRoute => QuarterlyPage },
        fraud {
            FraudReportsRoute => FraudReportsPage,
            NewFraudReportRoute => NewFraudReportPage,
            FraudReportRoute => FraudReportPage,
        },
        royalties { RoyaltiesRoute => RoyaltiesPage },
        info { RequiredInfoRoute => RequiredInfoPage },
    }
}

use routes::*;

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
                    <Route path=path!("") view={Lazy::<DashboardRoute>::new()}/>
                    <Route path=path!("workflow") view={Lazy::<WorkflowRoute>::new()}/>
                    <Route path=path!("articles") view={Lazy::<ArticlesRoute>::new()}/>
                    <Route path=path!("articles/new") view={Lazy::<NewArticleRoute>::new()}/>
                    <Route path=path!("articles/:id") view={Lazy::<ArticleRoute>::new()}/>
                    <Route path=path!("stats") view={Lazy::<StatsRoute>::new()}/>
                    <Route path=path!("plan") view={Lazy::<PlanRoute>::new()}/>
                    <Route path=path!("plan/:id") view={Lazy::<PlanVersionRoute>::new()}/>
                    <Route path=path!("spokesperson") view={Lazy::<SpokespersonRoute>::new()}/>
                    <Route path=path!("admin") view={Lazy::<AdminRoute>::new()}/>
                    <Route path=path!("admin/audit") view={Lazy::<AuditRoute>::new()}/>
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()}/>
                    <Route path=path!("norms") view={Lazy::<NormsRoute>::new()}/>
                    <Route path=path!("quarterly") view={Lazy::<QuarterlyRoute>::new()}/>
                    // Fraud reports (Official Dispatch 1466).
                    <Route path=path!("fraud-reports") view={Lazy::<FraudReportsRoute>::new()}/>
                    <Route path=path!("fraud-reports/new") view={Lazy::<NewFraudReportRoute>::new()}/>
                    <Route path=path!("fraud-reports/:id") view={Lazy::<FraudReportRoute>::new()}/>
                    <Route path=path!("royalties") view={Lazy::<RoyaltiesRoute>::new()}/>
                    // Required information (issue #6).
                    <Route path=path!("info") view={Lazy::<RequiredInfoRoute>::new()}/>
                    <Route path=path!("info/:section") view={Lazy::<RequiredInfoRoute>::new()}/>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
        <ToastRegion/>
    }
}
