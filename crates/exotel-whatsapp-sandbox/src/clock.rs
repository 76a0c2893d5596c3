//! Timestamps as Exotel writes them: ISO 8601 in India Standard Time for status callbacks
//! (`2022-12-07T17:00:00.000+05:30`), epoch seconds for incoming messages (`1235654654`).

use std::time::{SystemTime, UNIX_EPOCH};

/// UTC+05:30, the offset of Exotel's examples.
const IST_OFFSET_SECONDS: i64 = 5 * 3600 + 30 * 60;
const SECONDS_PER_DAY: i64 = 86_400;

/// `now` as `YYYY-MM-DDTHH:MM:SS.mmm+05:30`.
pub(crate) fn iso_ist(now: SystemTime) -> String {
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let local = i64::try_from(since.as_secs()).unwrap_or(0) + IST_OFFSET_SECONDS;
    let (year, month, day) = civil_from_days(local.div_euclid(SECONDS_PER_DAY));
    let second = local.rem_euclid(SECONDS_PER_DAY);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}+05:30",
        second / 3600,
        second % 3600 / 60,
        second % 60,
        since.subsec_millis()
    )
}

/// `now` as decimal epoch seconds.
pub(crate) fn epoch_seconds(now: SystemTime) -> String {
    now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs().to_string()
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use exotel_whatsapp_core::callback::Timestamp;

    use super::*;

    fn at(seconds: u64, millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_millis(millis)
    }

    #[test]
    fn exotels_example_instant() {
        assert_eq!(iso_ist(at(1_670_412_600, 0)), "2022-12-07T17:00:00.000+05:30");
        assert_eq!(iso_ist(at(0, 7)), "1970-01-01T05:30:00.007+05:30");
        // Across a leap day and a year end, in IST.
        assert_eq!(iso_ist(at(951_762_600, 999)), "2000-02-29T00:00:00.999+05:30");
        assert_eq!(iso_ist(at(1_798_741_799, 0)), "2026-12-31T23:59:59.000+05:30");
        assert_eq!(iso_ist(at(1_798_741_800, 0)), "2027-01-01T00:00:00.000+05:30");
    }

    #[test]
    fn the_core_reads_both_forms_back() {
        for seconds in [0, 951_762_600, 1_670_412_600, 1_798_741_800, 4_102_444_800] {
            let iso = Timestamp::parse(&iso_ist(at(seconds, 250)));
            assert_eq!(iso.parsed().map(|t| t.seconds), Some(i64::try_from(seconds).unwrap()), "{iso:?}");
            let epoch = Timestamp::parse(&epoch_seconds(at(seconds, 250)));
            assert_eq!(epoch.parsed().map(|t| t.seconds), Some(i64::try_from(seconds).unwrap()));
        }
    }
}
