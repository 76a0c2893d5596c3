//! Every length and count limit, on both sides, through the public builders; and the README's
//! table of limits checked against `exotel_whatsapp::limits`.

use exotel_whatsapp::content::{
    Contacts, Content, Document, Image, Interactive, ListRow, ListSection, Text, Video,
};
use exotel_whatsapp::error::{Problem, Unit};
use exotel_whatsapp::limits;
use exotel_whatsapp::phone::PhoneProblem;
use exotel_whatsapp::{Error, Message, PhoneNumber, Request, Rule};

/// Characters of 1, 2, 3 and 4 bytes, and a mixed run with combining marks and an emoji modifier.
const FILLS: [&str; 6] = ["a", "é", "न", "👍", "𝄞", "नमस्ते👍🏽"];

/// `n` characters (Unicode scalar values) cycling through `unit`.
fn fill(unit: &str, n: usize) -> String {
    unit.chars().cycle().take(n).collect()
}

/// One text limit: its value, where a too-long text is reported, and a build using the text.
struct TextLimit {
    name: &'static str,
    limit: usize,
    pointer: &'static str,
    build: fn(String) -> Result<(), Error>,
}

fn ok<T>(r: Result<T, Error>) -> Result<(), Error> {
    r.map(|_| ())
}

fn one_row_list(
    body: &str,
    button: &str,
    header: Option<&str>,
    footer: Option<&str>,
    section: ListSection,
) -> Result<(), Error> {
    let mut b = Interactive::list(body, button);
    if let Some(h) = header {
        b = b.header(h);
    }
    if let Some(f) = footer {
        b = b.footer(f);
    }
    ok(b.section(section).build())
}

fn row(id: &str, title: &str) -> ListSection {
    ListSection::new().row(ListRow::new(id, title))
}

#[allow(clippy::too_many_lines, reason = "a table: one entry per limit")]
fn text_limits() -> Vec<TextLimit> {
    vec![
        TextLimit {
            name: "text body",
            limit: limits::TEXT_BODY_MAX,
            pointer: "/body",
            build: |s| ok(Text::new(s)),
        },
        TextLimit {
            name: "image caption",
            limit: limits::CAPTION_MAX,
            pointer: "/caption",
            build: |s| ok(Image::builder("https://example.com/a.jpg").caption(s).build()),
        },
        TextLimit {
            name: "video caption",
            limit: limits::CAPTION_MAX,
            pointer: "/caption",
            build: |s| ok(Video::builder("https://example.com/a.mp4").caption(s).build()),
        },
        TextLimit {
            name: "document caption",
            limit: limits::CAPTION_MAX,
            pointer: "/caption",
            build: |s| ok(Document::builder("https://example.com/a.pdf").caption(s).build()),
        },
        TextLimit {
            name: "buttons header text",
            limit: limits::HEADER_TEXT_MAX,
            pointer: "/header/text",
            build: |s| ok(Interactive::buttons("Body").header_text(s).button("y", "Yes").build()),
        },
        TextLimit {
            name: "list header text",
            limit: limits::HEADER_TEXT_MAX,
            pointer: "/header/text",
            build: |s| one_row_list("Body", "Open", Some(&s), None, row("r", "Row")),
        },
        TextLimit {
            name: "buttons body",
            limit: limits::INTERACTIVE_BODY_MAX,
            pointer: "/body/text",
            build: |s| ok(Interactive::buttons(s).button("y", "Yes").build()),
        },
        TextLimit {
            name: "list body",
            limit: limits::INTERACTIVE_BODY_MAX,
            pointer: "/body/text",
            build: |s| one_row_list(&s, "Open", None, None, row("r", "Row")),
        },
        TextLimit {
            name: "buttons footer",
            limit: limits::FOOTER_TEXT_MAX,
            pointer: "/footer/text",
            build: |s| ok(Interactive::buttons("Body").footer(s).button("y", "Yes").build()),
        },
        TextLimit {
            name: "list footer",
            limit: limits::FOOTER_TEXT_MAX,
            pointer: "/footer/text",
            build: |s| one_row_list("Body", "Open", None, Some(&s), row("r", "Row")),
        },
        TextLimit {
            name: "button id",
            limit: limits::BUTTON_ID_MAX,
            pointer: "/action/buttons/1/reply/id",
            build: |s| ok(Interactive::buttons("Body").button("a", "A").button(s, "B").build()),
        },
        TextLimit {
            name: "button title",
            limit: limits::BUTTON_TITLE_MAX,
            pointer: "/action/buttons/1/reply/title",
            build: |s| ok(Interactive::buttons("Body").button("a", "A").button("b", s).build()),
        },
        TextLimit {
            name: "list button",
            limit: limits::LIST_BUTTON_MAX,
            pointer: "/action/button",
            build: |s| one_row_list("Body", &s, None, None, row("r", "Row")),
        },
        TextLimit {
            name: "section title",
            limit: limits::SECTION_TITLE_MAX,
            pointer: "/action/sections/1/title",
            build: |s| {
                ok(Interactive::list("Body", "Open")
                    .section(ListSection::titled("First").row(ListRow::new("a", "A")))
                    .section(ListSection::titled(s).row(ListRow::new("b", "B")))
                    .build())
            },
        },
        TextLimit {
            name: "row id",
            limit: limits::ROW_ID_MAX,
            pointer: "/action/sections/0/rows/1/id",
            build: |s| {
                let section = ListSection::new().row(ListRow::new("a", "A")).row(ListRow::new(s, "B"));
                one_row_list("Body", "Open", None, None, section)
            },
        },
        TextLimit {
            name: "row title",
            limit: limits::ROW_TITLE_MAX,
            pointer: "/action/sections/0/rows/0/title",
            build: |s| one_row_list("Body", "Open", None, None, row("r", &s)),
        },
        TextLimit {
            name: "row description",
            limit: limits::ROW_DESCRIPTION_MAX,
            pointer: "/action/sections/0/rows/0/description",
            build: |s| {
                one_row_list(
                    "Body",
                    "Open",
                    None,
                    None,
                    ListSection::new().row(ListRow::new("r", "Row").description(s)),
                )
            },
        },
    ]
}

