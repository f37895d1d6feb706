//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// Fraud reports (Official Dispatch 1466).
    FraudMsg {
        // ── fraud reports (Official Dispatch 1466) ──
        Title => "Báo cáo lừa đảo trực tuyến", "Online fraud reports";
        Intro => "BHXH cơ sở báo cáo các vụ lừa đảo liên quan đến BHXH, BHYT; Trung tâm Công nghệ thông tin xác minh, Trung tâm Truyền thông cảnh báo người dân (Công văn 1466/BHXH-TT).", "Local offices report fraud about social and health insurance; the IT Centre verifies, the Communication Centre warns the public (Official Dispatch 1466/BHXH-TT).";
        New => "Báo cáo vụ lừa đảo", "Report a fraud";
        FilterState => "Trạng thái", "State";
        FilterChannel => "Kênh lừa đảo", "Channel";
        FilterAll => "Tất cả", "All";
        FilterOpen => "Đang mở (mới, đã xác minh)", "Open (new, verified)";
        FiltersLegend => "Lọc báo cáo", "Filter reports";
        Count => "{total} báo cáo", "{total} reports";
        Empty => "Chưa có báo cáo lừa đảo nào.", "No fraud reports yet.";
        EmptyHint => "Khi phát hiện lừa đảo liên quan đến BHXH, BHYT, hãy gửi báo cáo để Trung tâm Công nghệ thông tin xác minh.", "When you find fraud about social or health insurance, send a report for the IT Centre to verify.";
        EmptyFiltered => "Không có báo cáo nào khớp bộ lọc.", "No report matches the filters.";
        ClearFilters => "Bỏ lọc", "Clear filters";
        ColWhen => "Thời điểm xảy ra", "When";
        ColWhere => "Địa điểm", "Where";
        ColChannel => "Kênh", "Channel";
        ColAmount => "Số tiền", "Amount";
        ColPeople => "Số người", "People";
        ColOffice => "Đơn vị báo cáo", "Reporting office";
        ColState => "Trạng thái", "State";
        FormTitle => "Báo cáo vụ lừa đảo trực tuyến", "Report an online fraud";
        FormIntro => "Các trường có dấu * là bắt buộc. Báo cáo được gửi tới Trung tâm Công nghệ thông tin và Trung tâm Truyền thông.", "Fields marked * are required. The report goes to the IT Centre and the Communication Centre.";
        FieldWhen => "Thời điểm xảy ra *", "When it happened *";
        FieldWhenHint => "Giờ Việt Nam (GMT+7); không được ở tương lai.", "Vietnam time (GMT+7); not in the future.";
        FieldWhere => "Địa điểm *", "Where *";
        FieldWhereHint => "Xã, phường, huyện hoặc nơi người dân bị nhắm tới.", "Commune, ward, district or where people were targeted.";
        FieldChannel => "Kênh lừa đảo *", "Channel *";
        FieldWhat => "Diễn biến vụ việc *", "What happened *";
        FieldAmount => "Số tiền bị chiếm đoạt (đồng)", "Amount lost (đồng)";
        FieldAmountHint => "Số nguyên, ví dụ 1234000 hoặc 1.234.000; để 0 nếu chưa có thiệt hại.", "A whole number, e.g. 1234000 or 1.234.000; 0 if nothing was lost.";
        FieldPeople => "Số người bị ảnh hưởng", "People affected";
        FieldEvidence => "Đường dẫn bằng chứng", "Evidence link";
        FieldEvidenceHint => "Không bắt buộc; phải bắt đầu bằng http:// hoặc https://.", "Optional; must start with http:// or https://.";
        FieldOffice => "Đơn vị báo cáo *", "Reporting office *";
        AmountNotNumber => "Số tiền phải là số nguyên không âm (đơn vị đồng).", "The amount must be a whole number of đồng, not negative.";
        PeopleNotNumber => "Số người phải là số nguyên không âm.", "People affected must be a whole number, not negative.";
        WhenInvalid => "Vui lòng chọn ngày và giờ xảy ra.", "Choose the date and time it happened.";
        Submit => "Gửi báo cáo", "Send the report";
        Sending => "Đang gửi…", "Sending…";
        Filed => "Đã gửi báo cáo. Trung tâm Công nghệ thông tin sẽ xác minh.", "Report sent. The IT Centre will verify it.";
        FixFirst => "Hãy sửa các trường được đánh dấu rồi gửi lại.", "Fix the marked fields and send again.";
        DetailTitle => "Báo cáo lừa đảo số {id}", "Fraud report no. {id}";
        NotFound => "Không tìm thấy báo cáo này.", "This report was not found.";
        Back => "← Danh sách báo cáo", "← All reports";
        WhatHeading => "Diễn biến vụ việc", "What happened";
        ReportedBy => "Người báo cáo", "Reported by";
        FiledAt => "Gửi lúc", "Filed at";
        None => "Không có", "None";
        EvidenceNote => "Đường dẫn có thể dẫn tới trang lừa đảo: chỉ mở trong môi trường an toàn.", "The link may lead to a fraudulent page: open it only somewhere safe.";
        ActionsHeading => "Xử lý", "Handling";
        Comment => "Ghi chú (không bắt buộc)", "Note (optional)";
        CommentHint => "Ghi chú được lưu vào lịch sử xử lý của báo cáo.", "The note is kept in the report's history.";
        Verify => "Xác nhận đã xác minh", "Mark as verified";
        Communicate => "Đánh dấu đã truyền thông", "Mark as communicated";
        VerifiedDone => "Đã xác minh báo cáo.", "The report is verified.";
        CommunicatedDone => "Đã đánh dấu báo cáo đã truyền thông.", "The report is marked as communicated.";
        WriteWarning => "Viết bài cảnh báo", "Write a warning article";
        OpenWarning => "Mở bài cảnh báo", "Open the warning article";
        WarningLink => "Bài cảnh báo số {id}", "Warning article no. {id}";
        WarningHeading => "Bài cảnh báo", "Warning article";
        WarningNone => "Chưa có bài cảnh báo.", "No warning article yet.";
        OwnReport => "Bạn đã gửi báo cáo này nên không thể tự xác minh; một cán bộ khác của Trung tâm Công nghệ thông tin sẽ xác minh.", "You filed this report, so you cannot verify it; another IT Centre officer will.";
        WaitVerify => "Chờ Trung tâm Công nghệ thông tin xác minh.", "Waiting for the IT Centre to verify.";
        WaitCommunicate => "Đã xác minh; chờ Trung tâm Truyền thông cảnh báo người dân.", "Verified; waiting for the Communication Centre to warn the public.";
        DoneHint => "Đã cảnh báo tới người dân.", "The public has been warned.";
        HistoryHeading => "Lịch sử xử lý", "History";
        HistCreate => "Gửi báo cáo", "Filed";
        HistVerify => "Xác minh", "Verified";
        HistCommunicate => "Đã truyền thông", "Communicated";
        HistWarning => "Mở bản nháp bài cảnh báo", "Warning draft opened";
        Stale => "Báo cáo vừa được người khác cập nhật; đã tải bản mới nhất.", "Someone else just updated the report; the latest is shown.";
        DashFraudTitle => "Báo cáo lừa đảo đang mở", "Open fraud reports";
        DashFraudNone => "Không có báo cáo lừa đảo nào đang chờ xử lý.", "No fraud report is waiting.";
        DashFraudNew => "{n} mới, chờ xác minh", "{n} new, to verify";
        DashFraudVerified => "{n} đã xác minh, chờ truyền thông", "{n} verified, to communicate";
        DashFraudOpen => "Xem các báo cáo đang mở", "See the open reports";
    }
}
