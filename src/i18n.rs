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
//! view! { <h1>{i18n.tr(Msg::ArticlesTitle)}</h1> <p>{i18n.tr(StatsMsg::StatsIntro)}</p> }
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
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $set {
            $($key,)*
        }

        impl $set {
            pub const ALL: &'static [$set] = &[$($set::$key,)*];

            pub fn vi(self) -> &'static str {
                match self { $($set::$key => $vi,)* }
            }

            pub fn en(self) -> &'static str {
                match self { $($set::$key => $en,)* }
            }

            pub fn text(self, lang: Lang) -> &'static str {
                Text::text(self, lang)
            }
        }

        impl Text for $set {
            fn vi(self) -> &'static str {
                $set::vi(self)
            }

            fn en(self) -> &'static str {
                $set::en(self)
            }
        }
    };
}

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
        LangSwitchLabel => "Chuyển giao diện sang tiếng Anh", "Switch the interface to Vietnamese";
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
        // Security (issue #7): sessions and the audit log
        AccountLink => "Đổi mật khẩu", "Change password";
        // Functions of the next release
        PlanTitle => "Kế hoạch hoạt động năm", "Annual operation plan";
        SpokespersonTitle => "Người phát ngôn", "Spokesperson";
        ComingSoon => "Chức năng này sẽ có trong phiên bản tiếp theo.", "This function arrives in the next release.";
        ComingSoonNoData => "Trang chưa hiển thị số liệu nào để tránh thông tin sai lệch.", "The page shows no figures yet, to avoid misleading information.";
        ComingSoonPlan => "Sẽ có: soạn, trình và duyệt kế hoạch hoạt động năm của Ban Biên tập theo Quyết định 2474/QĐ-BHXH, in khổ A4 để ký.", "Planned: drafting, submitting and approving the board's annual operation plan (Decision 2474/QĐ-BHXH), printable on A4 for signature.";
        ComingSoonSpokesperson => "Sẽ có: họ tên, chức vụ, đơn vị, điện thoại, thư điện tử của người phát ngôn và ngày cập nhật gần nhất.", "Planned: the spokesperson's full name, position, unit, phone, e-mail and when they were last updated.";
        // ── duties: my work, norms, quarterly model articles (issue #6) ──
        NavNorms => "Định mức", "Norms";
        NavQuarterly => "Bài tiêu biểu quý", "Quarterly model articles";
        // ── fraud reports (Official Dispatch 1466) ──
        NavFraud => "Báo cáo lừa đảo", "Fraud reports";
        // ── royalties ──
        NavRoyalties => "Nhuận bút", "Royalties";
        // Required information (issue #6)
        NavInfo => "Thông tin bắt buộc", "Required information";
    }
}

messages! {
    /// The dashboard (Tổng quan).
    DashboardMsg {
        // Dashboard
        DashboardTitle => "Tổng quan", "Overview";
        Welcome => "Xin chào, {name}.", "Hello, {name}.";
        PipelineHeading => "Tin bài theo giai đoạn", "Articles by stage";
        PipelineHint => "Chọn một giai đoạn để xem danh sách bài ở giai đoạn đó.", "Choose a stage to list its articles.";
        ArticleCount => "{n} bài", "{n} articles";
        RecentHeading => "Cập nhật gần đây", "Recently updated";
        RecentEmpty => "Chưa có bài viết nào. Bài mới sẽ hiện ở đây khi được tạo.", "No articles yet. New articles appear here once created.";
        SeeAllArticles => "Xem tất cả bài viết", "See all articles";
        DashboardNoArticles => "Tài khoản của bạn không theo dõi tin bài. Hãy dùng menu để mở các chức năng được phân quyền.", "Your account does not follow articles. Use the menu to open the functions you are allowed to use.";
    }
}

messages! {
    /// The editorial workflow and its kanban board.
    BoardMsg {
        // Workflow
        WorkflowTitle => "Quy trình biên tập", "Editorial workflow";
        WorkflowIntro => "Tổng quan các giai đoạn (chỉ xem). Mỗi cột liệt kê 10 bài cập nhật gần nhất.", "Read-only overview of the stages. Each column lists the 10 most recently updated articles.";
        WorkflowColumnEmpty => "Không có bài ở giai đoạn này.", "No articles at this stage.";
        SeeAllInStage => "Xem tất cả ({n})", "See all ({n})";
        // Board (kanban)
        BoardTitle => "Quy trình biên tập", "Editorial workflow";
        BoardIntro => "Kéo thả thẻ, hoặc dùng menu «Chuyển sang…» hay bàn phím, để chuyển bài sang giai đoạn khác. Khi kéo, chỉ các cột bạn được phép chuyển đến mới sáng lên.", "Drag a card, or use its “Move to…” menu or the keyboard, to move an article to another stage. While dragging, only the columns you may move it to light up.";
        BoardKeyboardHelp => "Bàn phím: trên một thẻ, nhấn Space để nhấc thẻ, mũi tên trái/phải để chọn cột, Enter để thả, Esc để huỷ.", "Keyboard: on a card, press Space to pick it up, Left/Right to choose a column, Enter to drop, Esc to cancel.";
        BoardColumnsLabel => "Các giai đoạn biên tập", "Editorial stages";
        BoardFilterMine => "Của tôi", "Mine";
        BoardFilterSection => "Chuyên mục", "Section";
        BoardFilterAuthor => "Tác giả", "Author";
        BoardCountLabel => "{shown} trên {total} bài khớp bộ lọc", "{shown} of {total} articles match the filters";
        BoardColumnEmpty => "Không có bài.", "No articles.";
        BoardColumnFiltered => "Không có bài khớp bộ lọc.", "No articles match the filters.";
        BoardShowMore => "Hiện thêm ({n} bài nữa)", "Show more ({n} more)";
        BoardDaysInStage => "{n} ngày ở giai đoạn này", "{n} days in this stage";
        BoardScheduled => "Hẹn đăng {time}", "Scheduled {time}";
        BoardComments => "{n} ý kiến", "{n} comments";
        BoardChecklistOk => "✓ Đạt kiểm tra", "✓ Checklist passes";
        BoardChecklistFailing => "{n} mục chưa đạt", "{n} items failing";
        BoardMoveMenu => "Chuyển sang…", "Move to…";
        BoardPending => "Đang chuyển…", "Moving…";
        BoardDropHere => "Thả vào đây", "Drop here";
        BoardDropRefused => "Không được chuyển đến đây", "Not allowed here";
        BoardMoved => "Đã chuyển «{title}» sang {stage}.", "Moved “{title}” to {stage}.";
        BoardMoveFailed => "Không chuyển được «{title}». {reason}", "Could not move “{title}”. {reason}";
        BoardConflict => "«{title}» vừa được {name} thay đổi lúc {time}. Thẻ đã được cập nhật, vui lòng xem lại rồi thử lại.", "“{title}” was changed by {name} at {time}. The card has been refreshed; check it and try again.";
        BoardPickedUp => "Đã nhấc thẻ «{title}». Có {n} cột có thể chuyển đến: dùng mũi tên trái/phải để chọn, Enter để thả, Esc để huỷ.", "Picked up “{title}”. {n} columns are possible: use Left/Right to choose, Enter to drop, Esc to cancel.";
        BoardNoTargets => "Bạn không thể chuyển «{title}» sang giai đoạn nào.", "You cannot move “{title}” to any stage.";
        BoardChose => "Cột {stage} ({position}/{of}). Nhấn Enter để thả.", "Column {stage} ({position} of {of}). Press Enter to drop.";
        BoardChooseFirst => "Hãy chọn cột bằng mũi tên trái hoặc phải trước.", "Choose a column with Left or Right first.";
        BoardCancelled => "Đã huỷ, «{title}» vẫn ở chỗ cũ.", "Cancelled; “{title}” stays where it was.";
        BoardNotAllowed => "Không được chuyển «{title}» sang {stage}.", "“{title}” may not be moved to {stage}.";
        BoardCommentLabel => "Ý kiến (bắt buộc)", "Comment (required)";
        BoardReasonLabel => "Lý do (bắt buộc)", "Reason (required)";
        BoardCommentRequired => "Vui lòng nhập ý kiến.", "Please enter a comment.";
        BoardReasonRequired => "Vui lòng nhập lý do.", "Please enter a reason.";
        BoardDialogMove => "Chuyển «{title}» từ {from} sang {to}.", "Move “{title}” from {from} to {to}.";
        BoardConfirm => "Xác nhận", "Confirm";
        BoardCancel => "Huỷ", "Cancel";
        BoardEmpty => "Chưa có bài viết nào trên bảng", "The board has no articles yet";
        BoardEmptyHint => "Bài viết sẽ hiện ở đây khi tác giả tạo bản nháp.", "Articles appear here once an author creates a draft.";
    }
}

