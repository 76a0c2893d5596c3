//! Compile errors of `#[derive(ToTemplate)]`, `#[derive(ReplyButtons)]` and `#[derive(ListRows)]`:
//! one mistake per file under `tests/ui/`, with the expected `.stderr` beside it (regenerate with
//! `TRYBUILD=overwrite` and review the diff).

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
