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

/// The documents named by `paths`: files as given, directories as their `*.json` files sorted,
/// `-` as standard input; no paths means standard input.
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        return Ok(vec![PathBuf::from("-")]);
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
                .map(|e| e.map(|e| e.path()))
                .collect::<io::Result<Vec<_>>>()?
                .into_iter()
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}
