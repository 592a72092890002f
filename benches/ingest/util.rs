//! Small helpers of the ingest benchmark: configuration from the environment, the machine, medians.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where the corpora are and how often to repeat each measurement.
pub struct Config {
    pub reuters: PathBuf,
    pub bbc: PathBuf,
    pub runs: usize,
    /// Substrings of section names to run (`ingest`, `extract`, `export`, `reuters`, `bbc`);
    /// empty runs everything.
    pub filters: Vec<String>,
}

impl Config {
    /// `NEWSGRAPH_BENCH_REUTERS`, `NEWSGRAPH_BENCH_BBC` (default: `../shared/corpora/...` next to
    /// the crate), `NEWSGRAPH_BENCH_RUNS` (default 5), and free arguments as section filters.
    pub fn from_env() -> Config {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
        let path = |var: &str, default: PathBuf| {
            std::env::var_os(var).map(PathBuf::from).unwrap_or(default)
        };
        let runs = std::env::var("NEWSGRAPH_BENCH_RUNS")
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|&n: &usize| n > 0)
            .unwrap_or(5);
        // `cargo bench` passes `--bench`; anything not starting with `-` is a filter.
        let filters = std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with('-'))
            .collect();
        Config {
            reuters: path("NEWSGRAPH_BENCH_REUTERS", shared.join("reuters21578.jsonl")),
            bbc: path("NEWSGRAPH_BENCH_BBC", shared.join("bbc")),
            runs,
            filters,
        }
    }

    /// Should the section `name` (e.g. `ingest/reuters`) run?
    pub fn wants(&self, name: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| name.contains(f.as_str()))
    }
}

/// The machine, as the report quotes it.
pub fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("nproc {cpus}, {model}")
}

/// The 1-minute load average, to quote next to every figure on a shared machine.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Peak resident memory of this process so far, in MB (`VmHWM`), if the kernel says.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Time `f` `runs` times; the durations and the last result.
pub fn repeat<T>(runs: usize, mut f: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        last = Some(out);
    }
    (times, last.expect("at least one run"))
}

/// Median of the durations, in seconds (the mean of the middle two for an even count).
pub fn median(times: &[Duration]) -> f64 {
    let mut s: Vec<f64> = times.iter().map(Duration::as_secs_f64).collect();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// `min..max` of the durations in seconds, to show the spread next to the median.
pub fn spread(times: &[Duration]) -> String {
    let min = times.iter().min().map_or(0.0, Duration::as_secs_f64);
    let max = times.iter().max().map_or(0.0, Duration::as_secs_f64);
    format!("{min:.3}..{max:.3} s")
}
