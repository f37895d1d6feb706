//! The test harness.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use portal_contract::{Article, Problem, Role, Stage, User, PROBLEM_JSON};
use portal_server::clock::ManualClock;
use portal_server::config::Config;
use portal_server::store::{NewAudit, NewHistory, NewUserRecord, PgStore, SqliteStore, Store};
use portal_server::{router, AppState};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

pub const PASSWORD: &str = "Demo@2026";

/// The nine demo roles, by the username the demo gives them.
pub const ROLE_USERS: [(&str, Role); 9] = [
    ("author", Role::Author),
    ("editor", Role::Editor),
    ("secretary", Role::Secretary),
    ("chief", Role::ChiefEditor),
    ("director", Role::Director),
    ("admin", Role::Admin),
    ("local_office", Role::LocalOffice),
    ("it_centre", Role::ItCentre),
    ("communication_centre", Role::CommunicationCentre),
];

/// One Argon2 hash of [`PASSWORD`] for every test user (hashing is the slow part).
pub fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| portal_server::auth::hash_password(PASSWORD).expect("hash"))
        .clone()
}

/// The environment variable that runs the suite on PostgreSQL: a URL of a database where the
/// tests may create schemas (`postgres://postgres@127.0.0.1:55432/postgres`). Unset: SQLite.
pub const POSTGRES_ENV: &str = "PORTAL_TEST_POSTGRES";

/// The database a test runs on, for the few checks that look at rows directly. SQL is written
/// once with `?` placeholders; PostgreSQL gets them numbered.
#[derive(Clone)]
pub enum TestDb {
    Sqlite(Arc<SqliteStore>),
    Postgres(Arc<PgStore>),
}

/// `?` → `$1, $2, …` (the tests' SQL has no `?` inside string literals).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

impl TestDb {
    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres(_))
    }

    /// Runs a statement with integer parameters; the error's text when the database refuses.
    pub async fn exec(&self, sql: &str, binds: &[i64]) -> Result<u64, String> {
        match self {
            TestDb::Sqlite(s) => {
                let mut q = sqlx::query(sql);
                for b in binds {
                    q = q.bind(*b);
                }
                q.execute(s.pool()).await.map(|r| r.rows_affected())
            }
            TestDb::Postgres(s) => {
                let sql = numbered(sql);
                let mut q = sqlx::query(&sql);
                for b in binds {
                    q = q.bind(*b);
                }
                q.execute(s.pool()).await.map(|r| r.rows_affected())
            }
        }
        .map_err(|e| e.to_string())
    }

    /// One integer (e.g. `SELECT COUNT(*) …`).
    pub async fn int(&self, sql: &str, binds: &[i64]) -> i64 {
        match self {
            TestDb::Sqlite(s) => {
                let mut q = sqlx::query_scalar::<_, i64>(sql);
                for b in binds {
                    q = q.bind(*b);
                }
                q.fetch_one(s.pool()).await
            }
            TestDb::Postgres(s) => {
                let sql = numbered(sql);
                let mut q = sqlx::query_scalar::<_, i64>(&sql);
                for b in binds {
                    q = q.bind(*b);
                }
                q.fetch_one(s.pool()).await
            }
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Every non-null cell of every table as text: (table, column, text).
    pub async fn dump(&self) -> Vec<(String, String, String)> {
        let mut cells = Vec::new();
        match self {
            TestDb::Sqlite(s) => {
                use sqlx::{Column, Row, ValueRef};
                let pool = s.pool();
                let tables: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                        .fetch_all(pool)
                        .await
                        .expect("tables");
                for table in tables {
                    let rows = sqlx::query(&format!("SELECT * FROM \"{table}\""))
                        .fetch_all(pool)
                        .await
                        .expect("rows");
                    for row in rows {
                        for col in row.columns() {
                            if row.try_get_raw(col.ordinal()).expect("cell").is_null() {
                                continue;
                            }
                            let text: String = row
                                .try_get::<String, _>(col.ordinal())
                                .or_else(|_| {
                                    row.try_get::<Vec<u8>, _>(col.ordinal())
                                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                                })
                                .or_else(|_| {
                                    row.try_get::<i64, _>(col.ordinal()).map(|n| n.to_string())
                                })
                                .unwrap_or_default();
                            cells.push((table.clone(), col.name().to_string(), text));
                        }
                    }
                }
            }
            TestDb::Postgres(s) => {
                let pool = s.pool();
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                )
                .fetch_all(pool)
                .await
                .expect("tables");
                for table in tables {
                    // Each column of each row as text (bytea as its hex form).
                    let rows: Vec<(String, String)> = sqlx::query_as(&format!(
                        "SELECT c.key, c.value FROM \"{table}\" t, \
                         json_each_text(row_to_json(t)) c WHERE c.value IS NOT NULL"
                    ))
                    .fetch_all(pool)
                    .await
                    .expect("rows");
                    for (column, text) in rows {
                        cells.push((table.clone(), column, text));
                    }
                }
            }
        }
        cells
    }

    /// The first column of every row, as optional text.
    pub async fn texts(&self, sql: &str) -> Vec<Option<String>> {
        match self {
            TestDb::Sqlite(s) => sqlx::query_scalar(sql).fetch_all(s.pool()).await,
            TestDb::Postgres(s) => sqlx::query_scalar(sql).fetch_all(s.pool()).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// A fresh, empty, migrated store: in-memory SQLite, or a new schema of the PostgreSQL
/// database named by [`POSTGRES_ENV`].
pub async fn test_db() -> TestDb {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.is_empty() => TestDb::Postgres(Arc::new(postgres_schema(&url).await)),
        _ => TestDb::Sqlite(Arc::new(
            SqliteStore::open_in_memory().await.expect("store"),
        )),
    }
}

impl TestDb {
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            TestDb::Sqlite(s) => s.clone(),
            TestDb::Postgres(s) => s.clone(),
        }
    }
}

