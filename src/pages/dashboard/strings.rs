//! The strings of this feature's pages (its own set, so that they travel with its chunk).

use crate::i18n::messages;

messages! {
    /// The dashboard (Tổng quan).
    DashboardMsg {
        // Dashboard
        Title => "Tổng quan", "Overview";
        Welcome => "Xin chào, {name}.", "Hello, {name}.";
        PipelineHeading => "Tin bài theo giai đoạn", "Articles by stage";
        PipelineHint => "Chọn một giai đoạn để xem danh sách bài ở giai đoạn đó.", "Choose a stage to list its articles.";
        ArticleCount => "{n} bài", "{n} articles";
        RecentHeading => "Cập nhật gần đây", "Recently updated";
        RecentEmpty => "Chưa có bài viết nào. Bài mới sẽ hiện ở đây khi được tạo.", "No articles yet. New articles appear here once created.";
        SeeAllArticles => "Xem tất cả bài viết", "See all articles";
        NoArticles => "Tài khoản của bạn không theo dõi tin bài. Hãy dùng menu để mở các chức năng được phân quyền.", "Your account does not follow articles. Use the menu to open the functions you are allowed to use.";
    }
}
