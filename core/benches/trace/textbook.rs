//! The textbook baselines: a CSR built plainly from the columns (edges out of locations left
//! out, since locations pass nothing on), a breadth-first search with a queue and a visited
//! bitmap, and Dijkstra's earliest arrival with a binary heap on the raw times.
//!
//! [`Plain::bfs`] and [`Plain::earliest`] are written as a textbook writes them: every call
//! starts from a visited bitmap (or a distance array) with every vertex unvisited. The same
//! loops with their buffers kept between calls and reset sparsely ([`Plain::bfs_kept`],
//! [`Plain::earliest_kept`]) are the engine's own trick handed to the textbook; the bench
//! reports both.

use std::collections::VecDeque;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tracemark::synth::GraphColumns;

pub struct Plain {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    from: Vec<i64>,
    until: Vec<i64>,
    visited: Vec<u64>,
    queue: Vec<u32>,
    depth: Vec<u32>,
    arrival: Vec<i64>,
}

impl Plain {
    pub fn new(c: &GraphColumns) -> Plain {
        let stops = c.stop_flags();
        let n = c.nodes as usize;
        let mut offsets = vec![0usize; n + 1];
        let keep = |i: usize| !stops[c.sources[i] as usize];
        for i in 0..c.len() {
            if keep(i) {
                offsets[c.sources[i] as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let m = offsets[n];
        let mut next = offsets.clone();
        let (mut targets, mut from, mut until) = (vec![0; m], vec![0; m], vec![0; m]);
        for i in 0..c.len() {
            if keep(i) {
                let at = next[c.sources[i] as usize];
                next[c.sources[i] as usize] += 1;
                targets[at] = c.targets[i];
                from[at] = c.from[i];
                until[at] = c.until[i];
            }
        }
        Plain {
            offsets,
            targets,
            from,
            until,
            visited: vec![0; n.div_ceil(64)],
            queue: Vec::new(),
            depth: Vec::new(),
            arrival: vec![i64::MAX; n],
        }
    }

    /// Every node reachable from `start` within `hops` edges, in BFS order: the textbook's
    /// loop, with a queue of (node, depth) and a visited bitmap of the whole graph.
    pub fn bfs(&self, start: u32, hops: u32) -> Vec<u32> {
        let n = self.offsets.len() - 1;
        let mut visited = vec![0u64; n.div_ceil(64)];
        let mut order = vec![start];
        let mut queue = VecDeque::from([(start, 0u32)]);
        visited[start as usize / 64] |= 1 << (start % 64);
        while let Some((u, d)) = queue.pop_front() {
            if d == hops {
                continue;
            }
            for slot in self.offsets[u as usize]..self.offsets[u as usize + 1] {
                let v = self.targets[slot];
                let (word, bit) = (v as usize / 64, 1u64 << (v % 64));
                if visited[word] & bit == 0 {
                    visited[word] |= bit;
                    order.push(v);
                    queue.push_back((v, d + 1));
                }
            }
        }
        order
    }

    /// Earliest arrival from `start` (reached at time 0), the textbook's Dijkstra: a distance
    /// for every vertex, infinite at first, and a binary heap. An edge open `[from, until]`
    /// can be taken by what is at its source by `until`, and delivers at `max(arrival, from)`.
    pub fn earliest(&self, start: u32) -> Vec<(u32, i64)> {
        let n = self.offsets.len() - 1;
        let mut arrival = vec![i64::MAX; n];
        let mut heap = BinaryHeap::new();
        let mut done = Vec::new();
        arrival[start as usize] = 0;
        heap.push(Reverse((0i64, start)));
        while let Some(Reverse((t, u))) = heap.pop() {
            if t > arrival[u as usize] {
                continue;
            }
            done.push((u, t));
            for slot in self.offsets[u as usize]..self.offsets[u as usize + 1] {
                if self.until[slot] < t {
                    continue;
                }
                let v = self.targets[slot];
                let at = t.max(self.from[slot]);
                if at < arrival[v as usize] {
                    arrival[v as usize] = at;
                    heap.push(Reverse((at, v)));
                }
            }
        }
        done
    }

    /// [`Plain::bfs`] with its buffers kept between calls and reset sparsely.
    pub fn bfs_kept(&mut self, start: u32, hops: u32) -> Vec<u32> {
        self.queue.clear();
        self.depth.clear();
        self.queue.push(start);
        self.depth.push(0);
        self.visited[start as usize / 64] |= 1 << (start % 64);
        let mut head = 0;
        while head < self.queue.len() {
            let (u, d) = (self.queue[head], self.depth[head]);
            head += 1;
            if d == hops {
                continue;
            }
            for slot in self.offsets[u as usize]..self.offsets[u as usize + 1] {
                let v = self.targets[slot];
                let (word, bit) = (v as usize / 64, 1u64 << (v % 64));
                if self.visited[word] & bit == 0 {
                    self.visited[word] |= bit;
                    self.queue.push(v);
                    self.depth.push(d + 1);
                }
            }
        }
        for v in &self.queue {
            self.visited[*v as usize / 64] = 0;
        }
        self.queue.clone()
    }

    /// [`Plain::earliest`] with its distances kept between calls and reset sparsely.
    pub fn earliest_kept(&mut self, start: u32) -> Vec<(u32, i64)> {
        let mut heap = BinaryHeap::new();
        let mut done = Vec::new();
        self.arrival[start as usize] = 0;
        self.queue.clear();
        self.queue.push(start);
        heap.push(Reverse((0i64, start)));
        while let Some(Reverse((t, u))) = heap.pop() {
            if t > self.arrival[u as usize] {
                continue;
            }
            done.push((u, t));
            for slot in self.offsets[u as usize]..self.offsets[u as usize + 1] {
                if self.until[slot] < t {
                    continue;
                }
                let v = self.targets[slot];
                let at = t.max(self.from[slot]);
                if at < self.arrival[v as usize] {
                    if self.arrival[v as usize] == i64::MAX {
                        self.queue.push(v);
                    }
                    self.arrival[v as usize] = at;
                    heap.push(Reverse((at, v)));
                }
            }
        }
        for v in &self.queue {
            self.arrival[*v as usize] = i64::MAX;
        }
        done
    }
}
