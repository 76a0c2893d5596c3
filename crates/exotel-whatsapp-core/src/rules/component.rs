//! Template components: which fields a header, a body and a button component carry.

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::limits::TEMPLATE_BUTTON_INDEX_MAX;

/// A button's `index` on the wire is exactly the string `"0"`, `"1"` or `"2"` (`one_of`; EX:
/// "index values of 0 to 2"; the schema's `enum`). A larger number in canonical form (`"3"`) goes
/// on to [`index`], the range rule the builders use; anything else (`"01"`, `" 1"`, `"+1"`) is
/// not an index.
pub(crate) fn button_index(s: String, cx: &mut Ctx) -> Result<u8, ()> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    match s.parse::<u8>() {
        Ok(i) if canonical => Ok(i),
        _ if canonical => Ok(u8::MAX),
        _ => {
            cx.error(Problem::OneOf { expected: &["0", "1", "2"], found: s });
            Err(())
        }
    }
}

/// `sub_type` and `index` belong to button components only (`not_allowed` at each; EX: "Not used
/// for the other types").
pub(crate) fn button_fields_only(sub_type: bool, index: bool, cx: &mut Ctx) {
    let reason = "`sub_type` and `index` belong to button components only";
    if sub_type {
        cx.error_at("sub_type", Problem::NotAllowed { reason });
    }
    if index {
        cx.error_at("index", Problem::NotAllowed { reason });
    }
}

/// A button component has a `sub_type` (`required`; EX: "Required when type=button").
pub(crate) fn sub_type(given: bool, cx: &mut Ctx) {
    if !given {
        cx.error(Problem::Required { field: "sub_type" });
    }
}

/// A button component has an `index` (`required`; EX: "Required when type=button") from 0 to
/// [`TEMPLATE_BUTTON_INDEX_MAX`] (`range` at `/index`; EX: "index values of 0 to 2"). `Err` is an
/// index already refused by [`button_index`].
pub(crate) fn index(index: Option<Result<u8, ()>>, cx: &mut Ctx) -> Option<u8> {
    match index {
        None => {
            cx.error(Problem::Required { field: "index" });
            None
        }
        Some(Err(())) => None,
        Some(Ok(i)) if i > TEMPLATE_BUTTON_INDEX_MAX => {
            cx.error_at("index", Problem::Range { expected: "0, 1 or 2" });
            None
        }
        Some(Ok(i)) => Some(i),
    }
}
