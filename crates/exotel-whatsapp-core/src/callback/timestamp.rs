//! Callback timestamps: ISO 8601 with an offset in status callbacks, epoch seconds in incoming
//! messages. The raw text is always kept; the parsed value is offered when the text is one of
//! those two forms. A small parser, so that the crate needs no date library.

use std::ops::RangeInclusive;

use crate::rules::calendar::days_in_month;

/// A point in time read from a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct UnixTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds past `seconds`, from a fraction of a second (or milliseconds).
    pub nanos: u32,
    /// The UTC offset the text was written in, in seconds east of UTC; `None` for epoch text.
    pub offset_seconds: Option<i32>,
}

/// A callback's `timestamp`: the text as received, and its parsed value when it has one.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::callback::Timestamp;
///
/// let iso = Timestamp::parse("2022-12-07T17:00:00.000+05:30");
/// assert_eq!(iso.raw(), "2022-12-07T17:00:00.000+05:30");
/// let parsed = iso.parsed().unwrap();
/// assert_eq!((parsed.seconds, parsed.offset_seconds), (1_670_412_600, Some(19_800)));
///
/// assert_eq!(Timestamp::parse("1235654654").parsed().map(|t| t.seconds), Some(1_235_654_654));
/// assert_eq!(Timestamp::parse("yesterday").parsed(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    raw: String,
    parsed: Option<UnixTime>,
}

impl Timestamp {
    /// Keeps `raw` and parses it: ISO 8601 date and time with `Z` or a `±HH:MM` offset
    /// (`T` or a space between date and time, seconds and fraction optional), or decimal epoch
    /// seconds. Epoch values of 12 or more digits are read as milliseconds, since epoch seconds
    /// reach 12 digits only in the year 5138. Date-times without an offset are not parsed: their
    /// instant is unknown.
    pub fn parse(raw: &str) -> Self {
        let text = raw.trim();
        let parsed =
            if text.bytes().all(|byte| byte.is_ascii_digit()) { parse_epoch(text) } else { parse_iso(text) };
        Self { raw: raw.to_owned(), parsed }
    }

    /// The text as received.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The instant, when the text is ISO 8601 with an offset or epoch seconds.
    pub fn parsed(&self) -> Option<UnixTime> {
        self.parsed
    }
}

/// Epoch values from this one on are milliseconds.
const FIRST_EPOCH_MILLIS: i64 = 100_000_000_000;

fn parse_epoch(text: &str) -> Option<UnixTime> {
    let value: i64 = text.parse().ok()?;
    let (seconds, millis) =
        if value >= FIRST_EPOCH_MILLIS { (value / 1000, value % 1000) } else { (value, 0) };
    Some(UnixTime { seconds, nanos: u32::try_from(millis).ok()? * 1_000_000, offset_seconds: None })
}

/// `YYYY-MM-DD`, `T` (or `t` or a space), `hh:mm`, then optional seconds and fraction, then the
/// offset.
fn parse_iso(text: &str) -> Option<UnixTime> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T' | b't' | b' ', h0, h1, b':', i0, i1, ref rest @ ..] =
        *text.as_bytes()
    else {
        return None;
    };
    let year = number(&[y0, y1, y2, y3], 0..=9999)?;
    let month = number(&[m0, m1], 1..=12)?;
    let day = number(&[d0, d1], 1..=days_in_month(year, month))?;
    let hour = number(&[h0, h1], 0..=23)?;
    let minute = number(&[i0, i1], 0..=59)?;
    let (second, rest) = match *rest {
        [b':', s0, s1, ref rest @ ..] => (number(&[s0, s1], 0..=60)?, rest),
        _ => (0, rest),
    };
    let (nanos, rest) = match rest {
        [b'.' | b',', rest @ ..] => {
            let (digits, rest) = rest.split_at(rest.iter().take_while(|byte| byte.is_ascii_digit()).count());
            (fraction_nanos(digits)?, rest)
        }
        _ => (0, rest),
    };
    let offset_seconds = offset(rest)?;
    let local = days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(UnixTime { seconds: local - i64::from(offset_seconds), nanos, offset_seconds: Some(offset_seconds) })
}

/// The value of `digits` when they are all ASCII digits and it is in `range`.
fn number(digits: &[u8], range: RangeInclusive<u32>) -> Option<u32> {
    let value =
        digits.iter().try_fold(0, |value, &digit| Some(value * 10 + char::from(digit).to_digit(10)?))?;
    range.contains(&value).then_some(value)
}

