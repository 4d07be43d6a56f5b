//! The baskets page's numbers: each order is a basket of products; frequent itemsets by FP-growth
//! and the rules among them, plus the "also bought" and recommendation lookups built on the rules.

use super::stage;
use crate::error::{AnalyticsError, AnalyticsResult};
use crate::facts::OrderFacts;
use crate::itemsets::{association_rules, frequent_itemsets, Baskets, Consequents, Fraction};
use crate::progress::Progress;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What the user chose; support and confidence are typed decimals, kept exact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketSettings {
    /// Least share of orders an itemset is in, e.g. "0.01".
    pub min_support: String,
    /// Least confidence of a rule, e.g. "0.2".
    pub min_confidence: String,
    /// Least lift of a rule.
    pub min_lift: f64,
    /// Most products in an itemset.
    pub max_len: usize,
}

impl Default for BasketSettings {
    fn default() -> BasketSettings {
        BasketSettings {
            min_support: "0.005".into(),
            min_confidence: "0.1".into(),
            min_lift: 1.0,
            max_len: 3,
        }
    }
}

/// Rules kept in a report, highest lift first: a table longer than this helps nobody.
pub const MAX_RULES: usize = 2_000;

/// A rule over product ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRule {
    /// Products bought (ascending ids).
    pub antecedent: Vec<u32>,
    /// Products also bought (ascending ids).
    pub consequent: Vec<u32>,
    /// Orders with all of them.
    pub count: u64,
    /// Share of orders with all of them.
    pub support: f64,
    /// Share of the antecedent's orders that also have the consequent.
    pub confidence: f64,
    /// Confidence over the consequent's support.
    pub lift: f64,
    /// Support minus the support expected under independence.
    pub leverage: f64,
    /// (1 − support(Y)) / (1 − confidence); `None` (infinite) when confidence is 1.
    pub conviction: Option<f64>,
}

/// Everything the baskets page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketsReport {
    /// The settings used.
    pub settings: BasketSettings,
    /// Orders (baskets).
    pub baskets: usize,
    /// Frequent itemsets found.
    pub itemsets: usize,
    /// Rules passing the confidence and lift thresholds before the cut to [`MAX_RULES`].
    pub total_rules: usize,
    /// Rules, highest lift first (ties by confidence, then products).
    pub rules: Vec<ProductRule>,
}

/// Mines rules among the products of each order.
pub fn baskets_report(
    facts: &OrderFacts,
    settings: BasketSettings,
    progress: &mut dyn Progress,
) -> AnalyticsResult<BasketsReport> {
    let min_support = Fraction::parse(&settings.min_support, "min support")?;
    let min_confidence = Fraction::parse(&settings.min_confidence, "min confidence")?;
    if !settings.min_lift.is_finite() || settings.min_lift < 0.0 {
        return Err(AnalyticsError::InvalidParameter {
            name: "min lift",
            reason: format!("must be zero or more, got {}", settings.min_lift),
        });
    }
    stage(progress, "baskets", 0, 1)?;
    // Dense item ids 0..n in product id order, so itemsets map straight back; a line of no
    // product (an order imported with its amount only) is in no basket.
    let no_product = hearth_domain::ProductId::NONE.0;
    let mut products: Vec<u32> = facts
        .product
        .iter()
        .copied()
        .filter(|product| *product != no_product)
        .collect();
    products.sort_unstable();
    products.dedup();
    let dense: HashMap<u32, u32> = products
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i as u32))
        .collect();
    let mut by_order: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&order, product) in facts.order.iter().zip(&facts.product) {
        if let Some(item) = dense.get(product) {
            by_order.entry(order).or_default().push(*item);
        }
    }
    let baskets = Baskets {
        items: products.iter().map(u32::to_string).collect(),
        baskets: by_order
            .into_values()
            .map(|mut items| {
                items.sort_unstable();
                items.dedup();
                items
            })
            .collect(),
    };
    let total = baskets.baskets.len();
    let itemsets = frequent_itemsets(
        &baskets,
        min_support.min_count(total),
        Some(settings.max_len),
        progress,
    )?;
    let to_products =
        |items: &[u32]| -> Vec<u32> { items.iter().map(|&i| products[i as usize]).collect() };
    let mut rules: Vec<ProductRule> =
        association_rules(&itemsets, total, min_confidence, Consequents::Single)?
            .into_iter()
            .filter(|rule| rule.lift >= settings.min_lift)
            .map(|rule| ProductRule {
                antecedent: to_products(&rule.antecedent),
                consequent: to_products(&rule.consequent),
                count: rule.count,
                support: rule.support,
                confidence: rule.confidence,
                lift: rule.lift,
                leverage: rule.leverage,
                conviction: rule.conviction.is_finite().then_some(rule.conviction),
            })
            .collect();
    rules.sort_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.confidence.total_cmp(&a.confidence))
            .then_with(|| a.antecedent.cmp(&b.antecedent))
            .then_with(|| a.consequent.cmp(&b.consequent))
    });
    let total_rules = rules.len();
    rules.truncate(MAX_RULES);
    Ok(BasketsReport {
        settings,
        baskets: total,
        itemsets: itemsets.len(),
        total_rules,
        rules,
    })
}

