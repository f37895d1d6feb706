//! Every visible string of the app, Vietnamese first, English second.
//!
//! Strings are keys of a few sets ([`Text`]): [`Msg`] for the shell, the login page and what
//! every page shows, and one set per area ([`StatsMsg`], [`PlanMsg`] …) so that the release
//! build puts a page's strings into that page's chunk. The `messages!` tables below force both
//! languages for every key. Templates carry named placeholders (`{n}`, `{page}` …) filled by
//! [`fill`]. The labels of the contract's vocabularies (stages, kinds, topics, roles…) come from
//! the contract itself.
//!
//! ```ignore
//! let i18n = use_i18n();
//! view! { <h1>{i18n.tr(Msg::ArticlesTitle)}</h1> <p>{i18n.tr(StatsMsg::Intro)}</p> }
//! ```

use leptos::prelude::*;
use portal_contract::{Channel, Kind, Language, ProblemKind, Role, Stage, Topic};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 code, as written in `<html lang>` and in local storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch button offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// A set of visible strings in both languages. The app's strings are split into sets by area
/// (`Msg` for the shell and what every page shows, `StatsMsg` for the statistics …) so that a
/// page's strings are compiled into that page's chunk of the release build, not into the main
/// module every visitor downloads first: `I18n::t` and friends are generic over the set.
pub trait Text: Copy + Send + Sync + std::fmt::Debug + 'static {
    fn vi(self) -> &'static str;
    fn en(self) -> &'static str;

    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }
}

macro_rules! messages {
    ($(#[$doc:meta])* $set:ident { $($key:ident => $vi:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub enum $set {
            $($key,)*
        }

        // Keys repeat across sets (`PlanMsg::Title`, `StatsMsg::Title`): the set names them.
        impl ::std::fmt::Debug for $set {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let key = match self { $($set::$key => stringify!($key),)* };
                write!(f, "{}::{}", stringify!($set), key)
            }
        }

        impl $set {
            pub const ALL: &'static [$set] = &[$($set::$key,)*];

            pub fn vi(self) -> &'static str {
                match self { $($set::$key => $vi,)* }
            }

            pub fn en(self) -> &'static str {
                match self { $($set::$key => $en,)* }
            }

            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                $crate::i18n::Text::text(self, lang)
            }
        }

        impl $crate::i18n::Text for $set {
            fn vi(self) -> &'static str {
                $set::vi(self)
            }

            fn en(self) -> &'static str {
                $set::en(self)
            }
        }
    };
}

pub(crate) use messages;

