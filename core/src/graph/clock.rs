//! Event times as ranks. Edges store `u32` ranks, not `i64` times, so an edge costs the same
//! whatever the clock resolution. Ranks are doubled: an event time has an even rank, and a
//! window bound between two event times has the odd rank between theirs, so comparisons stay
//! exact. Rank 0 is the beginning of time and [`Clock::end`] its end.
//!
//! Times on a regular grid (all whole seconds, as most EPCIS event times are, or all whole
//! milliseconds over less than 12 days) are ranked by arithmetic with no table and no sort;
//! others by the sorted table of the distinct times.

use crate::error::Result;
use crate::time::Timestamp;

/// How times map to ranks.
#[derive(Clone, Debug)]
pub(crate) enum Clock {
    /// Distinct event times, sorted; rank `2r` for `r` in `1..=len` is `times[r-1]`.
    Table(Vec<i64>),
    /// `origin + unit * k` for `k` in `0..steps` has rank `2(k + 1)`.
    Grid { origin: i64, unit: i64, steps: u32 },
}

/// The most steps a grid may have: its ranks must fit below `u32::MAX` with room to spare.
const MAX_STEPS: i64 = (u32::MAX / 2 - 2) as i64;

impl Clock {
    /// The clock of a set of event times (read twice at most).
    pub(crate) fn of(times: impl Iterator<Item = i64> + Clone) -> Result<Clock> {
        let (mut lo, mut hi, mut seconds) = (i64::MAX, i64::MIN, true);
        for t in times.clone() {
            lo = lo.min(t);
            hi = hi.max(t);
            seconds &= t.rem_euclid(1000) == 0;
        }
        if lo > hi {
            return Ok(Clock::Table(Vec::new()));
        }
        let span = (i128::from(hi) - i128::from(lo)) as u128;
        for unit in [1000i64, 1] {
            if (unit == 1 || seconds) && span / (unit as u128) < MAX_STEPS as u128 {
                let steps = (span / unit as u128) as u32 + 1;
                return Ok(Clock::Grid {
                    origin: lo,
                    unit,
                    steps,
                });
            }
        }
        let mut table: Vec<i64> = times.collect();
        table.sort_unstable();
        table.dedup();
        if table.len() >= MAX_STEPS as usize {
            return Err(super::too_big("distinct times"));
        }
        Ok(Clock::Table(table))
    }

    /// The rank of an event time of this clock, `open` for none.
    #[inline]
    pub(crate) fn rank(&self, t: Option<i64>, open: u32) -> u32 {
        let Some(t) = t else { return open };
        match self {
            Clock::Table(times) => 2 * (times.partition_point(|x| *x < t) as u32 + 1),
            Clock::Grid { origin, unit, .. } => 2 * (((t - origin) / unit) as u32 + 1),
        }
    }

    /// The rank standing for the end of time.
    pub(crate) fn end(&self) -> u32 {
        2 * (self.len() + 1)
    }

    /// How many event ranks there are.
    fn len(&self) -> u32 {
        match self {
            Clock::Table(times) => times.len() as u32,
            Clock::Grid { steps, .. } => *steps,
        }
    }

    /// The time of the `r`-th event rank (`r` in `1..=len`).
    fn time(&self, r: u32) -> i64 {
        match self {
            Clock::Table(times) => times[r as usize - 1],
            Clock::Grid { origin, unit, .. } => origin + unit * i64::from(r - 1),
        }
    }

    /// How many event ranks stand for times before `t` (`strict`) or at or before it, and
    /// whether `t` is one of them.
    fn count(&self, t: i64, strict: bool) -> (u32, bool) {
        match self {
            Clock::Table(times) => {
                let p = times.partition_point(|x| if strict { *x < t } else { *x <= t });
                let at = if strict { p } else { p.wrapping_sub(1) };
                (p as u32, times.get(at) == Some(&t))
            }
            Clock::Grid {
                origin,
                unit,
                steps,
            } => {
                let d = i128::from(t) - i128::from(*origin);
                if d < 0 {
                    return (0, false);
                }
                let (q, r) = (d / i128::from(*unit), d % i128::from(*unit));
                let exact = r == 0 && q < i128::from(*steps);
                let below = if strict && exact { q } else { q + 1 };
                (below.min(i128::from(*steps)) as u32, exact)
            }
        }
    }

    /// The time of a rank, `None` for the open ends and odd ranks.
    pub(crate) fn time_of(&self, rank: u32) -> Option<Timestamp> {
        if rank % 2 == 1 || rank == 0 || rank / 2 > self.len() {
            return None;
        }
        Timestamp::from_unix_millis(self.time(rank / 2)).ok()
    }

    /// A window's start: the even rank of `t` if it is an event time, else the odd rank just
    /// below the next event time.
    pub(crate) fn at_or_after(&self, t: Timestamp) -> u32 {
        match self.count(t.unix_millis(), true) {
            (p, true) => 2 * (p + 1),
            (p, false) => 2 * p + 1,
        }
    }

    /// A window's end: the even rank of `t` if it is an event time, else the odd rank just
    /// above the last event time before it.
    pub(crate) fn at_or_before(&self, t: Timestamp) -> u32 {
        match self.count(t.unix_millis(), false) {
            (q, true) => 2 * q,
            (q, false) => 2 * q + 1,
        }
    }

    pub(crate) fn memory_bytes(&self) -> usize {
        match self {
            Clock::Table(times) => times.len() * 8,
            Clock::Grid { .. } => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn ts(ms: i64) -> Timestamp {
        Timestamp::from_unix_millis(ms).expect("time")
    }

    /// A grid and a table of the same times rank every time and window bound alike.
    #[test]
    fn grid_and_table_agree() {
        for (times, unit) in [(vec![3000i64, 5000, 9000], 1000), (vec![7, 8, 11], 1)] {
            let grid = Clock::of(times.iter().copied()).expect("clock");
            assert!(matches!(grid, Clock::Grid { unit: u, .. } if u == unit));
            let table = Clock::Table(times.clone());
            for t in &times {
                let (g, r) = (grid.rank(Some(*t), 0), table.rank(Some(*t), 0));
                assert_eq!(grid.time_of(g), table.time_of(r));
            }
            for probe in times[0] - 2 * unit..times[2] + 2 * unit {
                let (g, r) = (grid.at_or_after(ts(probe)), table.at_or_after(ts(probe)));
                let (g2, r2) = (grid.at_or_before(ts(probe)), table.at_or_before(ts(probe)));
                for t in &times {
                    let (gt, rt) = (grid.rank(Some(*t), 0), table.rank(Some(*t), 0));
                    assert_eq!(gt >= g, rt >= r, "{t} after {probe}");
                    assert_eq!(gt <= g2, rt <= r2, "{t} before {probe}");
                }
                // An even rank is a time of the clock: for a grid, also a grid point between
                // event times, which stands for itself as the odd rank of a table does.
                for rank in [g, g2] {
                    if rank % 2 == 0 {
                        assert_eq!(grid.time_of(rank), Some(ts(probe)));
                    }
                }
            }
            assert!(grid.rank(None, grid.end()) > grid.rank(Some(times[2]), 0));
        }
        // Milliseconds over years do not fit a grid: a table.
        let wide = [1i64, 1 + 10 * 365 * 86_400_000];
        assert!(matches!(Clock::of(wide.into_iter()), Ok(Clock::Table(t)) if t.len() == 2));
    }
}
