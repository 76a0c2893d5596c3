//! Phone numbers: the E.164 rule for `from` and `to`.

use crate::limits::{PHONE_DIGITS_MAX, PHONE_DIGITS_MIN};
use crate::phone::PhoneProblem;
use crate::text::char_at;

/// The E.164 rule (`e164`): `^\+?[1-9][0-9]{6,14}$`: an optional `+`, a first digit 1–9, then ASCII
/// digits, 7 to 15 digits in all (ITU-T E.164; the `+` optional per EX's examples and META).
pub(crate) const fn check_phone(s: &str) -> Result<(), PhoneProblem> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let start = if b[0] == b'+' { 1 } else { 0 };
    if b.len() > start && b[start] == b'+' {
        return Err(PhoneProblem::DoublePlus);
    }
    if b.len() > start && b[start] == b'0' {
        return Err(PhoneProblem::LeadingZero);
    }
    // Position counts characters; every character before a non-ASCII one is a one-byte digit.
    let mut i = start;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            let found = char_at(b, i).0;
            return Err(PhoneProblem::NonDigit { position: i + 1, found });
        }
        i += 1;
    }
    let digits = b.len() - start;
    if digits < PHONE_DIGITS_MIN {
        Err(PhoneProblem::TooShort { digits })
    } else if digits > PHONE_DIGITS_MAX {
        Err(PhoneProblem::TooLong { digits })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_which_part_is_wrong() {
        let cases: [(&str, PhoneProblem); 17] = [
            ("", PhoneProblem::Empty),
            ("+", PhoneProblem::TooShort { digits: 0 }),
            ("tel:+919876543210", PhoneProblem::NonDigit { position: 1, found: 't' }),
            ("++919876543210", PhoneProblem::DoublePlus),
            ("+0919876543210", PhoneProblem::LeadingZero),
            ("0919876543210", PhoneProblem::LeadingZero),
            ("+91 98765 43210", PhoneProblem::NonDigit { position: 4, found: ' ' }),
            ("91 98765 43210", PhoneProblem::NonDigit { position: 3, found: ' ' }),
            ("91-9876543210", PhoneProblem::NonDigit { position: 3, found: '-' }),
            ("9199XXXXXXXX", PhoneProblem::NonDigit { position: 5, found: 'X' }),
            ("+91९८७६५४३२१०", PhoneProblem::NonDigit { position: 4, found: '९' }),
            ("९१९८७६५४३२१०", PhoneProblem::NonDigit { position: 1, found: '९' }),
            ("91+9876543210", PhoneProblem::NonDigit { position: 3, found: '+' }),
            ("+123456", PhoneProblem::TooShort { digits: 6 }),
            ("123456", PhoneProblem::TooShort { digits: 6 }),
            ("+1234567890123456", PhoneProblem::TooLong { digits: 16 }),
            ("1234567890123456", PhoneProblem::TooLong { digits: 16 }),
        ];
        for (input, want) in cases {
            assert_eq!(check_phone(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn accepts_both_digit_boundaries_with_and_without_plus() {
        for ok in ["+1234567", "+123456789012345", "1234567", "123456789012345", "919876543210"] {
            assert_eq!(check_phone(ok), Ok(()), "{ok}");
        }
    }
}
