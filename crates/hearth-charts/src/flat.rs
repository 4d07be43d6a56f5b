//! Charts and hit areas as flat lists of numbers and labels: what the page sends the worker that
//! draws them. A message of two plain lists costs the page's wasm no serializer per chart type.

use crate::{Chart, Colour, HitArea, ScatterPoint, Series};

/// A chart as numbers and labels (see [`Chart::flatten`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlatChart {
    /// The chart's kind, its sizes and its values.
    pub numbers: Vec<f64>,
    /// Its labels and series names, in order.
    pub labels: Vec<String>,
}

const BARS: f64 = 0.0;
const HEATMAP: f64 = 1.0;
const SCATTER: f64 = 2.0;
const LINES: f64 = 3.0;

impl Chart {
    /// The chart as numbers and labels: its kind, then per kind the sizes and values in order
    /// (bars: count, values; heatmap: rows, columns, values row by row; scatter: count, then x,
    /// y, 0 and a category or 1 and a share per point; lines: series count, then per series its
    /// point count and points). Labels: bars', rows' then columns', series' names.
    pub fn flatten(&self) -> FlatChart {
        let mut flat = FlatChart::default();
        match self {
            Chart::Bars(bars) => {
                flat.numbers.extend([BARS, bars.len() as f64]);
                for (label, value) in bars {
                    flat.numbers.push(*value);
                    flat.labels.push(label.clone());
                }
            }
            Chart::Heatmap {
                rows,
                row_labels,
                column_labels,
            } => {
                let columns = rows.first().map_or(0, Vec::len);
                flat.numbers
                    .extend([HEATMAP, rows.len() as f64, columns as f64]);
                for row in rows {
                    flat.numbers
                        .extend((0..columns).map(|c| row.get(c).copied().unwrap_or(0.0)));
                }
                flat.numbers
                    .extend([row_labels.len() as f64, column_labels.len() as f64]);
                flat.labels.extend(row_labels.iter().cloned());
                flat.labels.extend(column_labels.iter().cloned());
            }
            Chart::Scatter(points) => {
                flat.numbers.extend([SCATTER, points.len() as f64]);
                for point in points {
                    let (kind, colour) = match point.colour {
                        Colour::Category(n) => (0.0, n as f64),
                        Colour::Scale(share) => (1.0, share),
                    };
                    flat.numbers.extend([point.x, point.y, kind, colour]);
                }
            }
            Chart::Lines(series) => {
                flat.numbers.extend([LINES, series.len() as f64]);
                for line in series {
                    flat.numbers.push(line.points.len() as f64);
                    for &(x, y) in &line.points {
                        flat.numbers.extend([x, y]);
                    }
                    flat.labels.push(line.name.clone());
                }
            }
        }
        flat
    }

    /// The chart [`Chart::flatten`] wrote, or `None` for lists it could not have written.
    pub fn unflatten(flat: &FlatChart) -> Option<Chart> {
        let mut numbers = Numbers(flat.numbers.iter());
        let mut labels = flat.labels.iter().cloned();
        let kind = numbers.next()?;
        let chart = if kind == BARS {
            let count = numbers.count()?;
            let mut bars = Vec::with_capacity(count);
            for _ in 0..count {
                bars.push((labels.next()?, numbers.next()?));
            }
            Chart::Bars(bars)
        } else if kind == HEATMAP {
            let (row_count, columns) = (numbers.count()?, numbers.count()?);
            let mut rows = Vec::with_capacity(row_count);
            for _ in 0..row_count {
                rows.push(
                    (0..columns)
                        .map(|_| numbers.next())
                        .collect::<Option<_>>()?,
                );
            }
            let row_labels = Numbers::whole(numbers.next()?)?;
            let column_labels = Numbers::whole(numbers.next()?)?;
            if row_labels + column_labels > flat.labels.len() {
                return None;
            }
            Chart::Heatmap {
                rows,
                row_labels: (0..row_labels)
                    .map(|_| labels.next())
                    .collect::<Option<_>>()?,
                column_labels: (0..column_labels)
                    .map(|_| labels.next())
                    .collect::<Option<_>>()?,
            }
        } else if kind == SCATTER {
            let count = numbers.count()?;
            let mut points = Vec::with_capacity(count);
            for _ in 0..count {
                let (x, y, kind, colour) = (
                    numbers.next()?,
                    numbers.next()?,
                    numbers.next()?,
                    numbers.next()?,
                );
                let colour = if kind == 0.0 {
                    Colour::Category(Numbers::whole(colour)?)
                } else {
                    Colour::Scale(colour)
                };
                points.push(ScatterPoint { x, y, colour });
            }
            Chart::Scatter(points)
        } else if kind == LINES {
            let count = numbers.count()?;
            let mut series = Vec::with_capacity(count);
            for _ in 0..count {
                let length = numbers.count()?;
                let points = (0..length)
                    .map(|_| Some((numbers.next()?, numbers.next()?)))
                    .collect::<Option<_>>()?;
                series.push(Series {
                    name: labels.next()?,
                    points,
                });
            }
            Chart::Lines(series)
        } else {
            return None;
        };
        (numbers.0.next().is_none() && labels.next().is_none()).then_some(chart)
    }
}

