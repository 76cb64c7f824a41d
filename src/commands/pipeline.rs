//! Reading and checking in batches on one side, writing on the other: the documents of a run
//! reach the report in input order while the next batch is already being checked.

use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use mtlint::input::{Input, InputError, InputStream};
use mtlint::linter::Linter;

use super::fixing::{Checked, check_one};

/// How many documents are checked together; with [`BATCH_BYTES`], this bounds memory.
const BATCH_DOCUMENTS: usize = 1024;
/// How much text is checked together at most (a single larger document is its own batch).
const BATCH_BYTES: usize = 4 << 20;

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

/// Reads `inputs` batch by batch and checks each batch on the pool, on a thread of its own,
/// while `consume` takes the events of the previous batch in input order. At most one checked
/// batch waits for `consume`, so memory holds about three batches whatever the corpus size. An
/// error from `consume` stops the run.
pub fn run<E>(
    checking: &Checking<'_>,
    inputs: InputStream,
    mut consume: impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let (sender, receiver) = sync_channel::<Vec<Event>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut inputs = inputs;
            while let Some(events) = next_batch(checking, &mut inputs) {
                // The writing side stopped: nothing more to check.
                if sender.send(events).is_err() {
                    break;
                }
            }
        });
        for events in receiver {
            for event in events {
                consume(event)?;
            }
        }
        Ok(())
    })
}

/// Reads and checks the next batch: the inputs that could not be read or were skipped come
/// first, then the documents in order. `None` once the inputs are exhausted.
fn next_batch(checking: &Checking<'_>, inputs: &mut InputStream) -> Option<Vec<Event>> {
    let mut events = Vec::new();
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_DOCUMENTS && bytes < BATCH_BYTES {
        match inputs.next() {
            Some(Input::Document(source)) => {
                bytes += source.text.len();
                batch.push(source);
            }
            Some(Input::Unreadable(error)) => events.push(Event::Unreadable(error)),
            Some(Input::Skipped { source, reason }) => {
                events.push(Event::Skipped { source, reason })
            }
            None => break,
        }
    }
    if batch.is_empty() && events.is_empty() {
        return None;
    }
    let checked: Vec<Checked> = checking.pool.install(|| {
        batch
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
    Some(events)
}
