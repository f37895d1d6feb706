//! PostgreSQL databases made by every earlier version upgrade with their data intact. For each
//! migration but the last (read from `migrations/postgres/`, so a new file is covered by
//! itself), a new schema is migrated up to it and every table it has is filled as that version
//! wrote it; the server then opens it (migrating to the latest), and every row is still there,
//! unchanged in every column it had, and readable through the API. A table without a fixture
//! here fails the test: a new table needs one. Runs with `PORTAL_TEST_POSTGRES` (as
//! `cargo xtask test` does).

use crate::common::{cookie_of, new_postgres_schema, password_hash, TestApp, TestDb, PASSWORD};
use axum::http::Method;
use chrono::{TimeZone, Utc};
use portal_server::clock::ManualClock;
use portal_server::config::Config;
use portal_server::store::PgStore;
use serde_json::{json, Map, Value};
use sqlx::migrate::Migrator;
use sqlx::PgPool;
use std::collections::BTreeMap;
use std::sync::Arc;

const MIGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres");

/// The token of the administrator's session the fixtures store (only its SHA-256 is stored).
const ADMIN_TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// Rows for one table as the version that created it wrote them (its columns then, so the same
/// statement fits every later version): applied to every database that has the table.
/// `{hash}` is an Argon2 hash of [`PASSWORD`].
struct Fixture {
    table: &'static str,
    sql: &'static str,
}

