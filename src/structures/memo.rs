//! A bounded, thread-safe memo for pure functions of a word, shared by every document of a run:
//! words recur across a corpus (names, typos), and their verdicts and suggestions cost far more
//! than a lookup.

use std::collections::HashMap;
use std::sync::Mutex;

use foldhash::fast::FixedState;

/// Remembers values by word; forgets everything once `capacity` words are held, so memory stays
/// flat on any corpus.
#[derive(Debug)]
pub struct Memo<V> {
    map: Mutex<HashMap<Box<str>, V, FixedState>>,
    capacity: usize,
}

impl<V: Clone> Memo<V> {
    /// An empty memo holding at most `capacity` words.
    pub fn new(capacity: usize) -> Self {
        Memo {
            map: Mutex::new(HashMap::with_hasher(FixedState::default())),
            capacity,
        }
    }

    /// The value for `key`, computed by `compute` the first time.
    pub fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(value) = self.map.lock().ok().and_then(|map| map.get(key).cloned()) {
            return value;
        }
        let value = compute();
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= self.capacity {
                map.clear();
            }
            map.insert(key.into(), value.clone());
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_stays_bounded() {
        let memo = Memo::new(2);
        let mut calls = 0;
        assert_eq!(
            memo.get_or_compute("a", || {
                calls += 1;
                1
            }),
            1
        );
        assert_eq!(
            memo.get_or_compute("a", || {
                calls += 1;
                2
            }),
            1
        );
        assert_eq!(calls, 1);
        memo.get_or_compute("b", || 2);
        memo.get_or_compute("c", || 3);
        assert_eq!(memo.map.lock().unwrap().len(), 1, "full: forgotten, then c");
    }
}
