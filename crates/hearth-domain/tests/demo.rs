//! The demo workspace is deterministic, internally consistent, valid, and carries the signal the
//! analytics pages rely on (churn, seasonality, co-purchases).

use chrono::{Datelike, NaiveDate};
use hearth_domain::demo::{generate, DemoConfig, DemoWorkspace};
use hearth_domain::*;
use std::collections::HashSet;
use std::sync::OnceLock;

fn end_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn standard() -> &'static DemoWorkspace {
    static WORKSPACE: OnceLock<DemoWorkspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| generate(&DemoConfig::standard(end_date())))
}

#[test]
fn same_seed_and_date_give_the_same_workspace() {
    assert_eq!(&generate(&DemoConfig::standard(end_date())), standard());
}

#[test]
fn another_seed_gives_another_workspace() {
    let other = generate(&DemoConfig {
        seed: 7,
        ..DemoConfig::standard(end_date())
    });
    assert_ne!(other.orders, standard().orders);
}

#[test]
fn standard_workspace_has_the_advertised_size() {
    let demo = standard();
    assert_eq!(demo.people.len(), 2_000);
    assert_eq!(demo.companies.len(), 300);
    assert!(
        (17_000..=23_000).contains(&demo.orders.len()),
        "orders: {}",
        demo.orders.len()
    );
    assert_eq!(demo.deals.len(), 400);
    assert!(demo.tickets.len() >= 590, "tickets: {}", demo.tickets.len());
    assert_eq!(demo.activities.len(), 4_000);
    assert_eq!(demo.tasks.len(), 300);
    assert_eq!(demo.campaigns.len(), 8);
    assert_eq!(demo.pipelines.len(), 2);
    assert_eq!(demo.products.len(), 32);
}

#[test]
fn every_record_passes_validation() {
    let demo = standard();
    fn all_valid<T: Validate + std::fmt::Debug>(records: &[T]) {
        for record in records {
            assert_eq!(record.validate(), Ok(()), "{record:?}");
        }
    }
    all_valid(&demo.people);
    all_valid(&demo.companies);
    all_valid(&demo.products);
    all_valid(&demo.orders);
    all_valid(&demo.pipelines);
    all_valid(&demo.deals);
    all_valid(&demo.activities);
    all_valid(&demo.tasks);
    all_valid(&demo.tickets);
    all_valid(&demo.campaigns);
    all_valid(&demo.custom_fields);
}

#[test]
fn ids_are_one_based_and_dense_and_references_resolve() {
    let demo = standard();
    let people: HashSet<PersonId> = demo.people.iter().map(|p| p.id).collect();
    let companies: HashSet<CompanyId> = demo.companies.iter().map(|c| c.id).collect();
    let products: HashSet<ProductId> = demo.products.iter().map(|p| p.id).collect();
    assert_eq!(people.len(), demo.people.len());
    assert!(demo
        .orders
        .iter()
        .enumerate()
        .all(|(i, o)| o.id == OrderId(i as u32 + 1)));
    for person in &demo.people {
        assert!(person.company_id.is_none_or(|c| companies.contains(&c)));
    }
    for order in &demo.orders {
        assert!(people.contains(&order.person_id));
        assert!(order.lines.iter().all(|l| products.contains(&l.product_id)));
        assert!(order.date <= end_date());
    }
    for deal in &demo.deals {
        let pipeline = &demo.pipelines[deal.pipeline_id.0 as usize - 1];
        assert!(pipeline.stages.iter().any(|s| s.id == deal.stage_id));
    }
}

#[test]
fn orders_cover_two_years_and_peak_before_christmas() {
    let demo = standard();
    let first = demo.orders.first().unwrap().date;
    assert!((end_date() - first).num_days() > 600, "first order {first}");
    let in_month = |year: i32, month: u32| {
        demo.orders
            .iter()
            .filter(|o| o.date.year() == year && o.date.month() == month)
            .count()
    };
    // June 2026 comes later than December 2025, so growth alone would favour it.
    let (december, june) = (in_month(2025, 12), in_month(2026, 6));
    assert!(
        december as f64 > 1.5 * june as f64,
        "december {december} vs june {june}"
    );
}

#[test]
fn some_customers_churn_and_some_stay() {
    let demo = standard();
    let count = |stage| demo.people.iter().filter(|p| p.lifecycle == stage).count();
    assert!(count(LifecycleStage::Churned) > 100);
    assert!(count(LifecycleStage::Customer) > 500);
    assert!(count(LifecycleStage::Lead) > 100);
}

#[test]
fn complements_are_bought_together_far_more_than_by_chance() {
    let demo = standard();
    let grinder = demo
        .products
        .iter()
        .find(|p| p.name == "Espresso Machine Home")
        .unwrap()
        .id;
    let tamper = demo
        .products
        .iter()
        .find(|p| p.name == "Tamper Set")
        .unwrap()
        .id;
    let n = demo.orders.len() as f64;
    let has = |o: &Order, id| o.lines.iter().any(|l| l.product_id == id);
    let both = demo
        .orders
        .iter()
        .filter(|o| has(o, grinder) && has(o, tamper))
        .count() as f64;
    let machine = demo.orders.iter().filter(|o| has(o, grinder)).count() as f64;
    let tampers = demo.orders.iter().filter(|o| has(o, tamper)).count() as f64;
    let lift = both * n / (machine * tampers);
    assert!(lift > 3.0, "lift {lift}");
}

#[test]
fn tickets_include_sla_breaches_and_open_ones() {
    let demo = standard();
    let now = end_date().and_hms_opt(17, 0, 0).unwrap().and_utc();
    let breached = demo.tickets.iter().filter(|t| t.breaches_sla(now)).count();
    assert!(
        breached > 30 && breached < demo.tickets.len() / 2,
        "breached {breached}"
    );
    assert!(demo.tickets.iter().any(|t| t.status.is_open()));
}

#[test]
fn benchmark_workspace_has_100k_customers_and_about_a_million_order_lines() {
    let bench = generate(&DemoConfig::benchmark(end_date()));
    assert_eq!(bench.people.len(), 100_000);
    let lines = bench.order_line_count();
    assert!(
        (900_000..=1_100_000).contains(&lines),
        "order lines: {lines}"
    );
    let buyers: HashSet<PersonId> = bench.orders.iter().map(|o| o.person_id).collect();
    assert_eq!(
        buyers.len(),
        100_000,
        "every benchmark person is a customer"
    );
}

#[test]
fn chinese_names_show_family_name_first_without_a_space() {
    let demo = standard();
    let chinese = demo
        .people
        .iter()
        .find(|p| p.last_name.chars().all(|c| c > '\u{4E00}'))
        .expect("the demo has Chinese names");
    assert_eq!(
        chinese.display_name(),
        format!("{}{}", chinese.last_name, chinese.first_name)
    );
    let english = demo
        .people
        .iter()
        .find(|p| p.first_name.is_ascii())
        .unwrap();
    assert_eq!(
        english.display_name(),
        format!("{} {}", english.first_name, english.last_name)
    );
}
