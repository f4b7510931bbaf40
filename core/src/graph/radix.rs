//! A radix heap: the priority queue of an earliest-arrival search, whose keys (time ranks)
//! never go below the last one taken out.
//!
//! Items sit in 33 buckets by the highest bit in which their key differs from the last key
//! taken; taking the smallest empties bucket 0 or, when it is empty, spreads the first
//! non-empty bucket over the lower ones, each item moving down at most 32 times in all. A
//! binary heap's sift-down on every pop was more than half of a time-aware trace.

/// A monotone min-queue of `(key, value)`: every key pushed is at least the last key popped.
#[derive(Debug)]
pub(super) struct RadixHeap {
    last: u32,
    len: usize,
    buckets: [Vec<(u32, u32)>; 33],
}

impl Default for RadixHeap {
    fn default() -> RadixHeap {
        RadixHeap {
            last: 0,
            len: 0,
            buckets: std::array::from_fn(|_| Vec::new()),
        }
    }
}

impl RadixHeap {
    /// Empty, taking keys from 0 on; the buckets keep their memory.
    pub fn clear(&mut self) {
        for b in &mut self.buckets {
            b.clear();
        }
        self.last = 0;
        self.len = 0;
    }

    fn bucket(&self, key: u32) -> usize {
        32 - (key ^ self.last).leading_zeros() as usize
    }

    /// Queues `value` at `key`. A key below the last one popped (which a correct search never
    /// pushes) is queued at the last key, so the heap stays sound.
    pub fn push(&mut self, key: u32, value: u32) {
        let key = key.max(self.last);
        let b = self.bucket(key);
        self.buckets[b].push((key, value));
        self.len += 1;
    }

    /// The item of the smallest key (among equal keys, any).
    pub fn pop(&mut self) -> Option<(u32, u32)> {
        if self.len == 0 {
            return None;
        }
        if self.buckets[0].is_empty() {
            let i = (1..33).find(|&i| !self.buckets[i].is_empty())?;
            let items = std::mem::take(&mut self.buckets[i]);
            self.last = items.iter().map(|&(k, _)| k).min()?;
            for &(k, v) in &items {
                let b = self.bucket(k);
                self.buckets[b].push((k, v));
            }
            // Hand the emptied vector back so its memory is used again.
            let mut items = items;
            items.clear();
            self.buckets[i] = items;
        }
        self.len -= 1;
        self.buckets[0].pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn pops_in_key_order_as_a_binary_heap_does() {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut radix = RadixHeap::default();
        let mut popped = 0;
        for round in 0..200 {
            radix.clear();
            let mut heap = BinaryHeap::new();
            let mut last = 0u32;
            for step in 0..500 {
                // Pushes at or above the last key popped, sometimes far above; pops between.
                if next() % 3 != 0 || heap.is_empty() {
                    let span = if step % 50 == 0 {
                        u32::MAX - last
                    } else {
                        1000
                    };
                    let key = last + (next() as u32) % span.max(1);
                    radix.push(key, step);
                    heap.push(Reverse(key));
                } else {
                    let (k, _) = radix.pop().unwrap();
                    assert_eq!(Reverse(k), heap.pop().unwrap(), "round {round}");
                    last = k;
                    popped += 1;
                }
            }
            while let Some(Reverse(k)) = heap.pop() {
                assert_eq!(radix.pop().map(|(k, _)| k), Some(k));
                popped += 1;
            }
            assert_eq!(radix.pop(), None);
        }
        assert!(popped > 60_000, "{popped}");
    }
}
