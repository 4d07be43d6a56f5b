//! The products page: how many products the workspace sells, a form to add one, and the list of
//! them with quick search, filters, sorting, bulk actions and export. Everything but the few
//! lines naming the list's messages comes from the product's field table.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, ListKind, RowOf};
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity as _, EntityRow, Places};
use hearth_domain::Product;
use leptos::prelude::*;
use std::rc::Rc;

/// The list of products.
#[derive(Debug, Clone, Copy)]
pub struct Products;

impl ListKind for Products {
    type Entity = Product;
    const STORES: &'static [StoreName] = &[StoreName::Products, StoreName::CustomFields];
    const LIST_PATH: &'static str = routes::PRODUCTS;
    const DOM_ID: &'static str = "products";
    const HEADING: Msg = Msg::AllProducts;
    const TABLE_LABEL: Msg = Msg::ProductsTable;
    const SEARCH_LABEL: Msg = Msg::SearchProducts;
    const SEARCH_HINT: Msg = Msg::SearchProductsHint;
    const SHOWING: Msg = Msg::ShowingProducts;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingProducts;
    const BULK_ACTIONS: Msg = Msg::BulkActionsProducts;
    const EMPTY: Msg = Msg::NoProductsYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Products>>> {
        Ok(rows(store.all::<Product>().await?))
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Products>>> {
        Ok(rows(store.get_many::<Product>(ids).await?))
    }
}

fn rows(products: Vec<Product>) -> Vec<RowOf<Products>> {
    products
        .into_iter()
        .map(|product| EntityRow::new(product, ()))
        .collect()
}

/// The page at `/products`.
#[component]
pub fn ProductsPage() -> impl IntoView {
    use_page_title(Msg::Products);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    let save = use_save::<Product>(true);
    view! {
        <h1>{i18n.text(Msg::Products)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::Products store=StoreName::Products counts/>
        </div>
        <RecordForm base=Product::blank(now_utc()) place=Places::CREATE id="new-product" heading=Msg::NewProduct save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedProduct/>
        {record_list::<Products>()}
    }
}
