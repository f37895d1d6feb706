//! Articles: list, create, read, edit, move through the workflow, history, versions and the
//! editorial discussion.

use crate::http::error::ApiError;
use crate::http::extract::{
    ApiJson, CurrentUser, IfMatch, PathId, PathIdVersion, QueryParams, SEARCH_TEXT,
};
use crate::http::respond::{created, has_control_chars, versioned};
use crate::state::AppState;
use crate::store::{
    ArticleQuery, ArticleSortField, NewAudit, NewCommentRecord, NewHistory, StoreError,
};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use portal_contract::checklist::evaluate_with;
use portal_contract::{
    validate_article, validate_comment, validate_new_article, Article, ArticlePatch,
    ArticleSummary, AuthorShare, Checklist, Comment, FieldError, HistoryEntry, Kind, NewComment,
    Page, Permission, ProblemKind, Requirement, Stage, Topic, TransitionRequest, TransitionRule,
    Workflow, COMMENT_MAX,
};

/// Most manual checklist items one article may tick.
const CHECKS_MAX: usize = 50;

/// `a` with its publish checklist computed with the server's settings, reading the media
/// library's alt text and captions for the images it uses (a failed lookup counts as none:
/// the checklist then asks for the texts in the article itself).
pub(crate) async fn with_checklist(state: &AppState, mut a: Article) -> Article {
    a.checklist = checklist_of(state, &a).await;
    if let Some(revision) = a.revision.as_mut() {
        revision.checklist = checklist_of(state, revision).await;
    }
    a
}

async fn checklist_of(state: &AppState, a: &Article) -> Checklist {
    let library = crate::media::library_of_article(state, a)
        .await
        .unwrap_or_default();
    evaluate_with(a, &state.checklist, &library)
}

/// The 422 of an approval whose checklist fails, one error per failing required item.
fn checklist_problem(checklist: &Checklist) -> ApiError {
    let failing = checklist
        .items
        .iter()
        .filter(|i| i.required && !i.passed)
        .map(|i| {
            FieldError::new(
                format!("checklist.{}", i.id),
                "checklist_failed",
                i.detail.clone().unwrap_or_else(|| i.label_vi.clone()),
            )
        })
        .collect();
    let mut e = ApiError::validation(failing);
    e.problem.detail = Some(format!(
        "Bài chưa đạt {} mục bắt buộc của danh sách kiểm tra trước khi duyệt đăng.",
        checklist.failing
    ));
    e
}

/// Marks `a` as changed by `me` at `now`, to `version`.
fn stamp(a: &mut Article, me: &CurrentUser, now: DateTime<Utc>, version: i64) {
    a.version = version;
    a.updated_at = now;
    a.updated_by = me.user.id;
    a.updated_by_name = me.user.full_name.clone();
}

/// Editors edit any article not removed; authors their own drafts only.
fn require_edit(me: &CurrentUser, a: &Article) -> Result<(), ApiError> {
    if me.can(Permission::ArticlesEdit) {
        if a.stage == Stage::Removed {
            return Err(ApiError::conflict("Bài đã gỡ, không thể sửa."));
        }
    } else if !(a.created_by == me.user.id && a.stage == Stage::Draft) {
        return Err(ApiError::forbidden());
    }
    Ok(())
}

/// Whether `me` may see `a`: everyone with `ArticlesReadAll`, else its creator and listed
/// authors.
fn can_see(me: &CurrentUser, a: &Article) -> bool {
    me.can(Permission::ArticlesRead)
        && (me.can(Permission::ArticlesReadAll)
            || a.created_by == me.user.id
            || a.authors.iter().any(|s| s.user_id == Some(me.user.id)))
}

