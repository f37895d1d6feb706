//! Leaving the editor with unsaved changes: the question before closing the tab or following
//! a link.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// Leaving with unsaved changes
// ---------------------------------------------------------------------------------------------

/// Returns the question to ask before leaving, when there are unsaved changes.
type LeaveGuard = Rc<dyn Fn() -> Option<String>>;

thread_local! {
    pub(crate) static LEAVE_GUARD: RefCell<Option<LeaveGuard>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn leave_question() -> Option<String> {
    let guard = LEAVE_GUARD.with(|g| g.borrow().clone());
    guard.and_then(|g| g())
}

/// Installs (once) the page-wide listeners that ask before leaving: `beforeunload` for tab
/// close and reload, and a click listener on the document, which runs before the router's
/// listener on the window and cancels an in-app link when the user says no.
pub(crate) fn install_leave_listeners() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let before_unload =
        Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(|ev: web_sys::BeforeUnloadEvent| {
            if let Some(q) = leave_question() {
                ev.prevent_default();
                ev.set_return_value(&q);
            }
        });
    let _ = window()
        .add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    before_unload.forget();

    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(anchor) = target.closest("a[href]").ok().flatten() else {
            return;
        };
        if anchor
            .get_attribute("target")
            .is_some_and(|t| t == "_blank")
            || anchor.has_attribute("download")
        {
            return;
        }
        let href = anchor.get_attribute("href").unwrap_or_default();
        let here = window().location().pathname().unwrap_or_default();
        if href.starts_with('#') || href == here {
            return;
        }
        if let Some(q) = leave_question() {
            if !window().confirm_with_message(&q).unwrap_or(true) {
                ev.prevent_default();
                ev.stop_propagation();
            }
        }
    });
    let _ = document().add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click.forget();
}

// ---------------------------------------------------------------------------------------------
