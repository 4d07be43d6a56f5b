//! Order facts in IndexedDB: the lines of revenue orders as typed-array columns, in chunks of
//! [`CHUNK_LINES`] lines (STORAGE-NOTES: about 400 times faster both ways than one object per line).
//!
//! Record 0 of the store says how many chunks and lines a complete snapshot has, and how many
//! corrections follow it; chunks are records 1..=n, corrections n+1.... A write naming a few
//! orders appends a correction in its own transaction (the orders it names and their lines as
//! they now stand, see [`correct`]); any other transaction that writes orders clears the store
//! (see `Store::transaction`). So a snapshot present, corrected, is one of the current orders.

use super::{from_js, Store, StoreError, StoreName, StoreResult};
use hearth_analytics::facts::OrderFacts;
use hearth_domain::Order;
use idb::{Query, TransactionMode};
use js_sys::{Float64Array, Int32Array, Object, Reflect, Uint32Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// Lines per stored chunk.
pub const CHUNK_LINES: usize = 65_536;

/// The most orders one write corrects the snapshot for; a larger one (an import batch, a restore)
/// drops it, since rebuilding once costs less than reading a correction that size every time.
pub const MAX_CORRECTED_ORDERS: usize = 1_000;

/// Corrections a snapshot carries before the next read folds them into a fresh one.
const MAX_CORRECTIONS: u32 = 32;

const NAME: &str = "order_facts";

/// Record 0: the shape of a complete snapshot.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    id: u32,
    chunks: u32,
    lines: u32,
    /// Corrections stored after the chunks (snapshots written before they existed have none).
    #[serde(default)]
    corrections: u32,
}

fn idb_error(e: idb::Error) -> StoreError {
    StoreError::from_idb(NAME, e)
}

fn set(object: &Object, field: &str, value: &JsValue) -> StoreResult<()> {
    Reflect::set(object, &field.into(), value)
        .map(drop)
        .map_err(|e| StoreError::Browser(format!("{e:?}")))
}

fn get(object: &JsValue, field: &'static str) -> StoreResult<JsValue> {
    Reflect::get(object, &field.into()).map_err(|_| StoreError::Serialization {
        store: NAME,
        detail: format!("chunk without {field}"),
    })
}

fn column<A: JsCast>(chunk: &JsValue, field: &'static str) -> StoreResult<A> {
    get(chunk, field)?
        .dyn_into::<A>()
        .map_err(|_| StoreError::Serialization {
            store: NAME,
            detail: format!("chunk column {field} is not the expected typed array"),
        })
}

fn encode(id: u32, facts: &OrderFacts) -> StoreResult<JsValue> {
    let chunk = Object::new();
    set(&chunk, "id", &id.into())?;
    set(
        &chunk,
        "person",
        &Uint32Array::from(&facts.person[..]).into(),
    )?;
    set(&chunk, "order", &Uint32Array::from(&facts.order[..]).into())?;
    set(&chunk, "day", &Int32Array::from(&facts.day[..]).into())?;
    set(
        &chunk,
        "product",
        &Uint32Array::from(&facts.product[..]).into(),
    )?;
    set(
        &chunk,
        "quantity",
        &Uint32Array::from(&facts.quantity[..]).into(),
    )?;
    set(
        &chunk,
        "cents",
        &Float64Array::from(&facts.cents[..]).into(),
    )?;
    Ok(chunk.into())
}

fn decode(chunk: &JsValue) -> StoreResult<OrderFacts> {
    let facts = OrderFacts {
        person: column::<Uint32Array>(chunk, "person")?.to_vec(),
        order: column::<Uint32Array>(chunk, "order")?.to_vec(),
        day: column::<Int32Array>(chunk, "day")?.to_vec(),
        product: column::<Uint32Array>(chunk, "product")?.to_vec(),
        quantity: column::<Uint32Array>(chunk, "quantity")?.to_vec(),
        cents: column::<Float64Array>(chunk, "cents")?.to_vec(),
    };
    if facts.is_consistent() {
        Ok(facts)
    } else {
        Err(StoreError::Serialization {
            store: NAME,
            detail: "chunk columns differ in length".into(),
        })
    }
}