messages! {
    /// The shell, the login page and what every page shows (states, errors): the main module
    /// holds these.
    Msg {
        // Shell
        AppName => "Ban Biên tập Cổng TTĐT", "Editorial Board — e-Portal";
        SkipToContent => "Bỏ qua, đến nội dung chính", "Skip to main content";
        MainNavLabel => "Điều hướng chính", "Main navigation";
        MenuOpen => "Mở menu", "Open menu";
        MenuClose => "Đóng menu", "Close menu";
        Menu => "Menu", "Menu";
        Logout => "Đăng xuất", "Log out";
        LoggingOut => "Đang đăng xuất…", "Logging out…";
        LoggedOut => "Bạn đã đăng xuất.", "You have logged out.";
        LangSwitch => "English", "Tiếng Việt";
        // Starts with the visible text ("English"), as WCAG 2.5.3 asks of an accessible name.
        LangSwitchLabel => "English: chuyển giao diện sang tiếng Anh", "Tiếng Việt: switch the interface to Vietnamese";
        SignedInAs => "Đang đăng nhập", "Signed in";
        RolesLabel => "Vai trò", "Roles";
        NavDashboard => "Tổng quan", "Overview";
        NavWorkflow => "Quy trình biên tập", "Editorial workflow";
        NavArticles => "Bài viết", "Articles";
        NavStats => "Thống kê truy cập", "Visitor statistics";
        NavPlan => "Kế hoạch năm", "Annual plan";
        NavSpokesperson => "Người phát ngôn", "Spokesperson";
        NavAdmin => "Quản trị", "Administration";
        SessionExpired => "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.", "Your session has expired. Please log in again.";
        CheckingSession => "Đang kiểm tra phiên làm việc…", "Checking your session…";
        ServerUnreachableTitle => "Chưa kết nối được máy chủ", "Cannot reach the server";
        Notifications => "Thông báo", "Notifications";
        DismissToast => "Đóng thông báo", "Dismiss notification";
        // List and page states
        Loading => "Đang tải…", "Loading…";
        Retry => "Thử lại", "Try again";
        ErrorHeading => "Không tải được dữ liệu", "Could not load the data";
        NoPermissionTitle => "Không có quyền truy cập", "Access denied";
        NoPermissionHint => "Tài khoản của bạn không được phép xem trang này. Nếu cần, hãy liên hệ quản trị hệ thống.", "Your account may not open this page. Ask the system administrator if you need it.";
        NotFoundTitle => "Không tìm thấy trang", "Page not found";
        NotFoundHint => "Địa chỉ này không tồn tại hoặc đã thay đổi. Hãy dùng menu để đến trang bạn cần.", "This address does not exist or has changed. Use the menu to reach the page you need.";
        BackToDashboard => "Về trang Tổng quan", "Back to the overview";
        PageLoadFailedTitle => "Không tải được trang này", "This page could not be loaded";
        ReloadPage => "Tải lại trang", "Reload the page";
        PageLoading => "Đang tải trang…", "Loading the page…";
        PageLoadFailedHint => "Trang chưa tải về được, có thể do mạng chậm hoặc mất kết nối. Kiểm tra kết nối mạng rồi bấm “Thử lại”. Nếu vẫn không được, hãy tải lại trang (ứng dụng có thể vừa được cập nhật).", "The page did not download, perhaps because the network is slow or down. Check the connection, then press “Try again”. If it still fails, reload the page (the app may just have been updated).";
        Yes => "Có", "Yes";
        No => "Không", "No";
        NoneYet => "Chưa có", "None";
        Dash => "—", "—";
        // Errors
        NetworkError => "Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.", "Cannot reach the server. Check the network connection and try again.";
        DecodeError => "Máy chủ trả về dữ liệu không đúng định dạng.", "The server sent data in an unexpected format.";
        RetryAfter => "Vui lòng thử lại sau {seconds} giây.", "Please try again in {seconds} seconds.";
        ProblemBadRequest => "Yêu cầu không hợp lệ", "Invalid request";
        ProblemUnauthenticated => "Chưa đăng nhập hoặc phiên đã hết hạn", "Not logged in, or the session has expired";
        ProblemForbidden => "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this";
        ProblemNotFound => "Không tìm thấy", "Not found";
        ProblemConflict => "Xung đột dữ liệu", "Conflicting data";
        ProblemPreconditionFailed => "Dữ liệu đã được người khác thay đổi", "Someone else changed this data";
        ProblemPreconditionRequired => "Thiếu phiên bản (If-Match)", "Missing version (If-Match)";
        ProblemPayloadTooLarge => "Dữ liệu gửi lên quá lớn", "The data sent is too large";
        ProblemUnsupportedMediaType => "Định dạng dữ liệu không được hỗ trợ", "Unsupported data format";
        ProblemValidation => "Dữ liệu chưa hợp lệ", "Some data is not valid";
        ProblemTooManyRequests => "Quá nhiều yêu cầu, vui lòng thử lại sau", "Too many requests, please try again later";
        ProblemInternal => "Lỗi máy chủ", "Server error";
        ProblemUnavailable => "Máy chủ tạm thời không phục vụ", "The server is temporarily unavailable";
        // Login
        LoginTitle => "Đăng nhập", "Log in";
        LoginIntro => "Hệ thống quản lý tin bài của Ban Biên tập Cổng Thông tin điện tử BHXH tỉnh.", "News management for the Editorial Board of the provincial Social Insurance e-Portal.";
        Username => "Tên đăng nhập", "Username";
        Password => "Mật khẩu", "Password";
        LoginSubmit => "Đăng nhập", "Log in";
        LoggingIn => "Đang đăng nhập…", "Logging in…";
        LoginWrong => "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.";
        LoginRequired => "Vui lòng nhập tên đăng nhập và mật khẩu.", "Please enter your username and password.";
        TooManyAttempts => "Bạn đã thử đăng nhập quá nhiều lần.", "Too many login attempts.";
        // Articles list
        ArticlesTitle => "Bài viết", "Articles";
        // Pagination
        PaginationLabel => "Phân trang", "Pagination";
        PagePrev => "Trang trước", "Previous page";
        PageNext => "Trang sau", "Next page";
        PageInfo => "Trang {page}/{pages}", "Page {page}/{pages}";
        PerPage => "Số dòng mỗi trang", "Rows per page";
        // Security: sessions and the audit log
        AccountLink => "Đổi mật khẩu", "Change password";
        // Functions of the next release
        PlanTitle => "Kế hoạch hoạt động năm", "Annual operation plan";
        SpokespersonTitle => "Người phát ngôn", "Spokesperson";
        ComingSoon => "Chức năng này sẽ có trong phiên bản tiếp theo.", "This function arrives in the next release.";
        ComingSoonNoData => "Trang chưa hiển thị số liệu nào để tránh thông tin sai lệch.", "The page shows no figures yet, to avoid misleading information.";
        ComingSoonPlan => "Sẽ có: soạn, trình và duyệt kế hoạch hoạt động năm của Ban Biên tập theo Quyết định 2474/QĐ-BHXH, in khổ A4 để ký.", "Planned: drafting, submitting and approving the board's annual operation plan (Decision 2474/QĐ-BHXH), printable on A4 for signature.";
        ComingSoonSpokesperson => "Sẽ có: họ tên, chức vụ, đơn vị, điện thoại, thư điện tử của người phát ngôn và ngày cập nhật gần nhất.", "Planned: the spokesperson's full name, position, unit, phone, e-mail and when they were last updated.";
        // ── duties: my work, norms, quarterly model articles ──
        NavNorms => "Định mức", "Norms";
        NavQuarterly => "Bài tiêu biểu quý", "Quarterly model articles";
        // ── fraud reports (Official Dispatch 1466) ──
        NavFraud => "Báo cáo lừa đảo", "Fraud reports";
        // ── royalties ──
        NavRoyalties => "Nhuận bút", "Royalties";
        NavMedia => "Thư viện media", "Media library";
        NavBanners => "Banner", "Banners";
        // Required information
        NavInfo => "Thông tin bắt buộc", "Required information";
    }
}

