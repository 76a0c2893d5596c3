//! "Did you mean": the known key closest to an unknown one.
//!
//! The measure is the core's run-time one for unknown JSON fields (`__private::suggest`), so that
//! a typo gets the same hint at compile time and at run time: equal ignoring case, or within a
//! third of the word's length in characters (at least 1, at most 3) of optimal string alignment
//! distance, which counts a swap of two letters as one edit.

/// The closest of `candidates` to `word`, if close enough to be a likely typo; the first of equally
/// close ones.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    exotel_whatsapp_core::__private::suggest(word, &candidates)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    const STRUCT_KEYS: [&str; 4] = ["name", "language", "namespace", "crate"];
    const ROLES: [&str; 3] = ["header", "body", "button"];

    #[test]
    fn hints_keys_within_a_third_of_the_length() {
        assert_eq!(did_you_mean("langauge", STRUCT_KEYS), Some("language"), "8 characters: 2 edits");
        assert_eq!(did_you_mean("nme", STRUCT_KEYS), Some("name"), "3 characters: 1 edit");
        assert_eq!(did_you_mean("boddy", ROLES), Some("body"), "5 characters: 1 edit");
        assert_eq!(did_you_mean("quick-reply", ["quick_reply", "url"]), Some("quick_reply"));
        assert_eq!(did_you_mean("nmspace", STRUCT_KEYS), Some("namespace"), "7 characters: 2 edits");
    }

    #[test]
    fn no_hint_beyond_the_budget() {
        assert_eq!(did_you_mean("bo", ROLES), None, "2 characters: 1 edit, `body` is 2 away");
        assert_eq!(did_you_mean("bodee", ROLES), None, "5 characters: 1 edit, `body` is 2 away");
        assert_eq!(did_you_mean("nmspce", STRUCT_KEYS), None, "6 characters: 2 edits, `namespace` is 3 away");
        assert_eq!(did_you_mean("footer", ROLES), None);
        assert_eq!(did_you_mean("x", ["url"]), None);
    }

    #[test]
    fn a_swap_of_two_letters_is_one_edit_as_at_run_time() {
        assert_eq!(did_you_mean("titel", ["title", "id"]), Some("title"));
        assert_eq!(did_you_mean("bdoy", ROLES), Some("body"));
        assert_eq!(did_you_mean("Body", ROLES), Some("body"), "case is ignored");
    }

    #[test]
    fn the_closest_wins_and_ties_go_to_the_first() {
        assert_eq!(did_you_mean("indx", ["id", "index"]), Some("index"));
        assert_eq!(did_you_mean("ix", ["id", "in"]), Some("id"));
    }
}
