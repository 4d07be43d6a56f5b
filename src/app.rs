//! The root component: contexts (language, theme, workspace), the router and the page layout.

use crate::components::command_palette::CommandPalette;
use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::components::progress::ReplaceProgressBar;
use crate::components::record_list::ListCache;
use crate::components::task_reminders::TaskReminders;
use crate::components::undo_bar::UndoBar;
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::{
    analytics::{AnalyticsPage, BasketsPage, ClvPage, RfmPage, SegmentsPage},
    contacts::{
        companies::{CompaniesPage, CompanyPage},
        duplicates::DuplicatesPage,
        people::Customers,
        person::PersonPage,
        tasks::TasksPage,
        trash::TrashPage,
    },
    dashboard::Dashboard,
    data::import::ImportPage,
    not_found::NotFound,
    records::RecordsPage,
    sales::{
        board::BoardPage, deal::DealPage, deals::DealsPage, order::OrderPage, orders::OrdersPage,
        product::ProductPage, products::ProductsPage, reports::SalesReportsPage,
    },
    service::{ticket::TicketPage, tickets::TicketsPage},
    settings::SettingsPage,
};
use crate::routes;
use crate::settings::{self, Theme};
use crate::store::StoreName;
use crate::workspace::{LoadState, Workspace};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

/// The user's chosen theme, provided as context.
#[derive(Debug, Clone, Copy)]
pub struct ThemeChoice(pub RwSignal<Theme>);

/// The name the user goes by, provided as context (empty until set in Settings).
#[derive(Debug, Clone, Copy)]
pub struct UserName(pub RwSignal<String>);

/// The path the app is served under: `""` at a domain root, `/hearth` on a GitHub Pages project site.
/// Trunk writes it into `<base href>` at build time.
fn base_path() -> String {
    let base_uri = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .unwrap_or_default();
    let after_scheme = base_uri.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    path.trim_end_matches('/').to_string()
}

/// The path prefix the app is served under, provided as context so links can carry it.
#[derive(Debug, Clone)]
struct BasePath(String);

/// The href of an app path such as `/customers`, under the prefix the app is served at
/// (the router matches routes below the prefix but leaves absolute link targets as written).
pub fn use_app_href(path: &str) -> String {
    let BasePath(base) = expect_context::<BasePath>();
    format!("{base}{path}")
}

/// Sets the document title to "`page` · Hearth CRM" in the current language.
pub fn use_page_title(page: Msg) {
    let i18n = use_i18n();
    Effect::new(move || {
        let title = format!("{} · {}", i18n.t(page), i18n.t(Msg::AppName));
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&title);
        }
    });
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(settings::load_lang());
    let theme = RwSignal::new(settings::load_theme());
    Effect::new(move || settings::apply_lang(lang.get()));
    Effect::new(move || settings::apply_theme(theme.get()));
    provide_context(I18n { lang });
    provide_context(ThemeChoice(theme));
    let user_name = RwSignal::new(settings::load_user_name());
    Effect::new(move || user_name.with(|name| settings::save_user_name(name)));
    provide_context(UserName(user_name));
    let base = base_path();
    let analyses = crate::analysis::bridge::Analyses::provide(&base);
    provide_context(Workspace::start(analyses));
    provide_context(ListCache::new());
    provide_context(BasePath(base.clone()));

    view! {
        <Router base=base>
            <a class="skip-link" href="#main">{move || use_i18n().t(Msg::SkipToContent)}</a>
            <Header/>
            <div class="layout">
                <Nav/>
                <main id="main" tabindex="-1">
                    <CommandPalette/>
                    <UndoBar/>
                    <TaskReminders/>
                    <WorkspaceGate>
                        <Routes fallback=NotFound>
                            <Route path=StaticSegment(routes::DASHBOARD) view=Dashboard/>
                            <Route path=StaticSegment(routes::CUSTOMERS) view=Customers/>
                            <Route path=(StaticSegment(routes::CUSTOMERS), ParamSegment("id")) view=PersonPage/>
                            <Route path=StaticSegment(routes::DUPLICATES) view=DuplicatesPage/>
                            <Route path=StaticSegment(routes::TRASH) view=TrashPage/>
                            <Route path=StaticSegment(routes::TASKS) view=TasksPage/>
                            <Route path=StaticSegment(routes::COMPANIES) view=CompaniesPage/>
                            <Route path=(StaticSegment(routes::COMPANIES), ParamSegment("id")) view=CompanyPage/>
                            <Route path=StaticSegment(routes::DEALS) view=DealsPage/>
                            <Route path=(StaticSegment(routes::DEALS), ParamSegment("id")) view=DealPage/>
                            <Route path=StaticSegment(routes::BOARD) view=BoardPage/>
                            <Route path=StaticSegment(routes::ORDERS) view=OrdersPage/>
                            <Route path=(StaticSegment(routes::ORDERS), ParamSegment("id")) view=OrderPage/>
                            <Route path=StaticSegment(routes::SALES_REPORTS) view=SalesReportsPage/>
                            <Route path=StaticSegment(routes::TICKETS) view=TicketsPage/>
                            <Route path=(StaticSegment(routes::TICKETS), ParamSegment("id")) view=TicketPage/>
                            <Route
                                path=StaticSegment(routes::CAMPAIGNS)
                                view=|| view! { <RecordsPage title=Msg::NavCampaigns cards=&[(Msg::Campaigns, StoreName::Campaigns)]/> }
                            />
                            <Route path=StaticSegment(routes::ANALYTICS) view=AnalyticsPage/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::RFM)) view=RfmPage/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::SEGMENTS)) view=SegmentsPage/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::CLV)) view=ClvPage/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::BASKETS)) view=BasketsPage/>
                            <Route path=StaticSegment(routes::PRODUCTS) view=ProductsPage/>
                            <Route path=(StaticSegment(routes::PRODUCTS), ParamSegment("id")) view=ProductPage/>
                            <Route path=StaticSegment(routes::IMPORT) view=ImportPage/>
                            <Route path=StaticSegment(routes::SETTINGS) view=SettingsPage/>
                        </Routes>
                    </WorkspaceGate>
                </main>
            </div>
        </Router>
    }
}

