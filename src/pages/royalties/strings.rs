//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// Royalties and remuneration.
    RoyaltyMsg {
        // ── royalties ──
        Title => "Nhuận bút, thù lao", "Royalties and remuneration";
        Intro => "Bảng kê nhuận bút theo tháng đăng bài; số tiền do máy chủ tính theo hệ số và giá trị đơn vị tại ngày đăng.", "The royalty sheet by month of publication; amounts are computed by the server from the coefficient and the unit value on the publication day.";
        Month => "Tháng", "Month";
        Print => "In bảng kê", "Print the sheet";
        Csv => "Tải CSV", "Download CSV";
        Agency => "BẢO HIỂM XÃ HỘI TỈNH — BAN BIÊN TẬP CỔNG THÔNG TIN ĐIỆN TỬ", "PROVINCIAL SOCIAL INSURANCE — E-PORTAL EDITORIAL BOARD";
        SheetTitle => "Bảng kê nhuận bút, thù lao tháng {month}", "Royalty and remuneration sheet, {month}";
        Empty => "Không có bài nào đăng trong tháng này.", "No articles were published this month.";
        EmptyHint => "Chọn tháng khác để xem bảng kê.", "Choose another month to see its sheet.";
        TotalRoyalty => "Tổng nhuận bút", "Total royalties";
        TotalRemuneration => "Tổng thù lao", "Total remuneration";
        Total => "Tổng cộng", "Total";
        Unpaid => "Chưa chi trả", "Unpaid";
        UnassessedNotice => "{n} bài chưa được Trưởng Ban Biên tập chấm hệ số; nhuận bút của các bài này chưa được tính.", "{n} articles have no coefficient from the chief editor yet; their royalties are not computed.";
        ByArticle => "Theo bài", "By article";
        ByPerson => "Theo người nhận", "By person";
        ColNo => "STT", "No.";
        ColArticle => "Bài", "Article";
        ColPublished => "Ngày đăng", "Published";
        ColAuthors => "Người nhận", "Payees";
        ColCoefficient => "Hệ số", "Coefficient";
        ColRoyalty => "Nhuận bút", "Royalty";
        ColRemuneration => "Thù lao", "Remuneration";
        ColTotal => "Cộng", "Total";
        ColStatus => "Tình trạng", "Status";
        ColPerson => "Họ và tên", "Name";
        ColShare => "Tỷ lệ", "Share";
        ColAmount => "Số tiền", "Amount";
        ColKind => "Thể loại", "Kind";
        StatusUnassessed => "Chưa chấm hệ số", "No coefficient yet";
        StatusPaid => "Đã chi trả", "Paid";
        StatusOverdue => "Quá 60 ngày chưa chi trả", "Unpaid over 60 days";
        StatusUnpaid => "Chưa chi trả", "Unpaid";
        PaidOn => "Đã chi trả ngày {date}", "Paid on {date}";
        Pay => "Ghi nhận đã chi trả", "Record payment";
        PaidOnLabel => "Ngày chi trả", "Paid on";
        PayConfirm => "Xác nhận", "Confirm";
        PayDateInvalid => "Vui lòng chọn ngày chi trả hợp lệ.", "Choose a valid payment date.";
        PaidSaved => "Đã ghi nhận chi trả nhuận bút.", "Payment recorded.";
        MadeBy => "Người lập bảng", "Prepared by";
        Chief => "Trưởng Ban Biên tập", "Chief editor";
        SignHint => "(Ký, ghi rõ họ tên)", "(Signature and full name)";
        SettingsTitle => "Hệ số và giá trị đơn vị nhuận bút", "Coefficients and unit values";
        SettingsHint => "Khung hệ số theo thể loại nằm trong mức trần của Nghị định 18/2014/NĐ-CP; mỗi giá trị đơn vị áp dụng từ ngày hiệu lực cho bài đăng từ ngày đó.", "Coefficient ranges per kind stay within the caps of Decree 18/2014/NĐ-CP; each unit value applies to articles published from its effective date.";
        SettingsUpdated => "Cập nhật ngày {date} bởi {who}.", "Updated on {date} by {who}.";
        CoefficientsCaption => "Khung hệ số theo thể loại", "Coefficient ranges per kind";
        UnitValuesCaption => "Giá trị một đơn vị hệ số (đồng)", "Value of one coefficient unit (đồng)";
        Min => "Hệ số tối thiểu", "Minimum";
        Max => "Hệ số tối đa", "Maximum";
        Cap => "Mức trần NĐ 18", "Decree 18 cap";
        EffectiveFrom => "Áp dụng từ ngày", "Effective from";
        UnitValue => "Giá trị đơn vị", "Unit value";
        AddUnitValue => "Thêm giá trị đơn vị", "Add a unit value";
        Remove => "Xóa dòng", "Remove";
        SettingsSave => "Lưu hệ số và giá trị đơn vị", "Save coefficients and unit values";
        SettingsSaved => "Đã lưu cài đặt nhuận bút.", "Royalty settings saved.";
        CoefficientInvalid => "Hệ số phải là số, tối đa một chữ số thập phân (ví dụ 1,5).", "A coefficient is a number with at most one decimal (e.g. 1.5).";
        AmountInvalid => "Số tiền phải là số nguyên đồng.", "An amount is a whole number of đồng.";
        DateInvalid => "Ngày không hợp lệ.", "Invalid date.";
        PanelTitle => "Nhuận bút, thù lao", "Royalty and remuneration";
        CoefficientLabel => "Hệ số nhuận bút", "Royalty coefficient";
        Range => "Trong khung từ {min} đến {max}.", "Within {min} to {max}.";
        NotPublished => "Tính khi bài được đăng", "Computed on publication";
        AuthorsHeading => "Chia cho tác giả", "Split among the authors";
        NoAuthors => "Bài chưa có tác giả.", "The article has no authors.";
        RemunerationsHeading => "Thù lao biên tập, cung cấp tin", "Remuneration for editing and supplying";
        NoRemunerations => "Không có thù lao.", "No remuneration.";
        RemunerationN => "Thù lao {n}", "Remuneration {n}";
        RemName => "Người nhận", "Payee";
        RemRole => "Công việc", "Work";
        RemAmount => "Số tiền (đồng)", "Amount (đồng)";
        RemNote => "Ghi chú", "Note";
        AddRemuneration => "Thêm thù lao", "Add remuneration";
        Save => "Lưu nhuận bút", "Save royalty";
        Saved => "Đã lưu hệ số và thù lao.", "Coefficient and remuneration saved.";
        OverdueTitle => "Nhuận bút quá 60 ngày chưa chi trả", "Royalties unpaid after 60 days";
        OverdueNone => "Không có nhuận bút nào quá hạn chi trả.", "No royalty is overdue.";
        OverdueCount => "{n} bài đã đăng quá 60 ngày chưa chi trả, tổng {total}.", "{n} articles published over 60 days ago are unpaid, {total} in all.";
        DueOn => "hạn {date}", "due {date}";
        OpenSheet => "Mở bảng kê nhuận bút", "Open the royalty sheet";
        Cancel => "Huỷ", "Cancel";
    }
}
