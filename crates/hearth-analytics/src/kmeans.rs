//! k-means clustering: k-means++ seeding from a seed, Lloyd iterations until no label changes,
//! restarts keeping the lowest inertia, and Hamerly's bounds to skip distance computations while
//! producing exactly the labels and centroids of plain Lloyd. Also the transforms that usually
//! precede it (log1p, standardize), the silhouette score, and an elbow sweep with a knee rule.

use crate::error::{AnalyticsError, AnalyticsResult};
use crate::parallel;
use crate::progress::Progress;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::ops::ControlFlow;

/// Points as rows of a row-major matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    values: Vec<f64>,
}

impl Matrix {
    /// A `rows` × `cols` matrix from row-major `values`; every value must be finite.
    pub fn new(rows: usize, cols: usize, values: Vec<f64>) -> AnalyticsResult<Matrix> {
        if cols == 0 || values.len() != rows * cols {
            return Err(AnalyticsError::InvalidParameter {
                name: "matrix",
                reason: format!(
                    "{} values do not make {rows} rows of {cols} columns",
                    values.len()
                ),
            });
        }
        if let Some(at) = values.iter().position(|v| !v.is_finite()) {
            return Err(AnalyticsError::InvalidValue {
                row: at / cols,
                field: format!("column {}", at % cols),
                reason: format!("must be a finite number, got {}", values[at]),
            });
        }
        Ok(Matrix { rows, cols, values })
    }

    /// Number of points.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of features.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// One point.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.cols..(i + 1) * self.cols]
    }

    /// The row-major values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// A matrix of the given rows, in that order.
    pub fn select_rows(&self, indices: &[usize]) -> AnalyticsResult<Matrix> {
        let mut values = Vec::with_capacity(indices.len() * self.cols);
        for (position, &i) in indices.iter().enumerate() {
            if i >= self.rows {
                return Err(AnalyticsError::InvalidParameter {
                    name: "rows",
                    reason: format!(
                        "index {i} (position {position}) is past the last row {}",
                        self.rows
                    ),
                });
            }
            values.extend_from_slice(self.row(i));
        }
        Ok(Matrix {
            rows: indices.len(),
            cols: self.cols,
            values,
        })
    }

    /// Replaces every value v by ln(1 + v); values below −1 have no logarithm.
    pub fn log1p(&mut self) -> AnalyticsResult<()> {
        if let Some(at) = self.values.iter().position(|&v| v <= -1.0) {
            return Err(AnalyticsError::InvalidValue {
                row: at / self.cols,
                field: format!("column {}", at % self.cols),
                reason: format!("log1p needs values above -1, got {}", self.values[at]),
            });
        }
        self.values.iter_mut().for_each(|v| *v = v.ln_1p());
        Ok(())
    }

    /// Centres every column on its mean and divides by its population standard deviation
    /// (ddof = 0); a constant column becomes all zeros. Returns each column's (mean, std).
    pub fn standardize(&mut self) -> Vec<(f64, f64)> {
        let n = self.rows.max(1) as f64;
        (0..self.cols)
            .map(|c| {
                let mean = (0..self.rows)
                    .map(|r| self.values[r * self.cols + c])
                    .sum::<f64>()
                    / n;
                let variance = (0..self.rows)
                    .map(|r| (self.values[r * self.cols + c] - mean).powi(2))
                    .sum::<f64>()
                    / n;
                let std = variance.sqrt();
                for r in 0..self.rows {
                    let v = &mut self.values[r * self.cols + c];
                    *v = if std > 0.0 { (*v - mean) / std } else { 0.0 };
                }
                (mean, std)
            })
            .collect()
    }
}

fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// What to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KMeansConfig {
    /// Number of clusters.
    pub k: usize,
    /// Most Lloyd iterations per run.
    pub max_iterations: usize,
    /// Runs from different k-means++ seedings; the lowest inertia wins.
    pub restarts: usize,
    /// Seed of every random choice.
    pub seed: u64,
}

