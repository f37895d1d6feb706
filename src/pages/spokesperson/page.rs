//! `/spokesperson` (Người phát ngôn): the spokesperson's details and the optional authorised
//! deputy, checked as the board types (the contract's `validate`, the same rules as the
//! server), saved with If-Match, confirmed as still right, with when and by whom they were last
//! changed, a warning when they are stale, the earlier versions, and the public address the
//! portal reads. Read-only without `spokesperson.edit`.

use crate::api::{self, ApiError};
use crate::components::{
    dyn_flag, dyn_text, dyn_view, error_state, use_toasts, SkeletonBlock, ToastKind,
};
use crate::form::{
    error_id, focus_first_invalid, focus_later, input_id, invalid_flag, local_field, FieldMessages,
};
use crate::i18n::{use_i18n, I18n, Msg};

use crate::pages::spokesperson::html::{spokesperson_details_html, spokesperson_versions_html};

use crate::pages::plans::strings::PlanMsg;
use crate::pages::spokesperson::strings::SpokespersonMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::datetime_vn;
use portal_contract::spokesperson::{
    validate, Contact, Spokesperson, SpokespersonContent, SpokespersonVersion,
};
use portal_contract::{FieldError, Permission};

/// Prefix of the form's input ids (see [`input_id`]).
pub const SP_IDS: &str = "sp";

/// Whose details a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Spokesperson,
    Deputy,
}

impl Who {
    pub fn wire(self) -> &'static str {
        match self {
            Who::Spokesperson => "spokesperson",
            Who::Deputy => "deputy",
        }
    }
}

/// A field of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactPart {
    FullName,
    Position,
    Unit,
    Phone,
    Email,
}

impl ContactPart {
    pub const ALL: [ContactPart; 5] = [
        ContactPart::FullName,
        ContactPart::Position,
        ContactPart::Unit,
        ContactPart::Phone,
        ContactPart::Email,
    ];

    pub fn wire(self) -> &'static str {
        match self {
            ContactPart::FullName => "full_name",
            ContactPart::Position => "position",
            ContactPart::Unit => "unit",
            ContactPart::Phone => "phone",
            ContactPart::Email => "email",
        }
    }

    pub fn msg(self) -> SpokespersonMsg {
        match self {
            ContactPart::FullName => SpokespersonMsg::FullName,
            ContactPart::Position => SpokespersonMsg::Position,
            ContactPart::Unit => SpokespersonMsg::Unit,
            ContactPart::Phone => SpokespersonMsg::Phone,
            ContactPart::Email => SpokespersonMsg::Email,
        }
    }

    pub fn get(self, c: &Contact) -> &String {
        match self {
            ContactPart::FullName => &c.full_name,
            ContactPart::Position => &c.position,
            ContactPart::Unit => &c.unit,
            ContactPart::Phone => &c.phone,
            ContactPart::Email => &c.email,
        }
    }

    pub fn get_mut(self, c: &mut Contact) -> &mut String {
        match self {
            ContactPart::FullName => &mut c.full_name,
            ContactPart::Position => &mut c.position,
            ContactPart::Unit => &mut c.unit,
            ContactPart::Phone => &mut c.phone,
            ContactPart::Email => &mut c.email,
        }
    }
}

fn contact_of(c: &SpokespersonContent, who: Who) -> Option<&Contact> {
    match who {
        Who::Spokesperson => Some(&c.spokesperson),
        Who::Deputy => c.deputy.as_ref(),
    }
}

fn contact_mut(c: &mut SpokespersonContent, who: Who) -> Option<&mut Contact> {
    match who {
        Who::Spokesperson => Some(&mut c.spokesperson),
        Who::Deputy => c.deputy.as_mut(),
    }
}

/// The messages the form shows: the contract's check of the fields the user has left (or of
/// all of them once they tried to save), and the server's answer.
pub fn visible_errors(
    content: &SpokespersonContent,
    touched: &[String],
    all: bool,
    server: &[FieldError],
) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = validate(content)
        .into_iter()
        .filter(|e| all || touched.iter().any(|t| t == &e.field))
        .collect();
    for e in server {
        if !out
            .iter()
            .any(|o| o.field == e.field && o.message == e.message)
        {
            out.push(FieldError::new(
                local_field(&e.field),
                e.code.clone(),
                e.message.clone(),
            ));
        }
    }
    out
}

