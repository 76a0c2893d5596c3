//! Reading the documents the subcommands work on.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Reads a file, or standard input for `-` or no path.
pub fn read(path: Option<&Path>) -> io::Result<Vec<u8>> {
    match path {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path),
        _ => {
            let mut body = Vec::new();
            io::stdin().lock().read_to_end(&mut body)?;
            Ok(body)
        }
    }
}

/// The documents named by `paths`: files as given, directories as the `*.json` files in them
/// and their subdirectories, sorted by path; `-` as standard input; no paths means standard input.
///
/// # Errors
/// A directory that cannot be listed, or that holds no `*.json` file.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        return Ok(vec![PathBuf::from("-")]);
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            json_files(path, &mut files)?;
            if files.is_empty() {
                let message = format!("{} holds no *.json file", path.display());
                return Err(io::Error::new(io::ErrorKind::NotFound, message));
            }
            files.sort();
            out.extend(files);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Collects the `*.json` files under `dir`, recursively.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            json_files(&path, out)?;
        } else if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
