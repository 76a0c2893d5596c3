//! Interactive messages: reply buttons and lists.
//!
//! A builder cannot be finished without its required parts: [`ReplyButtonsBuilder::build`] needs a
//! button and [`ListBuilder::build`] a section, or the call does not compile.

use std::collections::HashMap;
use std::marker::PhantomData;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::media::{Document, Image, MediaWire, Video};
use crate::ctx::{Ctx, Place, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{Obj, array, present, string, tagged};
use crate::limits::{BUTTONS_MAX, BUTTONS_MIN, ROWS_TOTAL_MAX, SECTION_ROWS_MIN, SECTIONS_MAX, SECTIONS_MIN};
use crate::text::{
    BodyText, ButtonId, ButtonTitle, FooterText, HeaderText, ListButton, RowDescription, RowId, RowTitle,
    SectionTitle,
};

/// An interactive message's header: text, or media for reply-button messages.
///
/// ```
/// use exotel_whatsapp_core::content::{Header, Image};
/// let header = Header::Image { image: Image::new("https://example.com/menu.jpg")? };
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Header {
    /// A text header.
    Text {
        /// The text.
        text: HeaderText,
    },
    /// An image header (reply buttons only).
    Image {
        /// The image.
        image: Image,
    },
    /// A video header (reply buttons only).
    Video {
        /// The video.
        video: Video,
    },
    /// A document header (reply buttons only).
    Document {
        /// The document.
        document: Document,
    },
}

/// A header as given: text still to be checked, or a built one.
#[derive(Debug, Clone)]
enum HeaderDraft {
    Text(String),
    Ready(Header),
}

#[derive(Debug, Clone, Copy)]
enum HeaderKind {
    Text,
    Image,
    Video,
    Document,
}

const HEADER_NAMES: &[&str] = &["text", "image", "video", "document"];
const HEADER_TAGS: &[(&str, HeaderKind)] = &[
    ("text", HeaderKind::Text),
    ("image", HeaderKind::Image),
    ("video", HeaderKind::Video),
    ("document", HeaderKind::Document),
];

impl HeaderDraft {
    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["type", "text", "image", "video", "document"], cx)?;
        let tagged = tagged(&mut o, HEADER_TAGS, HEADER_NAMES, cx);
        o.finish(cx);
        let (_, kind, payload) = tagged?;
        let header = match kind {
            HeaderKind::Text => return cx.at("text", |cx| string(payload, cx)).map(HeaderDraft::Text),
            HeaderKind::Image => Header::Image { image: cx.at("image", |cx| Image::from_json(payload, cx))? },
            HeaderKind::Video => Header::Video { video: cx.at("video", |cx| Video::from_json(payload, cx))? },
            HeaderKind::Document => {
                Header::Document { document: cx.at("document", |cx| Document::from_json(payload, cx))? }
            }
        };
        Some(HeaderDraft::Ready(header))
    }

    /// The header rules; a list takes only a text header (EX, Header Object).
    fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Header> {
        match self {
            HeaderDraft::Text(text) => {
                cx.at("text", |cx| HeaderText::parse(text, cx)).map(|text| Header::Text { text })
            }
            HeaderDraft::Ready(h @ Header::Text { .. }) => Some(h),
            HeaderDraft::Ready(h) if !list => Some(h),
            HeaderDraft::Ready(_) => {
                cx.error_at("type", Problem::NotAllowed { reason: "list messages take only a text header" });
                None
            }
        }
    }
}

/// What both kinds share, as given: header, body and footer.
#[derive(Debug, Clone, Default)]
struct FrameDraft {
    header: Option<HeaderDraft>,
    body: Option<String>,
    footer: Option<String>,
}

/// What both kinds share, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Frame {
    header: Option<Header>,
    body: BodyText,
    footer: Option<FooterText>,
}

/// `{"text": …}`, the shape of body and footer.
#[derive(Serialize)]
struct TextObject<'a> {
    text: &'a str,
}

