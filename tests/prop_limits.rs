//! Every limit of the `limits` module, on generated texts and counts: any length up to the limit
//! builds and checks as valid; any length past it is exactly one `too_long` (or `too_many`) with
//! the limit and the actual count, at the right pointer, from the builders and from the checker.
//!
//! More cases: `PROPTEST_CASES=100000 cargo test --test prop_limits`.

#[path = "support/strategies.rs"]
mod strategies;

use exotel_whatsapp::check;
use exotel_whatsapp::content::{Content, Document, Image, Interactive, ListRow, ListSection, Text, Video};
use exotel_whatsapp::error::{Problem, Unit};
use exotel_whatsapp::limits;
use exotel_whatsapp::phone::PhoneProblem;
use exotel_whatsapp::template::Template;
use exotel_whatsapp::{Error, Message, PhoneNumber, Request, Rule};
use proptest::prelude::*;
use serde_json::{Value, json};
use strategies::{config, cycle_chars, len_over, len_within, text_of_len};

/// One text limit: its value, where the text sits in the payload, and a build that puts it there.
struct Limit {
    name: &'static str,
    max: usize,
    pointer: &'static str,
    /// Only `[a-z0-9_]` is allowed (the template name).
    ascii: bool,
    build: fn(String) -> Result<Content, Error>,
}

fn list(
    body: String,
    button: String,
    header: Option<String>,
    footer: Option<String>,
    section: ListSection,
) -> Result<Content, Error> {
    let mut b = Interactive::list(body, button);
    if let Some(h) = header {
        b = b.header(h);
    }
    if let Some(f) = footer {
        b = b.footer(f);
    }
    Ok(b.section(section).build()?.into())
}