/// Replaces each `{name}` of `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Names of the `{placeholders}` of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                names.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    names
}

pub fn stage_label(s: Stage, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => s.label_vi(),
        Lang::En => s.label_en(),
    }
}

pub fn kind_label(k: Kind, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => k.label_vi(),
        Lang::En => k.label_en(),
    }
}

pub fn topic_label(t: Topic, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => t.label_vi(),
        Lang::En => t.label_en(),
    }
}

pub fn channel_label(c: Channel, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => c.label_vi(),
        Lang::En => c.label_en(),
    }
}

pub fn language_label(l: Language, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => l.label_vi(),
        Lang::En => l.label_en(),
    }
}

pub fn fraud_state_label(s: portal_contract::fraud::FraudState, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => s.label_vi(),
        Lang::En => s.label_en(),
    }
}

pub fn fraud_channel_label(c: portal_contract::fraud::FraudChannel, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => c.label_vi(),
        Lang::En => c.label_en(),
    }
}

pub fn role_label(r: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => r.label_vi(),
        Lang::En => r.label_en(),
    }
}

/// Title of a problem kind; Vietnamese comes from the contract itself.
pub fn problem_title(kind: ProblemKind, lang: Lang) -> &'static str {
    if lang == Lang::Vi {
        return kind.title_vi();
    }
    let msg = match kind {
        ProblemKind::BadRequest => Msg::ProblemBadRequest,
        ProblemKind::Unauthenticated => Msg::ProblemUnauthenticated,
        ProblemKind::Forbidden => Msg::ProblemForbidden,
        ProblemKind::NotFound => Msg::ProblemNotFound,
        ProblemKind::Conflict => Msg::ProblemConflict,
        ProblemKind::PreconditionFailed => Msg::ProblemPreconditionFailed,
        ProblemKind::PreconditionRequired => Msg::ProblemPreconditionRequired,
        ProblemKind::PayloadTooLarge => Msg::ProblemPayloadTooLarge,
        ProblemKind::UnsupportedMediaType => Msg::ProblemUnsupportedMediaType,
        ProblemKind::Validation => Msg::ProblemValidation,
        ProblemKind::TooManyRequests => Msg::ProblemTooManyRequests,
        ProblemKind::Internal => Msg::ProblemInternal,
        ProblemKind::Unavailable => Msg::ProblemUnavailable,
    };
    msg.en()
}

