//! The segments page's numbers: k-means over per-customer features, an elbow sweep with
//! silhouettes, cluster profiles in original units with a suggested name, and a 2-D principal
//! component projection for the scatter chart.

use super::stage;
use crate::error::{AnalyticsError, AnalyticsResult};
use crate::facts::OrderFacts;
use crate::kmeans::{kmeans, knee, silhouette_sampled, Clustering, KMeansConfig, Matrix};
use crate::progress::Progress;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A per-customer feature to cluster on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// Days since the last order.
    Recency,
    /// Number of orders.
    Frequency,
    /// Total spent, in currency units.
    Monetary,
    /// Days since the first order.
    Tenure,
    /// Total spent divided by orders.
    AverageOrderValue,
    /// A numeric custom field of people, by key.
    Custom(String),
}

/// The features every profile reports, in this order, whichever were clustered on.
pub const BASE_FEATURES: [Feature; 5] = [
    Feature::Recency,
    Feature::Frequency,
    Feature::Monetary,
    Feature::Tenure,
    Feature::AverageOrderValue,
];

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSettings {
    /// Features clustered on, at least one.
    pub features: Vec<Feature>,
    /// Apply ln(1 + v) first (spend and counts are skewed).
    pub log1p: bool,
    /// Scale every feature to mean 0 and standard deviation 1 (ddof = 0).
    pub standardize: bool,
    /// Number of clusters; `None` takes the elbow's knee.
    pub k: Option<usize>,
    /// Seed of k-means++ and the silhouette sample.
    pub seed: u64,
}

impl Default for SegmentSettings {
    fn default() -> SegmentSettings {
        SegmentSettings {
            features: vec![Feature::Recency, Feature::Frequency, Feature::Monetary],
            log1p: true,
            standardize: true,
            k: None,
            seed: 0,
        }
    }
}

/// Values of a custom field by person id (people without a value get the field's mean).
pub type CustomColumn = HashMap<u32, f64>;

/// The smallest and largest k of the elbow sweep.
pub const K_RANGE: std::ops::RangeInclusive<usize> = 2..=8;
/// k-means++ restarts per k (the lowest inertia wins).
const RESTARTS: usize = 3;
/// Points the silhouette is estimated on above this many customers.
const SILHOUETTE_SAMPLE: usize = 2_000;
/// Points drawn in the projection scatter.
const PROJECTED_POINTS: usize = 2_000;

/// One k of the elbow sweep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ElbowPoint {
    /// Number of clusters.
    pub k: usize,
    /// Within-cluster sum of squares of the best run.
    pub inertia: f64,
    /// Mean silhouette of the best run.
    pub silhouette: f64,
}

/// A plain-language name for a cluster, from how its means compare with everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterName {
    /// Buy often and spend much.
    FrequentBigSpenders,
    /// Spend much.
    BigSpenders,
    /// Buy often.
    FrequentBuyers,
    /// First bought recently.
    NewCustomers,
    /// Used to buy about as often as most, but not lately.
    SlippingRegulars,
    /// Have not bought for a long time.
    Lapsed,
    /// Everyone else.
    Occasional,
}

impl ClusterName {
    /// The name for `means` of [`BASE_FEATURES`] against the `overall` means.
    pub fn suggest(means: &[f64], overall: &[f64]) -> ClusterName {
        let ratio = |i: usize| {
            if overall[i] > 0.0 {
                means[i] / overall[i]
            } else {
                1.0
            }
        };
        let (recency, frequency, monetary, tenure) = (ratio(0), ratio(1), ratio(2), ratio(3));
        if recency >= 1.5 && frequency >= 0.75 {
            ClusterName::SlippingRegulars
        } else if recency >= 1.5 {
            ClusterName::Lapsed
        } else if frequency >= 1.25 && monetary >= 1.25 {
            ClusterName::FrequentBigSpenders
        } else if monetary >= 1.25 {
            ClusterName::BigSpenders
        } else if frequency >= 1.25 {
            ClusterName::FrequentBuyers
        } else if tenure <= 0.5 {
            ClusterName::NewCustomers
        } else {
            ClusterName::Occasional
        }
    }
}

