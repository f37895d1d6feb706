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
pub mod clock;
pub mod components;
pub mod form;
pub mod i18n;
pub mod lazy;
pub mod nav;
pub mod pages;
pub mod perf;
pub mod session;
mod sort;
#[cfg(test)]
mod strings_check;

use components::{provide_toasts, NavigationProgress, Shell, ToastKind, ToastRegion};
use i18n::{provide_i18n, Msg};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use pages::{LoginPage, NotFoundPage};
use session::{Session, SessionState};

/// The login page, the shell and the "not found" page are in the main module; every page behind
/// the login is a chunk of its own (pages that work together share one), downloaded when opened.
pub mod routes {
    crate::lazy::lazy_pages! {
        dashboard { DASHBOARD => DashboardPage },
        workflow { WORKFLOW => WorkflowPage },
        articles { ARTICLES => ArticlesPage },
        article { ARTICLE => ArticlePage, NEW_ARTICLE => NewArticlePage },
        stats { STATS => StatsPage },
        plan { PLAN => PlanPage, PLAN_VERSION => PlanVersionPage },
        spokesperson { SPOKESPERSON => SpokespersonPage },
        admin { ADMIN => AdminPage, AUDIT => AuditPage },
        account { ACCOUNT => AccountPage },
        norms { NORMS => NormsPage },
        quarterly { QUARTERLY => QuarterlyPage },
        fraud {
            FRAUD_REPORTS => FraudReportsPage,
            NEW_FRAUD_REPORT => NewFraudReportPage,
            FRAUD_REPORT => FraudReportPage,
        },
        royalties { ROYALTIES => RoyaltiesPage },
        media { MEDIA => MediaPage },
        banners { BANNERS => BannersPage },
        info { REQUIRED_INFO => RequiredInfoPage },
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
    // True while the router gets the next page ready (downloads its chunk, in the release build).
    let routing = RwSignal::new(false);

    view! {
        <Router set_is_routing=routing>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=DASHBOARD/>
                    <Route path=path!("workflow") view=WORKFLOW/>
                    <Route path=path!("articles") view=ARTICLES/>
                    <Route path=path!("articles/new") view=NEW_ARTICLE/>
                    <Route path=path!("articles/:id") view=ARTICLE/>
                    <Route path=path!("stats") view=STATS/>
                    <Route path=path!("plan") view=PLAN/>
                    <Route path=path!("plan/:id") view=PLAN_VERSION/>
                    <Route path=path!("spokesperson") view=SPOKESPERSON/>
                    <Route path=path!("admin") view=ADMIN/>
                    <Route path=path!("admin/audit") view=AUDIT/>
                    <Route path=path!("account") view=ACCOUNT/>
                    <Route path=path!("norms") view=NORMS/>
                    <Route path=path!("quarterly") view=QUARTERLY/>
                    // Fraud reports (Official Dispatch 1466).
                    <Route path=path!("fraud-reports") view=FRAUD_REPORTS/>
                    <Route path=path!("fraud-reports/new") view=NEW_FRAUD_REPORT/>
                    <Route path=path!("fraud-reports/:id") view=FRAUD_REPORT/>
                    <Route path=path!("royalties") view=ROYALTIES/>
                    <Route path=path!("media") view=MEDIA/>
                    <Route path=path!("banners") view=BANNERS/>
                    // Required information.
                    <Route path=path!("info") view=REQUIRED_INFO/>
                    <Route path=path!("info/:section") view=REQUIRED_INFO/>
                    <Route path=path!("*any") view=NotFoundPage/>
                </ParentRoute>
            </Routes>
        </Router>
        <NavigationProgress active=routing/>
        <ToastRegion/>
    }
}
