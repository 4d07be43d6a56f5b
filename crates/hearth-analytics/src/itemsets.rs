//! Frequent itemsets by FP-growth, and association rules from them.
//!
//! Thresholds are exact: a support or confidence typed as a decimal is kept as a fraction, so
//! "0.002 of 100,000 baskets" is exactly 200, and every rule metric comes from integer counts.

use crate::error::{AnalyticsError, AnalyticsResult};
use crate::parallel;
use crate::progress::Progress;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Baskets with their items dictionary-encoded: item `i` is `items[i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baskets {
    /// Item names; the index is the item id.
    pub items: Vec<String>,
    /// Each basket's distinct item ids, ascending.
    pub baskets: Vec<Vec<u32>>,
}

impl Baskets {
    /// Encodes baskets of item names: names are trimmed, empty names dropped, and an item repeated
    /// within a basket counts once. An empty basket still counts towards the total.
    pub fn from_names<B, S>(baskets: B) -> Baskets
    where
        B: IntoIterator,
        B::Item: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut encoded = Baskets::default();
        for basket in baskets {
            let mut items: Vec<u32> = basket
                .into_iter()
                .filter_map(|name| {
                    let name = name.as_ref().trim();
                    if name.is_empty() {
                        return None;
                    }
                    let next_id = encoded.items.len() as u32;
                    Some(*ids.entry(name.to_string()).or_insert_with(|| {
                        encoded.items.push(name.to_string());
                        next_id
                    }))
                })
                .collect();
            items.sort_unstable();
            items.dedup();
            encoded.baskets.push(items);
        }
        encoded
    }
}

/// A fraction typed as a decimal, kept exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    /// Numerator.
    pub numerator: u64,
    /// Denominator (a power of ten when parsed).
    pub denominator: u64,
}

impl Fraction {
    /// Parses a decimal in [0, 1] such as `0.002`, `.5` or `1`.
    pub fn parse(text: &str, name: &'static str) -> AnalyticsResult<Fraction> {
        let invalid = || AnalyticsError::InvalidParameter {
            name,
            reason: format!("must be a decimal between 0 and 1, got {text:?}"),
        };
        let text = text.trim();
        let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
        if (whole.is_empty() && decimals.is_empty())
            || decimals.len() > 18
            || !whole
                .chars()
                .chain(decimals.chars())
                .all(|c| c.is_ascii_digit())
        {
            return Err(invalid());
        }
        let denominator = 10u64.pow(decimals.len() as u32);
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| invalid())?
        };
        let fractional: u64 = if decimals.is_empty() {
            0
        } else {
            decimals.parse().map_err(|_| invalid())?
        };
        let numerator = whole
            .checked_mul(denominator)
            .and_then(|w| w.checked_add(fractional))
            .ok_or_else(invalid)?;
        if numerator > denominator {
            return Err(invalid());
        }
        Ok(Fraction {
            numerator,
            denominator,
        })
    }

    /// The smallest count c with c / total ≥ this fraction, i.e. ⌈fraction · total⌉.
    pub fn min_count(self, total: usize) -> u64 {
        let product = u128::from(self.numerator) * total as u128;
        product.div_ceil(u128::from(self.denominator)) as u64
    }

    /// Whether part / whole ≥ this fraction, exactly.
    pub fn at_most(self, part: u64, whole: u64) -> bool {
        u128::from(part) * u128::from(self.denominator)
            >= u128::from(self.numerator) * u128::from(whole)
    }

    /// The fraction as a float, for display.
    pub fn as_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }
}

/// A frequent itemset and the number of baskets containing it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Itemset {
    /// Item ids, ascending.
    pub items: Vec<u32>,
    /// Baskets containing every item.
    pub count: u64,
}

/// One node of an FP-tree; the fields a walk reads together share a cache line.
#[derive(Clone, Copy)]
struct Node {
    count: u64,
    rank: u32,
    parent: u32,
    next_same: u32,
    first_child: u32,
    next_sibling: u32,
}

/// An FP-tree over items ranked by frequency (rank 0 = most frequent). Children are kept in sibling
/// lists, except the root's, which are indexed by rank since the root has the most; nodes of one
/// rank are chained through `next_same` from `head`, and `support` holds each rank's total count.
struct FpTree {
    nodes: Vec<Node>,
    head: Vec<u32>,
    root_child: Vec<u32>,
    support: Vec<u64>,
}

const ROOT: u32 = 0;
const NONE: u32 = u32::MAX;

impl FpTree {
    fn new(support: Vec<u64>) -> FpTree {
        let ranks = support.len();
        FpTree {
            nodes: vec![Node {
                count: 0,
                rank: NONE,
                parent: ROOT,
                next_same: NONE,
                first_child: NONE,
                next_sibling: NONE,
            }],
            head: vec![NONE; ranks],
            root_child: vec![NONE; ranks],
            support,
        }
    }

    /// Adds a new node of `rank` under `parent`.
    fn push_node(&mut self, parent: u32, rank: u32, count: u64) -> u32 {
        let node = self.nodes.len() as u32;
        self.nodes.push(Node {
            count,
            rank,
            parent,
            next_same: self.head[rank as usize],
            first_child: NONE,
            next_sibling: self.nodes[parent as usize].first_child,
        });
        self.nodes[parent as usize].first_child = node;
        self.head[rank as usize] = node;
        if parent == ROOT {
            self.root_child[rank as usize] = node;
        }
        node
    }

    /// Adds a path of ascending ranks with `count`.
    fn insert(&mut self, path: impl Iterator<Item = u32>, count: u64) {
        let mut at = ROOT;
        for rank in path {
            let existing = if at == ROOT {
                self.root_child[rank as usize]
            } else {
                let mut child = self.nodes[at as usize].first_child;
                while child != NONE && self.nodes[child as usize].rank != rank {
                    child = self.nodes[child as usize].next_sibling;
                }
                child
            };
            at = if existing != NONE {
                self.nodes[existing as usize].count += count;
                existing
            } else {
                self.push_node(at, rank, count)
            };
        }
    }

    /// Builds a tree from paths of ascending ranks: sorted, consecutive paths share their common
    /// prefix, so no child has to be looked up.
    fn from_sorted_paths(mut paths: Vec<Vec<u32>>, support: Vec<u64>) -> FpTree {
        paths.sort_unstable();
        let mut tree = FpTree::new(support);
        let mut stack: Vec<u32> = Vec::new();
        let mut previous: &[u32] = &[];
        for path in &paths {
            let shared = previous
                .iter()
                .zip(path)
                .take_while(|(a, b)| a == b)
                .count();
            stack.truncate(shared);
            for &node in &stack {
                tree.nodes[node as usize].count += 1;
            }
            for &rank in &path[shared..] {
                let parent = stack.last().copied().unwrap_or(ROOT);
                stack.push(tree.push_node(parent, rank, 1));
            }
            previous = path;
        }
        tree
    }

    /// The nodes holding `rank`.
    fn nodes_of(&self, rank: usize) -> impl Iterator<Item = &Node> + '_ {
        let mut next = self.head[rank];
        std::iter::from_fn(move || {
            (next != NONE).then(|| {
                let node = &self.nodes[next as usize];
                next = node.next_same;
                node
            })
        })
    }

    /// Appends the ranks above `node` (nearest first) to `path`.
    fn prefix(&self, node: &Node, path: &mut Vec<u32>) {
        let mut at = node.parent;
        while at != ROOT {
            let ancestor = &self.nodes[at as usize];
            path.push(ancestor.rank);
            at = ancestor.parent;
        }
    }
}

struct Miner {
    min_count: u64,
    max_len: usize,
    /// Item id of each rank.
    item_of_rank: Vec<u32>,
}

impl Miner {
    /// Every frequent itemset of `tree` with `suffix`, into `found`.
    fn mine(&self, tree: &FpTree, suffix: &mut Vec<u32>, found: &mut Vec<Itemset>) {
        for rank in (0..tree.head.len()).rev() {
            self.mine_rank(tree, rank, suffix, found);
        }
    }

    /// The frequent itemsets of `tree` whose least frequent item is `rank`, with `suffix`.
    fn mine_rank(
        &self,
        tree: &FpTree,
        rank: usize,
        suffix: &mut Vec<u32>,
        found: &mut Vec<Itemset>,
    ) {
        let support = tree.support[rank];
        if support < self.min_count {
            return;
        }
        suffix.push(rank as u32);
        let mut items: Vec<u32> = suffix
            .iter()
            .map(|&r| self.item_of_rank[r as usize])
            .collect();
        items.sort_unstable();
        found.push(Itemset {
            items,
            count: support,
        });
        if suffix.len() < self.max_len && rank > 0 {
            // One walk collects the prefix paths and counts their items; the conditional tree is
            // built from the collected paths, keeping only the items frequent among them.
            let mut counts = vec![0u64; rank];
            let mut paths = PrefixPaths::default();
            for node in tree.nodes_of(rank) {
                let start = paths.ranks.len();
                tree.prefix(node, &mut paths.ranks);
                for &r in &paths.ranks[start..] {
                    counts[r as usize] += node.count;
                }
                paths.ends.push((paths.ranks.len(), node.count));
            }
            if counts.iter().any(|&c| c >= self.min_count) {
                let frequent_in_prefix: Vec<bool> =
                    counts.iter().map(|&c| c >= self.min_count).collect();
                let mut conditional = FpTree::new(counts);
                let mut start = 0;
                for &(end, count) in &paths.ends {
                    let kept = paths.ranks[start..end]
                        .iter()
                        .rev()
                        .copied()
                        .filter(|&r| frequent_in_prefix[r as usize]);
                    conditional.insert(kept, count);
                    start = end;
                }
                self.mine(&conditional, suffix, found);
            }
        }
        suffix.pop();
    }
}

/// Prefix paths of one conditional pattern base, flattened: each path's ranks (nearest first) end at
/// the recorded offset and carry the recorded count.
#[derive(Default)]
struct PrefixPaths {
    ranks: Vec<u32>,
    ends: Vec<(usize, u64)>,
}

/// Top-level items mined between two progress reports.
const MINING_BATCH: usize = 32;

/// Every itemset in at least `min_count` baskets (and at least one), up to `max_len` items.
/// Itemsets come out sorted by length, then items.
pub fn frequent_itemsets(
    baskets: &Baskets,
    min_count: u64,
    max_len: Option<usize>,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Vec<Itemset>> {
    let min_count = min_count.max(1);
    let max_len = max_len.unwrap_or(usize::MAX);
    if max_len == 0 {
        return Ok(Vec::new());
    }
    let mut item_counts = vec![0u64; baskets.items.len()];
    for basket in &baskets.baskets {
        for &item in basket {
            item_counts[item as usize] += 1;
        }
    }
    let mut frequent: Vec<u32> = (0..item_counts.len() as u32)
        .filter(|&item| item_counts[item as usize] >= min_count)
        .collect();
    frequent.sort_by_key(|&item| (std::cmp::Reverse(item_counts[item as usize]), item));
    let mut rank_of_item = vec![u32::MAX; item_counts.len()];
    for (rank, &item) in frequent.iter().enumerate() {
        rank_of_item[item as usize] = rank as u32;
    }
    let total = baskets.baskets.len();
    let mut paths = Vec::with_capacity(total);
    for (done, basket) in baskets.baskets.iter().enumerate() {
        if done % 10_000 == 0 {
            if let ControlFlow::Break(()) = progress.report("build FP-tree", done, total) {
                return Err(AnalyticsError::Cancelled);
            }
        }
        let mut path: Vec<u32> = basket
            .iter()
            .map(|&item| rank_of_item[item as usize])
            .filter(|&rank| rank != u32::MAX)
            .collect();
        if !path.is_empty() {
            path.sort_unstable();
            paths.push(path);
        }
    }
    let support = frequent
        .iter()
        .map(|&item| item_counts[item as usize])
        .collect();
    let tree = FpTree::from_sorted_paths(paths, support);
    let miner = Miner {
        min_count,
        max_len,
        item_of_rank: frequent,
    };
    // Each top-level item's conditional tree is mined on its own (in parallel natively), in
    // batches so progress and cancellation are heard between them.
    let ranks = tree.head.len();
    let mut found = Vec::new();
    for batch in (0..ranks).step_by(MINING_BATCH) {
        if let ControlFlow::Break(()) = progress.report("mine itemsets", batch, ranks) {
            return Err(AnalyticsError::Cancelled);
        }
        let batch_len = MINING_BATCH.min(ranks - batch);
        for part in parallel::map_ranges(batch_len, 1, |offset| {
            let mut part = Vec::new();
            miner.mine_rank(&tree, batch + offset.start, &mut Vec::new(), &mut part);
            part
        }) {
            found.extend(part);
        }
    }
    let _ = progress.report("mine itemsets", ranks, ranks);
    found.sort_unstable_by(|a, b| {
        a.items
            .len()
            .cmp(&b.items.len())
            .then_with(|| a.items.cmp(&b.items))
    });
    Ok(found)
}

/// An association rule X → Y with its metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// X, item ids ascending.
    pub antecedent: Vec<u32>,
    /// Y, item ids ascending.
    pub consequent: Vec<u32>,
    /// Baskets with X and Y.
    pub count: u64,
    /// count(X ∪ Y) / n.
    pub support: f64,
    /// count(X ∪ Y) / count(X).
    pub confidence: f64,
    /// confidence / support(Y).
    pub lift: f64,
    /// support(X ∪ Y) − support(X)·support(Y).
    pub leverage: f64,
    /// (1 − support(Y)) / (1 − confidence); infinite when confidence is 1.
    pub conviction: f64,
}

/// Which consequents rules may have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Consequents {
    /// One item (the arules convention).
    #[default]
    Single,
    /// Any non-empty proper subset of the itemset.
    Multiple,
}

/// Rules from `itemsets` (all frequent itemsets of `total` baskets, as [`frequent_itemsets`] returns
/// them) whose confidence is at least `min_confidence`. Rules come out sorted by antecedent, then
/// consequent.
pub fn association_rules(
    itemsets: &[Itemset],
    total: usize,
    min_confidence: Fraction,
    consequents: Consequents,
) -> AnalyticsResult<Vec<Rule>> {
    let counts: HashMap<&[u32], u64> = itemsets
        .iter()
        .map(|set| (set.items.as_slice(), set.count))
        .collect();
    let lookup = |items: &[u32]| {
        counts.get(items).copied().ok_or_else(|| AnalyticsError::InvalidParameter {
            name: "itemsets",
            reason: format!("subset {items:?} of a frequent itemset is missing: pass every frequent itemset"),
        })
    };
    let n = total as f64;
    let mut rules = Vec::new();
    for set in itemsets.iter().filter(|set| set.items.len() >= 2) {
        let k = set.items.len();
        let masks: Box<dyn Iterator<Item = u64>> = match consequents {
            Consequents::Single => Box::new((0..k).map(|i| 1u64 << i)),
            Consequents::Multiple => Box::new(1..(1u64 << k) - 1),
        };
        for mask in masks {
            let (mut antecedent, mut consequent) = (Vec::new(), Vec::new());
            for (i, &item) in set.items.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    consequent.push(item);
                } else {
                    antecedent.push(item);
                }
            }
            let count_x = lookup(&antecedent)?;
            if !min_confidence.at_most(set.count, count_x) {
                continue;
            }
            let count_y = lookup(&consequent)?;
            let (xy, x, y) = (set.count as f64, count_x as f64, count_y as f64);
            let conviction = if set.count == count_x {
                f64::INFINITY
            } else {
                // (1 − y/n) / (1 − xy/x) = (n − y)·x / (n·(x − xy)), from integer counts.
                ((total as u64 - count_y) as f64 * x) / (n * (count_x - set.count) as f64)
            };
            rules.push(Rule {
                antecedent,
                consequent,
                count: set.count,
                support: xy / n,
                confidence: xy / x,
                lift: xy * n / (x * y),
                leverage: xy / n - (x / n) * (y / n),
                conviction,
            });
        }
    }
    rules.sort_by(|a, b| {
        a.antecedent
            .cmp(&b.antecedent)
            .then_with(|| a.consequent.cmp(&b.consequent))
    });
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;
    use proptest::prelude::*;

    fn names(baskets: &Baskets, items: &[u32]) -> Vec<String> {
        let mut named: Vec<String> = items
            .iter()
            .map(|&i| baskets.items[i as usize].clone())
            .collect();
        named.sort();
        named
    }

    #[test]
    fn names_are_trimmed_and_repeats_in_a_basket_count_once() {
        let baskets =
            Baskets::from_names([vec![" milk", "bread ", "milk"], vec!["bread", ""], vec![]]);
        assert_eq!(baskets.items, ["milk", "bread"]);
        assert_eq!(baskets.baskets, [vec![0, 1], vec![1], vec![]]);
    }

    #[test]
    fn fractions_parse_exactly_and_round_counts_up() {
        let support = Fraction::parse("0.002", "support").unwrap();
        assert_eq!(support.min_count(100_000), 200);
        assert_eq!(support.min_count(100_001), 201);
        assert_eq!(Fraction::parse(".5", "s").unwrap().min_count(3), 2);
        assert_eq!(Fraction::parse("1", "s").unwrap().min_count(7), 7);
        for bad in ["", ".", "1.5", "-0.1", "abc", "0.1.2"] {
            assert!(Fraction::parse(bad, "s").is_err(), "{bad}");
        }
        let confidence = Fraction::parse("0.6", "c").unwrap();
        assert!(confidence.at_most(3, 5));
        assert!(!confidence.at_most(59, 100));
    }

    #[test]
    fn an_item_in_every_basket_is_still_a_frequent_itemset() {
        let baskets = Baskets::from_names([vec!["a", "b"], vec!["a"], vec!["a", "c"]]);
        let sets = frequent_itemsets(&baskets, 3, None, &mut Silent).unwrap();
        assert_eq!(
            sets,
            [Itemset {
                items: vec![0],
                count: 3
            }]
        );
    }

    #[test]
    fn rules_carry_exact_metrics_and_infinite_conviction_at_full_confidence() {
        // beer always comes with chips; chips without beer twice.
        let baskets = Baskets::from_names([
            vec!["beer", "chips"],
            vec!["beer", "chips"],
            vec!["chips"],
            vec!["chips", "salsa"],
            vec!["salsa"],
        ]);
        let sets = frequent_itemsets(&baskets, 2, None, &mut Silent).unwrap();
        let rules = association_rules(
            &sets,
            5,
            Fraction::parse("0.5", "c").unwrap(),
            Consequents::Single,
        )
        .unwrap();
        let beer_chips = rules
            .iter()
            .find(|r| names(&baskets, &r.antecedent) == ["beer"])
            .unwrap();
        assert_eq!(names(&baskets, &beer_chips.consequent), ["chips"]);
        assert_eq!(beer_chips.support, 0.4);
        assert_eq!(beer_chips.confidence, 1.0);
        assert_eq!(beer_chips.lift, 1.25);
        assert!((beer_chips.leverage - (0.4 - 0.4 * 0.8)).abs() < 1e-15);
        assert_eq!(beer_chips.conviction, f64::INFINITY);
        let chips_beer = rules
            .iter()
            .find(|r| names(&baskets, &r.antecedent) == ["chips"])
            .unwrap();
        assert_eq!(chips_beer.confidence, 0.5);
        // (1 − 0.4) / (1 − 0.5)
        assert!((chips_beer.conviction - 1.2).abs() < 1e-15);
    }

    #[test]
    fn max_len_stops_growth_and_multi_consequents_add_rules() {
        let baskets = Baskets::from_names(vec![vec!["a", "b", "c"]; 4]);
        let pairs = frequent_itemsets(&baskets, 1, Some(2), &mut Silent).unwrap();
        assert!(pairs.iter().all(|s| s.items.len() <= 2));
        assert_eq!(pairs.len(), 6);
        let all = frequent_itemsets(&baskets, 1, None, &mut Silent).unwrap();
        let full = Fraction::parse("1", "c").unwrap();
        let single = association_rules(&all, 4, full, Consequents::Single).unwrap();
        let multiple = association_rules(&all, 4, full, Consequents::Multiple).unwrap();
        // Pairs give 2 rules each (6), the triple 3 single-consequent or 6 any-consequent rules.
        assert_eq!((single.len(), multiple.len()), (9, 12));
    }

    fn brute_force(baskets: &Baskets, min_count: u64) -> Vec<Itemset> {
        let items = baskets.items.len();
        let mut found = Vec::new();
        for mask in 1u32..(1 << items) {
            let set: Vec<u32> = (0..items as u32).filter(|i| mask & (1 << i) != 0).collect();
            let count = baskets
                .baskets
                .iter()
                .filter(|basket| set.iter().all(|item| basket.contains(item)))
                .count() as u64;
            if count >= min_count.max(1) {
                found.push(Itemset { items: set, count });
            }
        }
        found.sort_by(|a, b| {
            a.items
                .len()
                .cmp(&b.items.len())
                .then_with(|| a.items.cmp(&b.items))
        });
        found
    }

    proptest! {
        #[test]
        fn fp_growth_equals_brute_force(
            raw in proptest::collection::vec(proptest::collection::vec(0u8..9, 0..7), 0..40),
            min_count in 0u64..6,
        ) {
            let baskets = Baskets::from_names(raw.iter().map(|b| b.iter().map(|i| format!("item{i}")).collect::<Vec<_>>()));
            let fast = frequent_itemsets(&baskets, min_count, None, &mut Silent).unwrap();
            prop_assert_eq!(fast, brute_force(&baskets, min_count));
        }
    }
}