const FIXTURES: &[Fixture] = &[
    // 0001: users, sessions, articles and their history, versions, discussion, search, audit.
    Fixture {
        table: "users",
        sql: "INSERT INTO users (username, full_name, email, roles, active, password_hash, \
              version, created_at, updated_at) VALUES \
              ('bich', 'Lê Thị Bích', 'bich@bhxh.example.vn', '[\"chief_editor\"]', TRUE, \
               '{hash}', 1, '2026-01-05T01:00:00.000000Z', '2026-01-05T01:00:00.000000Z'), \
              ('quantri', 'Nguyễn Văn Quản Trị', NULL, '[\"admin\"]', TRUE, '{hash}', 2, \
               '2026-01-05T01:00:00.000000Z', '2026-01-06T01:00:00.000000Z'), \
              ('cu', 'Phạm Văn Cũ', NULL, '[\"author\"]', FALSE, '{hash}', 3, \
               '2026-01-05T01:00:00.000000Z', '2026-01-07T01:00:00.000000Z')",
    },
    Fixture {
        table: "sessions",
        sql: "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
              absolute_expires_at) SELECT encode(sha256('0123456789abcdef0123456789abcdef'), \
              'hex'), id, '2026-02-16T01:00:00.000000Z', '2099-01-01T00:00:00.000000Z', \
              '2099-01-01T00:00:00.000000Z' FROM users WHERE username = 'quantri'",
    },
    Fixture {
        table: "articles",
        sql: "INSERT INTO articles (title, lead, body, section, topics, kind, authors, source, \
              cover, channels, language, model_example, stage, scheduled_at, published_at, \
              removal_reason, created_by, created_at, updated_at, stage_changed_at, version, \
              search_folded, title_folded, checks, updated_by, updated_by_name, \
              checklist_failing, change_seq) \
              SELECT 'Gia hạn thẻ BHYT trực tuyến', 'Người tham gia tự gia hạn trên VssID.', \
              '[{\"type\":\"paragraph\",\"spans\":[{\"text\":\"Người dân gia hạn thẻ bảo hiểm \
              y tế ngay trên ứng dụng VssID.\"}]}]', 'Tin tức – Sự kiện', '[\"bhyt\"]', 'news', \
              json_build_array(json_build_object('name', u.full_name, 'user_id', u.id, \
              'share', 100))::text, 'BHXH tỉnh', \
              '{\"url\":\"https://bhxh.example.vn/anh/the-bhyt.jpg\",\"alt\":\"Thẻ BHYT\",\
              \"caption\":\"\"}', '[\"portal\",\"vssid\"]', 'vi', TRUE, 'published', NULL, \
              '2026-02-10T08:00:00.000000Z', NULL, u.id, '2026-02-09T08:00:00.000000Z', \
              '2026-02-10T08:00:00.000000Z', '2026-02-10T08:00:00.000000Z', 2, \
              'gia han the bhyt truc tuyen nguoi tham gia tu gia han tren vssid tin tuc su kien', \
              'gia han the bhyt truc tuyen', '[\"facts_verified\",\"spelling\"]', u.id, \
              u.full_name, 1, 1 FROM users u WHERE u.username = 'bich'; \
              INSERT INTO articles (title, lead, body, section, topics, kind, authors, source, \
              cover, channels, language, model_example, stage, scheduled_at, published_at, \
              removal_reason, created_by, created_at, updated_at, stage_changed_at, version, \
              search_folded, title_folded, checks, updated_by, updated_by_name, \
              checklist_failing, change_seq) \
              SELECT 'Bản nháp lịch trực Tết', '', '[]', 'Thông báo', '[]', 'article', '[]', '', \
              NULL, '[]', 'vi', FALSE, 'draft', '2026-03-01T01:00:00.000000Z', NULL, NULL, u.id, \
              '2026-02-11T08:00:00.000000Z', '2026-02-11T08:00:00.000000Z', \
              '2026-02-11T08:00:00.000000Z', 1, 'ban nhap lich truc tet thong bao', \
              'ban nhap lich truc tet', '[]', NULL, '', 4, 2 FROM users u \
              WHERE u.username = 'bich'; \
              UPDATE article_change_counter SET seq = 2",
    },
    Fixture {
        table: "article_history",
        sql: "INSERT INTO article_history (article_id, at, actor_id, actor_name, action, \
              from_stage, to_stage, comment, version) \
              SELECT a.id, '2026-02-09T08:00:00.000000Z', u.id, u.full_name, 'create', NULL, \
              'draft', NULL, 1 FROM articles a, users u \
              WHERE a.title = 'Gia hạn thẻ BHYT trực tuyến' AND u.username = 'bich' \
              UNION ALL \
              SELECT a.id, '2026-02-10T08:00:00.000000Z', u.id, u.full_name, 'publish', \
              'approved', 'published', 'Đăng ngay', 2 FROM articles a, users u \
              WHERE a.title = 'Gia hạn thẻ BHYT trực tuyến' AND u.username = 'bich'",
    },
    Fixture {
        table: "article_versions",
        sql: "INSERT INTO article_versions (article_id, version, at, snapshot) \
              SELECT a.id, v.version, a.updated_at, json_build_object('id', a.id, 'title', \
              a.title, 'lead', a.lead, 'body', a.body::json, 'section', a.section, 'topics', \
              a.topics::json, 'kind', a.kind, 'authors', a.authors::json, 'source', a.source, \
              'cover', a.cover::json, 'channels', a.channels::json, 'language', a.language, \
              'model_example', a.model_example, 'checks', a.checks::json, 'stage', v.stage, \
              'scheduled_at', a.scheduled_at, 'published_at', v.published_at, \
              'removal_reason', NULL, 'created_by', a.created_by, 'created_at', a.created_at, \
              'updated_at', a.updated_at, 'updated_by', a.created_by, 'updated_by_name', \
              'Lê Thị Bích', 'stage_changed_at', a.stage_changed_at, 'version', v.version)::text \
              FROM articles a JOIN (VALUES ('Gia hạn thẻ BHYT trực tuyến', 1, 'draft', NULL), \
              ('Gia hạn thẻ BHYT trực tuyến', 2, 'published', '2026-02-10T08:00:00.000000Z'), \
              ('Bản nháp lịch trực Tết', 1, 'draft', NULL)) AS v(title, version, stage, \
              published_at) ON v.title = a.title",
    },
    Fixture {
        table: "article_comments",
        sql: "INSERT INTO article_comments (article_id, at, author_id, author_name, text, \
              action, from_stage, to_stage) \
              SELECT a.id, '2026-02-10T07:00:00.000000Z', u.id, u.full_name, \
              'Đã kiểm tra số liệu với phòng Cấp sổ, thẻ.', NULL, NULL, NULL \
              FROM articles a, users u \
              WHERE a.title = 'Gia hạn thẻ BHYT trực tuyến' AND u.username = 'bich'",
    },
    Fixture {
        table: "article_search",
        sql: "INSERT INTO article_search (article_id, title, lead, body) \
              SELECT id, ' gia han the bhyt truc tuyen ', \
              ' nguoi tham gia tu gia han tren vssid ', \
              ' nguoi dan gia han the bao hiem y te ngay tren ung dung vssid ' \
              FROM articles WHERE title = 'Gia hạn thẻ BHYT trực tuyến'",
    },
    Fixture {
        table: "audit_log",
        sql: "INSERT INTO audit_log (at, actor_id, actor_name, action, target, outcome, detail) \
              SELECT '2026-02-10T08:00:00.000000Z', u.id, u.username, 'article.transition', \
              'article:' || a.id, 'success', 'approved → published' FROM articles a, users u \
              WHERE a.title = 'Gia hạn thẻ BHYT trực tuyến' AND u.username = 'bich' \
              UNION ALL \
              SELECT '2026-02-10T09:00:00.000000Z', NULL, 'ke.la', 'session.login', NULL, \
              'failure', 'wrong password'",
    },
    // 0002: visitor statistics.
    Fixture {
        table: "stats_salts",
        sql: "INSERT INTO stats_salts (day, salt) VALUES \
              ('2026-02-15', '\\x00112233445566778899aabbccddeeff'::bytea)",
    },
    Fixture {
        table: "stats_visits",
        sql: "INSERT INTO stats_visits (id, visitor, started_at, last_at, pageviews, source, \
              referrer, device, browser, entry_path) VALUES \
              (1, 4242, 1771142400000, 1771142460000, 2, 'search', 'www.google.com', \
               'mobile', 'chrome', '/')",
    },
    Fixture {
        table: "stats_events",
        sql: "INSERT INTO stats_events (at, visit_id, visitor, path, article_id, referrer, bot) \
              SELECT 1771142400000, 1, 4242, '/', NULL, 'www.google.com', FALSE \
              UNION ALL SELECT 1771142460000, 1, 4242, '/tin-tuc/' || id, id, NULL, FALSE \
              FROM articles WHERE title = 'Gia hạn thẻ BHYT trực tuyến' \
              UNION ALL SELECT 1771142470000, NULL, NULL, '/', NULL, NULL, TRUE",
    },
    Fixture {
        table: "stats_hourly",
        sql: "INSERT INTO stats_hourly (hour, visitors, visits, pageviews, bounces, \
              visit_seconds, bot_pageviews) VALUES (1771142400, 1, 1, 2, 0, 60, 1)",
    },
    Fixture {
        table: "stats_daily",
        sql: "INSERT INTO stats_daily (day, visitors, visits, pageviews, bounces, visit_seconds, \
              bot_pageviews) VALUES ('2026-02-15', 1, 1, 2, 0, 60, 1)",
    },
    Fixture {
        table: "stats_dims",
        sql: "INSERT INTO stats_dims (dim, day, key, visitors, visits, pageviews) \
              SELECT 0, '2026-02-15', '/', 1, 1, 1 \
              UNION ALL SELECT 1, '2026-02-15', id::text, 1, 1, 1 FROM articles \
              WHERE title = 'Gia hạn thẻ BHYT trực tuyến' \
              UNION ALL SELECT 2, '2026-02-15', 'search', 1, 1, 2",
    },
    // 0003: plans, spokesperson, norms, quarterly submissions, royalties, fraud reports,
    // required information.
    Fixture {
        table: "plans",
        sql: "INSERT INTO plans (year, version_no, state, content, return_comment, created_at, \
              updated_at, updated_by, updated_by_name, submitted_at, approved_at, \
              approved_by_name, version) \
              SELECT 2026, 1, 'approved', (SELECT json_build_object('objectives', \
              'Tuyên truyền chính sách BHXH, BHYT năm 2026', 'months', \
              json_agg(json_build_object('month', m, 'theme', 'Chủ đề tháng ' || m, \
              'news_norm', 20, 'article_norm', 4, 'responsible', 'Ban Biên tập') ORDER BY m), \
              'royalty_budget', 120000000) FROM generate_series(1, 12) m)::text, NULL, \
              '2026-01-02T01:00:00.000000Z', '2026-01-10T01:00:00.000000Z', u.id, u.full_name, \
              '2026-01-05T01:00:00.000000Z', '2026-01-10T01:00:00.000000Z', 'Giám đốc', 3 \
              FROM users u WHERE u.username = 'bich'",
    },
    Fixture {
        table: "plan_history",
        sql: "INSERT INTO plan_history (at, plan_id, year, version_no, actor_id, actor_name, \
              action, from_state, to_state, comment) \
              SELECT '2026-01-02T01:00:00.000000Z', p.id, 2026, 1, u.id, u.full_name, 'create', \
              NULL, 'draft', NULL FROM plans p, users u WHERE p.year = 2026 \
              AND u.username = 'bich' UNION ALL \
              SELECT '2026-01-10T01:00:00.000000Z', p.id, 2026, 1, u.id, 'Giám đốc', \
              'approve', 'submitted', 'approved', 'Đồng ý' FROM plans p, users u \
              WHERE p.year = 2026 AND u.username = 'bich'",
    },
    Fixture {
        table: "spokesperson_versions",
        sql: "INSERT INTO spokesperson_versions (version, content, at, by_id, by_name, kind) \
              SELECT 1, '{\"spokesperson\":{\"full_name\":\"Trần Văn Phát\",\"position\":\
              \"Phó Giám đốc\",\"unit\":\"BHXH tỉnh\",\"phone\":\"0243 123 4567\",\"email\":\
              \"phatngon@bhxh.example.vn\"},\"press_info\":\"Liên hệ trong giờ hành chính.\",\
              \"deputy\":null}', '2026-01-03T01:00:00.000000Z', id, full_name, 'save' \
              FROM users WHERE username = 'bich'",
    },
    Fixture {
        table: "norm_settings",
        sql: "INSERT INTO norm_settings (year, months, updated_at, updated_by, updated_by_name, \
              version) SELECT 2025, (SELECT json_agg(json_build_object('month', m, 'news', 18, \
              'articles', 3) ORDER BY m) FROM generate_series(1, 12) m)::text, \
              '2025-01-03T01:00:00.000000Z', id, full_name, 1 FROM users \
              WHERE username = 'quantri'",
    },
    Fixture {
        table: "quarterly_submissions",
        sql: "INSERT INTO quarterly_submissions (year, quarter, sent_on, articles, note, \
              recorded_by, recorded_by_name, recorded_at) \
              SELECT 2026, 1, '2026-02-12', json_build_array(json_build_object('id', a.id, \
              'title', a.title, 'public_url', 'https://bhxh.example.vn/tin-tuc/' || a.id))::text, \
              'Gửi Ban Biên tập Cổng TTĐT BHXH Việt Nam', u.id, u.full_name, \
              '2026-02-12T03:00:00.000000Z' FROM articles a, users u \
              WHERE a.title = 'Gia hạn thẻ BHYT trực tuyến' AND u.username = 'bich'",
    },
    Fixture {
        table: "royalty_settings",
        sql: "INSERT INTO royalty_settings (version, coefficients, unit_values, at, by_id, \
              by_name) SELECT 1, '[{\"kind\":\"news\",\"min_tenths\":10,\"max_tenths\":30},\
              {\"kind\":\"article\",\"min_tenths\":50,\"max_tenths\":150},\
              {\"kind\":\"in_depth\",\"min_tenths\":100,\"max_tenths\":300},\
              {\"kind\":\"photo\",\"min_tenths\":10,\"max_tenths\":30},\
              {\"kind\":\"infographic\",\"min_tenths\":20,\"max_tenths\":60},\
              {\"kind\":\"motion_graphic\",\"min_tenths\":50,\"max_tenths\":150},\
              {\"kind\":\"video\",\"min_tenths\":50,\"max_tenths\":200},\
              {\"kind\":\"banner\",\"min_tenths\":10,\"max_tenths\":30}]', \
              '[{\"effective_from\":\"2024-07-01\",\"vnd\":234000}]', \
              '2026-01-04T01:00:00.000000Z', id, full_name FROM users WHERE username = 'quantri'",
    },
    Fixture {
        table: "article_royalties",
        sql: "INSERT INTO article_royalties (article_id, coefficient_tenths, remunerations, \
              assessed_at, assessed_by_name, paid_on, paid_by_name, version) \
              SELECT id, 15, '[{\"name\":\"Phòng Thu – Chi\",\"user_id\":null,\"role\":\
              \"supplier\",\"amount_vnd\":100000,\"note\":\"Cung cấp số liệu\"}]', \
              '2026-02-11T01:00:00.000000Z', 'Lê Thị Bích', '2026-02-14', 'Thư ký', 2 \
              FROM articles WHERE title = 'Gia hạn thẻ BHYT trực tuyến'",
    },
    Fixture {
        table: "fraud_reports",
        sql: "INSERT INTO fraud_reports (occurred_at, location, channel, description, amount, \
              people_affected, evidence_url, office, state, article_id, reported_by, \
              reported_by_name, created_at, updated_at, version) \
              SELECT '2026-02-01T02:00:00.000000Z', 'Xã Tân Phú', 'phone', \
              'Đối tượng giả danh cán bộ BHXH gọi điện đề nghị cập nhật thông tin.', 1500000, \
              2, 'https://bhxh.example.vn/bang-chung/1', 'BHXH huyện Tân Phú', 'verified', \
              NULL, id, full_name, '2026-02-01T03:00:00.000000Z', \
              '2026-02-02T03:00:00.000000Z', 2 FROM users WHERE username = 'cu'",
    },
    Fixture {
        table: "fraud_report_history",
        sql: "INSERT INTO fraud_report_history (report_id, at, actor_id, actor_name, action, \
              from_state, to_state, comment, article_id) \
              SELECT r.id, r.created_at, r.reported_by, r.reported_by_name, 'create', NULL, \
              'new', NULL, NULL::bigint FROM fraud_reports r UNION ALL \
              SELECT r.id, r.updated_at, u.id, u.full_name, 'verify', 'new', 'verified', \
              'Đã xác minh', NULL FROM fraud_reports r, users u WHERE u.username = 'bich'",
    },
    Fixture {
        table: "info_versions",
        sql: "INSERT INTO info_versions (section, version, content, at, by_id, by_name, kind) \
              SELECT 'org', 1, '{\"units\":[{\"name_vi\":\"Văn phòng\",\"name_en\":\"Office\",\
              \"functions_vi\":\"Tổng hợp, hành chính\",\"functions_en\":\"Administration\",\
              \"leader_name\":\"Hoàng Thị Lan\",\"leader_position_vi\":\"Chánh Văn phòng\",\
              \"leader_position_en\":\"Head of Office\",\"phone\":\"0243 765 4321\",\
              \"email\":\"vanphong@bhxh.example.vn\",\"address_vi\":\"Số 1 Trần Hưng Đạo\",\
              \"address_en\":\"1 Tran Hung Dao Street\"}]}', '2026-01-08T01:00:00.000000Z', \
              id, full_name, 'save' FROM users WHERE username = 'quantri' UNION ALL \
              SELECT 'org', 2, '{\"units\":[{\"name_vi\":\"Văn phòng\",\"name_en\":\"Office\",\
              \"functions_vi\":\"Tổng hợp, hành chính\",\"functions_en\":\"Administration\",\
              \"leader_name\":\"Hoàng Thị Lan\",\"leader_position_vi\":\"Chánh Văn phòng\",\
              \"leader_position_en\":\"Head of Office\",\"phone\":\"0243 765 4321\",\
              \"email\":\"vanphong@bhxh.example.vn\",\"address_vi\":\"Số 1 Trần Hưng Đạo\",\
              \"address_en\":\"1 Tran Hung Dao Street\"}]}', '2026-02-08T01:00:00.000000Z', \
              id, full_name, 'confirm' FROM users WHERE username = 'quantri' UNION ALL \
              SELECT 'links', 1, '{\"links\":[{\"name\":\"BHXH Việt Nam\",\"url\":\
              \"https://baohiemxahoi.gov.vn\"}]}', '2026-01-08T01:00:00.000000Z', id, \
              full_name, 'save' FROM users WHERE username = 'quantri'",
    },
    Fixture {
        table: "link_checks",
        sql: "INSERT INTO link_checks (url, alive, status_code, checked_at, error) VALUES \
              ('https://baohiemxahoi.gov.vn', TRUE, 200, '2026-02-15T01:00:00.000000Z', NULL), \
              ('https://cu.bhxh.example.vn', FALSE, NULL, '2026-02-15T01:00:00.000000Z', \
               'timeout')",
    },
    Fixture {
        table: "info_settings",
        sql: "INSERT INTO info_settings (id, stale_after_days, version, updated_at, \
              updated_by_name) VALUES (1, 120, 1, '2026-01-08T01:00:00.000000Z', \
              'Nguyễn Văn Quản Trị')",
    },
    // 0004: idempotency keys (an applied write whose answer is kept).
    Fixture {
        table: "idempotency_keys",
        sql: "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, lease_until, \
              applied, applied_target, status, content_type, etag, location, body) \
              VALUES (encode(sha256('0123456789abcdef0123456789abcdef'), 'hex'), 'tao-bai-1', \
              'f00d', '2026-02-16T01:00:00.000000Z', '2026-02-16T01:00:30.000000Z', TRUE, \
              'article:1', 201, 'application/json', '\"1\"', '/api/v1/articles/1', \
              '\\x7b7d'::bytea)",
    },
    // 0006: the media library.
    Fixture {
        table: "media_items",
        sql: "INSERT INTO media_items (kind, filename, content_type, bytes, width, height, alt, \
              caption, file, variants, search_folded, uploaded_by, uploaded_by_name, \
              uploaded_at, updated_at, version) \
              SELECT 'image', 'the-bhyt.jpg', 'image/jpeg', 48213, 1200, 800, 'Thẻ BHYT', \
              'Thẻ BHYT điện tử trên VssID', 'ab/cd/abcd' || repeat('0', 60) || '.jpg', \
              '[{\"width\":480,\"file\":\"ab/cd/abcd' || repeat('1', 60) || '.webp\",\
              \"content_type\":\"image/webp\"}]', 'the-bhyt.jpg the bhyt the bhyt dien tu tren \
              vssid', id, full_name, '2026-02-05T01:00:00.000000Z', \
              '2026-02-05T01:00:00.000000Z', 1 FROM users WHERE username = 'bich'",
    },
    Fixture {
        table: "media_files",
        sql: "INSERT INTO media_files (item_id, name) \
              SELECT id, 'ab/cd/abcd' || repeat('0', 60) || '.jpg' FROM media_items UNION ALL \
              SELECT id, 'ab/cd/abcd' || repeat('1', 60) || '.webp' FROM media_items",
    },
    // 0007: banners.
    Fixture {
        table: "banners",
        sql: "INSERT INTO banners (placement, title, media_id, link, starts_on, ends_on, \
              position, created_by, created_by_name, created_at, updated_at, version) \
              SELECT 'home_top', 'Gia hạn thẻ BHYT trên VssID', m.id, \
              'https://baohiemxahoi.gov.vn', '2026-02-01', '2026-03-31', 0, u.id, u.full_name, \
              '2026-02-05T02:00:00.000000Z', '2026-02-05T02:00:00.000000Z', 1 \
              FROM media_items m, users u WHERE u.username = 'bich'",
    },
    // 0009: login throttling and the installation's secrets.
    Fixture {
        table: "login_throttle",
        sql: "INSERT INTO login_throttle (key, attempts, window_ends_at, strikes, \
              refusal_audited) VALUES ('pair:0f0f0f0f:cu', 3, '2026-02-16T01:10:00.000000Z', \
              1, TRUE)",
    },
    Fixture {
        table: "server_secrets",
        sql: "INSERT INTO server_secrets (name, value) VALUES \
              ('login_throttle', '89abcdef0123456789abcdef01234567')",
    },
];