impl FrameDraft {
    fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Frame> {
        let header = cx.optional("header", self.header, |h, cx| h.assemble(list, cx));
        let body = cx.at("body", |cx| cx.at("text", |cx| BodyText::parse(self.body?, cx)));
        let footer = cx.optional("footer", self.footer, |f, cx| cx.at("text", |cx| FooterText::parse(f, cx)));
        Some(Frame { header: header?, body: body?, footer: footer? })
    }

    fn from_json(o: &mut Obj, cx: &mut Ctx) -> Self {
        let text_object = |v: Value, cx: &mut Ctx| {
            let mut o = Obj::new(v, &["text"], cx)?;
            let text = o.required_string("text", cx);
            o.finish(cx);
            text
        };
        FrameDraft {
            header: o.field("header", cx, HeaderDraft::from_json),
            body: o.required("body", cx, text_object),
            footer: o.field("footer", cx, text_object),
        }
    }
}

impl Frame {
    fn serialize_into<M: SerializeMap>(&self, kind: &str, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("type", kind)?;
        if let Some(header) = &self.header {
            m.serialize_entry("header", header)?;
        }
        m.serialize_entry("body", &TextObject { text: self.body.as_str() })?;
        if let Some(footer) = &self.footer {
            m.serialize_entry("footer", &TextObject { text: footer.as_str() })?;
        }
        Ok(())
    }
}

/// Records `duplicate` at the current pointer when `value` was seen before in the same message.
/// The pointer to a first occurrence is built only when a duplicate is found. A message has at
/// most 10 such values, which are scanned; beyond 16 (untrusted input) they are hashed.
struct Unique {
    /// The depth of the array the values are in.
    base: usize,
    /// Every value so far, one after another, while they are scanned.
    values: String,
    /// Where each value ends in `values`, and where it was.
    entries: Vec<(usize, Place)>,
    many: Option<HashMap<String, usize>>,
}

impl Unique {
    const SCANNED: usize = 16;

    fn new(cx: &Ctx) -> Self {
        Unique { base: cx.depth(), values: String::new(), entries: Vec::new(), many: None }
    }

    /// The entry holding `value`, if any.
    fn find(&self, value: &str) -> Option<usize> {
        if let Some(many) = &self.many {
            return many.get(value).copied();
        }
        let mut start = 0;
        for (n, (end, _)) in self.entries.iter().enumerate() {
            if &self.values[start..*end] == value {
                return Some(n);
            }
            start = *end;
        }
        None
    }

    fn check(&mut self, value: &str, cx: &mut Ctx) -> bool {
        if let Some(n) = self.find(value) {
            let first = cx.pointer_to(self.base, &self.entries[n].1);
            cx.error(Problem::Duplicate { first });
            return false;
        }
        if self.entries.is_empty() {
            self.values.reserve(8 * value.len());
            self.entries.reserve(8);
        }
        // Once the values are hashed, `values` no longer grows.
        let n = self.entries.len();
        match &mut self.many {
            Some(many) => drop(many.insert(value.to_owned(), n)),
            None => self.values.push_str(value),
        }
        self.entries.push((self.values.len(), cx.place(self.base)));
        if self.many.is_none() && self.entries.len() == Self::SCANNED {
            let mut start = 0;
            let mut many = HashMap::with_capacity(2 * Self::SCANNED);
            for (n, (end, _)) in self.entries.iter().enumerate() {
                many.insert(self.values[start..*end].to_owned(), n);
                start = *end;
            }
            self.many = Some(many);
        }
        true
    }
}

/// One reply button, checked: `{"type": "reply", "reply": {"id": …, "title": …}}` on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyButton {
    id: ButtonId,
    title: ButtonTitle,
}

impl ReplyButton {
    /// The id sent back in the webhook when the button is tapped.
    pub fn id(&self) -> &str {
        self.id.as_str()
    }

