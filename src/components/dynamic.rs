//! Changing parts of a view through a few concrete types. A closure written in `view!` makes
//! the renderer compile once per closure; these wrappers compile it once for all of them
//! (the same reason [`crate::i18n::I18n::tr`] returns a `Signal`).
//!
//! ```ignore
//! view! {
//!     <p class=dyn_text(move || tone.get().to_string())>{dyn_text(move || count.get().to_string())}</p>
//!     {dyn_view(move || if ready.get() { view! { <Chart/> }.into_any() } else { ().into_any() })}
//! }
//! ```

use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// A block of view rebuilt when the signals it reads change.
pub type DynView = Arc<Mutex<dyn FnMut() -> AnyView + Send>>;

/// A block of view that follows its signals (one renderer type for every block).
pub fn dyn_view(f: impl Fn() -> AnyView + Send + 'static) -> DynView {
    Arc::new(Mutex::new(f))
}

/// Text, or an attribute's value, that follows its signals.
pub fn dyn_text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A flag (a class switch, a boolean attribute) that follows its signals.
pub fn dyn_flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// `"true"`/`"false"` for ARIA states (`aria-pressed`, `aria-expanded`, `aria-busy`).
pub fn dyn_aria(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<&'static str> {
    Signal::derive(move || if f() { "true" } else { "false" })
}
