//! The strings of the media library (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// The media library.
    MediaMsg {
        Title => "Thư viện media", "Media library";
        Intro => "Ảnh, infographic, video, âm thanh và tài liệu dùng trong bài viết. Tệp được kiểm tra theo nội dung, ảnh được xóa mọi siêu dữ liệu (kể cả vị trí GPS) và có sẵn các cỡ nhỏ hơn.", "Photos, infographics, video, audio and documents used in articles. Files are checked by their content; images lose all metadata (GPS location included) and get smaller sizes.";
        Upload => "Tải tệp lên", "Upload files";
        DropHere => "Kéo thả tệp vào đây, hoặc bấm “Tải tệp lên”.", "Drop files here, or press “Upload files”.";
        DropNow => "Thả để tải lên", "Drop to upload";
        Accepted => "JPEG, PNG, WebP, GIF (tối đa 25 MB); MP4, WebM (1 GB); MP3, M4A (100 MB); PDF (50 MB). Không nhận SVG.", "JPEG, PNG, WebP, GIF (up to 25 MB); MP4, WebM (1 GB); MP3, M4A (100 MB); PDF (50 MB). SVG is not accepted.";
        UploadsHeading => "Tệp đang tải lên", "Uploads";
        Uploading => "Đang tải lên {name}: {percent}%", "Uploading {name}: {percent}%";
        Uploaded => "Đã tải lên", "Uploaded";
        Cancel => "Hủy", "Cancel";
        CancelUpload => "Hủy tải lên {name}", "Cancel uploading {name}";
        Cancelled => "Đã hủy", "Cancelled";
        Dismiss => "Ẩn các tệp đã xong", "Hide finished";
        Search => "Tìm theo tên tệp, mô tả, chú thích", "Search file name, alt text, caption";
        SearchButton => "Tìm", "Search";
        Kind => "Loại", "Kind";
        AllKinds => "Tất cả", "All";
        FiltersLegend => "Lọc thư viện", "Filter the library";
        Count => "{total} tệp", "{total} files";
        Empty => "Thư viện chưa có tệp nào.", "The library has no files yet.";
        EmptyHint => "Tải ảnh, video hoặc tài liệu lên để dùng trong bài viết.", "Upload photos, video or documents to use them in articles.";
        EmptyFiltered => "Không có tệp nào khớp bộ lọc.", "No file matches the filters.";
        ClearFilters => "Bỏ lọc", "Clear filters";
        NoAlt => "Chưa có mô tả ảnh", "No alt text yet";
        DetailHeading => "Chi tiết tệp", "File details";
        Close => "Đóng", "Close";
        FieldAlt => "Mô tả ảnh (alt)", "Alt text";
        FieldAltHint => "Mô tả nội dung cho người dùng trình đọc màn hình; tối đa 300 ký tự.", "Describes the content for screen-reader users; up to 300 characters.";
        FieldCaption => "Chú thích", "Caption";
        Save => "Lưu", "Save";
        Saving => "Đang lưu…", "Saving…";
        Saved => "Đã lưu mô tả và chú thích.", "Alt text and caption saved.";
        Stale => "Người khác vừa sửa tệp này. Đã tải lại bản mới nhất; hãy sửa lại.", "Someone else just changed this file. The latest version is loaded; make your change again.";
        FileInfo => "Thông tin tệp", "File";
        UploadedBy => "Tải lên bởi {name}, {when}", "Uploaded by {name}, {when}";
        PublicLink => "Đường dẫn công khai", "Public link";
        Variants => "Các cỡ ảnh", "Sizes";
        UsedIn => "Đang được dùng ở", "Used in";
        NotUsed => "Chưa được dùng ở đâu.", "Not used anywhere.";
        Replace => "Thay tệp", "Replace file";
        ReplaceHint => "Tệp mới thay tệp cũ ở mọi nơi đang dùng.", "The new file replaces the old one everywhere it is used.";
        Replaced => "Đã thay tệp.", "File replaced.";
        Delete => "Xóa", "Delete";
        ConfirmDelete => "Xóa hẳn {name}? Không thể hoàn tác.", "Delete {name} for good? This cannot be undone.";
        Deleted => "Đã xóa {name}.", "{name} deleted.";
        InUse => "Không thể xóa: tệp đang được dùng ở các nơi sau. Hãy gỡ tệp khỏi đó trước.", "Cannot delete: the file is used in the places below. Remove it from them first.";
        Pick => "Chọn từ thư viện", "Choose from the library";
        PickTitle => "Chọn tệp từ thư viện", "Choose a file from the library";
        ReadOnly => "Bạn chỉ có quyền xem tệp này.", "You may only view this file.";
        ExtrasHeading => "Ảnh đại diện và phụ đề", "Poster and captions";
        ExtrasHeadingAudio => "Phụ đề", "Captions";
        Poster => "Ảnh đại diện (poster)", "Poster";
        PosterHint => "Ảnh hiện trước khi video phát; được xóa siêu dữ liệu như mọi ảnh.", "The image shown before the video plays; its metadata is removed as for any image.";
        PosterNone => "Chưa có ảnh đại diện.", "No poster yet.";
        PosterChoose => "Tải ảnh đại diện…", "Upload a poster…";
        PosterRemove => "Bỏ ảnh đại diện", "Remove the poster";
        PosterSaved => "Đã đặt ảnh đại diện.", "Poster set.";
        PosterRemoved => "Đã bỏ ảnh đại diện.", "Poster removed.";
        PosterAlt => "Ảnh đại diện của {name}", "Poster of {name}";
        Captions => "Phụ đề (WebVTT)", "Captions (WebVTT)";
        CaptionsHint => "Tệp .vtt, UTF-8, tối đa 512 KB; người khiếm thính và người xem không bật tiếng đọc được lời thoại. Tệp .srt cần chuyển sang .vtt trước.", "A .vtt file, UTF-8, up to 512 KB; deaf viewers and those watching without sound read the words. Convert an .srt file to .vtt first.";
        CaptionsNone => "Chưa có phụ đề.", "No captions yet.";
        CaptionsFile => "Xem tệp phụ đề", "Open the captions file";
        CaptionsChoose => "Tải phụ đề…", "Upload captions…";
        CaptionsRemove => "Bỏ phụ đề", "Remove the captions";
        CaptionsSaved => "Đã gắn phụ đề.", "Captions attached.";
        CaptionsRemoved => "Đã bỏ phụ đề.", "Captions removed.";
    }
}
