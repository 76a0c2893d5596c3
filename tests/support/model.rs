//! A plain model of what a caller hands the builders, shared by the property tests, the fuzz
//! targets (`fuzz/`, which include this file by path) and the corpus replay test.
//!
//! A [`MessageSpec`] is built two ways: through the public builders, and by writing its JSON by
//! hand, independently of the library's `Serialize`. [`assert_builders_agree_with_checker`] is
//! the structure-aware oracle: the builders' verdict (every violation, rerooted into the request)
//! must equal the checker's verdict on the hand-written JSON, and a value the builders accept
//! must serialize to exactly that JSON and come back equal through the checker.
//!
//! [`fuzz_check`], [`fuzz_callback`] and [`fuzz_structured`] are the bodies of the three fuzz
//! targets, so that `cargo test` replays the committed corpus through the same assertions.
#![allow(dead_code, reason = "each test crate that includes this file uses a part of it")]

use arbitrary::{Result, Unstructured};
use exotel_whatsapp::callback::{self, Event};
use exotel_whatsapp::check;
use exotel_whatsapp::content::{
    Audio, Content, Document, Image, Interactive, ListRow, ListSection, Location, Sticker, Text, Video,
};
use exotel_whatsapp::error::Severity;
use exotel_whatsapp::limits;
use exotel_whatsapp::template::Template;
use exotel_whatsapp::{Error, Message, PhoneNumber, Request, Violation};
use serde_json::{Map, Value, json};

/// Pieces text is made of: ASCII, 2-, 3- and 4-byte characters, a combining mark, ZWJ and
/// modifier emoji sequences, and a space (so that blank and edge-whitespace texts occur).
pub const ATOMS: [&str; 14] =
    ["a", "Z", "7", "_", "é", "ß", "न", "中", "€", "👍", "𝄞", "e\u{301}", "👨\u{200d}👩\u{200d}👧", " "];

/// `n` characters (Unicode scalar values) made by cycling through `pieces`.
pub fn cycle_chars(pieces: &[&str], n: usize) -> String {
    pieces.iter().flat_map(|p| p.chars()).cycle().take(n).collect()
}

/// A text whose length, in characters, is often `max`, `max + 1` or near them.
pub fn text(u: &mut Unstructured, max: usize) -> Result<String> {
    let len = match u.int_in_range(0u8..=9)? {
        0 => max,
        1 => max + 1,
        2 => max.saturating_sub(1),
        3 => 0,
        4 => u.int_in_range(1..=max.saturating_add(8))?,
        _ => u.int_in_range(1..=max.min(12))?,
    };
    let count = u.int_in_range(1..=4)?;
    let mut pieces = Vec::with_capacity(count);
    for _ in 0..count {
        // Mostly printable ASCII, so that most texts are valid.
        let i = u.int_in_range(0..=ATOMS.len() + 3)?;
        pieces.push(ATOMS.get(i).copied().unwrap_or("x"));
    }
    Ok(cycle_chars(&pieces, len))
}

/// An optional text.
fn maybe_text(u: &mut Unstructured, max: usize) -> Result<Option<String>> {
    Ok(if u.ratio(1, 3)? { Some(text(u, max)?) } else { None })
}

/// A phone number: usually valid, else one of the ways people get E.164 wrong, else anything.
pub fn phone(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0..=2 => {
            let digits = u.int_in_range(6..=14)?;
            format!("+9{}", cycle_chars(&["1", "2", "3", "0"], digits))
        }
        3 => {
            let prefix = *u.choose(&["", "+", "++", "+0", "tel:+", "+91 "])?;
            let digits = u.int_in_range(0..=18)?;
            format!("{prefix}{}", cycle_chars(&["9", "8", "7"], digits))
        }
        _ => u.arbitrary()?,
    })
}

