//! The article list's filters, written once: the engines give how JSON arrays are read
//! (`AUTHORED_BY`, `TOPICS_OF_ARTICLE`).

/// Expands `push_visibility` and `push_article_filters` for one engine's query builder (`$db`),
/// with that engine's `AUTHORED_BY` and `TOPICS_OF_ARTICLE` in scope.
macro_rules! article_filters {
    ($db:ty) => {
        /// Only articles `user_id` created or is listed as an author of.
        fn push_visibility(qb: &mut QueryBuilder<'_, $db>, visible_to: Option<i64>) {
            if let Some(user_id) = visible_to {
                qb.push(" AND (created_by = ");
                qb.push_bind(user_id);
                qb.push(AUTHORED_BY.0);
                qb.push_bind(user_id);
                qb.push(AUTHORED_BY.1);
            }
        }

        fn push_article_filters<'a>(qb: &mut QueryBuilder<'a, $db>, q: &'a ArticleQuery) {
            qb.push(" WHERE 1 = 1");
            if !q.stages.is_empty() {
                qb.push(" AND stage IN (");
                let mut list = qb.separated(", ");
                for s in &q.stages {
                    list.push_bind(s.as_str());
                }
                qb.push(")");
            }
            if !q.revision_stages.is_empty() {
                qb.push(" AND revision_stage IN (");
                let mut list = qb.separated(", ");
                for s in &q.revision_stages {
                    list.push_bind(s.as_str());
                }
                qb.push(")");
            }
            if !q.kinds.is_empty() {
                qb.push(" AND kind IN (");
                let mut list = qb.separated(", ");
                for k in &q.kinds {
                    list.push_bind(k.as_str());
                }
                qb.push(")");
            }
            if !q.topics.is_empty() {
                qb.push(format!(
                    " AND EXISTS (SELECT 1 FROM {TOPICS_OF_ARTICLE} WHERE t.value IN ("
                ));
                let mut list = qb.separated(", ");
                for t in &q.topics {
                    list.push_bind(t.as_str());
                }
                qb.push("))");
            }
            if let Some(text) = &q.text {
                for word in fold_for_search(text).split(' ').filter(|w| !w.is_empty()) {
                    qb.push(" AND search_folded LIKE ");
                    qb.push_bind(like_pattern(word));
                    qb.push(" ESCAPE '\\'");
                }
            }
            push_visibility(qb, q.visible_to);
            if q.unscheduled {
                qb.push(" AND scheduled_at IS NULL");
            }
            if let Some(flag) = q.model_example {
                qb.push(" AND model_example = ");
                qb.push_bind(flag);
            }
            if let Some(from) = q.published_from {
                qb.push(" AND published_at >= ");
                qb.push_bind(ts(from));
            }
            if let Some(before) = q.published_before {
                qb.push(" AND published_at < ");
                qb.push_bind(ts(before));
            }
        }
    };
}
pub(crate) use article_filters;
