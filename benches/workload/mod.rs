//! The benchmark workload of issue 7, shared by `benches/messages.rs` (criterion, wall clock) and
//! `benches/instructions.rs` (callgrind, instruction counts).
//!
//! 100 messages shaped like real traffic, generated deterministically (a fixed-seed xorshift):
//! 25 text (100 to 1000 characters), 25 image with a caption, 25 interactive (13 lists of 2
//! sections × 5 rows, 12 with 3 reply buttons), 25 templates with 5 body parameters. About one
//! message in five carries Devanagari and emoji, and characters that JSON must escape (`"`, `\`,
//! newlines, tabs, a control character).
//!
//! Each message is kept as owned inputs ([`Input`]), so that both the validated builders and the
//! plain structs below can be built from the same values. The plain structs are the ceiling: they
//! derive `Serialize`, check nothing, and produce byte-identical JSON.

#![allow(dead_code, clippy::missing_panics_doc)]

use exotel_whatsapp::content::{Image, Interactive, ListRow, ListSection, Text};
use exotel_whatsapp::template::{Template, TemplateBuilder};
use exotel_whatsapp::{Message, Request};
use serde::Serialize;

/// One message as inputs, before any checking: owned (`Input`, as [`inputs`] makes them), or
/// borrowed from owned ones (`Input<&str>`, by [`Input::borrowed`]).
#[derive(Debug, Clone)]
pub enum Input<S = String> {
    Text { from: S, to: S, custom_data: Option<S>, body: S, preview_url: bool },
    Image { from: S, to: S, link: S, caption: S },
    List { from: S, to: S, header: S, body: S, footer: S, button: S, sections: Vec<InputSection<S>> },
    Buttons { from: S, to: S, body: S, footer: S, buttons: Vec<(S, S)> },
    Template { from: S, to: S, name: S, language: S, params: Vec<S> },
}

#[derive(Debug, Clone)]
pub struct InputSection<S = String> {
    pub title: S,
    pub rows: Vec<(S, S, Option<S>)>,
}

impl Input {
    /// The same message as `&str`s borrowed from this one (what a caller holding its texts
    /// elsewhere passes to the builders).
    pub fn borrowed(&self) -> Input<&str> {
        match self {
            Input::Text { from, to, custom_data, body, preview_url } => {
                Input::Text { from, to, custom_data: custom_data.as_deref(), body, preview_url: *preview_url }
            }
            Input::Image { from, to, link, caption } => Input::Image { from, to, link, caption },
            Input::List { from, to, header, body, footer, button, sections } => Input::List {
                from,
                to,
                header,
                body,
                footer,
                button,
                sections: sections
                    .iter()
                    .map(|s| InputSection {
                        title: &*s.title,
                        rows: s.rows.iter().map(|(id, title, d)| (&**id, &**title, d.as_deref())).collect(),
                    })
                    .collect(),
            },
            Input::Buttons { from, to, body, footer, buttons } => Input::Buttons {
                from,
                to,
                body,
                footer,
                buttons: buttons.iter().map(|(id, title)| (&**id, &**title)).collect(),
            },
            Input::Template { from, to, name, language, params } => Input::Template {
                from,
                to,
                name,
                language,
                params: params.iter().map(String::as_str).collect(),
            },
        }
    }
}

/// The inputs of [`inputs`], borrowed (made before anything is measured).
pub fn borrowed(inputs: &[Input]) -> Vec<Input<&str>> {
    inputs.iter().map(Input::borrowed).collect()
}

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("fits")
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const ASCII_WORDS: &[&str] = &[
    "your",
    "order",
    "has",
    "shipped",
    "and",
    "will",
    "arrive",
    "by",
    "Friday",
    "thanks",
    "for",
    "shopping",
    "with",
    "us",
    "track",
    "it",
    "any",
    "time",
    "delivery",
    "slot",
    "payment",
    "received",
    "invoice",
    "#4521",
    "total",
    "Rs.",
    "1,499.00",
    "reply",
    "STOP",
    "to",
    "opt",
    "out",
    "offer",
    "ends",
    "tonight",
    "(limited)",
    "stock",
    "size",
    "M/L",
    "50%",
    "off",
];
const UNICODE_WORDS: &[&str] =
    &["नमस्ते", "आपका", "ऑर्डर", "भेज", "दिया", "गया", "है", "धन्यवाद", "🎉", "👍🏽", "📦", "✅", "₹1,499"];
