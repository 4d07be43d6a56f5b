//! The lifetime-value models on the CDNOW data reproduce the published numbers: BG/NBD (Fader, Hardie
//! & Lee 2005) from the calibration summary and from the raw transactions, and Gamma-Gamma (Fader &
//! Hardie 2013).

use chrono::NaiveDate;
use hearth_analytics::bgnbd::{self, RepeatSummary};
use hearth_analytics::clv::TimeUnit;
use hearth_analytics::gamma_gamma::{self, SpendSummary};
use hearth_analytics::summary::{summarize, Transaction};
use hearth_analytics::Silent;

/// One row of `cdnow_summary.csv`: the BG/NBD summary plus mean repeat spend.
struct CdnowCustomer {
    id: u32,
    summary: RepeatSummary,
    zbar: f64,
}

/// The 2,357 CDNOW customers' 39-week calibration summaries (weeks).
fn cdnow_summary() -> Vec<CdnowCustomer> {
    include_str!("data/cdnow_summary.csv")
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<f64> = line.split(',').map(|f| f.parse().unwrap()).collect();
            CdnowCustomer {
                id: fields[0] as u32,
                summary: RepeatSummary {
                    x: fields[1],
                    t_x: fields[2],
                    big_t: fields[3],
                },
                zbar: fields[4],
            }
        })
        .collect()
}

/// Asserts `actual` rounds to `published` at the published number of decimals.
fn assert_published(name: &str, actual: f64, published: f64, decimals: i32) {
    let half_unit = 0.5 * 10f64.powi(-decimals);
    assert!(
        (actual - published).abs() <= half_unit + 1e-12,
        "{name}: {actual} does not round to the published {published}"
    );
}

#[test]
fn fit_reproduces_the_published_parameters_and_log_likelihood() {
    let summaries: Vec<RepeatSummary> = cdnow_summary().iter().map(|c| c.summary).collect();
    assert_eq!(summaries.len(), 2_357);
    let fitted = bgnbd::fit(&summaries, &mut Silent).unwrap();
    let p = fitted.params;
    assert_published("r", p.r, 0.243, 3);
    assert_published("alpha", p.alpha, 4.414, 3);
    assert_published("a", p.a, 0.793, 3);
    assert_published("b", p.b, 2.426, 3);
    assert_published("log-likelihood", fitted.log_likelihood, -9582.4, 1);
}

#[test]
fn customer_one_expects_1_226_purchases_in_the_next_39_weeks() {
    let customers = cdnow_summary();
    let one = customers.iter().find(|c| c.id == 1).unwrap();
    assert_eq!(
        one.summary,
        RepeatSummary {
            x: 2.0,
            t_x: 30.43,
            big_t: 38.86
        }
    );
    let summaries: Vec<RepeatSummary> = customers.iter().map(|c| c.summary).collect();
    let params = bgnbd::fit(&summaries, &mut Silent).unwrap().params;
    let expected = params
        .conditional_expected_purchases(&one.summary, 39.0)
        .unwrap();
    assert_published("E[Y(39) | customer 1]", expected, 1.226, 3);
}

fn spenders_from_raw_transactions() -> Vec<SpendSummary> {
    let end = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    summarize(&cdnow_transactions(), end, TimeUnit::Week)
        .iter()
        .filter(|c| c.repeat.x > 0.0)
        .map(|c| SpendSummary {
            x: c.repeat.x,
            mean_spend: c.mean_repeat_spend,
        })
        .collect()
}

#[test]
fn fit_on_raw_spend_reproduces_the_published_parameters() {
    let spenders = spenders_from_raw_transactions();
    assert_eq!(spenders.len(), 946);
    let mean = spenders.iter().map(|s| s.mean_spend).sum::<f64>() / spenders.len() as f64;
    assert_published("mean observed spend", mean, 35.08, 2);
    let p = gamma_gamma::fit(&spenders, &mut Silent).unwrap().params;
    assert_published("p", p.p, 6.25, 2);
    assert_published("q", p.q, 3.74, 2);
    assert_published("gamma", p.gamma, 15.44, 2);
}

#[test]
fn fit_on_the_cent_rounded_summary_moves_gamma_to_15_45() {
    // The summary file rounds each mean spend to cents; that alone moves gamma from 15.444 to
    // 15.448, the 15.45 that the lifetimes package documents for this file.
    let spenders: Vec<SpendSummary> = cdnow_summary()
        .iter()
        .filter(|c| c.summary.x > 0.0)
        .map(|c| SpendSummary {
            x: c.summary.x,
            mean_spend: c.zbar,
        })
        .collect();
    let p = gamma_gamma::fit(&spenders, &mut Silent).unwrap().params;
    assert_published("p", p.p, 6.25, 2);
    assert_published("q", p.q, 3.74, 2);
    assert_published("gamma", p.gamma, 15.45, 2);
}

/// The raw CDNOW sample: customer id, date and amount of each purchase.
fn cdnow_transactions() -> Vec<Transaction> {
    include_str!("data/cdnow_sample.txt")
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            Transaction {
                customer_id: fields[1].parse().unwrap(),
                date: NaiveDate::parse_from_str(fields[2], "%Y%m%d").unwrap(),
                amount: fields[4].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn raw_transactions_summarise_to_the_published_summary_and_fit() {
    let end = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    let ours = summarize(&cdnow_transactions(), end, TimeUnit::Week);
    let published = cdnow_summary();
    assert_eq!(ours.len(), published.len());
    for (mine, theirs) in ours.iter().zip(&published) {
        assert_eq!(mine.customer_id, u64::from(theirs.id));
        assert_eq!(mine.repeat.x, theirs.summary.x, "customer {}", theirs.id);
        // The published file rounds to two decimals.
        assert!(
            (mine.repeat.t_x - theirs.summary.t_x).abs() <= 0.005,
            "customer {}",
            theirs.id
        );
        assert!(
            (mine.repeat.big_t - theirs.summary.big_t).abs() <= 0.005,
            "customer {}",
            theirs.id
        );
        assert!(
            (mine.mean_repeat_spend - theirs.zbar).abs() <= 0.005 + 1e-9,
            "customer {}",
            theirs.id
        );
    }
    let repeat: Vec<RepeatSummary> = ours.iter().map(|c| c.repeat).collect();
    let fitted = bgnbd::fit(&repeat, &mut Silent).unwrap();
    assert_published("r", fitted.params.r, 0.243, 3);
    assert_published("alpha", fitted.params.alpha, 4.414, 3);
    assert_published("a", fitted.params.a, 0.793, 3);
    assert_published("b", fitted.params.b, 2.426, 3);
    assert_published("log-likelihood", fitted.log_likelihood, -9582.4, 1);
}