/// A URL: usually fine, else a broken one, else anything.
pub fn url(u: &mut Unstructured) -> Result<String> {
    const URLS: [&str; 10] = [
        "https://example.com/a.jpg",
        "http://cdn.example.in/x/y.pdf?v=2",
        "https://EXAMPLE.com:8443/m.mp4",
        "http://10.0.0.1/private.png",
        "ftp://example.com/a",
        "https://",
        "https://example.com:0/",
        "https://exa mple.com/",
        "example.com/a.jpg",
        "https://[2001:db8::1]/x",
    ];
    Ok(match u.int_in_range(0u8..=7)? {
        0..=4 => URLS[0].to_owned(),
        5 | 6 => (*u.choose(&URLS)?).to_owned(),
        _ => u.arbitrary()?,
    })
}

/// A media kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Audio,
    Video,
    Document,
    Sticker,
}

impl MediaKind {
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
            MediaKind::Document => "document",
            MediaKind::Sticker => "sticker",
        }
    }
}

/// One row of a list.
#[derive(Debug, Clone)]
pub struct RowSpec {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

/// One section of a list.
#[derive(Debug, Clone)]
pub struct SectionSpec {
    pub title: Option<String>,
    pub rows: Vec<RowSpec>,
}

/// One button component of a template.
#[derive(Debug, Clone)]
pub struct TemplateButtonSpec {
    pub quick_reply: bool,
    pub index: u8,
    pub text: String,
}

/// The content of a message as handed to the builders.
#[derive(Debug, Clone)]
pub enum ContentSpec {
    Text {
        body: String,
        preview_url: Option<bool>,
    },
    Media {
        kind: MediaKind,
        link: String,
        caption: Option<String>,
        filename: Option<String>,
    },
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
    },
    Buttons {
        header: Option<String>,
        body: String,
        footer: Option<String>,
        /// `(id, title)`; at least one (the builder's typestate demands it).
        buttons: Vec<(String, String)>,
    },
    List {
        header: Option<String>,
        body: String,
        footer: Option<String>,
        button: String,
        /// At least one (the builder's typestate demands it).
        sections: Vec<SectionSpec>,
    },
    Template {
        name: String,
        language: String,
        header: Option<String>,
        body: Vec<String>,
        buttons: Vec<TemplateButtonSpec>,
    },
}

/// One message as handed to the builders.
#[derive(Debug, Clone)]
pub struct MessageSpec {
    pub from: String,
    pub to: String,
    pub content: ContentSpec,
}

/// A coordinate: in range, at or just past a boundary, or anything finite.
fn coordinate(u: &mut Unstructured, max: f64) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => max,
        1 => -max,
        2 => max + 1e-9,
        3 => {
            let v: f64 = u.arbitrary()?;
            if v.is_finite() { v } else { 0.0 }
        }
        _ => f64::from(u.int_in_range(-1_800_000i32..=1_800_000)?) / 10_000.0 * (max / 180.0),
    })
}