/// Two stores on one database, as two server processes have: a SQLite file (kept in the
/// returned folder) or one PostgreSQL schema opened twice.
pub async fn two_stores_on_one_database() -> (TestDb, TestDb, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.is_empty() => {
            let (first, schema_url) = postgres_schema_url(&url).await;
            let second = PgStore::open(&schema_url).await.expect("second store");
            (
                TestDb::Postgres(Arc::new(first)),
                TestDb::Postgres(Arc::new(second)),
                dir,
            )
        }
        _ => {
            let url = format!("sqlite://{}", dir.path().join("shared.db").display());
            let first = SqliteStore::open(&url).await.expect("first store");
            let second = SqliteStore::open(&url).await.expect("second store");
            (
                TestDb::Sqlite(Arc::new(first)),
                TestDb::Sqlite(Arc::new(second)),
                dir,
            )
        }
    }
}

/// Creates a schema of its own for one test and opens a store whose connections use it.
async fn postgres_schema(url: &str) -> PgStore {
    postgres_schema_url(url).await.0
}

/// [`postgres_schema`], and the URL that opens the same schema again.
async fn postgres_schema_url(url: &str) -> (PgStore, String) {
    let schema_url = new_postgres_schema(url).await;
    let store = PgStore::open(&schema_url)
        .await
        .expect("open the PostgreSQL store");
    (store, schema_url)
}

/// Creates an empty schema of its own in the PostgreSQL database at `url` and returns the URL
/// whose connections use it (nothing migrated yet).
pub async fn new_postgres_schema(url: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .subsec_nanos();
    let schema = format!(
        "t{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let admin = sqlx::PgPool::connect(url)
        .await
        .expect("connect to PostgreSQL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .expect("create schema");
    admin.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub store: Arc<dyn Store>,
    pub db: TestDb,
    pub clock: Arc<ManualClock>,
    pub users: HashMap<String, User>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The problem body, checking the media type.
    pub fn problem(&self) -> Problem {
        assert_eq!(
            self.header("content-type").as_deref(),
            Some(PROBLEM_JSON),
            "status {} body {}",
            self.status,
            String::from_utf8_lossy(&self.body)
        );
        let p: Problem = serde_json::from_slice(&self.body).expect("problem body");
        assert_eq!(p.status, self.status.as_u16());
        assert!(p.kind.starts_with("https://"), "{}", p.kind);
        assert!(!p.title.is_empty());
        assert!(p.detail.as_deref().is_some_and(|d| !d.is_empty()));
        p
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ascii header").to_string())
    }

    pub fn etag(&self) -> Option<String> {
        self.header("etag")
    }

    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }

    /// [`Resp::expect`] for one case of a table, named in the failure.
    #[track_caller]
    pub fn expect_for(&self, status: u16, case: &str) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{case}: body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }

    /// The field names of the problem's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.problem().errors.into_iter().map(|e| e.field).collect()
    }
}