/// Characters that JSON escapes: quotes, backslashes, newlines, tabs and a control character.
const ESCAPED_WORDS: &[&str] = &["\"Sale\"", "C:\\orders\\4521", "line\nbreak", "tab\there", "bell\u{7}"];

/// Text of `min` to `min + spread - 1` characters (words, then cut), with Unicode and escapes mixed
/// in when `rich`.
fn sentence(rng: &mut Rng, min: usize, spread: usize, rich: bool) -> String {
    let chars = min + rng.below(spread);
    let mut s = String::new();
    let mut n = 0;
    while n < chars {
        let word = match (rich, rng.below(4)) {
            (true, 0) => rng.pick(UNICODE_WORDS),
            (true, 1) => rng.pick(ESCAPED_WORDS),
            _ => rng.pick(ASCII_WORDS),
        };
        for c in word.chars().chain([' ']) {
            if n < chars {
                s.push(c);
                n += 1;
            }
        }
    }
    // No edge whitespace and no trailing space: replace it with a letter.
    if s.ends_with(char::is_whitespace) {
        s.pop();
        s.push('x');
    }
    s
}

fn phone(rng: &mut Rng) -> String {
    format!("+9198{:08}", rng.next() % 100_000_000)
}

/// The 100 messages, the same on every run.
pub fn inputs() -> Vec<Input> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(100);
    for i in 0..100 {
        let rich = i % 5 == 2;
        let from = "+919876543210".to_owned();
        let to = phone(&mut rng);
        out.push(match i % 4 {
            0 => {
                let mut body = sentence(&mut rng, 100, 901, rich);
                let preview_url = i % 8 == 0;
                if preview_url {
                    body.replace_range(..30, "https://shop.example.com/t/42 ");
                }
                let custom_data = (i % 3 == 0).then(|| format!("campaign-7/msg-{i}"));
                Input::Text { from, to, custom_data, body, preview_url }
            }
            1 => {
                let caption = sentence(&mut rng, 20, 181, rich);
                Input::Image {
                    from,
                    to,
                    link: format!("https://cdn.example.com/catalog/item-{i}.jpg"),
                    caption,
                }
            }
            2 if i % 8 == 2 => {
                let section = |s: usize, rng: &mut Rng| InputSection {
                    title: sentence(rng, 10, 14, rich),
                    rows: (0..5)
                        .map(|r| {
                            let id = format!("slot-{i}-{s}-{r}");
                            let title = sentence(rng, 5, 19, rich);
                            let description = (r % 2 == 0).then(|| sentence(rng, 20, 52, rich));
                            (id, title, description)
                        })
                        .collect(),
                };
                let sections = vec![section(0, &mut rng), section(1, &mut rng)];
                Input::List {
                    from,
                    to,
                    header: sentence(&mut rng, 20, 40, rich),
                    body: sentence(&mut rng, 50, 300, rich),
                    footer: sentence(&mut rng, 10, 50, rich),
                    button: "See options".to_owned(),
                    sections,
                }
            }
            2 => Input::Buttons {
                from,
                to,
                body: sentence(&mut rng, 50, 300, rich),
                footer: sentence(&mut rng, 10, 50, rich),
                buttons: ["Yes", "No", "Later"]
                    .iter()
                    .enumerate()
                    .map(|(b, t)| (format!("answer-{i}-{b}"), (*t).to_owned()))
                    .collect(),
            },
            _ => Input::Template {
                from,
                to,
                name: format!("order_update_v{}", i % 7),
                language: if rich { "hi" } else { "en_US" }.to_owned(),
                // A template's text parameter takes no new line or tab (issue 11): those words
                // are written with spaces here, and still escaped quotes and backslashes.
                params: (0..5).map(|_| sentence(&mut rng, 5, 56, rich).replace(['\n', '\t'], " ")).collect(),
            },
        });
    }
    out
}

