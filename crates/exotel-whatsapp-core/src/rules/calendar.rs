//! The one calendar: which dates exist (proleptic Gregorian), for contact birthdays and callback
//! timestamps alike.

/// Whether `year` has a 29 February.
fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// How many days `month` (1 to 12) of `year` has; 0 for a month that does not exist.
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `date` is `YYYY-MM-DD` and a real calendar date (EX, Contact Object: "YYYY-MM-DD
/// formatted string").
pub(crate) fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).filter(|d| d.iter().all(u8::is_ascii_digit));
    let number = |r: std::ops::Range<usize>| {
        digits(r).map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    (1..=days_in_month(y, m)).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_exist_on_both_sides_of_each_boundary() {
        for ok in ["2024-02-29", "2000-02-29", "1990-01-31", "1990-04-30", "0000-01-01", "9999-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "1990-04-31",
            "1990-13-01",
            "1990-00-10",
            "1990-01-00",
            "1990-1-01",
            "1990/01/01",
            "१९९०-01-01",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!((days_in_month(2023, 2), days_in_month(2024, 2), days_in_month(2024, 13)), (28, 29, 0));
    }
}
