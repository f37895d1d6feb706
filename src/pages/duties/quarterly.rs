//! `/quarterly` (Bài tiêu biểu quý): the quarter's candidates (published articles flagged
//! "model example"), the e-mail to the VSS portal board prepared as a `mailto:` link with a
//! Vietnamese cover text and the articles' public links, recording it as sent, and the
//! quarter's submissions.

use crate::api;
use crate::api::query::encode_pairs;
use crate::components::{
    dyn_text, dyn_view, use_toasts, ColumnHeads, EmptyState, Loaded, SkeletonBlock, ToastKind,
};
use crate::i18n::{use_i18n, I18n, Lang};
use crate::pages::duties::strings::DutiesMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::duties::{
    mail_draft, MailDraft, NewQuarterlySubmission, Quarter, QuarterStatus, QuarterlySubmission,
};
use portal_contract::format::{date_vn, day_vn};
use portal_contract::Permission;

/// "Quý IV/2026" or "Q4 2026".
pub fn quarter_label(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Vi => q.label_vi(),
        Lang::En => q.label_en(),
    }
}

/// The quarters offered: this one and the seven before it, newest first.
pub fn recent_quarters(now: Quarter) -> Vec<Quarter> {
    let mut out = Vec::with_capacity(8);
    let mut q = now;
    for _ in 0..8 {
        out.push(q);
        q = if q.quarter == 1 {
            Quarter {
                year: q.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                year: q.year,
                quarter: q.quarter - 1,
            }
        };
    }
    out
}

/// The quarter in the address (`?year=&quarter=`), else this one.
pub fn quarter_from_query(year: Option<String>, quarter: Option<String>, now: Quarter) -> Quarter {
    year.zip(quarter)
        .and_then(|(y, q)| Quarter::new(y.parse().ok()?, q.parse().ok()?))
        .filter(|q| portal_contract::plans::YEARS.contains(&q.year))
        .unwrap_or(now)
}

/// The unsent candidates, as many as the target still asks for: what the page proposes.
pub fn proposed(status: &QuarterStatus) -> Vec<i64> {
    let missing = status.target.saturating_sub(status.sent_count) as usize;
    status
        .candidates
        .iter()
        .filter(|c| !c.sent)
        .take(missing)
        .map(|c| c.article.id)
        .collect()
}

/// The e-mail for the chosen candidates, in the page's order.
pub fn mail_for(status: &QuarterStatus, chosen: &[i64], sender: &str) -> Option<MailDraft> {
    let q = Quarter::new(status.year, status.quarter)?;
    let articles: Vec<(String, String)> = status
        .candidates
        .iter()
        .filter(|c| chosen.contains(&c.article.id))
        .map(|c| (c.article.title.clone(), c.public_url.clone()))
        .collect();
    (!articles.is_empty()).then(|| mail_draft(q, &articles, sender))
}

fn now_quarter() -> Quarter {
    Quarter::of(crate::clock::today())
}

#[component]
pub fn QuarterlyPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::DashboardView>
            <QuarterlyScreen/>
        </RequirePermission>
    }
}

