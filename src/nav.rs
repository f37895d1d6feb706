//! Where the app can go: the side navigation's entries and the login page's `next`.

use crate::api::query::encode_component;
use crate::i18n::Msg;
use portal_contract::Permission;

/// An entry of the side navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    /// Stable name, rendered as `data-nav` for tests.
    pub key: &'static str,
    pub path: &'static str,
    pub label: Msg,
    /// Any of these permissions shows the entry (the administrator reaches the settings of
    /// a page the board works in).
    pub permissions: &'static [Permission],
}

/// Every entry, in menu order.
pub const NAV_ENTRIES: [NavEntry; 14] = [
    NavEntry {
        key: "dashboard",
        path: "/",
        label: Msg::NavDashboard,
        permissions: &[Permission::DashboardView],
    },
    NavEntry {
        key: "workflow",
        path: "/workflow",
        label: Msg::NavWorkflow,
        permissions: &[Permission::WorkflowView],
    },
    NavEntry {
        key: "articles",
        path: "/articles",
        label: Msg::NavArticles,
        permissions: &[Permission::ArticlesRead],
    },
    NavEntry {
        key: "stats",
        path: "/stats",
        label: Msg::NavStats,
        permissions: &[Permission::StatsView],
    },
    NavEntry {
        key: "plan",
        path: "/plan",
        label: Msg::NavPlan,
        permissions: &[Permission::PlanView],
    },
    NavEntry {
        key: "spokesperson",
        path: "/spokesperson",
        label: Msg::NavSpokesperson,
        permissions: &[Permission::SpokespersonView],
    },
    // Required information.
    NavEntry {
        key: "info",
        path: "/info",
        label: Msg::NavInfo,
        permissions: &[Permission::InfoView],
    },
    NavEntry {
        key: "norms",
        path: "/norms",
        label: Msg::NavNorms,
        permissions: &[Permission::ArticlesReadAll, Permission::NormsManage],
    },
    NavEntry {
        key: "quarterly",
        path: "/quarterly",
        label: Msg::NavQuarterly,
        permissions: &[Permission::ArticlesReadAll],
    },
    // Fraud reports (Official Dispatch 1466).
    NavEntry {
        key: "fraud",
        path: "/fraud-reports",
        label: Msg::NavFraud,
        permissions: &[Permission::FraudRead],
    },
    NavEntry {
        key: "media",
        path: "/media",
        label: Msg::NavMedia,
        permissions: &[Permission::MediaRead],
    },
    NavEntry {
        key: "banners",
        path: "/banners",
        label: Msg::NavBanners,
        permissions: &[Permission::BannersRead],
    },
    NavEntry {
        key: "royalties",
        path: "/royalties",
        label: Msg::NavRoyalties,
        permissions: &[Permission::RoyaltiesView, Permission::RoyaltiesSettings],
    },
    NavEntry {
        key: "admin",
        path: "/admin",
        label: Msg::NavAdmin,
        permissions: &[Permission::UsersManage],
    },
];

/// The entries a holder of `permissions` may open.
pub fn visible_entries(permissions: &[Permission]) -> Vec<NavEntry> {
    NAV_ENTRIES
        .into_iter()
        .filter(|e| e.permissions.iter().any(|p| permissions.contains(p)))
        .collect()
}

/// Whether the entry at `entry_path` is the current page (a section stays current on its
/// sub-pages: `/articles/42` keeps "Bài viết" marked).
pub fn is_current(entry_path: &str, current_path: &str) -> bool {
    if entry_path == "/" {
        current_path == "/" || current_path.is_empty()
    } else {
        current_path == entry_path
            || current_path
                .strip_prefix(entry_path)
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

/// Where to go after logging in: `next` when it is a path of this app, else the dashboard.
/// Refuses anything that could leave the app (`//host`, `/\host`, `https:`), control
/// characters, and the login page itself.
pub fn safe_next(next: Option<&str>) -> String {
    let fallback = "/".to_string();
    let Some(next) = next.map(str::trim) else {
        return fallback;
    };
    let leaves_app = !next.starts_with('/')
        || next.starts_with("//")
        || next.starts_with("/\\")
        || next.chars().any(|c| c.is_control() || c == '\\');
    let path = next.split(['?', '#']).next().unwrap_or("");
    if leaves_app || path == "/login" || path.starts_with("/login/") {
        fallback
    } else {
        next.to_string()
    }
}

/// `/login?next=<path>`, or plain `/login` when `current` is the dashboard or the login page.
pub fn login_path_with_next(current: &str) -> String {
    let next = safe_next(Some(current));
    if next == "/" {
        "/login".to_string()
    } else {
        format!("/login?next={}", encode_component(&next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::{permissions_for, Role};

    fn keys(roles: &[Role]) -> Vec<&'static str> {
        visible_entries(&permissions_for(roles))
            .iter()
            .map(|e| e.key)
            .collect()
    }

    #[test]
    fn navigation_follows_permissions() {
        assert_eq!(
            keys(&[Role::Author]),
            ["dashboard", "workflow", "articles", "media"]
        );
        assert_eq!(
            keys(&[Role::Admin]),
            ["dashboard", "stats", "info", "norms", "royalties", "admin"]
        );
        let board = [
            "dashboard",
            "workflow",
            "articles",
            "stats",
            "plan",
            "spokesperson",
            "info",
            "norms",
            "quarterly",
        ];
        assert_eq!(
            keys(&[Role::Editor]),
            [&board[..], &["media", "banners", "royalties"]].concat()
        );
        for role in [Role::Secretary, Role::ChiefEditor, Role::Director] {
            assert_eq!(
                keys(&[role]),
                [&board[..], &["fraud", "media", "banners", "royalties"]].concat(),
                "{role:?}"
            );
        }
        assert_eq!(keys(&[Role::LocalOffice]), ["dashboard", "fraud"]);
        assert_eq!(keys(&[Role::ItCentre]), ["dashboard", "fraud"]);
        assert_eq!(
            keys(&[Role::CommunicationCentre]),
            ["dashboard", "workflow", "articles", "fraud"]
        );
        assert_eq!(keys(&[]), Vec::<&str>::new());
        assert_eq!(keys(&[Role::Editor, Role::Admin]).len(), 13);
    }

    #[test]
    fn next_accepts_only_paths_of_this_app() {
        assert_eq!(
            safe_next(Some("/articles?stage=draft&page=2")),
            "/articles?stage=draft&page=2"
        );
        assert_eq!(safe_next(Some("/articles/42")), "/articles/42");
        for bad in [
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "articles",
            "",
            "/login",
            "/login?next=/admin",
            "/ok\n/x",
            "/a\\b",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn login_link_carries_the_current_page() {
        assert_eq!(
            login_path_with_next("/articles?stage=draft&q=tết"),
            "/login?next=%2Farticles%3Fstage%3Ddraft%26q%3Dt%E1%BA%BFt"
        );
        assert_eq!(login_path_with_next("/"), "/login");
        assert_eq!(login_path_with_next("/login?next=/x"), "/login");
        assert_eq!(login_path_with_next("//evil"), "/login");
    }

    #[test]
    fn current_entry_covers_sub_pages() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/articles"));
        assert!(is_current("/articles", "/articles"));
        assert!(is_current("/articles", "/articles/42"));
        assert!(!is_current("/articles", "/articlesx"));
    }
}