    /// The text on the button.
    pub fn title(&self) -> &str {
        self.title.as_str()
    }
}

impl Serialize for ReplyButton {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Reply<'a> {
            id: &'a str,
            title: &'a str,
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("type", "reply")?;
        m.serialize_entry("reply", &Reply { id: self.id(), title: self.title() })?;
        m.end()
    }
}

#[derive(Debug, Clone, Default)]
struct ButtonDraft {
    id: Option<String>,
    title: Option<String>,
}

impl ButtonDraft {
    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["type", "reply"], cx)?;
        o.required("type", cx, |v, cx| {
            let kind = string(v, cx)?;
            (kind != "reply").then(|| cx.error(Problem::OneOf { expected: &["reply"], found: kind }))
        });
        let draft = o.required("reply", cx, |v, cx| {
            let mut o = Obj::new(v, &["id", "title"], cx)?;
            let draft =
                ButtonDraft { id: o.required_string("id", cx), title: o.required_string("title", cx) };
            o.finish(cx);
            Some(draft)
        });
        o.finish(cx);
        draft
    }
}

/// A reply-button message: body, 1 to 3 buttons, optional header and footer.
///
/// ```
/// use exotel_whatsapp_core::content::Interactive;
/// let msg = Interactive::buttons("Confirm your slot for 10:00?")
///     .button("yes", "Yes")
///     .button("no", "No")
///     .footer("Reply within 24h")
///     .build()?;
/// assert_eq!(msg.buttons().len(), 2);
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyButtons {
    frame: Frame,
    buttons: Vec<ReplyButton>,
}

impl ReplyButtons {
    /// The buttons, in order.
    pub fn buttons(&self) -> &[ReplyButton] {
        &self.buttons
    }

    /// The body text.
    pub fn body(&self) -> &str {
        self.frame.body.as_str()
    }

    /// The header, if any.
    pub fn header(&self) -> Option<&Header> {
        self.frame.header.as_ref()
    }

    /// The footer text, if any.
    pub fn footer(&self) -> Option<&str> {
        self.frame.footer.as_ref().map(FooterText::as_str)
    }

    /// The reply-button rules, at the interactive object.
    /// `buttons` is `None` when its absence was already reported.
    fn assemble(frame: FrameDraft, buttons: Option<Vec<Option<ButtonDraft>>>, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        let frame = frame.assemble(false, cx);
        let buttons = cx.at("action", |cx| {
            cx.at("buttons", |cx| {
                let buttons = buttons?;
                cx.count(buttons.len(), BUTTONS_MIN, BUTTONS_MAX);
                let (mut ids, mut titles) = (Unique::new(cx), Unique::new(cx));
                let checked: Vec<Option<ReplyButton>> = buttons
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| {
                        cx.at_index(i, |cx| {
                            cx.at("reply", |cx| {
                                let b = b?;
                                let id = cx.at("id", |cx| {
                                    let id = ButtonId::parse(b.id?, cx)?;
                                    ids.check(id.as_str(), cx).then_some(id)
                                });
                                let title = cx.at("title", |cx| {
                                    let title = ButtonTitle::parse(b.title?, cx)?;
                                    titles.check(title.as_str(), cx).then_some(title)
                                });
                                Some(ReplyButton { id: id?, title: title? })
                            })
                        })
                    })
                    .collect();
                checked.into_iter().collect::<Option<Vec<_>>>()
            })
        });
        (cx.errors() == before).then_some(ReplyButtons { frame: frame?, buttons: buttons? })
    }
}

impl Serialize for ReplyButtons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Action<'a> {
            buttons: &'a [ReplyButton],
        }
        let mut m = s.serialize_map(None)?;
        self.frame.serialize_into("button", &mut m)?;
        m.serialize_entry("action", &Action { buttons: &self.buttons })?;
        m.end()
    }
}

