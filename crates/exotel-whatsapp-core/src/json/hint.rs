//! "Did you mean": the known field closest to an unknown key.

/// The known field closest to `key`: equal ignoring case, or within a small edit distance
/// (optimal string alignment over characters: Levenshtein with adjacent transpositions).
///
/// A key whose length alone rules every match out costs no more than counting its characters up
/// to that length, so a hostile megabyte-long key is not compared with anything.
///
/// The derive gives its compile-time hints with it too, so a typo gets the same hint in both.
pub fn suggest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let longest = known.iter().map(|k| k.len()).max()?;
    // Known fields are ASCII: a key more than 3 characters longer than all of them is no match.
    let chars = key.chars().take(longest + 4).count();
    if chars > longest + 3 {
        return None;
    }
    let lower = key.to_lowercase();
    let budget = (chars / 3).clamp(1, 3);
    // The distance is at least the difference in length.
    let lower_chars = lower.chars().count();
    known
        .iter()
        .filter(|k| k.len().abs_diff(lower_chars) <= budget)
        .map(|k| (if k.eq_ignore_ascii_case(&lower) { 0 } else { strsim::osa_distance(&lower, k) }, *k))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_fields() {
        const KNOWN: &[&str] = &["content", "recipient_type", "custom_data", "to"];
        assert_eq!(suggest("Content", KNOWN), Some("content"));
        assert_eq!(suggest("recepient_type", KNOWN), Some("recipient_type"));
        assert_eq!(suggest("custom_dtaa", KNOWN), Some("custom_data"));
        assert_eq!(suggest("banana", KNOWN), None);
        assert_eq!(suggest("tx", KNOWN), Some("to"));
        assert_eq!(suggest("recipient_typeXYZ", KNOWN), Some("recipient_type"), "3 more characters");
        assert_eq!(suggest("recipient_typeWXYZ", KNOWN), None, "4 more characters");
        assert_eq!(suggest(&"x".repeat(1 << 20), KNOWN), None);
    }
}
