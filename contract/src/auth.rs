//! Users, roles, permissions and the session.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A role of the editorial board's admin. A user may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Author,
    Editor,
    Secretary,
    ChiefEditor,
    Director,
    Admin,
    // Network information security (Official Dispatch 1466): who files fraud reports, who
    // verifies them, who communicates the warning.
    LocalOffice,
    ItCentre,
    CommunicationCentre,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Author,
        Role::Editor,
        Role::Secretary,
        Role::ChiefEditor,
        Role::Director,
        Role::Admin,
        Role::LocalOffice,
        Role::ItCentre,
        Role::CommunicationCentre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Editor => "editor",
            Role::Secretary => "secretary",
            Role::ChiefEditor => "chief_editor",
            Role::Director => "director",
            Role::Admin => "admin",
            Role::LocalOffice => "local_office",
            Role::ItCentre => "it_centre",
            Role::CommunicationCentre => "communication_centre",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Author => "Tác giả / Cộng tác viên",
            Role::Editor => "Biên tập viên",
            Role::Secretary => "Thư ký Ban Biên tập",
            Role::ChiefEditor => "Trưởng Ban Biên tập",
            Role::Director => "Giám đốc",
            Role::Admin => "Quản trị hệ thống",
            Role::LocalOffice => "Cán bộ BHXH cơ sở",
            Role::ItCentre => "Trung tâm Công nghệ thông tin",
            Role::CommunicationCentre => "Trung tâm Truyền thông",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Author => "Author / Contributor",
            Role::Editor => "Editor",
            Role::Secretary => "Board secretary",
            Role::ChiefEditor => "Chief editor",
            Role::Director => "Director",
            Role::Admin => "System administrator",
            Role::LocalOffice => "Local office officer",
            Role::ItCentre => "IT Centre",
            Role::CommunicationCentre => "Communication Centre",
        }
    }
}

/// What a session may do. The server enforces these; the SPA reads them from
/// `GET /api/v1/session` only to hide what would be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    /// See the dashboard.
    #[serde(rename = "dashboard.view")]
    DashboardView,
    /// Read articles (authors: their own only).
    #[serde(rename = "articles.read")]
    ArticlesRead,
    /// Read every article, not only one's own.
    #[serde(rename = "articles.read_all")]
    ArticlesReadAll,
    /// Create drafts.
    #[serde(rename = "articles.create")]
    ArticlesCreate,
    /// Edit any article that is not removed (authors edit their own drafts without this).
    #[serde(rename = "articles.edit")]
    ArticlesEdit,
    /// Use the workflow board.
    #[serde(rename = "workflow.view")]
    WorkflowView,
    /// Read visitor statistics.
    #[serde(rename = "stats.view")]
    StatsView,
    /// Read the annual operation plan.
    #[serde(rename = "plan.view")]
    PlanView,
    /// Draft and submit the annual operation plan.
    #[serde(rename = "plan.edit")]
    PlanEdit,
    /// Approve or return the annual operation plan.
    #[serde(rename = "plan.decide")]
    PlanDecide,
    /// Read the spokesperson page.
    #[serde(rename = "spokesperson.view")]
    SpokespersonView,
    /// Update the spokesperson's details.
    #[serde(rename = "spokesperson.edit")]
    SpokespersonEdit,
    /// Manage users and roles.
    #[serde(rename = "users.manage")]
    UsersManage,
    /// Read the audit log.
    #[serde(rename = "audit.read")]
    AuditRead,
    /// Set the monthly norms of a year.
    #[serde(rename = "norms.manage")]
    NormsManage,
    /// Record a quarterly submission of model articles to the VSS portal board.
    #[serde(rename = "quarterly.record")]
    QuarterlyRecord,
    /// Open the fraud reports (local offices: their own only).
    #[serde(rename = "fraud.read")]
    FraudRead,
    /// Read every fraud report, not only one's own.
    #[serde(rename = "fraud.read_all")]
    FraudReadAll,
    /// File a fraud report.
    #[serde(rename = "fraud.create")]
    FraudCreate,
    /// Verify a new fraud report (new → verified).
    #[serde(rename = "fraud.verify")]
    FraudVerify,
    /// Communicate a verified report: write the warning article, mark it communicated.
    #[serde(rename = "fraud.communicate")]
    FraudCommunicate,
    /// Read royalties: the monthly sheet, an article's royalty, the overdue alert.
    #[serde(rename = "royalties.view")]
    RoyaltiesView,
    /// Choose an article's coefficient and its remuneration entries (the chief editor).
    #[serde(rename = "royalties.assess")]
    RoyaltiesAssess,
    /// Record that an article's royalty and remuneration were paid (the secretary).
    #[serde(rename = "royalties.pay")]
    RoyaltiesPay,
    /// Change the coefficient table and the unit values.
    #[serde(rename = "royalties.settings")]
    RoyaltiesSettings,
    /// Read the required information pages (org structure, links, training).
    #[serde(rename = "info.view")]
    InfoView,
    /// Edit the required information pages and run the link checker.
    #[serde(rename = "info.edit")]
    InfoEdit,
    /// Set after how many days those pages count as stale.
    #[serde(rename = "info.settings")]
    InfoSettings,
    /// Open the media library (list, search, read items).
    #[serde(rename = "media.read")]
    MediaRead,
    /// Upload to the library; change and delete one's own items.
    #[serde(rename = "media.upload")]
    MediaUpload,
    /// Change, replace and delete anyone's items.
    #[serde(rename = "media.edit_any")]
    MediaEditAny,
    /// Read the banners of the public portal.
    #[serde(rename = "banners.read")]
    BannersRead,
    /// Add, change and delete banners.
    #[serde(rename = "banners.manage")]
    BannersManage,
}

