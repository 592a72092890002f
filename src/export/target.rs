//! Where an export's bytes go, respecting what is at the path already.
//!
//! A regular file (or a new path) is written beside itself and renamed over when complete,
//! so a failed or killed export never leaves half a file; a symlink is followed, so the link
//! stays and its target is replaced. A character device, FIFO or socket (`/dev/null`, a
//! named pipe) is written straight into: renaming over it would replace the device node.
//! `-`, and any path that is the process's own stdout (`/dev/stdout`, `/proc/self/fd/1`),
//! write to stdout. A CSV export is a directory, replaced as a unit: written into a sibling
//! `NAME.partial/` and swapped in with one atomic exchange.

use crate::error::{Error, Result};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The writers' buffer: 1 MB, so writes reach the kernel in large pieces.
const BUFFER: usize = 1 << 20;

/// What is at the output path, and so how to write it.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file or nothing (symlinks resolved): write beside it, rename over it.
    Replace(PathBuf),
    /// A device, FIFO or socket: open it and write into it.
    Into(PathBuf),
    Stdout,
}

fn target(path: &Path) -> Result<Target> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Target::Replace(resolve_links(path)?))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if is_stdout(&meta) {
        return Ok(Target::Stdout);
    }
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(Error::Usage(format!(
            "{}: is a directory; give a file name (only --format csv writes a directory)",
            path.display()
        )));
    }
    if kind.is_file() {
        return Ok(Target::Replace(resolve_links(path)?));
    }
    Ok(Target::Into(path.to_path_buf()))
}

/// Is `meta` the file stdout writes to (`/dev/stdout`, `/proc/self/fd/1`, or the same file)?
fn is_stdout(meta: &fs::Metadata) -> bool {
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd)
        .metadata()
        .is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

/// `path` with every symlink of its last component followed (a dangling link gives the
/// path it points at), so the link itself is kept and its target written.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p).map_err(|e| Error::io(&p, e))?;
                p = p.parent().unwrap_or(Path::new("")).join(to);
            }
            _ => return Ok(p),
        }
    }
    Err(Error::Usage(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// The buffered writer every export writes through: 1 MB, so writes reach the kernel in
/// large pieces, over a file, a device or stdout.
pub type Out = BufWriter<Box<dyn Write>>;

/// Write `path` through a buffered writer as its target requires (see the module comment).
pub fn write_file(path: &Path, body: impl FnOnce(&mut Out) -> io::Result<()>) -> Result<()> {
    // The writer, the path named in errors, and (to replace a file) the temporary file.
    let (inner, named, tmp): (Box<dyn Write>, Option<PathBuf>, Option<PathBuf>) =
        match target(path)? {
            Target::Stdout => (Box::new(io::stdout().lock()), None, None),
            Target::Into(p) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(&p)
                    .map_err(|e| Error::io(&p, e))?;
                (Box::new(file), Some(p), None)
            }
            Target::Replace(p) => {
                let tmp = sibling(&p, ".partial");
                // Errors name the path asked for, not the temporary file.
                let file = File::create(&tmp).map_err(|e| Error::io(&p, e))?;
                if let Ok(old) = fs::metadata(&p) {
                    let _ = fs::set_permissions(&tmp, old.permissions());
                }
                (Box::new(file), Some(p), Some(tmp))
            }
        };
    let mut w = BufWriter::with_capacity(BUFFER, inner);
    let done = body(&mut w).and_then(|()| w.flush());
    drop(w);
    let done = done.map_err(|e| into_error(e, named.as_deref()));
    let Some(tmp) = tmp else { return done };
    let path = named.expect("a replaced file has a path");
    let done = done.and_then(|()| fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e)));
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// A store error travels through the writers as an `io::Error`; give it back as it was.
fn into_error(e: io::Error, path: Option<&Path>) -> Error {
    if e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
        let inner = e.into_inner().expect("checked above");
        return *inner.downcast::<Error>().expect("checked above");
    }
    match path {
        Some(p) => Error::io(p, e),
        None => Error::Output(e),
    }
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The files a CSV export writes, in the order they are written.
pub const CSV_FILES: [&str; 2] = ["nodes.csv", "edges.csv"];