/// Asserts that `err` holds exactly one violation: `rule` at `pointer` with `limit` and `actual`.
#[track_caller]
fn assert_single(
    err: &Error,
    rule: Rule,
    pointer: &str,
    limit: usize,
    actual: usize,
    unit: Unit,
    what: &str,
) {
    let [v] = err.violations() else {
        panic!("{what}: expected one violation, got:\n{err}");
    };
    assert_eq!(v.rule(), rule, "{what}");
    assert_eq!(v.rule().code(), rule.code(), "{what}");
    assert_eq!(v.pointer().as_str(), pointer, "{what}");
    assert_eq!(v.limit(), Some(limit), "{what}");
    assert_eq!(v.actual(), Some(actual), "{what}");
    assert_eq!(v.unit(), Some(unit), "{what}");
}

#[test]
fn every_text_limit_on_both_sides_in_every_width_of_character() {
    for case in text_limits() {
        for unit in FILLS {
            let what = format!("{} with {unit:?}", case.name);
            let at_limit = fill(unit, case.limit);
            assert_eq!(at_limit.chars().count(), case.limit);
            if let Err(e) = (case.build)(at_limit) {
                panic!("{what}: {} characters must be accepted, got:\n{e}", case.limit);
            }
            let Err(err) = (case.build)(fill(unit, case.limit + 1)) else {
                panic!("{what}: {} characters must be rejected", case.limit + 1);
            };
            assert_single(
                &err,
                Rule::TooLong,
                case.pointer,
                case.limit,
                case.limit + 1,
                Unit::Characters,
                &what,
            );
            assert_eq!(
                err.to_string(),
                format!(
                    "{}: is {} characters long; at most {} are allowed",
                    case.pointer,
                    case.limit + 1,
                    case.limit
                ),
                "{what}"
            );
        }
    }
}

#[test]
fn lengths_count_characters_not_bytes() {
    // A body of TEXT_BODY_MAX four-byte characters is four times the limit in bytes, and valid.
    let body = fill("👍", limits::TEXT_BODY_MAX);
    assert_eq!(body.len(), 4 * limits::TEXT_BODY_MAX);
    assert_eq!(Text::new(body.clone()).unwrap().body(), body);
    // A grapheme of several scalar values counts as several characters.
    let family = "👨\u{200d}👩\u{200d}👧"; // 5 scalar values
    let err = Interactive::buttons("Body").button("id", family.repeat(4) + "x").build().unwrap_err();
    assert_single(
        &err,
        Rule::TooLong,
        "/action/buttons/0/reply/title",
        limits::BUTTON_TITLE_MAX,
        21,
        Unit::Characters,
        "family emoji",
    );
}

