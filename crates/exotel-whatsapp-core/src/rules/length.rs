//! Lengths and counts: the text rule, and how many items an array (or several together) holds.

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::limits::ROWS_TOTAL_MAX;
use crate::text::{TextFaults, TextRule, check_text};

/// The text rule: `empty`, `too_long` and `whitespace` as `rule` demands (each text type's
/// `RULE`, with its limit from [`limits`](crate::limits); EX, META), recorded here. The check
/// itself is [`check_text`], a `const fn` the derive and `from_static` share.
#[inline]
pub(crate) fn text(s: &str, rule: TextRule, cx: &mut Ctx) -> bool {
    // Inlined, so that the usual text (see `check_text`) costs a few comparisons.
    let faults = check_text(s, rule);
    faults.is_ok() || record_text_faults(faults, rule, cx)
}

/// Records what [`text`] found; false.
#[cold]
fn record_text_faults(faults: TextFaults, rule: TextRule, cx: &mut Ctx) -> bool {
    if faults.empty {
        cx.error(Problem::Empty);
    }
    if let Some(actual) = faults.too_long {
        cx.error(Problem::TooLong { limit: rule.max, actual });
    }
    if faults.edge_whitespace {
        cx.error(Problem::Whitespace);
    }
    false
}

/// A required text without a length limit is not empty or only whitespace (`empty`): contact
/// names, file names, template fallbacks and payloads (EX: "cannot be an empty string").
pub(crate) fn non_empty(s: &str, cx: &mut Ctx) -> bool {
    text(s, TextRule::non_empty(usize::MAX), cx)
}

/// The count rule: an array holds `min..=max` items (`too_few`, `too_many`), such as 1 to 100
/// messages (EX), 1 to 3 buttons (EX), 1 to 10 sections (EX, ExoStatus 30031).
pub(crate) fn count(actual: usize, min: usize, max: usize, cx: &mut Ctx) -> bool {
    if actual < min {
        cx.error(Problem::TooFew { limit: min, actual });
    } else if actual > max {
        cx.error(Problem::TooMany { limit: max, actual });
    }
    (min..=max).contains(&actual)
}

/// A list holds at most [`ROWS_TOTAL_MAX`] rows across all its sections (`too_many`; EX,
/// Section Object: "You can have a total of 10 rows across your sections"; ExoStatus 30032).
pub(crate) fn rows_in_total(total: usize, cx: &mut Ctx) -> bool {
    let fits = total <= ROWS_TOTAL_MAX;
    if !fits {
        cx.error(Problem::TooManyInTotal {
            what: "rows across all sections",
            limit: ROWS_TOTAL_MAX,
            actual: total,
        });
    }
    fits
}