/// The numbers of a flat chart, read in order.
struct Numbers<'a>(std::slice::Iter<'a, f64>);

impl Numbers<'_> {
    fn next(&mut self) -> Option<f64> {
        self.0.next().copied()
    }

    /// A size: a whole number no larger than the numbers left (each item takes at least one, so
    /// nothing is allocated for items that are not there).
    fn count(&mut self) -> Option<usize> {
        let count = Numbers::whole(self.next()?)?;
        (count <= self.0.len()).then_some(count)
    }

    fn whole(value: f64) -> Option<usize> {
        (value >= 0.0 && value.fract() == 0.0 && value <= u32::MAX as f64).then_some(value as usize)
    }
}

/// Hit areas as five numbers each: index, left, top, right, bottom.
pub fn flatten_hits(areas: &[HitArea]) -> Vec<i32> {
    areas
        .iter()
        .flat_map(|a| [a.index as i32, a.left, a.top, a.right, a.bottom])
        .collect()
}

/// The hit areas [`flatten_hits`] wrote (a trailing partial one is dropped).
pub fn unflatten_hits(numbers: &[i32]) -> Vec<HitArea> {
    numbers
        .chunks_exact(5)
        .map(|n| HitArea {
            index: n[0].max(0) as usize,
            left: n[1],
            top: n[2],
            right: n[3],
            bottom: n[4],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charts() -> Vec<Chart> {
        vec![
            Chart::Bars(vec![("Jan".into(), 1.5), ("二月".into(), 0.0)]),
            Chart::Bars(Vec::new()),
            Chart::Heatmap {
                rows: vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]],
                row_labels: vec!["R1".into(), "R2".into()],
                column_labels: vec!["F1".into(), "F2".into(), "F3".into()],
            },
            Chart::Scatter(vec![
                ScatterPoint {
                    x: 1.0,
                    y: -2.0,
                    colour: Colour::Category(3),
                },
                ScatterPoint {
                    x: 0.5,
                    y: 9.0,
                    colour: Colour::Scale(0.25),
                },
            ]),
            Chart::Lines(vec![
                Series {
                    name: "Cumulative".into(),
                    points: vec![(0.0, 1.0), (1.0, 3.0)],
                },
                Series {
                    name: "Empty".into(),
                    points: Vec::new(),
                },
            ]),
        ]
    }

    #[test]
    fn every_kind_of_chart_reads_back_as_it_was() {
        for chart in charts() {
            assert_eq!(Chart::unflatten(&chart.flatten()), Some(chart));
        }
    }

    #[test]
    fn lists_no_chart_could_have_written_are_refused() {
        for chart in charts() {
            let mut flat = chart.flatten();
            flat.numbers.push(7.0);
            assert_eq!(
                Chart::unflatten(&flat),
                None,
                "{chart:?}: one number too many"
            );
            let mut flat = chart.flatten();
            flat.numbers.truncate(flat.numbers.len().saturating_sub(1));
            if !flat.numbers.is_empty() {
                assert_ne!(Chart::unflatten(&flat), Some(chart.clone()));
            }
        }
        let bogus = FlatChart {
            numbers: vec![0.0, 1e300],
            labels: Vec::new(),
        };
        assert_eq!(Chart::unflatten(&bogus), None);
        assert_eq!(Chart::unflatten(&FlatChart::default()), None);
    }

    #[test]
    fn hit_areas_read_back_as_they_were() {
        let areas = vec![
            HitArea {
                index: 2,
                left: -1,
                top: 3,
                right: 9,
                bottom: 12,
            },
            HitArea::around(0, (5, 5), 2),
        ];
        assert_eq!(unflatten_hits(&flatten_hits(&areas)), areas);
    }
}
