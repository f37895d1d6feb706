//! [`super::ArticleStore`] on PostgreSQL: connecting and migrating, and what differs from the
//! shared SQL (`sql.rs`).
//!
//! Where SQLite serialises writers with `BEGIN IMMEDIATE`, transactions here are READ COMMITTED
//! and serialise on rows instead: every article write first raises the one row of
//! `article_change_counter` (which also hands out the change sequence of `GET /changes`), and
//! optimistic version checks are single `UPDATE … WHERE version = $n` statements. Nothing
//! depends on locks inside one process. Imports write many rows a statement, and the public
//! search matches whole words in a table of folded words.

use super::model::is_public;
use portal_contract::blocks::body_text;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

impl Backend {
    /// Connects to the database at `url` (`postgres://user@host:port/db`) and migrates it.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }
}

/// How the board and the changes feed read: one snapshot, so the cursor is exactly as new as
/// the cards.
const SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// Nothing else to set: the search index is kept in step by every write.
const MARK_INDEXED: &str = "";

/// Rows per multi-row INSERT: the widest row binds 29 values, far from PostgreSQL's limit of
/// 65 535 parameters per statement.
const ROWS_PER_INSERT: usize = 1000;

/// An import writes all its articles in one round, a few statements each (a demo import of
/// thousands of articles).
const IMPORT_BATCH: usize = usize::MAX;

/// Takes the next `$1` numbers of the change sequence and returns the last. The counter's row
/// stays locked until the caller's transaction ends, so writers take numbers one after another
/// and each becomes visible only after every smaller one: a reader of the feed never skips a
/// change.
const NEXT_CHANGES: &str = "UPDATE article_change_counter SET seq = seq + $1 RETURNING seq";

/// Inserts new article rows, many a statement: their ids are taken first.
async fn insert_rows(
    conn: &mut Conn,
    rows: Vec<(&Article, ArticleColumns)>,
) -> StoreResult<Vec<i64>> {
    let n = i64::try_from(rows.len()).map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, $1)",
    )
    .bind(n)
    .fetch_all(&mut *conn)
    .await?;
    ids.sort_unstable();
    let mut rows = ids.iter().zip(rows).peekable();
    while rows.peek().is_some() {
        let mut insert = QueryBuilder::<Db>::new(format!(
            "INSERT INTO articles (id, {NEW_COLUMNS}, {WRITTEN_COLUMNS}) "
        ));
        insert.push_values(
            rows.by_ref().take(ROWS_PER_INSERT),
            |mut row, (id, (a, columns))| {
                row.push_bind(*id);
                push_new_row(a, columns, &mut row);
            },
        );
        insert.build().execute(&mut *conn).await?;
    }
    Ok(ids)
}

/// Text as the search index holds it: the folded words (split at anything that is not a letter
/// or digit, as `public::routes::search_terms` splits a query), one space between two and one
/// space on either end, so that `% word %` matches whole words only.
fn search_words(s: &str) -> String {
    let mut out = String::from(" ");
    for w in fold_for_search(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Puts each saved article `(id, article)` in the public search index if the public sees it,
/// takes it out otherwise.
async fn sync_search(conn: &mut Conn, saved: &[(i64, &Article)]) -> StoreResult<()> {
    let ids: Vec<i64> = saved.iter().map(|(id, _)| *id).collect();
    sqlx::query("DELETE FROM article_search WHERE article_id = ANY($1)")
        .bind(&ids)
        .execute(&mut *conn)
        .await?;
    let public: Vec<(i64, [String; 3])> = saved
        .iter()
        .filter(|(_, a)| is_public(a.stage))
        .map(|(id, a)| {
            let words = [&a.title, &a.lead, &body_text(&a.body)].map(|s| search_words(s));
            (*id, words)
        })
        .collect();
    for chunk in public.chunks(ROWS_PER_INSERT) {
        let mut insert =
            QueryBuilder::<Db>::new("INSERT INTO article_search (article_id, title, lead, body) ");
        insert.push_values(chunk, |mut row, (id, [title, lead, body])| {
            row.push_bind(*id)
                .push_bind(title)
                .push_bind(lead)
                .push_bind(body);
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The indexed articles that hold every pattern of the text array `$1` (LIKE patterns of whole
/// words), with a score: per word, 10 for a title hit, 4 for a lead hit and 1 for a body hit
/// (the weights SQLite gives bm25), so titles rank above leads above bodies.
const SEARCH_MATCHES: &str = "SELECT s.article_id, SUM( \
     CASE WHEN s.title LIKE p.pattern THEN 10.0 ELSE 0.0 END \
     + CASE WHEN s.lead LIKE p.pattern THEN 4.0 ELSE 0.0 END \
     + CASE WHEN s.body LIKE p.pattern THEN 1.0 ELSE 0.0 END)::float8 AS score \
     FROM article_search s CROSS JOIN unnest($1::text[]) AS p (pattern) \
     WHERE s.title LIKE p.pattern OR s.lead LIKE p.pattern OR s.body LIKE p.pattern \
     GROUP BY s.article_id HAVING COUNT(*) = cardinality($1::text[])";

/// Every term is one literal word: `% word %` against the space-padded words.
fn search_query(terms: &[String]) -> Vec<String> {
    terms
        .iter()
        .map(|t| like_pattern(&format!(" {t} ")))
        .collect()
}

/// An author of the article has the `user_id` bound between these two.
const AUTHORED_BY: (&str, &str) = (
    " OR EXISTS (SELECT 1 FROM jsonb_array_elements(articles.authors::jsonb) a \
     WHERE a.value -> 'user_id' = to_jsonb(",
    "::bigint)))",
);
/// The article's topics as rows `t(value)`.
const TOPICS_OF_ARTICLE: &str = "jsonb_array_elements_text(articles.topics::jsonb) t";

super::sql::articles_sql!(postgres);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_padded_whole_words() {
        assert_eq!(search_words("Bảo hiểm, xã-hội!"), " bao hiem xa hoi ");
        assert_eq!(search_words(" … "), " ");
    }
}
