//! Walking the inputs: files, directory trees (sorted, symlink loops cut), gzip, stdin.

use super::bom::unmark;
use super::{read_stream, record_error, Format, Item, ReadOptions};
use crate::error::Error;
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions, sink: &mut dyn FnMut(Item) -> bool) {
    let mut seen_dirs = HashSet::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            if !read_stdin(opts, sink) {
                return;
            }
            continue;
        }
        if !visit(input, true, opts, &mut seen_dirs, sink) {
            return;
        }
    }
}

/// The bytes the inputs will be read from (files as the walk takes them, compressed sizes for
/// gzip), for a progress bar with a total; None when an input's size is unknown (stdin, a
/// FIFO).
pub fn input_bytes(inputs: &[PathBuf], opts: &ReadOptions) -> Option<u64> {
    fn size(
        p: &Path,
        explicit: bool,
        opts: &ReadOptions,
        seen: &mut HashSet<PathBuf>,
    ) -> Option<u64> {
        let Ok(meta) = fs::metadata(p) else {
            return Some(0);
        };
        if meta.is_dir() {
            if !seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())) {
                return Some(0);
            }
            let Ok(rd) = fs::read_dir(p) else {
                return Some(0);
            };
            let mut total = 0;
            for e in rd.filter_map(|e| e.ok()) {
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                if !hidden {
                    total += size(&e.path(), false, opts, seen)?;
                }
            }
            return Some(total);
        }
        if explicit {
            return meta.is_file().then_some(meta.len());
        }
        let known = opts.format.is_some() || Format::from_name(&p.display().to_string()).is_some();
        let read = known && meta.is_file() && !is_documentation(p);
        Some(if read { meta.len() } else { 0 })
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for input in inputs {
        if input.as_os_str() == "-" {
            return None;
        }
        total += size(input, true, opts, &mut seen)?;
    }
    Some(total)
}

/// A reader that counts the bytes it reads into the progress total.
struct Counted<R>(R);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        crate::progress::count_bytes(n);
        Ok(n)
    }
}

/// Is this a collection's own documentation (`README.TXT`, `LICENSE.md`, ...) by its name?
/// Found in a directory walk, such a file is not an article.
fn is_documentation(path: &Path) -> bool {
    const NAMES: [&str; 8] = [
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "changelog",
        "authors",
        "contributing",
    ];
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    NAMES.iter().any(|n| stem.eq_ignore_ascii_case(n))
}

/// Read one path; returns false when the sink asked to stop. `explicit` paths are read
/// whatever their extension; files found in directories only when their extension is known.
fn visit(
    path: &Path,
    explicit: bool,
    opts: &ReadOptions,
    seen_dirs: &mut HashSet<PathBuf>,
    sink: &mut dyn FnMut(Item) -> bool,
) -> bool {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return sink(Item::Rejected(cannot("open", path, e))),
    };
    if meta.is_dir() {
        let canon = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !seen_dirs.insert(canon) {
            let why = format!(
                "{}: directory already visited (a symlink loop?), skipped",
                path.display()
            );
            return sink(Item::Warning(Error::Data(why)));
        }
        let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return sink(Item::Rejected(Error::io(path, e))),
        };
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden && !visit(&e, false, opts, seen_dirs, sink) {
                return false;
            }
        }
        return true;
    }
    let name = path.display().to_string();
    if !explicit && is_documentation(path) {
        let why = format!(
            "{name}: skipped as the collection's documentation, not an article (name the file to ingest it)"
        );
        return sink(Item::Warning(Error::Data(why)));
    }
    let format = opts.format.or_else(|| Format::from_name(&name));
    let format = match (format, explicit) {
        (Some(f), _) => f,
        (None, false) => return true, // not an article file
        (None, true) => Format::Text,
    };
    if !explicit && !meta.is_file() {
        // A FIFO would block the walk until something wrote to it, a device might never end.
        let why = format!(
            "{name}: not a regular file ({}), skipped (name it to read it as a stream)",
            kind(&meta)
        );
        return sink(Item::Warning(Error::Data(why)));
    }
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Item::Rejected(cannot("open", path, e))),
    };
    let gz = name.to_ascii_lowercase().ends_with(".gz");
    let mut stop = false;
    let mut guarded = |item: Item| {
        let go = sink(item);
        stop |= !go;
        go
    };
    let input = unmark(open(Box::new(Counted(file)), gz));
    read_stream(format, input, &name, opts, &mut guarded);
    !stop
}

