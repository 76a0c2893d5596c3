//! Fuzz target `structured`: see `fuzz_structured` in `tests/support/model.rs`, which `cargo test` also runs
//! on the committed corpus (`tests/fuzz_corpus.rs`).
#![no_main]

#[path = "../../tests/support/model.rs"]
mod model;

libfuzzer_sys::fuzz_target!(|data: &[u8]| model::fuzz_structured(data));
