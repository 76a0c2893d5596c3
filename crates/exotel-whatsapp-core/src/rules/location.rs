//! Locations: coordinates in range, and an address shown only with a name.

use crate::ctx::Ctx;
use crate::error::Problem;

/// A coordinate is finite and within `±max` degrees (`range`; EX, META: latitude −90 to 90,
/// longitude −180 to 180).
pub(crate) fn coordinate(v: f64, max: f64, expected: &'static str, cx: &mut Ctx) -> Option<f64> {
    if v.is_finite() && v.abs() <= max {
        Some(v)
    } else {
        cx.error(Problem::Range { expected });
        None
    }
}

/// An address without a name (warning `address_without_name` at `/address`; EX, Location
/// Object: "Only displayed if name is present").
pub(crate) fn address_without_name(has_address: bool, has_name: bool, cx: &mut Ctx) {
    if has_address && !has_name {
        cx.at("address", |cx| cx.warn(Problem::AddressWithoutName));
    }
}
