//! `newsgraph forget`: remove articles and everything derived from them.

use crate::error::{Error, Result};
use crate::store::{ArticleSelection, Store};
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct ForgetArgs {
    /// Articles by id (`12` or `#12`) or external id.
    pub articles: Vec<String>,
    /// Also every article of this source.
    #[arg(long)]
    pub source: Option<String>,
    /// Also every article published before DATE (YYYY, YYYY-MM or YYYY-MM-DD); with --source,
    /// the articles of that source published before it.
    #[arg(long, value_name = "DATE")]
    pub before: Option<String>,
}

pub fn run(args: &ForgetArgs, db: &Path) -> Result<()> {
    if args.articles.is_empty() && args.source.is_none() && args.before.is_none() {
        return Err(Error::Usage(
            "forget: name articles, or give --source or --before".into(),
        ));
    }
    if let Some(d) = &args.before {
        crate::graph::filter::check_date("--before", d)?;
    }
    let mut store = Store::open_existing(db)?;
    let sel = ArticleSelection {
        articles: args.articles.clone(),
        source: args.source.clone(),
        before: args.before.clone(),
    };
    let ids = store.select_articles(&sel)?;
    if ids.is_empty() {
        crate::say!("no article matches: nothing forgotten");
        return Ok(());
    }
    let f = store.forget(&ids)?;
    println!(
        "forgot {} article{}: {} sentences, {} mentions, {} relations, {} entities left with nothing",
        f.articles,
        if f.articles == 1 { "" } else { "s" },
        f.sentences,
        f.mentions,
        f.relations,
        f.entities
    );
    Ok(())
}
