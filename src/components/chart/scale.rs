//! Geometry of the charts as plain functions: the frame, round axis ticks, the SVG path of a
//! line (built in one pass), which labels of the time axis to keep, and the point nearest the
//! mouse.

use super::format::ValueKind;
use portal_contract::stats::Interval;
use std::fmt::Write;

/// The drawing area inside an SVG of `width` × `height`, with margins for the axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    pub fn plot_width(&self) -> f64 {
        (self.width - self.left - self.right).max(1.0)
    }

    pub fn plot_height(&self) -> f64 {
        (self.height - self.top - self.bottom).max(1.0)
    }

    /// Bottom edge of the plot (the zero line).
    pub fn baseline(&self) -> f64 {
        self.top + self.plot_height()
    }

    /// Horizontal position of point `i` of `n`, spread edge to edge (a lone point is centred).
    pub fn x_at(&self, i: usize, n: usize) -> f64 {
        if n <= 1 {
            self.left + self.plot_width() / 2.0
        } else {
            self.left + self.plot_width() * i as f64 / (n - 1) as f64
        }
    }

    /// Vertical position of `v` on an axis from 0 to `max`.
    pub fn y_at(&self, v: f64, max: f64) -> f64 {
        let share = if max > 0.0 && v.is_finite() {
            (v / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.baseline() - share * self.plot_height()
    }

    /// The point of `n` nearest to the horizontal position `x` (mouse hit-testing).
    pub fn nearest_index(&self, x: f64, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let step = self.plot_width() / (n - 1) as f64;
        let i = ((x - self.left) / step).round();
        if i.is_nan() || i < 0.0 {
            0
        } else {
            (i as usize).min(n - 1)
        }
    }
}

/// Appends `v` rounded to tenths (`12.34` → `12.3`, `7.0` → `7`): short paths, and no float
/// formatting in the wasm.
pub fn push_coord(out: &mut String, v: f64) {
    let t = if v.is_finite() {
        (v * 10.0).round() as i64
    } else {
        0
    };
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    if t % 10 != 0 {
        let _ = write!(out, ".{}", t % 10);
    }
}

/// `v` rounded to tenths, as text (an SVG attribute).
pub fn coord(v: f64) -> String {
    let mut out = String::new();
    push_coord(&mut out, v);
    out
}

/// The `d` of a polyline through `values` (one per point, `None` leaves a gap), in one pass.
pub fn line_path(frame: &Frame, max: f64, values: &[Option<f64>]) -> String {
    let n = values.len();
    let mut d = String::with_capacity(n * 14);
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                d.push(if pen_down { 'L' } else { 'M' });
                push_coord(&mut d, frame.x_at(i, n));
                d.push(' ');
                push_coord(&mut d, frame.y_at(*v, max));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

/// The `d` of the area under a line of `values` (all present), closed on the zero line.
pub fn area_path(frame: &Frame, max: f64, values: &[Option<f64>]) -> String {
    if values.is_empty() || values.iter().any(Option::is_none) {
        return String::new();
    }
    let n = values.len();
    let mut d = line_path(frame, max, values);
    d.push('L');
    push_coord(&mut d, frame.x_at(n - 1, n));
    d.push(' ');
    push_coord(&mut d, frame.baseline());
    d.push('L');
    push_coord(&mut d, frame.x_at(0, n));
    d.push(' ');
    push_coord(&mut d, frame.baseline());
    d.push('Z');
    d
}

/// Ticks of a value axis from 0 to a round number ≥ `max`, about five steps of 1, 2, 2.5 or 5
/// × 10ⁿ (durations step by 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 minutes, hours).
/// Counts never get fractional ticks.
pub fn nice_ticks(max: f64, kind: ValueKind) -> Vec<f64> {
    const TARGET_STEPS: f64 = 5.0;
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        0.0
    };
    let step = match kind {
        ValueKind::Seconds => {
            const STEPS: [f64; 11] = [
                5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0,
            ];
            let raw = (max / TARGET_STEPS).max(1.0);
            STEPS
                .into_iter()
                .find(|s| *s >= raw)
                .unwrap_or_else(|| (raw / 3600.0).ceil() * 3600.0)
        }
        _ => {
            // Counts step by whole numbers; rates by at least a tenth (the labels' precision).
            let least = if kind == ValueKind::Count { 1.0 } else { 0.1 };
            let raw = (max / TARGET_STEPS).max(least);
            // The power of ten at or below `raw` (a loop: `powf`/`log10` would add libm).
            let mut magnitude = 1.0;
            while magnitude * 10.0 <= raw {
                magnitude *= 10.0;
            }
            while magnitude > raw {
                magnitude /= 10.0;
            }
            [1.0, 2.0, 2.5, 5.0, 10.0]
                .into_iter()
                .map(|m| m * magnitude)
                .filter(|s| kind != ValueKind::Count || (s.round() - s).abs() < 1e-9)
                .find(|s| *s >= raw * (1.0 - 1e-9))
                .unwrap_or(10.0 * magnitude)
        }
    };
    // Steps of 1, 2, 2.5 and 5 × 10ⁿ divide 100, so a rate's last tick is at most 100 %.
    let count = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=count).map(|i| step * i as f64).collect()
}

/// Room a time-axis label of `chars` characters needs, gap included (12 px type).
pub fn label_room(chars: usize) -> f64 {
    chars as f64 * 7.0 + 12.0
}

/// Keep every `step`-th label of `n` points so that labels `room` px wide never overlap on a
/// plot `plot_width` px wide. Steps are whole calendar units where possible (a week of days,
/// six hours, a quarter of months).
pub fn label_step(n: usize, plot_width: f64, room: f64, interval: Interval) -> usize {
    if n <= 1 {
        return 1;
    }
    let spacing = plot_width / (n - 1) as f64;
    let needed = if spacing > 0.0 {
        (room / spacing).ceil().max(1.0) as usize
    } else {
        n
    };
    let steps: &[usize] = match interval {
        Interval::Hour => &[1, 2, 3, 4, 6, 12, 24, 48, 72, 168, 336],
        Interval::Day => &[1, 2, 7, 14, 28, 56, 91, 182, 364],
        Interval::Week => &[1, 2, 4, 8, 13, 26, 52],
        Interval::Month => &[1, 2, 3, 6, 12, 24],
    };
    steps
        .iter()
        .copied()
        .find(|s| *s >= needed)
        .unwrap_or(needed)
}

/// Indexes of the labels kept with `step`: from the first point on.
pub fn label_indexes(n: usize, step: usize) -> impl Iterator<Item = usize> {
    (0..n).step_by(step.max(1))
}