/// One cluster in original units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterProfile {
    /// Customers in it.
    pub size: usize,
    /// Means of [`BASE_FEATURES`].
    pub means: Vec<f64>,
    /// Means of the custom features chosen, in settings order.
    pub custom_means: Vec<f64>,
    /// Suggested name.
    pub name: ClusterName,
}

/// A customer in the projection: `(first component, second component, cluster, person id)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProjectedPoint(pub f32, pub f32, pub u8, pub u32);

/// A customer's cluster: `(person id, cluster)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterMember(pub u32, pub u8);

impl super::packed::Packed for ClusterMember {
    const SIZE: usize = 5;

    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.push(self.1);
    }

    fn unpack(bytes: &[u8]) -> Option<ClusterMember> {
        Some(ClusterMember(
            super::packed::u32_at(bytes, 0)?,
            *bytes.get(4)?,
        ))
    }
}

/// Everything the segments page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentsReport {
    /// Features are measured as of this day.
    pub as_of: NaiveDate,
    /// The settings used.
    pub settings: SegmentSettings,
    /// The k clustered with.
    pub k: usize,
    /// The elbow's knee, if it has one.
    pub suggested_k: Option<usize>,
    /// The sweep over [`K_RANGE`] (ks above the customer count left out).
    pub elbow: Vec<ElbowPoint>,
    /// Cluster profiles, largest first; cluster numbers in `members` index this.
    pub clusters: Vec<ClusterProfile>,
    /// Means of [`BASE_FEATURES`] over every customer.
    pub overall: Vec<f64>,
    /// Share of variance the two projected components explain.
    pub explained: [f64; 2],
    /// At most 2,000 customers, evenly spaced in person id order.
    pub projection: Vec<ProjectedPoint>,
    /// Every customer and their cluster.
    #[serde(with = "super::packed")]
    pub members: Vec<ClusterMember>,
}

impl SegmentsReport {
    /// The person ids of cluster `cluster`'s members.
    pub fn people_in(&self, cluster: usize) -> Vec<u32> {
        self.members
            .iter()
            .filter(|m| usize::from(m.1) == cluster)
            .map(|m| m.0)
            .collect()
    }
}

/// Base features of every customer with an order by `as_of`, in person id order.
fn base_features(facts: &OrderFacts, as_of: NaiveDate) -> (Vec<u32>, Vec<[f64; 5]>) {
    struct Totals {
        first: NaiveDate,
        last: NaiveDate,
        orders: f64,
        spent: f64,
    }
    let mut by_person: BTreeMap<u32, Totals> = BTreeMap::new();
    for order in facts.order_totals().iter().filter(|o| o.date <= as_of) {
        let totals = by_person.entry(order.person).or_insert(Totals {
            first: order.date,
            last: order.date,
            orders: 0.0,
            spent: 0.0,
        });
        totals.first = totals.first.min(order.date);
        totals.last = totals.last.max(order.date);
        totals.orders += 1.0;
        totals.spent += order.cents / 100.0;
    }
    by_person
        .into_iter()
        .map(|(person, t)| {
            let days = |date: NaiveDate| (as_of - date).num_days() as f64;
            (
                person,
                [
                    days(t.last),
                    t.orders,
                    t.spent,
                    days(t.first),
                    t.spent / t.orders,
                ],
            )
        })
        .unzip()
}

fn column_means(rows: &[[f64; 5]]) -> Vec<f64> {
    let n = rows.len().max(1) as f64;
    (0..5)
        .map(|c| rows.iter().map(|row| row[c]).sum::<f64>() / n)
        .collect()
}