/// A file that cannot be opened or read, reported as `path:1: cannot open: ...`.
fn cannot(what: &str, path: &Path, e: io::Error) -> Error {
    record_error(
        &path.display().to_string(),
        1,
        format!("cannot {what}: {e}"),
    )
}

/// What kind of file other than a regular one or a directory `meta` describes.
fn kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "not a file"
    }
}

fn read_stdin(opts: &ReadOptions, sink: &mut dyn FnMut(Item) -> bool) -> bool {
    let mut raw = BufReader::with_capacity(1 << 16, io::stdin().lock());
    let gz = raw.fill_buf().is_ok_and(|h| h.starts_with(&[0x1f, 0x8b]));
    let mut input = unmark(open(Box::new(raw), gz));
    let format = match opts.format {
        Some(f) => f,
        None => {
            let head = input.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
            let (f, why) = sniff(&head, opts);
            if f != Format::Text {
                let name = match f {
                    Format::Jsonl => "JSON Lines",
                    Format::Csv => "CSV",
                    _ => "HTML",
                };
                let say = format!("-: read as {name} ({why}); pass --format to choose");
                if !sink(Item::Warning(Error::Data(say))) {
                    return false;
                }
            }
            f
        }
    };
    let mut stop = false;
    let mut guarded = |item: Item| {
        let go = sink(item);
        stop |= !go;
        go
    };
    read_stream(format, input, "-", opts, &mut guarded);
    !stop
}

/// The format of stdin given without --format, by its first bytes: `{` JSON Lines, `<`
/// HTML, a first line of comma-separated names with a text column CSV, else text; and why.
fn sniff(head: &[u8], opts: &ReadOptions) -> (Format, &'static str) {
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => return (Format::Jsonl, "it starts with `{`"),
        Some(b'<') => return (Format::Html, "it starts with `<`"),
        _ => {}
    }
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first).to_lowercase();
    let mapped = opts.field("text").map(str::to_lowercase);
    let names: Vec<&str> = first
        .split(',')
        .map(|n| n.trim().trim_matches('"').trim())
        .collect();
    let text_column = names
        .iter()
        .any(|n| ["text", "body", "content"].contains(n) || mapped.as_deref() == Some(*n));
    if names.len() > 1 && text_column {
        return (
            Format::Csv,
            "its first line is a CSV header with a text column",
        );
    }
    (Format::Text, "")
}

/// A buffered reader over `r`, decompressing when `gz`.
fn open<'a>(r: Box<dyn Read + 'a>, gz: bool) -> Box<dyn BufRead + 'a> {
    if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(r),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_bytes_counts_what_the_walk_reads() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("a.txt"), [b'a'; 10]).unwrap();
        fs::write(d.join("sub/b.jsonl"), [b'b'; 20]).unwrap();
        for skipped in [".hidden.txt", "README.txt", "x.bin"] {
            fs::write(d.join(skipped), [b'x'; 1000]).unwrap();
        }
        let fifo = d.join("f.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let opts = ReadOptions::default();
        assert_eq!(input_bytes(&[d.to_path_buf()], &opts), Some(30));
        let named = [d.join("x.bin"), d.join("a.txt")];
        assert_eq!(
            input_bytes(&named, &opts),
            Some(1010),
            "named files count whatever their name"
        );
        assert_eq!(input_bytes(&[PathBuf::from("-")], &opts), None);
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(
                input_bytes(&[fifo], &opts),
                None,
                "a FIFO's size is unknown"
            );
        }
    }
}
