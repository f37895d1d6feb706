//! [`super::ArticleStore`] on SQLite: opening and migrating the file, and what differs from the
//! shared SQL (`sql.rs`): `BEGIN IMMEDIATE` orders every writer, the change sequence is the
//! largest one stored plus one, articles are inserted one at a time (each takes the row id it
//! is given), and the public search is an FTS5 table.

use super::model::is_public;
use crate::db::IMMEDIATE;
use portal_contract::blocks::body_text;
use portal_contract::checklist::{evaluate, ChecklistSettings};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

impl Backend {
    /// Opens (creating if missing) and migrates the database at `url`
    /// (`sqlite://path/to/file.db`).
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Self::migrated(pool).await
    }

    /// A private in-memory database (for tests): one connection that lives as long as the pool.
    pub async fn open_in_memory() -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Self::migrated(pool).await
    }

    async fn migrated(pool: SqlitePool) -> StoreResult<Self> {
        MIGRATOR.run(&pool).await?;
        let store = Self { pool };
        store.finish_migrated_rows().await?;
        Ok(store)
    }

    /// What the SQL migrations cannot do for rows written before them: the checklist count
    /// (with the default settings) and the search index need Rust (`evaluate`, `fold_vi`).
    /// Checks a few thousand rows in milliseconds; rewrites only those that need it.
    async fn finish_migrated_rows(&self) -> StoreResult<()> {
        let mut tx = begin_write(self.pool()).await?;
        // Also any row whose place in the index disagrees with what the public sees (rows
        // indexed before the rule of `is_public` changed).
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM articles WHERE checklist_failing < 0 OR search_indexed = 0 \
             OR ({PUBLIC_STAGES}) <> (id IN (SELECT rowid FROM article_search))"
        ))
        .fetch_all(&mut *tx)
        .await?;
        let settings = ChecklistSettings::default();
        for id in ids {
            let Some(a) = fetch_article(&mut tx, id).await? else {
                continue;
            };
            let failing = evaluate(&a, &settings).failing;
            sqlx::query(
                "UPDATE articles SET checklist_failing = $1, search_indexed = 1 WHERE id = $2",
            )
            .bind(i64::from(failing))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sync_search(&mut tx, &[(id, &a)]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Opens a database with only the migrations up to `version` applied (for migration
    /// tests: build an old database, then [`Backend::open`] it).
    pub async fn open_at_version(url: &str, version: i64) -> StoreResult<SqlitePool> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let mut old = Migrator {
            migrations: std::borrow::Cow::Owned(
                MIGRATOR
                    .iter()
                    .filter(|m| m.version <= version)
                    .cloned()
                    .collect(),
            ),
            ..Migrator::DEFAULT
        };
        old.set_ignore_missing(true);
        old.run(&pool).await?;
        Ok(pool)
    }
}

/// The board and the changes feed read under the write lock, so the cursor is exactly as new
/// as the cards.
const SNAPSHOT: &str = IMMEDIATE;

/// Every write marks its row as indexed (rows from before the index are found by
/// `finish_migrated_rows`).
const MARK_INDEXED: &str = ", search_indexed = 1";

/// Rows per multi-row INSERT: no row binds more than an article's 29 values.
const ROWS_PER_INSERT: usize = crate::db::sqlite::MAX_BINDS / 29;

/// An import writes one article (with its history, comments and snapshot) after another.
const IMPORT_BATCH: usize = 1;

/// The last of the next `$1` numbers of the change sequence. Every writer began with
/// `BEGIN IMMEDIATE`, so it holds the write lock and no other writer reads the same largest
/// number.
const NEXT_CHANGES: &str = "SELECT COALESCE(MAX(change_seq), 0) + $1 FROM articles";

/// Inserts new article rows one by one, so each id is the row id SQLite gives it.
async fn insert_rows(
    conn: &mut Conn,
    rows: Vec<(&Article, ArticleColumns)>,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for new in rows {
        let mut insert = QueryBuilder::<Db>::new(format!(
            "INSERT INTO articles ({NEW_COLUMNS}, {WRITTEN_COLUMNS}, search_indexed) "
        ));
        insert.push_values([new], |mut row, (a, columns)| {
            push_new_row(a, columns, &mut row);
            row.push("1");
        });
        ids.push(
            insert
                .build()
                .execute(&mut *conn)
                .await?
                .last_insert_rowid(),
        );
    }
    Ok(ids)
}

/// Puts each saved article `(id, article)` in the public search index if the public sees it,
/// takes it out otherwise.
async fn sync_search(conn: &mut Conn, saved: &[(i64, &Article)]) -> StoreResult<()> {
    for (id, a) in saved {
        sqlx::query("DELETE FROM article_search WHERE rowid = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if is_public(a.stage) {
            sqlx::query(
                "INSERT INTO article_search (rowid, title, lead, body) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(fold_for_search(&a.title))
            .bind(fold_for_search(&a.lead))
            .bind(fold_for_search(&body_text(&a.body)))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The indexed articles matching the FTS5 query `$1`; bm25 is lower for better matches, and a
/// title hit weighs most, then lead, then body.
const SEARCH_MATCHES: &str = "SELECT rowid AS article_id, \
     -bm25(article_search, 10.0, 4.0, 1.0) AS score \
     FROM article_search WHERE article_search MATCH $1";

/// An FTS5 query that matches every term as a literal phrase: each is double-quoted (inner
/// quotes doubled), so `AND`, `*`, `NEAR(`, `-` or `"` in user input are only text.
fn search_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An author of the article has the `user_id` bound between these two.
const AUTHORED_BY: (&str, &str) = (
    " OR EXISTS (SELECT 1 FROM json_each(articles.authors) a \
     WHERE json_extract(a.value, '$.user_id') = ",
    "))",
);
/// The article's topics as rows `t(value)`.
const TOPICS_OF_ARTICLE: &str = "json_each(articles.topics) t";

super::sql::articles_sql!(sqlite);