/// A request under construction.
pub struct Call {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    csrf: bool,
}

impl Call {
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            path: path.to_string(),
            headers: Vec::new(),
            body: None,
            csrf: true,
        }
    }

    /// The method and path, to name a case in a failure message.
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub fn cookie(mut self, cookie: Option<&str>) -> Self {
        if let Some(c) = cookie {
            self.headers.push(("cookie".into(), c.to_string()));
        }
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn if_match(self, version: i64) -> Self {
        self.header("if-match", &format!("\"{version}\""))
    }

    pub fn json(mut self, v: &Value) -> Self {
        self.body = Some(serde_json::to_vec(v).expect("json"));
        self.headers
            .push(("content-type".into(), "application/json".into()));
        self
    }

    pub fn raw(mut self, content_type: Option<&str>, bytes: Vec<u8>) -> Self {
        self.body = Some(bytes);
        if let Some(ct) = content_type {
            self.headers.push(("content-type".into(), ct.to_string()));
        }
        self
    }

    /// Leaves out the `X-Requested-With` header every mutation needs.
    pub fn no_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }

    pub fn build(self) -> Request<Body> {
        let mut b = Request::builder()
            .method(self.method)
            .uri(self.path)
            .header(header::HOST, "localhost");
        if self.csrf {
            b = b.header("x-requested-with", "portal-admin");
        }
        for (k, v) in self.headers {
            b = b.header(k, v);
        }
        b.body(self.body.map(Body::from).unwrap_or_else(Body::empty))
            .expect("request")
    }
}

impl TestApp {
    /// A fresh app with the six role users, `trust_proxy` on (tests say who the client is with
    /// `X-Forwarded-For`).
    pub async fn new() -> Self {
        Self::with_config(Config {
            trust_proxy: true,
            ..Config::default()
        })
        .await
    }

