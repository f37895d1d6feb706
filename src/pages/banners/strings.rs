//! The strings of the banners page and its dashboard tile (their own set, so that they travel
//! with the page's chunk).

use crate::i18n::messages;

messages! {
    /// Banners of the public portal.
    BannerMsg {
        Title => "Banner trên cổng thông tin", "Portal banners";
        Intro => "Banner hiển thị ảnh từ thư viện media ở một vị trí của cổng thông tin, kèm liên kết, từ ngày bắt đầu đến hết ngày kết thúc (giờ Việt Nam). Số thứ tự nhỏ hiển thị trước.", "A banner shows an image of the media library in a place of the portal, with a link, from its first to its last day (Vietnam time). Smaller numbers show first.";
        New => "Thêm banner", "Add a banner";
        FiltersLegend => "Lọc banner", "Filter banners";
        FilterPlacement => "Vị trí", "Placement";
        FilterStatus => "Tình trạng", "Status";
        FilterAll => "Tất cả", "All";
        Count => "{total} banner", "{total} banners";
        Empty => "Chưa có banner nào.", "No banners yet.";
        EmptyHint => "Chọn “Thêm banner”, lấy một ảnh trong thư viện media và đặt ngày hiển thị.", "Choose “Add a banner”, take an image of the media library and set the days it shows.";
        EmptyFiltered => "Không có banner nào khớp bộ lọc.", "No banner matches the filters.";
        ClearFilters => "Bỏ lọc", "Clear filters";
        ColImage => "Ảnh", "Image";
        ColTitle => "Tiêu đề và liên kết", "Title and link";
        ColPlacement => "Vị trí", "Placement";
        ColDays => "Thời gian hiển thị", "Shown";
        ColPosition => "Thứ tự", "Order";
        ColStatus => "Tình trạng", "Status";
        ColActions => "Thao tác", "Actions";
        Edit => "Sửa", "Edit";
        EditNamed => "Sửa banner “{title}”", "Edit the banner “{title}”";
        Delete => "Xóa", "Delete";
        DeleteNamed => "Xóa banner “{title}”", "Delete the banner “{title}”";
        ConfirmDelete => "Xóa banner “{title}”? Ảnh vẫn được giữ trong thư viện media.", "Delete the banner “{title}”? The image stays in the media library.";
        Deleted => "Đã xóa banner “{title}”.", "The banner “{title}” is deleted.";
        FormNew => "Thêm banner", "Add a banner";
        FormEdit => "Sửa banner", "Edit the banner";
        FormIntro => "Các trường có dấu * là bắt buộc.", "Fields marked * are required.";
        FieldPlacement => "Vị trí *", "Placement *";
        FieldTitle => "Tiêu đề *", "Title *";
        FieldTitleHint => "Một dòng, tối đa 200 ký tự; cũng là văn bản thay thế của ảnh cho người dùng trình đọc màn hình.", "One line, at most 200 characters; also the image's text for screen reader users.";
        FieldLink => "Liên kết *", "Link *";
        FieldLinkHint => "Địa chỉ bắt đầu bằng http:// hoặc https://.", "An address starting with http:// or https://.";
        FieldStarts => "Ngày bắt đầu *", "First day *";
        FieldEnds => "Ngày kết thúc *", "Last day *";
        DaysChosen => "Hiển thị từ {range} (cả hai ngày).", "Shown {range} (both days included).";
        FieldPosition => "Thứ tự", "Order";
        FieldPositionHint => "Số nguyên từ 0 đến 999; số nhỏ hiển thị trước trong cùng vị trí.", "A whole number from 0 to 999; smaller numbers show first in the same placement.";
        FieldImage => "Ảnh *", "Image *";
        ImageNone => "Chưa chọn ảnh.", "No image chosen.";
        ImageChosen => "Ảnh đã chọn: {name}", "Chosen image: {name}";
        ImagePurpose => "Ảnh banner", "Banner image";
        PositionNotNumber => "Thứ tự phải là số nguyên từ 0 đến 999.", "The order must be a whole number from 0 to 999.";
        DayMissing => "Vui lòng chọn ngày (dd/mm/yyyy).", "Choose a day.";
        ImageMissing => "Vui lòng chọn ảnh từ thư viện media.", "Choose an image of the media library.";
        Save => "Lưu banner", "Save the banner";
        Saving => "Đang lưu…", "Saving…";
        Cancel => "Hủy", "Cancel";
        Created => "Đã thêm banner.", "The banner is added.";
        Saved => "Đã lưu banner.", "The banner is saved.";
        NoChange => "Không có gì thay đổi.", "Nothing changed.";
        FixFirst => "Hãy sửa các trường được đánh dấu rồi lưu lại.", "Fix the marked fields and save again.";
        Stale => "Banner vừa được người khác thay đổi; đã tải bản mới nhất.", "Someone else just changed the banner; the latest is shown.";
        ReadOnly => "Bạn chỉ có quyền xem danh sách banner.", "You may only view the banners.";
        DashTitle => "Banner hết hạn trong tuần", "Banners ending this week";
        DashNone => "Không có banner nào kết thúc trong 7 ngày tới.", "No banner ends in the next 7 days.";
        DashEndsToday => "kết thúc hôm nay", "ends today";
        DashEndsIn => "kết thúc {date} (còn {n} ngày)", "ends {date} ({n} days left)";
        DashMore => "và {n} banner khác", "and {n} more";
        DashOpen => "Xem danh sách banner", "See the banners";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn every_banner_message_has_both_languages_and_the_same_placeholders() {
        for m in BannerMsg::ALL {
            for text in [m.vi(), m.en()] {
                assert!(!text.trim().is_empty(), "{m:?}");
                assert_eq!(text, text.trim(), "{m:?}");
            }
            let (mut vi, mut en) = (placeholders(m.vi()), placeholders(m.en()));
            vi.sort();
            en.sort();
            assert_eq!(vi, en, "{m:?}");
        }
    }
}
