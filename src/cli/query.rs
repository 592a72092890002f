//! `newsgraph query`, `search` and `stats`: reading the store from the command line.

use super::output::{OutputFormat, RowWriter};
use crate::error::Result;
use crate::store::Store;
use rusqlite::types::Value;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// One SQL statement (read-only), e.g. "SELECT * FROM edge_view ORDER BY weight DESC".
    pub sql: String,
    /// Output format (default: a table on a terminal, TSV in a pipe).
    #[arg(long, short, value_enum)]
    pub format: Option<OutputFormat>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Search terms, in SQLite FTS5 syntax (`sanctions AND "iron ore"`, `ban*`).
    pub terms: String,
    /// Most hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Output format (default: a table on a terminal, TSV in a pipe).
    #[arg(long, short, value_enum)]
    pub format: Option<OutputFormat>,
    /// Only sentences of articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only sentences of articles published on or before DATE (a year or month counts whole).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// How many top entities and edges to list (`-n` as in `top` and `search`; `--top` also works).
    #[arg(
        long = "limit",
        short = 'n',
        alias = "top",
        value_name = "N",
        default_value_t = 10
    )]
    pub top: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn query(args: &QueryArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    let mut w = RowWriter::new(std::io::stdout().lock(), OutputFormat::resolve(args.format));
    let res = store.query(&args.sql, |res, row| w.row(&res.columns, &row))?;
    w.finish(&res.columns)
}

pub fn search(args: &SearchArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    let check = |flag, v: &Option<String>| {
        v.as_deref()
            .map(|v| crate::graph::filter::check_date(flag, v))
            .transpose()
    };
    let (since, until) = (
        check("--since", &args.since)?,
        check("--until", &args.until)?,
    );
    super::graph::warn_if_undated(&store, &args.since, &args.until)?;
    let hits = store.search_dated(&args.terms, args.limit, since.as_deref(), until.as_deref())?;
    let cols: Vec<String> = [
        "article_id",
        "external_id",
        "published",
        "title",
        "sentence_id",
        "sentence",
    ]
    .map(String::from)
    .to_vec();
    let mut w = RowWriter::new(std::io::stdout().lock(), OutputFormat::resolve(args.format));
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    for h in &hits {
        let row = [
            Value::Integer(h.article_id),
            text(&h.external_id),
            text(&h.published),
            text(&h.title),
            Value::Integer(h.sentence_id),
            Value::Text(h.sentence.clone()),
        ];
        w.row(&cols, &row)?;
    }
    w.finish(&cols)
}

pub fn stats(args: &StatsArgs, db: &Path) -> Result<()> {
    let store = Store::open_readonly(db)?;
    let mut s = store.stats(args.top)?;
    // stale against the lexicon an ingest would use by default
    let lexicon = std::env::var_os("NEWSGRAPH_LEXICON")
        .map(std::path::PathBuf::from)
        .or_else(super::ingest::default_lexicon);
    let stamp = super::reextract::stamp(lexicon.as_deref())?;
    s.stale_articles = Some(store.stale_articles(&stamp)?);
    s.corrections = store.corrections_in_force()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)
            .map_err(|e| crate::error::Error::Output(e.into()))?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "articles   {}  ({} stale: `newsgraph reextract` brings them up to date)",
        s.articles,
        s.stale_articles.unwrap_or(0)
    )?;
    writeln!(out, "sentences  {}", s.sentences)?;
    writeln!(out, "entities   {}  ({} aliases)", s.entities, s.aliases)?;
    writeln!(out, "mentions   {}", s.mentions)?;
    writeln!(
        out,
        "relations  {}  ({} distinct edges)",
        s.relations, s.edges
    )?;
    let by = |v: &[(String, i64)]| {
        v.iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "\nentities by type:  {}", by(&s.entities_by_type))?;
    writeln!(out, "relations by type: {}", by(&s.relations_by_type))?;
    if !s.top_entities.is_empty() {
        writeln!(out, "\ntop entities by mentions:")?;
        for (name, t, m, a) in &s.top_entities {
            writeln!(out, "  {m:>7}  {name} ({t}), {a} articles")?;
        }
    }
    if !s.top_edges.is_empty() {
        writeln!(out, "\ntop edges by weight:")?;
        for (src, t, tgt, w) in &s.top_edges {
            writeln!(out, "  {w:>7}  {src} -{t}-> {tgt}")?;
        }
    }
    if !s.top_edges_by_family.is_empty() {
        writeln!(out, "\ntop edges of each relation family:")?;
        for (family, edges) in &s.top_edges_by_family {
            writeln!(out, "  {family}")?;
            for (src, t, tgt, w) in edges {
                writeln!(out, "  {w:>7}  {src} -{t}-> {tgt}")?;
            }
        }
    }
    writeln!(
        out,
        "\nnames to check: {} under several types, {} merged automatically",
        s.names_under_several_types, s.merges
    )?;
    writeln!(
        out,
        "corrections by hand: {} (see `newsgraph curation list`)",
        s.corrections
    )?;
    if !s.top_merges.is_empty() {
        writeln!(out, "largest automatic merges (see merge_view):")?;
        for (name, from, into, m) in &s.top_merges {
            writeln!(out, "  {m:>7}  {name}: {from} -> {into}")?;
        }
    }
    Ok(())
}
