//! Reading, checking and writing in three stages: while one batch is written, the next is
//! checked and the one after is read, and the documents reach the report in input order.

use std::sync::OnceLock;
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::Scope;

use rayon::prelude::*;

use mtlint::input::{Input, InputError, InputStream, Source};
use mtlint::linter::{Linter, PreparedDocument};

use super::fixing::{Checked, check_one};

/// How many documents are checked together; with [`BATCH_BYTES`], this bounds memory. Small
/// batches keep the three stages busy from the first megabyte to the last.
const BATCH_DOCUMENTS: usize = 256;
/// How much text is checked together at most (a single larger document is its own batch).
const BATCH_BYTES: usize = 1 << 20;

/// What the checking side hands the writing side, in input order.
pub enum Event {
    /// A document, checked (and fixed, when asked).
    Checked(Box<Checked>),
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
    /// The rules and scoring settings, set once they are loaded (to `None` if they could not
    /// be): documents are read and built meanwhile.
    pub linter: &'a OnceLock<Option<Linter>>,
    /// The threads that check.
    pub pool: &'a rayon::ThreadPool,
    /// Whether documents are fixed before they are reported.
    pub fixing: bool,
    /// Whether unsafe fixes are applied too.
    pub unsafe_fixes: bool,
}

/// Starts reading `inputs` batch by batch on one thread of `scope` and checking each batch on
/// the pool from another; the receiver yields the events of each batch in input order. At most
/// one batch waits between two stages, so memory holds about five batches whatever the corpus
/// size. Dropping the receiver stops both threads; so does a linter that could not be loaded.
pub fn start<'scope>(
    scope: &'scope Scope<'scope, '_>,
    checking: Checking<'scope>,
    inputs: InputStream,
) -> Receiver<Vec<Event>> {
    let (to_check, read) = sync_channel::<Batch>(1);
    let (to_write, checked) = sync_channel::<Vec<Event>>(1);
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
            // No rules to check with, or the writing side stopped: nothing more to check.
            let Some(events) = check_batch(&checking, batch) else {
                break;
            };
            if to_write.send(events).is_err() {
                break;
            }
        }
    });
    checked
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
/// then the documents in order. While the rules are still loading, the batch's documents are
/// built first and checked once the rules are there. `None` when the rules could not be loaded.
fn check_batch(checking: &Checking<'_>, batch: Batch) -> Option<Vec<Event>> {
    let Batch {
        mut events,
        sources,
    } = batch;
    // Fixing checks a document several times: it waits for the rules.
    let ready = match checking.linter.get() {
        Some(linter) => Some(linter.as_ref()?),
        None if checking.fixing => Some(checking.linter.wait().as_ref()?),
        None => None,
    };
    let checked: Vec<Checked> = match ready {
        Some(linter) => checking.pool.install(|| {
            sources
                .into_par_iter()
                .map(|source| check_one(linter, source, checking.fixing, checking.unsafe_fixes))
                .collect()
        }),
        None => {
            let prepared: Vec<(PreparedDocument, usize)> = checking.pool.install(|| {
                sources
                    .into_par_iter()
                    .map(|source| {
                        let bytes = source.text.len();
                        (PreparedDocument::new(source), bytes)
                    })
                    .collect()
            });
            let linter = checking.linter.wait().as_ref()?;
            checking.pool.install(|| {
                prepared
                    .into_par_iter()
                    .map(|(prepared, bytes)| Checked {
                        report: linter.lint_prepared(prepared),
                        change: None,
                        file: None,
                        applied: 0,
                        bytes,
                    })
                    .collect()
            })
        }
    };
    events.extend(checked.into_iter().map(|c| Event::Checked(Box::new(c))));
    Some(events)
}