/// The digits of a fraction of a second (at least one) in nanoseconds: the first nine, padded
/// with zeros; digits past nanoseconds are dropped.
fn fraction_nanos(digits: &[u8]) -> Option<u32> {
    let nine = digits.iter().chain(b"00000000").take(9);
    (!digits.is_empty()).then(|| nine.fold(0, |nanos, digit| nanos * 10 + u32::from(digit - b'0')))
}

/// `Z`, `±HH`, `±HHMM` or `±HH:MM` and nothing after it, in seconds east of UTC.
fn offset(text: &[u8]) -> Option<i32> {
    let (sign, h0, h1, minutes) = match *text {
        [b'Z' | b'z'] => return Some(0),
        [b'+', h0, h1, ref minutes @ ..] => (1, h0, h1, minutes),
        [b'-', h0, h1, ref minutes @ ..] => (-1, h0, h1, minutes),
        _ => return None,
    };
    let hours = number(&[h0, h1], 0..=23)?;
    let minutes = match *minutes {
        [] => 0,
        [b':', m0, m1] | [m0, m1] => number(&[m0, m1], 0..=59)?,
        _ => return None,
    };
    Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ISO 8601 reader as first written (a cursor over the bytes), for the differential test.
    mod first_written {
        use super::{UnixTime, days_from_civil, days_in_month};

        /// Reads fixed-width fields left to right; every step checks its bounds.
        struct Cursor<'a> {
            bytes: &'a [u8],
        }

        impl Cursor<'_> {
            /// Moves past the next byte, when there is one and `accept` takes it.
            fn next_if(&mut self, accept: impl FnOnce(&u8) -> bool) -> Option<u8> {
                let (&first, rest) = self.bytes.split_first().filter(|(first, _)| accept(first))?;
                self.bytes = rest;
                Some(first)
            }

            /// Moves past `expected`, when it is next.
            fn eat(&mut self, expected: u8) -> bool {
                self.next_if(|&byte| byte == expected).is_some()
            }

            fn digit(&mut self) -> Option<u32> {
                self.next_if(u8::is_ascii_digit).map(|byte| u32::from(byte - b'0'))
            }

            /// Exactly `width` digits, at most `max`.
            fn number(&mut self, width: usize, max: u32) -> Option<u32> {
                let value = (0..width).try_fold(0, |value, _| Some(value * 10 + self.digit()?))?;
                (value <= max).then_some(value)
            }
        }

        pub(super) fn parse_iso(text: &str) -> Option<UnixTime> {
            let mut cursor = Cursor { bytes: text.as_bytes() };
            let year = cursor.number(4, 9999)?;
            cursor.eat(b'-').then_some(())?;
            let month = cursor.number(2, 12)?;
            cursor.eat(b'-').then_some(())?;
            let day = cursor.number(2, days_in_month(year, month))?;
            (month >= 1 && day >= 1).then_some(())?;
            cursor.next_if(|byte| matches!(byte, b'T' | b't' | b' '))?;
            let hour = cursor.number(2, 23)?;
            cursor.eat(b':').then_some(())?;
            let minute = cursor.number(2, 59)?;
            let second = if cursor.eat(b':') { cursor.number(2, 60)? } else { 0 };
            let nanos = if cursor.eat(b'.') || cursor.eat(b',') { fraction_nanos(&mut cursor)? } else { 0 };
            let offset_seconds = offset(&mut cursor)?;
            cursor.bytes.is_empty().then_some(())?;
            let local =
                days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
            Some(UnixTime {
                seconds: local - i64::from(offset_seconds),
                nanos,
                offset_seconds: Some(offset_seconds),
            })
        }

        /// At least one digit; digits past nanoseconds are dropped.
        fn fraction_nanos(cursor: &mut Cursor<'_>) -> Option<u32> {
            let mut nanos = cursor.digit()? * 100_000_000;
            let mut scale = 10_000_000;
            while let Some(digit) = cursor.digit() {
                nanos += digit * scale;
                scale /= 10;
            }
            Some(nanos)
        }

        /// `Z`, `±HH`, `±HHMM` or `±HH:MM`, in seconds east of UTC.
        fn offset(cursor: &mut Cursor<'_>) -> Option<i32> {
            let sign = match cursor.next_if(|_| true)? {
                b'Z' | b'z' => return Some(0),
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours = cursor.number(2, 23)?;
            let minutes = if cursor.bytes.is_empty() {
                0
            } else {
                cursor.eat(b':');
                cursor.number(2, 59)?
            };
            Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?)
        }
    }

    fn seconds(text: &str) -> Option<i64> {
        Timestamp::parse(text).parsed().map(|time| time.seconds)
    }

    #[test]
    fn iso_with_offsets() {
        assert_eq!(seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(seconds("2022-12-07T17:00:00.000+05:30"), Some(1_670_412_600));
        assert_eq!(seconds("2022-12-07T11:30:00Z"), Some(1_670_412_600));
        assert_eq!(seconds("2022-12-07 11:30:00+0000"), Some(1_670_412_600));
        assert_eq!(seconds("2022-12-07T06:30:00-05"), Some(1_670_412_600));
        assert_eq!(seconds("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(seconds("2000-03-01T00:00Z"), Some(951_868_800));
        assert_eq!(seconds("1969-12-31T23:59:59Z"), Some(-1));
        let time = Timestamp::parse("2022-12-07T17:00:00.123456789123-08:00").parsed();
        assert_eq!(time.map(|time| (time.nanos, time.offset_seconds)), Some((123_456_789, Some(-28_800))));
    }

    #[test]
    fn invalid_or_offsetless_text_is_kept_unparsed() {
        for text in [
            "",
            "2022-12-07T17:00:00",
            "2023-02-29T00:00:00Z",
            "2022-13-01T00:00:00Z",
            "2022-00-10T00:00:00Z",
            "2022-12-00T00:00:00Z",
            "2022-12-07T24:00:00Z",
            "2022-12-07T17:00:00.Z",
            "2022-12-07T17:00:00+05:30x",
            "2022-12-07T17:00:00+5:30",
            "2022-12-07",
            "١٢٣٤-12-07T17:00:00Z",
            "99999999999999999999",
        ] {
            let timestamp = Timestamp::parse(text);
            assert_eq!(timestamp.parsed(), None, "{text:?}");
            assert_eq!(timestamp.raw(), text);
        }
    }

    #[test]
    fn iso_reads_as_first_written() {
        let seeds = [
            "2022-12-07T17:00:00.000+05:30",
            "2024-02-29 23:59:60,123456789123-0800",
            "2000-03-01t00:00z",
            "1969-12-31T23:59:59.5-05",
            "2023-02-28T12:34+14:00",
        ];
        let alphabet = "0123569-:Tt .,Zz+x\u{e9}".chars().collect::<Vec<_>>();
        let mut texts: Vec<String> = Vec::new();
        for seed in seeds {
            let chars: Vec<char> = seed.chars().collect();
            for at in 0..=chars.len() {
                texts.push(chars[..at].iter().collect());
                texts.push(chars[..at].iter().chain(&chars[(at + 1).min(chars.len())..]).collect());
                for &c in &alphabet {
                    let (head, tail) = chars.split_at(at);
                    texts.push(head.iter().chain([&c]).chain(tail).collect());
                    texts.push(head.iter().chain([&c]).chain(tail.get(1..).unwrap_or_default()).collect());
                }
            }
        }
        // And date-times followed by tails drawn from pieces (a fixed linear congruential sequence).
        let pieces = [
            "",
            ":00",
            ":60",
            ":61",
            ":5",
            ".",
            ".1",
            ",123456789012",
            "Z",
            "z",
            "+05:30",
            "+0530",
            "+05",
            "-23:59",
            "+24",
            "+05:3",
            "+05:60",
            "x",
            ":",
            "+",
            "-",
            "T",
        ];
        let mut state = 1_u64;
        let mut next = |bound: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or_default() % bound
        };
        for _ in 0..100_000 {
            let mut text =
                String::from(["2022-12-07T17:00", "2024-02-29 23:59", "0000-01-01t00:00"][next(3)]);
            if next(4) == 0 {
                let at = next(text.len());
                text.replace_range(at..=at, &alphabet[next(alphabet.len())].to_string());
            }
            for _ in 0..next(4) {
                text.push_str(pieces[next(pieces.len())]);
            }
            texts.push(text);
        }
        let mut parsed = 0;
        for text in &texts {
            let expected = first_written::parse_iso(text);
            assert_eq!(parse_iso(text), expected, "{text:?}");
            parsed += usize::from(expected.is_some());
        }
        assert!(parsed > 5_000, "{parsed} of {} parsed", texts.len());
    }

    #[test]
    fn epoch_seconds_and_millis() {
        assert_eq!(seconds("1235654654"), Some(1_235_654_654));
        assert_eq!(seconds(" 0 "), Some(0));
        let millis = Timestamp::parse("1670412600250").parsed();
        assert_eq!(millis.map(|time| (time.seconds, time.nanos)), Some((1_670_412_600, 250_000_000)));
        assert_eq!(millis.and_then(|time| time.offset_seconds), None);
    }
}
