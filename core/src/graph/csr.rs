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
        let mut offsets = vec![0u32; nodes + 1];
        for &s in sources {
            offsets[s as usize + 1] += 1;
        }
        for n in 0..nodes {
            offsets[n + 1] += offsets[n];
        }
        let edges = sources.len();
        let mut cursor = offsets.clone();
        let mut order = vec![0u32; edges];
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
            order[i] = at as u32;
            out.targets[at] = targets[i];
            out.from[at] = from[i];
            out.until[at] = until[i];
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
}