impl ContentSpec {
    /// A content spec from fuzzer bytes; lengths cluster around every limit.
    #[allow(clippy::too_many_lines, reason = "one arm per content type")]
    pub fn arbitrary(u: &mut Unstructured) -> Result<Self> {
        Ok(match u.int_in_range(0u8..=5)? {
            0 => ContentSpec::Text { body: text(u, limits::TEXT_BODY_MAX)?, preview_url: u.arbitrary()? },
            1 => {
                let kind = *u.choose(&[
                    MediaKind::Image,
                    MediaKind::Audio,
                    MediaKind::Video,
                    MediaKind::Document,
                    MediaKind::Sticker,
                ])?;
                let captioned = matches!(kind, MediaKind::Image | MediaKind::Video | MediaKind::Document);
                let caption = if captioned { maybe_text(u, limits::CAPTION_MAX)? } else { None };
                let filename = if kind == MediaKind::Document && u.arbitrary()? {
                    Some((*u.choose(&["inv.pdf", "a/b.pdf", "", " ", "x\\y"])?).to_owned())
                } else {
                    None
                };
                ContentSpec::Media { kind, link: url(u)?, caption, filename }
            }
            2 => ContentSpec::Location {
                latitude: coordinate(u, limits::LATITUDE_MAX)?,
                longitude: coordinate(u, limits::LONGITUDE_MAX)?,
                name: maybe_text(u, 30)?,
                address: maybe_text(u, 30)?,
            },
            3 => {
                let n = u.int_in_range(1..=limits::BUTTONS_MAX + 1)?;
                let mut buttons = Vec::with_capacity(n);
                for i in 0..n {
                    // Distinct by default; sometimes a copy of the previous one.
                    let fresh = (format!("id{i}"), format!("T{i}"));
                    let button = match u.int_in_range(0u8..=5)? {
                        0 => (text(u, limits::BUTTON_ID_MAX)?, fresh.1),
                        1 => (fresh.0, text(u, limits::BUTTON_TITLE_MAX)?),
                        2 if i > 0 => buttons.last().cloned().unwrap_or(fresh),
                        _ => fresh,
                    };
                    buttons.push(button);
                }
                ContentSpec::Buttons {
                    header: maybe_text(u, limits::HEADER_TEXT_MAX)?,
                    body: text(u, limits::INTERACTIVE_BODY_MAX)?,
                    footer: maybe_text(u, limits::FOOTER_TEXT_MAX)?,
                    buttons,
                }
            }
            4 => {
                let n = u.int_in_range(1..=limits::SECTIONS_MAX + 1)?;
                let mut sections = Vec::with_capacity(n);
                let mut next_row = 0;
                for s in 0..n {
                    let title = match u.int_in_range(0u8..=3)? {
                        0 => None,
                        1 => Some(text(u, limits::SECTION_TITLE_MAX)?),
                        _ => Some(format!("Section {s}")),
                    };
                    let rows_in = u.int_in_range(usize::from(s > 0)..=3)?;
                    let mut rows = Vec::with_capacity(rows_in);
                    for _ in 0..rows_in {
                        let id = match u.int_in_range(0u8..=6)? {
                            0 => text(u, limits::ROW_ID_MAX)?,
                            1 if next_row > 0 => format!("r{}", next_row - 1),
                            _ => format!("r{next_row}"),
                        };
                        next_row += 1;
                        let title = if u.ratio(1, 4)? {
                            text(u, limits::ROW_TITLE_MAX)?
                        } else {
                            format!("Row {next_row}")
                        };
                        rows.push(RowSpec {
                            id,
                            title,
                            description: maybe_text(u, limits::ROW_DESCRIPTION_MAX)?,
                        });
                    }
                    sections.push(SectionSpec { title, rows });
                }
                ContentSpec::List {
                    header: maybe_text(u, limits::HEADER_TEXT_MAX)?,
                    body: text(u, limits::INTERACTIVE_BODY_MAX)?,
                    footer: maybe_text(u, limits::FOOTER_TEXT_MAX)?,
                    button: text(u, limits::LIST_BUTTON_MAX)?,
                    sections,
                }
            }
            _ => {
                let name = match u.int_in_range(0u8..=5)? {
                    0 => cycle_chars(&["a"], limits::TEMPLATE_NAME_MAX + u.int_in_range(0..=1)?),
                    1 => (*u.choose(&["Order", "order shipped", "", "ok-1"])?).to_owned(),
                    _ => "order_shipped".to_owned(),
                };
                let language = (*u
                    .choose(&["en", "en_US", "pt_BR", "xx", "fil", "EN", "en-US", "english", ""])?)
                .to_owned();
                let header = maybe_text(u, limits::TEMPLATE_HEADER_TEXT_MAX)?;
                let n = u.int_in_range(0..=3)?;
                let mut body = Vec::with_capacity(n);
                for _ in 0..n {
                    body.push(text(u, limits::TEMPLATE_BODY_TEXT_MAX)?);
                }
                if n == 1 && header.is_none() && u.ratio(1, 4)? {
                    body[0] = text(u, limits::TEMPLATE_BODY_ALONE_MAX)?;
                }
                let n = u.int_in_range(0..=3)?;
                let mut buttons = Vec::with_capacity(n);
                for _ in 0..n {
                    buttons.push(TemplateButtonSpec {
                        quick_reply: u.arbitrary()?,
                        index: u.int_in_range(0..=limits::TEMPLATE_BUTTON_INDEX_MAX + 1)?,
                        text: text(u, 8)?,
                    });
                }
                ContentSpec::Template { name, language, header, body, buttons }
            }
        })
    }

