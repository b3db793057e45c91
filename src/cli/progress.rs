//! Indexing progress on standard error: a bar on a terminal, a plain line
//! every few seconds otherwise, nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use fahras::indexer::Observer;
use fahras::ingest::{IngestError, IngestErrorKind};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProgressMode {
    /// A bar if standard error is a terminal, periodic lines otherwise.
    Auto,
    /// Nothing.
    Quiet,
}

/// A running progress display.
pub(crate) struct Progress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    lines: bool,
    started: Instant,
    last_line: Instant,
    /// The file whose records read in another encoding are being counted,
    /// and how many so far.
    encoded: Option<(std::path::PathBuf, u64)>,
}

/// A file in another encoding has every record rejected: the first few
/// are listed, then one line says the rest are not.
const ENCODED_LISTED: u64 = 3;

const LINE_EVERY: Duration = Duration::from_secs(5);

/// No time left is shown before this: the first seconds' rate says little.
const ETA_AFTER: Duration = Duration::from_secs(3);

/// `, about Ns left to read` from the average rate since the start, once
/// [`ETA_AFTER`] has passed; once all is read, that the index is being
/// written. It says "to read": the last commit and merges come after, and
/// take a third of the time more or less (measured: 5.4 of 16.3 s), which
/// no rate of reading foretells.
fn time_left(elapsed: Duration, done: u64, total: Option<u64>) -> String {
    let Some(total) = total.filter(|&t| t > 0) else { return String::new() };
    if done >= total {
        return ", writing the index…".to_string();
    }
    if elapsed < ETA_AFTER || done == 0 {
        return String::new();
    }
    let left = elapsed.as_secs_f64() * (total - done) as f64 / done as f64;
    format!(", about {:.0} s left to read", left.max(1.0))
}

impl Progress {
    /// A display that starts when the run does.
    pub(crate) fn new(mode: ProgressMode) -> Progress {
        let now = Instant::now();
        Progress { mode, bar: None, lines: false, started: now, last_line: now, encoded: None }
    }

    /// Starts the display for `total_bytes` of input (when known).
    fn start(&mut self, total_bytes: Option<u64>) {
        let mode = self.mode;
        let now = Instant::now();
        let terminal = mode == ProgressMode::Auto && std::io::stderr().is_terminal();
        let bar = terminal.then(|| {
            let bar = match total_bytes {
                Some(total) => {
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                }
                None => ProgressBar::new_spinner(),
            };
            // MB, as the summary says; the time left is Fahras's own (see
            // `update`), not indicatif's rate of the last few ticks.
            let template = if total_bytes.is_some() {
                "{spinner} [{elapsed_precise}] {bar:24} {decimal_bytes}/{decimal_total_bytes} {msg}"
            } else {
                "{spinner} [{elapsed_precise}] {decimal_bytes} {msg}"
            };
            bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        self.bar = bar;
        self.lines = mode == ProgressMode::Auto && !terminal;
        self.started = now;
        self.last_line = now;
    }

    /// Reports `articles` done and `bytes` of input read so far.
    fn update(&mut self, articles: u64, bytes: u64) {
        let rate = articles as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            let left = time_left(self.started.elapsed(), bytes, bar.length());
            bar.set_message(format!("{articles} articles, {rate:.0}/s{left}"));
        } else if self.lines && self.last_line.elapsed() >= LINE_EVERY {
            self.last_line = Instant::now();
            say!(
                "fahras: {articles} articles, {:.1} MB read, {rate:.0} articles/s",
                bytes as f64 / 1e6
            );
        }
    }

    /// Prints a line without breaking the bar; a record's text in it is
    /// shown, never obeyed.
    fn println(&self, line: &str) {
        let line = super::printer::escape::visible(line);
        match &self.bar {
            Some(bar) => bar.suspend(|| say!("{line}")),
            None => say!("{line}"),
        }
    }

    /// Removes the bar.
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn started(&mut self, total_bytes: Option<u64>) {
        self.start(total_bytes);
    }

    fn progress(&mut self, articles: u64, bytes: u64) {
        self.update(articles, bytes);
    }

    fn rejected(&mut self, error: &IngestError) {
        if let IngestErrorKind::OtherEncoding { encoding, .. } = error.kind {
            let count = match &mut self.encoded {
                Some((path, count)) if *path == error.path => {
                    *count += 1;
                    *count
                }
                _ => {
                    self.encoded = Some((error.path.clone(), 1));
                    1
                }
            };
            if count == ENCODED_LISTED + 1 {
                self.println(&format!(
                    "fahras: {}: more records that read as {encoding} are not listed \
                     (the summary counts every rejected record)",
                    error.path.display()
                ));
            }
            if count > ENCODED_LISTED {
                return;
            }
        }
        self.println(&format!("fahras: {error}"));
    }

    fn undated(&mut self, error: &IngestError) {
        self.println(&format!(
            "fahras: {error}; indexed without a date (--strict stops the run there)"
        ));
    }

    fn finished(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_left_is_an_average_shown_after_the_first_seconds() {
        let s = Duration::from_secs;
        assert_eq!(time_left(s(1), 50, Some(100)), "");
        assert_eq!(time_left(s(10), 50, Some(100)), ", about 10 s left to read");
        assert_eq!(time_left(s(10), 100, Some(100)), ", writing the index…");
        assert_eq!(time_left(s(10), 50, None), "");
    }
}