    pub async fn with_config(config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap(),
        ));
        let mut app = Self::on(test_db().await, config, clock);
        for (name, role) in ROLE_USERS {
            app.add_user(name, &[role]).await;
        }
        app
    }

    /// An app (think: one server process) on `db`, with no users added.
    pub fn on(db: TestDb, config: Config, clock: Arc<ManualClock>) -> Self {
        let store = db.store();
        let state = AppState::with_clock(store.clone(), config, clock.clone());
        TestApp {
            router: router(state.clone()),
            state,
            store,
            db,
            clock,
            users: HashMap::new(),
        }
    }

    /// Adds an active user with [`PASSWORD`] straight into the store.
    pub async fn add_user(&mut self, username: &str, roles: &[Role]) -> User {
        let user = self
            .store
            .create_user(
                &NewUserRecord {
                    username: username.to_string(),
                    full_name: format!("Người dùng {username}"),
                    email: None,
                    roles: roles.to_vec(),
                    active: true,
                    password_hash: password_hash(),
                    at: self.clock_now(),
                },
                None,
            )
            .await
            .expect("create user");
        self.users.insert(username.to_string(), user.clone());
        user
    }

    pub fn user(&self, username: &str) -> &User {
        &self.users[username]
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use portal_server::clock::Clock;
        self.clock.now()
    }

    pub async fn send(&self, call: Call) -> Resp {
        self.send_request(call.build()).await
    }

    pub async fn send_request(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Resp {
        self.send(Call::new(Method::GET, path).cookie(cookie)).await
    }

    /// Logs in and returns the `Cookie` header value for the session.
    pub async fn login(&self, username: &str) -> String {
        self.login_with(username, PASSWORD).await
    }

    /// Confirms the session's password (`POST /session/reauthenticate`), as an administrator
    /// does before giving roles or another user's password.
    pub async fn reauthenticate(&self, cookie: &str) {
        self.send(
            Call::new(Method::POST, "/api/v1/session/reauthenticate")
                .cookie(Some(cookie))
                .json(&json!({ "password": PASSWORD })),
        )
        .await
        .expect(204);
    }

    /// Logs in with `password` and returns the `Cookie` header value for the session.
    pub async fn login_with(&self, username: &str, password: &str) -> String {
        let res = self
            .send(Call::new(Method::POST, "/api/v1/session").json(&json!({
                "username": username,
                "password": password,
            })))
            .await;
        res.expect(200);
        cookie_of(&res).expect("session cookie")
    }

    /// Inserts an article at `stage` created by `creator`, straight into the store. Its content
    /// is complete and every manual check ticked, so it passes the publish checklist.
    pub async fn article_at(&self, stage: Stage, creator: &str) -> Article {
        self.article_of_kind(stage, creator, portal_contract::Kind::News)
            .await
    }

    /// An article of `kind` at `stage`, created (and, when published, published) now.
    pub async fn article_of_kind(
        &self,
        stage: Stage,
        creator: &str,
        kind: portal_contract::Kind,
    ) -> Article {
        self.article_made(stage, creator, kind, |_| {}).await
    }

    /// [`TestApp::article_at`] with what `edit` changes, straight into the store (past the
    /// checklist and the revisions of approved content: for reading tests of given texts).
    pub async fn article_with(
        &self,
        stage: Stage,
        creator: &str,
        edit: impl FnOnce(&mut Article),
    ) -> Article {
        self.article_made(stage, creator, portal_contract::Kind::News, edit)
            .await
    }

    /// An article of `kind` at `stage` with what `edit` changes, straight into the store.
    pub async fn article_made(
        &self,
        stage: Stage,
        creator: &str,
        kind: portal_contract::Kind,
        edit: impl FnOnce(&mut Article),
    ) -> Article {
        let user = self.user(creator).clone();
        let now = self.clock_now();
        let article = Article {
            id: 0,
            title: format!("Bài thử ở bước {}", stage.label_vi()),
            lead: "Sapo thử nghiệm về bảo hiểm xã hội.".into(),
            body: vec![
                portal_contract::Block::paragraph(
                    "Bảo hiểm xã hội tỉnh tiếp tục mở rộng diện bao phủ. ".repeat(5),
                ),
                portal_contract::Block::paragraph(
                    "Người dân tra cứu quá trình tham gia trên ứng dụng VssID. ".repeat(3),
                ),
            ],
            section: "Tin tức – Sự kiện".into(),
            topics: vec![portal_contract::Topic::Bhxh],
            kind,
            authors: vec![portal_contract::AuthorShare {
                name: user.full_name.clone(),
                user_id: Some(user.id),
                share: 100,
            }],
            source: "BHXH tỉnh".into(),
            cover: None,
            channels: vec![portal_contract::Channel::Portal],
            language: portal_contract::Language::Vi,
            model_example: false,
            checks: ["confidentiality", "facts_verified", "spelling"]
                .map(String::from)
                .to_vec(),
            checklist: Default::default(),
            stage,
            scheduled_at: None,
            published_at: (stage == Stage::Published).then_some(now),
            removal_reason: matches!(stage, Stage::RemovalRequested | Stage::Removed)
                .then(|| "Lý do gỡ".to_string()),
            created_by: user.id,
            created_at: now,
            updated_at: now,
            updated_by: user.id,
            updated_by_name: user.full_name.clone(),
            stage_changed_at: now,
            version: 1,
            revision: None,
        };
        let mut article = article;
        edit(&mut article);
        let article = Article {
            checklist: portal_contract::checklist::evaluate(
                &article,
                &portal_contract::ChecklistSettings::default(),
            ),
            ..article
        };
        let history = NewHistory {
            at: now,
            actor_id: user.id,
            actor_name: user.full_name.clone(),
            action: "create".into(),
            from_stage: None,
            to_stage: Some(stage),
            comment: None,
            version: 1,
        };
        let audit = NewAudit::success(now, &user, "article.create", None, None);
        self.store
            .create_article(&article, history, audit)
            .await
            .expect("article")
    }
}