/// One count limit: a build with `n` items and where a wrong count is reported.
struct CountLimit {
    name: &'static str,
    max: usize,
    pointer: &'static str,
    build: fn(usize) -> Result<(), Error>,
}

fn buttons(n: usize) -> Result<(), Error> {
    let mut b = Interactive::buttons("Body").button("b0", "B0");
    for i in 1..n {
        b = b.button(format!("b{i}"), format!("B{i}"));
    }
    ok(b.build())
}

/// A list of `sections` sections, with `rows` rows spread over them as evenly as possible.
fn list(sections: usize, rows: usize) -> Result<(), Error> {
    let mut built = vec![ListSection::titled("S0")];
    for s in 1..sections {
        built.push(ListSection::titled(format!("S{s}")));
    }
    for r in 0..rows {
        let s = r % sections;
        built[s] = built[s].clone().row(ListRow::new(format!("r{r}"), format!("Row {r}")));
    }
    let mut built = built.into_iter();
    let mut b = Interactive::list("Body", "Open").section(built.next().unwrap_or_default());
    for s in built {
        b = b.section(s);
    }
    ok(b.build())
}

fn messages(n: usize) -> Vec<Message> {
    let text = Text::new("Hi").unwrap();
    (0..n).map(|i| Message::new("+919999999999", format!("+9188888{i:05}"), text.clone()).unwrap()).collect()
}

#[test]
fn every_count_maximum_on_both_sides() {
    let cases = [
        CountLimit { name: "buttons", max: limits::BUTTONS_MAX, pointer: "/action/buttons", build: buttons },
        CountLimit {
            name: "rows in one section",
            max: limits::ROWS_TOTAL_MAX,
            pointer: "/action/sections",
            build: |n| list(1, n),
        },
        CountLimit {
            name: "rows across two sections",
            max: limits::ROWS_TOTAL_MAX,
            pointer: "/action/sections",
            build: |n| list(2, n),
        },
        CountLimit {
            name: "messages per request",
            max: limits::MESSAGES_MAX,
            pointer: "/whatsapp/messages",
            build: |n| ok(Request::new(messages(n))),
        },
    ];
    for case in cases {
        if let Err(e) = (case.build)(case.max) {
            panic!("{}: {} must be accepted, got:\n{e}", case.name, case.max);
        }
        let Err(err) = (case.build)(case.max + 1) else { panic!("{}: {} accepted", case.name, case.max + 1) };
        assert_single(&err, Rule::TooMany, case.pointer, case.max, case.max + 1, Unit::Items, case.name);
    }
}

#[test]
fn rows_in_total_is_its_own_problem() {
    let err = list(3, limits::ROWS_TOTAL_MAX + 1).unwrap_err();
    let [v] = err.violations() else { panic!("{err}") };
    assert_eq!(
        v.problem(),
        &Problem::TooManyInTotal {
            what: "rows across all sections",
            limit: limits::ROWS_TOTAL_MAX,
            actual: limits::ROWS_TOTAL_MAX + 1
        }
    );
}

#[test]
fn sections_maximum_on_both_sides() {
    // Every section needs a row, so the sections are capped by the row total first: ten sections
    // of one row each is the most a list can have.
    list(limits::SECTIONS_MAX, limits::SECTIONS_MAX).unwrap();
    let err = list(limits::SECTIONS_MAX + 1, limits::SECTIONS_MAX + 1).unwrap_err();
    let found: Vec<_> =
        err.violations().iter().map(|v| (v.pointer().as_str(), v.rule(), v.limit(), v.actual())).collect();
    assert_eq!(
        found,
        [
            ("/action/sections", Rule::TooMany, Some(limits::SECTIONS_MAX), Some(limits::SECTIONS_MAX + 1)),
            (
                "/action/sections",
                Rule::TooMany,
                Some(limits::ROWS_TOTAL_MAX),
                Some(limits::ROWS_TOTAL_MAX + 1)
            ),
        ]
    );
    assert!(matches!(err.violations()[0].problem(), Problem::TooMany { .. }));
    assert!(matches!(err.violations()[1].problem(), Problem::TooManyInTotal { .. }));
}

