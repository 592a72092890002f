//! Writing result rows as an aligned table, CSV, TSV, JSON or JSON Lines.

use crate::error::Result;
use rusqlite::types::Value;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Jsonl,
}

impl OutputFormat {
    /// The format asked for, else a table on a terminal and TSV in a pipe.
    pub fn resolve(asked: Option<OutputFormat>) -> OutputFormat {
        use std::io::IsTerminal;
        asked.unwrap_or(if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Tsv
        })
    }
}

/// Streams rows in one format; tables are buffered to align their columns.
pub struct RowWriter<W: Write> {
    out: W,
    format: OutputFormat,
    columns: Vec<String>,
    table: Vec<Vec<String>>,
    rows: usize,
}

impl<W: Write> RowWriter<W> {
    pub fn new(out: W, format: OutputFormat) -> Self {
        RowWriter {
            out,
            format,
            columns: Vec::new(),
            table: Vec::new(),
            rows: 0,
        }
    }

    pub fn row(&mut self, columns: &[String], vals: &[Value]) -> Result<()> {
        if self.rows == 0 {
            self.columns = columns.to_vec();
            self.header()?;
        }
        self.rows += 1;
        match self.format {
            OutputFormat::Table => self.table.push(vals.iter().map(|v| cell(v, 80)).collect()),
            OutputFormat::Csv | OutputFormat::Tsv => {
                let cells: Vec<String> = vals.iter().map(|v| cell(v, usize::MAX)).collect();
                self.delimited(&cells)?;
            }
            OutputFormat::Json | OutputFormat::Jsonl => {
                let obj: serde_json::Map<String, serde_json::Value> =
                    columns.iter().cloned().zip(vals.iter().map(json)).collect();
                let line = serde_json::to_string(&obj).expect("JSON of plain values");
                let sep = match (self.format, self.rows) {
                    (OutputFormat::Json, 1) => "\n  ",
                    (OutputFormat::Json, _) => ",\n  ",
                    _ => "",
                };
                write!(self.out, "{sep}{line}").map_err(io)?;
                if self.format == OutputFormat::Jsonl {
                    writeln!(self.out).map_err(io)?;
                }
            }
        }
        Ok(())
    }

    fn header(&mut self) -> Result<()> {
        match self.format {
            OutputFormat::Csv | OutputFormat::Tsv => {
                let cols = self.columns.clone();
                self.delimited(&cols)?;
            }
            OutputFormat::Json => write!(self.out, "[").map_err(io)?,
            _ => {}
        }
        Ok(())
    }

    /// One CSV or TSV record, quoted where a field holds the delimiter, a quote or a newline.
    fn delimited(&mut self, cells: &[String]) -> Result<()> {
        let delim = if self.format == OutputFormat::Csv {
            ','
        } else {
            '\t'
        };
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push(delim);
            }
            if c.contains([delim, '"', '\n', '\r']) {
                line.push('"');
                line.push_str(&c.replace('"', "\"\""));
                line.push('"');
            } else {
                line.push_str(c);
            }
        }
        line.push('\n');
        self.out.write_all(line.as_bytes()).map_err(io)
    }

    /// Finish the output; `columns` are used when there were no rows.
    pub fn finish(mut self, columns: &[String]) -> Result<()> {
        if self.rows == 0 {
            self.columns = columns.to_vec();
            self.header()?;
        }
        match self.format {
            OutputFormat::Table => {
                let mut widths: Vec<usize> =
                    self.columns.iter().map(|c| c.chars().count()).collect();
                for r in &self.table {
                    for (w, c) in widths.iter_mut().zip(r) {
                        *w = (*w).max(c.chars().count());
                    }
                }
                let line = |cells: &[String]| -> String {
                    let s: Vec<String> = cells
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| format!("{c:<w$}"))
                        .collect();
                    s.join("  ").trim_end().to_string()
                };
                writeln!(self.out, "{}", line(&self.columns)).map_err(io)?;
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                writeln!(self.out, "{}", line(&rule)).map_err(io)?;
                for r in &self.table {
                    writeln!(self.out, "{}", line(r)).map_err(io)?;
                }
                writeln!(
                    self.out,
                    "({} row{})",
                    self.rows,
                    if self.rows == 1 { "" } else { "s" }
                )
                .map_err(io)?;
            }
            OutputFormat::Json => {
                writeln!(self.out, "{}]", if self.rows > 0 { "\n" } else { "" }).map_err(io)?
            }
            _ => {}
        }
        self.out.flush().map_err(io)
    }
}

fn cell(v: &Value, max: usize) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => format!("{f}"),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("<{} bytes>", b.len()),
    };
    if max == usize::MAX {
        return s;
    }
    let flat = s.replace(['\n', '\t', '\r'], " ");
    if flat.chars().count() > max {
        flat.chars().take(max - 1).chain(['…']).collect()
    } else {
        flat
    }
}

fn json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
            .into(),
    }
}

fn io(e: impl Into<crate::error::Error>) -> crate::error::Error {
    e.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(format: OutputFormat) -> String {
        let mut buf = Vec::new();
        let cols = vec!["name".to_string(), "n".to_string()];
        let mut w = RowWriter::new(&mut buf, format);
        w.row(
            &cols,
            &[Value::Text("Daily, \"NK\"".into()), Value::Integer(3)],
        )
        .unwrap();
        w.row(&cols, &[Value::Text("UPI".into()), Value::Null])
            .unwrap();
        w.finish(&cols).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn every_format_renders_and_escapes() {
        assert_eq!(
            render(OutputFormat::Csv),
            "name,n\n\"Daily, \"\"NK\"\"\",3\nUPI,\n"
        );
        assert_eq!(
            render(OutputFormat::Tsv),
            "name\tn\n\"Daily, \"\"NK\"\"\"\t3\nUPI\t\n"
        );
        assert_eq!(
            render(OutputFormat::Jsonl),
            "{\"name\":\"Daily, \\\"NK\\\"\",\"n\":3}\n{\"name\":\"UPI\",\"n\":null}\n"
        );
        let j: serde_json::Value = serde_json::from_str(&render(OutputFormat::Json)).unwrap();
        assert_eq!(j[1]["name"], "UPI");
        let t = render(OutputFormat::Table);
        assert!(
            t.starts_with("name         n\n-----------  -\nDaily, \"NK\"  3\nUPI\n(2 rows)"),
            "{t}"
        );
    }
}
