//! Minimisers for the few-parameter maximum-likelihood fits: BFGS where the gradient is known
//! (BG/NBD), Nelder–Mead where it is not (Gamma-Gamma). Both report progress and stop when told.

use crate::error::{AnalyticsError, AnalyticsResult};
use crate::progress::Progress;
use std::ops::ControlFlow;

/// Stopping rules.
#[derive(Debug, Clone, Copy)]
pub struct NelderMeadConfig {
    /// Stop when the simplex's function values differ by at most this, relative to |f| + 1.
    pub f_tolerance: f64,
    /// And its vertices differ by at most this in every coordinate.
    pub x_tolerance: f64,
    /// Give up after this many iterations.
    pub max_iterations: usize,
    /// Size of the first simplex's steps from the start point.
    pub initial_step: f64,
}

impl Default for NelderMeadConfig {
    fn default() -> Self {
        NelderMeadConfig {
            f_tolerance: 1e-12,
            x_tolerance: 1e-9,
            max_iterations: 20_000,
            initial_step: 0.5,
        }
    }
}

/// A minimum found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// Where.
    pub x: Vec<f64>,
    /// The function value there.
    pub value: f64,
    /// Iterations used, summed over restarts.
    pub iterations: usize,
}

/// Minimises `f` from `start`. The search restarts once from its result, which guards against the
/// simplex collapsing early, and reports progress as `stage` after every iteration.
pub fn nelder_mead(
    f: &mut dyn FnMut(&[f64]) -> f64,
    start: &[f64],
    config: &NelderMeadConfig,
    stage: &'static str,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Minimum> {
    let mut best = search(f, start, config, stage, progress, 0)?;
    let restarted = search(f, &best.x, config, stage, progress, best.iterations)?;
    if restarted.value <= best.value {
        best = restarted;
    } else {
        best.iterations = restarted.iterations;
    }
    Ok(best)
}

fn search(
    f: &mut dyn FnMut(&[f64]) -> f64,
    start: &[f64],
    config: &NelderMeadConfig,
    stage: &'static str,
    progress: &mut dyn Progress,
    iterations_before: usize,
) -> AnalyticsResult<Minimum> {
    let dimensions = start.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(dimensions + 1);
    simplex.push((start.to_vec(), f(start)));
    for i in 0..dimensions {
        let mut vertex = start.to_vec();
        vertex[i] += config.initial_step;
        let value = f(&vertex);
        simplex.push((vertex, value));
    }
    let value_of = |v: f64| if v.is_nan() { f64::INFINITY } else { v };
    for vertex in &mut simplex {
        vertex.1 = value_of(vertex.1);
    }

    for iteration in 0..config.max_iterations {
        simplex.sort_by(|left, right| left.1.total_cmp(&right.1));
        let (best, worst) = (simplex[0].1, simplex[dimensions].1);
        let spread = (0..dimensions)
            .map(|i| {
                simplex
                    .iter()
                    .map(|(x, _)| (x[i] - simplex[0].0[i]).abs())
                    .fold(0.0, f64::max)
            })
            .fold(0.0, f64::max);
        if (worst - best).abs() <= config.f_tolerance * (best.abs() + 1.0)
            && spread <= config.x_tolerance
        {
            let (x, value) = simplex.swap_remove(0);
            return Ok(Minimum {
                x,
                value,
                iterations: iterations_before + iteration,
            });
        }
        if let ControlFlow::Break(()) =
            progress.report(stage, iterations_before + iteration, config.max_iterations)
        {
            return Err(AnalyticsError::Cancelled);
        }

        let centroid: Vec<f64> = (0..dimensions)
            .map(|i| {
                simplex[..dimensions].iter().map(|(x, _)| x[i]).sum::<f64>() / dimensions as f64
            })
            .collect();
        let along = |coefficient: f64, from: &[f64]| -> Vec<f64> {
            centroid
                .iter()
                .zip(from)
                .map(|(c, x)| c + coefficient * (x - c))
                .collect()
        };
        let worst_x = simplex[dimensions].0.clone();
        let reflected = along(-1.0, &worst_x);
        let reflected_value = value_of(f(&reflected));
        if reflected_value < simplex[0].1 {
            let expanded = along(-2.0, &worst_x);
            let expanded_value = value_of(f(&expanded));
            simplex[dimensions] = if expanded_value < reflected_value {
                (expanded, expanded_value)
            } else {
                (reflected, reflected_value)
            };
        } else if reflected_value < simplex[dimensions - 1].1 {
            simplex[dimensions] = (reflected, reflected_value);
        } else {
            let contracted = if reflected_value < worst {
                along(-0.5, &worst_x)
            } else {
                along(0.5, &worst_x)
            };
            let contracted_value = value_of(f(&contracted));
            if contracted_value < reflected_value.min(worst) {
                simplex[dimensions] = (contracted, contracted_value);
            } else {
                // Shrink every vertex towards the best one.
                let best_x = simplex[0].0.clone();
                for vertex in simplex.iter_mut().skip(1) {
                    let shrunk: Vec<f64> = best_x
                        .iter()
                        .zip(&vertex.0)
                        .map(|(b, x)| b + 0.5 * (x - b))
                        .collect();
                    let value = value_of(f(&shrunk));
                    *vertex = (shrunk, value);
                }
            }
        }
    }
    Err(AnalyticsError::NoConvergence(format!(
        "{stage}: no minimum within {} iterations",
        config.max_iterations
    )))
}

/// Stopping rules for [`bfgs`].
#[derive(Debug, Clone, Copy)]
pub struct BfgsConfig {
    /// Stop when every gradient component is at most this, relative to |f| + 1.
    pub gradient_tolerance: f64,
    /// Give up after this many iterations.
    pub max_iterations: usize,
}

