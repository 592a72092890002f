//! Extraction apart from storing, for work split across machines: `extract` writes one JSON
//! line per article (`record`), `load` stores such lines with ingest's writer, and `merge`
//! folds another database's articles into this one the same way.

pub mod load;
pub mod merge;
pub mod record;
pub mod stream;

pub use load::LoadOptions;
pub use merge::Merged;
pub use record::{Record, VERSION};
pub use stream::{ExtractOptions, ExtractSummary};