messages! {
    /// The article list, an article and its editor.
    ArticleMsg {
        // Articles list
        FiltersLabel => "Bộ lọc", "Filters";
        FilterStage => "Giai đoạn", "Stage";
        FilterKind => "Loại", "Kind";
        FilterTopic => "Chủ đề", "Topic";
        FilterQ => "Tìm kiếm", "Search";
        FilterQHint => "Tiêu đề, sapo… (không cần gõ dấu)", "Title, lead… (accents optional)";
        FilterAll => "Tất cả", "All";
        ClearFilters => "Xoá bộ lọc", "Clear filters";
        ResultCount => "{total} bài viết", "{total} articles";
        ColTitle => "Tiêu đề", "Title";
        ColKind => "Loại", "Kind";
        ColStage => "Giai đoạn", "Stage";
        ColTopics => "Chủ đề", "Topics";
        ColAuthors => "Tác giả", "Authors";
        ColUpdated => "Cập nhật", "Updated";
        ColPublished => "Ngày đăng", "Published";
        SortBy => "Sắp xếp theo {col}", "Sort by {col}";
        ArticlesEmpty => "Không có bài viết nào khớp bộ lọc", "No articles match the filters";
        ArticlesEmptyHint => "Thử bỏ bớt điều kiện lọc hoặc đổi từ khoá tìm kiếm.", "Try removing some filters or changing the search words.";
        ArticlesNone => "Chưa có bài viết nào", "There are no articles yet";
        ArticlesNoneHint => "Bài viết sẽ hiện ở đây khi tác giả tạo bản nháp.", "Articles appear here once an author creates a draft.";
        ModelExampleBadge => "Bài tiêu biểu", "Model example";
        // Article detail
        BackToArticles => "← Danh sách bài viết", "← Article list";
        ArticleNotFound => "Không tìm thấy bài viết", "Article not found";
        ArticleNotFoundHint => "Bài viết này không tồn tại hoặc bạn không có quyền xem. Hãy quay lại danh sách.", "This article does not exist or you may not read it. Go back to the list.";
        FieldLead => "Sapo", "Lead";
        FieldBody => "Nội dung", "Body";
        FieldSection => "Chuyên mục", "Section";
        FieldTopics => "Chủ đề", "Topics";
        FieldKind => "Loại", "Kind";
        FieldAuthors => "Tác giả (tỷ lệ nhuận bút)", "Authors (royalty share)";
        FieldSource => "Nguồn", "Source";
        FieldCover => "Ảnh đại diện", "Cover image";
        FieldCoverAlt => "Mô tả ảnh (alt)", "Alt text";
        FieldCoverCaption => "Chú thích ảnh", "Caption";
        FieldCoverUrl => "Địa chỉ ảnh", "Image address";
        FieldChannels => "Kênh phát hành", "Channels";
        FieldLanguage => "Ngôn ngữ", "Language";
        FieldModelExample => "Bài tiêu biểu (ứng viên gửi BHXH Việt Nam)", "Model example (candidate for VSS)";
        FieldStage => "Giai đoạn", "Stage";
        FieldStageSince => "Ở giai đoạn này", "In this stage";
        DaysCount => "{n} ngày (từ {date})", "{n} days (since {date})";
        FieldScheduled => "Hẹn giờ đăng", "Scheduled for";
        FieldPublished => "Ngày đăng", "Published";
        FieldRemovalReason => "Lý do gỡ", "Removal reason";
        FieldVersion => "Phiên bản", "Version";
        FieldCreated => "Ngày tạo", "Created";
        FieldUpdated => "Cập nhật lần cuối", "Last updated";
        DetailsHeading => "Thông tin bài", "Details";
        NoCover => "Không có ảnh đại diện.", "No cover image.";
        CoverNotShown => "Ảnh không được hiển thị vì địa chỉ không phải http(s).", "The image is not shown because its address is not http(s).";
        EmptyBody => "(Chưa có nội dung)", "(No body yet)";
        HistoryHeading => "Lịch sử xử lý", "History";
        HistoryEmpty => "Chưa có lịch sử.", "No history yet.";
        HistoryCreate => "Tạo bài", "Created";
        HistoryUpdate => "Sửa nội dung", "Edited";
        ColWhen => "Thời điểm", "When";
        ColWho => "Người thực hiện", "By";
        ColAction => "Thao tác", "Action";
        ColStageChange => "Chuyển giai đoạn", "Stage change";
        ColComment => "Ý kiến / lý do", "Comment / reason";
        // Editor
        EditorTitle => "Soạn thảo bài viết", "Article editor";
        EdNewArticle => "Viết bài mới", "Write a new article";
        EdNewTitle => "Viết bài mới", "New article";
        EdTitle => "Tiêu đề", "Title";
        EdCreate => "Tạo bản nháp và soạn tiếp", "Create the draft and continue";
        EdCreating => "Đang tạo…", "Creating…";
        EdUntitled => "(Chưa có tiêu đề)", "(Untitled)";
        EdLeaveQuestion => "Bài viết còn thay đổi chưa lưu lên máy chủ. Rời trang?", "The article has changes not yet saved to the server. Leave the page?";
        EdTabsLabel => "Các phần của bài viết", "Parts of the article";
        EdTabContent => "Nội dung", "Content";
        EdTabPreview => "Xem trước", "Preview";
        EdTabHistory => "Lịch sử", "History";
        EdTabComments => "Ý kiến", "Comments";
        EdRestoreOffer => "Có bản chưa lưu của bài này trên máy (lưu lúc {when}), khác với bản trên máy chủ. Khôi phục bản đó?", "This device holds an unsaved copy of this article (from {when}) that differs from the server's. Restore it?";
        EdRestore => "Khôi phục", "Restore";
        EdDiscard => "Bỏ", "Discard";
        EdRestored => "Đã khôi phục bản chưa lưu.", "The unsaved copy was restored.";
        EdStatusClean => "Chưa có thay đổi", "No changes";
        EdStatusDirty => "Có thay đổi chưa lưu", "Unsaved changes";
        EdStatusSaving => "Đang lưu…", "Saving…";
        EdStatusSaved => "Đã lưu lúc {time}", "Saved at {time}";
        EdStatusOffline => "Chưa lưu được — mất kết nối, sẽ thử lại sau {seconds} giây", "Not saved — connection lost, retrying in {seconds} seconds";
        EdStatusInvalid => "Chưa lưu — hãy sửa các trường được đánh dấu", "Not saved — fix the marked fields";
        EdStatusFailed => "Chưa lưu được: {reason}", "Not saved: {reason}";
        EdStatusConflict => "Chưa lưu — bài vừa được người khác sửa, hãy chọn bản giữ lại", "Not saved — someone else changed the article; choose what to keep";
        EdSaveNow => "Lưu ngay", "Save now";
        EdScheduled => "Hẹn giờ đăng (giờ Việt Nam)", "Scheduled for (Vietnam time)";
        EdScheduledShown => "Sẽ đăng lúc {when}", "To be published at {when}";
        EdScheduledNone => "Chưa hẹn giờ.", "Not scheduled.";
        EdAuthorName => "Tác giả {n}", "Author {n}";
        EdShare => "Tỷ lệ (%)", "Share (%)";
        EdShareSum => "Tổng tỷ lệ: {sum}% (phải bằng 100%)", "Total share: {sum}% (must be 100%)";
        EdAuthorAdd => "+ Thêm tác giả", "+ Add an author";
        EdAuthorRemove => "Xoá tác giả {n}", "Remove author {n}";
        EdRemove => "Xoá", "Remove";
        EdMarkupHint => "Định dạng: **chữ đậm**, *chữ nghiêng*, [chữ liên kết](https://…). Phím tắt Ctrl+B, Ctrl+I, Ctrl+K.", "Formatting: **bold**, *italic*, [link text](https://…). Shortcuts Ctrl+B, Ctrl+I, Ctrl+K.";
        EdBodyEmpty => "Nội dung chưa có khối nào. Thêm khối bên dưới.", "The body has no blocks yet. Add one below.";
        EdAddBlock => "Thêm khối", "Add a block";
        EdBlock => "Khối", "Block";
        EdBlockParagraph => "Đoạn văn", "Paragraph";
        EdBlockHeading => "Tiêu đề mục", "Heading";
        EdBlockList => "Danh sách", "List";
        EdBlockQuote => "Trích dẫn", "Quote";
        EdBlockImage => "Ảnh", "Image";
        EdBlockVideo => "Video (liên kết)", "Video (link)";
        EdBlockText => "Nội dung khối {n}", "Text of block {n}";
        EdBlockUp => "Chuyển khối {n} lên", "Move block {n} up";
        EdBlockDown => "Chuyển khối {n} xuống", "Move block {n} down";
        EdBlockRemove => "Xoá khối {n}", "Remove block {n}";
        EdHeadingLevel => "Cấp tiêu đề", "Heading level";
        EdHeading2 => "Cấp 2", "Level 2";
        EdHeading3 => "Cấp 3", "Level 3";
        EdListOrdered => "Đánh số thứ tự", "Numbered";
        EdListHint => "Mỗi dòng là một mục.", "One item per line.";
        EdQuoteCite => "Nguồn trích dẫn", "Quoted from";
        EdToolbar => "Định dạng chữ", "Text formatting";
        EdBold => "In đậm (Ctrl+B)", "Bold (Ctrl+B)";
        EdItalic => "In nghiêng (Ctrl+I)", "Italic (Ctrl+I)";
        EdLink => "Chèn liên kết (Ctrl+K)", "Insert a link (Ctrl+K)";
        EdLinkShort => "Liên kết", "Link";
        EdImageUrl => "Địa chỉ ảnh", "Image address";
        EdVideoUrl => "Liên kết video", "Video link";
        EdVideoLink => "Xem video", "Watch the video";
        EdDiffAdded => "[thêm:", "[added:";
        EdDiffRemoved => "[bỏ:", "[removed:";
        EdDiffEnd => "hết]", "end]";
        EdChecks => "Mục kiểm tra đã đánh dấu", "Ticked checks";
        EdConflictTitle => "Bài viết vừa được người khác sửa", "Someone else has changed this article";
        EdConflictIntro => "{who} đã lưu một phiên bản mới lúc {when}. Với mỗi trường khác nhau dưới đây, chọn giữ bản của bạn, bản trên máy chủ hoặc tự sửa, rồi lưu. Bản của bạn vẫn được giữ trên máy này cho đến khi lưu xong.", "{who} saved a new version at {when}. For each differing field below, keep yours, keep the server's or edit a merged value, then save. Your copy stays on this device until it is saved.";
        EdConflictMine => "Bản của bạn", "Your version";
        EdConflictTheirs => "Bản trên máy chủ", "Server's version";
        EdConflictDiff => "Xem khác biệt từng từ", "Show word differences";
        EdKeepMine => "Giữ bản của tôi", "Keep mine";
        EdKeepTheirs => "Giữ bản trên máy chủ", "Keep theirs";
        EdEditMerged => "Tự sửa", "Edit a merged value";
        EdMergedValue => "Giá trị sau khi hợp nhất", "Merged value";
        EdMergeSave => "Lưu bản đã hợp nhất", "Save the merged version";
        EdMergeSaving => "Đang lưu bản đã hợp nhất…", "Saving the merged version…";
        EdChecklist => "Kiểm tra trước khi đăng", "Publish checklist";
        EdChecklistPasses => "Đạt tất cả mục bắt buộc.", "All required items pass.";
        EdChecklistFailing => "{n} mục bắt buộc chưa đạt", "{n} required items fail";
        EdChecklistHint => "Các mục tự động do máy chủ đánh giá sau mỗi lần lưu; các mục còn lại do biên tập viên đánh dấu.", "Automatic items are evaluated by the server after each save; the others are ticked by an editor.";
        EdCheckPassed => "Đạt:", "Passes:";
        EdCheckFailed => "Chưa đạt:", "Fails:";
        EdRequired => "Bắt buộc", "Required";
        EdMoves => "Chuyển bước", "Workflow";
        EdNoMoves => "Bạn không có bước chuyển nào cho bài ở giai đoạn này.", "You have no moves for an article at this stage.";
        EdComment => "Ý kiến (bắt buộc)", "Comment (required)";
        EdReason => "Lý do (bắt buộc)", "Reason (required)";
        EdConfirmMove => "Xác nhận", "Confirm";
        EdCancel => "Huỷ", "Cancel";
        EdMoved => "Đã thực hiện “{action}”: bài chuyển sang {stage}.", "Done “{action}”: the article is now {stage}.";
        EdFixFirst => "Hãy sửa các trường được đánh dấu trước khi chuyển bước.", "Fix the marked fields before moving the article.";
        EdCompare => "So sánh hai phiên bản", "Compare two versions";
        EdCompareFrom => "Phiên bản cũ", "Older version";
        EdCompareTo => "Phiên bản mới", "Newer version";
        EdCompareRun => "So sánh", "Compare";
        EdCompareSame => "Hai phiên bản giống nhau.", "The two versions are the same.";
        EdNoComments => "Chưa có ý kiến nào.", "No comments yet.";
        EdCommentLabel => "Ý kiến mới (tối đa 5.000 ký tự)", "New comment (at most 5,000 characters)";
        EdCommentSend => "Gửi ý kiến", "Send";
        EdCommentAdded => "Đã gửi ý kiến.", "Comment sent.";
    }
}

