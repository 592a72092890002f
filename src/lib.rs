//! newsgraph: a knowledge-graph builder for news archives, backed by SQLite.
//!
//! The pipeline is plain functions over plain data: `ingest` reads articles, `nlp` extracts
//! entities and relations, `store` writes and reads SQLite, `graph` builds the network and
//! `export` writes it for Gephi and friends.

pub mod cli;
pub mod error;
pub mod export;
pub mod extract;
pub mod fxhash;
pub mod grammar;
pub mod graph;
pub mod ingest;
pub mod interrupt;
pub mod learn;
pub mod model;
pub mod nlp;
pub mod progress;
pub mod report;
pub mod resident;
pub mod store;

pub use error::{Error, Result};
