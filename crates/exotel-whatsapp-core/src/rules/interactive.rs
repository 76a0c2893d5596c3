//! Interactive messages: the rules between their parts (each text has its own text rule).

use crate::content::Header;
use crate::ctx::Ctx;
use crate::error::Problem;

/// A list takes only a text header (`not_allowed` at `/type`; EX, Header Object: `text` is "Used
/// for List Messages, Reply Buttons", `image`, `video` and `document` for reply buttons only).
pub(crate) fn list_header(header: &Header, list: bool, cx: &mut Ctx) -> bool {
    let allowed = !list || matches!(header, Header::Text { .. });
    if !allowed {
        cx.error_at("type", Problem::NotAllowed { reason: "list messages take only a text header" });
    }
    allowed
}

/// A section needs a title when there are several (`required`; EX, Section Object: "Required if
/// the message has more than one section"). `titled` is also true for a title given with the
/// wrong JSON type, already reported.
pub(crate) fn section_title(several: bool, titled: bool, cx: &mut Ctx) {
    if several && !titled {
        cx.error(Problem::Required { field: "title" });
    }
}
