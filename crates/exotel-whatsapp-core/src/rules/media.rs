//! Media objects: which kinds take a caption and a file name, and the file-name rule.

use crate::content::MediaKind;
use crate::ctx::Ctx;
use crate::error::Problem;
use crate::rules::length;
use crate::text::Caption;

/// No caption on audio or sticker (`not_allowed`): only image, video and document carry one
/// (META; EX has no `caption` on audio or sticker). Otherwise the caption's text rule.
pub(crate) fn caption(kind: MediaKind, caption: String, cx: &mut Ctx) -> Option<Caption> {
    let reason = match kind {
        MediaKind::Image | MediaKind::Video | MediaKind::Document => return Caption::parse(caption, cx),
        MediaKind::Audio => "audio messages have no caption",
        MediaKind::Sticker => "stickers have no caption",
    };
    cx.error(Problem::NotAllowed { reason });
    None
}

/// Only documents have a filename (`not_allowed`; EX: "Use only with document media"), and it
/// names a file: not empty, no `/`, `\` or NUL (`empty`, `format`; D: a file name, not a path).
pub(crate) fn filename(kind: MediaKind, name: String, cx: &mut Ctx) -> Option<String> {
    if kind != MediaKind::Document {
        cx.error(Problem::NotAllowed { reason: "only documents have a filename" });
        return None;
    }
    if !length::non_empty(&name, cx) {
        return None;
    }
    let path = name.contains(['/', '\\', '\0']);
    if path {
        cx.error(Problem::Format { expected: "a file name without `/`, `\\` or NUL" });
    }
    (!path).then_some(name)
}