impl Permission {
    pub const ALL: [Permission; 33] = [
        Permission::DashboardView,
        Permission::ArticlesRead,
        Permission::ArticlesReadAll,
        Permission::ArticlesCreate,
        Permission::ArticlesEdit,
        Permission::WorkflowView,
        Permission::StatsView,
        Permission::PlanView,
        Permission::PlanEdit,
        Permission::PlanDecide,
        Permission::SpokespersonView,
        Permission::SpokespersonEdit,
        Permission::UsersManage,
        Permission::AuditRead,
        Permission::NormsManage,
        Permission::QuarterlyRecord,
        Permission::FraudRead,
        Permission::FraudReadAll,
        Permission::FraudCreate,
        Permission::FraudVerify,
        Permission::FraudCommunicate,
        Permission::RoyaltiesView,
        Permission::RoyaltiesAssess,
        Permission::RoyaltiesPay,
        Permission::RoyaltiesSettings,
        Permission::InfoView,
        Permission::InfoEdit,
        Permission::InfoSettings,
        Permission::MediaRead,
        Permission::MediaUpload,
        Permission::MediaEditAny,
        Permission::BannersRead,
        Permission::BannersManage,
    ];
}

/// The permissions one role grants (the defaults of DOMAIN.md).
pub fn role_permissions(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Author => &[
            DashboardView,
            ArticlesRead,
            ArticlesCreate,
            WorkflowView,
            MediaRead,
            MediaUpload,
        ],
        Role::Editor => &[
            DashboardView,
            ArticlesRead,
            ArticlesReadAll,
            ArticlesCreate,
            ArticlesEdit,
            WorkflowView,
            StatsView,
            PlanView,
            PlanEdit,
            SpokespersonView,
            QuarterlyRecord,
            RoyaltiesView,
            InfoView,
            MediaRead,
            MediaUpload,
            MediaEditAny,
            BannersRead,
            BannersManage,
        ],
        Role::Secretary => &[
            DashboardView,
            ArticlesRead,
            ArticlesReadAll,
            ArticlesCreate,
            ArticlesEdit,
            WorkflowView,
            StatsView,
            PlanView,
            PlanEdit,
            SpokespersonView,
            SpokespersonEdit,
            QuarterlyRecord,
            FraudRead,
            FraudReadAll,
            RoyaltiesView,
            RoyaltiesPay,
            InfoView,
            InfoEdit,
            MediaRead,
            MediaUpload,
            MediaEditAny,
            BannersRead,
            BannersManage,
        ],
        Role::ChiefEditor => &[
            DashboardView,
            ArticlesRead,
            ArticlesReadAll,
            ArticlesCreate,
            ArticlesEdit,
            WorkflowView,
            StatsView,
            PlanView,
            PlanEdit,
            SpokespersonView,
            SpokespersonEdit,
            NormsManage,
            QuarterlyRecord,
            FraudRead,
            FraudReadAll,
            RoyaltiesView,
            RoyaltiesAssess,
            RoyaltiesSettings,
            InfoView,
            InfoEdit,
            MediaRead,
            MediaUpload,
            MediaEditAny,
            BannersRead,
            BannersManage,
        ],
        Role::Director => &[
            DashboardView,
            ArticlesRead,
            ArticlesReadAll,
            WorkflowView,
            StatsView,
            PlanView,
            PlanDecide,
            SpokespersonView,
            FraudRead,
            FraudReadAll,
            RoyaltiesView,
            InfoView,
            MediaRead,
            BannersRead,
        ],
        Role::Admin => &[
            DashboardView,
            StatsView,
            UsersManage,
            AuditRead,
            NormsManage,
            RoyaltiesSettings,
            InfoView,
            InfoEdit,
            InfoSettings,
        ],
        Role::LocalOffice => &[DashboardView, FraudRead, FraudCreate],
        Role::ItCentre => &[
            DashboardView,
            FraudRead,
            FraudReadAll,
            FraudCreate,
            FraudVerify,
        ],
        Role::CommunicationCentre => &[
            DashboardView,
            ArticlesRead,
            ArticlesCreate,
            WorkflowView,
            FraudRead,
            FraudReadAll,
            FraudCommunicate,
        ],
    }
}