/// `portal_session=<token>` from a `Set-Cookie`, ready for a `Cookie` header.
pub fn cookie_of(res: &Resp) -> Option<String> {
    let set = res.header("set-cookie")?;
    let pair = set.split(';').next()?.trim().to_string();
    let (_, value) = pair.split_once('=')?;
    (!value.is_empty()).then_some(pair)
}

/// A minimal valid new article.
/// The article in an answer's body.
pub fn article(res: &Resp) -> Article {
    serde_json::from_slice(&res.body).expect("article")
}

/// `PATCH /articles/{id}` as `cookie`, with `If-Match: "<version>"`.
pub async fn patch(app: &TestApp, cookie: &str, id: i64, version: i64, body: Value) -> Resp {
    app.send(
        Call::new(Method::PATCH, &format!("/api/v1/articles/{id}"))
            .cookie(Some(cookie))
            .if_match(version)
            .json(&body),
    )
    .await
}

/// `POST /articles/{id}/transitions` as `cookie`, with `If-Match`; `comment` is sent only
/// when given.
pub async fn transition(
    app: &TestApp,
    cookie: &str,
    id: i64,
    version: i64,
    to: Stage,
    comment: Option<&str>,
) -> Resp {
    let path = format!("/api/v1/articles/{id}/transitions");
    move_at(app, cookie, &path, version, to, comment).await
}

/// `POST path` (a transitions resource) to `to` with `If-Match: version` as `cookie`.
pub async fn move_at(
    app: &TestApp,
    cookie: &str,
    path: &str,
    version: i64,
    to: Stage,
    comment: Option<&str>,
) -> Resp {
    let mut body = json!({ "to": to });
    if let Some(c) = comment {
        body["comment"] = json!(c);
    }
    app.send(
        Call::new(Method::POST, path)
            .cookie(Some(cookie))
            .if_match(version)
            .json(&body),
    )
    .await
}

/// `POST /api/v1/articles` with `body` as `cookie`.
pub async fn create_article(app: &TestApp, cookie: &str, body: Value) -> Resp {
    app.send(
        Call::new(Method::POST, "/api/v1/articles")
            .cookie(Some(cookie))
            .json(&body),
    )
    .await
}

/// `POST path` with a JSON `body`, as `cookie`.
pub async fn post_json(app: &TestApp, cookie: &str, path: &str, body: Value) -> Resp {
    app.send(
        Call::new(Method::POST, path)
            .cookie(Some(cookie))
            .json(&body),
    )
    .await
}

/// `PATCH path` with `If-Match: "<version>"` and a JSON `body`, as `cookie`.
pub async fn patch_json(
    app: &TestApp,
    cookie: &str,
    path: &str,
    version: i64,
    body: Value,
) -> Resp {
    app.send(
        Call::new(Method::PATCH, path)
            .cookie(Some(cookie))
            .if_match(version)
            .json(&body),
    )
    .await
}

/// `PATCH /api/v1/users/{id}` of `user` at its current version, as `cookie`.
pub async fn patch_user(app: &TestApp, cookie: &str, user: &User, body: Value) -> Resp {
    let path = format!("/api/v1/users/{}", user.id);
    patch_json(app, cookie, &path, user.version, body).await
}

pub fn new_article(title: &str) -> Value {
    json!({ "title": title, "kind": "news" })
}

/// Sends a visitor beacon from `ip` with user agent `ua`, as the snippet does.
pub async fn beacon(app: &TestApp, ip: &str, ua: &str, body: Value) -> Resp {
    app.send(
        Call::new(Method::POST, "/api/v1/collect")
            .no_csrf()
            .header("user-agent", ua)
            .header("x-forwarded-for", ip)
            .raw(
                Some("text/plain;charset=UTF-8"),
                serde_json::to_vec(&body).unwrap(),
            ),
    )
    .await
}

/// Sends a beacon that must be stored (204).
pub async fn view(app: &TestApp, ip: &str, ua: &str, body: Value) {
    let res = beacon(app, ip, ua, body).await;
    assert_eq!(
        res.status.as_u16(),
        204,
        "{}",
        String::from_utf8_lossy(&res.body)
    );
}