/// The article `id` as `me` may see it: 404 if absent, 403 if hidden from them.
async fn visible_article(state: &AppState, me: &CurrentUser, id: i64) -> Result<Article, ApiError> {
    me.require(Permission::ArticlesRead)?;
    let article = state
        .store
        .article(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy bài viết."))?;
    if !can_see(me, &article) {
        return Err(ApiError::forbidden());
    }
    Ok(with_checklist(state, article).await)
}

async fn fresh_precondition_failed(state: &AppState, id: i64) -> ApiError {
    match state.store.article(id).await {
        Ok(Some(a)) => {
            let a = with_checklist(state, a).await;
            ApiError::precondition_failed(&a, a.version)
        }
        Ok(None) => ApiError::not_found("Không tìm thấy bài viết."),
        Err(e) => e.into(),
    }
}

/// Every `authors[].user_id` must name an existing user.
/// Writes `next` (with its history and audit lines, in one transaction) if the stored version
/// is still `based_on`; a concurrent change in between is a 412 with the fresh article.
async fn save(
    state: &AppState,
    next: &Article,
    based_on: i64,
    history: NewHistory,
    audit: NewAudit,
) -> Result<Response, ApiError> {
    match state
        .store
        .update_article(next, based_on, history, audit)
        .await
    {
        Ok(saved) => {
            let saved = with_checklist(state, saved).await;
            Ok(versioned(StatusCode::OK, &saved, saved.version))
        }
        Err(StoreError::VersionMismatch) => Err(fresh_precondition_failed(state, next.id).await),
        Err(e) => Err(e.into()),
    }
}

async fn check_author_ids(
    state: &AppState,
    authors: &[AuthorShare],
) -> Result<Vec<FieldError>, ApiError> {
    let mut errors = Vec::new();
    for (i, a) in authors.iter().enumerate() {
        if let Some(uid) = a.user_id {
            if state.store.user(uid).await?.is_none() {
                errors.push(FieldError::new(
                    format!("authors[{i}].user_id"),
                    "unknown_user",
                    "Không có người dùng này.",
                ));
            }
        }
    }
    Ok(errors)
}

fn normalise_lists(a: &mut Article) {
    a.topics.sort();
    a.topics.dedup();
    a.channels.sort();
    a.channels.dedup();
    a.checks.sort();
    a.checks.dedup();
}

/// `checks` may name only the manual items of the checklist settings, at most 50 of them.
fn check_checks(state: &AppState, checks: &[String]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if checks.len() > CHECKS_MAX {
        errors.push(FieldError::new(
            "checks",
            "too_many",
            format!("Tối đa {CHECKS_MAX} mục kiểm tra."),
        ));
        return errors;
    }
    for (i, id) in checks.iter().enumerate() {
        if !state.checklist.manual.iter().any(|m| &m.id == id) {
            errors.push(FieldError::new(
                format!("checks[{i}]"),
                "unknown_item",
                "Không có mục kiểm tra này trong danh sách.",
            ));
        }
    }
    errors
}

/// `GET /articles?page&per_page&sort&stage&kind&topic&q`.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<ArticleSummary>>, ApiError> {
    me.require(Permission::ArticlesRead)?;
    let (page, per_page) = params.pagination();
    let mut query = ArticleQuery {
        page,
        per_page,
        ..ArticleQuery::default()
    };
    if let Some(sort) = params.take("sort") {
        let sort = sort.trim();
        let (descending, key) = match sort.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, sort.strip_prefix('+').unwrap_or(sort)),
        };
        match ArticleSortField::parse(key) {
            Some(field) => {
                query.sort = field;
                query.descending = descending;
            }
            None => params.error(
                "sort",
                "invalid_value",
                "Khóa sắp xếp không hợp lệ (updated_at, created_at, title, stage, published_at, có thể thêm dấu - phía trước).",
            ),
        }
    }
    query.stages = params.list("stage", Stage::parse);
    query.kinds = params.list("kind", Kind::parse);
    query.topics = params.list("topic", Topic::parse);
    query.text = params.text("q", &SEARCH_TEXT);
    params.finish()?;
    if !me.can(Permission::ArticlesReadAll) {
        query.visible_to = Some(me.user.id);
    }
    Ok(Json(state.store.list_articles(&query).await?))
}