#[test]
fn every_count_minimum_on_both_sides() {
    // At the minimum.
    buttons(limits::BUTTONS_MIN).unwrap();
    list(limits::SECTIONS_MIN, limits::SECTION_ROWS_MIN).unwrap();
    Request::new(messages(limits::MESSAGES_MIN)).unwrap();

    // One below: rows of a section and messages through the builders.
    let err = Interactive::list("Body", "Open")
        .section(ListSection::titled("Full").row(ListRow::new("a", "A")))
        .section(ListSection::titled("Empty"))
        .build()
        .unwrap_err();
    assert_single(
        &err,
        Rule::TooFew,
        "/action/sections/1/rows",
        limits::SECTION_ROWS_MIN,
        0,
        Unit::Items,
        "rows",
    );
    let err = Request::new(messages(limits::MESSAGES_MIN - 1)).unwrap_err();
    assert_single(&err, Rule::TooFew, "/whatsapp/messages", limits::MESSAGES_MIN, 0, Unit::Items, "messages");
    let err = Contacts::new([]).unwrap_err();
    assert_single(&err, Rule::TooFew, "", limits::CONTACTS_MIN, 0, Unit::Items, "contacts");

    // Zero buttons or sections cannot be built (typestate); through JSON they are `too_few`.
    let cases = [
        (
            serde_json::json!({"type": "button", "body": {"text": "B"}, "action": {"buttons": []}}),
            "/action/buttons",
            limits::BUTTONS_MIN,
        ),
        (
            serde_json::json!({"type": "list", "body": {"text": "B"}, "action": {"button": "Open", "sections": []}}),
            "/action/sections",
            limits::SECTIONS_MIN,
        ),
    ];
    for (json, pointer, min) in cases {
        let err = serde_json::from_value::<Interactive>(json).unwrap_err();
        assert_eq!(err.to_string(), format!("{pointer}: has 0 items; at least {min} are required"));
    }
}

#[test]
fn phone_digits_on_both_sides() {
    let digits = |n: usize| format!("+9{}", "1".repeat(n - 1));
    for n in [limits::PHONE_DIGITS_MIN, limits::PHONE_DIGITS_MAX] {
        assert_eq!(PhoneNumber::new(digits(n)).unwrap().as_str(), digits(n));
    }
    let cases = [
        (limits::PHONE_DIGITS_MIN - 1, PhoneProblem::TooShort { digits: limits::PHONE_DIGITS_MIN - 1 }),
        (limits::PHONE_DIGITS_MAX + 1, PhoneProblem::TooLong { digits: limits::PHONE_DIGITS_MAX + 1 }),
    ];
    for (n, want) in cases {
        let err = Message::new(digits(10), digits(n), Text::new("Hi").unwrap()).unwrap_err();
        let [v] = err.violations() else { panic!("{err}") };
        assert_eq!(v.pointer().as_str(), "/to");
        assert_eq!(v.rule(), Rule::E164);
        assert_eq!(v.problem(), &Problem::E164(want));
        // E.164 problems say the count in their message rather than as limit/actual.
        assert!(v.message().contains(&format!("{n} digits")), "{}", v.message());
    }
}

#[test]
fn limits_hold_inside_a_message_and_a_request() {
    // A limit violated in content built inside a message never reaches the message: content is
    // checked when built. The message and request accept content at every limit.
    let body = fill("न", limits::TEXT_BODY_MAX);
    let msg = Message::new("+919999999999", "+918888888888", Text::new(body).unwrap()).unwrap();
    assert!(matches!(msg.content(), Content::Text(_)));
    let json = serde_json::to_value(Request::new([msg]).unwrap()).unwrap();
    let body = json["whatsapp"]["messages"][0]["content"]["text"]["body"].as_str().unwrap();
    assert_eq!(body.chars().count(), limits::TEXT_BODY_MAX);
}

