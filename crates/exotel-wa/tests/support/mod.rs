//! Running the built `exotel-wa` as a user would, for the command's tests.
#![allow(dead_code, reason = "each test binary uses a part of it")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The workspace root: the binary runs there, so paths read `examples/requests/…`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `exotel-wa args…` at the workspace root with `stdin` as its standard input.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with_env(args, stdin, &[])
}

/// As [`run`], with `env` as the only `EXOTEL_*` variables.
pub fn run_with_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exotel-wa"));
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("EXOTEL_")) {
        command.env_remove(name);
    }
    let mut child = command
        .envs(env.iter().copied())
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start exotel-wa: {error}"));
    if let Some(mut input) = child.stdin.take() {
        // A run that does not read standard input may close it first: that is not a failure.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().unwrap_or_else(|error| panic!("{error}"))
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every stdout line parsed as JSON (each line must be one JSON object).
pub fn lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}")))
        .collect()
}

/// A scratch directory under the system's temporary directory, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new empty directory (with an empty `nested/` in it) named after the test.
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("exotel-wa-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("nested")).unwrap_or_else(|error| panic!("{error}"));
        Scratch(dir)
    }

    /// Writes `body` to `name` in the directory.
    pub fn write(&self, name: &str, body: &[u8]) {
        std::fs::write(self.0.join(name), body).unwrap_or_else(|error| panic!("{name}: {error}"));
    }

    /// The directory's path as text.
    pub fn path(&self) -> &str {
        self.0.to_str().unwrap_or_else(|| panic!("temporary path is not UTF-8"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
