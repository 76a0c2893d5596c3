//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the same functions the
//! fuzz targets call, so that CI exercises every seed and every input a fuzzing run kept.

#[path = "support/model.rs"]
mod model;

use std::path::Path;

/// Runs `target` on every file of `fuzz/corpus/<name>/`; returns how many there were.
fn replay(name: &str, target: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(name);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "fuzz target `{name}` fails on {}", path.display());
        n += 1;
    }
    n
}

#[test]
fn check_corpus() {
    assert!(replay("check", model::fuzz_check) >= 80);
}

#[test]
fn callback_corpus() {
    assert!(replay("callback", model::fuzz_callback) >= 10);
}

#[test]
fn structured_corpus() {
    assert!(replay("structured", model::fuzz_structured) >= 10);
}

#[test]
fn every_example_request_is_in_the_check_corpus() {
    // The seeds are the shipped examples (all but the two largest); keep them in step.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/check");
    for kind in ["valid", "invalid"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/requests").join(kind);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let seed = corpus.join(format!("{kind}-{name}"));
            if std::fs::metadata(&path).unwrap().len() > 16 * 1024 {
                model::fuzz_check(&std::fs::read(&path).unwrap());
                continue;
            }
            assert_eq!(
                std::fs::read(&seed).ok(),
                std::fs::read(&path).ok(),
                "{} is not seeded",
                path.display()
            );
        }
    }
}
