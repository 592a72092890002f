//! Synthetic corpus generator for scale runs: real sentences recombined by a seeded PRNG, as JSONL.
//!
//! `cargo run --release --example gen_corpus -- --articles 1000000 --output big.jsonl`
//! Deterministic for a seed and the same inputs; streams its output, so memory is the sentence
//! pool (the input corpora's text, ~30 MB) whatever the number of articles.

mod pool;

use clap::Parser;
use pool::Pool;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Write a synthetic news corpus as JSON Lines, recombined from real sentences")]
struct Args {
    /// Articles to write.
    #[arg(long, default_value_t = 1_000_000)]
    articles: u64,
    /// PRNG seed; the same seed and inputs give the same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (`-` for stdout).
    #[arg(long, short, default_value = "-")]
    output: PathBuf,
    /// First and last year of the publication dates, spread uniformly.
    #[arg(long, default_value_t = 1990)]
    from_year: i64,
    #[arg(long, default_value_t = 2024)]
    to_year: i64,
    /// Corpora to take sentences from (default: NEWSGRAPH_BENCH_REUTERS and NEWSGRAPH_BENCH_BBC,
    /// else ../shared/corpora/reuters21578.jsonl and ../shared/corpora/bbc).
    inputs: Vec<PathBuf>,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    published: &'a str,
    source: &'a str,
}

const SOURCES: [&str; 5] = ["Reuters", "BBC", "AP", "UPI", "AFP"];

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let inputs = if args.inputs.is_empty() {
        default_inputs()
    } else {
        args.inputs.clone()
    };
    let t = Instant::now();
    let pool = Pool::load(&inputs);
    if pool.sentence_count() == 0 || pool.title_count() == 0 {
        eprintln!("gen_corpus: no sentences or no headlines in {inputs:?}");
        std::process::exit(1);
    }
    eprintln!(
        "gen_corpus: {} sentences and {} headlines from {} articles ({:.1} MB) in {:.1} s",
        pool.sentence_count(),
        pool.title_count(),
        pool.articles,
        pool.bytes() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let out: Box<dyn Write> = if args.output == Path::new("-") {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::fs::File::create(&args.output)?)
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let mut rng = SplitMix64(args.seed);
    let first_day = days_from_civil(args.from_year, 1, 1);
    let days = (days_from_civil(args.to_year + 1, 1, 1) - first_day).max(1) as u64;
    let (mut text, mut id, mut date) = (String::new(), String::new(), String::new());
    let mut bytes = 0u64;
    for n in 0..args.articles {
        // 2..=16 sentences (mean 9), in paragraphs of 1 to 3 sentences.
        let count = 2 + rng.below(8) + rng.below(8);
        text.clear();
        let mut in_para = 0;
        for _ in 0..count {
            if !text.is_empty() {
                text.push(if in_para == 0 { '\n' } else { ' ' });
            }
            text.push_str(pool.sentence(rng.below(pool.sentence_count() as u64) as usize));
            in_para = (in_para + 1) % (1 + rng.below(3) as usize);
        }
        let (y, m, d) = civil_from_days(first_day + rng.below(days) as i64);
        id.clear();
        date.clear();
        use std::fmt::Write as _;
        let _ = write!(id, "synth-{}-{n}", args.seed);
        let _ = write!(date, "{y:04}-{m:02}-{d:02}");
        let rec = Record {
            id: &id,
            title: pool.title(rng.below(pool.title_count() as u64) as usize),
            text: &text,
            published: &date,
            source: SOURCES[rng.below(SOURCES.len() as u64) as usize],
        };
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
        bytes += text.len() as u64;
        if (n + 1) % 100_000 == 0 {
            eprintln!("gen_corpus: {} articles", n + 1);
        }
    }
    out.flush()?;
    eprintln!(
        "gen_corpus: wrote {} articles, {:.1} MB of text, in {:.1} s",
        args.articles,
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn default_inputs() -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    [
        ("NEWSGRAPH_BENCH_REUTERS", "reuters21578.jsonl"),
        ("NEWSGRAPH_BENCH_BBC", "bbc"),
    ]
    .into_iter()
    .map(|(var, name)| std::env::var_os(var).map_or_else(|| shared.join(name), PathBuf::from))
    .filter(|p| p.exists())
    .collect()
}

/// SplitMix64: tiny, fast, and the same sequence on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is negligible for these sizes).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}
