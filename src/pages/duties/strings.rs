//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

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
        // ── duties: my work, norms, quarterly model articles ──
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
