//! The charts' own strings (they travel with the chart code, into the chunk of the page that
//! draws one).

use crate::i18n::messages;

messages! {
    /// What the charts say and show besides the data.
    ChartMsg {
        ShareOf => "{share} tổng số khách", "{share} of all visitors";
        KeyboardHint => "Chọn biểu đồ rồi dùng phím ← → (Home, End) để đọc từng mốc.", "Focus the chart and use ← → (Home, End) to read each point.";
        Current => "Kỳ này", "This period";
        Previous => "Kỳ trước", "Previous period";
        ShowTable => "Xem dạng bảng", "Show as table";
        HideTable => "Ẩn bảng", "Hide table";
        ColWhen => "Thời điểm", "Time";
        ColPreviousWhen => "Thời điểm kỳ trước", "Previous period time";
        ColPrevious => "{name} kỳ trước", "{name}, previous period";
        PointSentence => "{when}, {name}: {value}. Kỳ trước ({previous_when}): {previous}.", "{when}, {name}: {value}. Previous period ({previous_when}): {previous}.";
        UnitSeconds => "giây", "seconds";
    }
}