messages! {
    /// Administration: users, sessions, the audit log, one's own password.
    AdminMsg {
        // Administration
        AdminTitle => "Quản trị người dùng", "User administration";
        ColUsername => "Tên đăng nhập", "Username";
        ColFullName => "Họ và tên", "Full name";
        ColRoles => "Vai trò", "Roles";
        ColActive => "Trạng thái", "Status";
        UserActive => "Đang hoạt động", "Active";
        UserInactive => "Đã khoá", "Disabled";
        UsersCount => "{total} người dùng", "{total} users";
        UsersEmpty => "Chưa có người dùng nào", "There are no users yet";
        UsersEmptyHint => "Tài khoản do quản trị hệ thống tạo sẽ hiện ở đây.", "Accounts created by the administrator appear here.";
        // Security (issue #7): sessions and the audit log
        AdminSections => "Các mục quản trị", "Administration sections";
        AdminTabUsers => "Người dùng và phiên đăng nhập", "Users and sessions";
        AdminTabAudit => "Nhật ký hệ thống", "Audit log";
        SessionsTitle => "Phiên đăng nhập đang hoạt động", "Active sessions";
        SessionsIntro => "Một phiên kết thúc khi người dùng không thao tác quá lâu hoặc hết thời hạn tối đa. Kết thúc một phiên sẽ đăng xuất người đó ngay lập tức.", "A session ends when its user stays idle too long or reaches its maximum lifetime. Ending a session signs its user out at once.";
        SessionsCount => "{total} phiên đang hoạt động", "{total} active sessions";
        SessionsEmpty => "Không có phiên nào đang hoạt động", "No active sessions";
        ColSessionUser => "Người dùng", "User";
        ColSessionCreated => "Đăng nhập lúc", "Logged in";
        ColSessionIdle => "Hết hạn nếu không thao tác", "Ends if idle at";
        ColSessionAbsolute => "Hết hạn muộn nhất", "Ends at the latest";
        SessionCurrent => "Phiên của bạn", "Your session";
        SessionEnd => "Kết thúc phiên", "End session";
        SessionEndLabel => "Kết thúc phiên của {name}", "End the session of {name}";
        SessionEnding => "Đang kết thúc…", "Ending…";
        SessionEnded => "Đã kết thúc phiên đăng nhập của {name}.", "The session of {name} has ended.";
        SessionGone => "Phiên này đã kết thúc từ trước.", "This session had already ended.";
        AuditTitle => "Nhật ký hệ thống", "Audit log";
        AuditIntro => "Mọi thao tác quan trọng đều được ghi lại. Nhật ký chỉ được ghi thêm: không ai sửa hay xoá được.", "Every significant action is recorded. The log is append-only: nobody can change or delete it.";
        AuditFiltersLegend => "Lọc nhật ký", "Filter the log";
        AuditActor => "Người thực hiện", "Actor";
        AuditAction => "Thao tác", "Action";
        AuditActionHint => "Ví dụ: login, hoặc user (mọi thao tác user.…)", "e.g. login, or user (every user.… action)";
        AuditOutcome => "Kết quả", "Outcome";
        AuditOutcomeAll => "Tất cả", "All";
        AuditSuccess => "Thành công", "Success";
        AuditFailure => "Thất bại", "Failure";
        AuditTarget => "Đối tượng", "Target";
        AuditTargetHint => "Ví dụ: user:7, hoặc article (mọi bài viết)", "e.g. user:7, or article (every article)";
        AuditFrom => "Từ ngày", "From";
        AuditTo => "Đến ngày", "To";
        AuditApply => "Lọc", "Filter";
        AuditClear => "Bỏ lọc", "Clear filters";
        AuditChosenRange => "Khoảng ngày theo giờ Việt Nam: {range}", "Days in Vietnam time: {range}";
        AuditRangeInvalid => "Ngày kết thúc phải từ ngày bắt đầu trở đi.", "The end day must not be before the start day.";
        AuditDateInvalid => "Ngày không hợp lệ; chọn ngày trong lịch.", "Not a valid day; pick one from the calendar.";
        AuditTooLong => "Tối đa 100 ký tự.", "At most 100 characters.";
        AuditCount => "{total} dòng nhật ký", "{total} log lines";
        AuditEmpty => "Nhật ký chưa có dòng nào", "The log has no lines yet";
        AuditEmptyFiltered => "Không có dòng nào khớp bộ lọc", "No line matches the filters";
        AuditColDetail => "Chi tiết", "Detail";
        AuditActLogin => "Đăng nhập", "Login";
        AuditActLoginFailed => "Đăng nhập thất bại", "Failed login";
        AuditActLogout => "Đăng xuất", "Logout";
        AuditActSessionEnd => "Kết thúc phiên đăng nhập", "Session ended";
        AuditActUserCreate => "Tạo người dùng", "User created";
        AuditActUserUpdate => "Sửa người dùng", "User changed";
        AuditActArticleCreate => "Tạo bài viết", "Article created";
        AuditActArticleUpdate => "Sửa bài viết", "Article edited";
        AuditActArticleTransition => "Chuyển giai đoạn bài viết", "Article stage changed";
        AccountTitle => "Đổi mật khẩu", "Change password";
        AccountIntro => "Sau khi đổi, mọi phiên đăng nhập khác của bạn (trên máy khác, trình duyệt khác) sẽ kết thúc; phiên này vẫn tiếp tục.", "Once changed, every other session of yours (on other computers or browsers) ends; this one continues.";
        CurrentPassword => "Mật khẩu hiện tại", "Current password";
        NewPassword => "Mật khẩu mới", "New password";
        NewPasswordHint => "8–256 ký tự, có ít nhất một chữ cái và một chữ số.", "8–256 characters with at least one letter and one digit.";
        ConfirmPassword => "Nhập lại mật khẩu mới", "Repeat the new password";
        CurrentPasswordRequired => "Vui lòng nhập mật khẩu hiện tại.", "Please enter your current password.";
        NewPasswordWeak => "Mật khẩu mới cần 8–256 ký tự, có ít nhất một chữ cái và một chữ số.", "The new password needs 8–256 characters with at least one letter and one digit.";
        PasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.";
        PasswordSave => "Đổi mật khẩu", "Change password";
        PasswordSaving => "Đang lưu…", "Saving…";
        PasswordChanged => "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc; phiên này vẫn tiếp tục.", "Password changed. Your other sessions have ended; this one continues.";
    }
}

messages! {
    /// Visitor statistics and their charts.
    StatsMsg {
        // Stats
        StatsTitle => "Thống kê truy cập", "Visitor statistics";
        StatsIntro => "Lượt truy cập Cổng thông tin điện tử theo ngày giờ Việt Nam (UTC+7), đếm không dùng cookie; lượt xem của bot và trình thu thập dữ liệu được lọc riêng.", "Visits to the e-Portal by Vietnam days and hours (UTC+7), counted without cookies; pageviews by bots and crawlers are filtered out.";
        StatsRangeLabel => "Khoảng thời gian", "Date range";
        StatsPresetToday => "Hôm nay", "Today";
        StatsPreset7 => "7 ngày", "7 days";
        StatsPreset30 => "30 ngày", "30 days";
        StatsPresetThisMonth => "Tháng này", "This month";
        StatsPresetLastMonth => "Tháng trước", "Last month";
        StatsPresetThisYear => "Năm nay", "This year";
        StatsCustom => "Tuỳ chọn…", "Custom…";
        StatsCustomLegend => "Khoảng thời gian tuỳ chọn", "Custom date range";
        StatsFrom => "Từ ngày", "From";
        StatsTo => "Đến ngày", "To";
        StatsApply => "Áp dụng", "Apply";
        StatsCustomChosen => "Đã chọn: {range}", "Chosen: {range}";
        StatsRangeShown => "{from} – {to} ({days} ngày), so với kỳ trước {prev_from} – {prev_to}", "{from} – {to} ({days} days), compared with the previous period {prev_from} – {prev_to}";
        StatsErrMissing => "Vui lòng chọn cả ngày bắt đầu và ngày kết thúc.", "Please choose both a start and an end date.";
        StatsErrMalformed => "Ngày không hợp lệ.", "The date is not valid.";
        StatsErrFromAfterTo => "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.", "The start date must be on or before the end date.";
        StatsErrFuture => "Không chọn được ngày trong tương lai (hôm nay là {today}).", "Dates in the future cannot be chosen (today is {today}).";
        StatsErrTooLong => "Khoảng thời gian dài nhất là 3 năm ({days} ngày).", "The longest range is 3 years ({days} days).";
        StatsUrlIgnored => "Liên kết có tham số không hợp lệ nên đã được bỏ qua: {params}. Trang hiển thị giá trị mặc định (30 ngày gần nhất).", "Some link parameters were not valid and were ignored: {params}. The page shows the defaults (the last 30 days).";
        MetricVisitors => "Khách truy cập", "Visitors";
        MetricVisits => "Lượt truy cập", "Visits";
        MetricPageviews => "Lượt xem trang", "Pageviews";
        MetricBounceRate => "Tỷ lệ thoát", "Bounce rate";
        MetricVisitDuration => "Thời gian trung bình", "Average visit duration";
        StatsVisitorsSummed => "cộng theo từng ngày", "summed day by day";
        StatsCardsLabel => "Chỉ số chính — chọn một chỉ số để xem biểu đồ", "Key figures — choose one to chart it";
        StatsChangeUp => "Tăng {pct} so với kỳ trước", "Up {pct} on the previous period";
        StatsChangeDown => "Giảm {pct} so với kỳ trước", "Down {pct} on the previous period";
        StatsChangeSame => "không đổi", "unchanged";
        StatsChangeSameLong => "Không đổi so với kỳ trước", "Unchanged from the previous period";
        StatsChangeNone => "Kỳ trước chưa có số liệu để so sánh", "No figures in the previous period to compare with";
        StatsPreviousValue => "Kỳ trước: {value}", "Previous period: {value}";
        StatsBots => "Đã lọc {n} lượt xem của bot", "{n} pageviews by bots filtered out";
        StatsBotsHint => "(không tính vào số liệu nào trên trang)", "(not in any figure on this page)";
        StatsVisitorsHow => "Khách truy cập được đếm như thế nào?", "How are visitors counted?";
        StatsVisitorsExplain1 => "Cổng không dùng cookie. Trong một ngày, một khách được nhận ra bằng mã băm một chiều của trang, địa chỉ IP và trình duyệt, với khoá đổi mới hằng ngày; địa chỉ IP không được lưu.", "The portal uses no cookies. Within a day a visitor is recognised by a one-way hash of the site, IP address and browser, with a key renewed daily; the IP address is never stored.";
        StatsVisitorsExplain2 => "Vì vậy, với khoảng thời gian dài hơn một ngày, «Khách truy cập» là tổng số khách của từng ngày: một người quay lại vào ngày khác được đếm thêm một lần. Đây không phải số người khác nhau trong cả khoảng thời gian.", "So for a range longer than a day, “Visitors” is the sum of each day's visitors: someone who comes back on another day counts again. It is not the number of different people over the whole range.";
        StatsVisitorsExplain3 => "Một lượt truy cập kết thúc sau 30 phút không hoạt động; tải lại trang chỉ tăng lượt xem trang. Tỷ lệ thoát là phần trăm lượt truy cập chỉ xem một trang.", "A visit ends after 30 minutes without activity; reloading a page only adds a pageview. The bounce rate is the share of visits that saw a single page.";
        StatsChartHeading => "{metric} theo {interval}", "{metric} by {interval}";
        IntervalHour => "giờ", "hour";
        IntervalDay => "ngày", "day";
        IntervalWeek => "tuần", "week";
        IntervalMonth => "tháng", "month";
        StatsIntervalLabel => "Xem theo", "Group by";
        StatsIntervalHourOff => "Chỉ xem theo giờ được với khoảng tối đa 31 ngày.", "The hourly view needs a range of at most 31 days.";
        StatsDownloadCsv => "Tải CSV", "Download CSV";
        StatsDownloadCsvOf => "Tải CSV: {what}", "Download CSV: {what}";
        StatsEmptyTitle => "Chưa có lượt truy cập nào trong khoảng thời gian này", "No visits in this date range";
        StatsEmptyHint => "Hãy chọn khoảng thời gian khác. Nếu Cổng vẫn có người đọc, hãy kiểm tra mã theo dõi đã được gắn vào các trang.", "Choose another range. If the portal does have readers, check that the tracking snippet is on its pages.";
        StatsLoadingNew => "Đang tải số liệu mới…", "Loading new figures…";
        StatsBreakdownsHeading => "Chi tiết theo nội dung, nguồn và thiết bị", "By content, source and device";
        DimArticles => "Bài viết xem nhiều", "Top articles";
        DimPages => "Trang xem nhiều", "Top pages";
        DimSources => "Nguồn truy cập", "Sources";
        DimReferrers => "Trang web dẫn đến", "Referring sites";
        DimDevices => "Thiết bị", "Devices";
        DimBrowsers => "Trình duyệt", "Browsers";
        StatsBreakdownEmpty => "Chưa có dữ liệu trong khoảng thời gian này.", "No data in this range.";
        StatsUnitVisitors => "khách", "visitors";
        StatsShareOf => "{share} tổng số khách", "{share} of all visitors";
        StatsColItem => "Mục", "Item";
        StatsColShare => "Tỷ lệ (%)", "Share (%)";
        StatsRealtime => "Đang truy cập (5 phút qua)", "Right now (last 5 minutes)";
        StatsRealtimePageviews => "{n} lượt xem trang", "{n} pageviews";
        StatsRealtimeBots => "{n} lượt xem của bot đã lọc", "{n} bot pageviews filtered";
        StatsRealtimeUpdated => "Cập nhật lúc {time}, tự làm mới mỗi 30 giây.", "Updated at {time}; refreshes every 30 seconds.";
        StatsRealtimePages => "Trang đang được xem", "Pages being read";
        StatsRealtimeMinutes => "Lượt xem trang từng phút", "Pageviews per minute";
        StatsRealtimeNone => "Không có ai truy cập trong 5 phút qua.", "Nobody visited in the last 5 minutes.";
        ChartKeyboardHint => "Chọn biểu đồ rồi dùng phím ← → (Home, End) để đọc từng mốc.", "Focus the chart and use ← → (Home, End) to read each point.";
        ChartCurrent => "Kỳ này", "This period";
        ChartPrevious => "Kỳ trước", "Previous period";
        ChartShowTable => "Xem dạng bảng", "Show as table";
        ChartHideTable => "Ẩn bảng", "Hide table";
        ChartColWhen => "Thời điểm", "Time";
        ChartColPreviousWhen => "Thời điểm kỳ trước", "Previous period time";
        ChartColPrevious => "{name} kỳ trước", "{name}, previous period";
        ChartPointSentence => "{when}, {name}: {value}. Kỳ trước ({previous_when}): {previous}.", "{when}, {name}: {value}. Previous period ({previous_when}): {previous}.";
        ChartUnitSeconds => "giây", "seconds";
        SparklineLabel => "{name} từ {from} đến {to}: thấp nhất {min}, cao nhất {max}, gần nhất {last}.", "{name} from {from} to {to}: lowest {min}, highest {max}, latest {last}.";
        DashStatsHeading => "Khách truy cập 30 ngày qua", "Visitors, last 30 days";
        DashStatsToday => "Hôm nay", "Today";
        DashStatsTotal => "Tổng 30 ngày (cộng theo từng ngày): {n}", "30-day total (summed day by day): {n}";
        DashStatsLink => "Xem thống kê truy cập", "Open visitor statistics";
    }
}

