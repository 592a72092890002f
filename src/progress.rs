//! A progress line on stderr for long runs, silent when stderr is not a terminal.
//!
//! The rate is whole articles a second with thousands separators (`2,431/s`, not
//! `2431.4602/s`), and report lines printed while the bar is up go above it
//! (`report::line` asks [`above`]) instead of being drawn over by it.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

/// The bar on screen, if any: report lines are printed above it.
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A spinner counting articles, shown only if `wanted` and stderr is a terminal.
    pub fn new(wanted: bool) -> Progress {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {pos} articles ({rate})")
                .expect("valid template")
                .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}/s", thousands(s.per_sec()));
                }),
        );
        pb.enable_steady_tick(std::time::Duration::from_millis(200));
        *SHOWN.lock().unwrap_or_else(|e| e.into_inner()) = Some(pb.clone());
        Progress(Some(pb))
    }

    pub fn advance(&self, n: u64) {
        if let Some(pb) = &self.0 {
            pb.inc(n);
        }
    }

    pub fn finish(&self) {
        if let Some(pb) = &self.0 {
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
