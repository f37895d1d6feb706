//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// Administration: users, sessions, the audit log, one's own password.
    AdminMsg {
        // Administration
        Title => "Quản trị người dùng", "User administration";
        ColUsername => "Tên đăng nhập", "Username";
        ColFullName => "Họ và tên", "Full name";
        ColRoles => "Vai trò", "Roles";
        ColActive => "Trạng thái", "Status";
        UserActive => "Đang hoạt động", "Active";
        UserInactive => "Đã khoá", "Disabled";
        UsersCount => "{total} người dùng", "{total} users";
        UsersEmpty => "Chưa có người dùng nào", "There are no users yet";
        UsersEmptyHint => "Tài khoản do quản trị hệ thống tạo sẽ hiện ở đây.", "Accounts created by the administrator appear here.";
        // Security: sessions and the audit log
        Sections => "Các mục quản trị", "Administration sections";
        TabUsers => "Người dùng và phiên đăng nhập", "Users and sessions";
        TabAudit => "Nhật ký hệ thống", "Audit log";
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
        NewPasswordHint => "12–256 ký tự; một câu dễ nhớ là mật khẩu tốt. Mật khẩu phổ biến sẽ bị từ chối.", "12–256 characters; a sentence you remember makes a good password. Common passwords are refused.";
        ConfirmPassword => "Nhập lại mật khẩu mới", "Repeat the new password";
        CurrentPasswordRequired => "Vui lòng nhập mật khẩu hiện tại.", "Please enter your current password.";
        NewPasswordWeak => "Mật khẩu mới cần 12–256 ký tự.", "The new password needs 12–256 characters.";
        PasswordMismatch => "Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.";
        PasswordSave => "Đổi mật khẩu", "Change password";
        PasswordSaving => "Đang lưu…", "Saving…";
        PasswordChanged => "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc; phiên này vẫn tiếp tục.", "Password changed. Your other sessions have ended; this one continues.";
    }
}
