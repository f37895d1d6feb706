//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// The spokesperson.
    SpokespersonMsg {
        // Spokesperson
        Intro => "Họ tên, chức vụ, điện thoại, thư điện tử của người phát ngôn được đăng trên Cổng TTĐT (Công văn 3216/BHXH-TT). Hãy cập nhật ngay khi có thay đổi.", "The spokesperson's name, position, phone and e-mail are posted on the e-Portal (Official Dispatch 3216/BHXH-TT). Update them as soon as they change.";
        StaleTitle => "Thông tin người phát ngôn cần được xác nhận", "The spokesperson's details need checking";
        Stale => "Thông tin chưa được xác nhận trong {days} ngày qua. Hãy kiểm tra rồi bấm “Xác nhận thông tin vẫn đúng”, hoặc cập nhật.", "The details have not been confirmed for {days} days. Check them, then press “Confirm the details are still right”, or update them.";
        Empty => "Chưa có thông tin người phát ngôn; Cổng TTĐT chưa thể hiển thị mục này.", "No spokesperson details yet; the e-Portal cannot show them.";
        LastUpdated => "Cập nhật lần cuối: {when}, bởi {who}.", "Last updated: {when}, by {who}.";
        LastConfirmed => "Xác nhận gần nhất: {when}.", "Last confirmed: {when}.";
        PublicUrl => "Cổng TTĐT đọc thông tin này tại địa chỉ:", "The e-Portal reads these details at:";
        Main => "Người phát ngôn", "Spokesperson";
        Deputy => "Người được ủy quyền phát ngôn", "Authorised deputy";
        HasDeputy => "Có người được ủy quyền phát ngôn", "There is an authorised deputy";
        NoDeputy => "Không có người được ủy quyền phát ngôn.", "No authorised deputy.";
        FullName => "Họ và tên", "Full name";
        Position => "Chức vụ", "Position";
        Unit => "Đơn vị", "Unit";
        Phone => "Điện thoại", "Phone";
        PhoneHint => "Di động: 0 + 9 số (đầu 03, 05, 07, 08, 09); cố định: 02xx + 7–8 số; có thể viết +84 thay cho số 0 đầu.", "Mobile: 0 + 9 digits (03, 05, 07, 08, 09); landline: 02xx + 7–8 digits; +84 may replace the leading 0.";
        Email => "Thư điện tử công vụ", "Official e-mail";
        PressInfo => "Thông tin cung cấp cho báo chí", "Information for the press";
        PressInfoHint => "Cách liên hệ, giờ tiếp nhận, thủ tục đề nghị cung cấp thông tin.", "How to reach the office, opening hours, how to request information.";
        PressNone => "(Chưa có)", "(None yet)";
        Save => "Lưu thông tin", "Save the details";
        Saving => "Đang lưu…", "Saving…";
        Saved => "Đã lưu thông tin người phát ngôn.", "The spokesperson's details were saved.";
        FixFirst => "Hãy sửa các trường được đánh dấu rồi lưu lại.", "Fix the marked fields, then save again.";
        Confirm => "Xác nhận thông tin vẫn đúng", "Confirm the details are still right";
        Confirmed => "Đã xác nhận thông tin người phát ngôn vẫn đúng.", "Confirmed: the details are still right.";
        ConfirmSaveFirst => "Hãy lưu thay đổi trước khi xác nhận.", "Save your changes before confirming.";
        ReadOnly => "Bạn chỉ có quyền xem thông tin này.", "You may only read these details.";
        ConflictTitle => "Thông tin vừa được người khác thay đổi", "Someone else changed the details";
        ConflictIntro => "{who} đã lưu lúc {when}, sau khi bạn mở trang. Thay đổi của bạn chưa được lưu.", "{who} saved at {when}, after you opened the page. Your changes are not saved.";
        ConflictReload => "Tải lại thông tin mới nhất (bỏ thay đổi của tôi)", "Reload the latest (drop my changes)";
        ConflictKeep => "Giữ thông tin của tôi và lưu", "Keep mine and save";
        VersionsHeading => "Các phiên bản đã lưu", "Saved versions";
        VersionsEmpty => "Chưa có phiên bản nào.", "No versions yet.";
        VersionLine => "Phiên bản {n} — {when}, {who}", "Version {n} — {when}, {who}";
        VersionCurrent => "(đang dùng)", "(current)";
        DashSpOpen => "Mở trang Người phát ngôn", "Open the spokesperson page";
    }
}
