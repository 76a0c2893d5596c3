//! List messages: rows and sections as given and checked, the message and its builder.

use std::marker::PhantomData;

use serde::{Deserializer, Serialize, Serializer};

use super::frame::{Frame, FrameDraft};
use super::header::{Header, HeaderDraft};
use crate::content::state::{Empty, Filled, HasSections};
use crate::content::{each, given, plain_objects};
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{Got, Read, array, fields, object_into, string};
use crate::limits::{SECTION_ROWS_MIN, SECTIONS_MAX, SECTIONS_MIN};
use crate::rules::{self, length, unique::Unique};
use crate::text::{FooterText, ListButton, RowDescription, RowId, RowTitle, SectionTitle};

/// One row of a list, as given; checked when the list is built.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ListRow {
    pub(in crate::content) id: Option<String>,
    pub(in crate::content) title: Option<String>,
    pub(in crate::content) description: Option<String>,
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
}

fields!(ListRow {
    #[required] "id" => id: string,
    #[required] "title" => title: string,
    "description" => description: string,
});

plain_objects!(ListRow);

/// One section of a list, as given; checked when the list is built.
#[derive(Debug, Clone)]
#[must_use]
pub struct ListSection {
    /// `Err` when read from JSON with a `title` that is not a string (already reported as `type`).
    pub(super) title: Option<Result<String, ()>>,
    /// `None` when read from JSON without `rows` (already reported).
    pub(super) rows: Option<Vec<Option<ListRow>>>,
}

impl ListSection {
    /// A section without a title (allowed when it is the only one).
    pub fn new() -> Self {
        ListSection { title: None, rows: Some(Vec::new()) }
    }

    /// A section with a title of at most [`SECTION_TITLE_MAX`](crate::limits::SECTION_TITLE_MAX) characters.
    pub fn titled(title: impl Into<String>) -> Self {
        ListSection { title: Some(Ok(title.into())), rows: Some(Vec::new()) }
    }

    /// Adds a row.
    pub fn row(self, row: ListRow) -> Self {
        self.rows([row])
    }

    /// Adds every row of `rows`, such as rows made from runtime data; a section left without
    /// rows is reported as `too_few` at its `rows` when the list is built.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
    /// let sizes = [("s", "Small"), ("m", "Medium")];
    /// let list = Interactive::list("Pick a size", "Sizes")
    ///     .section(ListSection::new().rows(sizes.map(|(id, title)| ListRow::new(id, title))))
    ///     .build()?;
    /// assert_eq!(list.sections()[0].rows().len(), 2);
    /// # Ok::<(), exotel_whatsapp::Error>(())
    /// ```
    pub fn rows(mut self, rows: impl IntoIterator<Item = ListRow>) -> Self {
        self.rows.get_or_insert_with(Vec::new).extend(rows.into_iter().map(Some));
        self
    }
}

fields!(ListSection {
    "title" => title: |d, cx| given(d, cx, |title, _| Ok(title)),
    #[required] "rows" => rows: array,
});

impl<'de> Read<'de> for ListSection {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        object_into(d, ListSection { title: None, rows: None }, cx)
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
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
/// let list = Interactive::list("Pick a size", "Sizes")
///     .section(ListSection::new().row(ListRow::new("s", "Small")).row(ListRow::new("m", "Medium")))
///     .build()?;
/// assert_eq!(list.sections()[0].rows()[1].title(), "Medium");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
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
    pub(super) fn assemble(
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
        length::count(sections.len(), SECTIONS_MIN, SECTIONS_MAX, cx);
        let total: usize = sections.iter().flatten().filter_map(|s| s.rows.as_ref()).map(Vec::len).sum();
        length::rows_in_total(total, cx);
        let several = sections.len() > 1;
        let mut ids = Unique::new(cx);
        each(sections, cx, |section, cx| {
            let section = section?;
            rules::interactive::section_title(several, section.title.is_some(), cx);
            let title = cx.optional("title", section.title.and_then(Result::ok), SectionTitle::parse);
            let rows = cx.at("rows", |cx| {
                let rows = section.rows?;
                length::count(rows.len(), SECTION_ROWS_MIN, usize::MAX, cx);
                each(rows, cx, |row, cx| Self::assemble_row(row?, &mut ids, cx))
            });
            Some(Section { title: title?, rows: rows? })
        })
    }

    fn assemble_row(row: ListRow, ids: &mut Unique, cx: &mut Ctx) -> Option<Row> {
        let id = cx.at("id", |cx| RowId::parse(row.id?, cx).filter(|id| ids.check(id.as_str(), cx)));
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
        self.frame.serialize(s, "list", &Action { button: self.button(), sections: &self.sections })
    }
}

/// Builds a [`List`] message; [`build`](Self::build) compiles only after a section is added.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
/// let err = Interactive::list("Pick a size", "Sizes")
///     .section(ListSection::titled("Shirts").row(ListRow::new("m", "Medium")))
///     .section(ListSection::new().row(ListRow::new("m", "Medium mug")))
///     .build()
///     .unwrap_err();
/// let found: Vec<String> = err.violations().iter().map(ToString::to_string).collect();
/// assert_eq!(found, [
///     "/action/sections/1: `title` is required",
///     "/action/sections/1/rows/0/id: duplicates the value at /action/sections/0/rows/0/id; it must be unique",
/// ]);
/// ```
///
/// ```compile_fail
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Interactive;
/// let list = Interactive::list("No sections", "Open").build(); // error: no section yet
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the message"]
pub struct ListBuilder<S = Empty> {
    pub(super) frame: FrameDraft,
    pub(super) button: String,
    pub(super) sections: Vec<Option<ListSection>>,
    pub(super) state: PhantomData<S>,
}

impl<S> ListBuilder<S> {
    /// Adds a section.
    pub fn section(self, section: ListSection) -> ListBuilder<Filled> {
        self.sections([section])
    }

    /// Adds every section of `sections`, such as sections made from runtime data. The type
    /// system cannot see whether there is one, so `build` compiles and reports `too_few` at
    /// `/action/sections` when there is none.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
    /// let menu = [("Starters", ["soup", "salad"]), ("Mains", ["curry", "biryani"])];
    /// let sections = menu.iter().map(|(title, dishes)| {
    ///     ListSection::titled(*title).rows(dishes.iter().map(|d| ListRow::new(*d, *d)))
    /// });
    /// let list = Interactive::list("What would you like?", "Menu").sections(sections).build()?;
    /// assert_eq!(list.sections()[1].rows()[1].id(), "biryani");
    /// let err = Interactive::list("What would you like?", "Menu").sections([]).build().unwrap_err();
    /// assert_eq!(err.to_string(), "/action/sections: has 0 items; at least 1 are required");
    /// # Ok::<(), exotel_whatsapp::Error>(())
    /// ```
    pub fn sections(self, sections: impl IntoIterator<Item = ListSection>) -> ListBuilder<Filled> {
        let ListBuilder { frame, button, sections: mut all, .. } = self;
        all.extend(sections.into_iter().map(Some));
        ListBuilder { frame, button, sections: all, state: PhantomData }
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
    /// 10 rows in total); `duplicate` at row ids.
    pub fn build(self) -> Result<List, Error>
    where
        S: HasSections,
    {
        validate_alone(|cx| self.assemble(cx))
    }

    /// The list's rules, at the list.
    pub(in crate::content) fn assemble(self, cx: &mut Ctx) -> Option<List> {
        List::assemble(self.frame, Some(self.button), Some(self.sections), cx)
    }
}

impl Default for ListSection {
    fn default() -> Self {
        ListSection::new()
    }
}