impl KMeansConfig {
    /// k clusters with 300 iterations, 10 restarts and seed 0.
    pub fn with_k(k: usize) -> KMeansConfig {
        KMeansConfig {
            k,
            max_iterations: 300,
            restarts: 10,
            seed: 0,
        }
    }
}

/// A clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// Cluster of every point.
    pub labels: Vec<u32>,
    /// Cluster centres, one row per cluster.
    pub centroids: Matrix,
    /// Sum of squared distances from points to their centres.
    pub inertia: f64,
    /// Lloyd iterations of the run.
    pub iterations: usize,
}

fn check_k(data: &Matrix, k: usize) -> AnalyticsResult<()> {
    if k == 0 || k > data.rows {
        return Err(AnalyticsError::InvalidParameter {
            name: "k",
            reason: format!(
                "must lie in 1..={} (the number of points), got {k}",
                data.rows
            ),
        });
    }
    Ok(())
}

/// Greedy k-means++ seeding (as scikit-learn does it): each next centre is the best of
/// 2 + ⌊ln k⌋ candidates drawn with probability proportional to squared distance.
pub fn kmeans_plus_plus(data: &Matrix, k: usize, seed: u64) -> AnalyticsResult<Matrix> {
    check_k(data, k)?;
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let n = data.rows;
    let trials = 2 + (k as f64).ln().floor() as usize;
    let mut chosen = vec![rng.random_range(0..n)];
    let mut closest = vec![f64::INFINITY; n];
    let mut potential = nearer_to(data, data.row(chosen[0]), &mut closest);
    while chosen.len() < k {
        // Draw every candidate first, then score them all in one pass over the points.
        let mut targets: Vec<f64> = (0..trials)
            .map(|_| rng.random::<f64>() * potential)
            .collect();
        targets.sort_by(f64::total_cmp);
        let mut candidates = Vec::with_capacity(trials);
        if potential > 0.0 {
            let mut cumulative = 0.0;
            let mut next = 0;
            for (i, &d) in closest.iter().enumerate() {
                cumulative += d;
                while next < trials && cumulative > targets[next] {
                    candidates.push(i);
                    next += 1;
                }
            }
            candidates.resize(trials, n - 1);
        } else {
            candidates.extend((0..trials).map(|_| rng.random_range(0..n)));
        }
        let candidate_rows = data.select_rows(&candidates)?;
        let partial_potentials = parallel::map_ranges(n, parallel::CHUNK, |range| {
            let mut potentials = vec![0.0; trials];
            for i in range {
                let point = data.row(i);
                for (t, potential) in potentials.iter_mut().enumerate() {
                    *potential += closest[i].min(squared_distance(point, candidate_rows.row(t)));
                }
            }
            potentials
        });
        let potentials: Vec<f64> = (0..trials)
            .map(|t| partial_potentials.iter().map(|p| p[t]).sum())
            .collect();
        let best = (0..trials)
            .min_by(|&a, &b| potentials[a].total_cmp(&potentials[b]))
            .expect("at least two trials");
        potential = nearer_to(data, candidate_rows.row(best), &mut closest);
        chosen.push(candidates[best]);
    }
    data.select_rows(&chosen)
}

/// Lowers each point's `closest` squared distance to `centre`'s and returns their new sum (summed
/// per chunk, then over chunks, so the total is the same however many threads ran).
fn nearer_to(data: &Matrix, centre: &[f64], closest: &mut [f64]) -> f64 {
    parallel::map_chunks_mut(closest, parallel::CHUNK, |start, chunk| {
        let mut sum = 0.0;
        for (i, d) in chunk.iter_mut().enumerate() {
            *d = d.min(squared_distance(data.row(start + i), centre));
            sum += *d;
        }
        sum
    })
    .iter()
    .sum()
}