/// A new draft, version 1, created by `me` at `now` from `new` (already validated): the one
/// way articles start, whether from the editor or from a fraud report's warning.
pub(crate) fn new_draft(
    state: &AppState,
    me: &portal_contract::User,
    new: portal_contract::NewArticle,
    now: chrono::DateTime<chrono::Utc>,
) -> Article {
    let authors = if new.authors.is_empty() {
        vec![AuthorShare {
            name: me.full_name.clone(),
            user_id: Some(me.id),
            share: 100,
        }]
    } else {
        new.authors
    };
    let mut article = Article {
        id: 0,
        title: new.title,
        lead: new.lead,
        body: new.body,
        section: new.section,
        topics: new.topics,
        kind: new.kind,
        authors,
        source: new.source,
        cover: new.cover,
        channels: new.channels,
        language: new.language,
        model_example: new.model_example,
        checks: Vec::new(),
        checklist: Checklist::default(),
        stage: Stage::Draft,
        scheduled_at: new.scheduled_at,
        published_at: None,
        removal_reason: None,
        created_by: me.id,
        created_at: now,
        updated_at: now,
        updated_by: me.id,
        updated_by_name: me.full_name.clone(),
        stage_changed_at: now,
        version: 1,
        revision: None,
    };
    normalise_lists(&mut article);
    // Without the library: the answer's checklist is computed again once it is saved.
    article.checklist = portal_contract::checklist::evaluate(&article, &state.checklist);
    article
}

/// `POST /articles`: a new draft, version 1; 201 with `Location` and `ETag`.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(new): ApiJson<portal_contract::NewArticle>,
) -> Result<Response, ApiError> {
    me.require(Permission::ArticlesCreate)?;
    let mut errors = validate_new_article(&new);
    errors.extend(check_author_ids(&state, &new.authors).await?);
    ApiError::unless_valid(errors)?;
    let now = state.clock.now();
    let article = new_draft(&state, &me.user, new, now);
    let history = NewHistory {
        to_stage: Some(Stage::Draft),
        ..NewHistory::by(&me.user, now, "create", 1)
    };
    let audit = NewAudit::success(now, &me.user, "article.create", None, None);
    let saved = state.store.create_article(&article, history, audit).await?;
    let saved = with_checklist(&state, saved).await;
    Ok(created(
        &format!("/api/v1/articles/{}", saved.id),
        &saved,
        saved.version,
    ))
}

/// `GET /articles/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    let article = visible_article(&state, &me, id).await?;
    Ok(versioned(StatusCode::OK, &article, article.version))
}

/// `PATCH /articles/{id}` with `If-Match` (JSON merge patch of the editable fields). Before
/// approval the article itself changes. From approval on ([`Stage::edits_make_revision`]) a
/// change of content goes into the pending revision (begun from the approved content when there
/// is none), and readers keep the approved content until the chief editor approves the revision;
/// only the scheduled publication time changes the article itself.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<ArticlePatch>,
) -> Result<Response, ApiError> {
    let current = visible_article(&state, &me, id).await?;
    require_edit(&me, &current)?;
    if_match.check(&current, current.version)?;
    if patch.is_empty() {
        return Ok(versioned(StatusCode::OK, &current, current.version));
    }
    let fields: Vec<String> = match serde_json::to_value(&patch) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let change = Edit {
        action: "update",
        comment: None,
        audit_detail: format!("fields: {}", fields.join(", ")),
    };
    edit(&state, &me, current, &patch, change).await
}

/// What an edit is, for the history and the audit log.
struct Edit {
    /// `update` or `restore`; an edit of a revision is recorded as `revision_<action>`.
    action: &'static str,
    comment: Option<String>,
    audit_detail: String,
}