/// Eigenvalues and eigenvectors (as columns, `vectors[row][col]`) of a symmetric matrix by cyclic
/// Jacobi rotations; features are few, so this converges in a handful of sweeps.
fn symmetric_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-22 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let sign = if theta >= 0.0 { 1.0 } else { -1.0 };
                let t = sign / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // A ← Jᵀ A J and V ← V J, J the rotation in the (p, q) plane.
                for row in a.iter_mut().chain(v.iter_mut()) {
                    let (kp, kq) = (row[p], row[q]);
                    row[p] = c * kp - s * kq;
                    row[q] = s * kp + c * kq;
                }
                let (row_p, row_q) = (a[p].clone(), a[q].clone());
                for (k, (apk, aqk)) in row_p.into_iter().zip(row_q).enumerate() {
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

/// The two leading principal axes of `data` (columns centred here) and their variance shares.
fn principal_axes(data: &Matrix) -> (Vec<f64>, [Vec<f64>; 2], [f64; 2]) {
    let (n, d) = (data.rows().max(1) as f64, data.cols());
    let means: Vec<f64> = (0..d)
        .map(|c| (0..data.rows()).map(|r| data.row(r)[c]).sum::<f64>() / n)
        .collect();
    let mut covariance = vec![vec![0.0; d]; d];
    for r in 0..data.rows() {
        let row = data.row(r);
        for i in 0..d {
            for j in 0..d {
                covariance[i][j] += (row[i] - means[i]) * (row[j] - means[j]) / n;
            }
        }
    }
    let (values, vectors) = symmetric_eigen(covariance);
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&i, &j| values[j].total_cmp(&values[i]));
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let axis = |rank: usize| -> (Vec<f64>, f64) {
        match order.get(rank) {
            Some(&c) => (
                (0..d).map(|r| vectors[r][c]).collect(),
                if total > 0.0 {
                    values[c].max(0.0) / total
                } else {
                    0.0
                },
            ),
            None => (vec![0.0; d], 0.0),
        }
    };
    let ((first, share_1), (second, share_2)) = (axis(0), axis(1));
    (means, [first, second], [share_1, share_2])
}