    /// The wire name of the content's `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ContentSpec::Text { .. } => "text",
            ContentSpec::Media { kind, .. } => kind.name(),
            ContentSpec::Location { .. } => "location",
            ContentSpec::Buttons { .. } | ContentSpec::List { .. } => "interactive",
            ContentSpec::Template { .. } => "template",
        }
    }

    /// Builds the content through the public builders; errors are relative to the payload.
    #[allow(clippy::too_many_lines, reason = "one arm per content type")]
    pub fn build(&self) -> std::result::Result<Content, Error> {
        Ok(match self {
            ContentSpec::Text { body, preview_url } => {
                let t = Text::new(body.clone())?;
                match preview_url {
                    Some(p) => t.preview_url(*p).into(),
                    None => t.into(),
                }
            }
            ContentSpec::Media { kind, link, caption, filename } => match kind {
                MediaKind::Image => {
                    let mut b = Image::builder(link.clone());
                    if let Some(c) = caption {
                        b = b.caption(c.clone());
                    }
                    b.build()?.into()
                }
                MediaKind::Video => {
                    let mut b = Video::builder(link.clone());
                    if let Some(c) = caption {
                        b = b.caption(c.clone());
                    }
                    b.build()?.into()
                }
                MediaKind::Document => {
                    let mut b = Document::builder(link.clone());
                    if let Some(c) = caption {
                        b = b.caption(c.clone());
                    }
                    if let Some(f) = filename {
                        b = b.filename(f.clone());
                    }
                    b.build()?.into()
                }
                MediaKind::Audio => Audio::new(link.clone())?.into(),
                MediaKind::Sticker => Sticker::new(link.clone())?.into(),
            },
            ContentSpec::Location { latitude, longitude, name, address } => {
                let mut l = Location::new(*latitude, *longitude)?;
                if let Some(n) = name {
                    l = l.name(n.clone());
                }
                if let Some(a) = address {
                    l = l.address(a.clone());
                }
                l.into()
            }
            ContentSpec::Buttons { header, body, footer, buttons } => {
                let mut b = Interactive::buttons(body.clone());
                if let Some(h) = header {
                    b = b.header_text(h.clone());
                }
                if let Some(f) = footer {
                    b = b.footer(f.clone());
                }
                let (first, rest) = buttons.split_first().expect("a buttons spec has a button");
                let mut b = b.button(first.0.clone(), first.1.clone());
                for (id, title) in rest {
                    b = b.button(id.clone(), title.clone());
                }
                b.build()?.into()
            }
            ContentSpec::List { header, body, footer, button, sections } => {
                let mut b = Interactive::list(body.clone(), button.clone());
                if let Some(h) = header {
                    b = b.header(h.clone());
                }
                if let Some(f) = footer {
                    b = b.footer(f.clone());
                }
                let section = |s: &SectionSpec| {
                    let mut section = match &s.title {
                        Some(t) => ListSection::titled(t.clone()),
                        None => ListSection::new(),
                    };
                    for r in &s.rows {
                        let mut row = ListRow::new(r.id.clone(), r.title.clone());
                        if let Some(d) = &r.description {
                            row = row.description(d.clone());
                        }
                        section = section.row(row);
                    }
                    section
                };
                let (first, rest) = sections.split_first().expect("a list spec has a section");
                let mut b = b.section(section(first));
                for s in rest {
                    b = b.section(section(s));
                }
                b.build()?.into()
            }
            ContentSpec::Template { name, language, header, body, buttons } => {
                let mut b = Template::builder(name.clone(), language.clone());
                if let Some(h) = header {
                    b = b.header_text(h.clone());
                }
                for t in body {
                    b = b.body_text(t.clone());
                }
                for button in buttons {
                    b = if button.quick_reply {
                        b.quick_reply_button(button.index, button.text.clone())
                    } else {
                        b.url_button(button.index, button.text.clone())
                    };
                }
                b.build()?.into()
            }
        })
    }

    /// The payload's JSON, written by hand from the wire format in the spec.
    #[allow(clippy::too_many_lines, reason = "one arm per content type")]
    pub fn payload_json(&self) -> Value {
        fn frame(
            kind: &str,
            header: Option<&String>,
            body: &str,
            footer: Option<&String>,
        ) -> Map<String, Value> {
            let mut m = Map::new();
            m.insert("type".into(), kind.into());
            if let Some(h) = header {
                m.insert("header".into(), json!({"type": "text", "text": h}));
            }
            m.insert("body".into(), json!({"text": body}));
            if let Some(f) = footer {
                m.insert("footer".into(), json!({"text": f}));
            }
            m
        }
        match self {
            ContentSpec::Text { body, preview_url } => {
                let mut m = Map::new();
                if let Some(p) = preview_url {
                    m.insert("preview_url".into(), (*p).into());
                }
                m.insert("body".into(), body.clone().into());
                Value::Object(m)
            }
            ContentSpec::Media { link, caption, filename, .. } => {
                let mut m = Map::new();
                m.insert("link".into(), link.clone().into());
                if let Some(c) = caption {
                    m.insert("caption".into(), c.clone().into());
                }
                if let Some(f) = filename {
                    m.insert("filename".into(), f.clone().into());
                }
                Value::Object(m)
            }
            ContentSpec::Location { latitude, longitude, name, address } => {
                let mut m = Map::new();
                m.insert("latitude".into(), latitude.to_string().into());
                m.insert("longitude".into(), longitude.to_string().into());
                if let Some(n) = name {
                    m.insert("name".into(), n.clone().into());
                }
                if let Some(a) = address {
                    m.insert("address".into(), a.clone().into());
                }
                Value::Object(m)
            }
            ContentSpec::Buttons { header, body, footer, buttons } => {
                let mut m = frame("button", header.as_ref(), body, footer.as_ref());
                let buttons: Vec<Value> = buttons
                    .iter()
                    .map(|(id, title)| json!({"type": "reply", "reply": {"id": id, "title": title}}))
                    .collect();
                m.insert("action".into(), json!({ "buttons": buttons }));
                Value::Object(m)
            }
            ContentSpec::List { header, body, footer, button, sections } => {
                let mut m = frame("list", header.as_ref(), body, footer.as_ref());
                let sections: Vec<Value> = sections
                    .iter()
                    .map(|s| {
                        let rows: Vec<Value> = s
                            .rows
                            .iter()
                            .map(|r| {
                                let mut row = json!({"id": r.id, "title": r.title});
                                if let Some(d) = &r.description {
                                    row["description"] = d.clone().into();
                                }
                                row
                            })
                            .collect();
                        let mut section = Map::new();
                        if let Some(t) = &s.title {
                            section.insert("title".into(), t.clone().into());
                        }
                        section.insert("rows".into(), rows.into());
                        Value::Object(section)
                    })
                    .collect();
                m.insert("action".into(), json!({"button": button, "sections": sections}));
                Value::Object(m)
            }
            ContentSpec::Template { name, language, header, body, buttons } => {
                let mut components = Vec::new();
                if let Some(h) = header {
                    components.push(json!({"type": "header", "parameters": [{"type": "text", "text": h}]}));
                }
                if !body.is_empty() {
                    let ps: Vec<Value> = body.iter().map(|t| json!({"type": "text", "text": t})).collect();
                    components.push(json!({"type": "body", "parameters": ps}));
                }
                // The builder puts buttons in index order (a stable sort); so does the wire.
                let mut buttons: Vec<&TemplateButtonSpec> = buttons.iter().collect();
                buttons.sort_by_key(|b| b.index);
                for b in buttons {
                    let (sub_type, parameter) = if b.quick_reply {
                        ("quick_reply", json!({"type": "payload", "payload": b.text}))
                    } else {
                        ("url", json!({"type": "text", "text": b.text}))
                    };
                    components.push(json!({
                        "type": "button", "sub_type": sub_type, "index": b.index.to_string(),
                        "parameters": [parameter],
                    }));
                }
                json!({
                    "name": name,
                    "language": {"policy": "deterministic", "code": language},
                    "components": components,
                })
            }
        }
    }
}

