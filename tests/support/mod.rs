//! Helpers shared by the integration tests: fixtures and the spec samples' minimal fixes.

use std::path::Path;

/// A fixture under `tests/fixtures/`, as text.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Fixes a sample copied from Exotel's document only where it is not JSON: no-break spaces
/// (from the page's layout) become spaces, trailing commas go, and a missing opening brace is
/// added.
pub fn fix_spec_sample(verbatim: &str) -> String {
    let spaced = verbatim.replace('\u{a0}', " ");
    let mut fixed = String::with_capacity(spaced.len() + 2);
    for (at, c) in spaced.char_indices() {
        let rest = spaced.get(at + 1..).unwrap_or_default().trim_start();
        let trailing = c == ',' && (rest.starts_with('}') || rest.starts_with(']'));
        if !trailing {
            fixed.push(c);
        }
    }
    if fixed.trim_start().starts_with('{') { fixed } else { format!("{{\n{fixed}") }
}

/// Checks that `name.verbatim.txt` (copied from Exotel's document) is not JSON and that
/// `name.json` is it with only the fixes of [`fix_spec_sample`]; returns the fixed sample.
pub fn spec_sample(name: &str) -> String {
    let verbatim = fixture(&format!("{name}.verbatim.txt"));
    assert!(
        serde_json::from_str::<serde_json::Value>(&verbatim).is_err(),
        "{name}: the verbatim sample is JSON; no fixture is needed"
    );
    let fixed = fixture(&format!("{name}.json"));
    assert_eq!(fix_spec_sample(&verbatim), fixed, "{name}: fixture differs from the fixed sample");
    fixed
}
