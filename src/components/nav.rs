//! The main navigation: one link per page, the current one marked with `aria-current="page"`.

use crate::app::use_app_href;
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every page with its path and label, in menu order.
pub const PAGES: [(&str, Msg); 19] = [
    (routes::DASHBOARD, Msg::NavDashboard),
    (routes::CUSTOMERS, Msg::NavCustomers),
    (routes::TASKS, Msg::NavTasks),
    (routes::COMPANIES, Msg::NavCompanies),
    (routes::DEALS, Msg::NavDeals),
    (routes::BOARD, Msg::NavBoard),
    (routes::PRODUCTS, Msg::Products),
    (routes::ORDERS, Msg::NavOrders),
    (routes::SALES_REPORTS, Msg::NavSalesReports),
    (routes::TICKETS, Msg::NavTickets),
    (routes::TICKET_BOARD, Msg::NavTicketBoard),
    (routes::SERVICE_REPORT, Msg::NavServiceReport),
    (routes::CUSTOMER_SEGMENTS, Msg::NavSegments),
    (routes::CAMPAIGNS, Msg::NavCampaigns),
    (routes::MARKETING_REPORT, Msg::NavMarketingReport),
    (routes::ANALYTICS, Msg::NavAnalytics),
    (routes::IMPORT, Msg::NavImport),
    (routes::TRASH, Msg::Trash),
    (routes::SETTINGS, Msg::NavSettings),
];

/// The side navigation.
#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="sidebar" aria-label=i18n.text(Msg::MainNavigation)>
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