messages! {
    /// The annual operation plan.
    PlanMsg {
        // Plan
        PlanIntro => "Kế hoạch của Ban Biên tập trình Giám đốc phê duyệt (Quyết định 2474/QĐ-BHXH). Bản đã duyệt chỉ đọc; muốn thay đổi, hãy mở phiên bản sửa đổi.", "The board's plan, approved by the Director (Decision 2474/QĐ-BHXH). An approved version is read-only; changes go into an amended version.";
        PlanStateDraft => "Bản nháp", "Draft";
        PlanStateSubmitted => "Chờ Giám đốc duyệt", "Waiting for the Director";
        PlanStateApproved => "Đã duyệt — đang có hiệu lực", "Approved — in force";
        PlanStateSuperseded => "Đã được thay thế", "Superseded";
        PlanAwaitingHeading => "Kế hoạch chờ Giám đốc duyệt", "Plans waiting for the Director";
        PlanAwaitingItem => "Kế hoạch năm {year}, phiên bản {n} — trình ngày {date}", "{year} plan, version {n} — submitted on {date}";
        PlanOpenToDecide => "Xem và quyết định", "Review and decide";
        PlanCreateYear => "Năm kế hoạch", "Plan year";
        PlanCreate => "Tạo kế hoạch năm {year}", "Create the {year} plan";
        PlanCreated => "Đã tạo kế hoạch năm {year}: bản nháp với các dịp kỷ niệm điền sẵn.", "The {year} plan was created: a draft with the occasions filled in.";
        PlanYearInvalid => "Năm phải từ 2020 đến 2100.", "The year must be between 2020 and 2100.";
        PlanYearsHeading => "Các năm kế hoạch", "Plans by year";
        PlanYearHeading => "Năm {year}", "Year {year}";
        PlanNone => "Chưa có kế hoạch nào", "No plans yet";
        PlanNoneHint => "Ban Biên tập bắt đầu bằng nút “Tạo kế hoạch năm …”.", "The board starts with the “Create the … plan” button.";
        PlanColVersion => "Phiên bản", "Version";
        PlanColState => "Trạng thái", "State";
        PlanColUpdated => "Cập nhật", "Updated";
        PlanColSubmitted => "Ngày trình", "Submitted";
        PlanColApproved => "Ngày duyệt", "Approved";
        PlanColYearNorms => "Định mức cả năm (tin / bài)", "Year's norms (news / articles)";
        PlanVersionN => "Phiên bản {n}", "Version {n}";
        PlanVersionOption => "Phiên bản {n} — {state}", "Version {n} — {state}";
        PlanBackToList => "← Danh sách kế hoạch", "← All plans";
        PlanDocHeading => "Kế hoạch hoạt động năm {year}", "Annual operation plan {year}";
        PlanMetaUpdated => "Phiên bản {n} · cập nhật lần cuối {when} bởi {who}", "Version {n} · last updated {when} by {who}";
        PlanVersionSelect => "Chọn phiên bản", "Version";
        PlanPrint => "In / Print", "Print";
        PlanAmend => "Sửa đổi", "Amend";
        PlanAmendHint => "Mở phiên bản mới (bản nháp) để sửa; phiên bản đang có hiệu lực giữ nguyên đến khi bản mới được duyệt.", "Opens a new version (a draft) to change; the version in force stays until the new one is approved.";
        PlanAmended => "Đã mở phiên bản {n} để sửa đổi.", "Version {n} is open for amendment.";
        PlanReadOnlyApproved => "Phiên bản đã duyệt chỉ đọc. Muốn thay đổi, hãy dùng “Sửa đổi”.", "An approved version is read-only. Use “Amend” to change it.";
        PlanReadOnlySubmitted => "Kế hoạch đang chờ Giám đốc duyệt nên không sửa được.", "The plan is waiting for the Director and cannot be edited.";
        PlanReadOnlySuperseded => "Phiên bản này đã được thay thế bởi một phiên bản mới hơn.", "A later version has replaced this one.";
        PlanReadOnlyDraft => "Bản nháp do Ban Biên tập soạn; bạn chỉ có quyền xem.", "A draft of the board; you may only read it.";
        PlanReturnedHeading => "Giám đốc đã trả lại kế hoạch với ý kiến", "The Director returned the plan with this comment";
        PlanObjectives => "Mục tiêu", "Objectives";
        PlanRoyaltyBudget => "Kinh phí nhuận bút cả năm (đồng)", "Royalty budget for the year (VND)";
        PlanRoyaltyHint => "Nhập chữ số, có thể có dấu chấm phân cách hàng nghìn, ví dụ 180.000.000.", "Digits, optionally grouped with dots, e.g. 180.000.000.";
        PlanBudgetInvalid => "Nhập số tiền bằng chữ số, có thể có dấu chấm phân cách hàng nghìn (ví dụ 180.000.000).", "Enter the amount in digits, optionally grouped with dots (e.g. 180.000.000).";
        PlanCountInvalid => "Nhập một số nguyên không âm.", "Enter a whole number, 0 or more.";
        PlanDateInvalid => "Nhập một ngày hợp lệ.", "Enter a valid date.";
        PlanMonthsHeading => "Kế hoạch theo tháng", "Month by month";
        PlanMonthsHint => "Trên màn hình hẹp, bảng cuộn ngang; cột Tháng luôn hiển thị. Dòng cuối là tổng cả năm, tính ngay khi nhập.", "On narrow screens the table scrolls sideways; the Month column stays. The last row totals the year as you type.";
        PlanColMonth => "Tháng", "Month";
        PlanMonthN => "Tháng {m}", "Month {m}";
        PlanColTheme => "Chủ đề", "Theme";
        PlanColOccasions => "Dịp kỷ niệm, sự kiện", "Occasions";
        PlanColNorms => "Định mức", "Norms";
        PlanColNews => "Tin", "News";
        PlanColArticles => "Bài", "Articles";
        PlanColMedia => "Sản phẩm truyền thông", "Media products";
        PlanColInfographic => "Infographic", "Infographics";
        PlanColMotion => "Motion graphic", "Motion graphics";
        PlanColVideo => "Video", "Videos";
        PlanColPhoto => "Ảnh", "Photos";
        PlanColBanner => "Banner", "Banners";
        PlanColTraining => "Đào tạo, tập huấn", "Training";
        PlanColResponsible => "Người phụ trách", "Responsible";
        PlanTotals => "Cộng cả năm", "Year total";
        PlanOccasionCount => "{n} dịp", "{n} occasions";
        PlanMediaTotal => "{n} sản phẩm truyền thông", "{n} media products";
        PlanOccasionAdd => "+ Thêm dịp", "+ Add occasion";
        PlanOccasionAddTo => "Thêm dịp vào {month}", "Add an occasion to {month}";
        PlanOccasionDateOf => "Ngày của dịp {n}, {month}", "Date of occasion {n}, {month}";
        PlanOccasionNameOf => "Tên dịp {n}, {month}", "Name of occasion {n}, {month}";
        PlanOccasionRemove => "Xoá dịp “{name}”", "Remove the occasion “{name}”";
        PlanSave => "Lưu", "Save";
        PlanSaving => "Đang lưu…", "Saving…";
        PlanSubmitting => "Đang trình…", "Submitting…";
        PlanSaved => "Đã lưu kế hoạch.", "The plan was saved.";
        PlanUnsaved => "Có thay đổi chưa lưu.", "There are unsaved changes.";
        PlanAllSaved => "Mọi thay đổi đã được lưu.", "All changes are saved.";
        PlanErrorsCount => "{n} chỗ cần sửa", "{n} to fix";
        PlanFixFirst => "Hãy sửa các trường được đánh dấu trước khi lưu.", "Fix the marked fields before saving.";
        PlanSubmit => "Trình Giám đốc", "Submit to the Director";
        PlanSubmittedDone => "Đã trình kế hoạch lên Giám đốc.", "The plan went to the Director.";
        PlanSubmitIncomplete => "Kế hoạch chưa đủ nội dung để trình Giám đốc: hãy sửa các trường được đánh dấu.", "The plan is not complete enough for the Director: fix the marked fields.";
        PlanConflictTitle => "Kế hoạch vừa được người khác thay đổi", "Someone else changed this plan";
        PlanConflictIntro => "{who} đã lưu phiên bản này lúc {when}, sau khi bạn mở nó. Thay đổi của bạn chưa được lưu.", "{who} saved this version at {when}, after you opened it. Your changes are not saved.";
        PlanConflictNotDraft => "Phiên bản này không còn là bản nháp nên không lưu đè được.", "This version is no longer a draft, so it cannot be overwritten.";
        PlanConflictReload => "Tải lại bản mới nhất (bỏ thay đổi của tôi)", "Reload the latest (drop my changes)";
        PlanConflictKeep => "Giữ bản của tôi và lưu đè", "Keep mine and save over it";
        PlanDecisionHeading => "Quyết định của Giám đốc", "The Director's decision";
        PlanDecisionIntro => "Kế hoạch năm {year} đang chờ phê duyệt. Xem nội dung bên dưới, rồi phê duyệt hoặc trả lại kèm ý kiến.", "The {year} plan is waiting for approval. Read it below, then approve it or return it with a comment.";
        PlanDecisionComment => "Ý kiến của Giám đốc (bắt buộc khi trả lại)", "The Director's comment (required to return)";
        PlanApprove => "Phê duyệt", "Approve";
        PlanReturn => "Trả lại", "Return";
        PlanApprovedDone => "Đã phê duyệt kế hoạch năm {year}.", "The {year} plan is approved.";
        PlanReturnedDone => "Đã trả lại kế hoạch cho Ban Biên tập.", "The plan went back to the board.";
        PlanCompareHeading => "So sánh hai phiên bản", "Compare two versions";
        PlanCompareFrom => "Phiên bản cũ", "Older version";
        PlanCompareTo => "Phiên bản mới", "Newer version";
        PlanCompareRun => "So sánh", "Compare";
        PlanCompareSame => "Hai phiên bản giống nhau.", "The two versions are the same.";
        PlanCompareOnlyOne => "Năm này mới có một phiên bản.", "This year has only one version.";
        PlanComparePart => "Mục", "Part";
        PlanChangesCount => "{n} mục thay đổi", "{n} changes";
        PlanHistoryHeading => "Lịch sử", "History";
        PlanHistoryCreate => "Tạo kế hoạch", "Created";
        PlanHistoryEdit => "Sửa nội dung", "Edited";
        PlanHistorySubmit => "Trình Giám đốc", "Submitted";
        PlanHistoryApprove => "Phê duyệt", "Approved";
        PlanHistoryReturn => "Trả lại", "Returned";
        PlanHistoryAmend => "Mở phiên bản sửa đổi", "Amendment opened";
        PlanHistorySupersede => "Được thay thế", "Superseded";
        PlanDocAgencyParent => "BẢO HIỂM XÃ HỘI VIỆT NAM", "VIETNAM SOCIAL SECURITY";
        PlanDocAgencyBlank => "BẢO HIỂM XÃ HỘI TỈNH ……………", "PROVINCIAL SOCIAL SECURITY ……………";
        PlanDocNumber => "Số:        /KH-BHXH", "No.:        /KH-BHXH";
        PlanDocNation => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM";
        PlanDocMotto => "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
        PlanDocDraft => "DỰ THẢO", "DRAFT";
        PlanDocTitle => "KẾ HOẠCH HOẠT ĐỘNG NĂM {year}", "ANNUAL OPERATION PLAN {year}";
        PlanDocSubtitle => "của Ban Biên tập Cổng Thông tin điện tử (phiên bản {n})", "of the e-Portal's Editorial Board (version {n})";
        PlanDocObjectives => "I. MỤC TIÊU", "I. OBJECTIVES";
        PlanDocMonths => "II. NỘI DUNG THEO THÁNG", "II. MONTH BY MONTH";
        PlanDocBudget => "III. KINH PHÍ NHUẬN BÚT", "III. ROYALTY BUDGET";
        PlanDocBudgetLine => "Tổng kinh phí nhuận bút dự kiến cả năm:", "Royalty budget for the year:";
        PlanDocEmpty => "(Chưa có nội dung)", "(Not written yet)";
        PlanDocRecipients => "Nơi nhận:", "To:";
        PlanDocRecipientBoard => "- Ban Biên tập Cổng TTĐT;", "- The e-Portal's Editorial Board;";
        PlanDocRecipientArchive => "- Lưu: VT.", "- Archive.";
        PlanDocDirector => "GIÁM ĐỐC", "DIRECTOR";
        PlanDocApprovedOn => "Phê duyệt ngày {date}", "Approved on {date}";
        PlanDocNotApproved => "(Chưa phê duyệt)", "(Not approved)";
        DashPlansTitle => "Kế hoạch chờ duyệt", "Plans waiting for approval";
    }
}

