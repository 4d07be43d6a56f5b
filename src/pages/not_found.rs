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
        <h1>{i18n.text(Msg::NotFoundTitle)}</h1>
        <p>{i18n.text(Msg::NotFoundBody)}</p>
        <A href=use_app_href(routes::DASHBOARD)>{i18n.text(Msg::BackToDashboard)}</A>
    }
}