/// Applies `patch` to `current` (already checked: visible, editable, If-Match) as
/// [`update`] describes, and saves it: past approval, a patch that changes what readers see
/// goes into the revision, and only what they never see ([`ArticlePatch::unseen_by_readers`])
/// changes the approved article.
async fn edit(
    state: &AppState,
    me: &CurrentUser,
    current: Article,
    patch: &ArticlePatch,
    change: Edit,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let mut before = current.working_copy().clone();
    before.revision = None;
    let mut changed = before.clone();
    patch.apply_to(&mut changed);
    normalise_lists(&mut changed);
    let guarded = current.stage.edits_make_revision();
    let revising = guarded && !changed.same_public_content(&before);
    // The manual checklist items are the editor's judgement, not the author's own sign-off
    // (an unchanged list, as a client may send with every save, is fine).
    let mut ticked_before = before.checks.clone();
    ticked_before.sort();
    ticked_before.dedup();
    if changed.checks != ticked_before && !me.can(Permission::ArticlesEdit) {
        return Err(ApiError::new(
            ProblemKind::Forbidden,
            "Chỉ biên tập viên mới được đánh dấu các mục kiểm tra thủ công.",
        ));
    }
    let mut errors = validate_article(&changed);
    if let Some(authors) = &patch.authors {
        errors.extend(check_author_ids(state, authors).await?);
    }
    if let Some(checks) = &patch.checks {
        errors.extend(check_checks(state, checks));
    }
    ApiError::unless_valid(errors)?;
    let version = current.version + 1;
    stamp(&mut changed, me, now, version);
    let next = if guarded {
        let mut live = current.clone();
        let mut unseen = patch.unseen_by_readers(&current);
        if revising || current.revision.is_some() {
            // Ticks are for the next approval: the revision's.
            unseen.checks = None;
        }
        unseen.apply_to(&mut live);
        normalise_lists(&mut live);
        stamp(&mut live, me, now, version);
        if revising || current.revision.is_some() {
            live.revise(changed, now);
        }
        live
    } else {
        changed
    };
    let next = with_checklist(state, next).await;
    let action = if revising {
        format!("revision_{}", change.action)
    } else {
        change.action.to_string()
    };
    let history = NewHistory {
        comment: change.comment,
        ..NewHistory::by(&me.user, now, action.clone(), version)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        &format!("article.{action}"),
        Some(format!("article:{}", current.id)),
        Some(change.audit_detail),
    );
    save(state, &next, current.version, history, audit).await
}

/// The workflow's `rule` for a move of `what` (the article or its revision) from `from` as `req`
/// asks, if `me` may take it with the comment it needs: 409 when there is no such move, 403 when
/// it is not theirs, 422 without a needed comment. Returns the rule and the trimmed comment.
fn allowed_move<'a>(
    me: &CurrentUser,
    current: &Article,
    rule: Option<&'a TransitionRule>,
    what: &str,
    from: Stage,
    req: &TransitionRequest,
) -> Result<(&'a TransitionRule, Option<String>), ApiError> {
    let Some(rule) = rule else {
        return Err(ApiError::conflict(format!(
            "Không thể chuyển {what} từ “{}” sang “{}”.",
            from.label_vi(),
            req.to.label_vi()
        )));
    };
    // An author acts on their own articles only; other roles act on any.
    if !Workflow::may_take(rule, current.created_by, me.user.id, &me.user.roles) {
        return Err(ApiError::forbidden());
    }
    ApiError::unless_valid(validate_comment(
        req.comment.as_deref(),
        rule.requires != Requirement::None,
    ))?;
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    Ok((rule, comment))
}