messages! {
    /// The spokesperson.
    SpokespersonMsg {
        // Spokesperson
        SpIntro => "Họ tên, chức vụ, điện thoại, thư điện tử của người phát ngôn được đăng trên Cổng TTĐT (Công văn 3216/BHXH-TT). Hãy cập nhật ngay khi có thay đổi.", "The spokesperson's name, position, phone and e-mail are posted on the e-Portal (Official Dispatch 3216/BHXH-TT). Update them as soon as they change.";
        SpStaleTitle => "Thông tin người phát ngôn cần được xác nhận", "The spokesperson's details need checking";
        SpStale => "Thông tin chưa được xác nhận trong {days} ngày qua. Hãy kiểm tra rồi bấm “Xác nhận thông tin vẫn đúng”, hoặc cập nhật.", "The details have not been confirmed for {days} days. Check them, then press “Confirm the details are still right”, or update them.";
        SpEmpty => "Chưa có thông tin người phát ngôn; Cổng TTĐT chưa thể hiển thị mục này.", "No spokesperson details yet; the e-Portal cannot show them.";
        SpLastUpdated => "Cập nhật lần cuối: {when}, bởi {who}.", "Last updated: {when}, by {who}.";
        SpLastConfirmed => "Xác nhận gần nhất: {when}.", "Last confirmed: {when}.";
        SpPublicUrl => "Cổng TTĐT đọc thông tin này tại địa chỉ:", "The e-Portal reads these details at:";
        SpMain => "Người phát ngôn", "Spokesperson";
        SpDeputy => "Người được ủy quyền phát ngôn", "Authorised deputy";
        SpHasDeputy => "Có người được ủy quyền phát ngôn", "There is an authorised deputy";
        SpNoDeputy => "Không có người được ủy quyền phát ngôn.", "No authorised deputy.";
        SpFullName => "Họ và tên", "Full name";
        SpPosition => "Chức vụ", "Position";
        SpUnit => "Đơn vị", "Unit";
        SpPhone => "Điện thoại", "Phone";
        SpPhoneHint => "Di động: 0 + 9 số (đầu 03, 05, 07, 08, 09); cố định: 02xx + 7–8 số; có thể viết +84 thay cho số 0 đầu.", "Mobile: 0 + 9 digits (03, 05, 07, 08, 09); landline: 02xx + 7–8 digits; +84 may replace the leading 0.";
        SpEmail => "Thư điện tử công vụ", "Official e-mail";
        SpPressInfo => "Thông tin cung cấp cho báo chí", "Information for the press";
        SpPressInfoHint => "Cách liên hệ, giờ tiếp nhận, thủ tục đề nghị cung cấp thông tin.", "How to reach the office, opening hours, how to request information.";
        SpPressNone => "(Chưa có)", "(None yet)";
        SpSave => "Lưu thông tin", "Save the details";
        SpSaving => "Đang lưu…", "Saving…";
        SpSaved => "Đã lưu thông tin người phát ngôn.", "The spokesperson's details were saved.";
        SpFixFirst => "Hãy sửa các trường được đánh dấu rồi lưu lại.", "Fix the marked fields, then save again.";
        SpConfirm => "Xác nhận thông tin vẫn đúng", "Confirm the details are still right";
        SpConfirmed => "Đã xác nhận thông tin người phát ngôn vẫn đúng.", "Confirmed: the details are still right.";
        SpConfirmSaveFirst => "Hãy lưu thay đổi trước khi xác nhận.", "Save your changes before confirming.";
        SpReadOnly => "Bạn chỉ có quyền xem thông tin này.", "You may only read these details.";
        SpConflictTitle => "Thông tin vừa được người khác thay đổi", "Someone else changed the details";
        SpConflictIntro => "{who} đã lưu lúc {when}, sau khi bạn mở trang. Thay đổi của bạn chưa được lưu.", "{who} saved at {when}, after you opened the page. Your changes are not saved.";
        SpConflictReload => "Tải lại thông tin mới nhất (bỏ thay đổi của tôi)", "Reload the latest (drop my changes)";
        SpConflictKeep => "Giữ thông tin của tôi và lưu", "Keep mine and save";
        SpVersionsHeading => "Các phiên bản đã lưu", "Saved versions";
        SpVersionsEmpty => "Chưa có phiên bản nào.", "No versions yet.";
        SpVersionLine => "Phiên bản {n} — {when}, {who}", "Version {n} — {when}, {who}";
        SpVersionCurrent => "(đang dùng)", "(current)";
        DashSpOpen => "Mở trang Người phát ngôn", "Open the spokesperson page";
    }
}

