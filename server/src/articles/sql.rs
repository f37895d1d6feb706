//! Every SQL statement of [`super::ArticleStore`], written once for both engines.
//!
//! `articles_sql!(sqlite)` or `articles_sql!(postgres)` expands inside that engine's file,
//! which gives what truly differs:
//! - `SNAPSHOT`: how the board and the changes feed begin their one read transaction;
//! - `NEXT_CHANGES`: hands out the next `$1` numbers of the change sequence (the cursor of
//!   `GET /changes`) and returns the last;
//! - `insert_rows(conn, rows)`: inserts new article rows, returning their ids in order;
//! - `MARK_INDEXED`: what an update also sets;
//! - `sync_search(conn, saved)`, `SEARCH_MATCHES` and `search_query(terms)`: the full-text
//!   search (`SEARCH_MATCHES` yields `article_id` and `score`, higher is better, for the
//!   query bound as `$1`);
//! - `ROWS_PER_INSERT` and `IMPORT_BATCH`: how many rows one statement and articles one round
//!   of an import write;
//! - `AUTHORED_BY` and `TOPICS_OF_ARTICLE`: how JSON arrays are read (see `filters.rs`).

/// Expands [`super::ArticleStore`] and `insert_new_article` for one engine (`sqlite` or
/// `postgres`, a module of `crate::db`).
macro_rules! articles_sql {
    ($engine:ident) => {
        use crate::articles::model::{
            ArticleQuery, ArticleSortField, ImportedArticle, NewCommentRecord, NewHistory,
        };
        use crate::articles::rows::{
            article_of_snapshot, articles, summaries, ArticleColumns, ArticleRow, CommentInsert,
            CommentRow, HistoryRow, HitRow, SummaryRow, ARTICLE_COLUMNS, COMMENT_COLUMNS,
            HISTORY_COLUMNS, PUBLIC_STAGES, WRITTEN_COLUMNS,
        };
        use crate::articles::store::ArticleStore;
        use crate::db::$engine::{
            begin_write, insert_audit, Backend, Conn, Db, BYTEWISE, GREATEST, NULL_TEXT,
        };
        use crate::db::{decoded_page, fold_for_search, like_pattern, offset, page_of, to_json, ts};
        use crate::db::{NewAudit, StoreError, StoreResult};
        use crate::workflow::model::ChangesPage;
        use chrono::{DateTime, Utc};
        use portal_contract::{
            Article, ArticleSummary, Comment, HistoryEntry, Page, SearchHit, Stage,
        };
        use sqlx::query_builder::Separated;
        use sqlx::QueryBuilder;

        crate::articles::filters::article_filters!(Db);

        /// The list leaves out the long texts, and adds what only summaries carry.
        fn summary_columns() -> String {
            format!(
                "id, title, '' AS lead, '[]' AS body, section, topics, kind, authors, \
                 '' AS source, {NULL_TEXT} AS cover, '[]' AS channels, language, model_example, \
                 stage, scheduled_at, published_at, removal_reason, created_by, created_at, \
                 updated_at, stage_changed_at, version, '[]' AS checks, \
                 COALESCE(updated_by, created_by) AS updated_by, updated_by_name, \
                 {GREATEST}(checklist_failing, 0) AS checklist_failing, change_seq, \
                 (SELECT COUNT(*) FROM article_comments c WHERE c.article_id = articles.id) \
                 AS comment_count, {NULL_TEXT} AS revision, revision_stage"
            )
        }

        /// Binds `c` in the order of [`WRITTEN_COLUMNS`].
        fn push_columns(c: ArticleColumns, row: &mut Separated<'_, '_, Db, &'static str>) {
            let [title, lead, section, source] = c.text;
            let [body, topics, authors, channels] = c.json;
            let [search_folded, title_folded] = c.folded;
            row.push_bind(title)
                .push_bind(lead)
                .push_bind(body)
                .push_bind(section)
                .push_bind(topics)
                .push_bind(c.kind)
                .push_bind(authors)
                .push_bind(source)
                .push_bind(c.cover)
                .push_bind(channels)
                .push_bind(c.language)
                .push_bind(c.model_example)
                .push_bind(c.stage)
                .push_bind(c.scheduled_at)
                .push_bind(c.published_at)
                .push_bind(c.removal_reason)
                .push_bind(c.updated_at)
                .push_bind(c.stage_changed_at)
                .push_bind(c.version)
                .push_bind(search_folded)
                .push_bind(title_folded)
                .push_bind(c.checks)
                .push_bind(c.updated_by)
                .push_bind(c.updated_by_name)
                .push_bind(c.checklist_failing)
                .push_bind(c.change_seq)
                .push_bind(c.revision.0)
                .push_bind(c.revision.1);
        }

        /// The columns of a new row, before [`WRITTEN_COLUMNS`].
        const NEW_COLUMNS: &str = "created_by, created_at";

        /// Binds a new row's [`NEW_COLUMNS`], then `c`.
        fn push_new_row(
            a: &Article,
            c: ArticleColumns,
            row: &mut Separated<'_, '_, Db, &'static str>,
        ) {
            row.push_bind(a.created_by).push_bind(ts(a.created_at));
            push_columns(c, row);
        }

        /// Inserts new articles (their `id`s are ignored) and indexes the public ones; returns
        /// their ids, in order.
        async fn insert_articles(conn: &mut Conn, items: &[&Article]) -> StoreResult<Vec<i64>> {
            let n = i64::try_from(items.len()).map_err(|e| StoreError::Internal(e.to_string()))?;
            if n == 0 {
                return Ok(Vec::new());
            }
            let last_seq = next_changes(&mut *conn, n).await?;
            let rows = items
                .iter()
                .zip(last_seq - n + 1..)
                .map(|(a, seq)| Ok((*a, ArticleColumns::of(a, seq)?)))
                .collect::<StoreResult<Vec<_>>>()?;
            let ids = insert_rows(&mut *conn, rows).await?;
            let saved: Vec<(i64, &Article)> =
                ids.iter().copied().zip(items.iter().copied()).collect();
            sync_search(conn, &saved).await?;
            Ok(ids)
        }

        async fn fetch_article(conn: &mut Conn, id: i64) -> StoreResult<Option<Article>> {
            sqlx::query_as::<_, ArticleRow>(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(conn)
            .await?
            .map(ArticleRow::into_article)
            .transpose()
        }

        /// Appends discussion lines, in order; returns their ids.
        async fn insert_comments(
            conn: &mut Conn,
            comments: &[CommentInsert<'_>],
        ) -> StoreResult<Vec<i64>> {
            let mut ids = Vec::with_capacity(comments.len());
            for chunk in comments.chunks(ROWS_PER_INSERT) {
                let mut insert = QueryBuilder::<Db>::new(
                    "INSERT INTO article_comments \
                     (article_id, at, author_id, author_name, text, action, from_stage, to_stage) ",
                );
                insert.push_values(chunk, |mut row, c| {
                    row.push_bind(c.article_id)
                        .push_bind(ts(c.at))
                        .push_bind(c.author_id)
                        .push_bind(c.author_name)
                        .push_bind(c.text)
                        .push_bind(c.action)
                        .push_bind(c.from_stage.map(Stage::as_str))
                        .push_bind(c.to_stage.map(Stage::as_str));
                });
                insert.push(" RETURNING id");
                let chunk_ids: Vec<i64> =
                    insert.build_query_scalar().fetch_all(&mut *conn).await?;
                ids.extend(chunk_ids);
            }
            Ok(ids)
        }

        /// Appends history lines `(article id, line)`, in order, with their comments (see
        /// [`CommentInsert::of_transition`]).
        async fn insert_history(conn: &mut Conn, lines: &[(i64, &NewHistory)]) -> StoreResult<()> {
            for chunk in lines.chunks(ROWS_PER_INSERT) {
                let mut insert = QueryBuilder::<Db>::new(
                    "INSERT INTO article_history \
                     (article_id, at, actor_id, actor_name, action, from_stage, to_stage, \
                     comment, version) ",
                );
                insert.push_values(chunk, |mut row, (article_id, h)| {
                    row.push_bind(*article_id)
                        .push_bind(ts(h.at))
                        .push_bind(h.actor_id)
                        .push_bind(&h.actor_name)
                        .push_bind(&h.action)
                        .push_bind(h.from_stage.map(Stage::as_str))
                        .push_bind(h.to_stage.map(Stage::as_str))
                        .push_bind(&h.comment)
                        .push_bind(h.version);
                });
                insert.build().execute(&mut *conn).await?;
            }
            let said: Vec<CommentInsert> = lines
                .iter()
                .filter_map(|(id, h)| CommentInsert::of_transition(*id, h))
                .collect();
            insert_comments(conn, &said).await?;
            Ok(())
        }

        /// Keeps the articles' snapshots at their current versions (the rows must be saved
        /// already).
        async fn insert_versions(conn: &mut Conn, ids: &[i64]) -> StoreResult<()> {
            for chunk in ids.chunks(ROWS_PER_INSERT) {
                let mut select = QueryBuilder::<Db>::new(format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ("
                ));
                let mut list = select.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                select.push(") ORDER BY id");
                let rows: Vec<ArticleRow> = select.build_query_as().fetch_all(&mut *conn).await?;
                if rows.len() != chunk.len() {
                    return Err(StoreError::NotFound);
                }
                let snapshots = articles(rows)?
                    .into_iter()
                    .map(|a| Ok((a.id, a.version, ts(a.updated_at), to_json(&a)?)))
                    .collect::<StoreResult<Vec<_>>>()?;
                let mut insert = QueryBuilder::<Db>::new(
                    "INSERT INTO article_versions (article_id, version, at, snapshot) ",
                );
                insert.push_values(snapshots, |mut row, (id, version, at, snapshot)| {
                    row.push_bind(id)
                        .push_bind(version)
                        .push_bind(at)
                        .push_bind(snapshot);
                });
                insert.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        /// Inserts a new article with its first history line, its version snapshot and its
        /// audit line inside the caller's transaction (a fraud report's warning draft is
        /// written with the report).
        pub(crate) async fn insert_new_article(
            conn: &mut Conn,
            article: &Article,
            history: &NewHistory,
            audit: &NewAudit,
        ) -> StoreResult<Article> {
            let ids = insert_articles(&mut *conn, &[article]).await?;
            let id = ids.first().copied().ok_or(StoreError::NotFound)?;
            insert_history(&mut *conn, &[(id, history)]).await?;
            insert_versions(&mut *conn, &[id]).await?;
            let mut audit = audit.clone();
            audit.target = Some(format!("article:{id}"));
            insert_audit(&mut *conn, &audit).await?;
            fetch_article(conn, id).await?.ok_or(StoreError::NotFound)
        }

        /// The summaries a query of `select` (built on [`summary_columns`]) finds.
        async fn fetch_summaries(
            mut select: QueryBuilder<'_, Db>,
            conn: &mut Conn,
        ) -> StoreResult<Vec<ArticleSummary>> {
            let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(conn).await?;
            summaries(rows)
        }

        /// Hands out the next `n` numbers of the change sequence; returns the last.
        async fn next_changes(conn: &mut Conn, n: i64) -> StoreResult<i64> {
            Ok(sqlx::query_scalar(NEXT_CHANGES)
                .bind(n)
                .fetch_one(conn)
                .await?)
        }

        /// The newest number of the change sequence that is visible (0 before any change).
        async fn newest_change(conn: &mut Conn) -> StoreResult<i64> {
            Ok(
                sqlx::query_scalar("SELECT COALESCE(MAX(change_seq), 0) FROM articles")
                    .fetch_one(conn)
                    .await?,
            )
        }

        #[async_trait::async_trait]
        impl ArticleStore for Backend {
            async fn create_article(
                &self,
                article: &Article,
                history: NewHistory,
                audit: NewAudit,
            ) -> StoreResult<Article> {
                let mut tx = begin_write(self.pool()).await?;
                let saved = insert_new_article(&mut tx, article, &history, &audit).await?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn article(&self, id: i64) -> StoreResult<Option<Article>> {
                let mut conn = self.pool().acquire().await?;
                fetch_article(&mut conn, id).await
            }

            async fn list_articles(&self, q: &ArticleQuery) -> StoreResult<Page<ArticleSummary>> {
                let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM articles");
                push_article_filters(&mut count, q);
                let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;

                let mut select = QueryBuilder::<Db>::new(format!(
                    "SELECT {} FROM articles",
                    summary_columns()
                ));
                push_article_filters(&mut select, q);
                let dir = if q.descending { "DESC" } else { "ASC" };
                // NULLs (no publication time) sort first going up, last going down.
                let nulls = if q.descending { "LAST" } else { "FIRST" };
                let key = match q.sort {
                    ArticleSortField::UpdatedAt => "updated_at".to_string(),
                    ArticleSortField::CreatedAt => "created_at".to_string(),
                    ArticleSortField::Title => format!("title_folded{BYTEWISE}"),
                    ArticleSortField::PublishedAt => "published_at".to_string(),
                    ArticleSortField::StageChangedAt => "stage_changed_at".to_string(),
                    ArticleSortField::Stage => {
                        let mut case = String::from("CASE stage");
                        for (i, s) in Stage::ALL.iter().enumerate() {
                            case.push_str(&format!(" WHEN '{}' THEN {i}", s.as_str()));
                        }
                        case.push_str(" END");
                        case
                    }
                };
                select.push(format!(
                    " ORDER BY {key} {dir} NULLS {nulls}, id {dir} LIMIT "
                ));
                select.push_bind(i64::from(q.per_page));
                select.push(" OFFSET ");
                select.push_bind(offset(q.page, q.per_page));
                let mut conn = self.pool().acquire().await?;
                let items = fetch_summaries(select, &mut conn).await?;
                Ok(page_of(items, total, q.page, q.per_page))
            }

            async fn update_article(
                &self,
                a: &Article,
                expected_version: i64,
                history: NewHistory,
                audit: NewAudit,
            ) -> StoreResult<Article> {
                let mut tx = begin_write(self.pool()).await?;
                let seq = next_changes(&mut tx, 1).await?;
                let mut update = QueryBuilder::<Db>::new(format!(
                    "UPDATE articles SET ({WRITTEN_COLUMNS}) = ("
                ));
                push_columns(ArticleColumns::of(a, seq)?, &mut update.separated(", "));
                update.push(format!("){MARK_INDEXED} WHERE id = "));
                update.push_bind(a.id);
                update.push(" AND version = ");
                update.push_bind(expected_version);
                let done = update.build().execute(&mut *tx).await?;
                if done.rows_affected() == 0 {
                    return Err(match fetch_article(&mut tx, a.id).await? {
                        Some(_) => StoreError::VersionMismatch,
                        None => StoreError::NotFound,
                    });
                }
                insert_history(&mut tx, &[(a.id, &history)]).await?;
                insert_versions(&mut tx, &[a.id]).await?;
                sync_search(&mut tx, &[(a.id, a)]).await?;
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch_article(&mut tx, a.id)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn history(&self, article_id: i64) -> StoreResult<Vec<HistoryEntry>> {
                sqlx::query_as::<_, HistoryRow>(&format!(
                    "SELECT {HISTORY_COLUMNS} FROM article_history WHERE article_id = $1 \
                     ORDER BY id"
                ))
                .bind(article_id)
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .map(HistoryRow::into_entry)
                .collect()
            }

            async fn import_articles(
                &self,
                items: &[ImportedArticle],
                audit: NewAudit,
            ) -> StoreResult<usize> {
                let mut tx = begin_write(self.pool()).await?;
                for batch in items.chunks(IMPORT_BATCH) {
                    let new: Vec<&Article> = batch.iter().map(|item| &item.article).collect();
                    let ids = insert_articles(&mut tx, &new).await?;
                    // The history (with what was said in transitions), then the other comments.
                    let lines: Vec<(i64, &NewHistory)> = ids
                        .iter()
                        .zip(batch)
                        .flat_map(|(id, item)| item.history.iter().map(|h| (*id, h)))
                        .collect();
                    insert_history(&mut tx, &lines).await?;
                    let comments: Vec<CommentInsert> = ids
                        .iter()
                        .zip(batch)
                        .flat_map(|(id, item)| {
                            item.comments.iter().map(|c| CommentInsert::plain(*id, c))
                        })
                        .collect();
                    insert_comments(&mut tx, &comments).await?;
                    insert_versions(&mut tx, &ids).await?;
                }
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(items.len())
            }

            async fn article_version(&self, id: i64, version: i64) -> StoreResult<Option<Article>> {
                let snapshot: Option<String> = sqlx::query_scalar(
                    "SELECT snapshot FROM article_versions WHERE article_id = $1 AND version = $2",
                )
                .bind(id)
                .bind(version)
                .fetch_optional(self.pool())
                .await?;
                snapshot.as_deref().map(article_of_snapshot).transpose()
            }

            async fn comments(&self, article_id: i64) -> StoreResult<Vec<Comment>> {
                sqlx::query_as::<_, CommentRow>(&format!(
                    "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE article_id = $1 \
                     ORDER BY at, id"
                ))
                .bind(article_id)
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .map(CommentRow::into_comment)
                .collect()
            }

            async fn add_comment(
                &self,
                article_id: i64,
                comment: &NewCommentRecord,
                audit: NewAudit,
            ) -> StoreResult<Comment> {
                let mut tx = begin_write(self.pool()).await?;
                // Writing the article first tells a missing article apart.
                let seq = next_changes(&mut tx, 1).await?;
                let done = sqlx::query("UPDATE articles SET change_seq = $1 WHERE id = $2")
                    .bind(seq)
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                let ids =
                    insert_comments(&mut tx, &[CommentInsert::plain(article_id, comment)]).await?;
                let id = ids.first().copied().ok_or(StoreError::NotFound)?;
                insert_audit(&mut tx, &audit).await?;
                let saved = sqlx::query_as::<_, CommentRow>(&format!(
                    "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE id = $1"
                ))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?
                .into_comment()?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn board(
                &self,
                visible_to: Option<i64>,
            ) -> StoreResult<(Vec<ArticleSummary>, i64)> {
                // One read transaction: the cursor is exactly as new as the cards.
                let mut tx = self.pool().begin_with(SNAPSHOT).await?;
                let cursor = newest_change(&mut tx).await?;
                let mut select = QueryBuilder::<Db>::new(format!(
                    "SELECT {} FROM articles WHERE 1 = 1",
                    summary_columns()
                ));
                push_visibility(&mut select, visible_to);
                select.push(" ORDER BY updated_at DESC, id DESC");
                let cards = fetch_summaries(select, &mut tx).await?;
                tx.commit().await?;
                Ok((cards, cursor))
            }

            async fn changes_since(
                &self,
                since: i64,
                visible_to: Option<i64>,
                limit: u32,
            ) -> StoreResult<Option<ChangesPage>> {
                let mut tx = self.pool().begin_with(SNAPSHOT).await?;
                let newest = newest_change(&mut tx).await?;
                if since < 0 || since > newest {
                    return Ok(None);
                }
                let mut select = QueryBuilder::<Db>::new(format!(
                    "SELECT {} FROM articles WHERE change_seq > ",
                    summary_columns()
                ));
                select.push_bind(since);
                push_visibility(&mut select, visible_to);
                select.push(" ORDER BY change_seq LIMIT ");
                select.push_bind(i64::from(limit) + 1);
                let mut rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&mut *tx).await?;
                tx.commit().await?;
                let more = rows.len() > limit as usize;
                rows.truncate(limit as usize);
                // Past the last change shown when more wait; else past every change, seen or
                // hidden.
                let cursor = match (more, rows.last()) {
                    (true, Some(last)) => last.change_seq,
                    _ => newest,
                };
                Ok(Some(ChangesPage {
                    items: summaries(rows)?,
                    cursor,
                    more,
                }))
            }

            async fn published_articles(
                &self,
                page: u32,
                per_page: u32,
            ) -> StoreResult<Page<Article>> {
                let total: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM articles WHERE {PUBLIC_STAGES}"
                ))
                .fetch_one(self.pool())
                .await?;
                let rows = sqlx::query_as::<_, ArticleRow>(&format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE {PUBLIC_STAGES} \
                     ORDER BY published_at DESC NULLS LAST, id DESC LIMIT $1 OFFSET $2"
                ))
                .bind(i64::from(per_page))
                .bind(offset(page, per_page))
                .fetch_all(self.pool())
                .await?;
                decoded_page(rows, ArticleRow::into_article, total, page, per_page)
            }

            async fn published_article(&self, id: i64) -> StoreResult<Option<Article>> {
                sqlx::query_as::<_, ArticleRow>(&format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1 AND {PUBLIC_STAGES}"
                ))
                .bind(id)
                .fetch_optional(self.pool())
                .await?
                .map(ArticleRow::into_article)
                .transpose()
            }

            async fn search_published(
                &self,
                terms: &[String],
                page: u32,
                per_page: u32,
            ) -> StoreResult<Page<SearchHit>> {
                if terms.is_empty() {
                    return Ok(page_of(Vec::new(), 0, page, per_page));
                }
                let query = search_query(terms);
                let total: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM ({SEARCH_MATCHES}) s \
                     JOIN articles a ON a.id = s.article_id WHERE a.{PUBLIC_STAGES}"
                ))
                .bind(&query)
                .fetch_one(self.pool())
                .await?;
                let rows = sqlx::query_as::<_, HitRow>(&format!(
                    "SELECT a.id, a.title, a.lead, a.section, a.published_at, \
                     a.stage_changed_at, s.score FROM ({SEARCH_MATCHES}) s \
                     JOIN articles a ON a.id = s.article_id WHERE a.{PUBLIC_STAGES} \
                     ORDER BY s.score DESC, a.id LIMIT $2 OFFSET $3"
                ))
                .bind(&query)
                .bind(i64::from(per_page))
                .bind(offset(page, per_page))
                .fetch_all(self.pool())
                .await?;
                decoded_page(rows, HitRow::into_hit, total, page, per_page)
            }

            async fn due_for_publishing(&self, now: DateTime<Utc>) -> StoreResult<Vec<Article>> {
                let rows = sqlx::query_as::<_, ArticleRow>(&format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE stage = 'approved' \
                     AND scheduled_at IS NOT NULL AND scheduled_at <= $1 ORDER BY scheduled_at, id"
                ))
                .bind(ts(now))
                .fetch_all(self.pool())
                .await?;
                articles(rows)
            }
        }
    };
}
pub(crate) use articles_sql;