/// Writes `facts` as a complete snapshot into the (cleared) facts store of `transaction`.
pub(super) async fn write(transaction: &idb::Transaction, facts: &OrderFacts) -> StoreResult<()> {
    let object_store = transaction.object_store(NAME).map_err(idb_error)?;
    let chunks = facts.len().div_ceil(CHUNK_LINES);
    for (i, start) in (0..facts.len()).step_by(CHUNK_LINES).enumerate() {
        let end = (start + CHUNK_LINES).min(facts.len());
        object_store
            .put(&encode(i as u32 + 1, &facts.slice(start..end))?, None)
            .map_err(idb_error)?;
    }
    let header = Header {
        id: 0,
        chunks: chunks as u32,
        lines: facts.len() as u32,
        corrections: 0,
    };
    object_store
        .put(&header_value(&header)?, None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    Ok(())
}

fn header_value(header: &Header) -> StoreResult<JsValue> {
    serde_wasm_bindgen::to_value(header).map_err(|e| StoreError::Serialization {
        store: NAME,
        detail: e.to_string(),
    })
}

/// Appends to the snapshot in `transaction` (which must hold the facts store) a correction: the
/// orders `named` (each written by the transaction) lose their lines, then get `lines` (their
/// revenue lines as written). Nothing to correct when there is no snapshot: the next analysis
/// builds one. Its writes are requests the caller's last awaited request answers after.
pub(super) async fn correct(
    transaction: &idb::Transaction,
    named: &[u32],
    lines: &OrderFacts,
) -> StoreResult<()> {
    let object_store = transaction.object_store(NAME).map_err(idb_error)?;
    let Some(mut header) = read_header(&object_store).await? else {
        return Ok(());
    };
    header.corrections += 1;
    let correction = encode(header.chunks + header.corrections, lines)?;
    set(
        correction.unchecked_ref(),
        "replaces",
        &Uint32Array::from(named).into(),
    )?;
    object_store.put(&correction, None).map_err(idb_error)?;
    object_store
        .put(&header_value(&header)?, None)
        .map_err(idb_error)?;
    Ok(())
}

/// Record 0, the snapshot's header; `None` when there is no snapshot.
async fn read_header(object_store: &idb::ObjectStore) -> StoreResult<Option<Header>> {
    let header = object_store
        .get(Query::Key(0.into()))
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    header.map(|header| from_js(NAME, header)).transpose()
}

/// The snapshot in `transaction` with its corrections applied, and how many it had; `None` when
/// there is none.
async fn read_snapshot(transaction: &idb::Transaction) -> StoreResult<Option<(OrderFacts, u32)>> {
    let object_store = transaction.object_store(NAME).map_err(idb_error)?;
    let Some(header) = read_header(&object_store).await? else {
        return Ok(None);
    };
    let range = idb::KeyRange::lower_bound(&1.into(), Some(false)).map_err(idb_error)?;
    let records = object_store
        .get_all(Some(Query::KeyRange(range)), None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let chunks = (header.chunks as usize).min(records.len());
    let mut facts = OrderFacts::default();
    for chunk in &records[..chunks] {
        facts.extend(&decode(chunk)?);
    }
    let corrections = records[chunks..]
        .iter()
        .map(|correction| {
            let named = column::<Uint32Array>(correction, "replaces")?.to_vec();
            Ok((named, decode(correction)?))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    if chunks != header.chunks as usize
        || facts.len() != header.lines as usize
        || corrections.len() != header.corrections as usize
    {
        return Err(StoreError::Serialization {
            store: NAME,
            detail: format!(
                "snapshot has {} chunks, {} lines and {} corrections, its header says {}, {} and {}",
                chunks,
                facts.len(),
                corrections.len(),
                header.chunks,
                header.lines,
                header.corrections
            ),
        });
    }
    if corrections.is_empty() {
        return Ok(Some((facts, 0)));
    }
    Ok(Some((facts.corrected(&corrections), header.corrections)))
}

impl Store {
    /// The stored snapshot of order facts, corrected, or `None` when orders changed since it
    /// was written in a way no correction followed.
    pub async fn stored_order_facts(&self) -> StoreResult<Option<OrderFacts>> {
        let transaction = self.transaction(&[StoreName::OrderFacts], TransactionMode::ReadOnly)?;
        Ok(read_snapshot(&transaction).await?.map(|(facts, _)| facts))
    }

    /// The order facts: the stored snapshot, or else built from every order and stored, reading
    /// orders and writing facts in one transaction so no order write can fall between.
    /// `progress(read, total)` follows the order reads of a rebuild.
    pub async fn order_facts(
        &self,
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<OrderFacts> {
        let transaction = self.transaction(&[StoreName::OrderFacts], TransactionMode::ReadOnly)?;
        match read_snapshot(&transaction).await? {
            Some((facts, corrections)) if corrections <= MAX_CORRECTIONS => return Ok(facts),
            Some(_) => return self.fold_corrections().await,
            None => {}
        }
        let transaction = self.transaction(
            &[StoreName::Orders, StoreName::OrderFacts],
            TransactionMode::ReadWrite,
        )?;
        let outcome = async {
            let orders = StoreName::Orders;
            let total = self.stored_count_in(&transaction, orders).await? as usize;
            let mut facts = OrderFacts::default();
            let (mut read, mut from) = (0, Some(0));
            while let Some(start) = from {
                let (values, next) = self.values_in(&transaction, orders, start).await?;
                read += values.len();
                // An order that cannot be read is skipped and named, never fails the analysis.
                for order in self.decode_all::<Order>(values) {
                    if order.is_revenue() {
                        facts.push_order(&order);
                    }
                }
                progress(read, total);
                from = next;
            }
            transaction
                .object_store(NAME)
                .and_then(|object_store| object_store.clear())
                .map_err(idb_error)?;
            write(&transaction, &facts).await?;
            Ok(facts)
        }
        .await;
        Store::finish(NAME, transaction, outcome).await
    }

    /// Rewrites the snapshot with its corrections folded in, reading and writing in one
    /// transaction so no correction can fall between; rebuilds it when it is gone meanwhile.
    async fn fold_corrections(&self) -> StoreResult<OrderFacts> {
        let transaction = self.transaction(&[StoreName::OrderFacts], TransactionMode::ReadWrite)?;
        let outcome = async {
            let Some((facts, _)) = read_snapshot(&transaction).await? else {
                return Ok(None);
            };
            transaction
                .object_store(NAME)
                .and_then(|object_store| object_store.clear())
                .map_err(idb_error)?;
            write(&transaction, &facts).await?;
            Ok(Some(facts))
        }
        .await;
        match Store::finish(NAME, transaction, outcome).await? {
            Some(facts) => Ok(facts),
            None => Box::pin(self.order_facts(&mut |_, _| {})).await,
        }
    }
}
