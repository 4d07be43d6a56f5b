//! The main navigation: one link per page, the current one marked with `aria-current="page"`.

use crate::app::use_app_href;
use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use leptos_router::components::A;

/// Every page with its path and label, in menu order.
pub const PAGES: [(&str, Msg); 11] = [
    ("/", Msg::NavDashboard),
    ("/customers", Msg::NavCustomers),
    ("/tasks", Msg::NavTasks),
    ("/companies", Msg::NavCompanies),
    ("/deals", Msg::NavDeals),
    ("/orders", Msg::NavOrders),
    ("/tickets", Msg::NavTickets),
    ("/campaigns", Msg::NavCampaigns),
    ("/analytics", Msg::NavAnalytics),
    ("/trash", Msg::Trash),
    ("/settings", Msg::NavSettings),
];

/// The side navigation.
#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="sidebar" aria-label=move || i18n.t(Msg::MainNavigation)>
            <ul>
                {PAGES
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li>
                                <A href=use_app_href(href) exact=true>
                                    {move || i18n.t(label)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
