//! The one error type of newsgraph; every variant carries the context a user needs.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    Record {
        path: String,
        line: u64,
        reason: String,
    },
    #[error("{context}: {source}")]
    Sql {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Db(String),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Data(String),
    /// Ctrl-C or SIGTERM stopped the run after it had said what was done.
    #[error("{0}")]
    Interrupted(String),
    /// Writing to stdout or an output file failed (a closed pipe is not an error).
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Data(format!("CSV: {other:?}")),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Is this a write to a pipe whose reader has gone (`| head`)? That ends output quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Exit code for this error: 2 for usage, 3 for the database, 130 when interrupted (as
    /// shells report SIGINT), 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Sql { .. } | Error::Db(_) => 3,
            Error::Interrupted(_) => 130,
            _ => 1,
        }
    }
}

/// Attach context to rusqlite results.
pub trait SqlContext<T> {
    fn ctx(self, context: &str) -> Result<T>;
    /// `ctx` with a context built only on failure (for contexts that name a record).
    fn ctx_with(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> SqlContext<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.ctx_with(|| context.to_string())
    }

    fn ctx_with(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Sql {
            context: context(),
            source,
        })
    }
}