impl MessageSpec {
    /// A message spec from fuzzer bytes.
    pub fn arbitrary(u: &mut Unstructured) -> Result<Self> {
        let content = ContentSpec::arbitrary(u)?;
        Ok(MessageSpec { from: phone(u)?, to: phone(u)?, content })
    }

    /// The request (of this one message) as hand-written JSON.
    pub fn request_json(&self) -> Value {
        let name = self.content.type_name();
        let mut content = Map::new();
        content.insert("recipient_type".into(), "individual".into());
        content.insert("type".into(), name.into());
        content.insert(name.into(), self.content.payload_json());
        json!({"whatsapp": {"messages": [{"from": self.from, "to": self.to, "content": content}]}})
    }

    /// Builds the request through the public builders; every violation is rerooted to its
    /// pointer in [`request_json`](Self::request_json).
    pub fn build(&self) -> std::result::Result<Request, Vec<Violation>> {
        let at = "/whatsapp/messages/0";
        let mut violations = Vec::new();
        let content = self.content.build().map_err(|e| {
            violations
                .extend(e.rerooted(&format!("{at}/content/{}", self.content.type_name())).into_violations());
        });
        for (field, number) in [("from", &self.from), ("to", &self.to)] {
            if let Err(e) = PhoneNumber::new(number.clone()) {
                violations.extend(e.rerooted(&format!("{at}/{field}")).into_violations());
            }
        }
        match content {
            Ok(content) if violations.is_empty() => {
                let message = Message::new(self.from.clone(), self.to.clone(), content)
                    .expect("numbers that PhoneNumber accepts make a message");
                Ok(Request::new([message]).expect("one message makes a request"))
            }
            _ => Err(violations),
        }
    }
}

