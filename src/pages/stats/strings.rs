//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// Visitor statistics and their charts.
    StatsMsg {
        // Stats
        Title => "Thống kê truy cập", "Visitor statistics";
        Intro => "Lượt truy cập Cổng thông tin điện tử theo ngày giờ Việt Nam (UTC+7), đếm không dùng cookie; lượt xem của bot và trình thu thập dữ liệu được lọc riêng.", "Visits to the e-Portal by Vietnam days and hours (UTC+7), counted without cookies; pageviews by bots and crawlers are filtered out.";
        RangeLabel => "Khoảng thời gian", "Date range";
        PresetToday => "Hôm nay", "Today";
        Preset7 => "7 ngày", "7 days";
        Preset30 => "30 ngày", "30 days";
        PresetThisMonth => "Tháng này", "This month";
        PresetLastMonth => "Tháng trước", "Last month";
        PresetThisYear => "Năm nay", "This year";
        Custom => "Tuỳ chọn…", "Custom…";
        CustomLegend => "Khoảng thời gian tuỳ chọn", "Custom date range";
        From => "Từ ngày", "From";
        To => "Đến ngày", "To";
        Apply => "Áp dụng", "Apply";
        CustomChosen => "Đã chọn: {range}", "Chosen: {range}";
        RangeShown => "{from} – {to} ({days} ngày), so với kỳ trước {prev_from} – {prev_to}", "{from} – {to} ({days} days), compared with the previous period {prev_from} – {prev_to}";
        ErrMissing => "Vui lòng chọn cả ngày bắt đầu và ngày kết thúc.", "Please choose both a start and an end date.";
        ErrMalformed => "Ngày không hợp lệ.", "The date is not valid.";
        ErrFromAfterTo => "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.", "The start date must be on or before the end date.";
        ErrFuture => "Không chọn được ngày trong tương lai (hôm nay là {today}).", "Dates in the future cannot be chosen (today is {today}).";
        ErrTooLong => "Khoảng thời gian dài nhất là 3 năm ({days} ngày).", "The longest range is 3 years ({days} days).";
        UrlIgnored => "Liên kết có tham số không hợp lệ nên đã được bỏ qua: {params}. Trang hiển thị giá trị mặc định (30 ngày gần nhất).", "Some link parameters were not valid and were ignored: {params}. The page shows the defaults (the last 30 days).";
        MetricVisitors => "Khách truy cập", "Visitors";
        MetricVisits => "Lượt truy cập", "Visits";
        MetricPageviews => "Lượt xem trang", "Pageviews";
        MetricBounceRate => "Tỷ lệ thoát", "Bounce rate";
        MetricVisitDuration => "Thời gian trung bình", "Average visit duration";
        VisitorsSummed => "cộng theo từng ngày", "summed day by day";
        CardsLabel => "Chỉ số chính — chọn một chỉ số để xem biểu đồ", "Key figures — choose one to chart it";
        ChangeUp => "Tăng {pct} so với kỳ trước", "Up {pct} on the previous period";
        ChangeDown => "Giảm {pct} so với kỳ trước", "Down {pct} on the previous period";
        ChangeSame => "không đổi", "unchanged";
        ChangeSameLong => "Không đổi so với kỳ trước", "Unchanged from the previous period";
        ChangeNone => "Kỳ trước chưa có số liệu để so sánh", "No figures in the previous period to compare with";
        PreviousValue => "Kỳ trước: {value}", "Previous period: {value}";
        Bots => "Đã lọc {n} lượt xem của bot", "{n} pageviews by bots filtered out";
        BotsHint => "(không tính vào số liệu nào trên trang)", "(not in any figure on this page)";
        VisitorsHow => "Khách truy cập được đếm như thế nào?", "How are visitors counted?";
        VisitorsExplain1 => "Cổng không dùng cookie. Trong một ngày, một khách được nhận ra bằng mã băm một chiều của trang, địa chỉ IP và trình duyệt, với khoá đổi mới hằng ngày; địa chỉ IP không được lưu.", "The portal uses no cookies. Within a day a visitor is recognised by a one-way hash of the site, IP address and browser, with a key renewed daily; the IP address is never stored.";
        VisitorsExplain2 => "Vì vậy, với khoảng thời gian dài hơn một ngày, «Khách truy cập» là tổng số khách của từng ngày: một người quay lại vào ngày khác được đếm thêm một lần. Đây không phải số người khác nhau trong cả khoảng thời gian.", "So for a range longer than a day, “Visitors” is the sum of each day's visitors: someone who comes back on another day counts again. It is not the number of different people over the whole range.";
        VisitorsExplain3 => "Một lượt truy cập kết thúc sau 30 phút không hoạt động; tải lại trang chỉ tăng lượt xem trang. Tỷ lệ thoát là phần trăm lượt truy cập chỉ xem một trang.", "A visit ends after 30 minutes without activity; reloading a page only adds a pageview. The bounce rate is the share of visits that saw a single page.";
        ChartHeading => "{metric} theo {interval}", "{metric} by {interval}";
        IntervalHour => "giờ", "hour";
        IntervalDay => "ngày", "day";
        IntervalWeek => "tuần", "week";
        IntervalMonth => "tháng", "month";
        IntervalLabel => "Xem theo", "Group by";
        IntervalHourOff => "Chỉ xem theo giờ được với khoảng tối đa 31 ngày.", "The hourly view needs a range of at most 31 days.";
        DownloadCsv => "Tải CSV", "Download CSV";
        DownloadCsvOf => "Tải CSV: {what}", "Download CSV: {what}";
        EmptyTitle => "Chưa có lượt truy cập nào trong khoảng thời gian này", "No visits in this date range";
        EmptyHint => "Hãy chọn khoảng thời gian khác. Nếu Cổng vẫn có người đọc, hãy kiểm tra mã theo dõi đã được gắn vào các trang.", "Choose another range. If the portal does have readers, check that the tracking snippet is on its pages.";
        LoadingNew => "Đang tải số liệu mới…", "Loading new figures…";
        BreakdownsHeading => "Chi tiết theo nội dung, nguồn và thiết bị", "By content, source and device";
        DimArticles => "Bài viết xem nhiều", "Top articles";
        DimPages => "Trang xem nhiều", "Top pages";
        DimSources => "Nguồn truy cập", "Sources";
        DimReferrers => "Trang web dẫn đến", "Referring sites";
        DimDevices => "Thiết bị", "Devices";
        DimBrowsers => "Trình duyệt", "Browsers";
        BreakdownEmpty => "Chưa có dữ liệu trong khoảng thời gian này.", "No data in this range.";
        UnitVisitors => "khách", "visitors";
        ColItem => "Mục", "Item";
        ColShare => "Tỷ lệ (%)", "Share (%)";
        Realtime => "Đang truy cập (5 phút qua)", "Right now (last 5 minutes)";
        RealtimePageviews => "{n} lượt xem trang", "{n} pageviews";
        RealtimeBots => "{n} lượt xem của bot đã lọc", "{n} bot pageviews filtered";
        RealtimeUpdated => "Cập nhật lúc {time}, tự làm mới mỗi 30 giây.", "Updated at {time}; refreshes every 30 seconds.";
        RealtimePages => "Trang đang được xem", "Pages being read";
        RealtimeMinutes => "Lượt xem trang từng phút", "Pageviews per minute";
        RealtimeNone => "Không có ai truy cập trong 5 phút qua.", "Nobody visited in the last 5 minutes.";
        SparklineLabel => "{name} từ {from} đến {to}: thấp nhất {min}, cao nhất {max}, gần nhất {last}.", "{name} from {from} to {to}: lowest {min}, highest {max}, latest {last}.";
        DashStatsHeading => "Khách truy cập 30 ngày qua", "Visitors, last 30 days";
        DashStatsToday => "Hôm nay", "Today";
        DashStatsTotal => "Tổng 30 ngày (cộng theo từng ngày): {n}", "30-day total (summed day by day): {n}";
        DashStatsLink => "Xem thống kê truy cập", "Open visitor statistics";
    }
}
