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
    contacts::{
        companies::{CompaniesPage, CompanyPage},
        people::Customers,
        person::PersonPage,
    },
    dashboard::Dashboard,
    not_found::NotFound,
    sales::{board::BoardPage, deals::DealsPage, orders::OrdersPage, products::ProductsPage},
    service::tickets::TicketsPage,
};
use crate::routes;
use crate::settings::{self, Theme};
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
                            <Route path=StaticSegment(routes::DUPLICATES) view=|| lazy_page(lazy::duplicates())/>
                            <Route path=StaticSegment(routes::TRASH) view=|| lazy_page(lazy::trash())/>
                            <Route path=StaticSegment(routes::TASKS) view=|| lazy_page(lazy::tasks())/>
                            <Route path=StaticSegment(routes::COMPANIES) view=CompaniesPage/>
                            <Route path=(StaticSegment(routes::COMPANIES), ParamSegment("id")) view=CompanyPage/>
                            <Route path=StaticSegment(routes::DEALS) view=DealsPage/>
                            <Route path=(StaticSegment(routes::DEALS), ParamSegment("id")) view=|| lazy_page(lazy::deal())/>
                            <Route path=StaticSegment(routes::BOARD) view=BoardPage/>
                            <Route path=StaticSegment(routes::ORDERS) view=OrdersPage/>
                            <Route path=(StaticSegment(routes::ORDERS), ParamSegment("id")) view=|| lazy_page(lazy::order())/>
                            <Route path=StaticSegment(routes::SALES_REPORTS) view=|| lazy_page(lazy::sales_reports())/>
                            <Route path=StaticSegment(routes::TICKETS) view=TicketsPage/>
                            <Route path=(StaticSegment(routes::TICKETS), ParamSegment("id")) view=|| lazy_page(lazy::ticket())/>
                            <Route path=StaticSegment(routes::TICKET_BOARD) view=|| lazy_page(lazy::ticket_board())/>
                            <Route path=StaticSegment(routes::SERVICE_REPORT) view=|| lazy_page(lazy::service_report())/>
                            <Route path=StaticSegment(routes::CUSTOMER_SEGMENTS) view=|| lazy_page(lazy::customer_segments())/>
                            <Route path=StaticSegment(routes::CAMPAIGNS) view=|| lazy_page(lazy::campaigns())/>
                            <Route path=(StaticSegment(routes::CAMPAIGNS), ParamSegment("id")) view=|| lazy_page(lazy::campaign())/>
                            <Route path=StaticSegment(routes::MARKETING_REPORT) view=|| lazy_page(lazy::marketing_report())/>
                            <Route path=StaticSegment(routes::ANALYTICS) view=|| lazy_page(lazy::analytics())/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::RFM)) view=|| lazy_page(lazy::rfm())/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::SEGMENTS)) view=|| lazy_page(lazy::segments())/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::CLV)) view=|| lazy_page(lazy::clv())/>
                            <Route path=(StaticSegment(routes::ANALYTICS), StaticSegment(routes::BASKETS)) view=|| lazy_page(lazy::baskets())/>
                            <Route path=StaticSegment(routes::PRODUCTS) view=ProductsPage/>
                            <Route path=(StaticSegment(routes::PRODUCTS), ParamSegment("id")) view=|| lazy_page(lazy::product())/>
                            <Route path=StaticSegment(routes::IMPORT) view=|| lazy_page(lazy::import())/>
                            <Route path=StaticSegment(routes::SETTINGS) view=|| lazy_page(lazy::settings())/>
                        </Routes>
                    </WorkspaceGate>
                </main>
            </div>
        </Router>
    }
}

/// Pages fetched as wasm chunks of their own on their first visit: `scripts/split-page-wasm.sh` cuts
/// the page's wasm at each `#[lazy]` function, so what only these pages use stays out of the main module.
mod lazy {
    use leptos::prelude::*;

    /// A `#[lazy]` function per page, each its own split point. Each hands back the function
    /// that draws its page (code in the chunk), so the page is drawn by `lazy_page` under the
    /// route's owner as any other page is.
    macro_rules! lazy_pages {
        ($($name:ident => $page:path),* $(,)?) => {$(
            #[leptos::lazy]
            pub fn $name() -> fn() -> AnyView {
                || $page().into_any()
            }
        )*};
    }

    lazy_pages! {
        analytics => crate::pages::analytics::AnalyticsPage,
        baskets => crate::pages::analytics::BasketsPage,
        campaign => crate::pages::marketing::campaign::CampaignPage,
        campaigns => crate::pages::marketing::campaigns::CampaignsPage,
        clv => crate::pages::analytics::ClvPage,
        customer_segments => crate::pages::marketing::segments::SegmentsPage,
        deal => crate::pages::sales::deal::DealPage,
        duplicates => crate::pages::contacts::duplicates::DuplicatesPage,
        import => crate::pages::data::import::ImportPage,
        marketing_report => crate::pages::marketing::report::MarketingReportPage,
        order => crate::pages::sales::order::OrderPage,
        product => crate::pages::sales::product::ProductPage,
        rfm => crate::pages::analytics::RfmPage,
        sales_reports => crate::pages::sales::reports::SalesReportsPage,
        segments => crate::pages::analytics::SegmentsPage,
        service_report => crate::pages::service::report::ServiceReportPage,
        settings => crate::pages::settings::SettingsPage,
        tasks => crate::pages::contacts::tasks::TasksPage,
        ticket => crate::pages::service::ticket::TicketPage,
        ticket_board => crate::pages::service::board::TicketBoardPage,
        trash => crate::pages::contacts::trash::TrashPage,
    }
}

/// A lazy page once its chunk has arrived (locally, within a frame or two). Drawn untracked, as
/// the router draws a page: what its body reads must not draw the page again when it changes.
fn lazy_page(load: impl std::future::Future<Output = fn() -> AnyView> + 'static) -> impl IntoView {
    let page = RwSignal::new(None::<fn() -> AnyView>);
    leptos::task::spawn_local(async move {
        // The visitor may have left before the chunk came: then there is no page to draw.
        let _ = page.try_set(Some(load.await));
    });
    move || page.get().map(untrack)
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