/// A violation as compared: pointer, rule code, limit and actual.
pub type Finding = (String, &'static str, Option<usize>, Option<usize>);

/// The findings, sorted so that the order in which they were found does not matter.
pub fn findings(violations: &[Violation]) -> Vec<Finding> {
    let mut found: Vec<Finding> = violations
        .iter()
        .map(|v| {
            let mut code = v.rule().code();
            // A template button index is a `u8` for the builder (`range` past 2) and a string for
            // the checker (`one_of` "0", "1", "2"): the same refusal in the two vocabularies.
            if code == "range" && v.pointer().as_str().ends_with("/index") {
                code = "one_of";
            }
            (v.pointer().as_str().to_owned(), code, v.limit(), v.actual())
        })
        .collect();
    found.sort();
    found
}

/// The structure-aware oracle; see the module documentation.
pub fn assert_builders_agree_with_checker(spec: &MessageSpec) {
    let json = spec.request_json();
    let bytes = serde_json::to_vec(&json).expect("a JSON value serializes");
    let report = check::check(&bytes);
    match spec.build() {
        Ok(request) => {
            assert!(
                report.is_valid(),
                "built {spec:?}\nbut the checker refuses {json}:\n{:?}",
                report.errors()
            );
            let wire = serde_json::to_value(&request).expect("a built request serializes");
            assert_eq!(wire, json, "the builders' wire format differs from the hand-written JSON");
            assert_eq!(report.request(), Some(&request), "the checker's request differs from the built one");
            let back: Request = serde_json::from_value(wire).expect("a built request deserializes");
            assert_eq!(back, request);
        }
        Err(violations) => {
            assert!(!violations.is_empty());
            assert!(
                violations.iter().all(|v| v.severity() == Severity::Error),
                "builders return errors only"
            );
            assert_eq!(
                findings(&violations),
                findings(report.errors()),
                "builders and checker disagree on {json}"
            );
        }
    }
}

/// Fuzz target `check`: the checker on raw bytes. It must not panic; its report must be
/// consistent; a valid document's request must survive serialize → check → `Deserialize`.
pub fn fuzz_check(data: &[u8]) {
    let report = check::check(data);
    assert!(report.errors().len() + report.warnings().len() <= limits::VIOLATIONS_MAX);
    assert!(report.errors().iter().all(|v| v.severity() == Severity::Error));
    assert!(report.warnings().iter().all(|v| v.severity() == Severity::Warning));
    for v in report.errors().iter().chain(report.warnings()) {
        assert!(!v.message().is_empty());
        assert!(v.pointer().as_str().is_empty() || v.pointer().as_str().starts_with('/'));
    }
    assert_eq!(report.is_valid(), report.request().is_some());
    if let Some(request) = report.request() {
        let bytes = serde_json::to_vec(request).expect("a checked request serializes");
        let again = check::check(&bytes);
        assert!(again.is_valid(), "re-serialized request is refused: {:?}", again.errors());
        assert_eq!(again.request(), Some(request));
        let parsed: Request = serde_json::from_slice(data).expect("a valid document deserializes");
        assert_eq!(&parsed, request);
    }
}

/// Fuzz target `callback`: the callback parser on raw bytes, and every accessor of its events.
pub fn fuzz_callback(data: &[u8]) {
    let Ok(events) = callback::parse(data) else { return };
    for event in &events {
        let _ = event.dedup_key();
        let raw = event.raw().get();
        match serde_json::from_str::<Value>(raw) {
            Ok(value) => assert_eq!(value, event.raw().to_value(), "an event's raw text is its value"),
            // JSON all the same, with a number serde_json cannot hold (`1e999`), kept as text.
            Err(e) => assert!(
                e.to_string().starts_with("number out of range")
                    && serde_json::from_str::<&serde_json::value::RawValue>(raw).is_ok(),
                "an event's raw text is JSON: {e}"
            ),
        }
        match event {
            Event::Status(s) => {
                let _ = (s.status.status(), s.status.state(), s.status.name());
                let _ = s.timestamp.as_ref().map(|t| (t.raw().len(), t.parsed()));
                let _ = s.custom_data.as_ref().map(|c| (c.as_str(), c.decode::<Value>().is_ok()));
            }
            Event::Incoming(m) => {
                let _ = (m.reply_id(), m.content.media(), m.content.reply(), m.reply_as::<u64>());
                let _ = m.timestamp.as_ref().map(|t| (t.raw().len(), t.parsed()));
                let _ = m.custom_data.as_ref().map(|c| (c.as_str(), c.decode::<Value>().is_ok()));
            }
            _ => {}
        }
    }
}

/// Fuzz target `structured`: a message built from the bytes through the public builders; the
/// builders' verdict must equal the checker's on the serialized form.
pub fn fuzz_structured(data: &[u8]) {
    let mut u = Unstructured::new(data);
    if let Ok(spec) = MessageSpec::arbitrary(&mut u) {
        assert_builders_agree_with_checker(&spec);
    }
}