/// A product suggestion and the rule behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion<'a> {
    /// The product suggested.
    pub product: u32,
    /// The strongest rule suggesting it.
    pub rule: &'a ProductRule,
}

/// Products a customer who bought `bought` may want: consequents of rules whose antecedent they
/// bought entirely and whose consequent they have not, strongest confidence first, one per product.
pub fn recommend<'a>(
    rules: &'a [ProductRule],
    bought: &[u32],
    limit: usize,
) -> Vec<Suggestion<'a>> {
    strongest(rules.iter(), bought, limit)
}

/// "Customers who bought `product` also buy": consequents of the rules whose antecedent is that
/// product alone, strongest confidence first.
pub fn also_bought(rules: &[ProductRule], product: u32, limit: usize) -> Vec<Suggestion<'_>> {
    strongest(
        rules.iter().filter(|rule| rule.antecedent == [product]),
        &[product],
        limit,
    )
}

/// The products `rules` suggest to someone who bought `bought`, each with its most confident rule,
/// most confident first (ties by product id).
fn strongest<'a>(
    rules: impl Iterator<Item = &'a ProductRule>,
    bought: &[u32],
    limit: usize,
) -> Vec<Suggestion<'a>> {
    let owns = |products: &[u32]| products.iter().all(|p| bought.contains(p));
    let mut best: BTreeMap<u32, &ProductRule> = BTreeMap::new();
    for rule in rules.filter(|rule| owns(&rule.antecedent) && !owns(&rule.consequent)) {
        for &product in rule.consequent.iter().filter(|p| !bought.contains(p)) {
            let slot = best.entry(product).or_insert(rule);
            if rule.confidence > slot.confidence {
                *slot = rule;
            }
        }
    }
    let mut suggestions: Vec<Suggestion> = best
        .into_iter()
        .map(|(product, rule)| Suggestion { product, rule })
        .collect();
    // The page's one compiled sort (this runs on the product page).
    hearth_domain::sort::sort_by(&mut suggestions, |a, b| {
        b.rule
            .confidence
            .total_cmp(&a.rule.confidence)
            .then(a.product.cmp(&b.product))
    });
    suggestions.truncate(limit);
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{date, order};
    use crate::progress::Silent;
    use hearth_domain::OrderStatus;

    /// 10 orders: bread (1) and butter (2) together in 6, bread alone in 2, jam (3) alone in 2.
    fn facts() -> OrderFacts {
        let mut orders = Vec::new();
        for id in 1..=10u32 {
            let lines: &[(u32, u32, i64)] = match id {
                1..=6 => &[(1, 1, 300), (2, 2, 250)],
                7..=8 => &[(1, 1, 300)],
                _ => &[(3, 1, 400)],
            };
            orders.push(order(id, id, date(2026, 1, id), lines, OrderStatus::Paid));
        }
        OrderFacts::from_orders(&orders)
    }

    #[test]
    fn rules_carry_product_ids_and_exact_metrics() {
        let settings = BasketSettings {
            min_support: "0.2".into(),
            min_confidence: "0.5".into(),
            min_lift: 0.0,
            max_len: 3,
        };
        let report = baskets_report(&facts(), settings, &mut Silent).unwrap();
        assert_eq!(report.baskets, 10);
        assert_eq!(report.itemsets, 4, "bread, butter, jam, bread+butter");
        assert_eq!(report.total_rules, 2);
        let butter_to_bread = &report.rules[0];
        assert_eq!(
            (
                butter_to_bread.antecedent.clone(),
                butter_to_bread.consequent.clone()
            ),
            (vec![2], vec![1])
        );
        assert_eq!(butter_to_bread.confidence, 1.0);
        assert_eq!(butter_to_bread.lift, 1.25);
        assert_eq!(
            butter_to_bread.conviction, None,
            "confidence 1 has infinite conviction"
        );
        let bread_to_butter = &report.rules[1];
        assert_eq!(bread_to_butter.confidence, 0.75);
        // Someone who bought bread is offered butter; someone with both is offered nothing.
        let offer = recommend(&report.rules, &[1], 5);
        assert_eq!(offer.iter().map(|s| s.product).collect::<Vec<_>>(), vec![2]);
        assert!(recommend(&report.rules, &[1, 2], 5).is_empty());
        let also = also_bought(&report.rules, 2, 5);
        assert_eq!(also.len(), 1);
        assert_eq!(also[0].product, 1);
        assert_eq!(also[0].rule.confidence, 1.0);
    }

    #[test]
    fn thresholds_are_checked_and_lift_filters() {
        let bad = BasketSettings {
            min_support: "abc".into(),
            ..BasketSettings::default()
        };
        assert!(baskets_report(&facts(), bad, &mut Silent)
            .unwrap_err()
            .to_string()
            .contains("min support"));
        let strict = BasketSettings {
            min_support: "0.2".into(),
            min_confidence: "0.5".into(),
            min_lift: 2.0,
            max_len: 3,
        };
        assert!(baskets_report(&facts(), strict, &mut Silent)
            .unwrap()
            .rules
            .is_empty());
    }
}
