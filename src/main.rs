//! Entry point of the web app: mounts the root component on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(hearth_app::app::App);
}