/// `POST /articles/{id}/transitions` with `If-Match`: moves the article along the workflow.
pub async fn transition(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<TransitionRequest>,
) -> Result<Response, ApiError> {
    let current = visible_article(&state, &me, id).await?;
    if_match.check(&current, current.version)?;
    let rule = state.workflow.rule(current.stage, req.to);
    let (rule, comment) = allowed_move(&me, &current, rule, "bài", current.stage, &req)?;
    // The chief editor approves only what meets the content and form standards.
    if rule.action == "approve" && !current.checklist.passes() {
        return Err(checklist_problem(&current.checklist));
    }

    let now = state.clock.now();
    let mut next = current.clone();
    next.stage = rule.to;
    stamp(&mut next, &me, now, current.version + 1);
    next.stage_changed_at = now;
    if rule.to == Stage::Removed {
        // Nothing of a removed article is published again.
        next.revision = None;
    }
    match rule.action.as_str() {
        "publish" => next.published_at = Some(now),
        // The reason shows on the board until the chief editor decides; approving the removal
        // keeps it, refusing clears it.
        "request_removal" => next.removal_reason = comment.clone(),
        "refuse_removal" => next.removal_reason = None,
        _ => {}
    }
    let next = with_checklist(&state, next).await;
    let history = NewHistory {
        from_stage: Some(current.stage),
        to_stage: Some(rule.to),
        comment,
        ..NewHistory::by(&me.user, now, rule.action.clone(), next.version)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "article.transition",
        Some(format!("article:{id}")),
        Some(format!(
            "{}: {} → {}",
            rule.action,
            current.stage.as_str(),
            rule.to.as_str()
        )),
    );
    save(&state, &next, current.version, history, audit).await
}

/// `POST /articles/{id}/revision/transitions` with `If-Match`: moves the pending revision
/// through the review by the article's own rules from `editing` on. Its approval (`to:
/// approved`: the chief editor, the revision's checklist passing) makes it the article's
/// content, which readers then see; the article's stage stays.
pub async fn revision_transition(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<TransitionRequest>,
) -> Result<Response, ApiError> {
    let current = visible_article(&state, &me, id).await?;
    if_match.check(&current, current.version)?;
    let Some(revision) = current.revision.as_deref() else {
        return Err(ApiError::conflict(NO_REVISION));
    };
    let rule = Workflow::revision_may_reach(req.to)
        .then(|| state.workflow.rule(revision.stage, req.to))
        .flatten();
    let (rule, comment) = allowed_move(&me, &current, rule, "bản sửa đổi", revision.stage, &req)?;
    if rule.to == Stage::Approved && !revision.checklist.passes() {
        return Err(checklist_problem(&revision.checklist));
    }
    let now = state.clock.now();
    let version = current.version + 1;
    let mut next = current.clone();
    stamp(&mut next, &me, now, version);
    if rule.to == Stage::Approved {
        next.take_content_of(revision);
        next.revision = None;
    } else {
        let mut moved = revision.clone();
        moved.stage = rule.to;
        moved.stage_changed_at = now;
        stamp(&mut moved, &me, now, version);
        next.revision = Some(Box::new(moved));
    }
    let next = with_checklist(&state, next).await;
    let action = format!("revision_{}", rule.action);
    let history = NewHistory {
        from_stage: Some(revision.stage),
        to_stage: Some(rule.to),
        comment,
        ..NewHistory::by(&me.user, now, action.clone(), version)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "article.revision_transition",
        Some(format!("article:{id}")),
        Some(format!(
            "{action}: {} → {}",
            revision.stage.as_str(),
            rule.to.as_str()
        )),
    );
    save(&state, &next, current.version, history, audit).await
}

const NO_REVISION: &str = "Bài không có bản sửa đổi nào đang chờ.";

/// `DELETE /articles/{id}/revision` with `If-Match`: drops the pending revision; the approved
/// content stays as it is. 200 with the article.
pub async fn discard_revision(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    let current = visible_article(&state, &me, id).await?;
    me.require(Permission::ArticlesEdit)?;
    if_match.check(&current, current.version)?;
    let Some(revision) = current.revision.as_deref() else {
        return Err(ApiError::conflict(NO_REVISION));
    };
    let now = state.clock.now();
    let version = current.version + 1;
    let mut next = current.clone();
    stamp(&mut next, &me, now, version);
    next.revision = None;
    let history = NewHistory {
        from_stage: Some(revision.stage),
        ..NewHistory::by(&me.user, now, "revision_discard", version)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "article.revision_discard",
        Some(format!("article:{id}")),
        None,
    );
    save(&state, &next, current.version, history, audit).await
}

