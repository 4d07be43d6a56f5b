//! `hearth itemsets` and `hearth rules`: FP-growth over baskets, one per line (items separated by
//! commas), or a long CSV of (order, item) rows with `--long`.

use crate::input::{read_headerless, Table};
use crate::report::{json_number, number, Report};
use crate::CliError;
use clap::Args;
use hearth_analytics::itemsets::{
    association_rules, frequent_itemsets, Baskets, Consequents, Fraction,
};
use hearth_analytics::Silent;
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where baskets come from.
#[derive(Args, Debug)]
pub struct BasketInput {
    /// Baskets: one per line, items separated by commas (no header); or a long CSV with --long.
    input: PathBuf,
    /// Read a long CSV with a header instead: the order and item columns, e.g. `order_id,item`.
    #[arg(long, value_name = "ORDER_COLUMN,ITEM_COLUMN")]
    long: Option<String>,
    /// Minimum support as a fraction of baskets, e.g. 0.002 (an itemset needs ceil(S * n) baskets).
    #[arg(long)]
    min_support: String,
    /// Longest itemset to look for.
    #[arg(long)]
    max_len: Option<usize>,
}

/// Arguments of `hearth itemsets`.
#[derive(Args, Debug)]
pub struct ItemsetArgs {
    #[command(flatten)]
    baskets: BasketInput,
}

/// Arguments of `hearth rules`.
#[derive(Args, Debug)]
pub struct RuleArgs {
    #[command(flatten)]
    baskets: BasketInput,
    /// Minimum confidence, e.g. 0.3.
    #[arg(long)]
    min_confidence: String,
    /// Allow consequents of several items (default: one item, as arules does).
    #[arg(long)]
    multi_consequent: bool,
}

fn read_lines(path: &Path) -> Result<Baskets, CliError> {
    let records = read_headerless(path)?;
    Ok(Baskets::from_names(
        records
            .iter()
            .map(|record| record.iter().collect::<Vec<_>>()),
    ))
}

fn read_long(path: &Path, columns: &str) -> Result<Baskets, CliError> {
    let (order_column, item_column) = columns.split_once(',').ok_or_else(|| {
        CliError::Usage(format!(
            "--long needs ORDER_COLUMN,ITEM_COLUMN, got {columns:?}"
        ))
    })?;
    let table = Table::read(path)?;
    let (order, item) = (
        table.column(order_column.trim())?,
        table.column(item_column.trim())?,
    );
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut baskets: Vec<Vec<String>> = Vec::new();
    for i in 0..table.len() {
        let key = table.value(i, order).non_empty()?.to_string();
        let slot = *index.entry(key).or_insert_with(|| {
            baskets.push(Vec::new());
            baskets.len() - 1
        });
        baskets[slot].push(table.value(i, item).text.to_string());
    }
    Ok(Baskets::from_names(baskets))
}

fn mine(
    input: &BasketInput,
) -> Result<(Baskets, Vec<hearth_analytics::itemsets::Itemset>), CliError> {
    let baskets = match &input.long {
        Some(columns) => read_long(&input.input, columns)?,
        None => read_lines(&input.input)?,
    };
    let support = Fraction::parse(&input.min_support, "--min-support")?;
    let itemsets = frequent_itemsets(
        &baskets,
        support.min_count(baskets.baskets.len()),
        input.max_len,
        &mut Silent,
    )?;
    Ok((baskets, itemsets))
}

fn names(baskets: &Baskets, ids: &[u32]) -> Vec<String> {
    let mut named: Vec<String> = ids
        .iter()
        .map(|&id| baskets.items[id as usize].clone())
        .collect();
    named.sort();
    named
}

/// Runs `hearth itemsets`: one row per frequent itemset, items joined by `|`.
pub fn itemsets(args: &ItemsetArgs) -> Result<Report, CliError> {
    let (baskets, itemsets) = mine(&args.baskets)?;
    let total = baskets.baskets.len() as f64;
    let mut named: Vec<(Vec<String>, u64)> = itemsets
        .iter()
        .map(|set| (names(&baskets, &set.items), set.count))
        .collect();
    named.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
    Ok(Report {
        header: vec!["items", "size", "count", "support"],
        rows: named
            .iter()
            .map(|(items, count)| {
                vec![
                    items.join("|"),
                    items.len().to_string(),
                    count.to_string(),
                    number(*count as f64 / total),
                ]
            })
            .collect(),
        json: json!({
            "baskets": baskets.baskets.len(),
            "itemsets": named.iter().map(|(items, count)| json!({
                "items": items, "count": count, "support": *count as f64 / total,
            })).collect::<Vec<_>>(),
        }),
    })
}

/// Runs `hearth rules`: one row per rule with every metric; conviction is `inf` (JSON `null`) at
/// confidence 1.
pub fn rules(args: &RuleArgs) -> Result<Report, CliError> {
    let (baskets, itemsets) = mine(&args.baskets)?;
    let confidence = Fraction::parse(&args.min_confidence, "--min-confidence")?;
    let consequents = if args.multi_consequent {
        Consequents::Multiple
    } else {
        Consequents::Single
    };
    let rules = association_rules(&itemsets, baskets.baskets.len(), confidence, consequents)?;
    let mut named: Vec<_> = rules
        .iter()
        .map(|rule| {
            (
                names(&baskets, &rule.antecedent),
                names(&baskets, &rule.consequent),
                rule,
            )
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    Ok(Report {
        header: vec![
            "antecedent",
            "consequent",
            "count",
            "support",
            "confidence",
            "lift",
            "leverage",
            "conviction",
        ],
        rows: named
            .iter()
            .map(|(x, y, r)| {
                vec![
                    x.join("|"),
                    y.join("|"),
                    r.count.to_string(),
                    number(r.support),
                    number(r.confidence),
                    number(r.lift),
                    number(r.leverage),
                    number(r.conviction),
                ]
            })
            .collect(),
        json: json!({
            "baskets": baskets.baskets.len(),
            "rules": named.iter().map(|(x, y, r)| json!({
                "antecedent": x, "consequent": y, "count": r.count, "support": r.support,
                "confidence": r.confidence, "lift": r.lift, "leverage": r.leverage,
                "conviction": json_number(r.conviction),
            })).collect::<Vec<_>>(),
        }),
    })
}