/// The union of the permissions of `roles`, sorted and without duplicates.
pub fn permissions_for(roles: &[Role]) -> Vec<Permission> {
    let mut out: Vec<Permission> = roles
        .iter()
        .flat_map(|r| role_permissions(*r).iter().copied())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A user account as the API shows it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Minutes a re-authentication (`POST /session/reauthenticate`) stays valid for changing roles
/// or another user's password.
pub const REAUTH_MINUTES: i64 = 5;

/// `POST /session/reauthenticate`: the signed-in user's password, typed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reauthentication {
    pub password: String,
}

/// Longest username a login may carry; longer is refused before any password is checked.
pub const MAX_LOGIN_USERNAME: usize = 64;
/// Longest password a login may carry (and a new password may have).
pub const MAX_LOGIN_PASSWORD: usize = 256;

/// `PUT /api/v1/session/password`: any signed-in user changes their own password. Every other
/// session of the user ends; the one that made the change stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `GET /api/v1/session` and the answer to a successful login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: User,
    pub permissions: Vec<Permission>,
    /// When the session ends if the user stays idle.
    pub idle_expires_at: DateTime<Utc>,
    /// When the session ends whatever the user does.
    pub absolute_expires_at: DateTime<Utc>,
}

impl SessionInfo {
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }
}

/// `POST /api/v1/users` (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub password: String,
}

/// `PATCH /api/v1/users/{id}` (admin): only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// Roles that write, edit, approve or publish content, or approve the board's plan.
pub fn is_editorial(role: Role) -> bool {
    matches!(
        role,
        Role::Author
            | Role::Editor
            | Role::Secretary
            | Role::ChiefEditor
            | Role::Director
            | Role::CommunicationCentre
    )
}

/// Separation of duties: whoever administers accounts holds no editorial role, so that no one
/// can give themselves the power to approve and publish. A server may allow it by a setting
/// (off by default).
pub fn admin_with_editorial(roles: &[Role]) -> bool {
    roles.contains(&Role::Admin) && roles.iter().any(|r| is_editorial(*r))
}

/// Shortest new password (OWASP ASVS 5.0, level 2).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Rules for a new password: 12–256 characters, any of them (a sentence is a good password);
/// no rules of composition, as ASVS asks. The server also refuses common passwords.
pub fn password_is_acceptable(p: &str) -> bool {
    let n = p.chars().count();
    (MIN_PASSWORD_CHARS..=MAX_LOGIN_PASSWORD).contains(&n) && !p.trim().is_empty()
}