/// Typestate: no button or section added yet.
#[derive(Debug, Clone, Copy)]
pub struct Empty;
/// Typestate: at least one button or section added.
#[derive(Debug, Clone, Copy)]
pub struct Filled;

/// Implemented by [`Filled`] only: a reply-button message's `build` needs a button.
#[diagnostic::on_unimplemented(
    message = "a reply-button message needs at least one button",
    label = "add one with `.button(id, title)` before `.build()`",
    note = "a reply-button message has 1 to 3 buttons"
)]
pub trait HasButtons: sealed::Sealed {}
impl HasButtons for Filled {}

/// Implemented by [`Filled`] only: a list message's `build` needs a section.
#[diagnostic::on_unimplemented(
    message = "a list message needs at least one section",
    label = "add one with `.section(ListSection::…)` before `.build()`",
    note = "a list message has 1 to 10 sections and at most 10 rows in total"
)]
pub trait HasSections: sealed::Sealed {}
impl HasSections for Filled {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Filled {}
}

/// Builds a [`ReplyButtons`] message; [`build`](Self::build) compiles only after a button is added.
///
/// ```compile_fail
/// use exotel_whatsapp_core::content::Interactive;
/// let msg = Interactive::buttons("No buttons").build(); // error: no button yet
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the message"]
pub struct ReplyButtonsBuilder<S = Empty> {
    frame: FrameDraft,
    buttons: Vec<Option<ButtonDraft>>,
    state: PhantomData<S>,
}

impl<S> ReplyButtonsBuilder<S> {
    /// The same builder in the state that allows `build`; for [`ReplyChoices::add_to`](super::ReplyChoices::add_to),
    /// whose buttons come from a list the type system cannot see is non-empty (`build` still
    /// reports `too_few` when it is empty).
    pub(super) fn filled(self) -> ReplyButtonsBuilder<Filled> {
        ReplyButtonsBuilder { frame: self.frame, buttons: self.buttons, state: PhantomData }
    }

    /// Adds a reply button: its `id` (returned in the webhook) and its `title` (shown).
    pub fn button(mut self, id: impl Into<String>, title: impl Into<String>) -> ReplyButtonsBuilder<Filled> {
        self.buttons.push(Some(ButtonDraft { id: Some(id.into()), title: Some(title.into()) }));
        self.filled()
    }

    /// A text header of at most [`HEADER_TEXT_MAX`](crate::limits::HEADER_TEXT_MAX) characters.
    pub fn header_text(mut self, text: impl Into<String>) -> Self {
        self.frame.header = Some(HeaderDraft::Text(text.into()));
        self
    }

    /// A header built beforehand: text, image, video or document.
    pub fn header(mut self, header: Header) -> Self {
        self.frame.header = Some(HeaderDraft::Ready(header));
        self
    }

    /// A footer of at most [`FOOTER_TEXT_MAX`](crate::limits::FOOTER_TEXT_MAX) characters.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.frame.footer = Some(text.into());
        self
    }

    /// Checks every part.
    ///
    /// # Errors
    /// At pointers relative to the interactive object: `empty`/`too_long` at `/body/text`,
    /// `/header/text`, `/footer/text`, `/action/buttons/N/reply/title`; also `whitespace` and
    /// `duplicate` at `/action/buttons/N/reply/id`, `duplicate` at `…/title`, `too_many` at
    /// `/action/buttons`.
    pub fn build(self) -> Result<ReplyButtons, Error>
    where
        S: HasButtons,
    {
        validate_alone(|cx| ReplyButtons::assemble(self.frame, Some(self.buttons), cx))
    }
}

/// One row of a list, as given; checked when the list is built.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ListRow {
    id: Option<String>,
    title: Option<String>,
    description: Option<String>,
}

