//! Demo data for `--demo`: board members for every role, (by default) 200 articles over every
//! stage, and each feature's own demo data (`<feature>/demo.rs`), seeded here in order.

use crate::state::AppState;

pub use crate::admin::demo::DEMO_PASSWORD;
pub use crate::articles::demo::{generate_articles, DEMO_ARTICLES};

/// Seeds the demo users and articles if the database has no users. Returns the text to print
/// (accounts and the shared password), or `None` when the database was not empty.
pub async fn seed_if_empty(state: &AppState, count: usize) -> Result<Option<String>, String> {
    if state.store.count_users().await.map_err(|e| e.to_string())? > 0 {
        return Ok(None);
    }
    let now = state.clock.now();
    let users = crate::admin::demo::seed_users(state, now).await?;
    let count = crate::articles::demo::seed(state, &users, now, count).await?;
    crate::plans::demo::seed(state, &users, now).await?;
    crate::spokesperson::demo::seed(state, &users, now).await?;
    crate::duties::demo::seed_quarterly(state, &users, now).await?;
    crate::fraud::demo::seed(state, &users, now).await?;
    crate::royalties::demo::seed(state, &users, now).await?;
    crate::required_info::demo::seed(state, &users, now).await?;
    crate::media::demo::seed(state, &users, now).await?;
    // After the media library's: the banner shows one of its images.
    crate::banners::demo::seed(state, &users, now).await?;

    let mut report = format!(
        "Đã tạo dữ liệu mẫu: {} tài khoản, {count} bài viết.\nMật khẩu chung của mọi tài khoản mẫu: {DEMO_PASSWORD}\n",
        users.len()
    );
    for u in &users {
        let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
        report.push_str(&format!(
            "  {:<12} {:<22} {}\n",
            u.username,
            u.full_name,
            roles.join(", ")
        ));
    }
    Ok(Some(report))
}
