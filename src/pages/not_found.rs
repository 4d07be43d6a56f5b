//! The page for an address that matches no route.

use crate::app::{use_app_href, use_page_title};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// Says the page does not exist and links back to the dashboard.
#[component]
pub fn NotFound() -> impl IntoView {
    use_page_title(Msg::NotFoundTitle);
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t(Msg::NotFoundTitle)}</h1>
        <p>{move || i18n.t(Msg::NotFoundBody)}</p>
        <A href=use_app_href(routes::DASHBOARD)>{move || i18n.t(Msg::BackToDashboard)}</A>
    }
}
