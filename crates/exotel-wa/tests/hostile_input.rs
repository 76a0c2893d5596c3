//! What a stranger's input can do to `exotel-wa`: nothing but be reported (issue 10). Every
//! case is bounded: the largest input any test writes is the cap plus a few bytes.

mod support;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use support::{Scratch, lines, root, run, stdout};

const TEXT: &[u8] =
    br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888", "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `exotel-wa args…` with its standard output going to a pipe whose reading end is closed.
fn with_closed_stdout(args: &[&str], stdin: &[u8]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap_or_else(|error| panic!("{error}"));
    drop(reader);
    let mut child = Command::new(env!("CARGO_BIN_EXE_exotel-wa"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{error}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().unwrap_or_else(|error| panic!("{error}"))
}

// ---------------------------------------------------------------- item 2: caps before reading

#[test]
fn endless_files_are_refused_after_the_cap() {
    for args in
        [&["check", "--format", "json", "/dev/zero"][..], &["check", "--format", "json", "/dev/urandom"]]
    {
        let output = run(args, b"");
        assert_eq!(code(&output), Some(1), "{args:?}: {}", stderr(&output));
        let lines = lines(&output);
        assert_eq!(lines[0]["errors"][0]["rule"], "too_large", "{args:?}");
        assert_eq!(lines[0]["errors"][0]["actual"], 4 * 1024 * 1024 + 1, "a stream's size is what was read");
    }
    let output = run(&["callback", "/dev/zero"], b"");
    assert_eq!(code(&output), Some(1));
    assert!(stderr(&output).contains("more than the 1048576 a callback may have"), "{}", stderr(&output));
}

#[test]
fn a_large_sparse_file_is_refused_with_its_size_unread() {
    let dir = Scratch::new("sparse");
    let path = dir.0.join("big.json");
    let file = std::fs::File::create(&path).unwrap_or_else(|error| panic!("{error}"));
    file.set_len(1 << 30).unwrap_or_else(|error| panic!("{error}"));
    let output = run(&["check", "--format", "json", path.to_str().unwrap_or_default()], b"");
    assert_eq!(code(&output), Some(1));
    let error = &lines(&output)[0]["errors"][0];
    assert_eq!((error["rule"].as_str(), error["actual"].as_u64()), (Some("too_large"), Some(1 << 30)));
}

#[test]
fn standard_input_is_capped_on_both_sides_of_the_limit() {
    let cap = 4 * 1024 * 1024;
    let padded = |len: usize| [TEXT, &vec![b' '; len - TEXT.len()]].concat();
    let at_cap = run(&["check", "--format", "json"], &padded(cap));
    assert_eq!(code(&at_cap), Some(0), "{}", stdout(&at_cap));
    let over = run(&["check", "--format", "json"], &padded(cap + 1));
    assert_eq!(code(&over), Some(1));
    assert_eq!(lines(&over)[0]["errors"][0]["rule"], "too_large");

    let callback = br#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "a"}]}}"#;
    let cap = 1024 * 1024;
    let padded = |len: usize| [&callback[..], &vec![b' '; len - callback.len()]].concat();
    assert_eq!(code(&run(&["callback"], &padded(cap))), Some(0));
    assert_eq!(code(&run(&["callback"], &padded(cap + 1))), Some(1));
}

// ---------------------------------------------------------------- item 5: directory walks

#[cfg(unix)]
#[test]
fn symlink_loops_neither_hang_nor_repeat_files() {
    use std::os::unix::fs::symlink;
    let dir = Scratch::new("loops");
    dir.write("a.json", TEXT);
    dir.write("nested/b.json", TEXT);
    symlink(&dir.0, dir.0.join("nested/up")).unwrap_or_else(|error| panic!("{error}"));
    symlink(".", dir.0.join("self")).unwrap_or_else(|error| panic!("{error}"));
    symlink("a.json", dir.0.join("again.json")).unwrap_or_else(|error| panic!("{error}"));

    // By default links inside directories are not followed: each file once, exit 0.
    let output = run(&["check", "--format", "json", dir.path()], b"");
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let sources: Vec<String> =
        lines(&output).iter().map(|l| l["source"].as_str().unwrap_or_default().to_owned()).collect();
    let want: Vec<String> =
        ["a.json", "nested/b.json"].iter().map(|n| dir.0.join(n).display().to_string()).collect();
    assert_eq!(sources, want);

    // With --follow, the loops are reported and not walked, and a file reached twice is checked once.
    let output = run(&["check", "--format", "json", "--follow", dir.path(), dir.path()], b"");
    assert_eq!(code(&output), Some(2), "a loop is reported");
    assert_eq!(lines(&output).len(), 2, "{}", stdout(&output));
    assert!(stderr(&output).contains("links back to a directory above it"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn fifos_inside_directories_are_skipped() {
    let dir = Scratch::new("fifo");
    dir.write("a.json", TEXT);
    let fifo = dir.0.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap_or_else(|error| panic!("mkfifo: {error}"));
    assert!(made.success());
    let output = run(&["check", "--format", "json", dir.path()], b"");
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    assert_eq!(lines(&output).len(), 1);
}

// ---------------------------------------------------------------- item 7: terminal injection

#[test]
fn control_characters_in_keys_are_escaped_in_human_output() {
    let body = "{\"whatsapp\": {\"messages\": [], \"x\\n  error[fake] /y: z\\u001b[2J\": 1}}";
    let output = run(&["check"], body.as_bytes());
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("/whatsapp/x\\n  error[fake] ~1y: z\\u{1b}[2J: unknown field"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains("error[")).count(), 2, "no line is faked: {text}");
}

// ---------------------------------------------------------------- item 8: output failures

#[test]
fn a_full_standard_error_is_no_panic() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else { return }; // not every system has /dev/full
    let output = Command::new(env!("CARGO_BIN_EXE_exotel-wa"))
        .current_dir(root())
        .args(["check", "no-such-file.json"])
        .stdout(Stdio::piped())
        .stderr(full)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(code(&output), Some(2));
}

#[test]
fn a_closed_standard_output_ends_every_command_alike() {
    let callback = br#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "a"}]}}"#;
    for (args, stdin) in [
        (&["check", "examples/requests"][..], &b""[..]),
        (&["check", "--format", "json", "-"], TEXT),
        (&["callback"], callback),
        (&["schema"], b""),
    ] {
        let output = with_closed_stdout(args, stdin);
        assert_eq!(code(&output), Some(141), "{args:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{args:?}: quietly");
    }
}

#[test]
fn an_unreadable_path_or_empty_directory_does_not_stop_the_rest() {
    let dir = Scratch::new("mixed");
    dir.write("notes.txt", b"no documents here");
    let output = run(
        &["check", "--format", "json", "no-such-file.json", dir.path(), "examples/requests/valid/text.json"],
        b"",
    );
    assert_eq!(code(&output), Some(2));
    let err = stderr(&output);
    assert!(err.contains("no-such-file.json") && err.contains("holds no *.json file"), "{err}");
    assert_eq!(lines(&output).len(), 1, "the readable document is still checked");
}