/// Usernames: 3–64 of `a-z 0-9 . _ -`, starting with a letter.
pub fn username_is_acceptable(u: &str) -> bool {
    let len = u.len();
    (3..=64).contains(&len)
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_has_no_editorial_power() {
        let p = permissions_for(&[Role::Admin]);
        assert!(p.contains(&Permission::UsersManage));
        assert!(!p.contains(&Permission::ArticlesRead));
        assert!(!p.contains(&Permission::ArticlesEdit));
    }

    #[test]
    fn permissions_of_several_roles_are_a_sorted_union() {
        let p = permissions_for(&[Role::Author, Role::Director, Role::Author]);
        assert!(p.contains(&Permission::ArticlesCreate));
        assert!(p.contains(&Permission::PlanDecide));
        let mut sorted = p.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(p, sorted);
    }

    #[test]
    fn only_director_decides_the_plan() {
        for r in Role::ALL {
            assert_eq!(
                role_permissions(r).contains(&Permission::PlanDecide),
                r == Role::Director,
                "{r:?}"
            );
        }
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn fraud_reports_are_routed_to_the_it_and_communication_centres() {
        for r in Role::ALL {
            let p = role_permissions(r);
            assert_eq!(
                p.contains(&Permission::FraudVerify),
                r == Role::ItCentre,
                "{r:?}"
            );
            assert_eq!(
                p.contains(&Permission::FraudCommunicate),
                r == Role::CommunicationCentre,
                "{r:?}"
            );
            // Whoever may see a report may open the page.
            if p.contains(&Permission::FraudReadAll) || p.contains(&Permission::FraudCreate) {
                assert!(p.contains(&Permission::FraudRead), "{r:?}");
            }
        }
        let local = permissions_for(&[Role::LocalOffice]);
        assert!(local.contains(&Permission::FraudCreate));
        assert!(!local.contains(&Permission::FraudReadAll));
        assert!(!local.contains(&Permission::ArticlesRead));
        // The warning article is written through the normal article path.
        let comms = permissions_for(&[Role::CommunicationCentre]);
        assert!(comms.contains(&Permission::ArticlesCreate));
        assert!(!permissions_for(&[Role::Admin]).contains(&Permission::FraudRead));
    }

    #[test]
    fn permission_serialises_with_dotted_name() {
        let json = serde_json::to_string(&Permission::UsersManage).unwrap();
        assert_eq!(json, "\"users.manage\"");
    }

    #[test]
    fn password_and_username_rules() {
        assert!(password_is_acceptable("bảo hiểm xã hội"));
        assert!(password_is_acceptable("MatKhauMoi2026"));
        assert!(
            !password_is_acceptable("Demo@2026"),
            "nine characters are too few"
        );
        assert!(!password_is_acceptable(&" ".repeat(12)));
        assert!(!password_is_acceptable(&"a".repeat(257)));
        assert!(username_is_acceptable("chief"));
        assert!(username_is_acceptable("nguyen.van-a_2"));
        assert!(!username_is_acceptable("Chief"));
        assert!(!username_is_acceptable("ab"));
        assert!(!username_is_acceptable("1abc"));
        assert!(!username_is_acceptable("a<script>"));
    }
}

/// One line of the append-only audit log (`GET /api/v1/audit`, admin). Holds no password,
/// token or IP address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The acting user, when known (a failed login has none).
    pub actor_id: Option<i64>,
    /// Username of the actor or, for a failed login, the name that was tried.
    pub actor_name: String,
    /// e.g. `login`, `login_failed`, `logout`, `article.create`, `article.update`,
    /// `article.transition`, `user.create`, `user.update`.
    pub action: String,
    /// What was acted on, e.g. `article:42`, `user:7`.
    pub target: Option<String>,
    /// `success` or `failure`.
    pub outcome: String,
    pub detail: Option<String>,
}

