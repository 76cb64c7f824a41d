//! Reading, checking and writing in three stages: while one batch is written, the next is
//! checked and the one after is read, and the documents reach the report in input order.

use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use mtlint::input::{Input, InputError, InputStream, Source};
use mtlint::linter::Linter;

use super::fixing::{Checked, check_one};

/// How many documents are checked together; with [`BATCH_BYTES`], this bounds memory. Small
/// batches keep the three stages busy from the first megabyte to the last.
const BATCH_DOCUMENTS: usize = 256;
/// How much text is checked together at most (a single larger document is its own batch).
const BATCH_BYTES: usize = 1 << 20;

/// What the checking side hands the writing side, in input order.
pub enum Event {
    /// A document, checked (and fixed, when asked).
    Checked(Checked),
    /// An input that could not be read.
    Unreadable(InputError),
    /// An input left out because it is not text.
    Skipped {
        /// The input's name.
        source: String,
        /// Why it is not text.
        reason: &'static str,
    },
}

/// How the documents are checked.
pub struct Checking<'a> {
    /// The rules and scoring settings.
    pub linter: &'a Linter,
    /// The threads that check.
    pub pool: &'a rayon::ThreadPool,
    /// Whether documents are fixed before they are reported.
    pub fixing: bool,
    /// Whether unsafe fixes are applied too.
    pub unsafe_fixes: bool,
}

/// Reads `inputs` batch by batch on one thread and checks each batch on the pool from
/// another, while `consume` takes the events of the batch before in input order. At most one
/// batch waits between two stages, so memory holds about five batches whatever the corpus
/// size. An error from `consume` stops the run.
pub fn run<E>(
    checking: &Checking<'_>,
    inputs: InputStream,
    mut consume: impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let (to_check, read) = sync_channel::<Batch>(1);
    let (to_write, checked) = sync_channel::<Vec<Event>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut inputs = inputs;
            while let Some(batch) = read_batch(&mut inputs) {
                // The checking side stopped: nothing more to read.
                if to_check.send(batch).is_err() {
                    break;
                }
            }
        });
        scope.spawn(move || {
            for batch in read {
                // The writing side stopped: nothing more to check.
                if to_write.send(check_batch(checking, batch)).is_err() {
                    break;
                }
            }
        });
        for events in checked {
            for event in events {
                consume(event)?;
            }
        }
        Ok(())
    })
}

/// A batch as read: the inputs that could not be read or were skipped, and the documents.
struct Batch {
    events: Vec<Event>,
    sources: Vec<Source>,
}

/// Reads the next batch; `None` once the inputs are exhausted.
fn read_batch(inputs: &mut InputStream) -> Option<Batch> {
    let mut events = Vec::new();
    let mut sources = Vec::new();
    let mut bytes = 0;
    while sources.len() < BATCH_DOCUMENTS && bytes < BATCH_BYTES {
        match inputs.next() {
            Some(Input::Document(source)) => {
                bytes += source.text.len();
                sources.push(source);
            }
            Some(Input::Unreadable(error)) => events.push(Event::Unreadable(error)),
            Some(Input::Skipped { source, reason }) => {
                events.push(Event::Skipped { source, reason });
            }
            None => break,
        }
    }
    (!sources.is_empty() || !events.is_empty()).then_some(Batch { events, sources })
}

/// Checks a batch on the pool: the inputs that could not be read or were skipped come first,
/// then the documents in order.
fn check_batch(checking: &Checking<'_>, batch: Batch) -> Vec<Event> {
    let Batch {
        mut events,
        sources,
    } = batch;
    let checked: Vec<Checked> = checking.pool.install(|| {
        sources
            .into_par_iter()
            .map(|source| {
                check_one(
                    checking.linter,
                    source,
                    checking.fixing,
                    checking.unsafe_fixes,
                )
            })
            .collect()
    });
    events.extend(checked.into_iter().map(Event::Checked));
    events
}