/// `POST /articles/{id}/versions/{version}/restore` with `If-Match`: the content saved at
/// `version` (its revision's, if one was pending then) becomes the content again, by the rules
/// of [`update`]: directly before approval, as the pending revision after.
pub async fn restore(
    State(state): State<AppState>,
    me: CurrentUser,
    PathIdVersion(id, version): PathIdVersion,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    let current = visible_article(&state, &me, id).await?;
    require_edit(&me, &current)?;
    if_match.check(&current, current.version)?;
    let old = state
        .store
        .article_version(id, version)
        .await?
        .ok_or_else(|| ApiError::not_found("Không có phiên bản này của bài viết."))?;
    let patch = ArticlePatch::content_of(old.working_copy());
    let change = Edit {
        action: "restore",
        comment: Some(format!("Khôi phục nội dung phiên bản {version}.")),
        audit_detail: format!("version: {version}"),
    };
    edit(&state, &me, current, &patch, change).await
}

/// `GET /articles/{id}/history`: oldest first.
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    visible_article(&state, &me, id).await?;
    Ok(Json(state.store.history(id).await?))
}

/// `GET /articles/{id}/versions/{version}`: the article as it was saved at that version.
pub async fn version(
    State(state): State<AppState>,
    me: CurrentUser,
    PathIdVersion(id, version): PathIdVersion,
) -> Result<Response, ApiError> {
    visible_article(&state, &me, id).await?;
    let old = state
        .store
        .article_version(id, version)
        .await?
        .ok_or_else(|| ApiError::not_found("Không có phiên bản này của bài viết."))?;
    let old = with_checklist(&state, old).await;
    Ok(Json(old).into_response())
}

/// `GET /articles/{id}/comments`: the discussion, oldest first.
pub async fn comments(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Json<Vec<Comment>>, ApiError> {
    visible_article(&state, &me, id).await?;
    Ok(Json(state.store.comments(id).await?))
}

/// The trimmed text of a new comment, or the field errors.
fn comment_text(new: &NewComment) -> Result<String, Vec<FieldError>> {
    let text = new.text.trim();
    let error = if text.is_empty() {
        Some(("required", "Vui lòng nhập nội dung ý kiến.".to_string()))
    } else if new.text.chars().count() > COMMENT_MAX {
        Some((
            "too_long",
            format!(
                "Tối đa {} ký tự.",
                portal_contract::format::number_vn(COMMENT_MAX as i64)
            ),
        ))
    } else if has_control_chars(text) {
        Some(("invalid_characters", "Chứa ký tự không hợp lệ.".to_string()))
    } else {
        None
    };
    match error {
        Some((code, message)) => Err(vec![FieldError::new("text", code, message)]),
        None => Ok(text.to_string()),
    }
}

/// `POST /articles/{id}/comments`: appends to the discussion (comments are never edited).
pub async fn add_comment(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    ApiJson(new): ApiJson<NewComment>,
) -> Result<Response, ApiError> {
    visible_article(&state, &me, id).await?;
    let text = comment_text(&new).map_err(ApiError::validation)?;
    let now = state.clock.now();
    let record = NewCommentRecord {
        at: now,
        author_id: me.user.id,
        author_name: me.user.full_name.clone(),
        text,
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "article.comment",
        Some(format!("article:{id}")),
        None,
    );
    let saved = state.store.add_comment(id, &record, audit).await?;
    let mut res = (StatusCode::CREATED, Json(&saved)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "/api/v1/articles/{id}/comments#comment-{}",
        saved.id
    )) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}
