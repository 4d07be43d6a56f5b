//! The campaigns page: how many campaigns there are, a form to plan one, and the list of them
//! with quick search, filters, saved views, bulk status and export, all from the campaign's field
//! table.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, ListKind, RowOf};
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity as _, EntityRow, Places};
use hearth_domain::Campaign;
use leptos::prelude::*;
use std::rc::Rc;

/// The list of campaigns.
#[derive(Debug, Clone, Copy)]
pub struct Campaigns;

impl ListKind for Campaigns {
    type Entity = Campaign;
    const STORES: &'static [StoreName] = &[StoreName::Campaigns, StoreName::CustomFields];
    const LIST_PATH: &'static str = routes::CAMPAIGNS;
    const DOM_ID: &'static str = "campaigns";
    const HEADING: Msg = Msg::AllCampaigns;
    const TABLE_LABEL: Msg = Msg::CampaignsTable;
    const SEARCH_LABEL: Msg = Msg::SearchCampaigns;
    const SEARCH_HINT: Msg = Msg::SearchCampaignsHint;
    const SHOWING: Msg = Msg::ShowingCampaigns;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingCampaigns;
    const BULK_ACTIONS: Msg = Msg::BulkActionsCampaigns;
    const EMPTY: Msg = Msg::NoCampaignsYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Campaigns>>> {
        Ok(rows(store.all::<Campaign>().await?))
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Campaigns>>> {
        Ok(rows(store.get_many::<Campaign>(ids).await?))
    }
}

fn rows(campaigns: Vec<Campaign>) -> Vec<RowOf<Campaigns>> {
    campaigns
        .into_iter()
        .map(|campaign| EntityRow::new(campaign, ()))
        .collect()
}

/// The page at `/campaigns`.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    use_page_title(Msg::NavCampaigns);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    let save = use_save::<Campaign>(true);
    view! {
        <h1>{i18n.text(Msg::NavCampaigns)}</h1>
        <p class="lead">{i18n.text(Msg::CampaignsLead)}</p>
        <div class="count-grid">
            <CountCard label=Msg::Campaigns store=StoreName::Campaigns counts/>
        </div>
        <p class="page-links">
            <a href=use_app_href(routes::MARKETING_REPORT)>{i18n.text(Msg::NavMarketingReport)}</a>
        </p>
        <RecordForm base=Campaign::blank(now_utc()) place=Places::CREATE id="new-campaign" heading=Msg::NewCampaign save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedCampaign/>
        {record_list::<Campaigns>()}
    }
}