/// Every table but sqlx's bookkeeping, in the schema the pool uses.
async fn tables(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("tables")
}

/// A table's columns and rows (each row as its columns' JSON, keys sorted), the rows sorted.
struct Snapshot {
    columns: Vec<String>,
    rows: Vec<String>,
}

async fn snapshot(pool: &PgPool, table: &str, columns: Option<&[String]>) -> Snapshot {
    let all: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .expect("columns");
    let keep: Vec<String> = columns.map_or_else(|| all.clone(), <[String]>::to_vec);
    let rows: Vec<String> =
        sqlx::query_scalar(&format!("SELECT to_jsonb(t)::text FROM \"{table}\" t"))
            .fetch_all(pool)
            .await
            .expect("rows");
    let mut rows: Vec<String> = rows
        .iter()
        .map(|r| {
            let mut row: Map<String, Value> = serde_json::from_str(r).expect("row JSON");
            let kept: BTreeMap<&String, Value> = keep
                .iter()
                .map(|c| {
                    (
                        c,
                        row.remove(c).unwrap_or(Value::String("<missing>".into())),
                    )
                })
                .collect();
            serde_json::to_string(&kept).expect("row")
        })
        .collect();
    rows.sort();
    Snapshot { columns: all, rows }
}

#[tokio::test]
async fn every_earlier_postgres_database_upgrades_with_its_data_intact() {
    let Some(url) = std::env::var(crate::common::POSTGRES_ENV)
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!(
            "skipped: set {} to run the PostgreSQL upgrade test",
            crate::common::POSTGRES_ENV
        );
        return;
    };
    let all = Migrator::new(std::path::Path::new(MIGRATIONS))
        .await
        .expect("the PostgreSQL migrations");
    let versions: Vec<i64> = all.iter().map(|m| m.version).collect();
    assert!(versions.len() >= 2, "{versions:?}");
    let latest = versions[versions.len() - 1];
    for &version in &versions[..versions.len() - 1] {
        upgrade_from(&url, &all, version, latest).await;
    }
}