impl ListRow {
    /// A row with its `id` (returned in the webhook) and `title` (shown).
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ListRow { id: Some(id.into()), title: Some(title.into()), description: None }
    }

    /// A description of at most [`ROW_DESCRIPTION_MAX`](crate::limits::ROW_DESCRIPTION_MAX) characters.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["id", "title", "description"], cx)?;
        let row = ListRow {
            id: o.required_string("id", cx),
            title: o.required_string("title", cx),
            description: o.string("description", cx),
        };
        o.finish(cx);
        Some(row)
    }
}

/// One section of a list, as given; checked when the list is built.
#[derive(Debug, Clone)]
#[must_use]
pub struct ListSection {
    title: Option<String>,
    /// `None` when read from JSON without `rows` (already reported).
    rows: Option<Vec<Option<ListRow>>>,
    /// Read from JSON with a `title` that is not a string (already reported as `type`).
    title_mistyped: bool,
}

impl ListSection {
    /// A section without a title (allowed when it is the only one).
    pub fn new() -> Self {
        ListSection { title: None, rows: Some(Vec::new()), title_mistyped: false }
    }

    /// A section with a title of at most [`SECTION_TITLE_MAX`](crate::limits::SECTION_TITLE_MAX) characters.
    pub fn titled(title: impl Into<String>) -> Self {
        ListSection { title: Some(title.into()), rows: Some(Vec::new()), title_mistyped: false }
    }

    /// Adds a row.
    pub fn row(mut self, row: ListRow) -> Self {
        self.rows.get_or_insert_with(Vec::new).push(Some(row));
        self
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["title", "rows"], cx)?;
        let title_given = o.has("title");
        let title = o.string("title", cx);
        let rows = o.required("rows", cx, |v, cx| array(v, cx, ListRow::from_json));
        o.finish(cx);
        Some(ListSection { title_mistyped: title_given && title.is_none(), title, rows })
    }
}

/// A checked row of a list message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    id: RowId,
    title: RowTitle,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<RowDescription>,
}

impl Row {
    /// The id sent back in the webhook when the row is chosen.
    pub fn id(&self) -> &str {
        self.id.as_str()
    }

    /// The row's title.
    pub fn title(&self) -> &str {
        self.title.as_str()
    }

    /// The row's description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_ref().map(RowDescription::as_str)
    }
}

/// A checked section of a list message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<SectionTitle>,
    rows: Vec<Row>,
}

impl Section {
    /// The section's title, if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_ref().map(SectionTitle::as_str)
    }

    /// The rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }
}

/// A list message: body, a button that opens the list, 1 to 10 sections with at most 10 rows in total.
///
/// ```
/// use exotel_whatsapp_core::content::{Interactive, ListRow, ListSection};
/// let list = Interactive::list("Pick a size", "Sizes")
///     .section(ListSection::new().row(ListRow::new("s", "Small")).row(ListRow::new("m", "Medium")))
///     .build()?;
/// assert_eq!(list.sections()[0].rows()[1].title(), "Medium");
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    frame: Frame,
    button: ListButton,
    sections: Vec<Section>,
}

impl List {
    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The text of the button that opens the list.
    pub fn button(&self) -> &str {
        self.button.as_str()
    }

    /// The body text.
    pub fn body(&self) -> &str {
        self.frame.body.as_str()
    }

    /// The header, if any (always text).
    pub fn header(&self) -> Option<&Header> {
        self.frame.header.as_ref()
    }

    /// The footer text, if any.
    pub fn footer(&self) -> Option<&str> {
        self.frame.footer.as_ref().map(FooterText::as_str)
    }

    /// The list rules, at the interactive object.
    fn assemble(
        frame: FrameDraft,
        button: Option<String>,
        sections: Option<Vec<Option<ListSection>>>,
        cx: &mut Ctx,
    ) -> Option<Self> {
        let before = cx.errors();
        let frame = frame.assemble(true, cx);
        let (button, sections) = cx.at("action", |cx| {
            let button = cx.at("button", |cx| ListButton::parse(button?, cx));
            let sections = cx.at("sections", |cx| Self::assemble_sections(sections?, cx));
            (button, sections)
        });
        (cx.errors() == before).then_some(List { frame: frame?, button: button?, sections: sections? })
    }

