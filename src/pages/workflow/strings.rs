//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// The editorial workflow and its kanban board.
    WorkflowMsg {
        // Workflow
        WorkflowTitle => "Quy trình biên tập", "Editorial workflow";
        WorkflowIntro => "Tổng quan các giai đoạn (chỉ xem). Mỗi cột liệt kê 10 bài cập nhật gần nhất.", "Read-only overview of the stages. Each column lists the 10 most recently updated articles.";
        WorkflowColumnEmpty => "Không có bài ở giai đoạn này.", "No articles at this stage.";
        SeeAllInStage => "Xem tất cả ({n})", "See all ({n})";
        // Board (kanban)
        Title => "Quy trình biên tập", "Editorial workflow";
        Intro => "Kéo thả thẻ, hoặc dùng menu «Chuyển sang…» hay bàn phím, để chuyển bài sang giai đoạn khác. Khi kéo, chỉ các cột bạn được phép chuyển đến mới sáng lên.", "Drag a card, or use its “Move to…” menu or the keyboard, to move an article to another stage. While dragging, only the columns you may move it to light up.";
        KeyboardHelp => "Bàn phím: trên một thẻ, nhấn Space để nhấc thẻ, mũi tên trái/phải để chọn cột, Enter để thả, Esc để huỷ.", "Keyboard: on a card, press Space to pick it up, Left/Right to choose a column, Enter to drop, Esc to cancel.";
        ColumnsLabel => "Các giai đoạn biên tập", "Editorial stages";
        FilterMine => "Của tôi", "Mine";
        FilterSection => "Chuyên mục", "Section";
        FilterAuthor => "Tác giả", "Author";
        CountLabel => "{shown} trên {total} bài khớp bộ lọc", "{shown} of {total} articles match the filters";
        ColumnEmpty => "Không có bài.", "No articles.";
        ColumnFiltered => "Không có bài khớp bộ lọc.", "No articles match the filters.";
        ShowMore => "Hiện thêm ({n} bài nữa)", "Show more ({n} more)";
        DaysInStage => "{n} ngày ở giai đoạn này", "{n} days in this stage";
        Scheduled => "Hẹn đăng {time}", "Scheduled {time}";
        Comments => "{n} ý kiến", "{n} comments";
        ChecklistOk => "✓ Đạt kiểm tra", "✓ Checklist passes";
        ChecklistFailing => "{n} mục chưa đạt", "{n} items failing";
        MoveMenu => "Chuyển sang…", "Move to…";
        Pending => "Đang chuyển…", "Moving…";
        DropHere => "Thả vào đây", "Drop here";
        DropRefused => "Không được chuyển đến đây", "Not allowed here";
        Moved => "Đã chuyển «{title}» sang {stage}.", "Moved “{title}” to {stage}.";
        MoveFailed => "Không chuyển được «{title}». {reason}", "Could not move “{title}”. {reason}";
        Conflict => "«{title}» vừa được {name} thay đổi lúc {time}. Thẻ đã được cập nhật, vui lòng xem lại rồi thử lại.", "“{title}” was changed by {name} at {time}. The card has been refreshed; check it and try again.";
        PickedUp => "Đã nhấc thẻ «{title}». Có {n} cột có thể chuyển đến: dùng mũi tên trái/phải để chọn, Enter để thả, Esc để huỷ.", "Picked up “{title}”. {n} columns are possible: use Left/Right to choose, Enter to drop, Esc to cancel.";
        NoTargets => "Bạn không thể chuyển «{title}» sang giai đoạn nào.", "You cannot move “{title}” to any stage.";
        Chose => "Cột {stage} ({position}/{of}). Nhấn Enter để thả.", "Column {stage} ({position} of {of}). Press Enter to drop.";
        ChooseFirst => "Hãy chọn cột bằng mũi tên trái hoặc phải trước.", "Choose a column with Left or Right first.";
        Cancelled => "Đã huỷ, «{title}» vẫn ở chỗ cũ.", "Cancelled; “{title}” stays where it was.";
        NotAllowed => "Không được chuyển «{title}» sang {stage}.", "“{title}” may not be moved to {stage}.";
        CommentLabel => "Ý kiến (bắt buộc)", "Comment (required)";
        ReasonLabel => "Lý do (bắt buộc)", "Reason (required)";
        CommentRequired => "Vui lòng nhập ý kiến.", "Please enter a comment.";
        ReasonRequired => "Vui lòng nhập lý do.", "Please enter a reason.";
        DialogMove => "Chuyển «{title}» từ {from} sang {to}.", "Move “{title}” from {from} to {to}.";
        Confirm => "Xác nhận", "Confirm";
        Cancel => "Huỷ", "Cancel";
        Empty => "Chưa có bài viết nào trên bảng", "The board has no articles yet";
        EmptyHint => "Bài viết sẽ hiện ở đây khi tác giả tạo bản nháp.", "Articles appear here once an author creates a draft.";
    }
}