/// The nearest centre (ties to the lowest index) and the squared distances to the nearest and
/// second nearest.
fn nearest_two(point: &[f64], centroids: &Matrix) -> (u32, f64, f64) {
    let (mut best, mut best_d, mut second_d) = (0u32, f64::INFINITY, f64::INFINITY);
    for j in 0..centroids.rows {
        let d = squared_distance(point, centroids.row(j));
        if d < best_d {
            second_d = best_d;
            best_d = d;
            best = j as u32;
        } else if d < second_d {
            second_d = d;
        }
    }
    (best, best_d, second_d)
}

/// Per-cluster sums and counts of the assigned points. Both Lloyd and Hamerly start them from the
/// first assignment and then move each relabelled point in point order, so the two compute the same
/// centres to the last bit while an iteration costs only the points that moved.
struct ClusterSums {
    sums: Vec<f64>,
    counts: Vec<usize>,
    cols: usize,
}

impl ClusterSums {
    fn new(data: &Matrix, labels: &[u32], k: usize) -> ClusterSums {
        let cols = data.cols;
        let mut cluster_sums = ClusterSums {
            sums: vec![0.0; k * cols],
            counts: vec![0; k],
            cols,
        };
        for (i, &label) in labels.iter().enumerate() {
            cluster_sums.add(label, data.row(i));
        }
        cluster_sums
    }

    fn add(&mut self, label: u32, point: &[f64]) {
        let label = label as usize;
        self.counts[label] += 1;
        for (sum, value) in self.sums[label * self.cols..(label + 1) * self.cols]
            .iter_mut()
            .zip(point)
        {
            *sum += value;
        }
    }

    fn remove(&mut self, label: u32, point: &[f64]) {
        let label = label as usize;
        self.counts[label] -= 1;
        for (sum, value) in self.sums[label * self.cols..(label + 1) * self.cols]
            .iter_mut()
            .zip(point)
        {
            *sum -= value;
        }
    }

    /// The mean of each cluster; an empty cluster keeps its previous centre.
    fn means(&self, previous: &Matrix) -> Matrix {
        let mut values = previous.values.clone();
        for (j, &count) in self.counts.iter().enumerate() {
            if count > 0 {
                for c in 0..self.cols {
                    values[j * self.cols + c] = self.sums[j * self.cols + c] / count as f64;
                }
            }
        }
        Matrix {
            rows: previous.rows,
            cols: self.cols,
            values,
        }
    }
}

/// The clustering a run ends with. Stopped by the iteration limit while labels still changed, the
/// centres move to the means of the final labels, so centres and labels always agree.
fn finish(
    data: &Matrix,
    labels: Vec<u32>,
    centroids: Matrix,
    sums: &ClusterSums,
    changed: bool,
    iterations: usize,
) -> Clustering {
    let centroids = if changed {
        sums.means(&centroids)
    } else {
        centroids
    };
    Clustering {
        inertia: inertia(data, &labels, &centroids),
        labels,
        centroids,
        iterations,
    }
}

fn inertia(data: &Matrix, labels: &[u32], centroids: &Matrix) -> f64 {
    labels
        .iter()
        .enumerate()
        .map(|(i, &label)| squared_distance(data.row(i), centroids.row(label as usize)))
        .sum()
}

fn check_initial(data: &Matrix, initial: &Matrix) -> AnalyticsResult<()> {
    check_k(data, initial.rows)?;
    if initial.cols != data.cols {
        return Err(AnalyticsError::InvalidParameter {
            name: "initial centroids",
            reason: format!("have {} columns, the data {}", initial.cols, data.cols),
        });
    }
    Ok(())
}

/// Plain Lloyd from `initial`: assign every point to its nearest centre (ties to the lowest index),
/// stop when no label changes, else move each centre to its points' mean; at most `max_iterations`
/// assignments. Every point's distance to every centre is computed in every iteration.
pub fn lloyd(
    data: &Matrix,
    initial: &Matrix,
    max_iterations: usize,
) -> AnalyticsResult<Clustering> {
    check_initial(data, initial)?;
    let mut centroids = initial.clone();
    let mut labels: Vec<u32> = (0..data.rows)
        .map(|i| nearest_two(data.row(i), &centroids).0)
        .collect();
    let mut sums = ClusterSums::new(data, &labels, initial.rows);
    let mut iterations = 1;
    let mut changed = true;
    while changed && iterations < max_iterations {
        centroids = sums.means(&centroids);
        let assigned: Vec<u32> = (0..data.rows)
            .map(|i| nearest_two(data.row(i), &centroids).0)
            .collect();
        iterations += 1;
        changed = false;
        for (i, (&old, &new)) in labels.iter().zip(&assigned).enumerate() {
            if old != new {
                sums.remove(old, data.row(i));
                sums.add(new, data.row(i));
                changed = true;
            }
        }
        labels = assigned;
    }
    Ok(finish(data, labels, centroids, &sums, changed, iterations))
}