    /// Sections and rows, at `/action/sections`.
    fn assemble_sections(sections: Vec<Option<ListSection>>, cx: &mut Ctx) -> Option<Vec<Section>> {
        cx.count(sections.len(), SECTIONS_MIN, SECTIONS_MAX);
        let total: usize = sections.iter().flatten().filter_map(|s| s.rows.as_ref()).map(Vec::len).sum();
        if total > ROWS_TOTAL_MAX {
            cx.error(Problem::TooManyInTotal {
                what: "rows across all sections",
                limit: ROWS_TOTAL_MAX,
                actual: total,
            });
        }
        let several = sections.len() > 1;
        let mut ids = Unique::new(cx);
        let checked: Vec<Option<Section>> = sections
            .into_iter()
            .enumerate()
            .map(|(i, section)| {
                cx.at_index(i, |cx| {
                    let section = section?;
                    if several && section.title.is_none() && !section.title_mistyped {
                        cx.error(Problem::Required { field: "title" });
                    }
                    let title = cx.optional("title", section.title, SectionTitle::parse);
                    let rows = cx.at("rows", |cx| {
                        let rows = section.rows?;
                        cx.count(rows.len(), SECTION_ROWS_MIN, usize::MAX);
                        let rows: Vec<Option<Row>> = rows
                            .into_iter()
                            .enumerate()
                            .map(|(j, row)| cx.at_index(j, |cx| Self::assemble_row(row?, &mut ids, cx)))
                            .collect();
                        rows.into_iter().collect::<Option<Vec<_>>>()
                    });
                    Some(Section { title: title?, rows: rows? })
                })
            })
            .collect();
        checked.into_iter().collect()
    }

    fn assemble_row(row: ListRow, ids: &mut Unique, cx: &mut Ctx) -> Option<Row> {
        let id = cx.at("id", |cx| {
            let id = RowId::parse(row.id?, cx)?;
            ids.check(id.as_str(), cx).then_some(id)
        });
        let title = cx.at("title", |cx| RowTitle::parse(row.title?, cx));
        let description = cx.optional("description", row.description, RowDescription::parse);
        Some(Row { id: id?, title: title?, description: description? })
    }
}

impl Serialize for List {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Action<'a> {
            button: &'a str,
            sections: &'a [Section],
        }
        let mut m = s.serialize_map(None)?;
        self.frame.serialize_into("list", &mut m)?;
        m.serialize_entry("action", &Action { button: self.button(), sections: &self.sections })?;
        m.end()
    }
}

/// Builds a [`List`] message; [`build`](Self::build) compiles only after a section is added.
///
/// ```compile_fail
/// use exotel_whatsapp_core::content::Interactive;
/// let list = Interactive::list("No sections", "Open").build(); // error: no section yet
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the message"]
pub struct ListBuilder<S = Empty> {
    frame: FrameDraft,
    button: String,
    sections: Vec<Option<ListSection>>,
    state: PhantomData<S>,
}

impl<S> ListBuilder<S> {
    /// Adds a section.
    pub fn section(mut self, section: ListSection) -> ListBuilder<Filled> {
        self.sections.push(Some(section));
        ListBuilder { frame: self.frame, button: self.button, sections: self.sections, state: PhantomData }
    }

    /// A text header of at most [`HEADER_TEXT_MAX`](crate::limits::HEADER_TEXT_MAX) characters.
    pub fn header(mut self, text: impl Into<String>) -> Self {
        self.frame.header = Some(HeaderDraft::Text(text.into()));
        self
    }

