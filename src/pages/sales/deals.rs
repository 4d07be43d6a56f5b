//! The deals page: how many deals the workspace has, and the list of them (imported or from the
//! demo) with quick search, filters, sorting, bulk actions and export, each row naming its
//! stage, pipeline, contact and company. Everything but the few lines naming the list's messages
//! and joins comes from the deal's field table.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::components::record_list::{record_list, ListKind, RowOf};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::use_workspace;
use hearth_domain::entity::{DealParties, EntityRow};
use hearth_domain::{Deal, Pipeline, Stage};
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// The list of deals.
#[derive(Debug, Clone, Copy)]
pub struct Deals;

impl ListKind for Deals {
    type Entity = Deal;
    const STORES: &'static [StoreName] = &[
        StoreName::Deals,
        StoreName::Pipelines,
        StoreName::People,
        StoreName::Companies,
        StoreName::CustomFields,
    ];
    const LIST_PATH: &'static str = routes::DEALS;
    const DOM_ID: &'static str = "deals";
    const HEADING: Msg = Msg::AllDeals;
    const TABLE_LABEL: Msg = Msg::DealsTable;
    const SEARCH_LABEL: Msg = Msg::SearchDeals;
    const SEARCH_HINT: Msg = Msg::SearchDealsHint;
    const SHOWING: Msg = Msg::ShowingDeals;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingDeals;
    const BULK_ACTIONS: Msg = Msg::BulkActionsDeals;
    const EMPTY: Msg = Msg::NoDealsYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Deals>>> {
        rows(&store, store.all::<Deal>().await?).await
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Deals>>> {
        rows(&store, store.get_many::<Deal>(ids).await?).await
    }
}

/// The rows of `deals`, joined with the names of their contacts (only those, not every person),
/// companies, pipelines and stages.
pub(crate) async fn rows(store: &Store, deals: Vec<Deal>) -> StoreResult<Vec<RowOf<Deals>>> {
    let names = store
        .party_names(
            deals
                .iter()
                .filter_map(|deal| deal.person_id.map(|id| id.0)),
        )
        .await?;
    let pipelines: Vec<Pipeline> = store.all().await?;
    let stages: Vec<Arc<Vec<Stage>>> = pipelines
        .iter()
        .map(|p| Arc::new(p.stages.clone()))
        .collect();
    Ok(deals
        .into_iter()
        .map(|deal| {
            let at = pipelines.iter().position(|p| p.id == deal.pipeline_id);
            let pipeline = at.map(|at| &pipelines[at]);
            let stage = pipeline.and_then(|p| p.stages.iter().find(|s| s.id == deal.stage_id));
            let (customer, company) = names.of(
                deal.person_id.map(|id| id.0),
                deal.company_id.map(|id| id.0),
            );
            let parties = DealParties {
                customer,
                company,
                pipeline: pipeline.map(|p| p.name.clone()).unwrap_or_default(),
                stage: stage.map(|s| s.name.clone()).unwrap_or_default(),
                stages: at.map(|at| stages[at].clone()).unwrap_or_default(),
            };
            EntityRow::new(deal, parties)
        })
        .collect())
}

/// The page at `/deals`.
#[component]
pub fn DealsPage() -> impl IntoView {
    use_page_title(Msg::NavDeals);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    view! {
        <h1>{i18n.text(Msg::NavDeals)}</h1>
        <p><a href=crate::app::use_app_href(routes::BOARD)>{i18n.text(Msg::BoardView)}</a></p>
        <div class="count-grid">
            <CountCard label=Msg::Deals store=StoreName::Deals counts/>
        </div>
        {record_list::<Deals>()}
    }
}
