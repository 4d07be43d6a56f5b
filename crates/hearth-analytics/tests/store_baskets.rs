//! FP-growth and rules on the 7,501 real market baskets of `store_baskets.csv`, checked against
//! numbers derived independently with plain Python sets: each basket as a set of trimmed names,
//! itemsets counted level by level over all combinations of frequent items (Apriori-style), and
//! rules enumerated from those counts. The script:
//!
//! ```python
//! baskets = [{i.strip() for i in l.rstrip("\n").split(",") if i.strip()} for l in open(path)]
//! # for k = 1, 2, ...: count every k-combination of frequent items per basket whose
//! # (k-1)-subsets are all frequent; keep those with count >= ceil(s * len(baskets))
//! ```

use hearth_analytics::itemsets::{
    association_rules, frequent_itemsets, Baskets, Consequents, Fraction,
};
use hearth_analytics::Silent;

fn store_baskets() -> Baskets {
    Baskets::from_names(
        include_str!("data/store_baskets.csv")
            .lines()
            .map(|line| line.split(',')),
    )
}

fn level_sizes(itemsets: &[hearth_analytics::itemsets::Itemset]) -> Vec<usize> {
    let longest = itemsets.iter().map(|s| s.items.len()).max().unwrap_or(0);
    (1..=longest)
        .map(|k| itemsets.iter().filter(|s| s.items.len() == k).count())
        .collect()
}

#[test]
fn two_percent_support_finds_53_items_and_50_pairs() {
    let baskets = store_baskets();
    assert_eq!(baskets.baskets.len(), 7_501);
    assert_eq!(baskets.items.len(), 119);
    let min_count = Fraction::parse("0.02", "support").unwrap().min_count(7_501);
    assert_eq!(min_count, 151);
    let sets = frequent_itemsets(&baskets, min_count, None, &mut Silent).unwrap();
    assert_eq!(level_sizes(&sets), [53, 50]);
    let id = |name: &str| baskets.items.iter().position(|item| item == name).unwrap() as u32;
    let mut pair = vec![id("mineral water"), id("spaghetti")];
    pair.sort();
    let count = sets.iter().find(|s| s.items == pair).unwrap().count;
    assert_eq!(count, 448);
    let water = sets
        .iter()
        .find(|s| s.items == [id("mineral water")])
        .unwrap()
        .count;
    assert_eq!(water, 1_788);
}

#[test]
fn half_percent_support_rules_match_the_independent_count() {
    let baskets = store_baskets();
    let min_count = Fraction::parse("0.005", "support")
        .unwrap()
        .min_count(7_501);
    assert_eq!(min_count, 38);
    let sets = frequent_itemsets(&baskets, min_count, None, &mut Silent).unwrap();
    assert_eq!(level_sizes(&sets), [101, 451, 173]);
    let rules = association_rules(
        &sets,
        7_501,
        Fraction::parse("0.3", "confidence").unwrap(),
        Consequents::Single,
    )
    .unwrap();
    assert_eq!(rules.len(), 261);
    let strongest = rules
        .iter()
        .max_by(|a, b| a.lift.total_cmp(&b.lift))
        .unwrap();
    let name = |ids: &[u32]| {
        ids.iter()
            .map(|&i| baskets.items[i as usize].as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (name(&strongest.antecedent), name(&strongest.consequent)),
        (vec!["pasta"], vec!["escalope"])
    );
    assert_eq!(strongest.count, 44);
    assert!((strongest.confidence - 0.3728813559322034).abs() < 1e-15);
    assert!((strongest.lift - 4.700811850163794).abs() < 1e-12);
}