messages! {
    /// The board's duties: my work, norms, quarterly model articles.
    DutiesMsg {
        // Dashboard: norms
        NormsTitle => "Định mức tháng {month}", "Norms for {month}";
        NormsNews => "Tin đã đăng", "News published";
        NormsArticles => "Bài đã đăng", "Articles published";
        NormsOf => "{done} trên {norm}", "{done} of {norm}";
        NormsDaysLeft => "Còn {n} ngày trong tháng.", "{n} days left this month.";
        NormsLastDay => "Hôm nay là ngày cuối tháng.", "Today is the last day of the month.";
        NormsFromPlan => "Theo kế hoạch hoạt động năm {year} đã được Giám đốc duyệt.", "From the {year} operation plan approved by the Director.";
        NormsFromDefault => "Năm {year} chưa có kế hoạch được duyệt: dùng định mức mặc định.", "No approved plan for {year}: default norms.";
        NormsReached => "đạt", "reached";
        // ── duties: my work, norms, quarterly model articles (issue #6) ──
        MyWorkTitle => "Việc của tôi", "My work";
        MyWorkEmpty => "Không có bài nào đang chờ bạn xử lý.", "Nothing is waiting for you.";
        MyWorkNoRole => "Vai trò của bạn không xử lý bài trong quy trình biên tập.", "Your roles take no step in the editorial workflow.";
        MyWorkCount => "{n} bài", "{n} items";
        MyWorkWaiting => "chờ {n} ngày", "waiting {n} days";
        MyWorkToday => "chờ từ hôm nay", "waiting since today";
        MyWorkSeeAll => "Xem cả {n} bài", "See all {n}";
        NormsFromSettings => "Năm {year} chưa có kế hoạch được duyệt: theo định mức đặt cho năm.", "No approved plan for {year}: the norms set for the year.";
        NormsOpenPage => "Xem định mức cả năm", "See the year's norms";
        DashQuarterTitle => "Bài tiêu biểu {quarter}", "Model articles, {quarter}";
        DashQuarterSent => "Đã gửi {sent} trên {target} bài cho Cổng TTĐT BHXH Việt Nam.", "{sent} of {target} sent to the VSS portal board.";
        DashQuarterCandidates => "{n} bài đã đăng được đánh dấu “bài tiêu biểu” trong quý.", "{n} published articles flagged as model examples this quarter.";
        DashQuarterOpen => "Chọn bài và soạn thư", "Choose articles and prepare the e-mail";
        DashPlanTitle => "Kế hoạch hoạt động năm {year}", "Operation plan {year}";
        DashPlanNone => "Chưa lập kế hoạch năm {year}.", "No plan for {year} yet.";
        DashPlanVersion => "Phiên bản {v}: {state}", "Version {v}: {state}";
        DashPlanOpen => "Mở kế hoạch", "Open the plan";
        DashSpTitle => "Người phát ngôn", "Spokesperson";
        DashSpConfirmed => "Thông tin được xác nhận lần cuối ngày {date}.", "Details last confirmed on {date}.";
        NormsPageTitle => "Định mức tin, bài", "News and article norms";
        NormsPageIntro => "Định mức tin, bài hằng tháng (Quyết định 2474/QĐ-BHXH). Năm có kế hoạch hoạt động được Giám đốc duyệt thì theo kế hoạch; nếu chưa có, theo định mức đặt dưới đây; nếu chưa đặt, theo giá trị mặc định của hệ thống (một thiết lập, không phải quy định).", "Monthly norms of news and articles (Decision 2474/QĐ-BHXH). A year with an operation plan approved by the Director follows the plan; otherwise the norms set below; otherwise the system's defaults (a setting, not a rule).";
        NormsYearLabel => "Năm", "Year";
        NormsColMonth => "Tháng", "Month";
        NormsColNewsNorm => "Định mức tin", "News norm";
        NormsColArticleNorm => "Định mức bài", "Article norm";
        NormsColSource => "Theo", "From";
        NormsSourcePlan => "Kế hoạch", "Plan";
        NormsSourceSettings => "Định mức đặt", "Set norms";
        NormsSourceDefault => "Mặc định", "Default";
        NormsWholeYear => "Cả năm", "Whole year";
        NormsProgressHeading => "Kết quả từng tháng năm {year}", "Month by month, {year}";
        NormsProgressCaption => "Tin, bài đã đăng so với định mức, theo ngày đăng (giờ Việt Nam).", "News and articles published against the norms, by publication day (Vietnam time).";
        NormsSettingsHeading => "Định mức đặt cho năm {year}", "Norms set for {year}";
        NormsSettingsNotSaved => "Chưa đặt: đang dùng giá trị mặc định.", "Not set: the defaults apply.";
        NormsSettingsSaved => "Cập nhật {date} bởi {name}.", "Updated {date} by {name}.";
        NormsPlanOverrides => "Năm {year} có kế hoạch được duyệt: định mức trong kế hoạch được dùng thay cho định mức đặt.", "{year} has an approved plan: its norms are used instead of these.";
        NormsNewsInput => "Định mức tin tháng {m}", "News norm, month {m}";
        NormsArticleInput => "Định mức bài tháng {m}", "Article norm, month {m}";
        NormsInvalid => "Nhập số nguyên từ 0 đến 1.000.", "Enter a whole number from 0 to 1,000.";
        NormsFixErrors => "Có {n} ô chưa hợp lệ, hãy sửa rồi lưu lại.", "{n} fields are invalid: correct them, then save again.";
        NormsSave => "Lưu định mức", "Save the norms";
        NormsSaving => "Đang lưu…", "Saving…";
        NormsSaved => "Đã lưu định mức năm {year}.", "Norms for {year} saved.";
        NormsConflict => "Định mức vừa được người khác thay đổi. Bảng đã tải bản mới nhất; hãy nhập lại thay đổi của bạn.", "Someone else just changed the norms. The latest are loaded; enter your changes again.";
        NormsReadOnly => "Chỉ Trưởng Ban Biên tập và Quản trị hệ thống được đặt định mức.", "Only the chief editor and the administrator set norms.";
        QuarterlyTitle => "Bài tiêu biểu gửi Cổng TTĐT BHXH Việt Nam", "Model articles for the VSS portal";
        QuarterlyIntro => "Theo Công văn 3216/BHXH-TT, mỗi quý gửi khoảng {target} bài tiêu biểu về Ban Biên tập Cổng Thông tin điện tử BHXH Việt Nam ({email}).", "Under Official Dispatch 3216/BHXH-TT, about {target} model articles a quarter go to the VSS portal's editorial board ({email}).";
        QuarterlyPick => "Quý", "Quarter";
        QuarterlyProgress => "Đã gửi {sent} trên {target} bài {quarter}.", "{sent} of {target} sent for {quarter}.";
        QuarterlyCandidates => "Bài tiêu biểu trong quý", "This quarter's model articles";
        QuarterlyCandidatesHint => "Các bài đã đăng trong quý được đánh dấu “Bài tiêu biểu” khi biên tập. Chọn bài để soạn thư.", "Articles published this quarter and flagged “Model example” in the editor. Choose the ones to send.";
        QuarterlyNoCandidates => "Chưa có bài tiêu biểu nào trong quý.", "No model articles this quarter yet.";
        QuarterlyNoCandidatesHint => "Đánh dấu “Bài tiêu biểu” khi biên tập một bài đã đăng để bài xuất hiện ở đây.", "Flag a published article as “Model example” in the editor to see it here.";
        QuarterlySentBadge => "đã gửi", "sent";
        QuarterlyChoose => "Chọn bài “{title}”", "Choose “{title}”";
        QuarterlyMailHeading => "Thư gửi Ban Biên tập Cổng TTĐT BHXH Việt Nam", "The e-mail to the VSS portal board";
        QuarterlyTo => "Gửi đến", "To";
        QuarterlySubject => "Tiêu đề", "Subject";
        QuarterlyBody => "Nội dung", "Body";
        QuarterlyOpenMail => "Mở thư trong chương trình e-mail", "Open in your e-mail program";
        QuarterlySelectFirst => "Chọn ít nhất một bài để soạn thư.", "Choose at least one article to prepare the e-mail.";
        QuarterlyRecordHeading => "Ghi nhận đã gửi", "Record as sent";
        QuarterlyRecordHint => "Sau khi gửi thư, ghi nhận ngày gửi để tính vào chỉ tiêu quý.", "Once the e-mail is sent, record the day so that it counts for the quarter.";
        QuarterlySentOn => "Ngày gửi", "Date sent";
        QuarterlyDateMissing => "Chọn ngày đã gửi thư (dd/mm/yyyy).", "Choose the day the e-mail was sent.";
        QuarterlyNote => "Ghi chú (không bắt buộc)", "Note (optional)";
        QuarterlyRecord => "Ghi nhận đã gửi {n} bài", "Record {n} as sent";
        QuarterlyRecorded => "Đã ghi nhận lần gửi {quarter}.", "The submission for {quarter} is recorded.";
        QuarterlyNoRecordRight => "Biên tập viên, Thư ký và Trưởng Ban Biên tập ghi nhận việc gửi.", "Editors, the secretary and the chief editor record submissions.";
        QuarterlyHistory => "Các lần gửi", "Submissions";
        QuarterlyHistoryEmpty => "Chưa có lần gửi nào.", "Nothing sent yet.";
        QuarterlyColArticles => "Bài đã gửi", "Articles sent";
        QuarterlyColBy => "Người ghi nhận", "Recorded by";
        QuarterlyColNote => "Ghi chú", "Note";
    }
}

