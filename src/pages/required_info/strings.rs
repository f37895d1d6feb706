//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// Required information pages.
    RequiredInfoMsg {
        // Required information
        Title => "Thông tin bắt buộc", "Required information";
        Intro => "Cơ cấu tổ chức, liên kết tới cổng thông tin các sở, ngành và hồ sơ đào tạo phải luôn được cập nhật (Nghị định 42/2022/NĐ-CP, Công văn 3216/BHXH-TT).", "The organisation structure, links to the departments' portals and training records must be kept current (Decree 42/2022/ND-CP, Official Dispatch 3216/BHXH-TT).";
        TabsLabel => "Các trang thông tin bắt buộc", "Required information pages";
        TabOrg => "Cơ cấu tổ chức", "Organisation structure";
        TabLinks => "Liên kết", "Links";
        TabTraining => "Đào tạo", "Training";
        LastUpdated => "Cập nhật lần cuối: {date}, bởi {who}.", "Last updated: {date}, by {who}.";
        LastConfirmed => "Xác nhận gần nhất: {date} ({days} ngày trước).", "Last confirmed: {date} ({days} days ago).";
        Never => "Trang này chưa có nội dung.", "This page has no content yet.";
        StaleTitle => "Trang cần được cập nhật", "This page needs updating";
        Stale => "Đã {days} ngày trang này chưa được cập nhật hay xác nhận, quá ngưỡng {limit} ngày. Hãy kiểm tra, sửa nếu cần, rồi lưu hoặc bấm “Xác nhận nội dung vẫn đúng”.", "This page has not been updated or confirmed for {days} days, beyond the {limit}-day threshold. Check it, correct it if needed, then save or press “Confirm the content is still right”.";
        StaleEmpty => "Trang chưa có nội dung, Cổng TTĐT chưa thể hiển thị mục này.", "The page has no content yet; the e-Portal cannot show it.";
        Threshold => "Cảnh báo khi quá {n} ngày chưa cập nhật.", "Warns after {n} days without an update.";
        ThresholdDefault => "Đây là giá trị mặc định của hệ thống, không phải quy định; quản trị viên có thể thay đổi.", "This is the system's default, not a regulation; an administrator may change it.";
        ThresholdSet => "Do quản trị viên thiết lập.", "Set by an administrator.";
        ThresholdLabel => "Số ngày trước khi cảnh báo", "Days before warning";
        ThresholdSave => "Lưu ngưỡng", "Save threshold";
        ThresholdSaved => "Đã lưu ngưỡng cảnh báo.", "Threshold saved.";
        ReadOnly => "Bạn chỉ có quyền xem trang này.", "You may only read this page.";
        Save => "Lưu trang", "Save page";
        Saving => "Đang lưu…", "Saving…";
        Saved => "Đã lưu trang.", "Page saved.";
        Confirm => "Xác nhận nội dung vẫn đúng", "Confirm the content is still right";
        Confirmed => "Đã xác nhận nội dung vẫn đúng.", "Confirmed: the content is still right.";
        ConfirmSaveFirst => "Hãy lưu thay đổi trước khi xác nhận.", "Save your changes before confirming.";
        FixFirst => "Hãy sửa các trường được đánh dấu trước khi lưu.", "Correct the marked fields before saving.";
        Unsaved => "Có thay đổi chưa lưu.", "Unsaved changes.";
        Remove => "Xoá mục này", "Remove this item";
        Conflict => "Trang vừa được {who} lưu lúc {when}, sau khi bạn mở. Thay đổi của bạn chưa được lưu.", "{who} saved this page at {when}, after you opened it. Your changes are not saved.";
        ConflictReload => "Tải lại bản mới nhất (bỏ thay đổi của tôi)", "Reload the latest (drop my changes)";
        NotNumber => "Phải là một số.", "Must be a number.";
        BadDate => "Ngày không hợp lệ.", "Invalid date.";
        PublicUrl => "Cổng TTĐT đọc bản tiếng Việt và tiếng Anh tại:", "The e-Portal reads the Vietnamese and English versions at:";
        OrgEmpty => "Chưa có đơn vị nào.", "No units yet.";
        OrgEmptyHint => "Thêm từng phòng, ban với chức năng, lãnh đạo và liên hệ, bằng cả tiếng Việt và tiếng Anh.", "Add each division with its functions, leader and contacts, in Vietnamese and English.";
        OrgAdd => "Thêm đơn vị", "Add a unit";
        OrgItem => "Đơn vị {n}", "Unit {n}";
        LinksEmpty => "Chưa có liên kết nào.", "No links yet.";
        LinksEmptyHint => "Thêm địa chỉ cổng thông tin của các sở, ngành địa phương.", "Add the portals of the local departments.";
        LinksAdd => "Thêm liên kết", "Add a link";
        LinksItem => "Liên kết {n}", "Link {n}";
        TrainingEmpty => "Chưa có buổi đào tạo nào.", "No training sessions yet.";
        TrainingEmptyHint => "Ghi lại từng buổi: ngày, chủ đề, người giảng, người tham gia, số giờ.", "Record each session: date, topic, trainer, participants, hours.";
        TrainingAdd => "Thêm buổi đào tạo", "Add a session";
        TrainingItem => "Buổi {n}", "Session {n}";
        TrainingTotal => "{n} buổi, {hours} giờ.", "{n} sessions, {hours} hours.";
        FieldNameVi => "Tên đơn vị (tiếng Việt)", "Unit name (Vietnamese)";
        FieldNameEn => "Tên đơn vị (tiếng Anh)", "Unit name (English)";
        FieldFunctionsVi => "Chức năng, nhiệm vụ (tiếng Việt)", "Functions and duties (Vietnamese)";
        FieldFunctionsEn => "Chức năng, nhiệm vụ (tiếng Anh)", "Functions and duties (English)";
        FieldLeaderName => "Họ tên lãnh đạo", "Leader's name";
        FieldLeaderPositionVi => "Chức vụ (tiếng Việt)", "Position (Vietnamese)";
        FieldLeaderPositionEn => "Chức vụ (tiếng Anh)", "Position (English)";
        FieldPhone => "Điện thoại", "Phone";
        FieldEmail => "Thư điện tử", "E-mail";
        FieldAddressVi => "Địa chỉ (tiếng Việt)", "Address (Vietnamese)";
        FieldAddressEn => "Địa chỉ (tiếng Anh)", "Address (English)";
        FieldLinkName => "Tên cơ quan", "Agency";
        FieldUrl => "Địa chỉ (http:// hoặc https://)", "Address (http:// or https://)";
        FieldDate => "Ngày", "Date";
        FieldTopic => "Chủ đề", "Topic";
        FieldTrainer => "Người / đơn vị giảng", "Trainer";
        FieldParticipants => "Thành phần tham gia", "Participants";
        FieldParticipantCount => "Số người", "Number of people";
        FieldHours => "Số giờ", "Hours";
        CheckNow => "Kiểm tra ngay", "Check now";
        Checking => "Đang kiểm tra các liên kết…", "Checking the links…";
        Checked => "Đã kiểm tra: {alive} hoạt động, {dead} không truy cập được.", "Checked: {alive} working, {dead} unreachable.";
        CheckHint => "Máy chủ tự kiểm tra định kỳ; chỉ địa chỉ http(s), không vào mạng nội bộ.", "The server checks regularly by itself; http(s) only, never the internal network.";
        LinkAlive => "Hoạt động (mã {code}) — kiểm tra lúc {when}", "Working (status {code}) — checked {when}";
        LinkDead => "Không truy cập được: {error} — kiểm tra lúc {when}", "Unreachable: {error} — checked {when}";
        LinkUnchecked => "Chưa kiểm tra", "Not checked yet";
        DashInfoTitle => "Thông tin bắt buộc cần cập nhật", "Required information to update";
        DashInfoAllCurrent => "Các trang thông tin bắt buộc đều đang được cập nhật.", "Every required information page is current.";
        DashInfoStale => "{days} ngày chưa cập nhật (ngưỡng {limit} ngày)", "{days} days without an update (threshold {limit} days)";
        DashInfoNever => "chưa có nội dung", "no content yet";
        DashInfoDead => "{n} liên kết không truy cập được", "{n} links unreachable";
    }
}
