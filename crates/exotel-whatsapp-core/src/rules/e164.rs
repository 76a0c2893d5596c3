//! Phone numbers: the E.164 rule for `from` and `to`.

use crate::limits::{PHONE_DIGITS_MAX, PHONE_DIGITS_MIN};
use crate::phone::PhoneProblem;
use crate::text::char_at;

/// The E.164 rule (`e164`): `^\+?[1-9][0-9]{6,14}$`: an optional `+`, a first digit 1–9, then ASCII
/// digits, 7 to 15 digits in all (ITU-T E.164; the `+` optional per EX's examples and META).
pub(crate) const fn check_phone(s: &str) -> Result<(), PhoneProblem> {
    let b = s.as_bytes();
    let number = match b {
        [] => return Err(PhoneProblem::Empty),
        [b'+', b'+', ..] => return Err(PhoneProblem::DoublePlus),
        [b'+', b'0', ..] | [b'0', ..] => return Err(PhoneProblem::LeadingZero),
        [b'+', number @ ..] | number => number,
    };
    // Position counts characters; every character before a non-ASCII one is a one-byte digit.
    let i = b.len() - number.len() + leading_digits(number);
    if i < b.len() {
        let found = char_at(b, i).0;
        return Err(PhoneProblem::NonDigit { position: i + 1, found });
    }
    let digits = number.len();
    if digits < PHONE_DIGITS_MIN {
        Err(PhoneProblem::TooShort { digits })
    } else if digits > PHONE_DIGITS_MAX {
        Err(PhoneProblem::TooLong { digits })
    } else {
        Ok(())
    }
}

/// How many ASCII digits `b` starts with. Every valid number has 7 to 15 digits: from 8 on, two
/// words that overlap cover them, each checked at once (every byte `0x30` to `0x3F`, and below
/// `0x3A` once 6 is added, which cannot carry into the next byte then); otherwise, and to find
/// the first other character, one byte at a time.
const fn leading_digits(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const fn all_digits(w: u64) -> bool {
        w & (ONES * 0xF0) == ONES * 0x30 && (w + ONES * 6) & (ONES * 0xF0) == ONES * 0x30
    }
    if let (Some((first, _)), Some((_, last))) = (b.split_first_chunk::<8>(), b.split_last_chunk::<8>()) {
        if b.len() <= 16 && all_digits(u64::from_le_bytes(*first)) && all_digits(u64::from_le_bytes(*last)) {
            return b.len();
        }
    }
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
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

    /// The E.164 rule as first written, its prefixes one test after another.
    fn by_steps(s: &str) -> Result<(), PhoneProblem> {
        let b = s.as_bytes();
        if b.is_empty() {
            return Err(PhoneProblem::Empty);
        }
        let start = usize::from(b[0] == b'+');
        if b.len() > start && b[start] == b'+' {
            return Err(PhoneProblem::DoublePlus);
        }
        if b.len() > start && b[start] == b'0' {
            return Err(PhoneProblem::LeadingZero);
        }
        let i = start + leading_digits(b.split_at(start).1);
        if i < b.len() {
            let found = char_at(b, i).0;
            return Err(PhoneProblem::NonDigit { position: i + 1, found });
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

    #[test]
    fn agrees_with_the_rule_as_first_written() {
        // Every string of up to six of these pieces, and each after a valid number's digits.
        let pieces = ["+", "0", "1", "9", " ", "x", "९"];
        let mut level = vec![String::new()];
        for _ in 0..6 {
            level = level.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
            for s in &level {
                assert_eq!(check_phone(s), by_steps(s), "{s:?}");
                let long = format!("{s}9876543210");
                assert_eq!(check_phone(&long), by_steps(&long), "{long:?}");
            }
        }
    }

    #[test]
    fn counts_leading_digits_at_every_offset() {
        // Every byte around the digits, at every position of one and two eight-byte words.
        for len in 0..24 {
            for at in 0..=len {
                for other in
                    [b'/', b':', b'0' - 1, b'9' + 1, b' ', b'+', 0, 0x3F, 0x40, 0x7F, 0x80, 0xC0, 0xFF]
                {
                    let mut b = vec![b'7'; len];
                    if at < len {
                        b[at] = other;
                    }
                    let want = b.iter().take_while(|c| c.is_ascii_digit()).count();
                    assert_eq!(leading_digits(&b), want, "{b:?}");
                }
            }
        }
        assert_eq!(leading_digits(b"0123456789"), 10);
    }

    #[test]
    fn accepts_both_digit_boundaries_with_and_without_plus() {
        for ok in ["+1234567", "+123456789012345", "1234567", "123456789012345", "919876543210"] {
            assert_eq!(check_phone(ok), Ok(()), "{ok}");
        }
    }
}
