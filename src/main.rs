//! Entry point of the admin SPA: only mounts the app (the app itself lives in the library so
//! browser tests can import it).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_admin::App);
}
