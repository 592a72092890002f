//! Print what extraction makes of a text file (`cargo run --example extract -- FILE`), or
//! time it over the `text` fields of a JSONL file (`-- --bench FILE.jsonl`).

use newsgraph::nlp::Extractor;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let x = Extractor::new(None).expect("lexicons load");
    if args.first().map(String::as_str) == Some("--bench") {
        let texts: Vec<String> = std::fs::read_to_string(&args[1])
            .expect("read")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let title = v["title"].as_str().unwrap_or("");
                v["text"]
                    .as_str()
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("{title}\n\n{t}"))
            })
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let t0 = Instant::now();
        let mut n = 0;
        for t in &texts {
            n += x.extract(t).mentions.len();
        }
        let s = t0.elapsed().as_secs_f64();
        println!(
            "{} articles, {:.1} MB, {n} mentions in {s:.2}s: {:.0} articles/s",
            texts.len(),
            bytes as f64 / 1e6,
            texts.len() as f64 / s
        );
        return;
    }
    let text = std::fs::read_to_string(&args[0]).expect("read");
    let ex = x.extract(&text);
    let chars: Vec<char> = text.chars().collect();
    for (i, e) in ex.entities.iter().enumerate() {
        let forms: Vec<String> = ex
            .mentions
            .iter()
            .filter(|m| m.entity == i)
            .map(|m| {
                format!(
                    "{}:{}",
                    chars[m.start..m.end].iter().collect::<String>(),
                    m.kind
                )
            })
            .collect();
        println!(
            "{} ({}) aliases={:?} :: {}",
            e.name,
            e.kind.as_str(),
            e.aliases,
            forms.join(" | ")
        );
    }
}