/// Clusters every customer with an order by `as_of` on the chosen features.
pub fn segments_report(
    facts: &OrderFacts,
    custom: &[CustomColumn],
    as_of: NaiveDate,
    settings: SegmentSettings,
    progress: &mut dyn Progress,
) -> AnalyticsResult<SegmentsReport> {
    if settings.features.is_empty() {
        return Err(AnalyticsError::InvalidParameter {
            name: "features",
            reason: "choose at least one feature".into(),
        });
    }
    let (people, base) = base_features(facts, as_of);
    let sweep: Vec<usize> = K_RANGE.filter(|&k| k < people.len()).collect();
    if sweep.is_empty() {
        return Err(AnalyticsError::NotEnoughData(format!(
            "segments need at least 3 customers with orders, found {}",
            people.len()
        )));
    }
    let custom_keys: Vec<&String> = settings
        .features
        .iter()
        .filter_map(|f| match f {
            Feature::Custom(key) => Some(key),
            _ => None,
        })
        .collect();
    if custom.len() != custom_keys.len() {
        return Err(AnalyticsError::InvalidParameter {
            name: "custom",
            reason: format!(
                "{} custom features chosen, {} columns given",
                custom_keys.len(),
                custom.len()
            ),
        });
    }
    // A custom value missing for a person is the field's mean over the people who have one.
    let custom_values: Vec<Vec<f64>> = custom
        .iter()
        .map(|column| {
            let known: Vec<f64> = people
                .iter()
                .filter_map(|p| column.get(p).copied())
                .collect();
            let mean = known.iter().sum::<f64>() / known.len().max(1) as f64;
            people
                .iter()
                .map(|p| column.get(p).copied().unwrap_or(mean))
                .collect()
        })
        .collect();
    let mut values = Vec::with_capacity(people.len() * settings.features.len());
    for (row, features) in base.iter().enumerate() {
        let mut custom_index = 0;
        for feature in &settings.features {
            values.push(match feature {
                Feature::Custom(_) => {
                    custom_index += 1;
                    custom_values[custom_index - 1][row]
                }
                base_feature => {
                    let i = BASE_FEATURES.iter().position(|f| f == base_feature);
                    i.map_or(0.0, |i| features[i])
                }
            });
        }
    }
    let mut data = Matrix::new(people.len(), settings.features.len(), values)?;
    if settings.log1p {
        data.log1p()?;
    }
    if settings.standardize {
        data.standardize();
    }
    let mut elbow = Vec::with_capacity(sweep.len());
    let mut clusterings: Vec<Clustering> = Vec::with_capacity(sweep.len());
    for (i, &k) in sweep.iter().enumerate() {
        stage(progress, "k-means", i, sweep.len())?;
        let config = KMeansConfig {
            restarts: RESTARTS,
            seed: settings.seed,
            ..KMeansConfig::with_k(k)
        };
        let clustering = kmeans(&data, &config, &mut crate::progress::Silent)?;
        let silhouette =
            silhouette_sampled(&data, &clustering.labels, SILHOUETTE_SAMPLE, settings.seed)
                .unwrap_or(0.0);
        elbow.push(ElbowPoint {
            k,
            inertia: clustering.inertia,
            silhouette,
        });
        clusterings.push(clustering);
    }
    let suggested_k = knee(&elbow.iter().map(|p| (p.k, p.inertia)).collect::<Vec<_>>());
    let k = settings
        .k
        .or(suggested_k)
        .unwrap_or(sweep[0])
        .clamp(1, people.len());
    let clustering = match sweep.iter().position(|&swept| swept == k) {
        Some(i) => clusterings.swap_remove(i),
        None => kmeans(
            &data,
            &KMeansConfig {
                restarts: RESTARTS,
                seed: settings.seed,
                ..KMeansConfig::with_k(k)
            },
            progress,
        )?,
    };
    stage(progress, "profiles", sweep.len(), sweep.len())?;
    let overall = column_means(&base);
    // Clusters renumbered largest first.
    let mut sizes = vec![0usize; k];
    clustering
        .labels
        .iter()
        .for_each(|&l| sizes[l as usize] += 1);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(a.cmp(&b)));
    let mut renumber = vec![0u8; k];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new as u8;
    }
    let labels: Vec<u8> = clustering
        .labels
        .iter()
        .map(|&l| renumber[l as usize])
        .collect();
    let clusters = order
        .iter()
        .enumerate()
        .map(|(new, _)| {
            let rows: Vec<[f64; 5]> = base
                .iter()
                .zip(&labels)
                .filter(|(_, &l)| usize::from(l) == new)
                .map(|(row, _)| *row)
                .collect();
            let means = column_means(&rows);
            let custom_means = custom_values
                .iter()
                .map(|column| {
                    let (sum, count) = column
                        .iter()
                        .zip(&labels)
                        .filter(|(_, &l)| usize::from(l) == new)
                        .fold((0.0, 0usize), |(s, c), (v, _)| (s + v, c + 1));
                    sum / count.max(1) as f64
                })
                .collect();
            ClusterProfile {
                size: rows.len(),
                name: ClusterName::suggest(&means, &overall),
                means,
                custom_means,
            }
        })
        .collect();
    let (centre, axes, explained) = principal_axes(&data);
    let step = people.len().div_ceil(PROJECTED_POINTS).max(1);
    let projection = (0..people.len())
        .step_by(step)
        .map(|i| {
            let row = data.row(i);
            let project = |axis: &[f64]| -> f32 {
                row.iter()
                    .zip(&centre)
                    .zip(axis)
                    .map(|((v, m), a)| (v - m) * a)
                    .sum::<f64>() as f32
            };
            ProjectedPoint(project(&axes[0]), project(&axes[1]), labels[i], people[i])
        })
        .collect();
    Ok(SegmentsReport {
        as_of,
        settings,
        k,
        suggested_k,
        elbow,
        clusters,
        overall,
        explained,
        projection,
        members: people
            .into_iter()
            .zip(labels)
            .map(|(person, cluster)| ClusterMember(person, cluster))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{date, order};
    use crate::progress::Silent;
    use hearth_domain::OrderStatus;

    /// Three kinds of customer: 30 who bought once long ago for little, 30 monthly modest buyers,
    /// 10 weekly big spenders.
    fn orders() -> Vec<hearth_domain::Order> {
        let start = date(2025, 1, 1);
        let mut orders = Vec::new();
        let mut id = 0;
        let mut buy = |person: u32, day: u64, cents: i64| {
            id += 1;
            orders.push(order(
                id,
                person,
                start + chrono::Days::new(day),
                &[(1, 1, cents)],
                OrderStatus::Paid,
            ));
        };
        for person in 1..=30 {
            buy(person, u64::from(person), 2_000);
        }
        for person in 31..=60 {
            for month in 0..12 {
                buy(person, month * 30 + u64::from(person % 5), 5_000);
            }
        }
        for person in 61..=70 {
            for week in 0..52 {
                buy(person, week * 7, 40_000);
            }
        }
        orders
    }

    #[test]
    fn three_kinds_of_customer_make_three_named_clusters() {
        let facts = OrderFacts::from_orders(&orders());
        let settings = SegmentSettings {
            k: Some(3),
            ..SegmentSettings::default()
        };
        let report =
            segments_report(&facts, &[], date(2025, 12, 31), settings, &mut Silent).unwrap();
        assert_eq!(report.k, 3);
        let sizes: Vec<usize> = report.clusters.iter().map(|c| c.size).collect();
        assert_eq!(sizes, vec![30, 30, 10]);
        assert_eq!(report.clusters[2].name, ClusterName::FrequentBigSpenders);
        assert!(report
            .clusters
            .iter()
            .any(|c| c.name == ClusterName::Lapsed));
        assert_eq!(report.members.len(), 70);
        assert_eq!(report.projection.len(), 70);
        assert_eq!(report.elbow.first().map(|p| p.k), Some(2));
        assert_eq!(report.elbow.last().map(|p| p.k), Some(8));
        assert!(report.explained[0] >= report.explained[1]);
        assert!(report.explained[0] + report.explained[1] <= 1.0 + 1e-9);
        // The monetary mean of the big spenders is in currency units: 52 orders of 400.
        assert!((report.clusters[2].means[2] - 52.0 * 400.0).abs() < 1e-6);
        assert_eq!(report.suggested_k, Some(3));
    }

    #[test]
    fn custom_columns_join_by_person_and_fill_gaps_with_the_mean() {
        let facts = OrderFacts::from_orders(&orders());
        let column: CustomColumn = (1..=60)
            .map(|p| (p, if p <= 30 { 1.0 } else { 3.0 }))
            .collect();
        let settings = SegmentSettings {
            features: vec![Feature::Custom("score".into())],
            log1p: false,
            standardize: false,
            k: Some(2),
            seed: 1,
        };
        let report =
            segments_report(&facts, &[column], date(2025, 12, 31), settings, &mut Silent).unwrap();
        let means: Vec<f64> = report.clusters.iter().map(|c| c.custom_means[0]).collect();
        // People 61..=70 have no score and take the mean 2.0; they join one side.
        assert_eq!(report.clusters.iter().map(|c| c.size).sum::<usize>(), 70);
        assert!(means
            .iter()
            .any(|&m| (m - 1.0).abs() < 1e-9 || (m - 3.0).abs() < 1e-9));
    }

    #[test]
    fn too_few_customers_and_no_features_are_refused() {
        let few = OrderFacts::from_orders(&orders()[..2]);
        assert!(segments_report(
            &few,
            &[],
            date(2025, 12, 31),
            SegmentSettings::default(),
            &mut Silent
        )
        .is_err());
        let none = SegmentSettings {
            features: vec![],
            ..SegmentSettings::default()
        };
        let error = segments_report(
            &OrderFacts::from_orders(&orders()),
            &[],
            date(2025, 12, 31),
            none,
            &mut Silent,
        )
        .unwrap_err();
        assert!(error.to_string().contains("features"));
    }

    #[test]
    fn names_follow_the_means() {
        let overall = [100.0, 10.0, 1_000.0, 400.0, 100.0];
        let name = |means: [f64; 5]| ClusterName::suggest(&means, &overall);
        assert_eq!(
            name([300.0, 10.0, 1_000.0, 400.0, 100.0]),
            ClusterName::SlippingRegulars
        );
        assert_eq!(name([300.0, 2.0, 200.0, 400.0, 100.0]), ClusterName::Lapsed);
        assert_eq!(
            name([50.0, 20.0, 2_000.0, 400.0, 100.0]),
            ClusterName::FrequentBigSpenders
        );
        assert_eq!(
            name([50.0, 8.0, 2_000.0, 400.0, 250.0]),
            ClusterName::BigSpenders
        );
        assert_eq!(
            name([50.0, 20.0, 900.0, 400.0, 45.0]),
            ClusterName::FrequentBuyers
        );
        assert_eq!(
            name([50.0, 3.0, 300.0, 100.0, 100.0]),
            ClusterName::NewCustomers
        );
        assert_eq!(
            name([90.0, 9.0, 900.0, 380.0, 100.0]),
            ClusterName::Occasional
        );
    }

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_known_matrix() {
        let (mut values, _) = symmetric_eigen(vec![vec![2.0, 1.0], vec![1.0, 2.0]]);
        values.sort_by(f64::total_cmp);
        assert!((values[0] - 1.0).abs() < 1e-12 && (values[1] - 3.0).abs() < 1e-12);
    }
}