/// Where the chosen language is remembered between visits.
const STORAGE_KEY: &str = "portal-admin.lang";

/// The interface language, shared through context. Copy it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language (tracked: closures that call this re-run when it changes).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The text of `msg` in the current language (tracked).
    pub fn t(&self, msg: impl Text) -> &'static str {
        msg.text(self.lang())
    }

    /// The text of `msg` as a signal that follows the language: the one way a view shows a
    /// label (`{i18n.tr(Msg::Logout)}`), a single concrete type for every label.
    pub fn tr(&self, msg: impl Text) -> Signal<&'static str> {
        let lang = self.lang;
        Signal::derive(move || msg.text(lang.get()))
    }

    /// The text of `msg` now, without tracking (for event handlers and async code).
    pub fn t_untracked(&self, msg: impl Text) -> &'static str {
        msg.text(self.lang.get_untracked())
    }

    /// The current language, without tracking.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// The text of a template with its placeholders filled (tracked).
    pub fn f(&self, msg: impl Text, values: &[(&str, &str)]) -> String {
        fill(self.t(msg), values)
    }
}

fn stored_lang() -> Option<Lang> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let value = storage.get_item(STORAGE_KEY).ok()??;
    Lang::parse(&value)
}

fn remember_lang(lang: Lang) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        // Private browsing may refuse storage; the choice then lasts for this visit only.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Provides [`I18n`] with the remembered language (Vietnamese by default), and keeps
/// `<html lang>` and local storage in step with it.
pub fn provide_i18n() -> I18n {
    let i18n = I18n::new(stored_lang().unwrap_or_default());
    provide_context(i18n);
    let mut first = true;
    Effect::new(move |_| {
        let lang = i18n.lang();
        set_document_lang(lang);
        // Only an explicit switch is remembered, not the default.
        if !first {
            remember_lang(lang);
        }
        first = false;
    });
    i18n
}

/// The [`I18n`] of the app; falls back to Vietnamese outside the app (e.g. a lone component).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| {
        let i18n = I18n::new(Lang::Vi);
        provide_context(i18n);
        i18n
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(Msg::PageInfo.vi(), &[("page", "2"), ("pages", "10")]),
            "Trang 2/10"
        );
        assert_eq!(fill("{n} bài, {n} tin", &[("n", "3")]), "3 bài, 3 tin");
        assert_eq!(placeholders("Trang {page}/{pages}"), vec!["page", "pages"]);
        assert!(placeholders("không có").is_empty());
    }

    #[test]
    fn lang_codes_round_trip() {
        for l in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(l.other().other(), l);
        }
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::default(), Lang::Vi);
    }

    #[test]
    fn problem_titles_come_in_both_languages() {
        assert_eq!(
            problem_title(ProblemKind::NotFound, Lang::Vi),
            "Không tìm thấy"
        );
        assert_eq!(problem_title(ProblemKind::NotFound, Lang::En), "Not found");
    }
}
