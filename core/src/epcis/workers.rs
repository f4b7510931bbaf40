//! Checking and hashing a streamed document's events on every core while the parser goes on.
//!
//! Events are independent, and parsing, checking and hashing one is the whole cost of an
//! import. So the calling thread only finds where each event's text begins and ends (a scan
//! that checks the JSON syntax and builds nothing) and hands the texts out in batches, round
//! robin, to worker threads that each own their namespaces and hasher; it takes the results
//! back in the same round robin, which is document order. At most a few batches per worker
//! are in flight: memory stays bounded whatever the document's size, and the callback sees
//! every event in order, on the calling thread, exactly as when one thread does everything.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use serde_json::Value;
use serde_json::value::RawValue;

use super::context::Namespaces;
use super::document::{EventPath, Item, check};
use super::event_hash::{CbvVersion, StreamHasher};
use super::problem::Problem;
use crate::error::{Error, Result};

/// Events per batch: enough that a batch's hand-over costs little next to its work.
const BATCH: usize = 64;

/// Batches per worker handed out and not yet taken back.
const IN_FLIGHT: usize = 2;

/// Documents with fewer events than this are read on the calling thread alone.
pub(super) const WORTH_THREADS: usize = BATCH;

/// An event as the parser gives it: its index, its JSON path, its text (or its value, for
/// events held back until the document's `@context` came).
struct Job {
    index: usize,
    path: EventPath,
    event: Event,
}

/// An event's JSON, as text for a worker to parse or already parsed.
pub(super) enum Event {
    Text(Box<RawValue>),
    Parsed(Value),
}

/// An event read, or the reason its text is not JSON after all (a number out of range).
type Outcome = Result<Item>;

fn outcome(ns: &Namespaces, hasher: &StreamHasher, job: Job) -> Outcome {
    let raw = match job.event {
        Event::Parsed(v) => v,
        Event::Text(text) => serde_json::from_str(text.get()).map_err(|e| {
            Problem::new(job.path.to_string(), "not_json", format!("not JSON: {e}")).into_error()
        })?,
    };
    Ok(check(ns, hasher, job.index, job.path, raw))
}

/// The worker threads of one document's reading.
pub(super) struct Workers {
    jobs: Vec<Sender<Vec<Job>>>,
    done: Vec<Receiver<Vec<Outcome>>>,
    threads: Vec<JoinHandle<()>>,
    batch: Vec<Job>,
    sent: usize,
    received: usize,
}

impl Workers {
    /// Workers for up to `threads` threads; `None` when that is one, or the machine has one
    /// core (or cannot tell): the calling thread does all.
    pub fn start(namespaces: &Namespaces, context: &Value, threads: usize) -> Option<Workers> {
        if threads < 2 {
            return None;
        }
        let cores = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(threads);
        if cores < 2 {
            return None;
        }
        let mut workers = Workers {
            jobs: Vec::new(),
            done: Vec::new(),
            threads: Vec::new(),
            batch: Vec::with_capacity(BATCH),
            sent: 0,
            received: 0,
        };
        // As many workers as cores: the parsing thread waits on them often enough that the
        // cores stay busy without one of their own.
        for _ in 0..cores.min(8) {
            let (job_tx, job_rx) = mpsc::channel::<Vec<Job>>();
            let (done_tx, done_rx) = mpsc::channel::<Vec<Outcome>>();
            let ns = namespaces.clone();
            let context = context.clone();
            let spawned = std::thread::Builder::new()
                .name("tracemark-epcis".into())
                .spawn(move || {
                    let hasher = StreamHasher::new(CbvVersion::Cbv20, &context);
                    for batch in job_rx {
                        let items = batch
                            .into_iter()
                            .map(|j| outcome(&ns, &hasher, j))
                            .collect();
                        if done_tx.send(items).is_err() {
                            break;
                        }
                    }
                });
            // A thread the system will not give is work the calling thread keeps.
            let Ok(thread) = spawned else { break };
            workers.jobs.push(job_tx);
            workers.done.push(done_rx);
            workers.threads.push(thread);
        }
        (!workers.threads.is_empty()).then_some(workers)
    }

    /// Queues an event; hands the callback the results that are ready, in order.
    pub fn push(
        &mut self,
        index: usize,
        path: EventPath,
        event: Event,
        each: &mut impl FnMut(Item) -> Result<()>,
    ) -> Result<()> {
        self.batch.push(Job { index, path, event });
        if self.batch.len() < BATCH {
            return Ok(());
        }
        self.send();
        while self.sent - self.received > IN_FLIGHT * self.threads.len() {
            self.receive(each)?;
        }
        Ok(())
    }

    /// Hands the callback every result still to come, in order.
    pub fn finish(mut self, each: &mut impl FnMut(Item) -> Result<()>) -> Result<()> {
        if !self.batch.is_empty() {
            self.send();
        }
        while self.received < self.sent {
            self.receive(each)?;
        }
        Ok(())
    }

    fn send(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        let n = self.jobs.len();
        // A worker only goes away by panicking, which `receive` passes on.
        let _ = self.jobs[self.sent % n].send(batch);
        self.sent += 1;
    }

    fn receive(&mut self, each: &mut impl FnMut(Item) -> Result<()>) -> Result<()> {
        let n = self.done.len();
        let Ok(items) = self.done[self.received % n].recv() else {
            // The worker panicked (no input makes one): its panic goes on here rather than
            // leaving events out.
            self.jobs.clear();
            for t in self.threads.drain(..) {
                if let Err(panic) = t.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            return Err(Error::Io("an EPCIS import worker thread stopped".into()));
        };
        self.received += 1;
        items.into_iter().try_for_each(|item| each(item?))
    }
}

impl Drop for Workers {
    /// Stops the workers (their job lists close) and waits for them, so no thread outlives
    /// the reading, whether it ended or failed.
    fn drop(&mut self) {
        self.jobs.clear();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}