/// Shows its children once the workspace is open; until then progress, or why it failed.
#[component]
fn WorkspaceGate(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = crate::workspace::use_workspace();
    // A memo, so setting the same state again never re-creates (and resets) the pages below.
    let state = Memo::new(move |_| workspace.state.get());
    move || {
        match state.get() {
        LoadState::Ready => children().into_any(),
        LoadState::Opening if workspace.progress.get().is_some() => view! {
            <section class="loading" aria-labelledby="loading-heading">
                <h1 id="loading-heading">{i18n.text(Msg::LoadingDemo)}</h1>
                <ReplaceProgressBar label=Msg::LoadingDemo/>
                <p class="hint">{i18n.text(Msg::LoadingDemoHint)}</p>
            </section>
        }
        .into_any(),
        LoadState::Opening => view! {
            <p class="loading" role="status">{i18n.text(Msg::OpeningWorkspace)}</p>
        }
        .into_any(),
        LoadState::Blocked => view! {
            <section class="error" role="alert">
                <h1>{i18n.text(Msg::WorkspaceBlocked)}</h1>
                <p>{i18n.text(Msg::WorkspaceBlockedHint)}</p>
            </section>
        }
        .into_any(),
        LoadState::Vanished => view! {
            <section class="error" aria-labelledby="vanished-heading">
                <h1 id="vanished-heading">{i18n.text(Msg::WorkspaceVanished)}</h1>
                <p>{i18n.text(Msg::WorkspaceVanishedHint)}</p>
                <div class="button-row">
                    <button type="button" on:click=move |_| workspace.start_over(crate::workspace::Replacement::Demo)>
                        {i18n.text(Msg::ResetToDemo)}
                    </button>
                    <button type="button" on:click=move |_| workspace.start_over(crate::workspace::Replacement::Empty)>
                        {i18n.text(Msg::StartEmpty)}
                    </button>
                </div>
            </section>
        }
        .into_any(),
        LoadState::Outdated => view! {
            <section class="error" role="alert">
                <h1>{i18n.text(Msg::WorkspaceOutdated)}</h1>
                <p>{i18n.text(Msg::WorkspaceOutdatedHint)}</p>
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>
                    {i18n.text(Msg::ReloadPage)}
                </button>
            </section>
        }
        .into_any(),
        LoadState::Failed(reason) => view! {
            <section class="error" role="alert">
                <h1>{i18n.text(Msg::StorageFailed)}</h1>
                <p>{i18n.text(Msg::StorageFailedHint)}</p>
                <pre>{reason}</pre>
            </section>
        }
        .into_any(),
    }
    }
}