fn one_row() -> ListSection {
    ListSection::new().row(ListRow::new("r", "Row"))
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[allow(clippy::too_many_lines, reason = "a table: one entry per limit")]
fn limits_table() -> Vec<Limit> {
    vec![
        Limit {
            name: "text body",
            max: limits::TEXT_BODY_MAX,
            pointer: "/body",
            ascii: false,
            build: |t| Ok(Text::new(t)?.into()),
        },
        Limit {
            name: "image caption",
            max: limits::CAPTION_MAX,
            pointer: "/caption",
            ascii: false,
            build: |t| Ok(Image::builder("https://example.com/a.jpg").caption(t).build()?.into()),
        },
        Limit {
            name: "video caption",
            max: limits::CAPTION_MAX,
            pointer: "/caption",
            ascii: false,
            build: |t| Ok(Video::builder("https://example.com/a.mp4").caption(t).build()?.into()),
        },
        Limit {
            name: "document caption",
            max: limits::CAPTION_MAX,
            pointer: "/caption",
            ascii: false,
            build: |t| Ok(Document::builder("https://example.com/a.pdf").caption(t).build()?.into()),
        },
        Limit {
            name: "reply-buttons header",
            max: limits::HEADER_TEXT_MAX,
            pointer: "/header/text",
            ascii: false,
            build: |t| Ok(Interactive::buttons("Body").header_text(t).button("a", "A").build()?.into()),
        },
        Limit {
            name: "list header",
            max: limits::HEADER_TEXT_MAX,
            pointer: "/header/text",
            ascii: false,
            build: |t| list(s("Body"), s("Open"), Some(t), None, one_row()),
        },
        Limit {
            name: "reply-buttons body",
            max: limits::INTERACTIVE_BODY_MAX,
            pointer: "/body/text",
            ascii: false,
            build: |t| Ok(Interactive::buttons(t).button("a", "A").build()?.into()),
        },
        Limit {
            name: "list body",
            max: limits::INTERACTIVE_BODY_MAX,
            pointer: "/body/text",
            ascii: false,
            build: |t| list(t, s("Open"), None, None, one_row()),
        },
        Limit {
            name: "reply-buttons footer",
            max: limits::FOOTER_TEXT_MAX,
            pointer: "/footer/text",
            ascii: false,
            build: |t| Ok(Interactive::buttons("Body").footer(t).button("a", "A").build()?.into()),
        },
        Limit {
            name: "list footer",
            max: limits::FOOTER_TEXT_MAX,
            pointer: "/footer/text",
            ascii: false,
            build: |t| list(s("Body"), s("Open"), None, Some(t), one_row()),
        },
        Limit {
            name: "button id",
            max: limits::BUTTON_ID_MAX,
            pointer: "/action/buttons/1/reply/id",
            ascii: false,
            build: |t| Ok(Interactive::buttons("Body").button("a", "A").button(t, "B").build()?.into()),
        },
        Limit {
            name: "button title",
            max: limits::BUTTON_TITLE_MAX,
            pointer: "/action/buttons/1/reply/title",
            ascii: false,
            build: |t| Ok(Interactive::buttons("Body").button("a", "A").button("b", t).build()?.into()),
        },
        Limit {
            name: "list button",
            max: limits::LIST_BUTTON_MAX,
            pointer: "/action/button",
            ascii: false,
            build: |t| list(s("Body"), t, None, None, one_row()),
        },
        Limit {
            name: "section title",
            max: limits::SECTION_TITLE_MAX,
            pointer: "/action/sections/1/title",
            ascii: false,
            build: |t| {
                Ok(Interactive::list("Body", "Open")
                    .section(ListSection::titled("First").row(ListRow::new("a", "A")))
                    .section(ListSection::titled(t).row(ListRow::new("b", "B")))
                    .build()?
                    .into())
            },
        },
        Limit {
            name: "row id",
            max: limits::ROW_ID_MAX,
            pointer: "/action/sections/0/rows/1/id",
            ascii: false,
            build: |t| {
                let section = ListSection::new().row(ListRow::new("a", "A")).row(ListRow::new(t, "B"));
                list(s("Body"), s("Open"), None, None, section)
            },
        },
        Limit {
            name: "row title",
            max: limits::ROW_TITLE_MAX,
            pointer: "/action/sections/0/rows/0/title",
            ascii: false,
            build: |t| list(s("Body"), s("Open"), None, None, ListSection::new().row(ListRow::new("r", t))),
        },
        Limit {
            name: "row description",
            max: limits::ROW_DESCRIPTION_MAX,
            pointer: "/action/sections/0/rows/0/description",
            ascii: false,
            build: |t| {
                let section = ListSection::new().row(ListRow::new("r", "Row").description(t));
                list(s("Body"), s("Open"), None, None, section)
            },
        },
        Limit {
            name: "template name",
            max: limits::TEMPLATE_NAME_MAX,
            pointer: "/name",
            ascii: true,
            build: |t| Ok(Template::builder(t, "en").body_text("x").build()?.into()),
        },
        Limit {
            name: "template header text",
            max: limits::TEMPLATE_HEADER_TEXT_MAX,
            pointer: "/components/0/parameters/0/text",
            ascii: false,
            build: |t| Ok(Template::builder("t", "en").header_text(t).body_text("x").build()?.into()),
        },
        Limit {
            name: "template body text beside a header",
            max: limits::TEMPLATE_BODY_TEXT_MAX,
            pointer: "/components/1/parameters/1/text",
            ascii: false,
            build: |t| {
                Ok(Template::builder("t", "en").header_text("H").body_text("x").body_text(t).build()?.into())
            },
        },
        Limit {
            name: "template body text beside a button",
            max: limits::TEMPLATE_BODY_TEXT_MAX,
            pointer: "/components/0/parameters/0/text",
            ascii: false,
            build: |t| Ok(Template::builder("t", "en").url_button(0, "x").body_text(t).build()?.into()),
        },
        Limit {
            name: "template body text alone",
            max: limits::TEMPLATE_BODY_ALONE_MAX,
            pointer: "/components/0/parameters/0/text",
            ascii: false,
            build: |t| Ok(Template::builder("t", "en").body_text(t).build()?.into()),
        },
    ]
}

/// A limit of the table and a text of `len` characters for it.
fn case(len: fn(usize) -> BoxedStrategy<usize>) -> impl Strategy<Value = (usize, String)> {
    (0..limits_table().len()).prop_flat_map(move |i| {
        let limit = &limits_table()[i];
        let ascii = limit.ascii;
        (
            Just(i),
            len(limit.max).prop_flat_map(move |n| {
                if ascii { Just(cycle_chars(&["a", "_", "7"], n)).boxed() } else { text_of_len(n).boxed() }
            }),
        )
    })
}

/// A request around `content`, as JSON.
fn request_json(content: &Value) -> Vec<u8> {
    let request = json!({"whatsapp": {"messages": [
        {"from": "+919999999999", "to": "+918888888888", "content": content}
    ]}});
    serde_json::to_vec(&request).unwrap()
}

/// The content of `limit` with `text` in its place, written into valid JSON: through the builder
/// with a short placeholder, then replaced, so the builder is not asked to accept `text`.
fn json_with(limit: &Limit, text: &str) -> (Vec<u8>, String) {
    let content = (limit.build)("q".to_owned()).expect("the placeholder builds");
    let at = format!("/{}{}", content.type_name(), limit.pointer);
    let mut json = serde_json::to_value(&content).unwrap();
    *json.pointer_mut(&at).unwrap_or_else(|| panic!("{}: no {at}", limit.name)) = Value::from(text);
    (request_json(&json), format!("/whatsapp/messages/0/content{at}"))
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn up_to_the_limit_builds_and_checks((i, text) in case(len_within)) {
        let limit = &limits_table()[i];
        let n = text.chars().count();
        prop_assert!(n <= limit.max);
        let built = (limit.build)(text.clone());
        prop_assert!(built.is_ok(), "{}: {n} characters refused: {}", limit.name, built.unwrap_err());
        let (json, _) = json_with(limit, &text);
        let report = check::check(&json);
        prop_assert!(report.is_valid(), "{}: {:?}", limit.name, report.errors());
    }

    #[test]
    fn past_the_limit_is_exactly_too_long((i, text) in case(len_over)) {
        let limit = &limits_table()[i];
        let n = text.chars().count();
        prop_assert!(n > limit.max);
        let err = (limit.build)(text.clone()).expect_err("a text past the limit");
        let [v] = err.violations() else { panic!("{}: {err}", limit.name) };
        prop_assert_eq!(v.problem(), &Problem::TooLong { limit: limit.max, actual: n });
        prop_assert_eq!(v.rule(), Rule::TooLong);
        prop_assert_eq!(v.unit(), Some(Unit::Characters));
        prop_assert_eq!(v.pointer().as_str(), limit.pointer);

        let (json, pointer) = json_with(limit, &text);
        let report = check::check(&json);
        let [v] = report.errors() else { panic!("{}: {:?}", limit.name, report.errors()) };
        prop_assert_eq!(v.problem(), &Problem::TooLong { limit: limit.max, actual: n });
        prop_assert_eq!(v.pointer().as_str(), pointer);
    }

    #[test]
    fn reply_button_count(n in 1..=limits::BUTTONS_MAX + 3) {
        let mut b = Interactive::buttons("Body").button("b0", "B0");
        for i in 1..n {
            b = b.button(format!("b{i}"), format!("B{i}"));
        }
        let built = b.build();
        count_verdict(built.map(|_| ()), n, limits::BUTTONS_MAX, "/action/buttons")?;
    }

    #[test]
    fn rows_in_total(rows in prop::collection::vec(1..=4usize, 1..=4)) {
        let total: usize = rows.iter().sum();
        let mut sections = rows.iter().enumerate().map(|(s, &n)| {
            (0..n).fold(ListSection::titled(format!("S{s}")), |sec, r| sec.row(ListRow::new(format!("r{s}_{r}"), "Row")))
        });
        let first = sections.next().unwrap();
        let b = sections.fold(Interactive::list("Body", "Open").section(first), exotel_whatsapp::content::ListBuilder::section);
        let built = b.build();
        if total <= limits::ROWS_TOTAL_MAX {
            prop_assert!(built.is_ok());
        } else {
            let err = built.unwrap_err();
            let [v] = err.violations() else { panic!("{err}") };
            prop_assert_eq!(v.pointer().as_str(), "/action/sections");
            prop_assert_eq!(v.problem(), &Problem::TooManyInTotal {
                what: "rows across all sections", limit: limits::ROWS_TOTAL_MAX, actual: total,
            });
        }
    }

    #[test]
    fn section_count(n in 1..=limits::SECTIONS_MAX + 3) {
        // Sections through JSON, each with one row, rows capped apart: only the section count.
        let sections: Vec<Value> = (0..n).map(|s| json!({"title": format!("S{s}"), "rows": [{"id": format!("r{s}"), "title": "R"}]})).collect();
        let json = json!({"type": "list", "body": {"text": "B"}, "action": {"button": "Open", "sections": sections}});
        let err = serde_json::from_value::<Interactive>(json).err();
        match err {
            None => prop_assert!(n <= limits::SECTIONS_MAX),
            Some(e) => {
                prop_assert!(n > limits::SECTIONS_MAX);
                let msg = e.to_string();
                let want = format!("/action/sections: has {n} items; at most {} are allowed", limits::SECTIONS_MAX);
                prop_assert!(msg.lines().any(|l| l == want), "{}", msg);
            }
        }
    }

    #[test]
    fn messages_per_request(n in 0..=limits::MESSAGES_MAX + 3) {
        let text = Text::new("Hi").unwrap();
        let messages = (0..n).map(|i| Message::new("+919999999999", format!("+9188888{i:05}"), text.clone()).unwrap());
        let built = Request::new(messages);
        if n < limits::MESSAGES_MIN {
            let err = built.unwrap_err();
            let [v] = err.violations() else { panic!("{err}") };
            prop_assert_eq!(v.problem(), &Problem::TooFew { limit: limits::MESSAGES_MIN, actual: n });
        } else {
            count_verdict(built.map(|_| ()), n, limits::MESSAGES_MAX, "/whatsapp/messages")?;
        }
    }

    #[test]
    fn phone_digits(digits in 1..=limits::PHONE_DIGITS_MAX + 5, rest in "[0-9]{20}") {
        let number = format!("+9{}", &rest[..digits - 1]);
        let result = PhoneNumber::new(number.clone());
        if (limits::PHONE_DIGITS_MIN..=limits::PHONE_DIGITS_MAX).contains(&digits) {
            let built = result.unwrap();
            prop_assert_eq!(built.as_str(), number);
        } else {
            let err = result.unwrap_err();
            let [v] = err.violations() else { panic!("{err}") };
            let want = if digits < limits::PHONE_DIGITS_MIN {
                PhoneProblem::TooShort { digits }
            } else {
                PhoneProblem::TooLong { digits }
            };
            prop_assert_eq!(v.problem(), &Problem::E164(want));
        }
    }
}

/// `Ok` up to `max`; else exactly `too_many` with `max` and `n` at `pointer`.
fn count_verdict(built: Result<(), Error>, n: usize, max: usize, pointer: &str) -> Result<(), TestCaseError> {
    if n <= max {
        prop_assert!(built.is_ok(), "{n} refused: {}", built.unwrap_err());
    } else {
        let err = built.unwrap_err();
        let [v] = err.violations() else { panic!("{err}") };
        prop_assert_eq!(v.problem(), &Problem::TooMany { limit: max, actual: n });
        prop_assert_eq!(v.pointer().as_str(), pointer);
    }
    Ok(())
}