messages! {
    /// Fraud reports (Official Dispatch 1466).
    FraudMsg {
        // ── fraud reports (Official Dispatch 1466) ──
        FraudTitle => "Báo cáo lừa đảo trực tuyến", "Online fraud reports";
        FraudIntro => "BHXH cơ sở báo cáo các vụ lừa đảo liên quan đến BHXH, BHYT; Trung tâm Công nghệ thông tin xác minh, Trung tâm Truyền thông cảnh báo người dân (Công văn 1466/BHXH-TT).", "Local offices report fraud about social and health insurance; the IT Centre verifies, the Communication Centre warns the public (Official Dispatch 1466/BHXH-TT).";
        FraudNew => "Báo cáo vụ lừa đảo", "Report a fraud";
        FraudFilterState => "Trạng thái", "State";
        FraudFilterChannel => "Kênh lừa đảo", "Channel";
        FraudFilterAll => "Tất cả", "All";
        FraudFilterOpen => "Đang mở (mới, đã xác minh)", "Open (new, verified)";
        FraudFiltersLegend => "Lọc báo cáo", "Filter reports";
        FraudCount => "{total} báo cáo", "{total} reports";
        FraudEmpty => "Chưa có báo cáo lừa đảo nào.", "No fraud reports yet.";
        FraudEmptyHint => "Khi phát hiện lừa đảo liên quan đến BHXH, BHYT, hãy gửi báo cáo để Trung tâm Công nghệ thông tin xác minh.", "When you find fraud about social or health insurance, send a report for the IT Centre to verify.";
        FraudEmptyFiltered => "Không có báo cáo nào khớp bộ lọc.", "No report matches the filters.";
        FraudClearFilters => "Bỏ lọc", "Clear filters";
        FraudColWhen => "Thời điểm xảy ra", "When";
        FraudColWhere => "Địa điểm", "Where";
        FraudColChannel => "Kênh", "Channel";
        FraudColAmount => "Số tiền", "Amount";
        FraudColPeople => "Số người", "People";
        FraudColOffice => "Đơn vị báo cáo", "Reporting office";
        FraudColState => "Trạng thái", "State";
        FraudFormTitle => "Báo cáo vụ lừa đảo trực tuyến", "Report an online fraud";
        FraudFormIntro => "Các trường có dấu * là bắt buộc. Báo cáo được gửi tới Trung tâm Công nghệ thông tin và Trung tâm Truyền thông.", "Fields marked * are required. The report goes to the IT Centre and the Communication Centre.";
        FraudFieldWhen => "Thời điểm xảy ra *", "When it happened *";
        FraudFieldWhenHint => "Giờ Việt Nam (GMT+7); không được ở tương lai.", "Vietnam time (GMT+7); not in the future.";
        FraudFieldWhere => "Địa điểm *", "Where *";
        FraudFieldWhereHint => "Xã, phường, huyện hoặc nơi người dân bị nhắm tới.", "Commune, ward, district or where people were targeted.";
        FraudFieldChannel => "Kênh lừa đảo *", "Channel *";
        FraudFieldWhat => "Diễn biến vụ việc *", "What happened *";
        FraudFieldAmount => "Số tiền bị chiếm đoạt (đồng)", "Amount lost (đồng)";
        FraudFieldAmountHint => "Số nguyên, ví dụ 1234000 hoặc 1.234.000; để 0 nếu chưa có thiệt hại.", "A whole number, e.g. 1234000 or 1.234.000; 0 if nothing was lost.";
        FraudFieldPeople => "Số người bị ảnh hưởng", "People affected";
        FraudFieldEvidence => "Đường dẫn bằng chứng", "Evidence link";
        FraudFieldEvidenceHint => "Không bắt buộc; phải bắt đầu bằng http:// hoặc https://.", "Optional; must start with http:// or https://.";
        FraudFieldOffice => "Đơn vị báo cáo *", "Reporting office *";
        FraudAmountNotNumber => "Số tiền phải là số nguyên không âm (đơn vị đồng).", "The amount must be a whole number of đồng, not negative.";
        FraudPeopleNotNumber => "Số người phải là số nguyên không âm.", "People affected must be a whole number, not negative.";
        FraudWhenInvalid => "Vui lòng chọn ngày và giờ xảy ra.", "Choose the date and time it happened.";
        FraudSubmit => "Gửi báo cáo", "Send the report";
        FraudSending => "Đang gửi…", "Sending…";
        FraudFiled => "Đã gửi báo cáo. Trung tâm Công nghệ thông tin sẽ xác minh.", "Report sent. The IT Centre will verify it.";
        FraudFixFirst => "Hãy sửa các trường được đánh dấu rồi gửi lại.", "Fix the marked fields and send again.";
        FraudDetailTitle => "Báo cáo lừa đảo số {id}", "Fraud report no. {id}";
        FraudNotFound => "Không tìm thấy báo cáo này.", "This report was not found.";
        FraudBack => "← Danh sách báo cáo", "← All reports";
        FraudWhatHeading => "Diễn biến vụ việc", "What happened";
        FraudReportedBy => "Người báo cáo", "Reported by";
        FraudFiledAt => "Gửi lúc", "Filed at";
        FraudNone => "Không có", "None";
        FraudEvidenceNote => "Đường dẫn có thể dẫn tới trang lừa đảo: chỉ mở trong môi trường an toàn.", "The link may lead to a fraudulent page: open it only somewhere safe.";
        FraudActionsHeading => "Xử lý", "Handling";
        FraudComment => "Ghi chú (không bắt buộc)", "Note (optional)";
        FraudCommentHint => "Ghi chú được lưu vào lịch sử xử lý của báo cáo.", "The note is kept in the report's history.";
        FraudVerify => "Xác nhận đã xác minh", "Mark as verified";
        FraudCommunicate => "Đánh dấu đã truyền thông", "Mark as communicated";
        FraudVerifiedDone => "Đã xác minh báo cáo.", "The report is verified.";
        FraudCommunicatedDone => "Đã đánh dấu báo cáo đã truyền thông.", "The report is marked as communicated.";
        FraudWriteWarning => "Viết bài cảnh báo", "Write a warning article";
        FraudOpenWarning => "Mở bài cảnh báo", "Open the warning article";
        FraudWarningLink => "Bài cảnh báo số {id}", "Warning article no. {id}";
        FraudWarningHeading => "Bài cảnh báo", "Warning article";
        FraudWarningNone => "Chưa có bài cảnh báo.", "No warning article yet.";
        FraudWaitVerify => "Chờ Trung tâm Công nghệ thông tin xác minh.", "Waiting for the IT Centre to verify.";
        FraudWaitCommunicate => "Đã xác minh; chờ Trung tâm Truyền thông cảnh báo người dân.", "Verified; waiting for the Communication Centre to warn the public.";
        FraudDoneHint => "Đã cảnh báo tới người dân.", "The public has been warned.";
        FraudHistoryHeading => "Lịch sử xử lý", "History";
        FraudHistCreate => "Gửi báo cáo", "Filed";
        FraudHistVerify => "Xác minh", "Verified";
        FraudHistCommunicate => "Đã truyền thông", "Communicated";
        FraudHistWarning => "Mở bản nháp bài cảnh báo", "Warning draft opened";
        FraudStale => "Báo cáo vừa được người khác cập nhật; đã tải bản mới nhất.", "Someone else just updated the report; the latest is shown.";
        DashFraudTitle => "Báo cáo lừa đảo đang mở", "Open fraud reports";
        DashFraudNone => "Không có báo cáo lừa đảo nào đang chờ xử lý.", "No fraud report is waiting.";
        DashFraudNew => "{n} mới, chờ xác minh", "{n} new, to verify";
        DashFraudVerified => "{n} đã xác minh, chờ truyền thông", "{n} verified, to communicate";
        DashFraudOpen => "Xem các báo cáo đang mở", "See the open reports";
    }
}

messages! {
    /// Royalties and remuneration.
    RoyaltyMsg {
        // ── royalties ──
        RoyTitle => "Nhuận bút, thù lao", "Royalties and remuneration";
        RoyIntro => "Bảng kê nhuận bút theo tháng đăng bài; số tiền do máy chủ tính theo hệ số và giá trị đơn vị tại ngày đăng.", "The royalty sheet by month of publication; amounts are computed by the server from the coefficient and the unit value on the publication day.";
        RoyMonth => "Tháng", "Month";
        RoyPrint => "In bảng kê", "Print the sheet";
        RoyCsv => "Tải CSV", "Download CSV";
        RoyAgency => "BẢO HIỂM XÃ HỘI TỈNH — BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ", "PROVINCIAL SOCIAL INSURANCE — E-PORTAL EDITORIAL BOARD";
        RoySheetTitle => "Bảng kê nhuận bút, thù lao tháng {month}", "Royalty and remuneration sheet, {month}";
        RoyEmpty => "Không có bài nào đăng trong tháng này.", "No articles were published this month.";
        RoyEmptyHint => "Chọn tháng khác để xem bảng kê.", "Choose another month to see its sheet.";
        RoyTotalRoyalty => "Tổng nhuận bút", "Total royalties";
        RoyTotalRemuneration => "Tổng thù lao", "Total remuneration";
        RoyTotal => "Tổng cộng", "Total";
        RoyUnpaid => "Chưa chi trả", "Unpaid";
        RoyUnassessedNotice => "{n} bài chưa được Trưởng Ban Biên tập chấm hệ số; nhuận bút của các bài này chưa được tính.", "{n} articles have no coefficient from the chief editor yet; their royalties are not computed.";
        RoyByArticle => "Theo bài", "By article";
        RoyByPerson => "Theo người nhận", "By person";
        RoyColNo => "STT", "No.";
        RoyColArticle => "Bài", "Article";
        RoyColPublished => "Ngày đăng", "Published";
        RoyColAuthors => "Người nhận", "Payees";
        RoyColCoefficient => "Hệ số", "Coefficient";
        RoyColRoyalty => "Nhuận bút", "Royalty";
        RoyColRemuneration => "Thù lao", "Remuneration";
        RoyColTotal => "Cộng", "Total";
        RoyColStatus => "Tình trạng", "Status";
        RoyColPerson => "Họ và tên", "Name";
        RoyColShare => "Tỷ lệ", "Share";
        RoyColAmount => "Số tiền", "Amount";
        RoyColKind => "Thể loại", "Kind";
        RoyStatusUnassessed => "Chưa chấm hệ số", "No coefficient yet";
        RoyStatusPaid => "Đã chi trả", "Paid";
        RoyStatusOverdue => "Quá 60 ngày chưa chi trả", "Unpaid over 60 days";
        RoyStatusUnpaid => "Chưa chi trả", "Unpaid";
        RoyPaidOn => "Đã chi trả ngày {date}", "Paid on {date}";
        RoyPay => "Ghi nhận đã chi trả", "Record payment";
        RoyPaidOnLabel => "Ngày chi trả", "Paid on";
        RoyPayConfirm => "Xác nhận", "Confirm";
        RoyPayDateInvalid => "Vui lòng chọn ngày chi trả hợp lệ.", "Choose a valid payment date.";
        RoyPaidSaved => "Đã ghi nhận chi trả nhuận bút.", "Payment recorded.";
        RoyMadeBy => "Người lập bảng", "Prepared by";
        RoyChief => "Trưởng Ban Biên tập", "Chief editor";
        RoySignHint => "(Ký, ghi rõ họ tên)", "(Signature and full name)";
        RoySettingsTitle => "Hệ số và giá trị đơn vị nhuận bút", "Coefficients and unit values";
        RoySettingsHint => "Khung hệ số theo thể loại nằm trong mức trần của Nghị định 18/2014/NĐ-CP; mỗi giá trị đơn vị áp dụng từ ngày hiệu lực cho bài đăng từ ngày đó.", "Coefficient ranges per kind stay within the caps of Decree 18/2014/NĐ-CP; each unit value applies to articles published from its effective date.";
        RoySettingsUpdated => "Cập nhật ngày {date} bởi {who}.", "Updated on {date} by {who}.";
        RoyCoefficientsCaption => "Khung hệ số theo thể loại", "Coefficient ranges per kind";
        RoyUnitValuesCaption => "Giá trị một đơn vị hệ số (đồng)", "Value of one coefficient unit (đồng)";
        RoyMin => "Hệ số tối thiểu", "Minimum";
        RoyMax => "Hệ số tối đa", "Maximum";
        RoyCap => "Mức trần NĐ 18", "Decree 18 cap";
        RoyEffectiveFrom => "Áp dụng từ ngày", "Effective from";
        RoyUnitValue => "Giá trị đơn vị", "Unit value";
        RoyAddUnitValue => "Thêm giá trị đơn vị", "Add a unit value";
        RoyRemove => "Xóa dòng", "Remove";
        RoySettingsSave => "Lưu hệ số và giá trị đơn vị", "Save coefficients and unit values";
        RoySettingsSaved => "Đã lưu cài đặt nhuận bút.", "Royalty settings saved.";
        RoyCoefficientInvalid => "Hệ số phải là số, tối đa một chữ số thập phân (ví dụ 1,5).", "A coefficient is a number with at most one decimal (e.g. 1.5).";
        RoyAmountInvalid => "Số tiền phải là số nguyên đồng.", "An amount is a whole number of đồng.";
        RoyDateInvalid => "Ngày không hợp lệ.", "Invalid date.";
        RoyPanelTitle => "Nhuận bút, thù lao", "Royalty and remuneration";
        RoyCoefficientLabel => "Hệ số nhuận bút", "Royalty coefficient";
        RoyRange => "Trong khung từ {min} đến {max}.", "Within {min} to {max}.";
        RoyNotPublished => "Tính khi bài được đăng", "Computed on publication";
        RoyAuthorsHeading => "Chia cho tác giả", "Split among the authors";
        RoyNoAuthors => "Bài chưa có tác giả.", "The article has no authors.";
        RoyRemunerationsHeading => "Thù lao biên tập, cung cấp tin", "Remuneration for editing and supplying";
        RoyNoRemunerations => "Không có thù lao.", "No remuneration.";
        RoyRemunerationN => "Thù lao {n}", "Remuneration {n}";
        RoyRemName => "Người nhận", "Payee";
        RoyRemRole => "Công việc", "Work";
        RoyRemAmount => "Số tiền (đồng)", "Amount (đồng)";
        RoyRemNote => "Ghi chú", "Note";
        RoyAddRemuneration => "Thêm thù lao", "Add remuneration";
        RoySave => "Lưu nhuận bút", "Save royalty";
        RoySaved => "Đã lưu hệ số và thù lao.", "Coefficient and remuneration saved.";
        RoyOverdueTitle => "Nhuận bút quá 60 ngày chưa chi trả", "Royalties unpaid after 60 days";
        RoyOverdueNone => "Không có nhuận bút nào quá hạn chi trả.", "No royalty is overdue.";
        RoyOverdueCount => "{n} bài đã đăng quá 60 ngày chưa chi trả, tổng {total}.", "{n} articles published over 60 days ago are unpaid, {total} in all.";
        RoyDueOn => "hạn {date}", "due {date}";
        RoyOpenSheet => "Mở bảng kê nhuận bút", "Open the royalty sheet";
        RoyCancel => "Huỷ", "Cancel";
    }
}