/// One live session as the administrator sees it (`GET /api/v1/sessions`). Holds neither the
/// token nor its hash, and no IP address: only who, since when, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveSession {
    /// A number for ending the session (`DELETE /api/v1/sessions/{id}`); never reused.
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    pub full_name: String,
    /// When the user logged in.
    pub created_at: DateTime<Utc>,
    /// When it ends unless the user makes another request (each request slides it forward).
    pub idle_expires_at: DateTime<Utc>,
    /// When it ends whatever the activity.
    pub absolute_expires_at: DateTime<Utc>,
    /// Whether this is the session of the request that listed it.
    pub current: bool,
}

/// The two outcomes of an audit line.
pub const AUDIT_OUTCOMES: [&str; 2] = ["success", "failure"];

/// Longest text filter of `GET /api/v1/audit` (`actor`, `action`, `target`), in characters.
pub const AUDIT_FILTER_MAX_CHARS: usize = 100;

/// The filters of `GET /api/v1/audit`: every one optional, all of them must hold.
///
/// `actor` matches part of the actor's name (case-insensitive); `action` an exact action or
/// every action under a prefix (`user` matches `user.create` and `user.update`); `target` an
/// exact target (`user:7`) or, without a colon, every target of that kind (`article`);
/// `from` and `to` are calendar days in Asia/Ho_Chi_Minh, both included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub target: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    /// The query parameters of the filters that are set (dates as `YYYY-MM-DD`).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if let Some(v) = text(&self.actor) {
            out.push(("actor", v));
        }
        if let Some(v) = text(&self.action) {
            out.push(("action", v));
        }
        if let Some(v) = text(&self.outcome) {
            out.push(("outcome", v));
        }
        if let Some(v) = text(&self.target) {
            out.push(("target", v));
        }
        if let Some(d) = self.from {
            out.push(("from", iso_day(d)));
        }
        if let Some(d) = self.to {
            out.push(("to", iso_day(d)));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.params().is_empty()
    }
}

/// `YYYY-MM-DD` (by hand: chrono's formatter would ship its parser to the browser).
pub fn iso_day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod audit_filter_tests {
    use super::*;

    #[test]
    fn params_skip_blank_filters_and_write_iso_days() {
        let f = AuditFilter {
            actor: Some("  ".into()),
            action: Some("user".into()),
            outcome: None,
            target: Some(" article:4 ".into()),
            from: chrono::NaiveDate::from_ymd_opt(2026, 1, 31),
            to: None,
        };
        assert_eq!(
            f.params(),
            vec![
                ("action", "user".to_string()),
                ("target", "article:4".to_string()),
                ("from", "2026-01-31".to_string()),
            ]
        );
        assert!(!f.is_empty());
        assert!(AuditFilter::default().is_empty());
    }
}

#[cfg(test)]
mod media_permission_tests {
    use super::*;

    #[test]
    fn the_board_uses_the_library_and_the_director_reads_it() {
        for r in Role::ALL {
            let p = role_permissions(r);
            let board = matches!(
                r,
                Role::Author | Role::Editor | Role::Secretary | Role::ChiefEditor
            );
            assert_eq!(p.contains(&Permission::MediaUpload), board, "{r:?}");
            assert_eq!(
                p.contains(&Permission::MediaEditAny),
                board && r != Role::Author,
                "{r:?}"
            );
            assert_eq!(
                p.contains(&Permission::MediaRead),
                board || r == Role::Director,
                "{r:?}"
            );
        }
    }
}

#[cfg(test)]
mod banner_permission_tests {
    use super::*;

    #[test]
    fn editors_and_above_manage_banners_and_the_director_reads_them() {
        for r in Role::ALL {
            let p = role_permissions(r);
            let manages = matches!(r, Role::Editor | Role::Secretary | Role::ChiefEditor);
            assert_eq!(p.contains(&Permission::BannersManage), manages, "{r:?}");
            assert_eq!(
                p.contains(&Permission::BannersRead),
                manages || r == Role::Director,
                "{r:?}"
            );
            // The picker of a banner's image reads the library.
            if manages {
                assert!(p.contains(&Permission::MediaRead), "{r:?}");
            }
        }
    }
}
