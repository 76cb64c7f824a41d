//! The best sequence of links between two runs of units: Gale and Church's dynamic program,
//! scored by length ratio and shared anchors, within a band around the diagonal (linear in
//! the number of units).

use super::units::{Unit, shared};

/// A link's shape: how many units of the source and of the target it joins.
pub type Shape = (usize, usize);

/// The shapes a link may take, with the cost of each (minus the log of how often it is met,
/// tuned on half of the development set's articles: a gap is cheap, its length free, so that
/// a sentence is left out rather than forced into a neighbour's link whose length it spoils).
const SHAPES: [(Shape, f64); 8] = [
    ((1, 1), 0.12),
    ((1, 0), GAP_PRIOR),
    ((0, 1), GAP_PRIOR),
    ((2, 1), MERGE_PRIOR),
    ((1, 2), MERGE_PRIOR),
    ((2, 2), MERGE_PRIOR + 1.7),
    ((3, 1), MERGE_PRIOR + 2.2),
    ((1, 3), MERGE_PRIOR + 2.2),
];

/// What a side's lengths are compared by: the target's characters per source character over
/// the whole text, and how much a translation's length varies around it.
#[derive(Clone, Copy, Debug)]
pub struct Model {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance of a link's target length, per expected target character.
    pub variance: f64,
    /// What each shared anchor takes off a link's cost.
    pub anchor_weight: f64,
}

/// One link of a path: where it starts on each side, its shape, and its cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The first source unit.
    pub source: usize,
    /// The first target unit.
    pub target: usize,
    /// How many units of each side.
    pub shape: Shape,
    /// Its cost.
    pub cost: f64,
}

/// The cost of a sentence or paragraph left unlinked.
pub const GAP_PRIOR: f64 = 1.8;

/// The cost of two sentences of one side joined in one link with one of the other side (and
/// of a gap joined with its neighbour, when a gap's margin is measured).
pub const MERGE_PRIOR: f64 = 4.5;

/// The most a band widens for sides of different counts: the band stays a constant, and the
/// program linear in the number of units.
const MAX_WIDENING: usize = 64;

/// The least a band around the diagonal holds on each side.
const MIN_BAND: usize = 24;

impl Model {
    /// The cost of linking `source` units with `target` units.
    pub fn link_cost<'u>(&self, source: &'u [Unit], target: &'u [Unit], prior: f64) -> f64 {
        let ls: f64 = source.iter().map(|u| u.len).sum();
        let lt: f64 = target.iter().map(|u| u.len).sum();
        // A gap costs what a gap costs, whatever its length: a translation leaves out a long
        // sentence as easily as a short one.
        if source.is_empty() || target.is_empty() {
            return prior;
        }
        let cost = prior + self.length_cost(ls, lt);
        // The anchors of each side as one multiset: an anchor the target has once is matched
        // once, however many source sentences repeat it.
        // (A link has at most four units a side: a gap joined to a 3-1 link.)
        let parts = |units: &'u [Unit]| -> [&'u [u32]; 4] {
            let part = |k: usize| units.get(k).map_or(&[][..], |u| u.anchors.as_slice());
            [part(0), part(1), part(2), part(3)]
        };
        let common = shared(&parts(source), &parts(target));
        cost - self.anchor_weight * (common.min(4) as f64)
    }

    /// Minus the log of how likely a target of `lt` characters translates a source of `ls`.
    pub fn length_cost(&self, ls: f64, lt: f64) -> f64 {
        if ls == 0.0 && lt == 0.0 {
            return 0.0;
        }
        let expected = ls * self.ratio;
        let scale = (self.variance * ((expected + lt) / 2.0).max(1.0)).sqrt();
        let delta = (lt - expected).abs() / scale;
        let tail = libm::erfc(delta / std::f64::consts::SQRT_2);
        -(tail.max(1e-30)).ln()
    }

    /// The cheapest path of links through `source` and `target`, in order.
    pub fn best_path(&self, source: &[Unit], target: &[Unit]) -> Vec<Step> {
        let (n, m) = (source.len(), target.len());
        let band = MIN_BAND + (n.abs_diff(m) / 8).min(MAX_WIDENING);
        let window = |i: usize| {
            let center = (i * m).checked_div(n).unwrap_or(0);
            center.saturating_sub(band)..=(center + band).min(m)
        };
        // Row i holds the cells of its window: (cost, shape index) of the best path to (i, j).
        let rows: Vec<std::ops::RangeInclusive<usize>> = (0..=n).map(window).collect();
        let mut table: Vec<Vec<(f64, u8)>> = rows
            .iter()
            .map(|r| vec![(f64::INFINITY, u8::MAX); r.end() + 1 - r.start()])
            .collect();
        let cell = |table: &Vec<Vec<(f64, u8)>>, i: usize, j: usize| -> Option<(f64, u8)> {
            let row = rows.get(i)?;
            if !row.contains(&j) {
                return None;
            }
            table.get(i)?.get(j - row.start()).copied()
        };
        for i in 0..=n {
            let Some(row) = rows.get(i).cloned() else {
                continue;
            };
            for j in row.clone() {
                let mut best = (f64::INFINITY, u8::MAX);
                if i == 0 && j == 0 {
                    best = (0.0, u8::MAX);
                }
                for (index, &((di, dj), prior)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some((before, _)) = cell(&table, i - di, j - dj) else {
                        continue;
                    };
                    if !before.is_finite() {
                        continue;
                    }
                    let (Some(s), Some(t)) = (source.get(i - di..i), target.get(j - dj..j)) else {
                        continue;
                    };
                    let cost = before + self.link_cost(s, t, prior);
                    if cost < best.0 {
                        best = (cost, index as u8);
                    }
                }
                if let Some(slot) = table.get_mut(i).and_then(|r| r.get_mut(j - row.start())) {
                    *slot = best;
                }
            }
        }
        // Back from the end.
        let mut steps = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let Some((total, index)) = cell(&table, i, j) else {
                break;
            };
            let Some(&((di, dj), _)) = SHAPES.get(usize::from(index)) else {
                break;
            };
            let before = cell(&table, i - di, j - dj).map_or(0.0, |c| c.0);
            steps.push(Step {
                source: i - di,
                target: j - dj,
                shape: (di, dj),
                cost: total - before,
            });
            i -= di;
            j -= dj;
        }
        if i > 0 || j > 0 {
            // Outside the band: no path; every unit stands alone.
            return lone_steps(n, m);
        }
        steps.reverse();
        steps
    }
}

