//! Spacing requests so that an account's request rate stays under Exotel's limit.

use std::time::{Duration, Instant};

/// Gives each request a start time at least `60 s / rate` after the previous one's, across all
/// the sends that share it: a GCRA with no burst. Evenly spaced starts keep any minute under the
/// rate however Exotel counts its window. The clock is the caller's (`now`), so it is pure.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use std::time::{Duration, Instant};
/// use exotel_whatsapp::send::Pacer;
/// let mut pacer = Pacer::per_minute(200);
/// let now = Instant::now();
/// assert_eq!(pacer.reserve(now), now);
/// assert_eq!(pacer.reserve(now), now + Duration::from_millis(300));
/// // After a pause, the next request goes at once.
/// let later = now + Duration::from_secs(5);
/// assert_eq!(pacer.reserve(later), later);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pacer {
    interval: Duration,
    next: Option<Instant>,
}

impl Pacer {
    /// At most `requests` requests per minute; 0 means no limit.
    pub fn per_minute(requests: u32) -> Self {
        let interval = Duration::from_secs(60).checked_div(requests).unwrap_or(Duration::ZERO);
        Pacer { interval, next: None }
    }

    /// The time between two requests' starts.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Reserves the next start for a request that is ready at `now`, and returns it: `now`, or
    /// later when an earlier request started less than one interval ago.
    pub fn reserve(&mut self, now: Instant) -> Instant {
        let start = self.next.map_or(now, |next| next.max(now));
        self.next = Some(start + self.interval);
        start
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::Pacer;

    #[test]
    fn requests_ready_together_are_spaced_one_interval_apart() {
        let mut pacer = Pacer::per_minute(120);
        let now = Instant::now();
        let starts: Vec<_> = (0..4).map(|_| pacer.reserve(now) - now).collect();
        assert_eq!(starts, [0, 500, 1000, 1500].map(Duration::from_millis));
    }

    #[test]
    fn a_request_ready_just_before_its_slot_waits_and_just_after_goes_at_once() {
        let mut pacer = Pacer::per_minute(60);
        let now = Instant::now();
        pacer.reserve(now);
        let early = now + Duration::from_millis(999);
        assert_eq!(pacer.reserve(early), now + Duration::from_secs(1));
        let late = now + Duration::from_millis(2001);
        assert_eq!(pacer.reserve(late), late);
    }

    #[test]
    fn no_minute_holds_more_than_the_rate() {
        let mut pacer = Pacer::per_minute(200);
        let now = Instant::now();
        let starts: Vec<_> = (0..1000).map(|_| pacer.reserve(now)).collect();
        let in_first_minute = starts.iter().filter(|s| **s < now + Duration::from_secs(60)).count();
        assert_eq!(in_first_minute, 200);
    }

    #[test]
    fn zero_means_unpaced() {
        let mut pacer = Pacer::per_minute(0);
        let now = Instant::now();
        assert!((0..3).all(|_| pacer.reserve(now) == now));
    }
}