impl Default for BfgsConfig {
    fn default() -> Self {
        BfgsConfig {
            gradient_tolerance: 1e-11,
            max_iterations: 500,
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `f` with BFGS and a backtracking (Armijo) line search; `f` returns the value at its first
/// argument and writes the gradient into its second.
pub fn bfgs(
    f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64,
    start: &[f64],
    config: &BfgsConfig,
    stage: &'static str,
    progress: &mut dyn Progress,
) -> AnalyticsResult<Minimum> {
    let n = start.len();
    let mut x = start.to_vec();
    let mut gradient = vec![0.0; n];
    let mut value = f(&x, &mut gradient);
    if !value.is_finite() {
        return Err(AnalyticsError::NoConvergence(format!(
            "{stage}: not finite at the start"
        )));
    }
    // Inverse Hessian estimate, row-major; identity until the first step scales it.
    let mut inverse = vec![0.0; n * n];
    (0..n).for_each(|i| inverse[i * n + i] = 1.0);
    let mut candidate = vec![0.0; n];
    let mut candidate_gradient = vec![0.0; n];
    let mut flat_steps = 0;
    for iteration in 0..config.max_iterations {
        let scale = config.gradient_tolerance * (value.abs() + 1.0);
        if gradient.iter().all(|g| g.abs() <= scale) {
            return Ok(Minimum {
                x,
                value,
                iterations: iteration,
            });
        }
        if let ControlFlow::Break(()) = progress.report(stage, iteration, config.max_iterations) {
            return Err(AnalyticsError::Cancelled);
        }
        let mut direction: Vec<f64> = (0..n)
            .map(|i| -dot(&inverse[i * n..(i + 1) * n], &gradient))
            .collect();
        let mut slope = dot(&direction, &gradient);
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            direction = gradient.iter().map(|g| -g).collect();
            slope = -dot(&gradient, &gradient);
            inverse.iter_mut().for_each(|v| *v = 0.0);
            (0..n).for_each(|i| inverse[i * n + i] = 1.0);
        }
        let mut step = 1.0;
        let mut accepted = false;
        for _ in 0..60 {
            for i in 0..n {
                candidate[i] = x[i] + step * direction[i];
            }
            let candidate_value = f(&candidate, &mut candidate_gradient);
            if candidate_value.is_finite() && candidate_value <= value + 1e-4 * step * slope {
                let s: Vec<f64> = (0..n).map(|i| candidate[i] - x[i]).collect();
                let y: Vec<f64> = (0..n)
                    .map(|i| candidate_gradient[i] - gradient[i])
                    .collect();
                let sy = dot(&s, &y);
                if sy > 1e-300 {
                    if iteration == 0 {
                        let scale = sy / dot(&y, &y);
                        (0..n).for_each(|i| inverse[i * n + i] = scale);
                    }
                    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
                    let rho = 1.0 / sy;
                    let hy: Vec<f64> = (0..n)
                        .map(|i| dot(&inverse[i * n..(i + 1) * n], &y))
                        .collect();
                    let yhy = dot(&y, &hy);
                    for i in 0..n {
                        for j in 0..n {
                            inverse[i * n + j] += rho
                                * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
                        }
                    }
                }
                x.copy_from_slice(&candidate);
                gradient.copy_from_slice(&candidate_gradient);
                let improvement = value - candidate_value;
                value = candidate_value;
                accepted = true;
                // Near the minimum the function is flat to rounding before the gradient reaches the
                // tolerance; a few steps that gain nothing measurable mean the minimum is found.
                flat_steps = if improvement <= 4.0 * f64::EPSILON * (value.abs() + 1.0) {
                    flat_steps + 1
                } else {
                    0
                };
                if flat_steps >= 3 {
                    return Ok(Minimum {
                        x,
                        value,
                        iterations: iteration + 1,
                    });
                }
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            // No decrease along the direction within rounding: this is the minimum we can resolve.
            return Ok(Minimum {
                x,
                value,
                iterations: iteration,
            });
        }
    }
    Err(AnalyticsError::NoConvergence(format!(
        "{stage}: no minimum within {} iterations",
        config.max_iterations
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let mut rosenbrock =
            |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let minimum = nelder_mead(
            &mut rosenbrock,
            &[-1.2, 1.0],
            &NelderMeadConfig::default(),
            "test",
            &mut Silent,
        )
        .unwrap();
        assert!(
            (minimum.x[0] - 1.0).abs() < 1e-6 && (minimum.x[1] - 1.0).abs() < 1e-6,
            "{minimum:?}"
        );
    }

    #[test]
    fn bfgs_finds_the_rosenbrock_minimum_with_its_gradient() {
        let mut rosenbrock = |x: &[f64], g: &mut [f64]| {
            g[0] = -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] * x[0]);
            g[1] = 200.0 * (x[1] - x[0] * x[0]);
            (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2)
        };
        let minimum = bfgs(
            &mut rosenbrock,
            &[-1.2, 1.0],
            &BfgsConfig::default(),
            "test",
            &mut Silent,
        )
        .unwrap();
        assert!(
            (minimum.x[0] - 1.0).abs() < 1e-6 && (minimum.x[1] - 1.0).abs() < 1e-6,
            "{minimum:?}"
        );
        assert!(minimum.iterations < 100);
    }

    #[test]
    fn cancels_when_progress_says_stop() {
        let mut quadratic = |x: &[f64]| x[0] * x[0];
        let mut stop = |_: &'static str, _: usize, _: usize| ControlFlow::Break(());
        let result = nelder_mead(
            &mut quadratic,
            &[3.0],
            &NelderMeadConfig::default(),
            "test",
            &mut stop,
        );
        assert_eq!(result, Err(AnalyticsError::Cancelled));
    }
}
