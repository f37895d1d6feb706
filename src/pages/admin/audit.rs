//! `/admin/audit`: the audit log, filtered through the address.

use super::sessions::focus_id;
use super::tabs::{AdminTabs, AUDIT_PATH};
use crate::api::query::encode_pairs;
use crate::api::stats::{iso_date, parse_iso_date};
use crate::api::{self};
use crate::components::{
    dyn_text, dyn_view, empty_list, ColumnHeads, EmptyListTexts, Loaded, ResultsTable,
    TableSkeleton,
};
use crate::i18n::{use_i18n, Lang};
use crate::pages::admin::strings::AdminMsg;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::{use_page_title, RequirePermission};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::format::{datetime_vn, day_vn, number_vn};
use portal_contract::{AuditEntry, AuditFilter, Page, Permission, AUDIT_FILTER_MAX_CHARS};

/// Audit lines per page.
const AUDIT_PER_PAGE: u32 = 50;

/// The label of a known audit action (`None`: the code is shown alone).
pub fn audit_action_label(action: &str, lang: Lang) -> Option<&'static str> {
    let msg = match action {
        "login" => AdminMsg::AuditActLogin,
        "login_failed" => AdminMsg::AuditActLoginFailed,
        "logout" => AdminMsg::AuditActLogout,
        "session.end" => AdminMsg::AuditActSessionEnd,
        "user.create" => AdminMsg::AuditActUserCreate,
        "user.update" => AdminMsg::AuditActUserUpdate,
        "article.create" => AdminMsg::AuditActArticleCreate,
        "article.update" => AdminMsg::AuditActArticleUpdate,
        "article.transition" => AdminMsg::AuditActArticleTransition,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// Actions offered as suggestions in the action filter.
const ACTION_SUGGESTIONS: [&str; 10] = [
    "login",
    "login_failed",
    "logout",
    "session.end",
    "user",
    "user.create",
    "user.update",
    "article",
    "article.transition",
    "fraud",
];

/// The filters and page of the audit viewer as its URL holds them.
pub fn audit_filter_from_url(get: impl Fn(&str) -> Option<String>) -> (AuditFilter, u32) {
    let text = |name: &str| {
        get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let filter = AuditFilter {
        actor: text("actor"),
        action: text("action"),
        outcome: text("outcome"),
        target: text("target"),
        from: get("from").as_deref().and_then(parse_iso_date),
        to: get("to").as_deref().and_then(parse_iso_date),
    };
    let page = crate::api::query::page_param(get("page").as_deref());
    (filter, page)
}

/// The viewer's address for `filter` at `page`.
pub fn audit_href(filter: &AuditFilter, page: u32) -> String {
    let mut pairs = filter.params();
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    format!("{AUDIT_PATH}{}", encode_pairs(&pairs))
}

/// What is wrong with the typed filters, as (field id, message), before anything is sent.
pub fn audit_form_error(
    texts: &[(&'static str, &str)],
    from: &str,
    to: &str,
) -> Option<(&'static str, AdminMsg)> {
    for (id, value) in texts {
        if value.trim().chars().count() > AUDIT_FILTER_MAX_CHARS {
            return Some((id, AdminMsg::AuditTooLong));
        }
    }
    let day = |s: &str| {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            parse_iso_date(s).map(Some).ok_or(())
        }
    };
    match (day(from), day(to)) {
        (Err(()), _) => Some(("audit-from", AdminMsg::AuditDateInvalid)),
        (_, Err(())) => Some(("audit-to", AdminMsg::AuditDateInvalid)),
        (Ok(Some(f)), Ok(Some(t))) if t < f => Some(("audit-to", AdminMsg::AuditRangeInvalid)),
        _ => None,
    }
}

/// `/admin/audit`: the audit log, filtered and paged (administrators only).
#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::AuditRead>
            <AuditViewer/>
        </RequirePermission>
    }
}

#[component]
fn AuditViewer() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(AdminMsg::AuditTitle);
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query.with(|q| audit_filter_from_url(|name| q.get_str(name).map(str::to_string)))
    });
    let filter = Memo::new(move |_| state.get().0);
    let page = Memo::new(move |_| state.get().1);

    // The form's fields, following the address (back and forward included).
    let actor = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(&'static str, AdminMsg)>);
    Effect::new(move |_| {
        let f = filter.get();
        actor.set(f.actor.clone().unwrap_or_default());
        action.set(f.action.clone().unwrap_or_default());
        outcome.set(f.outcome.clone().unwrap_or_default());
        target.set(f.target.clone().unwrap_or_default());
        from.set(f.from.map(iso_date).unwrap_or_default());
        to.set(f.to.map(iso_date).unwrap_or_default());
    });

    let navigate = use_navigate();
    let go = Callback::new(move |(f, p): (AuditFilter, u32)| {
        navigate(&audit_href(&f, p), Default::default());
    });
    let lines = LocalResource::new(move || {
        let f = filter.get();
        let p = page.get();
        async move { api::admin::audit(&f, p, AUDIT_PER_PAGE).await }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texts = [
            ("audit-actor", actor.get_untracked()),
            ("audit-action", action.get_untracked()),
            ("audit-target", target.get_untracked()),
        ];
        let borrowed: Vec<(&'static str, &str)> =
            texts.iter().map(|(id, v)| (*id, v.as_str())).collect();
        if let Some((id, msg)) =
            audit_form_error(&borrowed, &from.get_untracked(), &to.get_untracked())
        {
            error.set(Some((id, msg)));
            focus_id(id);
            return;
        }
        error.set(None);
        let text = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let f = AuditFilter {
            actor: text(actor.get_untracked()),
            action: text(action.get_untracked()),
            outcome: text(outcome.get_untracked()),
            target: text(target.get_untracked()),
            from: parse_iso_date(&from.get_untracked()),
            to: parse_iso_date(&to.get_untracked()),
        };
        go.run((f, 1));
    };
    let clear = Callback::new(move |_: ()| {
        error.set(None);
        go.run((AuditFilter::default(), 1));
    });
    let go_to_page = Callback::new(move |p: u32| go.run((filter.get_untracked(), p)));
    let filtered = Memo::new(move |_| !filter.get().is_empty());

    let text_field = move |id: &'static str,
                           label: AdminMsg,
                           hint: Option<AdminMsg>,
                           value: RwSignal<String>,
                           list: Option<&'static str>| {
        let hint_id = format!("{id}-hint");
        let described = move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(format!("{id}-hint"));
            }
            if error.get().is_some_and(|(f, _)| f == id) {
                ids.push("audit-error".to_string());
            }
            ids.join(" ")
        };
        view! {
            <div class="field">
                <label for=id>{i18n.tr(label)}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength=(AUDIT_FILTER_MAX_CHARS + 20).to_string()
                    list=list
                    aria-invalid=move || {
                        if error.get().is_some_and(|(f, _)| f == id) { "true" } else { "false" }
                    }
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        error.set(None);
                    }
                />
                {hint.map(|h| view! { <p class="field-hint" id=hint_id>{i18n.tr(h)}</p> })}
            </div>
        }
    };
    let date_field = move |id: &'static str, label: AdminMsg, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{i18n.tr(label)}</label>
                <input
                    id=id
                    type="date"
                    aria-invalid=move || {
                        if error.get().is_some_and(|(f, _)| f == id) { "true" } else { "false" }
                    }
                    aria-describedby=move || {
                        let mut ids = vec!["audit-chosen".to_string()];
                        if error.get().is_some_and(|(f, _)| f == id) {
                            ids.push("audit-error".to_string());
                        }
                        ids.join(" ")
                    }
                    prop:value=value
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        error.set(None);
                    }
                />
            </div>
        }
    };
    // Date inputs show dates as the browser's language does; this says them as dd/MM/yyyy.
    let chosen = dyn_text(move || {
        let f = parse_iso_date(&from.get());
        let t = parse_iso_date(&to.get());
        let range = match (f, t) {
            (None, None) => return String::new(),
            (Some(f), Some(t)) => format!("{} – {}", day_vn(f), day_vn(t)),
            (Some(f), None) => format!("{} –", day_vn(f)),
            (None, Some(t)) => format!("– {}", day_vn(t)),
        };
        i18n.f(AdminMsg::AuditChosenRange, &[("range", &range)])
    });
    let message = dyn_view(move || match error.get() {
        Some((_, msg)) => view! {
            <p id="audit-error" class="field-error" role="alert">
                {i18n.tr(msg)}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    });
    let suggestions = ACTION_SUGGESTIONS
        .into_iter()
        .map(|a| {
            view! {
                <option value=a>
                    {move || audit_action_label(a, i18n.lang()).unwrap_or_default()}
                </option>
            }
        })
        .collect_view();

    view! {
        <div class="page page-admin page-audit">
            <AdminTabs/>
            <h1>{i18n.tr(AdminMsg::AuditTitle)}</h1>
            <p class="page-intro">{i18n.tr(AdminMsg::AuditIntro)}</p>
            <form class="audit-filters" role="search" novalidate=true on:submit=submit>
                <fieldset>
                    <legend>{i18n.tr(AdminMsg::AuditFiltersLegend)}</legend>
                    <div class="audit-filter-grid">
                        {text_field("audit-actor", AdminMsg::AuditActor, None, actor, None)}
                        {text_field(
                            "audit-action",
                            AdminMsg::AuditAction,
                            Some(AdminMsg::AuditActionHint),
                            action,
                            Some("audit-actions"),
                        )}
                        <div class="field">
                            <label for="audit-outcome">{i18n.tr(AdminMsg::AuditOutcome)}</label>
                            <select
                                id="audit-outcome"
                                prop:value=outcome
                                on:change=move |ev| outcome.set(event_target_value(&ev))
                            >
                                <option value="">{i18n.tr(AdminMsg::AuditOutcomeAll)}</option>
                                <option value="success">{i18n.tr(AdminMsg::AuditSuccess)}</option>
                                <option value="failure">{i18n.tr(AdminMsg::AuditFailure)}</option>
                            </select>
                        </div>
                        {text_field(
                            "audit-target",
                            AdminMsg::AuditTarget,
                            Some(AdminMsg::AuditTargetHint),
                            target,
                            None,
                        )}
                        {date_field("audit-from", AdminMsg::AuditFrom, from)}
                        {date_field("audit-to", AdminMsg::AuditTo, to)}
                    </div>
                    <datalist id="audit-actions">{suggestions}</datalist>
                    <p id="audit-chosen" class="field-hint">{chosen}</p>
                    {message}
                    <div class="audit-filter-actions">
                        <button type="submit" class="button button-primary" data-action="apply-audit-filters">
                            {i18n.tr(AdminMsg::AuditApply)}
                        </button>
                        <button
                            type="button"
                            class="button"
                            data-action="clear-audit-filters"
                            on:click=move |_| clear.run(())
                        >
                            {i18n.tr(AdminMsg::AuditClear)}
                        </button>
                    </div>
                </fieldset>
            </form>
            <Loaded resource=lines skeleton=|| view! { <AuditTableSkeleton/> } let:list>
                <AuditTable list=list page=page go_to_page=go_to_page filtered=filtered clear=clear/>
            </Loaded>
        </div>
    }
}