/// Builds one validated message (every rule runs); panics if the workload breaks one. From owned
/// inputs the builders keep the `String`s; from borrowed ones they copy them. Content builders
/// go to the message unbuilt, so each message is checked in one accumulator (`IntoContent`).
pub fn build_message<S: Into<String>>(input: Input<S>) -> Message {
    let message = match input {
        Input::Text { from, to, custom_data, body, preview_url } => {
            let text = Text::new(body).unwrap();
            let text = if preview_url { text.preview_url(true) } else { text };
            let builder = Message::builder(from, to, text);
            match custom_data {
                Some(data) => builder.custom_data(data).build(),
                None => builder.build(),
            }
        }
        Input::Image { from, to, link, caption } => {
            Message::new(from, to, Image::builder(link).caption(caption))
        }
        Input::List { from, to, header, body, footer, button, sections } => {
            let sections = sections.into_iter().map(|s| {
                s.rows.into_iter().fold(ListSection::titled(s.title), |section, (id, title, description)| {
                    let row = ListRow::new(id, title);
                    section.row(match description {
                        Some(d) => row.description(d),
                        None => row,
                    })
                })
            });
            let list = Interactive::list(body, button).header(header).footer(footer).sections(sections);
            Message::new(from, to, list)
        }
        Input::Buttons { from, to, body, footer, buttons } => {
            Message::new(from, to, Interactive::buttons(body).footer(footer).buttons(buttons))
        }
        Input::Template { from, to, name, language, params } => {
            let template =
                params.into_iter().fold(Template::builder(name, language), TemplateBuilder::body_text);
            Message::new(from, to, template)
        }
    };
    message.unwrap()
}

/// Builds the validated request of all inputs, owned or borrowed.
pub fn build_request<S: Into<String>>(inputs: Vec<Input<S>>) -> Request {
    Request::new(inputs.into_iter().map(build_message)).unwrap()
}

// The ceiling: plain structs, no checks, the same JSON byte for byte.

#[derive(Serialize)]
pub struct PlainRequest {
    whatsapp: PlainChannel,
}

#[derive(Serialize)]
struct PlainChannel {
    messages: Vec<PlainMessage>,
}

#[derive(Serialize)]
struct PlainMessage {
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_data: Option<String>,
    from: String,
    to: String,
    content: PlainContent,
}

/// `type` and one payload, without `flatten` (which would go through a map serializer).
#[derive(Serialize, Default)]
struct PlainContent {
    recipient_type: &'static str,
    r#type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<PlainText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<PlainImage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interactive: Option<PlainInteractive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<PlainTemplate>,
}

#[derive(Serialize)]
struct PlainText {
    #[serde(skip_serializing_if = "Option::is_none")]
    preview_url: Option<bool>,
    body: String,
}

#[derive(Serialize)]
struct PlainImage {
    link: String,
    caption: String,
}

#[derive(Serialize)]
struct PlainTextObject {
    text: String,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum PlainInteractive {
    List { header: PlainHeader, body: PlainTextObject, footer: PlainTextObject, action: PlainListAction },
    Button { body: PlainTextObject, footer: PlainTextObject, action: PlainButtonsAction },
}

#[derive(Serialize)]
struct PlainHeader {
    r#type: &'static str,
    text: String,
}

#[derive(Serialize)]
struct PlainListAction {
    button: String,
    sections: Vec<PlainSection>,
}

#[derive(Serialize)]
struct PlainSection {
    title: String,
    rows: Vec<PlainRow>,
}

#[derive(Serialize)]
struct PlainRow {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Serialize)]
struct PlainButtonsAction {
    buttons: Vec<PlainButton>,
}

#[derive(Serialize)]
struct PlainButton {
    r#type: &'static str,
    reply: PlainReply,
}

