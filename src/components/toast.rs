//! Short notices ("Bạn đã đăng xuất.") announced to screen readers.
//!
//! ```ignore
//! let toasts = provide_toasts();
//! view! { <ToastRegion/> };
//! toasts.push(ToastKind::Success, "Đã lưu.");
//! ```

use crate::api::ApiError;
use crate::i18n::{use_i18n, Lang, Msg};
use leptos::prelude::*;
use std::time::Duration;

/// How long a notice stays unless dismissed.
const TOAST_LIFETIME: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

impl ToastKind {
    fn class(self) -> &'static str {
        match self {
            ToastKind::Info => "toast toast-info",
            ToastKind::Success => "toast toast-success",
            ToastKind::Error => "toast toast-error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub text: String,
}

/// The notices on screen. Copy it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

impl Toasts {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    /// Shows a notice; it goes away by itself after a few seconds.
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|v| {
            v.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        let items = self.items;
        set_timeout(
            move || {
                let _ = items.try_update(|v| v.retain(|t| t.id != id));
            },
            TOAST_LIFETIME,
        );
        id
    }

    /// Shows the readable message of a failed call.
    pub fn push_error(&self, error: &ApiError, lang: Lang) -> u64 {
        self.push(ToastKind::Error, error.message(lang))
    }

    pub fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }

    /// The notices on screen (tracked).
    pub fn list(&self) -> Vec<Toast> {
        self.items.get()
    }
}

/// Provides a fresh [`Toasts`] context.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts::new();
    provide_context(toasts);
    toasts
}

/// The app's [`Toasts`].
pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(provide_toasts)
}

/// The live region where notices appear. It is always in the page (even empty), so that
/// screen readers notice what gets added to it.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div class="toast-region" aria-live="polite">
            <For each=move || toasts.list() key=|t| t.id let:toast>
                <div
                    class=toast.kind.class()
                    role=(toast.kind == ToastKind::Error).then_some("alert")
                >
                    <p class="toast-text">{toast.text.clone()}</p>
                    <button
                        type="button"
                        class="toast-dismiss"
                        aria-label=i18n.tr(Msg::DismissToast)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