    /// A footer of at most [`FOOTER_TEXT_MAX`](crate::limits::FOOTER_TEXT_MAX) characters.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.frame.footer = Some(text.into());
        self
    }

    /// Checks every part.
    ///
    /// # Errors
    /// At pointers relative to the interactive object: `empty`/`too_long` at `/body/text`,
    /// `/action/button`, `/action/sections/N/title` and each row's `id`, `title` and
    /// `description`; `required` at a section without title when there are several; `too_few` at
    /// a section's `rows`; `too_many` at `/action/sections` (more than 10 sections, or more than
    /// 10 rows in total); `whitespace` and `duplicate` at row ids.
    pub fn build(self) -> Result<List, Error>
    where
        S: HasSections,
    {
        validate_alone(|cx| List::assemble(self.frame, Some(self.button), Some(self.sections), cx))
    }
}

/// An interactive message: reply buttons or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Interactive {
    /// Reply buttons (`"type": "button"`).
    Buttons(ReplyButtons),
    /// A list (`"type": "list"`).
    List(List),
}

impl Interactive {
    /// Starts a reply-button message with its body text.
    pub fn buttons(body: impl Into<String>) -> ReplyButtonsBuilder {
        ReplyButtonsBuilder {
            frame: FrameDraft { body: Some(body.into()), ..FrameDraft::default() },
            buttons: Vec::new(),
            state: PhantomData,
        }
    }

    /// Starts a list message with its body text and the text of the button that opens the list.
    pub fn list(body: impl Into<String>, button: impl Into<String>) -> ListBuilder {
        ListBuilder {
            frame: FrameDraft { body: Some(body.into()), ..FrameDraft::default() },
            button: button.into(),
            sections: Vec::new(),
            state: PhantomData,
        }
    }

    pub(crate) fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Button,
            List,
        }
        let mut o = Obj::new(v, &["type", "header", "body", "footer", "action"], cx)?;
        let kind = o.required("type", cx, |v, cx| {
            let s = string(v, cx)?;
            match s.as_str() {
                "button" => Some(Kind::Button),
                "list" => Some(Kind::List),
                _ => {
                    cx.error(Problem::OneOf { expected: &["button", "list"], found: s });
                    None
                }
            }
        });
        let frame = FrameDraft::from_json(&mut o, cx);
        let action = o.required("action", cx, |v, cx| Obj::new(v, &["button", "buttons", "sections"], cx));
        o.finish(cx);
        let mut action = action?;
        let kind = kind.or_else(|| {
            (action.has("buttons") != action.has("sections"))
                .then(|| if action.has("buttons") { Kind::Button } else { Kind::List })
        })?;
        cx.at("action", |cx| match kind {
            Kind::Button => {
                action.forbid("button", "only list messages have `action.button`", cx);
                action.forbid("sections", "reply-button messages have `buttons`, not `sections`", cx);
                let buttons = action.required("buttons", cx, |v, cx| array(v, cx, ButtonDraft::from_json));
                action.finish(cx);
                cx.at_parent(|cx| ReplyButtons::assemble(frame, buttons, cx).map(Interactive::Buttons))
            }
            Kind::List => {
                action.forbid("buttons", "list messages have `sections`, not `buttons`", cx);
                let button = action.required_string("button", cx);
                let sections = action.required("sections", cx, |v, cx| array(v, cx, ListSection::from_json));
                action.finish(cx);
                cx.at_parent(|cx| List::assemble(frame, button, sections, cx).map(Interactive::List))
            }
        })
    }
}