#[derive(Serialize)]
struct PlainReply {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct PlainTemplate {
    name: String,
    language: PlainLanguage,
    components: Vec<PlainComponent>,
}

#[derive(Serialize)]
struct PlainLanguage {
    policy: &'static str,
    code: String,
}

#[derive(Serialize)]
struct PlainComponent {
    r#type: &'static str,
    parameters: Vec<PlainParameter>,
}

#[derive(Serialize)]
struct PlainParameter {
    r#type: &'static str,
    text: String,
}

fn interactive_content(interactive: PlainInteractive) -> PlainContent {
    PlainContent { r#type: "interactive", interactive: Some(interactive), ..PlainContent::default() }
}

fn text_object(text: String) -> PlainTextObject {
    PlainTextObject { text }
}

/// Builds one plain message from the same inputs, checking nothing.
fn plain_message(input: Input) -> PlainMessage {
    let (custom_data, from, to, content) = match input {
        Input::Text { from, to, custom_data, body, preview_url } => {
            let text = PlainText { preview_url: preview_url.then_some(true), body };
            (
                custom_data,
                from,
                to,
                PlainContent { r#type: "text", text: Some(text), ..PlainContent::default() },
            )
        }
        Input::Image { from, to, link, caption } => (
            None,
            from,
            to,
            PlainContent {
                r#type: "image",
                image: Some(PlainImage { link, caption }),
                ..PlainContent::default()
            },
        ),
        Input::List { from, to, header, body, footer, button, sections } => {
            let sections = sections
                .into_iter()
                .map(|s| PlainSection {
                    title: s.title,
                    rows: s
                        .rows
                        .into_iter()
                        .map(|(id, title, description)| PlainRow { id, title, description })
                        .collect(),
                })
                .collect();
            let interactive = PlainInteractive::List {
                header: PlainHeader { r#type: "text", text: header },
                body: text_object(body),
                footer: text_object(footer),
                action: PlainListAction { button, sections },
            };
            (None, from, to, interactive_content(interactive))
        }
        Input::Buttons { from, to, body, footer, buttons } => {
            let buttons = buttons
                .into_iter()
                .map(|(id, title)| PlainButton { r#type: "reply", reply: PlainReply { id, title } })
                .collect();
            let interactive = PlainInteractive::Button {
                body: text_object(body),
                footer: text_object(footer),
                action: PlainButtonsAction { buttons },
            };
            (None, from, to, interactive_content(interactive))
        }
        Input::Template { from, to, name, language, params } => {
            let parameters = params.into_iter().map(|text| PlainParameter { r#type: "text", text }).collect();
            let template = PlainTemplate {
                name,
                language: PlainLanguage { policy: "deterministic", code: language },
                components: vec![PlainComponent { r#type: "body", parameters }],
            };
            (
                None,
                from,
                to,
                PlainContent { r#type: "template", template: Some(template), ..PlainContent::default() },
            )
        }
    };
    PlainMessage { custom_data, from, to, content: PlainContent { recipient_type: "individual", ..content } }
}

/// Builds the plain request of all inputs.
pub fn build_plain(inputs: Vec<Input>) -> PlainRequest {
    PlainRequest { whatsapp: PlainChannel { messages: inputs.into_iter().map(plain_message).collect() } }
}

/// The JSON of the workload: one valid 100-message request.
pub fn valid_json() -> Vec<u8> {
    serde_json::to_vec(&build_request(inputs())).unwrap()
}

/// The same request with eight mistakes of the usual kinds (nine errors), for the checker's error path.
pub fn invalid_json() -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&valid_json()).unwrap();
    let messages = v["whatsapp"]["messages"].as_array_mut().unwrap();
    messages[4]["from"] = "919876543210".into();
    messages[8]["content"]["text"]["body"] = " ".into();
    messages[9]["content"]["image"]["link"] = "cdn.example.com/a.jpg".into();
    messages[10]["content"]["interactive"]["action"]["sections"][0]["rows"][1]["title"] =
        "a row title that is far too long for a list".into();
    messages[10]["content"]["interactive"]["action"]["sections"][1]["rows"][0]["id"] = "slot-10-0-0".into();
    messages[11]["content"]["template"]["name"] = "Order Update".into();
    let content = messages[12].as_object_mut().unwrap().remove("content").unwrap();
    messages[12]["Content"] = content;
    messages[14]["content"]["interactive"]["action"]["buttons"][2]["reply"]["title"] = "Yes".into();
    serde_json::to_vec(&v).unwrap()
}

// The `whatsapp` crate (0.8, types of Meta's WhatsApp Cloud API, no validation): the baseline of
// the builders from borrowed `&str`s, which its constructors take. What does not map:
// - `from`: the Cloud API sends from the phone-number id in the URL, so a message has no sender;
//   it is left out (one string fewer to copy and write than ours).
// - `custom_data`: its counterpart, `biz_opaque_callback_data`, is a private field with no setter
//   in 0.8; left out (9 messages of 100 carry it).
// - the batch: the Cloud API takes one message per request, so the 100 messages are a
//   `Vec<Message>`, serialized as a JSON array, with no `{"whatsapp": {"messages": …}}` envelope.
// - `recipient_type`: private, no setter; left unset.
// Everything else maps one to one: text (with `preview_url`), image link and caption, list
// (header text, body, footer, button, titled sections, rows with optional descriptions), reply
// buttons (body, footer, 3 buttons), template (name, language, one body component of 5 text
// parameters). Its structs write `null` for every unset `Option` (`context`, `status`, a
// parameter's `currency`, …), so its JSON is longer than ours: that is what serializing it costs.

/// The same messages as `whatsapp` 0.8 Cloud API messages, from borrowed inputs.
pub fn build_whatsapp(inputs: Vec<Input<&str>>) -> Vec<whatsapp::models::Message> {
    use whatsapp::models::{
        Component, ComponentType, Image, Interactive, InteractiveActionButton, InteractiveActionSection,
        InteractiveActionSectionRow, InteractiveHeader, Message, Parameter, Template, Text,
    };
    let message = |input| match input {
        Input::Text { to, body, preview_url, .. } => {
            let text = if preview_url { Text::with_preview_url(body) } else { Text::new(body) };
            Message::from_text(to, text, None)
        }
        Input::Image { to, link, caption, .. } => {
            Message::from_image(to, Image::new(link, Some(caption.to_owned())), None)
        }
        Input::List { to, header, body, footer, button, sections, .. } => {
            let sections = sections
                .into_iter()
                .map(|s| {
                    let rows = s
                        .rows
                        .into_iter()
                        .map(|(id, title, description)| match description {
                            Some(d) => InteractiveActionSectionRow::with_description(id, title, d),
                            None => InteractiveActionSectionRow::new(id, title),
                        })
                        .collect();
                    InteractiveActionSection::with_title(rows, s.title)
                })
                .collect();
            let list = Interactive::for_list(button, sections, body)
                .with_header(InteractiveHeader::text(header))
                .with_footer(footer);
            Message::from_interactive(to, list, None)
        }
        Input::Buttons { to, body, footer, buttons, .. } => {
            let buttons =
                buttons.into_iter().map(|(id, title)| InteractiveActionButton::new(title, id)).collect();
            Message::from_interactive(to, Interactive::for_button(buttons, body).with_footer(footer), None)
        }
        Input::Template { to, name, language, params, .. } => {
            let parameters = params.into_iter().map(Parameter::from_text).collect();
            let body = Component::with_parameters(ComponentType::Body, parameters);
            Message::from_template(to, Template::with_components(name, language, vec![body]), None)
        }
    };
    inputs.into_iter().map(message).collect()
}

/// JSON string literal of `s`.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A callback body of 100 events as Exotel posts them (the spec's "Status callbacks" and
/// "Incoming messages", `tests/fixtures/callbacks`): 60 delivery reports (sent, delivered, seen,
/// and 10 failed; half with `custom_data`) and 40 incoming messages (16 texts, a third with
/// Devanagari, emoji and escapes; 5 images and 5 documents with captions; 5 reply-button, 4 list
/// and 5 template quick-reply answers). Compact JSON (27 KB), the same on every run. Written as
/// text, not through a `Value`, whose key order would depend on `preserve_order`.
pub fn callback_json() -> Vec<u8> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let events: Vec<String> = (0..100)
        .map(|i| if i % 5 < 3 { status_event(i, &mut rng) } else { incoming_event(i, &mut rng) })
        .collect();
    format!(r#"{{"whatsapp":{{"messages":[{}]}}}}"#, events.join(",")).into_bytes()
}

/// Delivery report `i` of [`callback_json`].
fn status_event(i: usize, rng: &mut Rng) -> String {
    const STATES: [(u32, &str, &str); 5] = [
        (30001, "EX_MESSAGE_SENT", "The message has been sent to the user"),
        (30002, "EX_MESSAGE_DELIVERED", "The message has been successfully delivered to the user"),
        (30003, "EX_MESSAGE_SEEN", "The message has been seen by the user"),
        (30005, "EX_NUMBER_ERROR", "The message failed due to an issue with the phone number"),
        (30007, "EX_RATE_LIMIT_HIT", "The message failed due to a breach in rate limit"),
    ];
    const SID: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let to = phone(rng);
    let (code, status, description) = STATES[if i % 10 == 7 { 3 + i / 10 % 2 } else { i % 3 }];
    let sid: String = (0..32).map(|_| char::from(SID[rng.below(SID.len())])).collect();
    let (minute, second) = (15 + i / 60, i % 60);
    let custom_data =
        if i.is_multiple_of(2) { format!(r#","custom_data":"campaign-7/msg-{i}""#) } else { String::new() };
    format!(
        concat!(
            r#"{{"callback_type":"dlr","sid":"{}","to":"{}","exo_status_code":{},"#,
            r#""exo_detailed_status":"{}","description":"{}","#,
            r#""timestamp":"2024-03-01T09:{:02}:{:02}.000+05:30"{}}}"#
        ),
        sid, to, code, status, description, minute, second, custom_data
    )
}

/// Incoming message `i` of [`callback_json`].
fn incoming_event(i: usize, rng: &mut Rng) -> String {
    let from = phone(rng);
    let rich = i.is_multiple_of(3);
    let mut text = |min, spread| quoted(&sentence(rng, min, spread, rich));
    let content = match i % 8 {
        0 | 3 | 4 => format!(r#"{{"type":"text","text":{{"body":{}}}}}"#, text(5, 200)),
        1 => format!(
            r#"{{"type":"image","image":{{"url":"https://exotel.com/media/{i}.jpeg","caption":{}}}}}"#,
            text(5, 60)
        ),
        5 => format!(
            concat!(
                r#"{{"type":"document","document":{{"url":"https://exotel.com/media/{i}.pdf","#,
                r#""caption":{},"filename":"invoice-{i}.pdf"}}}}"#
            ),
            text(5, 30),
            i = i
        ),
        6 => format!(
            concat!(
                r#"{{"type":"interactive","interactive":{{"type":"button_reply","#,
                r#""button_reply":{{"id":"answer-{}-0","title":"Yes"}}}}}}"#
            ),
            i
        ),
        7 => format!(
            concat!(
                r#"{{"type":"interactive","interactive":{{"type":"list_reply","#,
                r#""list_reply":{{"id":"slot-{}-0-2","title":{},"description":{}}}}}}}"#
            ),
            i,
            text(5, 19),
            text(20, 52)
        ),
        _ => {
            r#"{"type":"button","button":{"payload":"stop_promotions","text":"Stop promotions"}}"#.to_owned()
        }
    };
    format!(
        concat!(
            r#"{{"callback_type":"incoming_message","from":"{}","profile_name":"Asha {}","#,
            r#""to":"+919876543210","timestamp":"{}","content":{}}}"#
        ),
        from,
        i,
        1_709_284_530 + i,
        content
    )
}