#[component]
fn QuarterlyScreen() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(DutiesMsg::QuarterlyTitle);
    let query = use_query_map();
    let navigate = use_navigate();
    let now = now_quarter();
    let quarter = Memo::new(move |_| {
        query.with(|q| quarter_from_query(q.get("year"), q.get("quarter"), now))
    });
    let status = LocalResource::new(move || {
        let q = quarter.get();
        api::duties::quarter(Some((q.year, q.quarter)))
    });
    let on_pick = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some((y, q)) = v.split_once('-') {
            navigate(
                &format!(
                    "/quarterly{}",
                    encode_pairs(&[("year", y.to_string()), ("quarter", q.to_string())])
                ),
                Default::default(),
            );
        }
    };
    let options = recent_quarters(now);
    view! {
        <div class="page page-quarterly">
            <h1>{i18n.tr(DutiesMsg::QuarterlyTitle)}</h1>
            <p class="page-intro">
                {move || {
                    i18n.f(
                        DutiesMsg::QuarterlyIntro,
                        &[
                            ("target", &portal_contract::duties::QUARTERLY_TARGET.to_string()),
                            ("email", portal_contract::duties::VSS_PORTAL_EMAIL),
                        ],
                    )
                }}
            </p>
            <div class="field field-inline">
                <label for="quarter-pick">{i18n.tr(DutiesMsg::QuarterlyPick)}</label>
                <select
                    id="quarter-pick"
                    on:change=on_pick
                    prop:value=move || {
                        let q = quarter.get();
                        format!("{}-{}", q.year, q.quarter)
                    }
                >
                    {options
                        .into_iter()
                        .map(|q| {
                            view! {
                                <option value=format!("{}-{}", q.year, q.quarter)>
                                    {move || quarter_label(q, i18n.lang())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <Loaded resource=status skeleton=|| view! { <SkeletonBlock lines=6/> } let:s>
                <QuarterView status=s on_recorded=Callback::new(move |_| status.refetch())/>
            </Loaded>
        </div>
    }
}

/// One quarter: progress, candidates to choose, the e-mail, recording, submissions (mounted
/// alone in the browser tests).
#[component]
pub fn QuarterView(
    status: QuarterStatus,
    #[prop(into)] on_recorded: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let may_record = untrack(|| session.can(Permission::QuarterlyRecord));
    let sender = untrack(|| session.info())
        .map(|s| s.user.full_name)
        .unwrap_or_default();
    let q = Quarter::new(status.year, status.quarter).unwrap_or(Quarter {
        year: status.year,
        quarter: 1,
    });
    let chosen = RwSignal::new(proposed(&status));
    let status = StoredValue::new(status);
    let today = crate::clock::today();
    let sent_on = RwSignal::new(crate::api::stats::iso_date(today));
    let note = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let mail = Memo::new(move |_| status.with_value(|s| chosen.with(|c| mail_for(s, c, &sender))));
    let (sent, target) = status.with_value(|s| (s.sent_count, s.target));

    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(day) = chrono::NaiveDate::parse_from_str(&sent_on.get_untracked(), "%Y-%m-%d")
        else {
            notice.set(Some(i18n.t(DutiesMsg::QuarterlyDateMissing).to_string()));
            return;
        };
        let body = NewQuarterlySubmission {
            year: q.year,
            quarter: q.quarter,
            sent_on: day,
            article_ids: chosen.get_untracked(),
            note: note.get_untracked(),
        };
        notice.set(None);
        busy.set(true);
        spawn_local(async move {
            let r = api::duties::record_submission(&body).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(
                            DutiesMsg::QuarterlyRecorded,
                            &[("quarter", &quarter_label(q, i18n.lang()))],
                        ),
                    );
                    on_recorded.run(());
                }
                Err(e) => {
                    let _ = notice.try_set(Some(e.message(i18n.lang())));
                }
            }
        });
    };

    let candidates = status.with_value(|s| s.candidates.clone());
    let candidate_list = if candidates.is_empty() {
        view! {
            <EmptyState
                title=Signal::derive(move || i18n.t(DutiesMsg::QuarterlyNoCandidates).to_string())
                hint=Signal::derive(move || Some(i18n.t(DutiesMsg::QuarterlyNoCandidatesHint).to_string()))
            />
        }
        .into_any()
    } else {
        view! {
            <ul class="quarter-candidates">
                {candidates
                    .into_iter()
                    .map(|c| {
                        let id = c.article.id;
                        let input_id = format!("candidate-{id}");
                        let title = c.article.title.clone();
                        let toggle = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            chosen.update(|v| {
                                v.retain(|x| *x != id);
                                if on {
                                    v.push(id);
                                }
                            });
                        };
                        view! {
                            <li class="quarter-candidate" class:sent=c.sent>
                                <input
                                    type="checkbox"
                                    id=input_id.clone()
                                    prop:checked=move || chosen.with(|v| v.contains(&id))
                                    on:change=toggle
                                    aria-label=move || i18n.f(DutiesMsg::QuarterlyChoose, &[("title", &title)])
                                />
                                <label for=input_id>
                                    <span class="cell-title">{c.article.title.clone()}</span>
                                    <span class="cell-sub">
                                        {c.article.published_at.map(date_vn)}
                                        " · "
                                        <a href=format!("/articles/{id}")>{format!("#{id}")}</a>
                                        {c.sent.then(|| view! { " · " <span class="badge">{i18n.tr(DutiesMsg::QuarterlySentBadge)}</span> })}
                                    </span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let mail_view = dyn_view(move || match mail.get() {
        None => view! { <p class="section-hint">{i18n.tr(DutiesMsg::QuarterlySelectFirst)}</p> }
            .into_any(),
        Some(m) => {
            let href = m.href();
            view! {
                <dl class="mail-draft">
                    <dt>{i18n.tr(DutiesMsg::QuarterlyTo)}</dt>
                    <dd>{m.to.clone()}</dd>
                    <dt>{i18n.tr(DutiesMsg::QuarterlySubject)}</dt>
                    <dd class="mail-subject">{m.subject.clone()}</dd>
                    <dt>{i18n.tr(DutiesMsg::QuarterlyBody)}</dt>
                    <dd><pre class="mail-body">{m.body.clone()}</pre></dd>
                </dl>
                <p><a class="button button-primary mail-open" href=href>{i18n.tr(DutiesMsg::QuarterlyOpenMail)}</a></p>
            }
            .into_any()
        }
    });

    let record_view = if may_record {
        view! {
            <form class="quarter-record" on:submit=record novalidate>
                <p class="section-hint">{i18n.tr(DutiesMsg::QuarterlyRecordHint)}</p>
                <div class="field">
                    <label for="quarter-sent-on">{i18n.tr(DutiesMsg::QuarterlySentOn)}</label>
                    <input
                        id="quarter-sent-on"
                        type="date"
                        prop:value=move || sent_on.get()
                        on:input=move |ev| sent_on.set(event_target_value(&ev))
                        min=crate::api::stats::iso_date(q.first_day())
                        max=crate::api::stats::iso_date(today)
                    />
                </div>
                <div class="field">
                    <label for="quarter-note">{i18n.tr(DutiesMsg::QuarterlyNote)}</label>
                    <textarea
                        id="quarter-note"
                        rows="2"
                        maxlength="2000"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <p class="form-error" role="alert">{dyn_text(move || notice.get().unwrap_or_default())}</p>
                <button
                    class="button button-primary"
                    type="submit"
                    prop:disabled=move || busy.get() || chosen.with(Vec::is_empty)
                >
                    {move || i18n.f(DutiesMsg::QuarterlyRecord, &[("n", &chosen.with(Vec::len).to_string())])}
                </button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="section-hint">{i18n.tr(DutiesMsg::QuarterlyNoRecordRight)}</p> }
            .into_any()
    };

    let submissions = status.with_value(|s| s.submissions.clone());
    view! {
        <p class="quarter-progress" class:reached={sent >= target}>
            {move || {
                i18n.f(
                    DutiesMsg::QuarterlyProgress,
                    &[
                        ("sent", &sent.to_string()),
                        ("target", &target.to_string()),
                        ("quarter", &quarter_label(q, i18n.lang())),
                    ],
                )
            }}
        </p>
        <div class="quarter-grid">
            <section class="dashboard-section" aria-labelledby="quarter-candidates-heading">
                <h2 id="quarter-candidates-heading">{i18n.tr(DutiesMsg::QuarterlyCandidates)}</h2>
                <p class="section-hint">{i18n.tr(DutiesMsg::QuarterlyCandidatesHint)}</p>
                {candidate_list}
            </section>
            <section class="dashboard-section" aria-labelledby="quarter-mail-heading">
                <h2 id="quarter-mail-heading">{i18n.tr(DutiesMsg::QuarterlyMailHeading)}</h2>
                {mail_view}
                <h3>{i18n.tr(DutiesMsg::QuarterlyRecordHeading)}</h3>
                {record_view}
            </section>
        </div>
        <section class="dashboard-section" aria-labelledby="quarter-history-heading">
            <h2 id="quarter-history-heading">{i18n.tr(DutiesMsg::QuarterlyHistory)}</h2>
            <SubmissionTable items=submissions/>
        </section>
    }
}

/// Recorded submissions, newest first.
#[component]
pub fn SubmissionTable(items: Vec<QuarterlySubmission>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! {
            <EmptyState title=Signal::derive(move || i18n.t(DutiesMsg::QuarterlyHistoryEmpty).to_string())/>
        }
        .into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table quarter-submissions">
                <ColumnHeads labels=vec![
                    i18n.tr(DutiesMsg::QuarterlySentOn), i18n.tr(DutiesMsg::QuarterlyColArticles),
                    i18n.tr(DutiesMsg::QuarterlyColBy), i18n.tr(DutiesMsg::QuarterlyColNote),
                ]/>
                <tbody>
                    {items.into_iter().map(|s| submission_row(i18n, s)).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn submission_row(_i18n: I18n, s: QuarterlySubmission) -> impl IntoView {
    view! {
        <tr data-submission=s.id>
            <td>{day_vn(s.sent_on)}</td>
            <td>
                <ol class="plain-list">
                    {s.articles
                        .into_iter()
                        .map(|a| view! { <li><a href=a.public_url rel="noopener noreferrer">{a.title}</a></li> })
                        .collect_view()}
                </ol>
            </td>
            <td>{s.recorded_by_name}<span class="cell-sub">{date_vn(s.recorded_at)}</span></td>
            <td class="break-all">{s.note}</td>
        </tr>
    }
}