/// Why the details need checking, when they are stale.
pub(crate) fn stale_text(i18n: I18n, s: &Spokesperson) -> Option<String> {
    s.stale.then(|| {
        if s.version == 0 {
            i18n.t(SpokespersonMsg::Empty).to_string()
        } else {
            i18n.f(
                SpokespersonMsg::Stale,
                &[("days", &s.stale_after_days.to_string())],
            )
        }
    })
}

#[component]
pub fn SpokespersonPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::SpokespersonView>
            <SpokespersonScreen/>
        </RequirePermission>
    }
}

#[component]
fn SpokespersonScreen() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::SpokespersonTitle);
    let data = RwSignal::new(None::<Spokesperson>);
    let failure = RwSignal::new(None::<ApiError>);
    let versions = RwSignal::new(Vec::<SpokespersonVersion>::new());
    let load_versions = move || {
        spawn_local(async move {
            if let Ok(v) = api::spokesperson::versions().await {
                let _ = versions.try_set(v);
            }
        });
    };
    let load = move || {
        failure.set(None);
        spawn_local(async move {
            match api::spokesperson::get().await {
                Ok(s) => {
                    let _ = data.try_set(Some(s));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
        load_versions();
    };
    load();
    let on_changed = Callback::new(move |s: Spokesperson| {
        data.set(Some(s));
        load_versions();
    });
    let loaded = Memo::new(move |_| data.with(Option::is_some));
    view! {
        <div class="page page-spokesperson">
            <h1>{i18n.tr(Msg::SpokespersonTitle)}</h1>
            <p class="page-intro">{i18n.tr(SpokespersonMsg::Intro)}</p>
            {dyn_view(move || {
                if let Some(e) = failure.get() {
                    return error_state(e, load);
                }
                if !loaded.get() {
                    return view! { <SkeletonBlock lines=6/> }.into_any();
                }
                view! { <SpokespersonBody data=data versions=versions on_changed=on_changed/> }
                    .into_any()
            })}
        </div>
    }
}

#[component]
fn SpokespersonBody(
    data: RwSignal<Option<Spokesperson>>,
    versions: RwSignal<Vec<SpokespersonVersion>>,
    on_changed: Callback<Spokesperson>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_edit = untrack(|| session.can(Permission::SpokespersonEdit));
    let Some(initial) = data.get_untracked() else {
        return ().into_any();
    };
    let stale = dyn_view(move || {
        data.with(|d| d.as_ref().and_then(|d| stale_text(i18n, d)))
            .map(|text| {
                view! {
                    <div class="notice notice-warning sp-stale" role="status">
                        <p class="notice-title">{i18n.tr(SpokespersonMsg::StaleTitle)}</p>
                        <p>{text}</p>
                    </div>
                }
            })
            .into_any()
    });
    let updated = dyn_text(move || {
        data.with(|d| {
            d.as_ref().and_then(|d| {
                d.updated_at.map(|at| {
                    i18n.f(
                        SpokespersonMsg::LastUpdated,
                        &[
                            ("when", &datetime_vn(at)),
                            ("who", d.updated_by_name.as_deref().unwrap_or("—")),
                        ],
                    )
                })
            })
        })
        .unwrap_or_default()
    });
    let confirmed = dyn_text(move || {
        data.with(|d| {
            d.as_ref().and_then(|d| d.confirmed_at).map(|at| {
                i18n.f(
                    SpokespersonMsg::LastConfirmed,
                    &[("when", &datetime_vn(at))],
                )
            })
        })
        .unwrap_or_default()
    });
    let public = api::spokesperson::public_url();
    let main = if can_edit {
        view! { <SpokespersonForm initial=initial data=data on_changed=on_changed/> }.into_any()
    } else {
        view! {
            <p class="notice sp-readonly-note">{i18n.tr(SpokespersonMsg::ReadOnly)}</p>
            {dyn_view(move || {
                data.get()
                    .map(|d| view! { <SpokespersonDetails content=d.content/> })
                    .into_any()
            })}
        }
        .into_any()
    };
    view! {
        {stale}
        <div class="sp-meta">
            <p class="sp-updated">{updated}</p>
            <p class="sp-confirmed">{confirmed}</p>
            <p class="sp-public">
                {i18n.tr(SpokespersonMsg::PublicUrl)}
                " "
                <code class="sp-public-url">{public}</code>
            </p>
        </div>
        {main}
        <SpokespersonVersions versions=versions/>
    }
    .into_any()
}

/// The details as text (read-only, and in the list of versions).
#[component]
fn SpokespersonDetails(content: SpokespersonContent) -> impl IntoView {
    let i18n = use_i18n();
    let html = dyn_text(move || spokesperson_details_html(&content, i18n.lang()));
    view! { <div inner_html=html></div> }
}

/// The state of the form, shared by its fields. Copy it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct SpokespersonFormState {
    pub draft: RwSignal<SpokespersonContent>,
    /// Fields the user has left at least once.
    pub touched: RwSignal<Vec<String>>,
    /// After a save attempt every field's messages show.
    pub show_all: RwSignal<bool>,
    pub server: RwSignal<Vec<FieldError>>,
    pub errors: Memo<Vec<FieldError>>,
}

impl SpokespersonFormState {
    pub fn new(content: SpokespersonContent) -> Self {
        let draft = RwSignal::new(content);
        let touched = RwSignal::new(Vec::<String>::new());
        let show_all = RwSignal::new(false);
        let server = RwSignal::new(Vec::<FieldError>::new());
        let errors = Memo::new(move |_| {
            draft.with(|d| {
                touched.with(|t| server.with(|s| visible_errors(d, t, show_all.get(), s)))
            })
        });
        Self {
            draft,
            touched,
            show_all,
            server,
            errors,
        }
    }

    fn touch(&self, field: &str) {
        if !self
            .touched
            .with_untracked(|t| t.iter().any(|f| f == field))
        {
            self.touched.update(|t| t.push(field.to_string()));
        }
    }

    fn edit(&self, field: &str, change: impl FnOnce(&mut SpokespersonContent)) {
        self.draft.update(change);
        if self
            .server
            .with_untracked(|s| s.iter().any(|e| e.field == field))
        {
            self.server.update(|s| s.retain(|e| e.field != field));
        }
    }
}

/// The editable form: the spokesperson, the press information, the optional deputy.
#[component]
pub fn SpokespersonForm(
    initial: Spokesperson,
    data: RwSignal<Option<Spokesperson>>,
    on_changed: Callback<Spokesperson>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = SpokespersonFormState::new(initial.content.clone());
    let base = RwSignal::new(initial.content.clone());
    let dirty = Memo::new(move |_| form.draft.with(|d| base.with(|b| d != b)));
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(None::<Spokesperson>);
    // What the deputy's fields held when the box was unticked, to bring back if ticked again.
    let stash = StoredValue::new(initial.content.deputy.clone().unwrap_or_default());

    let failed = move |e: ApiError| {
        let lang = i18n.lang_untracked();
        if e.status() == Some(412) {
            if let Some(theirs) = e.current_as::<Spokesperson>() {
                let _ = conflict.try_set(Some(theirs));
                focus_later("sp-conflict-heading".into());
                return;
            }
        }
        if let ApiError::Problem { problem, .. } = &e {
            if !problem.errors.is_empty() {
                let _ = form.server.try_set(problem.errors.clone());
                focus_first_invalid(".sp-form");
            }
        }
        let _ = notice.try_set(Some(e.message(lang)));
    };

    let save = move || {
        form.show_all.set(true);
        if !form.draft.with_untracked(|d| validate(d).is_empty()) {
            notice.set(Some(
                i18n.t_untracked(SpokespersonMsg::FixFirst).to_string(),
            ));
            focus_first_invalid(".sp-form");
            return;
        }
        let Some(version) = data.with_untracked(|d| d.as_ref().map(|d| d.version)) else {
            return;
        };
        let content = form.draft.get_untracked();
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            match api::spokesperson::save(version, &content).await {
                Ok(s) => {
                    let _ = base.try_set(content);
                    let _ = form.server.try_set(Vec::new());
                    toasts.push(ToastKind::Success, i18n.t_untracked(SpokespersonMsg::Saved));
                    on_changed.run(s);
                }
                Err(e) => failed(e),
            }
            let _ = busy.try_set(false);
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() && conflict.with_untracked(Option::is_none) {
            save();
        }
    };
    let confirm = move |_| {
        if dirty.get_untracked() {
            notice.set(Some(
                i18n.t_untracked(SpokespersonMsg::ConfirmSaveFirst)
                    .to_string(),
            ));
            return;
        }
        let Some(version) = data.with_untracked(|d| d.as_ref().map(|d| d.version)) else {
            return;
        };
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            match api::spokesperson::confirm(version).await {
                Ok(s) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.t_untracked(SpokespersonMsg::Confirmed),
                    );
                    on_changed.run(s);
                }
                Err(e) => failed(e),
            }
            let _ = busy.try_set(false);
        });
    };
    let has_deputy = Memo::new(move |_| form.draft.with(|d| d.deputy.is_some()));
    let toggle_deputy = move |ev| {
        let on = event_target_checked(&ev);
        form.draft.update(|d| {
            if on {
                d.deputy = Some(stash.get_value());
            } else if let Some(old) = d.deputy.take() {
                stash.set_value(old);
            }
        });
        // The deputy's messages no longer apply once the box is unticked.
        form.server
            .update(|s| s.retain(|e| !e.field.starts_with("deputy.")));
    };
    let press_field = "press_info";
    let press = Memo::new(move |_| form.draft.with(|d| d.press_info.clone()));
    let never_saved = Memo::new(move |_| data.with(|d| d.as_ref().is_none_or(|d| d.version == 0)));

    let conflict_panel = dyn_view(move || {
        conflict
                .get()
                .map(|theirs| {
                    let who = theirs.updated_by_name.clone().unwrap_or_default();
                    let when = theirs.updated_at.map(datetime_vn).unwrap_or_default();
                    let theirs = StoredValue::new(theirs);
                    view! {
                        <section class="sp-conflict plan-conflict" role="region" aria-labelledby="sp-conflict-heading">
                            <h2 id="sp-conflict-heading" tabindex="-1">{i18n.tr(SpokespersonMsg::ConflictTitle)}</h2>
                            <p>{dyn_text(move || i18n.f(SpokespersonMsg::ConflictIntro, &[("who", &who), ("when", &when)]))}</p>
                            <div class="plan-conflict-actions">
                                <button
                                    type="button"
                                    class="button sp-conflict-reload"
                                    on:click=move |_| {
                                        let t = theirs.get_value();
                                        conflict.set(None);
                                        base.set(t.content.clone());
                                        form.server.set(Vec::new());
                                        form.draft.set(t.content.clone());
                                        on_changed.run(t);
                                    }
                                >
                                    {i18n.tr(SpokespersonMsg::ConflictReload)}
                                </button>
                                <button
                                    type="button"
                                    class="button button-primary sp-conflict-keep"
                                    on:click=move |_| {
                                        data.set(Some(theirs.get_value()));
                                        conflict.set(None);
                                        save();
                                    }
                                >
                                    {i18n.tr(SpokespersonMsg::ConflictKeep)}
                                </button>
                            </div>
                        </section>
                    }
                })
                .into_any()
    });
    view! {
        {conflict_panel}
        <form class="sp-form" novalidate on:submit=on_submit>
            <ContactFieldset form=form who=Who::Spokesperson legend=SpokespersonMsg::Main/>
            <div class="field">
                <label for=input_id(SP_IDS, press_field)>{i18n.tr(SpokespersonMsg::PressInfo)}</label>
                <p class="field-hint" id="sp-press-info-hint">{i18n.tr(SpokespersonMsg::PressInfoHint)}</p>
                <textarea
                    id=input_id(SP_IDS, press_field)
                    rows="5"
                    prop:value=press
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.edit(press_field, |d| d.press_info = v);
                    }
                    on:blur=move |_| form.touch(press_field)
                    aria-invalid=invalid_flag(form.errors.into(), press_field)
                    aria-describedby=format!("sp-press-info-hint {}", error_id(SP_IDS, press_field))
                ></textarea>
                <FieldMessages errors=form.errors field=press_field id=error_id(SP_IDS, press_field)/>
            </div>
            <div class="field field-check sp-deputy-toggle">
                <input id="sp-has-deputy" type="checkbox" prop:checked=has_deputy on:change=toggle_deputy/>
                <label for="sp-has-deputy">{i18n.tr(SpokespersonMsg::HasDeputy)}</label>
            </div>
            {dyn_view(move || {
                has_deputy
                    .get()
                    .then(|| view! { <ContactFieldset form=form who=Who::Deputy legend=SpokespersonMsg::Deputy/> })
                    .into_any()
            })}
            <p class="form-error sp-notice" role="alert">{dyn_text(move || notice.get().unwrap_or_default())}</p>
            <div class="sp-actions">
                <button type="submit" class="button button-primary sp-save" disabled=busy>
                    {dyn_text(move || i18n.t(if busy.get() { SpokespersonMsg::Saving } else { SpokespersonMsg::Save }).to_string())}
                </button>
                <button
                    type="button"
                    class="button sp-confirm"
                    disabled=dyn_flag(move || busy.get() || never_saved.get())
                    on:click=confirm
                >
                    {i18n.tr(SpokespersonMsg::Confirm)}
                </button>
                <span class="sp-dirty" role="status">
                    {dyn_text(move || if dirty.get() { i18n.t(PlanMsg::Unsaved).to_string() } else { String::new() })}
                </span>
            </div>
        </form>
    }
}

