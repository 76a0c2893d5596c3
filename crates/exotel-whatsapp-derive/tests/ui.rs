//! Compile errors: mistakes in `#[derive(ToTemplate)]`, `#[derive(ReplyButtons)]` and
//! `#[derive(ListRows)]`, builders finished without their required parts, and literals that break a
//! rule in `const` items. One mistake per file under `tests/ui/<category>/`, with the expected
//! `.stderr` beside it (regenerate with `TRYBUILD=overwrite` and review the diff).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/to_template/*.rs");
    t.compile_fail("tests/ui/reply_buttons/*.rs");
    t.compile_fail("tests/ui/list_rows/*.rs");
    // Builders finished without a button or a section: the typestates' `on_unimplemented`.
    t.compile_fail("tests/ui/builder/*.rs");
    // Literals through `from_static` in `const` items.
    t.compile_fail("tests/ui/const/*.rs");
}