/// Relative slack on Hamerly's bound tests: a point is only skipped when its bounds prove the
/// assignment with room to spare for rounding, so near-ties are recomputed exactly as Lloyd does.
const BOUND_SLACK: f64 = 1e-9;

/// Lloyd from `initial` accelerated with Hamerly's bounds: the same labels, centroids and iteration
/// count as [`lloyd`], with most distance computations skipped. Reports each iteration.
pub fn hamerly(
    data: &Matrix,
    initial: &Matrix,
    max_iterations: usize,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Clustering> {
    check_initial(data, initial)?;
    let k = initial.rows;
    let mut centroids = initial.clone();
    let mut bounds = vec![
        Bounds {
            label: 0,
            upper: 0.0,
            lower: 0.0,
        };
        data.rows
    ];
    parallel::map_chunks_mut(&mut bounds, parallel::CHUNK, |start, chunk| {
        for (i, point) in chunk.iter_mut().enumerate() {
            let (best, best_d, second_d) = nearest_two(data.row(start + i), &centroids);
            *point = Bounds {
                label: best,
                upper: best_d.sqrt(),
                lower: second_d.sqrt(),
            };
        }
    });
    let mut labels: Vec<u32> = bounds.iter().map(|b| b.label).collect();
    let mut sums = ClusterSums::new(data, &labels, k);
    let mut iterations = 1;
    let mut changed = true;
    while changed && iterations < max_iterations {
        if let ControlFlow::Break(()) = progress.report("k-means", iterations, max_iterations) {
            return Err(AnalyticsError::Cancelled);
        }
        let moved = sums.means(&centroids);
        let drift: Vec<f64> = (0..k)
            .map(|j| squared_distance(moved.row(j), centroids.row(j)).sqrt())
            .collect();
        centroids = moved;
        let (mut top, mut top_index, mut runner_up) = (0.0f64, usize::MAX, 0.0f64);
        for (j, &p) in drift.iter().enumerate() {
            if p > top {
                runner_up = top;
                top = p;
                top_index = j;
            } else if p > runner_up {
                runner_up = p;
            }
        }
        let half_gap: Vec<f64> = (0..k)
            .map(|j| {
                (0..k)
                    .filter(|&other| other != j)
                    .map(|other| squared_distance(centroids.row(j), centroids.row(other)))
                    .fold(f64::INFINITY, f64::min)
                    .sqrt()
                    / 2.0
            })
            .collect();
        iterations += 1;
        // Chunks find their relabelled points in parallel; the cluster sums then take the moves
        // in point order, as Lloyd does, so the centres match it to the last bit.
        let moves = parallel::map_chunks_mut(&mut bounds, parallel::CHUNK, |start, chunk| {
            let mut moves = Vec::new();
            for (offset, point) in chunk.iter_mut().enumerate() {
                let i = start + offset;
                let label = point.label as usize;
                point.upper += drift[label];
                point.lower -= if label == top_index { runner_up } else { top };
                let bound = half_gap[label].max(point.lower);
                if point.upper * (1.0 + BOUND_SLACK) < bound * (1.0 - BOUND_SLACK) {
                    continue;
                }
                point.upper = squared_distance(data.row(i), centroids.row(label)).sqrt();
                if point.upper * (1.0 + BOUND_SLACK) < bound * (1.0 - BOUND_SLACK) {
                    continue;
                }
                let (best, best_d, second_d) = nearest_two(data.row(i), &centroids);
                if best != point.label {
                    moves.push((i, point.label, best));
                    point.label = best;
                }
                point.upper = best_d.sqrt();
                point.lower = second_d.sqrt();
            }
            moves
        });
        changed = false;
        for (i, old, new) in moves.into_iter().flatten() {
            sums.remove(old, data.row(i));
            sums.add(new, data.row(i));
            labels[i] = new;
            changed = true;
        }
    }
    Ok(finish(data, labels, centroids, &sums, changed, iterations))
}

/// Hamerly's per-point state: the assigned centre, an upper bound on the distance to it and a
/// lower bound on the distance to every other centre.
#[derive(Clone, Copy)]
struct Bounds {
    label: u32,
    upper: f64,
    lower: f64,
}

/// k-means with `config.restarts` k-means++ seedings (seeds drawn from `config.seed`); the run with
/// the lowest inertia wins, the earliest on ties.
pub fn kmeans(
    data: &Matrix,
    config: &KMeansConfig,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Clustering> {
    check_k(data, config.k)?;
    let mut seeds = Pcg64Mcg::seed_from_u64(config.seed);
    let mut best: Option<Clustering> = None;
    for run in 0..config.restarts.max(1) {
        if let ControlFlow::Break(()) =
            progress.report("k-means restarts", run, config.restarts.max(1))
        {
            return Err(AnalyticsError::Cancelled);
        }
        let initial = kmeans_plus_plus(data, config.k, seeds.random())?;
        let clustering = hamerly(data, &initial, config.max_iterations, progress)?;
        if best.as_ref().is_none_or(|b| clustering.inertia < b.inertia) {
            best = Some(clustering);
        }
    }
    Ok(best.expect("at least one run"))
}

/// Above this many points the silhouette is computed on a seeded random sample of this size, as
/// scikit-learn's `sample_size` does: the exact score costs n² distances.
pub const SILHOUETTE_EXACT_LIMIT: usize = 20_000;

/// Mean silhouette of a clustering (exact up to [`SILHOUETTE_EXACT_LIMIT`] points, else on a sample
/// of that size drawn with `seed`). A point alone in its cluster scores 0. Needs 2 ≤ k ≤ n − 1.
pub fn silhouette(data: &Matrix, labels: &[u32], seed: u64) -> AnalyticsResult<f64> {
    silhouette_sampled(data, labels, SILHOUETTE_EXACT_LIMIT, seed)
}

/// Mean silhouette, exact up to `sample_size` points, else on a sample of that size drawn with
/// `seed` (the app uses a smaller sample than the CLI to answer within a second).
pub fn silhouette_sampled(
    data: &Matrix,
    labels: &[u32],
    sample_size: usize,
    seed: u64,
) -> AnalyticsResult<f64> {
    let k = labels.iter().copied().max().map_or(0, |m| m as usize + 1);
    let distinct = {
        let mut seen = vec![false; k];
        labels.iter().for_each(|&l| seen[l as usize] = true);
        seen.iter().filter(|&&s| s).count()
    };
    if labels.len() != data.rows || distinct < 2 || distinct >= data.rows {
        return Err(AnalyticsError::InvalidParameter {
            name: "labels",
            reason: format!(
                "silhouette needs 2..={} distinct clusters, got {distinct}",
                data.rows.saturating_sub(1)
            ),
        });
    }
    let sample: Vec<usize> = if data.rows <= sample_size.max(2) {
        (0..data.rows).collect()
    } else {
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        rand::seq::index::sample(&mut rng, data.rows, sample_size.max(2)).into_vec()
    };
    let mut sizes = vec![0usize; k];
    sample.iter().for_each(|&i| sizes[labels[i] as usize] += 1);
    let mut total = 0.0;
    let mut sums = vec![0.0; k];
    for &i in &sample {
        sums.iter_mut().for_each(|s| *s = 0.0);
        for &j in &sample {
            sums[labels[j] as usize] += squared_distance(data.row(i), data.row(j)).sqrt();
        }
        let own = labels[i] as usize;
        if sizes[own] <= 1 {
            continue;
        }
        let a = sums[own] / (sizes[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && sizes[c] > 0)
            .map(|c| sums[c] / sizes[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let denominator = a.max(b);
        if denominator > 0.0 {
            total += (b - a) / denominator;
        }
    }
    Ok(total / sample.len() as f64)
}

/// One k of an elbow sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct ElbowRow {
    /// Number of clusters.
    pub k: usize,
    /// Inertia of the best run.
    pub inertia: f64,
    /// Silhouette of the best run (`None` for k = 1).
    pub silhouette: Option<f64>,
    /// The best run.
    pub clustering: Clustering,
}

/// Runs k-means for every k in `ks` with `config`'s other settings.
pub fn elbow(
    data: &Matrix,
    ks: std::ops::RangeInclusive<usize>,
    config: &KMeansConfig,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Vec<ElbowRow>> {
    ks.map(|k| {
        let clustering = kmeans(data, &KMeansConfig { k, ..*config }, progress)?;
        let silhouette = if k >= 2 && k < data.rows {
            Some(silhouette(data, &clustering.labels, config.seed)?)
        } else {
            None
        };
        Ok(ElbowRow {
            k,
            inertia: clustering.inertia,
            silhouette,
            clustering,
        })
    })
    .collect()
}

/// The knee of an elbow curve of `(k, inertia)` points in k order: with k and inertia both scaled to [0, 1], the k whose inertia lies
/// farthest below the straight line from the first to the last point (the "Kneedle" distance).
/// `None` with fewer than three points or when no point lies below the line.
pub fn knee(points: &[(usize, f64)]) -> Option<usize> {
    let (&(first_k, first_inertia), &(last_k, last_inertia)) = (points.first()?, points.last()?);
    if points.len() < 3 {
        return None;
    }
    let k_span = last_k.saturating_sub(first_k) as f64;
    let inertia_span = first_inertia - last_inertia;
    if k_span <= 0.0 || inertia_span <= 0.0 {
        return None;
    }
    points
        .iter()
        .map(|&(k, inertia)| {
            let x = (k - first_k) as f64 / k_span;
            let y = (inertia - last_inertia) / inertia_span;
            (k, (1.0 - x) - y)
        })
        .filter(|(_, below)| *below > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;
    use proptest::prelude::*;
    use rand::Rng;

    fn blobs(seed: u64, per_blob: usize) -> Matrix {
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        let centres = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)];
        let values: Vec<f64> = centres
            .iter()
            .flat_map(|&(cx, cy)| (0..per_blob).map(move |_| (cx, cy)))
            .flat_map(|(cx, cy)| {
                [
                    cx + rng.random::<f64>() - 0.5,
                    cy + rng.random::<f64>() - 0.5,
                ]
            })
            .collect();
        Matrix::new(3 * per_blob, 2, values).unwrap()
    }

    #[test]
    fn hamerly_equals_lloyd_when_points_span_many_chunks() {
        // Five centres on three blobs keep points moving for many iterations, and 36,000 points
        // fill three of the chunks that the native build spreads over threads.
        let data = blobs(7, 12_000);
        let initial = kmeans_plus_plus(&data, 5, 3).unwrap();
        let plain = lloyd(&data, &initial, 60).unwrap();
        let fast = hamerly(&data, &initial, 60, &mut Silent).unwrap();
        assert!(plain.iterations > 3, "{} iterations", plain.iterations);
        assert_eq!(fast.labels, plain.labels);
        assert_eq!(fast.centroids, plain.centroids);
        assert_eq!(fast.iterations, plain.iterations);
        assert_eq!(fast.inertia.to_bits(), plain.inertia.to_bits());
    }

    #[test]
    fn finds_three_separated_blobs() {
        let data = blobs(1, 50);
        let result = kmeans(
            &data,
            &KMeansConfig {
                restarts: 3,
                ..KMeansConfig::with_k(3)
            },
            &mut Silent,
        )
        .unwrap();
        for blob in 0..3 {
            let label = result.labels[blob * 50];
            assert!(result.labels[blob * 50..(blob + 1) * 50]
                .iter()
                .all(|&l| l == label));
        }
        let score = silhouette(&data, &result.labels, 0).unwrap();
        assert!(score > 0.9, "silhouette {score}");
    }

    #[test]
    fn knee_of_three_blobs_is_three() {
        let data = blobs(2, 40);
        let rows = elbow(
            &data,
            1..=7,
            &KMeansConfig {
                restarts: 2,
                ..KMeansConfig::with_k(1)
            },
            &mut Silent,
        )
        .unwrap();
        let points: Vec<(usize, f64)> = rows.iter().map(|row| (row.k, row.inertia)).collect();
        assert_eq!(knee(&points), Some(3));
        assert_eq!(rows[0].silhouette, None);
    }

    #[test]
    fn transforms_match_their_definitions() {
        let mut m = Matrix::new(3, 2, vec![0.0, 5.0, 1.0, 5.0, 3.0, 5.0]).unwrap();
        let stats = m.standardize();
        assert!((stats[0].0 - 4.0 / 3.0).abs() < 1e-15);
        assert!(
            (stats[0].1 - (14.0f64 / 9.0).sqrt()).abs() < 1e-15,
            "population std"
        );
        assert_eq!(stats[1], (5.0, 0.0));
        assert_eq!(m.values()[1], 0.0, "a constant column becomes zeros");
        let mut logs = Matrix::new(1, 2, vec![0.0, std::f64::consts::E - 1.0]).unwrap();
        logs.log1p().unwrap();
        assert!((logs.values()[1] - 1.0).abs() < 1e-15);
        let mut bad = Matrix::new(2, 1, vec![1.0, -2.0]).unwrap();
        assert!(matches!(
            bad.log1p(),
            Err(AnalyticsError::InvalidValue { row: 1, .. })
        ));
        assert!(matches!(
            Matrix::new(1, 2, vec![1.0, f64::NAN]),
            Err(AnalyticsError::InvalidValue { row: 0, .. })
        ));
    }

    #[test]
    fn k_outside_one_to_n_is_refused() {
        let data = blobs(3, 2);
        assert!(kmeans(&data, &KMeansConfig::with_k(0), &mut Silent).is_err());
        assert!(kmeans(&data, &KMeansConfig::with_k(7), &mut Silent).is_err());
    }

    fn random_data() -> impl Strategy<Value = (Matrix, Vec<usize>)> {
        (2usize..60, 1usize..4, 1usize..6).prop_flat_map(|(n, d, k)| {
            let k = k.min(n);
            (
                proptest::collection::vec(-5i32..5, n * d).prop_map(move |v| {
                    Matrix::new(n, d, v.into_iter().map(f64::from).collect()).unwrap()
                }),
                proptest::sample::subsequence((0..n).collect::<Vec<_>>(), k),
            )
        })
    }

    proptest! {
        #[test]
        fn hamerly_equals_plain_lloyd((data, init_rows) in random_data(), max_iterations in 1usize..12) {
            // Integer grid data makes exact ties common: the hard case for bounds.
            let initial = data.select_rows(&init_rows).unwrap();
            for limit in [max_iterations, 300] {
                let plain = lloyd(&data, &initial, limit).unwrap();
                let fast = hamerly(&data, &initial, limit, &mut Silent).unwrap();
                prop_assert_eq!(plain, fast);
            }
        }

        #[test]
        fn inertia_never_increases_across_iterations((data, init_rows) in random_data()) {
            let initial = data.select_rows(&init_rows).unwrap();
            let mut previous = f64::INFINITY;
            for iterations in 1..12 {
                let run = lloyd(&data, &initial, iterations).unwrap();
                prop_assert!(run.inertia <= previous + 1e-9 * previous.abs().max(1.0), "{} > {}", run.inertia, previous);
                previous = run.inertia;
            }
        }
    }
}