messages! {
    /// Required information pages (issue #6).
    InfoMsg {
        // Required information (issue #6)
        InfoTitle => "Thông tin bắt buộc", "Required information";
        InfoIntro => "Cơ cấu tổ chức, liên kết tới cổng thông tin các sở, ngành và hồ sơ đào tạo phải luôn được cập nhật (Nghị định 42/2022/NĐ-CP, Công văn 3216/BHXH-TT).", "The organisation structure, links to the departments' portals and training records must be kept current (Decree 42/2022/ND-CP, Official Dispatch 3216/BHXH-TT).";
        InfoTabsLabel => "Các trang thông tin bắt buộc", "Required information pages";
        InfoTabOrg => "Cơ cấu tổ chức", "Organisation structure";
        InfoTabLinks => "Liên kết", "Links";
        InfoTabTraining => "Đào tạo", "Training";
        InfoLastUpdated => "Cập nhật lần cuối: {date}, bởi {who}.", "Last updated: {date}, by {who}.";
        InfoLastConfirmed => "Xác nhận gần nhất: {date} ({days} ngày trước).", "Last confirmed: {date} ({days} days ago).";
        InfoNever => "Trang này chưa có nội dung.", "This page has no content yet.";
        InfoStaleTitle => "Trang cần được cập nhật", "This page needs updating";
        InfoStale => "Đã {days} ngày trang này chưa được cập nhật hay xác nhận, quá ngưỡng {limit} ngày. Hãy kiểm tra, sửa nếu cần, rồi lưu hoặc bấm “Xác nhận nội dung vẫn đúng”.", "This page has not been updated or confirmed for {days} days, beyond the {limit}-day threshold. Check it, correct it if needed, then save or press “Confirm the content is still right”.";
        InfoStaleEmpty => "Trang chưa có nội dung, Cổng TTĐT chưa thể hiển thị mục này.", "The page has no content yet; the e-Portal cannot show it.";
        InfoThreshold => "Cảnh báo khi quá {n} ngày chưa cập nhật.", "Warns after {n} days without an update.";
        InfoThresholdDefault => "Đây là giá trị mặc định của hệ thống, không phải quy định; quản trị viên có thể thay đổi.", "This is the system's default, not a regulation; an administrator may change it.";
        InfoThresholdSet => "Do quản trị viên thiết lập.", "Set by an administrator.";
        InfoThresholdLabel => "Số ngày trước khi cảnh báo", "Days before warning";
        InfoThresholdSave => "Lưu ngưỡng", "Save threshold";
        InfoThresholdSaved => "Đã lưu ngưỡng cảnh báo.", "Threshold saved.";
        InfoReadOnly => "Bạn chỉ có quyền xem trang này.", "You may only read this page.";
        InfoSave => "Lưu trang", "Save page";
        InfoSaving => "Đang lưu…", "Saving…";
        InfoSaved => "Đã lưu trang.", "Page saved.";
        InfoConfirm => "Xác nhận nội dung vẫn đúng", "Confirm the content is still right";
        InfoConfirmed => "Đã xác nhận nội dung vẫn đúng.", "Confirmed: the content is still right.";
        InfoConfirmSaveFirst => "Hãy lưu thay đổi trước khi xác nhận.", "Save your changes before confirming.";
        InfoFixFirst => "Hãy sửa các trường được đánh dấu trước khi lưu.", "Correct the marked fields before saving.";
        InfoUnsaved => "Có thay đổi chưa lưu.", "Unsaved changes.";
        InfoRemove => "Xoá mục này", "Remove this item";
        InfoConflict => "Trang vừa được {who} lưu lúc {when}, sau khi bạn mở. Thay đổi của bạn chưa được lưu.", "{who} saved this page at {when}, after you opened it. Your changes are not saved.";
        InfoConflictReload => "Tải lại bản mới nhất (bỏ thay đổi của tôi)", "Reload the latest (drop my changes)";
        InfoNotNumber => "Phải là một số.", "Must be a number.";
        InfoBadDate => "Ngày không hợp lệ.", "Invalid date.";
        InfoPublicUrl => "Cổng TTĐT đọc bản tiếng Việt và tiếng Anh tại:", "The e-Portal reads the Vietnamese and English versions at:";
        InfoOrgEmpty => "Chưa có đơn vị nào.", "No units yet.";
        InfoOrgEmptyHint => "Thêm từng phòng, ban với chức năng, lãnh đạo và liên hệ, bằng cả tiếng Việt và tiếng Anh.", "Add each division with its functions, leader and contacts, in Vietnamese and English.";
        InfoOrgAdd => "Thêm đơn vị", "Add a unit";
        InfoOrgItem => "Đơn vị {n}", "Unit {n}";
        InfoLinksEmpty => "Chưa có liên kết nào.", "No links yet.";
        InfoLinksEmptyHint => "Thêm địa chỉ cổng thông tin của các sở, ngành địa phương.", "Add the portals of the local departments.";
        InfoLinksAdd => "Thêm liên kết", "Add a link";
        InfoLinksItem => "Liên kết {n}", "Link {n}";
        InfoTrainingEmpty => "Chưa có buổi đào tạo nào.", "No training sessions yet.";
        InfoTrainingEmptyHint => "Ghi lại từng buổi: ngày, chủ đề, người giảng, người tham gia, số giờ.", "Record each session: date, topic, trainer, participants, hours.";
        InfoTrainingAdd => "Thêm buổi đào tạo", "Add a session";
        InfoTrainingItem => "Buổi {n}", "Session {n}";
        InfoTrainingTotal => "{n} buổi, {hours} giờ.", "{n} sessions, {hours} hours.";
        InfoFieldNameVi => "Tên đơn vị (tiếng Việt)", "Unit name (Vietnamese)";
        InfoFieldNameEn => "Tên đơn vị (tiếng Anh)", "Unit name (English)";
        InfoFieldFunctionsVi => "Chức năng, nhiệm vụ (tiếng Việt)", "Functions and duties (Vietnamese)";
        InfoFieldFunctionsEn => "Chức năng, nhiệm vụ (tiếng Anh)", "Functions and duties (English)";
        InfoFieldLeaderName => "Họ tên lãnh đạo", "Leader's name";
        InfoFieldLeaderPositionVi => "Chức vụ (tiếng Việt)", "Position (Vietnamese)";
        InfoFieldLeaderPositionEn => "Chức vụ (tiếng Anh)", "Position (English)";
        InfoFieldPhone => "Điện thoại", "Phone";
        InfoFieldEmail => "Thư điện tử", "E-mail";
        InfoFieldAddressVi => "Địa chỉ (tiếng Việt)", "Address (Vietnamese)";
        InfoFieldAddressEn => "Địa chỉ (tiếng Anh)", "Address (English)";
        InfoFieldLinkName => "Tên cơ quan", "Agency";
        InfoFieldUrl => "Địa chỉ (http:// hoặc https://)", "Address (http:// or https://)";
        InfoFieldDate => "Ngày", "Date";
        InfoFieldTopic => "Chủ đề", "Topic";
        InfoFieldTrainer => "Người / đơn vị giảng", "Trainer";
        InfoFieldParticipants => "Thành phần tham gia", "Participants";
        InfoFieldParticipantCount => "Số người", "Number of people";
        InfoFieldHours => "Số giờ", "Hours";
        InfoCheckNow => "Kiểm tra ngay", "Check now";
        InfoChecking => "Đang kiểm tra các liên kết…", "Checking the links…";
        InfoChecked => "Đã kiểm tra: {alive} hoạt động, {dead} không truy cập được.", "Checked: {alive} working, {dead} unreachable.";
        InfoCheckHint => "Máy chủ tự kiểm tra định kỳ; chỉ địa chỉ http(s), không vào mạng nội bộ.", "The server checks regularly by itself; http(s) only, never the internal network.";
        InfoLinkAlive => "Hoạt động (mã {code}) — kiểm tra lúc {when}", "Working (status {code}) — checked {when}";
        InfoLinkDead => "Không truy cập được: {error} — kiểm tra lúc {when}", "Unreachable: {error} — checked {when}";
        InfoLinkUnchecked => "Chưa kiểm tra", "Not checked yet";
        DashInfoTitle => "Thông tin bắt buộc cần cập nhật", "Required information to update";
        DashInfoAllCurrent => "Các trang thông tin bắt buộc đều đang được cập nhật.", "Every required information page is current.";
        DashInfoStale => "{days} ngày chưa cập nhật (ngưỡng {limit} ngày)", "{days} days without an update (threshold {limit} days)";
        DashInfoNever => "chưa có nội dung", "no content yet";
        DashInfoDead => "{n} liên kết không truy cập được", "{n} links unreachable";
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

    /// Every string of every set: (name, Vietnamese, English).
    fn every_message() -> Vec<(String, &'static str, &'static str)> {
        fn of<M: Text>(
            all: &[M],
        ) -> impl Iterator<Item = (String, &'static str, &'static str)> + '_ {
            all.iter().map(|m| (format!("{m:?}"), m.vi(), m.en()))
        }
        of(Msg::ALL)
            .chain(of(DashboardMsg::ALL))
            .chain(of(BoardMsg::ALL))
            .chain(of(ArticleMsg::ALL))
            .chain(of(AdminMsg::ALL))
            .chain(of(StatsMsg::ALL))
            .chain(of(PlanMsg::ALL))
            .chain(of(SpokespersonMsg::ALL))
            .chain(of(DutiesMsg::ALL))
            .chain(of(FraudMsg::ALL))
            .chain(of(RoyaltyMsg::ALL))
            .chain(of(InfoMsg::ALL))
            .collect()
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let all = every_message();
        assert!(all.len() > 900, "{} messages", all.len());
        for (name, vi, en) in all {
            for (lang, text) in [("vi", vi), ("en", en)] {
                assert!(!text.trim().is_empty(), "{name} is empty in {lang}");
                assert_eq!(text, text.trim(), "{name} has stray spaces in {lang}");
            }
        }
    }

    #[test]
    fn message_names_are_unique_across_sets() {
        let mut names: Vec<String> = every_message().into_iter().map(|m| m.0).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn placeholders_match_between_languages() {
        for (name, vi, en) in every_message() {
            let mut vi = placeholders(vi);
            let mut en = placeholders(en);
            vi.sort();
            en.sort();
            assert_eq!(vi, en, "{name}");
        }
    }

    #[test]
    fn vietnamese_is_really_vietnamese() {
        // A forgotten translation shows as the English text copied into the Vietnamese column.
        let allowed = ["Menu", "—"];
        for (name, vi, en) in every_message() {
            assert!(
                vi != en || allowed.contains(&vi),
                "untranslated: {name} {vi}"
            );
        }
    }

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
