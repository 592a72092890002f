//! User SQL on the store: one read-only statement at a time, its rows streamed to the caller.

use super::Store;
use crate::error::{Error, Result, SqlContext};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::Value;

/// Column names of a user query.
pub struct QueryResult {
    pub columns: Vec<String>,
}

/// Authorizer for user SQL: no other files, no extensions, no settings changed.
fn deny_escapes(ctx: AuthContext<'_>) -> Authorization {
    match ctx.action {
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => Authorization::Deny,
        AuthAction::Pragma {
            pragma_value: Some(_),
            ..
        } => Authorization::Deny,
        AuthAction::Function { function_name }
            if function_name.eq_ignore_ascii_case("load_extension") =>
        {
            Authorization::Deny
        }
        _ => Authorization::Allow,
    }
}

impl Store {
    /// Run one read-only SQL statement, calling `row` for each result row. A statement that
    /// would write is refused before it runs.
    pub fn query(
        &self,
        sql: &str,
        mut row: impl FnMut(&QueryResult, Vec<Value>) -> Result<()>,
    ) -> Result<QueryResult> {
        self.conn.authorizer(Some(deny_escapes));
        let out = self.query_inner(sql, &mut row);
        self.conn
            .authorizer(None::<fn(AuthContext<'_>) -> Authorization>);
        out
    }

    fn query_inner(
        &self,
        sql: &str,
        row: &mut impl FnMut(&QueryResult, Vec<Value>) -> Result<()>,
    ) -> Result<QueryResult> {
        let map = |e: rusqlite::Error| {
            match e {
            e if e.to_string().contains("not authorized") => Error::Usage(
                "query is read-only: ATTACH, DETACH, PRAGMA writes and extension loading are refused".into(),
            ),
            // SQLITE_ERROR while preparing: the SQL itself (syntax, no such table or
            // column), the user's to fix: a usage error, not the database's.
            rusqlite::Error::SqlInputError { msg, offset, .. } => {
                Error::Usage(format!("query: {msg} (at character {})", offset + 1))
            }
            rusqlite::Error::SqliteFailure(f, Some(msg))
                if f.code == rusqlite::ErrorCode::Unknown =>
            {
                Error::Usage(format!("query: {msg}"))
            }
            e => Error::Sql {
                context: "in query".into(),
                source: e,
            },
        }
        };
        let mut batch = rusqlite::Batch::new(&self.conn, sql);
        let mut stmt = batch
            .next()
            .map_err(map)?
            .ok_or_else(|| Error::Usage("query: no SQL statement given".into()))?;
        if batch.next().map_err(map)?.is_some() {
            return Err(Error::Usage("query takes exactly one SQL statement".into()));
        }
        if !stmt.readonly() {
            return Err(Error::Usage(
                "query is read-only: INSERT, UPDATE, DELETE, CREATE, ATTACH and PRAGMA writes are refused"
                    .into(),
            ));
        }
        let res = QueryResult {
            columns: stmt.column_names().iter().map(|s| s.to_string()).collect(),
        };
        let n = res.columns.len();
        let mut rows = stmt.query([]).ctx("running query")?;
        while let Some(r) = rows.next().ctx("running query")? {
            let vals = (0..n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<std::result::Result<Vec<_>, _>>()
                .ctx("reading query row")?;
            row(&res, vals)?;
        }
        Ok(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_refused() {
        let s = Store::open_memory().unwrap();
        for sql in [
            "DELETE FROM articles",
            "INSERT INTO entities (name, type) VALUES ('x', 'person')",
            "DROP TABLE articles",
            "ATTACH DATABASE 'x.db' AS x",
            "PRAGMA user_version = 7",
            "SELECT load_extension('x')",
        ] {
            let e = s.query(sql, |_, _| Ok(())).err().expect(sql);
            assert!(e.to_string().contains("read-only"), "{sql}: {e}");
        }
        let e = s
            .query("SELECT 1; DELETE FROM articles", |_, _| Ok(()))
            .err()
            .unwrap();
        assert!(e.to_string().contains("one SQL statement"), "{e}");
    }

    #[test]
    fn query_streams_rows_with_columns() {
        let s = Store::open_memory().unwrap();
        let mut got = Vec::new();
        let res = s
            .query(
                "SELECT type, family FROM relation_types WHERE type = 'bans'",
                |_, r| {
                    got.push(r);
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(res.columns, vec!["type", "family"]);
        assert_eq!(
            got,
            vec![vec![
                Value::Text("bans".into()),
                Value::Text("sanction".into())
            ]]
        );
    }
}