/// Write the CSV export directory `dir`: `body` fills a fresh directory, which then takes
/// the place of `dir` as a unit. A directory holding anything besides the export's own files
/// is not replaced; its two files are written beside themselves and renamed in turn.
pub fn write_dir(dir: &Path, body: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    if dir.as_os_str() == "-" {
        return Err(Error::Usage(
            "--format csv writes a directory (nodes.csv, edges.csv), not stdout".into(),
        ));
    }
    let dir = resolve_links(dir)?;
    match fs::metadata(&dir) {
        Ok(m) if !m.is_dir() => {
            return Err(Error::Usage(format!(
                "{}: --format csv writes a directory (nodes.csv, edges.csv), and this is a file",
                dir.display()
            )))
        }
        // Other files in it, or the current directory: replace the two files, not the
        // directory.
        Ok(_) if !only_export_files(&dir)? || is_here(&dir) => return write_into(&dir, body),
        Ok(_) => {}
        Err(_) => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
    }
    let tmp = sibling(&dir, ".partial");
    if tmp.exists() {
        // Left by a killed export: nothing in it was ever in place.
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let done = body(&tmp).and_then(|()| swap_in(&tmp, &dir));
    let _ = fs::remove_dir_all(&tmp);
    done
}

/// Is `dir` `.`, `..`, `/` or the current directory, which cannot be swapped for another?
fn is_here(dir: &Path) -> bool {
    dir.file_name().is_none()
        || fs::canonicalize(dir).ok()
            == std::env::current_dir()
                .ok()
                .and_then(|d| d.canonicalize().ok())
}

/// Does `dir` hold only files a CSV export writes (or their leftovers)?
fn only_export_files(dir: &Path) -> Result<bool> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for e in entries {
        let name = e.map_err(|e| Error::io(dir, e))?.file_name();
        let name = name.to_string_lossy();
        let name = name.strip_suffix(".partial").unwrap_or(&name);
        if !CSV_FILES.contains(&name) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Put the finished directory `tmp` at `dir`. An existing `dir` is exchanged with it in one
/// step (`renameat2(RENAME_EXCHANGE)`), so `dir` always holds one whole export; the old one
/// ends up at `tmp`, for the caller to remove.
fn swap_in(tmp: &Path, dir: &Path) -> Result<()> {
    if !dir.exists() {
        return fs::rename(tmp, dir).map_err(|e| Error::io(dir, e));
    }
    match exchange(tmp, dir) {
        Ok(()) => Ok(()),
        // A file system without the exchange: move the old one aside, then the new one in.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) => {
            let old = sibling(dir, ".old");
            let _ = fs::remove_dir_all(&old);
            fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
            fs::rename(tmp, dir).map_err(|e| Error::io(dir, e))?;
            fs::rename(&old, tmp).map_err(|e| Error::io(&old, e))
        }
        Err(e) => Err(Error::io(dir, e)),
    }
}

fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths, relative to the current directory.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// A directory with other files in it: write each export file beside itself, and rename
/// them into place together at the end.
fn write_into(dir: &Path, body: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = dir.join(".newsgraph-export.partial");
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let done = body(&tmp).and_then(|()| {
        for name in CSV_FILES {
            let to = dir.join(name);
            fs::rename(tmp.join(name), &to).map_err(|e| Error::io(&to, e))?;
        }
        Ok(())
    });
    let _ = fs::remove_dir_all(&tmp);
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_by_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.graphml");
        assert_eq!(target(&file).unwrap(), Target::Replace(file.clone()));
        fs::write(&file, "old").unwrap();
        let link = dir.path().join("link.graphml");
        std::os::unix::fs::symlink("g.graphml", &link).unwrap();
        assert_eq!(
            target(&link).unwrap(),
            Target::Replace(dir.path().join("g.graphml"))
        );
        assert_eq!(
            target(Path::new("/dev/null")).unwrap(),
            Target::Into("/dev/null".into())
        );
        assert_eq!(target(Path::new("-")).unwrap(), Target::Stdout);
        assert!(matches!(target(dir.path()), Err(Error::Usage(_))));
    }

    #[test]
    fn a_failed_directory_export_leaves_the_old_one_whole_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("csv");
        write_dir(&out, |d| {
            fs::write(d.join("nodes.csv"), "old nodes").unwrap();
            fs::write(d.join("edges.csv"), "old edges").unwrap();
            Ok(())
        })
        .unwrap();
        let err = write_dir(&out, |d| {
            fs::write(d.join("nodes.csv"), "new nodes").unwrap();
            Err(Error::Data("edges failed".into()))
        });
        assert!(err.is_err());
        assert_eq!(
            fs::read_to_string(out.join("nodes.csv")).unwrap(),
            "old nodes"
        );
        assert_eq!(
            fs::read_to_string(out.join("edges.csv")).unwrap(),
            "old edges"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["csv"]);
        write_dir(&out, |d| {
            fs::write(d.join("nodes.csv"), "new nodes").unwrap();
            fs::write(d.join("edges.csv"), "new edges").unwrap();
            Ok(())
        })
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("edges.csv")).unwrap(),
            "new edges"
        );
        // A new directory under new parents; one with other files keeps them.
        let deep = dir.path().join("a/b/csv");
        let fill = |text: &'static str| {
            move |d: &Path| {
                for f in CSV_FILES {
                    fs::write(d.join(f), text).unwrap();
                }
                Ok(())
            }
        };
        write_dir(&deep, fill("x")).unwrap();
        fs::write(deep.join("notes.txt"), "mine").unwrap();
        write_dir(&deep, fill("y")).unwrap();
        assert_eq!(fs::read_to_string(deep.join("notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(deep.join("nodes.csv")).unwrap(), "y");
        assert_eq!(fs::read_dir(&deep).unwrap().count(), 3);
    }
}
