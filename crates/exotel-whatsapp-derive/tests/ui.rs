//! Compile errors: mistakes in `#[derive(ToTemplate)]`, `#[derive(ReplyButtons)]` and
//! `#[derive(ListRows)]`, builders finished without their required parts, and literals that break a
//! rule in `const` items. One mistake per file under `tests/ui/`, with the expected `.stderr` beside
//! it (regenerate with `TRYBUILD=overwrite` and review the diff).

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
