//! Rebuild the name recognizer's model, `data/ner/names.model`, from the openly licensed
//! corpora in `../shared/ner/`, byte for byte, and report held-out figures.
//!
//! `cargo run --release --example train_ner -- [--shared DIR] [--out FILE] [--epochs N]`

use newsgraph::learn::Model;
use newsgraph::nlp::ner::{features::Lexicons, train};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut opts = train::Options::default();
    let mut out = PathBuf::from("data/ner/names.model");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--shared" => opts.shared = PathBuf::from(val()?),
            "--out" => out = PathBuf::from(val()?),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--precision" => opts.precision = val()?.parse()?,
            "--files" => {
                opts.files = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?
            }
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t = std::time::Instant::now();
    let bytes = train::train(&opts)?;
    std::fs::write(&out, &bytes)?;
    let model = Model::from_bytes(&bytes)?;
    eprintln!(
        "{}: {} features, {} bytes, {:.1} s",
        out.display(),
        model.len(),
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    let x = newsgraph::nlp::Extractor::new(None)?;
    let lex = Lexicons {
        gaz: &x.gazetteer,
        cues: &x.cues,
    };
    for (f, format) in train::HELD_OUT {
        let mut docs = train::load(&opts.shared, &[(f, format)])?;
        docs.iter_mut().for_each(|d| train::align(d, lex));
        let (p, r, f1) = train::evaluate(&model, &docs, lex);
        eprintln!("held out {f}: P {p:.3} R {r:.3} F1 {f1:.3}");
    }
    Ok(())
}