/// A path of unlinked units, for runs the band cannot join.
fn lone_steps(n: usize, m: usize) -> Vec<Step> {
    let sources = (0..n).map(|i| Step {
        source: i,
        target: 0,
        shape: (1, 0),
        cost: 0.0,
    });
    let targets = (0..m).map(|j| Step {
        source: n,
        target: j,
        shape: (0, 1),
        cost: 0.0,
    });
    sources.chain(targets).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lengths: &[f64]) -> Vec<Unit> {
        lengths
            .iter()
            .map(|&len| Unit {
                range: 0..0,
                len,
                anchors: Vec::new(),
            })
            .collect()
    }

    const MODEL: Model = Model {
        ratio: 1.0,
        variance: 6.8,
        anchor_weight: 1.0,
    };

    #[test]
    fn equal_lengths_link_one_to_one() {
        let path = MODEL.best_path(&units(&[40.0, 90.0, 60.0]), &units(&[42.0, 88.0, 61.0]));
        let shapes: Vec<Shape> = path.iter().map(|s| s.shape).collect();
        assert_eq!(shapes, [(1, 1), (1, 1), (1, 1)]);
    }

    #[test]
    fn a_long_sentence_missing_from_the_target_is_left_unlinked() {
        let path = MODEL.best_path(&units(&[40.0, 120.0, 60.0]), &units(&[41.0, 59.0]));
        let shapes: Vec<Shape> = path.iter().map(|s| s.shape).collect();
        assert_eq!(shapes, [(1, 1), (1, 0), (1, 1)]);
    }

    #[test]
    fn two_sentences_joined_in_translation_link_two_to_one() {
        let path = MODEL.best_path(&units(&[40.0, 50.0, 60.0]), &units(&[92.0, 59.0]));
        let shapes: Vec<Shape> = path.iter().map(|s| s.shape).collect();
        assert_eq!(shapes, [(2, 1), (1, 1)]);
    }

    #[test]
    fn a_long_run_is_aligned_within_the_band() {
        let lengths: Vec<f64> = (0..3000).map(|i| 30.0 + (i % 17) as f64 * 5.0).collect();
        let path = MODEL.best_path(&units(&lengths), &units(&lengths));
        assert_eq!(path.len(), 3000);
        assert!(path.iter().all(|s| s.shape == (1, 1)));
    }
}