/// Full name, position, unit, phone and e-mail of one person.
#[component]
fn ContactFieldset(
    form: SpokespersonFormState,
    who: Who,
    legend: SpokespersonMsg,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields = ContactPart::ALL
        .iter()
        .map(|p| view! { <ContactInput form=form who=who part=*p/> })
        .collect_view();
    view! {
        <fieldset class="field-group sp-fieldset" data-who=who.wire()>
            <legend>{i18n.tr(legend)}</legend>
            <div class="sp-grid">{fields}</div>
        </fieldset>
    }
}

#[component]
fn ContactInput(form: SpokespersonFormState, who: Who, part: ContactPart) -> impl IntoView {
    let i18n = use_i18n();
    let field = format!("{}.{}", who.wire(), part.wire());
    let id = input_id(SP_IDS, &field);
    let err = error_id(SP_IDS, &field);
    let value = Memo::new(move |_| {
        form.draft.with(|d| {
            contact_of(d, who)
                .map(|c| part.get(c).clone())
                .unwrap_or_default()
        })
    });
    let f = field.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        form.edit(&f, |d| {
            if let Some(c) = contact_mut(d, who) {
                *part.get_mut(c) = v;
            }
        });
    };
    let f = field.clone();
    let on_blur = move |_| form.touch(&f);
    let invalid = invalid_flag(form.errors.into(), field.clone());
    let (kind, mode, autocomplete) = match part {
        ContactPart::Phone => ("tel", Some("tel"), "tel"),
        ContactPart::Email => ("email", Some("email"), "email"),
        ContactPart::FullName => ("text", None, "name"),
        ContactPart::Position => ("text", None, "organization-title"),
        ContactPart::Unit => ("text", None, "organization"),
    };
    let data_field = field.clone();
    let hint = (part == ContactPart::Phone).then(|| format!("{id}-hint"));
    let described = match &hint {
        Some(h) => format!("{h} {err}"),
        None => err.clone(),
    };
    view! {
        <div class="field" data-field=data_field>
            <label for=id.clone()>{i18n.tr(part.msg())}</label>
            <input
                id=id
                type=kind
                inputmode=mode
                autocomplete=autocomplete
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="field-hint" id=h>{i18n.tr(SpokespersonMsg::PhoneHint)}</p> })}
            <FieldMessages errors=form.errors field=field id=err/>
        </div>
    }
}

