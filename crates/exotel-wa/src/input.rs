//! Reading the documents the subcommands work on: at most a cap of bytes from each, and each
//! file once, however it is reached.

use std::collections::HashSet;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What was read from one source.
pub enum Body {
    /// The whole body, at most the cap.
    Whole(Vec<u8>),
    /// More than the cap: the source's size when it is a file, else the bytes read (the cap
    /// plus one), and nothing kept.
    TooLarge(usize),
}

/// Reads a file, or standard input for `-` or no path, keeping at most `max` bytes: a larger
/// source is not read further (so `/dev/zero` or an endless pipe end at once).
pub fn read(path: Option<&Path>, max: usize) -> io::Result<Body> {
    match path {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::open(path)?;
            let size = file.metadata().ok().filter(Metadata::is_file).map(|meta| meta.len());
            read_capped(file, max, size)
        }
        _ => read_capped(io::stdin().lock(), max, None),
    }
}

fn read_capped(source: impl Read, max: usize, size: Option<u64>) -> io::Result<Body> {
    let mut body = Vec::new();
    source.take(u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1)).read_to_end(&mut body)?;
    if body.len() <= max {
        return Ok(Body::Whole(body));
    }
    let actual = size.and_then(|size| usize::try_from(size).ok()).filter(|&size| size > max);
    Ok(Body::TooLarge(actual.unwrap_or(body.len())))
}

/// The documents named on the command line, and what could not be listed.
pub struct Sources {
    /// Each document once, in argument order; directories as their `*.json` files, sorted.
    pub paths: Vec<PathBuf>,
    /// A message for each path that could not be listed, or directory without documents.
    pub errors: Vec<String>,
}

/// The documents named by `paths`: files as given, directories as the `*.json` files in them
/// and their subdirectories, sorted by path; `-` as standard input; no paths means standard input.
///
/// Inside directories only regular files count (a FIFO or a device there is skipped), and
/// symbolic links are skipped unless `follow` is set; then a link back to a directory being
/// walked is reported, not followed. A file reached twice (named twice, or through a link) is
/// listed once.
pub fn expand(paths: &[PathBuf], follow: bool) -> Sources {
    let mut sources = Sources { paths: Vec::new(), errors: Vec::new() };
    if paths.is_empty() {
        sources.paths.push(PathBuf::from("-"));
        return sources;
    }
    let mut seen = HashSet::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin, true) {
                sources.paths.push(path.clone());
            }
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(error) => {
                sources.errors.push(format!("cannot read {}: {error}", path.display()));
                continue;
            }
        };
        if !meta.is_dir() {
            if seen.insert(FileId::of(path, &meta)) {
                sources.paths.push(path.clone());
            }
            continue;
        }
        let mut walk = Walk {
            follow,
            seen: &mut seen,
            walked: HashSet::new(),
            files: Vec::new(),
            errors: &mut sources.errors,
        };
        walk.dir(path, &mut vec![FileId::of(path, &meta)]);
        let mut files = walk.files;
        if files.is_empty() {
            sources.errors.push(format!("{} holds no *.json file", path.display()));
        }
        files.sort();
        sources.paths.append(&mut files);
    }
    sources
}

/// What identifies a file, whatever path reaches it.
#[derive(Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code, reason = "used where inodes are not available"))]
    Path(PathBuf),
}

impl FileId {
    fn of(path: &Path, meta: &Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileId::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
        }
    }
}

/// One directory tree being walked.
struct Walk<'a> {
    follow: bool,
    seen: &'a mut HashSet<FileId>,
    /// Directories already walked: with `follow`, links could reach one many times.
    walked: HashSet<FileId>,
    files: Vec<PathBuf>,
    errors: &'a mut Vec<String>,
}

impl Walk<'_> {
    /// Collects the `*.json` files under `dir`; `ancestors` are the directories being walked.
    fn dir(&mut self, dir: &Path, ancestors: &mut Vec<FileId>) {
        if let Some(id) = ancestors.last() {
            self.walked.insert(id.clone());
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.errors.push(format!("cannot list {}: {error}", dir.display()));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    self.errors.push(format!("cannot list {}: {error}", dir.display()));
                    continue;
                }
            };
            let path = entry.path();
            let meta = match entry.file_type() {
                Ok(kind) if kind.is_symlink() && !self.follow => continue,
                Ok(kind) if kind.is_symlink() => fs::metadata(&path),
                Ok(_) => entry.metadata(),
                Err(error) => Err(error),
            };
            let meta = match meta {
                Ok(meta) => meta,
                Err(error) => {
                    self.errors.push(format!("cannot read {}: {error}", path.display()));
                    continue;
                }
            };
            let id = FileId::of(&path, &meta);
            if meta.is_dir() {
                if ancestors.contains(&id) {
                    self.errors
                        .push(format!("{} links back to a directory above it: not followed", path.display()));
                } else if self.walked.insert(id.clone()) {
                    ancestors.push(id);
                    self.dir(&path, ancestors);
                    ancestors.pop();
                }
            } else if meta.is_file() && path.extension().is_some_and(|e| e == "json") && self.seen.insert(id)
            {
                self.files.push(path);
            }
        }
    }
}