#[component]
fn AuditTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ColumnHeads labels=vec![
            i18n.tr(ArticleMsg::ColWhen), i18n.tr(AdminMsg::AuditActor),
            i18n.tr(AdminMsg::AuditAction), i18n.tr(AdminMsg::AuditTarget),
            i18n.tr(AdminMsg::AuditOutcome), i18n.tr(AdminMsg::AuditColDetail),
        ]/>
    }
}

#[component]
fn AuditTableSkeleton() -> impl IntoView {
    view! {
        <TableSkeleton class="audit-table" rows=8 columns=6>
            <AuditTableHead/>
        </TableSkeleton>
    }
}

#[component]
fn AuditTable(
    list: Page<AuditEntry>,
    page: Memo<u32>,
    go_to_page: Callback<u32>,
    filtered: Memo<bool>,
    clear: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        let texts = EmptyListTexts {
            empty: i18n.tr(AdminMsg::AuditEmpty),
            hint: None,
            filtered: i18n.tr(AdminMsg::AuditEmptyFiltered),
            clear: i18n.tr(AdminMsg::AuditClear),
        };
        return empty_list(filtered.get_untracked(), texts, clear);
    }
    let rows = list
        .items
        .into_iter()
        .map(|e| {
            let ok = e.outcome == "success";
            let code = e.action.clone();
            let data_action = e.action.clone();
            view! {
                <tr data-id=e.id.to_string() data-action=data_action data-outcome=e.outcome>
                    <td data-label=i18n.tr(ArticleMsg::ColWhen)>{datetime_vn(e.at)}</td>
                    <td data-label=i18n.tr(AdminMsg::AuditActor)>{e.actor_name}</td>
                    <td data-label=i18n.tr(AdminMsg::AuditAction)>
                        {move || {
                            audit_action_label(&code, i18n.lang())
                                .map(|l| view! { <span class="audit-action-label">{l}</span> " " })
                        }}
                        <code>{e.action}</code>
                    </td>
                    <td data-label=i18n.tr(AdminMsg::AuditTarget)>
                        {e.target.map(|t| view! { <code>{t}</code> })}
                    </td>
                    <td data-label=i18n.tr(AdminMsg::AuditOutcome)>
                        <span class="badge" class:badge-ok=ok class:badge-off=!ok>
                            {move || if ok { i18n.t(AdminMsg::AuditSuccess) } else { i18n.t(AdminMsg::AuditFailure) }}
                        </span>
                    </td>
                    <td data-label=i18n.tr(AdminMsg::AuditColDetail) class="audit-detail">{e.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ResultsTable
            class="audit-table"
            caption=i18n.tr(AdminMsg::AuditTitle)
            count=Signal::derive(move || i18n.f(AdminMsg::AuditCount, &[("total", &number_vn(total as i64))]))
            total=total
            count_role="status"
            page=page
            page_count=page_count
            on_page=go_to_page
            head=|| view! { <AuditTableHead/> }
        >
            {rows}
        </ResultsTable>
    }
    .into_any()
}
