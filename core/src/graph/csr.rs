//! Compressed sparse rows: the edges of each node contiguous, in two flat arrays per field.
//!
//! Struct of arrays rather than an array of edge structs, because an untimed trace reads only
//! `offsets` and `targets` and should not drag the time columns through the cache.

/// One direction of the graph. In the backward CSR the times are stored mirrored
/// (`from' = END - until`, `until' = END - from`), so that one earliest-arrival algorithm
/// serves both directions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Csr {
    /// `offsets[n]..offsets[n + 1]` are the slots of node `n`.
    pub offsets: Vec<u32>,
    pub targets: Vec<u32>,
    pub from: Vec<u32>,
    pub until: Vec<u32>,
    /// Backward CSR only: the forward slot of each edge (to find its kind and record).
    pub slot: Vec<u32>,
}

impl Csr {
    /// Rows of `nodes` nodes from edges given as `(source, target)` pairs with times, by a
    /// counting sort (two passes, no comparison sort). Edges keep their input order within a
    /// row, so a time-ordered input gives time-ordered rows. `order[i]` is the position of
    /// input edge `i` in the result.
    pub fn build(
        nodes: usize,
        sources: &[u32],
        targets: &[u32],
        from: &[u32],
        until: &[u32],
    ) -> (Csr, Vec<u32>) {
        Csr::build_with(nodes, sources, targets, |i| (from[i], until[i]), true)
    }

    /// [`Csr::build`] without the `order` (an empty one): what a graph built from columns,
    /// which has no per-edge records to place, needs.
    pub fn build_unordered(
        nodes: usize,
        sources: &[u32],
        targets: &[u32],
        from: &[u32],
        until: &[u32],
    ) -> Csr {
        Csr::build_with(nodes, sources, targets, |i| (from[i], until[i]), false).0
    }

    /// The backward CSR of the forward edges `(sources, targets)` with forward times: rows by
    /// target, times mirrored against `end` as they go in, and in `slot` the forward position
    /// of each edge, worked out here by the same counting the forward build does, so that
    /// neither direction keeps an order array and the two builds can run side by side.
    pub fn build_backward(
        nodes: usize,
        sources: &[u32],
        targets: &[u32],
        from: &[u32],
        until: &[u32],
        end: u32,
    ) -> Csr {
        let mut forward = row_starts(nodes, sources);
        let (mut out, _) = Csr::build_with(
            nodes,
            targets,
            sources,
            |i| (end - until[i], end - from[i]),
            false,
        );
        out.slot = vec![0; sources.len()];
        // The rows of `out` hold each target's edges in input order, as `forward` walks them.
        let mut cursor = out.offsets.clone();
        for i in 0..sources.len() {
            let (s, t) = (sources[i] as usize, targets[i] as usize);
            let b = cursor[t] as usize;
            cursor[t] += 1;
            out.slot[b] = forward[s];
            forward[s] += 1;
        }
        out
    }

    fn build_with(
        nodes: usize,
        sources: &[u32],
        targets: &[u32],
        times: impl Fn(usize) -> (u32, u32),
        ordered: bool,
    ) -> (Csr, Vec<u32>) {
        let offsets = row_starts(nodes, sources);
        let edges = sources.len();
        let mut cursor = offsets.clone();
        let mut order = if ordered {
            vec![0u32; edges]
        } else {
            Vec::new()
        };
        let mut out = Csr {
            offsets: Vec::new(),
            targets: vec![0; edges],
            from: vec![0; edges],
            until: vec![0; edges],
            slot: Vec::new(),
        };
        for i in 0..edges {
            let s = sources[i] as usize;
            let at = cursor[s] as usize;
            cursor[s] += 1;
            if ordered {
                order[i] = at as u32;
            }
            out.targets[at] = targets[i];
            let (from, until) = times(i);
            out.from[at] = from;
            out.until[at] = until;
        }
        out.offsets = offsets;
        (out, order)
    }

    /// The slots of a node.
    #[inline]
    pub fn range(&self, node: u32) -> std::ops::Range<usize> {
        self.offsets[node as usize] as usize..self.offsets[node as usize + 1] as usize
    }

    /// The node whose row holds a slot.
    pub fn source_of(&self, slot: usize) -> u32 {
        (self.offsets.partition_point(|o| (*o as usize) <= slot) - 1) as u32
    }

    pub fn memory_bytes(&self) -> usize {
        4 * (self.offsets.len()
            + self.targets.len()
            + self.from.len()
            + self.until.len()
            + self.slot.len())
    }
}

/// Where each node's row starts (one entry more than nodes: the last is the edge count).
fn row_starts(nodes: usize, sources: &[u32]) -> Vec<u32> {
    let mut offsets = vec![0u32; nodes + 1];
    for &s in sources {
        offsets[s as usize + 1] += 1;
    }
    for n in 0..nodes {
        offsets[n + 1] += offsets[n];
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn rows_keep_input_order_and_sources_are_found() {
        let (csr, order) = Csr::build(3, &[2, 0, 2, 1], &[0, 1, 1, 2], &[1, 2, 3, 4], &[5; 4]);
        assert_eq!(csr.offsets, [0, 1, 2, 4]);
        assert_eq!(csr.targets, [1, 2, 0, 1]);
        assert_eq!(csr.from, [2, 4, 1, 3]);
        assert_eq!(order, [2, 0, 3, 1]);
        assert_eq!(
            (0..4).map(|s| csr.source_of(s)).collect::<Vec<_>>(),
            [0, 1, 2, 2]
        );
        assert_eq!(csr.range(2), 2..4);
    }

    #[test]
    fn the_backward_rows_name_their_forward_slots() {
        let (src, dst) = ([2, 0, 2, 1, 0], [0, 1, 1, 2, 1]);
        let (from, until) = ([1, 2, 3, 4, 5], [6, 7, 8, 9, 9]);
        let (fwd, order) = Csr::build(3, &src, &dst, &from, &until);
        let bwd = Csr::build_backward(3, &src, &dst, &from, &until, 10);
        assert_eq!(
            Csr::build_unordered(3, &src, &dst, &from, &until).targets,
            fwd.targets
        );
        for t in 0..3u32 {
            for b in bwd.range(t) {
                let f = bwd.slot[b] as usize;
                // The forward edge at `f` runs from this row's target back to `t`.
                assert_eq!(fwd.targets[f], t);
                assert_eq!(fwd.source_of(f), bwd.targets[b]);
                assert_eq!(
                    (bwd.from[b], bwd.until[b]),
                    (10 - fwd.until[f], 10 - fwd.from[f])
                );
            }
        }
        // Every forward slot is named once, and `order` agrees with the input edges.
        let mut named: Vec<u32> = bwd.slot.clone();
        named.sort_unstable();
        assert_eq!(named, [0, 1, 2, 3, 4]);
        for (i, &f) in order.iter().enumerate() {
            assert_eq!(fwd.targets[f as usize], dst[i]);
        }
    }
}
