//! The analytics worker's side against real IndexedDB in headless Chromium: the order-facts
//! snapshot written with a workspace, corrected by a few orders' write and dropped by many's,
//! equal to a rebuild either way, and the request → progress → report protocol the worker speaks,
//! the sales reports it answers from the stored records, and the demo workspace it writes.

use chrono::NaiveDate;
use hearth_analytics::facts::OrderFacts;
use hearth_analytics::reports::deals::SalesFilter;
use hearth_analytics::reports::sales::sales_reports;
use hearth_app::analysis::protocol::{
    Analysis, Inbound, Message, ReplaceJob, Replacement, Report, Request, WRITING_STAGE,
};
use hearth_app::analysis::worker::answer;
use hearth_app::store::{Store, StoreName, WorkspaceInfo, MAX_CORRECTED_ORDERS, SCHEMA_VERSION};
use hearth_domain::demo::{generate, DemoConfig};
use hearth_domain::{Order, OrderStatus};
use std::cell::RefCell;
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

const DATABASE: &str = "hearth-crm.test-analysis";

async fn seeded() -> (Store, hearth_domain::demo::DemoWorkspace) {
    Store::delete_database(DATABASE).await.unwrap();
    let store = Store::open_at_version(DATABASE, SCHEMA_VERSION)
        .await
        .unwrap();
    let demo = generate(&DemoConfig {
        people: 150,
        companies: 10,
        deals: 5,
        tickets: 5,
        activities: 5,
        tasks: 5,
        ..DemoConfig::standard(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    });
    let info = WorkspaceInfo::Demo {
        seed: 1,
        end_date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        people: demo.people.len(),
    };
    store
        .replace_workspace(&demo, info, &mut |_, _| true)
        .await
        .unwrap();
    (store, demo)
}

/// Every message the worker posts while answering `request`, on a clock that advances 100 ms a
/// reading (so progress is posted at every step).
async fn answered(request: &str) -> Vec<Message> {
    let messages = RefCell::new(Vec::new());
    let clock = RefCell::new(0.0);
    let now = || {
        *clock.borrow_mut() += 100.0;
        *clock.borrow()
    };
    answer(
        request,
        None,
        &|m| messages.borrow_mut().push(m.clone()),
        &|m, _| messages.borrow_mut().push(m.clone()),
        &now,
    )
    .await;
    let messages = messages.into_inner();
    messages.iter().for_each(common::reads_back_as_posted);
    messages
}

#[wasm_bindgen_test]
async fn facts_snapshot_follows_the_orders() {
    let (store, demo) = seeded().await;
    let expected = OrderFacts::from_orders(&demo.orders);
    assert!(!expected.is_empty());
    // Written with the workspace.
    assert_eq!(
        store.stored_order_facts().await.unwrap(),
        Some(expected.clone())
    );
    // What a rebuild from `orders` gives: their lines in order id order.
    let rebuilt = |orders: &[Order]| {
        let mut by_id = orders.to_vec();
        by_id.sort_by_key(|order| order.id);
        OrderFacts::from_orders(&by_id)
    };
    let mut orders = demo.orders.clone();
    assert!(orders.len() > MAX_CORRECTED_ORDERS + 40);
    // An order edited, another cancelled: each write corrects the snapshot in its own
    // transaction, which then equals facts rebuilt from the orders.
    orders[0].lines[0].quantity += 5;
    orders[0] = store.put(&orders[0]).await.unwrap();
    assert_eq!(
        store.stored_order_facts().await.unwrap(),
        Some(rebuilt(&orders))
    );
    orders[1].status = OrderStatus::Cancelled;
    orders[1] = store.put(&orders[1]).await.unwrap();
    assert_eq!(
        store.stored_order_facts().await.unwrap(),
        Some(rebuilt(&orders))
    );
    // Many corrections: the next full read folds them into a fresh snapshot, still equal.
    for order in &mut orders[2..40] {
        order.lines[0].quantity += 1;
        *order = store.put(order).await.unwrap();
    }
    assert_eq!(
        store.order_facts(&mut |_, _| {}).await.unwrap(),
        rebuilt(&orders)
    );
    assert_eq!(
        store.stored_order_facts().await.unwrap(),
        Some(rebuilt(&orders))
    );
    // A write of more orders than a correction takes drops the snapshot in its transaction...
    let many: Vec<Order> = orders[..=MAX_CORRECTED_ORDERS]
        .iter()
        .map(|order| Order {
            tags: vec!["bulk".into()],
            ..order.clone()
        })
        .collect();
    let written = store.put_all(&many).await.unwrap();
    orders[..=MAX_CORRECTED_ORDERS].clone_from_slice(&written);
    assert_eq!(store.stored_order_facts().await.unwrap(), None);
    // ...and the next read rebuilds it from the orders and stores it again.
    assert_eq!(
        store.order_facts(&mut |_, _| {}).await.unwrap(),
        rebuilt(&orders)
    );
    assert_eq!(
        store.stored_order_facts().await.unwrap(),
        Some(rebuilt(&orders))
    );
    store.close();
}

#[wasm_bindgen_test]
async fn worker_answers_a_request_with_progress_then_the_report() {
    let (store, _) = seeded().await;
    store.close();
    let request = Request {
        id: 7,
        database: DATABASE.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        analysis: Analysis::Rfm,
    };
    let messages = answered(&serde_json::to_string(&Inbound::Run(request)).unwrap()).await;
    assert!(matches!(
        messages.first(),
        Some(Message::Progress { id: 7, .. })
    ));
    match messages.last() {
        Some(Message::Done {
            id: 7,
            report,
            lines,
        }) => {
            assert!(*lines > 0);
            let Report::Rfm(rfm) = report.as_ref() else {
                panic!("an RFM report")
            };
            assert!(!rfm.members.is_empty());
        }
        other => panic!("expected Done, got {other:?}"),
    }
    // A bad request is answered with a failure, not silence.
    assert!(matches!(
        answered("{not json").await.as_slice(),
        [Message::Failed { .. }]
    ));
}

#[wasm_bindgen_test]
async fn worker_answers_the_sales_reports_from_the_stored_records() {
    let (store, demo) = seeded().await;
    store.close();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let filter = SalesFilter {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: today,
        owner: None,
    };
    let request = Request {
        id: 8,
        database: DATABASE.into(),
        as_of: today,
        analysis: Analysis::SalesReports(filter.clone()),
    };
    let messages = answered(&serde_json::to_string(&Inbound::Run(request)).unwrap()).await;
    let Some(Message::Done { id: 8, report, .. }) = messages.last() else {
        panic!("expected Done, got {:?}", messages.last());
    };
    let Report::SalesReports(reports) = report.as_ref() else {
        panic!("the sales reports")
    };
    // What the worker read from IndexedDB is what was stored: the same reports as from the demo.
    let expected = sales_reports(
        &OrderFacts::from_orders(&demo.orders),
        &demo.people,
        &demo.products,
        &demo.deals,
        &demo.pipelines,
        filter,
        today,
    );
    assert_eq!(reports.revenue, expected.revenue);
    assert_eq!(reports.funnels, expected.funnels);
    assert_eq!(reports.win_rate, expected.win_rate);
    assert!(!reports.revenue.top_customers.is_empty());
}

#[wasm_bindgen_test]
async fn worker_writes_the_demo_workspace_with_progress_in_records() {
    Store::delete_database(DATABASE).await.unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let request = Request {
        id: 3,
        database: DATABASE.into(),
        as_of,
        analysis: replace(Replacement::Demo),
    };
    let messages = answered(&serde_json::to_string(&Inbound::Run(request)).unwrap()).await;
    let writing: Vec<(usize, usize)> = messages
        .iter()
        .filter_map(|m| match m {
            Message::Progress {
                id: 3,
                stage,
                done,
                total,
            } if stage == WRITING_STAGE => Some((*done, *total)),
            _ => None,
        })
        .collect();
    let &(last_done, total) = writing.last().expect("progress while writing");
    assert!(writing
        .windows(2)
        .all(|w| w[0].0 <= w[1].0 && w[1].0 <= total));
    assert_eq!(last_done, total);
    match messages.last() {
        Some(Message::Done { id: 3, report, .. }) => {
            assert_eq!(report.as_ref(), &Report::Replaced(total));
        }
        other => panic!("expected Done, got {other:?}"),
    }
    let store = Store::open(DATABASE).await.unwrap();
    let expected = DemoConfig::standard(as_of);
    assert_eq!(
        store.workspace_info().await.unwrap(),
        Some(WorkspaceInfo::Demo {
            seed: expected.seed,
            end_date: as_of,
            people: expected.people as usize,
        })
    );
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.get(StoreName::People), expected.people);
    store.close();
}