/// Every saved version, newest first, each unfolding to its details.
#[component]
fn SpokespersonVersions(versions: RwSignal<Vec<SpokespersonVersion>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="sp-versions" aria-labelledby="sp-versions-heading">
            <h2 id="sp-versions-heading">{i18n.tr(SpokespersonMsg::VersionsHeading)}</h2>
            {dyn_view(move || {
                if versions.with(Vec::is_empty) {
                    view! { <p class="muted">{i18n.tr(SpokespersonMsg::VersionsEmpty)}</p> }.into_any()
                } else {
                    let html = dyn_text(move || versions.with(|v| spokesperson_versions_html(v, i18n.lang())));
                    view! { <div class="sp-version-list" inner_html=html></div> }.into_any()
                }
            })}
        </section>
    }
}

/// On the dashboard, for those who see the page: a warning when the details are stale (or
/// were never entered); nothing otherwise, or when they cannot be read.
#[component]
pub fn SpokespersonStaleCard() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(None::<Spokesperson>);
    spawn_local(async move {
        if let Ok(s) = api::spokesperson::get().await {
            let _ = current.try_set(Some(s));
        }
    });
    let card = dyn_view(move || {
        current
            .with(|c| c.as_ref().and_then(|s| stale_text(i18n, s)))
            .map(|text| {
                view! {
                    <section class="dashboard-section dash-card dash-spokesperson notice notice-warning" aria-labelledby="dash-sp-heading">
                        <h2 id="dash-sp-heading">{i18n.tr(SpokespersonMsg::StaleTitle)}</h2>
                        <p>{text}</p>
                        <p><a href="/spokesperson">{i18n.tr(SpokespersonMsg::DashSpOpen)}</a></p>
                    </section>
                }
            })
            .into_any()
    });
    view! { {card} }
}
