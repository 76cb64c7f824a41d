//! The progress bar of long runs: on stderr, only when stderr is a terminal, and only once a
//! run has taken more than a second — never in CI logs or pipes.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar shows.
const DELAY: Duration = Duration::from_secs(1);

/// Documents done, MB/s and the time left, by bytes of the inputs.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    documents: u64,
}

impl Progress {
    /// A bar over `total_bytes` (0 when unknown, as for standard input); hidden for good when
    /// stderr is not a terminal or `CI` is set.
    pub fn new(total_bytes: u64) -> Progress {
        let bar = Progress::wanted().then(|| {
            let bar = ProgressBar::with_draw_target(
                (total_bytes > 0).then_some(total_bytes),
                ProgressDrawTarget::hidden(),
            );
            let style = ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
            documents: 0,
        }
    }

    /// Whether a bar may show: stderr is a terminal and `CI` is not set.
    pub fn wanted() -> bool {
        std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
    }

    /// Counts a document of `bytes` bytes done.
    pub fn advance(&mut self, bytes: usize) {
        let Some(bar) = &self.bar else {
            return;
        };
        self.documents += 1;
        bar.inc(u64::try_from(bytes).unwrap_or(u64::MAX));
        if !self.shown && self.started.elapsed() >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        if self.shown {
            bar.set_message(format!("{} documents", self.documents));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