fn replace(with: Replacement) -> Analysis {
    Analysis::Replace(ReplaceJob {
        with,
        now: chrono::DateTime::from_timestamp_millis(1_764_300_000_000).unwrap(),
    })
}

#[wasm_bindgen_test]
async fn worker_empties_the_workspace_but_for_the_pipeline_new_deals_go_into() {
    let (store, _demo) = seeded().await;
    store.close();
    let request = Request {
        id: 4,
        database: DATABASE.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        analysis: replace(Replacement::Empty),
    };
    let messages = answered(&serde_json::to_string(&Inbound::Run(request)).unwrap()).await;
    assert!(
        matches!(messages.last(), Some(Message::Done { id: 4, report, .. }) if **report == Report::Replaced(1)),
        "{:?}",
        messages.last()
    );
    let store = Store::open(DATABASE).await.unwrap();
    assert_eq!(
        store.workspace_info().await.unwrap(),
        Some(WorkspaceInfo::Empty)
    );
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.get(StoreName::People), 0);
    assert_eq!(counts.get(StoreName::Orders), 0);
    assert_eq!(counts.get(StoreName::Pipelines), 1);
    store.close();
}

#[wasm_bindgen_test]
async fn a_workspace_write_asked_to_stop_stops_and_leaves_the_workspace_as_it_was() {
    let (store, demo) = seeded().await;
    let before = store.counts().await.unwrap();
    store.close();
    let request = Inbound::Run(Request {
        id: 11,
        database: DATABASE.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        analysis: replace(Replacement::Demo),
    });
    let run = serde_json::to_string(&request).unwrap();
    let cancel = serde_json::to_string(&Inbound::Cancel { id: 11 }).unwrap();
    // The stop arrives while the job runs (it is heard at the job's next check).
    let (messages, heard) = futures::join!(answered(&run), answered(&cancel));
    assert!(heard.is_empty(), "a cancel is not answered itself");
    assert!(
        matches!(messages.last(), Some(Message::Cancelled { id: 11 })),
        "{:?}",
        messages.last()
    );
    let store = Store::open(DATABASE).await.unwrap();
    assert_eq!(
        store.counts().await.unwrap(),
        before,
        "nothing was replaced"
    );
    assert_eq!(
        store
            .counts()
            .await
            .unwrap()
            .get(hearth_app::store::StoreName::People) as usize,
        demo.people.len()
    );
}