/// Every constant of `exotel_whatsapp::limits`, by name, as the README writes its value.
fn constants() -> Vec<(&'static str, String)> {
    use limits::*;
    vec![
        ("TEXT_BODY_MAX", TEXT_BODY_MAX.to_string()),
        ("CAPTION_MAX", CAPTION_MAX.to_string()),
        ("HEADER_TEXT_MAX", HEADER_TEXT_MAX.to_string()),
        ("INTERACTIVE_BODY_MAX", INTERACTIVE_BODY_MAX.to_string()),
        ("FOOTER_TEXT_MAX", FOOTER_TEXT_MAX.to_string()),
        ("BUTTONS_MIN", BUTTONS_MIN.to_string()),
        ("BUTTONS_MAX", BUTTONS_MAX.to_string()),
        ("BUTTON_ID_MAX", BUTTON_ID_MAX.to_string()),
        ("BUTTON_TITLE_MAX", BUTTON_TITLE_MAX.to_string()),
        ("LIST_BUTTON_MAX", LIST_BUTTON_MAX.to_string()),
        ("SECTIONS_MIN", SECTIONS_MIN.to_string()),
        ("SECTIONS_MAX", SECTIONS_MAX.to_string()),
        ("SECTION_TITLE_MAX", SECTION_TITLE_MAX.to_string()),
        ("SECTION_ROWS_MIN", SECTION_ROWS_MIN.to_string()),
        ("ROWS_TOTAL_MAX", ROWS_TOTAL_MAX.to_string()),
        ("ROW_ID_MAX", ROW_ID_MAX.to_string()),
        ("ROW_TITLE_MAX", ROW_TITLE_MAX.to_string()),
        ("ROW_DESCRIPTION_MAX", ROW_DESCRIPTION_MAX.to_string()),
        ("TEMPLATE_NAME_MAX", TEMPLATE_NAME_MAX.to_string()),
        ("TEMPLATE_HEADER_TEXT_MAX", TEMPLATE_HEADER_TEXT_MAX.to_string()),
        ("TEMPLATE_BODY_TEXT_MAX", TEMPLATE_BODY_TEXT_MAX.to_string()),
        ("TEMPLATE_BODY_ALONE_MAX", TEMPLATE_BODY_ALONE_MAX.to_string()),
        ("TEMPLATE_BUTTON_INDEX_MAX", TEMPLATE_BUTTON_INDEX_MAX.to_string()),
        ("MESSAGES_MIN", MESSAGES_MIN.to_string()),
        ("MESSAGES_MAX", MESSAGES_MAX.to_string()),
        ("PHONE_DIGITS_MIN", PHONE_DIGITS_MIN.to_string()),
        ("PHONE_DIGITS_MAX", PHONE_DIGITS_MAX.to_string()),
        ("CONTACTS_MIN", CONTACTS_MIN.to_string()),
        ("LATITUDE_MAX", LATITUDE_MAX.to_string()),
        ("LONGITUDE_MAX", LONGITUDE_MAX.to_string()),
        ("DOCUMENT_BYTES_MAX", DOCUMENT_BYTES_MAX.to_string()),
        ("CALLBACK_BYTES_MAX", CALLBACK_BYTES_MAX.to_string()),
        ("DOCUMENT_DEPTH_MAX", DOCUMENT_DEPTH_MAX.to_string()),
        ("VIOLATIONS_MAX", VIOLATIONS_MAX.to_string()),
    ]
}

/// The rows of the README's "Limits" table: (constant, value).
fn readme_limits() -> Vec<(String, String)> {
    let readme = include_str!("../README.md");
    let section = readme.split("\n## Limits\n").nth(1).expect("README has a `## Limits` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert!(cells.len() >= 3, "malformed row: {l}");
            (cells[0].trim_matches('`').to_owned(), cells[1].to_owned())
        })
        .collect()
}

#[test]
fn readme_limits_table_matches_the_constants_both_ways() {
    let table = readme_limits();
    let constants = constants();
    assert!(table.len() >= 20, "the table was not found or is nearly empty: {table:?}");
    for (name, value) in &table {
        let found = constants.iter().find(|(c, _)| c == name);
        let Some((_, actual)) = found else { panic!("README row `{name}` has no constant in `limits`") };
        assert_eq!(value, actual, "README says {name} = {value}, the constant is {actual}");
    }
    for (name, value) in &constants {
        assert!(
            table.iter().any(|(n, _)| n == name),
            "constant {name} = {value} is missing from the README's table"
        );
    }
    let mut names: Vec<_> = table.iter().map(|(n, _)| n).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), table.len(), "a constant appears twice in the README's table");
}

#[test]
fn this_test_lists_every_constant_of_the_limits_module() {
    // So that the README check above cannot miss a constant added later.
    let source = include_str!("../crates/exotel-whatsapp-core/src/limits.rs");
    let declared: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("pub const "))
        .map(|l| l.split(':').next().unwrap_or(l).trim())
        .collect();
    let listed: Vec<&str> = constants().iter().map(|(n, _)| *n).collect();
    assert_eq!(declared, listed);
}