/// An interactive object as the wire carries it, for the checker's fast path: any unknown,
/// duplicate, missing or `null` field, or a part that does not belong to the `type`, fails it, and
/// the full walk ([`Interactive::from_json`]) reports what is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InteractiveWire {
    r#type: InteractiveType,
    #[serde(default, deserialize_with = "present")]
    header: Option<HeaderWire>,
    body: TextObjectWire,
    #[serde(default, deserialize_with = "present")]
    footer: Option<TextObjectWire>,
    action: ActionWire,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum InteractiveType {
    Button,
    List,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextObjectWire {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderWire {
    r#type: HeaderType,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    // Boxed: inline, every text header would carry the room of all three.
    #[serde(default, deserialize_with = "present")]
    image: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    video: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    document: Option<Box<MediaWire>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum HeaderType {
    Text,
    Image,
    Video,
    Document,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionWire {
    #[serde(default, deserialize_with = "present")]
    button: Option<String>,
    #[serde(default, deserialize_with = "present")]
    buttons: Option<Vec<ButtonWire>>,
    #[serde(default, deserialize_with = "present")]
    sections: Option<Vec<SectionWire>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ButtonWire {
    #[serde(rename = "type")]
    _type: ReplyType,
    reply: ReplyWire,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ReplyType {
    Reply,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyWire {
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionWire {
    #[serde(default, deserialize_with = "present")]
    title: Option<String>,
    rows: Vec<RowWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowWire {
    id: String,
    title: String,
    #[serde(default, deserialize_with = "present")]
    description: Option<String>,
}

impl HeaderWire {
    /// The header named by `type`, `None` (fall back) when another payload is present too.
    fn draft(self, cx: &mut Ctx) -> Option<HeaderDraft> {
        let header = match (self.r#type, self.text, self.image, self.video, self.document) {
            (HeaderType::Text, Some(text), None, None, None) => return Some(HeaderDraft::Text(text)),
            (HeaderType::Image, None, Some(w), None, None) => {
                Header::Image { image: cx.at("image", |cx| Image::from_wire(*w, cx))? }
            }
            (HeaderType::Video, None, None, Some(w), None) => {
                Header::Video { video: cx.at("video", |cx| Video::from_wire(*w, cx))? }
            }
            (HeaderType::Document, None, None, None, Some(w)) => {
                Header::Document { document: cx.at("document", |cx| Document::from_wire(*w, cx))? }
            }
            _ => return None,
        };
        Some(HeaderDraft::Ready(header))
    }
}

impl Interactive {
    /// The checker's fast path: the same rules ([`ReplyButtons::assemble`], [`List::assemble`]) on
    /// a typed draft. `None` means "ask the full walk", which reports what is wrong.
    pub(crate) fn from_wire(w: InteractiveWire, cx: &mut Ctx) -> Option<Self> {
        let header = match w.header {
            Some(h) => Some(cx.at("header", |cx| h.draft(cx))?),
            None => None,
        };
        let frame = FrameDraft { header, body: Some(w.body.text), footer: w.footer.map(|f| f.text) };
        let action = w.action;
        match w.r#type {
            InteractiveType::Button => {
                if action.button.is_some() || action.sections.is_some() {
                    return None;
                }
                let buttons = action
                    .buttons?
                    .into_iter()
                    .map(|b| Some(ButtonDraft { id: Some(b.reply.id), title: Some(b.reply.title) }))
                    .collect();
                ReplyButtons::assemble(frame, Some(buttons), cx).map(Interactive::Buttons)
            }
            InteractiveType::List => {
                if action.buttons.is_some() {
                    return None;
                }
                let sections = action
                    .sections?
                    .into_iter()
                    .map(|s| {
                        let rows = s
                            .rows
                            .into_iter()
                            .map(|r| {
                                Some(ListRow {
                                    id: Some(r.id),
                                    title: Some(r.title),
                                    description: r.description,
                                })
                            })
                            .collect();
                        Some(ListSection { title: s.title, rows: Some(rows), title_mistyped: false })
                    })
                    .collect();
                List::assemble(frame, action.button, Some(sections), cx).map(Interactive::List)
            }
        }
    }
}

impl From<ReplyButtons> for Interactive {
    fn from(m: ReplyButtons) -> Self {
        Interactive::Buttons(m)
    }
}

impl From<List> for Interactive {
    fn from(m: List) -> Self {
        Interactive::List(m)
    }
}

impl Default for ListSection {
    fn default() -> Self {
        ListSection::new()
    }
}
