//! A progress line on stderr for long runs, silent when stderr is not a terminal.
//!
//! When the inputs' sizes are known (files, not stdin or a FIFO), it is a bar over the bytes
//! read, with a percentage; otherwise a spinner counting articles.
//!
//! The rate is whole articles a second with thousands separators (`2,431/s`, not
//! `2431.4602/s`), and report lines printed while the bar is up go above it
//! (`report::line` asks [`above`]) instead of being drawn over by it.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Bytes read from input files so far (`count_bytes`), the bar's position.
static READ: AtomicU64 = AtomicU64::new(0);

/// Bytes read from input files so far.
pub fn bytes_read() -> u64 {
    READ.load(Ordering::Relaxed)
}

/// Add `n` bytes read from an input file.
pub fn count_bytes(n: usize) {
    READ.fetch_add(n as u64, Ordering::Relaxed);
}

/// The bar on screen, if any: report lines are printed above it.
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

pub struct Progress {
    bar: Option<ProgressBar>,
    /// Whether the bar counts bytes (a total is known) rather than articles.
    bytes: bool,
    articles: AtomicU64,
}

impl Progress {
    /// Shown only if `wanted` and stderr is a terminal: a bar over `total()` bytes when that
    /// is known, else a spinner counting articles. `total` is asked only when shown.
    pub fn new(wanted: bool, total: impl FnOnce() -> Option<u64>) -> Progress {
        let hidden = Progress {
            bar: None,
            bytes: false,
            articles: AtomicU64::new(0),
        };
        if !wanted || !std::io::stderr().is_terminal() {
            return hidden;
        }
        READ.store(0, Ordering::Relaxed);
        let total = total();
        let rate = |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}/s", thousands(s.per_sec()));
        };
        let pb = match total {
            Some(t) => ProgressBar::new(t).with_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed} [{bar:24}] {percent}% of {total_bytes}, {msg} (ETA {eta})",
                )
                .expect("valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {elapsed} {pos} articles ({rate})")
                    .expect("valid template")
                    .with_key("rate", rate),
            ),
        };
        pb.enable_steady_tick(std::time::Duration::from_millis(200));
        *SHOWN.lock().unwrap_or_else(|e| e.into_inner()) = Some(pb.clone());
        Progress {
            bar: Some(pb),
            bytes: total.is_some(),
            articles: AtomicU64::new(0),
        }
    }

    /// `n` more articles done, of input read up to byte `read_to`.
    pub fn advance(&self, n: u64, read_to: u64) {
        let Some(pb) = &self.bar else { return };
        if !self.bytes {
            pb.inc(n);
            return;
        }
        let articles = self.articles.fetch_add(n, Ordering::Relaxed) + n;
        let secs = pb.elapsed().as_secs_f64().max(1e-3);
        pb.set_message(format!(
            "{} articles ({}/s)",
            thousands(articles as f64),
            thousands(articles as f64 / secs)
        ));
        pb.set_position(read_to);
    }

    pub fn finish(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
            *SHOWN.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Run `print` with the bar (if one is shown) cleared, and draw it again after.
pub fn above(print: impl FnOnce()) {
    let shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner()).clone();
    match shown {
        Some(pb) => pb.suspend(print),
        None => print(),
    }
}

/// `rate` rounded, with a comma every three digits.
fn thousands(rate: f64) -> String {
    let digits = format!("{:.0}", rate.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_are_whole_with_separators() {
        assert_eq!(super::thousands(2431.4602), "2,431");
        assert_eq!(super::thousands(999.6), "1,000");
        assert_eq!(super::thousands(12.0), "12");
        assert_eq!(super::thousands(1234567.0), "1,234,567");
        assert_eq!(super::thousands(f64::NAN), "0");
    }
}