/// One database at `version`, filled, upgraded to `latest` and checked.
async fn upgrade_from(url: &str, all: &Migrator, version: i64, latest: i64) {
    let schema_url = new_postgres_schema(url).await;
    let old_pool = PgPool::connect(&schema_url).await.expect("connect");
    let mut old = Migrator {
        migrations: std::borrow::Cow::Owned(
            all.iter()
                .filter(|m| m.version <= version)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    old.set_ignore_missing(true);
    old.run(&old_pool).await.expect("the old migrations");

    let hash = password_hash();
    let present = tables(&old_pool).await;
    for f in FIXTURES
        .iter()
        .filter(|f| present.iter().any(|t| t == f.table))
    {
        sqlx::raw_sql(&f.sql.replace("{hash}", &hash))
            .execute(&old_pool)
            .await
            .unwrap_or_else(|e| panic!("at {version}, the fixture of {}: {e}", f.table));
    }
    let mut before = BTreeMap::new();
    for table in &present {
        let s = snapshot(&old_pool, table, None).await;
        assert!(
            !s.rows.is_empty(),
            "at migration {version}, table {table} has no rows: add a fixture for it"
        );
        before.insert(table.clone(), s);
    }
    old_pool.close().await;

    // The server's own open: it migrates to the latest.
    let store = PgStore::open(&schema_url)
        .await
        .unwrap_or_else(|e| panic!("opening a database at {version}: {e}"));
    let applied: i64 =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(store.pool())
            .await
            .expect("migrations");
    assert_eq!(applied, latest, "from {version}");
    for (table, old) in &before {
        let now = snapshot(store.pool(), table, Some(&old.columns)).await;
        let lost: Vec<&String> = old
            .columns
            .iter()
            .filter(|c| !now.columns.contains(c))
            .collect();
        assert!(
            lost.is_empty(),
            "from {version}: {table} lost its columns {lost:?}"
        );
        let mut remaining = now.rows.clone();
        for row in &old.rows {
            let found = remaining.iter().position(|r| r == row);
            assert!(
                found.is_some(),
                "from {version}: a row of {table} changed or is gone: {row}\nnow: {:#?}",
                now.rows
            );
            remaining.remove(found.unwrap_or_default());
        }
    }

    let present = |t: &str| before.contains_key(t);
    readable_through_the_api(store, version, &present).await;
}

/// The upgraded rows as the API serves them: sessions and passwords still work, and every
/// feature's fixture reads back.
async fn readable_through_the_api(store: PgStore, version: i64, present: &dyn Fn(&str) -> bool) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap(),
    ));
    let config = Config {
        trust_proxy: true,
        ..Config::default()
    };
    let app = TestApp::on(TestDb::Postgres(Arc::new(store)), config, clock);
    let admin = format!("portal_session={ADMIN_TOKEN}");
    let at = |what: &str| format!("from {version}: {what}");
    // An empty cookie: anonymous, as the public portal asks.
    let get = |path: String, cookie: String| {
        let app = &app;
        async move {
            let res = app
                .get(&path, Some(cookie.as_str()).filter(|c| !c.is_empty()))
                .await;
            assert_eq!(
                res.status.as_u16(),
                200,
                "from {version}: GET {path}: {}",
                String::from_utf8_lossy(&res.body)
            );
            res.json()
        }
    };

    // The stored session is live, the stored password hash still opens an account.
    let me = get("/api/v1/session".into(), admin.clone()).await;
    assert_eq!(me["user"]["username"], "quantri", "{}", at("session"));
    let login = app
        .send(
            crate::common::Call::new(Method::POST, "/api/v1/session")
                .json(&json!({ "username": "bich", "password": PASSWORD })),
        )
        .await;
    login.expect_for(200, &at("login"));
    let chief = cookie_of(&login).expect("session cookie");

    let users = get("/api/v1/users?per_page=50".into(), admin.clone()).await;
    let names: Vec<&str> = users["items"]
        .as_array()
        .expect("users")
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert!(
        names.contains(&"bich") && names.contains(&"cu"),
        "{}: {names:?}",
        at("users")
    );

    let list = get("/api/v1/articles?per_page=50".into(), chief.clone()).await;
    let id_of = |title: &str| {
        list["items"]
            .as_array()
            .expect("articles")
            .iter()
            .find(|a| a["title"] == title)
            .and_then(|a| a["id"].as_i64())
            .unwrap_or_else(|| panic!("from {version}: no article {title:?} in {list}"))
    };
    let published = id_of("Gia hạn thẻ BHYT trực tuyến");
    let draft = id_of("Bản nháp lịch trực Tết");
    let a = get(format!("/api/v1/articles/{published}"), chief.clone()).await;
    assert_eq!(
        (a["stage"].as_str(), a["version"].as_i64()),
        (Some("published"), Some(2)),
        "{}",
        at("article")
    );
    assert_eq!(
        a["body"][0]["spans"][0]["text"],
        "Người dân gia hạn thẻ bảo hiểm y tế ngay trên ứng dụng VssID."
    );
    let d = get(format!("/api/v1/articles/{draft}"), chief.clone()).await;
    assert_eq!(d["scheduled_at"], "2026-03-01T01:00:00Z", "{}", at("draft"));
    let history = get(
        format!("/api/v1/articles/{published}/history"),
        chief.clone(),
    )
    .await;
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(2),
        "{}",
        at("history")
    );
    let v1 = get(
        format!("/api/v1/articles/{published}/versions/1"),
        chief.clone(),
    )
    .await;
    assert_eq!(v1["stage"], "draft", "{}", at("version 1"));
    let comments = get(
        format!("/api/v1/articles/{published}/comments"),
        chief.clone(),
    )
    .await;
    assert!(
        comments.to_string().contains("Đã kiểm tra số liệu"),
        "{}",
        at("comments")
    );
    let public = get(
        format!("/api/v1/public/articles/{published}"),
        String::new(),
    )
    .await;
    assert_eq!(
        public["title"],
        "Gia hạn thẻ BHYT trực tuyến",
        "{}",
        at("public article")
    );
    let hits = get("/api/v1/public/search?q=vssid".into(), String::new()).await;
    assert!(
        hits.to_string().contains(&format!("\"id\":{published}")),
        "{}: {hits}",
        at("search")
    );
    let audit = get(
        format!("/api/v1/audit?target=article:{published}"),
        admin.clone(),
    )
    .await;
    assert_eq!(audit["total"], 1, "{}", at("audit"));

    if present("stats_daily") {
        let s = get(
            "/api/v1/stats/summary?from=2026-02-15&to=2026-02-15".into(),
            chief.clone(),
        )
        .await;
        assert_eq!(
            (
                s["current"]["pageviews"].as_u64(),
                s["current"]["bot_pageviews"].as_u64()
            ),
            (Some(2), Some(1)),
            "{}: {s}",
            at("stats")
        );
    }
    if present("plans") {
        let plans = get("/api/v1/plans?year=2026".into(), chief.clone()).await;
        let plan = plans["items"][0]["id"].as_i64().expect("a 2026 plan");
        let p = get(format!("/api/v1/plans/{plan}"), chief.clone()).await;
        assert_eq!(
            (p["state"].as_str(), p["version"].as_i64()),
            (Some("approved"), Some(3)),
            "{}",
            at("plan")
        );
        assert_eq!(
            p["content"]["months"][11]["theme"],
            "Chủ đề tháng 12",
            "{}",
            at("plan")
        );
        let h = get(format!("/api/v1/plans/{plan}/history"), chief.clone()).await;
        assert_eq!(
            h.as_array().map(Vec::len),
            Some(2),
            "{}",
            at("plan history")
        );
        let sp = get("/api/v1/spokesperson".into(), chief.clone()).await;
        assert_eq!(
            sp["content"]["spokesperson"]["full_name"],
            "Trần Văn Phát",
            "{}",
            at("spokesperson")
        );
        let norms = get("/api/v1/norms/settings/2025".into(), admin.clone()).await;
        assert_eq!(
            (
                norms["saved"].as_bool(),
                norms["months"][0]["news"].as_u64()
            ),
            (Some(true), Some(18)),
            "{}",
            at("norms")
        );
        let subs = get(
            "/api/v1/quarterly-submissions?year=2026".into(),
            chief.clone(),
        )
        .await;
        assert!(
            subs.to_string().contains("Gửi Ban Biên tập"),
            "{}: {subs}",
            at("quarterly")
        );
        let settings = get("/api/v1/royalties/settings".into(), chief.clone()).await;
        assert_eq!(settings["version"], 1, "{}", at("royalty settings"));
        let r = get(
            format!("/api/v1/articles/{published}/royalty"),
            chief.clone(),
        )
        .await;
        assert_eq!(
            (
                r["coefficient_tenths"].as_u64(),
                r["paid_on"].as_str(),
                r["version"].as_i64()
            ),
            (Some(15), Some("2026-02-14"), Some(2)),
            "{}",
            at("royalty")
        );
        let reports = get("/api/v1/fraud-reports".into(), chief.clone()).await;
        let report = reports["items"][0]["id"].as_i64().expect("a fraud report");
        let f = get(format!("/api/v1/fraud-reports/{report}"), chief.clone()).await;
        assert_eq!(
            (f["state"].as_str(), f["history"].as_array().map(Vec::len)),
            (Some("verified"), Some(2)),
            "{}",
            at("fraud report")
        );
        let org = get("/api/v1/info/org".into(), chief.clone()).await;
        assert_eq!(
            org["content"]["units"][0]["leader_name"],
            "Hoàng Thị Lan",
            "{}",
            at("organisation")
        );
        assert_eq!(org["stale_after_days"], 120, "{}", at("info settings"));
        let links = get("/api/v1/info/links".into(), chief.clone()).await;
        assert!(
            links.to_string().contains("baohiemxahoi.gov.vn"),
            "{}",
            at("links")
        );
    }
    if present("media_items") {
        let media = get("/api/v1/media".into(), chief.clone()).await;
        let item = media["items"][0]["id"].as_i64().expect("a media item");
        let m = get(format!("/api/v1/media/{item}"), chief.clone()).await;
        assert_eq!(m["alt"], "Thẻ BHYT", "{}", at("media"));
    }
    if present("banners") {
        let banners = get("/api/v1/banners".into(), chief.clone()).await;
        assert!(
            banners.to_string().contains("Gia hạn thẻ BHYT trên VssID"),
            "{}: {banners}",
            at("banners")
        );
    }

    // New rows after the upgrade take new numbers (the identities went on from the old rows).
    let created = app
        .send(
            crate::common::Call::new(Method::POST, "/api/v1/articles")
                .cookie(Some(&chief))
                .json(&json!({ "title": "Bài viết sau khi nâng cấp", "kind": "news" })),
        )
        .await;
    created.expect_for(201, &at("a new article"));
    assert!(
        created.json()["id"].as_i64() > Some(draft),
        "{}",
        at("new article id")
    );
}
