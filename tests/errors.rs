//! Every error path of the builders (and of JSON input where only JSON can reach it): the rule
//! code, the pointer and the problem of each violation, several at once and their order.

use exotel_whatsapp::check::check;
use exotel_whatsapp::content::{
    Address, Contact, ContactPhone, ContactUrl, Document, Email, Image, Interactive, ListRow, ListSection,
    Location, Name, Text,
};
use exotel_whatsapp::error::{Pointer, Problem, Severity};
use exotel_whatsapp::phone::PhoneProblem;
use exotel_whatsapp::url::{Url, UrlProblem};
use exotel_whatsapp::{Error, Message, PhoneNumber, Request, Rule};
use serde_json::{Value, json};

/// `(pointer, rule code)` of every violation, in order.
fn found(err: &Error) -> Vec<(String, &'static str)> {
    err.violations().iter().map(|v| (v.pointer().as_str().to_owned(), v.rule().code())).collect()
}

fn pairs(expected: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    expected.iter().map(|(p, c)| ((*p).to_owned(), *c)).collect()
}

#[track_caller]
fn assert_found(err: &Error, expected: &[(&str, &'static str)]) {
    assert_eq!(found(err), pairs(expected), "\n{err}");
}

/// The errors the checker finds in `content` sent as the only message, pointers relative to the
/// content object.
#[allow(clippy::needless_pass_by_value, reason = "callers pass `json!` literals")]
fn content_errors(content: Value) -> Vec<(String, &'static str)> {
    let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888", "content": content}]}});
    let report = check(doc.to_string().as_bytes());
    let prefix = "/whatsapp/messages/0/content";
    report
        .errors()
        .iter()
        .map(|v| {
            let p = v.pointer().as_str();
            let rel = p.strip_prefix(prefix).unwrap_or_else(|| panic!("{p} is outside the content"));
            (rel.to_owned(), v.rule().code())
        })
        .collect()
}

fn duplicate_first(err: &Error, i: usize) -> &str {
    match err.violations()[i].problem() {
        Problem::Duplicate { first } => first.as_str(),
        other => panic!("expected a duplicate, got {other:?}"),
    }
}

/// Expected `(pointer, rule code)` pairs.
type Expected = &'static [(&'static str, &'static str)];

const BLANKS: [&str; 6] = ["", " ", "\t", "\n \r\n", "\u{a0}", "\u{3000}\u{2003}"];

#[test]
fn empty_and_whitespace_only_text_is_empty_everywhere() {
    type Build = fn(&str) -> Result<(), Error>;
    let cases: [(&str, Build); 12] = [
        ("/body", |s| Text::new(s).map(drop)),
        ("/filename", |s| Document::builder("https://example.com/a.pdf").filename(s).build().map(drop)),
        ("/header/text", |s| Interactive::buttons("B").header_text(s).button("a", "A").build().map(drop)),
        ("/body/text", |s| Interactive::buttons(s).button("a", "A").build().map(drop)),
        ("/footer/text", |s| Interactive::buttons("B").footer(s).button("a", "A").build().map(drop)),
        ("/action/buttons/0/reply/id", |s| Interactive::buttons("B").button(s, "A").build().map(drop)),
        ("/action/buttons/0/reply/title", |s| Interactive::buttons("B").button("a", s).build().map(drop)),
        ("/action/button", |s| {
            Interactive::list("B", s)
                .section(ListSection::new().row(ListRow::new("r", "R")))
                .build()
                .map(drop)
        }),
        ("/action/sections/1/title", |s| {
            Interactive::list("B", "Open")
                .section(ListSection::titled("One").row(ListRow::new("a", "A")))
                .section(ListSection::titled(s).row(ListRow::new("b", "B")))
                .build()
                .map(drop)
        }),
        ("/action/sections/0/rows/0/id", |s| {
            Interactive::list("B", "Open")
                .section(ListSection::new().row(ListRow::new(s, "R")))
                .build()
                .map(drop)
        }),
        ("/action/sections/0/rows/0/title", |s| {
            Interactive::list("B", "Open")
                .section(ListSection::new().row(ListRow::new("r", s)))
                .build()
                .map(drop)
        }),
        ("/name/formatted_name", |s| {
            let name = Name { formatted_name: s.into(), first_name: Some("A".into()), ..Name::default() };
            Contact::builder(name).build().map(drop)
        }),
    ];
    for (pointer, build) in cases {
        for blank in BLANKS {
            let err = build(blank).expect_err(pointer);
            // Only `empty`: blank text is not also reported as edge whitespace.
            assert_found(&err, &[(pointer, "empty")]);
            assert_eq!(err.violations()[0].problem(), &Problem::Empty);
            assert_eq!(err.violations()[0].limit(), None);
        }
        build("x").unwrap_or_else(|e| panic!("{pointer}: {e}"));
    }
}

#[test]
fn a_caption_may_be_empty_or_blank() {
    // An optional string with no minimum in EX or META (issue 11): kept as given.
    for caption in ["", " ", "\u{3000}"] {
        let img = Image::builder("https://example.com/a.jpg").caption(caption).build().unwrap();
        assert_eq!(img.caption(), Some(caption));
        let report = check(
            format!(
                r#"{{"whatsapp": {{"messages": [{{"from": "919999999999", "to": "918888888888",
                "content": {{"type": "image", "image": {{"link": "https://example.com/a.jpg", "caption": "{caption}"}}}}}}]}}}}"#
            )
            .as_bytes(),
        );
        assert!(report.is_valid() && report.warnings().is_empty(), "{:?}", report.errors());
    }
}

#[test]
fn a_row_description_may_be_empty_but_not_too_long() {
    let list = Interactive::list("B", "Open")
        .section(ListSection::new().row(ListRow::new("r", "R").description("")))
        .build()
        .unwrap();
    assert_eq!(list.sections()[0].rows()[0].description(), Some(""));
}

#[test]
fn button_ids_refuse_edge_whitespace_row_ids_and_titles_do_not() {
    for id in [" yes", "yes ", "\tyes", "yes\n", "\u{a0}yes", "yes\u{3000}", "  यस  "] {
        let err = Interactive::buttons("B").button(id, "Yes").build().unwrap_err();
        assert_found(&err, &[("/action/buttons/0/reply/id", "whitespace")]);
        assert_eq!(err.violations()[0].problem(), &Problem::Whitespace);
        // EX states the whitespace rule for reply-button ids only (issue 11): a row id keeps it.
        let list = Interactive::list("B", "Open")
            .section(ListSection::new().row(ListRow::new(id, "Row")))
            .build()
            .unwrap();
        assert_eq!(list.sections()[0].rows()[0].id(), id);
    }
    // Inner whitespace is fine, and titles and bodies keep their spaces untouched.
    let b = Interactive::buttons(" Body ").button("y e s", " Yes ").build().unwrap();
    assert_eq!((b.body(), b.buttons()[0].id(), b.buttons()[0].title()), (" Body ", "y e s", " Yes "));
}

#[test]
fn duplicates_are_reported_at_the_later_occurrence_pointing_at_the_first() {
    let err =
        Interactive::buttons("B").button("a", "A").button("b", "B").button("a", "C").build().unwrap_err();
    assert_found(&err, &[("/action/buttons/2/reply/id", "duplicate")]);
    assert_eq!(duplicate_first(&err, 0), "/action/buttons/0/reply/id");
    assert_eq!(
        err.to_string(),
        "/action/buttons/2/reply/id: duplicates the value at /action/buttons/0/reply/id; it must be unique"
    );

    let err = Interactive::buttons("B").button("a", "Same").button("b", "Same").build().unwrap_err();
    assert_found(&err, &[("/action/buttons/1/reply/title", "duplicate")]);
    assert_eq!(duplicate_first(&err, 0), "/action/buttons/0/reply/title");

    // An id and a title may share a value: uniqueness is per field.
    Interactive::buttons("B").button("yes", "no").button("no", "yes").build().unwrap();

    // Row ids are unique across sections; a third occurrence still points at the first.
    let err = Interactive::list("B", "Open")
        .section(ListSection::titled("S0").row(ListRow::new("x", "X")).row(ListRow::new("y", "Y")))
        .section(ListSection::titled("S1").row(ListRow::new("z", "Z")).row(ListRow::new("x", "X again")))
        .section(ListSection::titled("S2").row(ListRow::new("x", "X thrice")))
        .build()
        .unwrap_err();
    assert_found(
        &err,
        &[("/action/sections/1/rows/1/id", "duplicate"), ("/action/sections/2/rows/0/id", "duplicate")],
    );
    assert_eq!(duplicate_first(&err, 0), "/action/sections/0/rows/0/id");
    assert_eq!(duplicate_first(&err, 1), "/action/sections/0/rows/0/id");

    // Row titles need not be unique.
    Interactive::list("B", "Open")
        .section(ListSection::new().row(ListRow::new("a", "Same")).row(ListRow::new("b", "Same")))
        .build()
        .unwrap();

    // Through JSON the pointers are absolute.
    let errors = content_errors(json!({"type": "interactive", "interactive": {
        "type": "button", "body": {"text": "B"},
        "action": {"buttons": [
            {"type": "reply", "reply": {"id": "a", "title": "A"}},
            {"type": "reply", "reply": {"id": "a", "title": "A"}}]}}}));
    assert_eq!(
        errors,
        pairs(&[
            ("/interactive/action/buttons/1/reply/id", "duplicate"),
            ("/interactive/action/buttons/1/reply/title", "duplicate"),
        ])
    );
}

#[test]
fn section_title_is_required_only_with_several_sections() {
    Interactive::list("B", "Open").section(ListSection::new().row(ListRow::new("a", "A"))).build().unwrap();
    let err = Interactive::list("B", "Open")
        .section(ListSection::titled("One").row(ListRow::new("a", "A")))
        .section(ListSection::new().row(ListRow::new("b", "B")))
        .build()
        .unwrap_err();
    assert_found(&err, &[("/action/sections/1", "required")]);
    assert_eq!(err.violations()[0].problem(), &Problem::Required { field: "title" });
}

#[test]
fn fields_where_they_do_not_belong_are_not_allowed() {
    let link = "https://example.com/f";
    let cases = [
        (json!({"type": "audio", "audio": {"link": link, "caption": "c"}}), "/audio/caption"),
        (json!({"type": "sticker", "sticker": {"link": link, "caption": "c"}}), "/sticker/caption"),
        (json!({"type": "image", "image": {"link": link, "filename": "a.jpg"}}), "/image/filename"),
        (json!({"type": "video", "video": {"link": link, "filename": "a.mp4"}}), "/video/filename"),
        (json!({"type": "audio", "audio": {"link": link, "filename": "a.ogg"}}), "/audio/filename"),
        (json!({"type": "text", "text": {"body": "Hi"}, "image": {"link": link}}), "/image"),
        (
            json!({"type": "interactive", "interactive": {"type": "list",
                "header": {"type": "image", "image": {"link": link}}, "body": {"text": "B"},
                "action": {"button": "Open", "sections": [{"rows": [{"id": "r", "title": "R"}]}]}}}),
            "/interactive/header/type",
        ),
        (
            json!({"type": "interactive", "interactive": {"type": "list", "body": {"text": "B"},
                "action": {"button": "Open", "sections": [{"rows": [{"id": "r", "title": "R"}]}],
                           "buttons": [{"type": "reply", "reply": {"id": "a", "title": "A"}}]}}}),
            "/interactive/action/buttons",
        ),
        (
            json!({"type": "interactive", "interactive": {"type": "button", "body": {"text": "B"},
                "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": "A"}}],
                           "sections": [{"rows": [{"id": "r", "title": "R"}]}]}}}),
            "/interactive/action/sections",
        ),
        (
            json!({"type": "interactive", "interactive": {"type": "button", "body": {"text": "B"},
                "action": {"button": "Open", "buttons": [{"type": "reply", "reply": {"id": "a", "title": "A"}}]}}}),
            "/interactive/action/button",
        ),
    ];
    for (content, pointer) in cases {
        assert_eq!(content_errors(content), pairs(&[(pointer, "not_allowed")]), "{pointer}");
    }
    // The same through `Deserialize`, with the reason.
    let err =
        serde_json::from_value::<exotel_whatsapp::content::Audio>(json!({"link": link, "caption": "c"}))
            .unwrap_err();
    assert_eq!(err.to_string(), "/caption: not allowed: audio messages have no caption");
    // A media header is fine on reply buttons.
    let header = exotel_whatsapp::content::Header::Image { image: Image::new(link).unwrap() };
    Interactive::buttons("B").header(header).button("a", "A").build().unwrap();
}

#[test]
fn filenames_name_a_file_not_a_path() {
    for bad in ["a/b.pdf", "..\\b.pdf", "a\0.pdf"] {
        let err = Document::builder("https://example.com/a.pdf").filename(bad).build().unwrap_err();
        assert_found(&err, &[("/filename", "format")]);
    }
    let doc = Document::builder("https://example.com/a.pdf").filename("चालान 42.pdf").build().unwrap();
    assert_eq!(doc.filename(), Some("चालान 42.pdf"));
}

#[test]
fn phone_numbers_say_what_is_wrong() {
    let cases = [
        ("", PhoneProblem::Empty),
        ("tel:+919876543210", PhoneProblem::NonDigit { position: 1, found: 't' }),
        ("++919876543210", PhoneProblem::DoublePlus),
        ("0919876543210", PhoneProblem::LeadingZero),
        ("9199XXXXXXXX", PhoneProblem::NonDigit { position: 5, found: 'X' }),
        ("91 98765 43210", PhoneProblem::NonDigit { position: 3, found: ' ' }),
        ("९१९८७६५४३२१०", PhoneProblem::NonDigit { position: 1, found: '९' }),
        ("123456", PhoneProblem::TooShort { digits: 6 }),
        ("1234567890123456", PhoneProblem::TooLong { digits: 16 }),
        ("+0919876543210", PhoneProblem::LeadingZero),
        ("+91 98765 43210", PhoneProblem::NonDigit { position: 4, found: ' ' }),
        ("+91-9876543210", PhoneProblem::NonDigit { position: 4, found: '-' }),
        ("+919999XXXXXX", PhoneProblem::NonDigit { position: 8, found: 'X' }),
        ("+91९८७६५४३२१०", PhoneProblem::NonDigit { position: 4, found: '९' }),
        ("+9198765432१0", PhoneProblem::NonDigit { position: 12, found: '१' }),
        ("+", PhoneProblem::TooShort { digits: 0 }),
        ("+123456", PhoneProblem::TooShort { digits: 6 }),
        ("+1234567890123456", PhoneProblem::TooLong { digits: 16 }),
    ];
    for (number, want) in cases {
        let err = PhoneNumber::new(number).unwrap_err();
        assert_found(&err, &[("", "e164")]);
        assert_eq!(err.violations()[0].problem(), &Problem::E164(want), "{number:?}");
        assert_eq!(err.to_string(), format!("(root): not an E.164 phone number: {want}"));
        // In a message, at `/from` and `/to`; both at once when both are wrong.
        let err = Message::new(number, number, Text::new("Hi").unwrap()).unwrap_err();
        assert_found(&err, &[("/from", "e164"), ("/to", "e164")]);
    }
    let messages = [
        (PhoneProblem::DoublePlus, "`++`"),
        (PhoneProblem::LeadingZero, "cannot start with 0"),
        (PhoneProblem::NonDigit { position: 4, found: ' ' }, "position 4"),
        (PhoneProblem::TooShort { digits: 6 }, "too short"),
        (PhoneProblem::TooLong { digits: 16 }, "too long"),
    ];
    for (problem, says) in messages {
        assert!(problem.to_string().contains(says), "{problem}");
    }
    // The `+` is optional (EX's own examples, META, incoming webhooks); what was given is kept.
    for number in ["919876543210", "+919876543210", "1234567", "123456789012345"] {
        let msg = Message::new(number, number, Text::new("Hi").unwrap()).unwrap();
        assert_eq!(msg.from().as_str(), number);
        assert_eq!(serde_json::to_value(&msg).unwrap()["to"], number);
    }
}

#[test]
fn urls_must_be_absolute_http_with_a_host() {
    let cases = [
        ("example.com/a.jpg", UrlProblem::Scheme),
        ("ftp://example.com/a.jpg", UrlProblem::Scheme),
        ("//example.com/a.jpg", UrlProblem::Scheme),
        ("", UrlProblem::Scheme),
        ("https://", UrlProblem::NoHost),
        ("https:///a.jpg", UrlProblem::NoHost),
        ("https://example.com:0/a.jpg", UrlProblem::Port),
        ("https://example.com:70000/a.jpg", UrlProblem::Port),
        ("https://example.com:http/a.jpg", UrlProblem::Port),
        ("https://example.com/a b.jpg", UrlProblem::Character { position: 22 }),
        ("https://example.com/नया\n.jpg", UrlProblem::Character { position: 24 }),
    ];
    for (url, want) in cases {
        let err = Image::new(url).unwrap_err();
        assert_found(&err, &[("/link", "url")]);
        assert_eq!(err.violations()[0].problem(), &Problem::Url(want), "{url:?}");
        let err = Url::new(url).unwrap_err();
        assert_found(&err, &[("", "url")]);
        let err = Message::builder("+919999999999", "+918888888888", Text::new("Hi").unwrap())
            .status_callback(url)
            .build()
            .unwrap_err();
        assert_found(&err, &[("/status_callback", "url")]);
        let msg = Message::new("+919999999999", "+918888888888", Text::new("Hi").unwrap()).unwrap();
        let err =
            Request::builder([msg]).status_callback(url).channel_status_callback(url).build().unwrap_err();
        assert_found(&err, &[("/status_callback", "url"), ("/whatsapp/status_callback", "url")]);
    }
    // Private hosts and credentials are warnings only: the builders accept them.
    for url in ["http://10.0.0.1/a.jpg", "http://localhost/a.jpg", "https://u:p@example.com/a.jpg"] {
        Image::new(url).unwrap();
    }
}

#[test]
fn coordinates_are_ranged_and_finite() {
    for (lat, lon) in [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0), (12.9716, 77.5946)] {
        assert!(Location::new(lat, lon).is_ok(), "{lat}, {lon}");
    }
    let cases: [(f64, f64, Expected); 6] = [
        (90.000_001, 0.0, &[("/latitude", "range")]),
        (-90.5, 0.0, &[("/latitude", "range")]),
        (0.0, 180.000_001, &[("/longitude", "range")]),
        (0.0, -181.0, &[("/longitude", "range")]),
        (f64::NAN, f64::INFINITY, &[("/latitude", "range"), ("/longitude", "range")]),
        (f64::NEG_INFINITY, f64::NAN, &[("/latitude", "range"), ("/longitude", "range")]),
    ];
    for (lat, lon, want) in cases {
        assert_found(&Location::new(lat, lon).unwrap_err(), want);
    }
    let err = Location::new(91.0, 0.0).unwrap_err();
    assert_eq!(err.to_string(), "/latitude: out of range: must be from -90 to 90");

    // From JSON: numbers or decimal strings; anything else is `format` or `type`.
    let location = |lat: Value, lon: Value| {
        content_errors(json!({"type": "location", "location": {"latitude": lat, "longitude": lon}}))
    };
    assert_eq!(location(json!("12.5"), json!(-77)), []);
    assert_eq!(location(json!("-90"), json!("+180.0")), []);
    for bad in ["12,5", "abc", "1e3", ".5", "5.", "", " 12.5", "0x10", "--1"] {
        assert_eq!(location(json!(bad), json!("0")), pairs(&[("/location/latitude", "format")]), "{bad:?}");
    }
    assert_eq!(
        location(json!("91.0"), json!(181)),
        pairs(&[("/location/latitude", "range"), ("/location/longitude", "range")])
    );
    assert_eq!(
        location(json!(true), json!([1])),
        pairs(&[("/location/latitude", "type"), ("/location/longitude", "type")])
    );
    assert_eq!(
        content_errors(json!({"type": "location", "location": {"latitude": "1"}})),
        pairs(&[("/location", "required")])
    );
}

fn name(first: Option<&str>) -> Name {
    Name { formatted_name: "Asha Rao".into(), first_name: first.map(Into::into), ..Name::default() }
}

#[test]
fn contact_name_needs_a_formatted_name_and_one_part() {
    Contact::builder(name(Some("Asha"))).build().unwrap();
    for part in 0..5 {
        let mut n = name(None);
        let slot = [&mut n.first_name, &mut n.last_name, &mut n.middle_name, &mut n.suffix, &mut n.prefix];
        *slot.into_iter().nth(part).unwrap() = Some("X".into());
        Contact::builder(n).build().unwrap();
    }
    let err = Contact::builder(name(None)).build().unwrap_err();
    assert_found(&err, &[("/name", "required")]);
    assert_eq!(
        err.violations()[0].problem(),
        &Problem::RequiredOneOf { fields: &["first_name", "last_name", "middle_name", "suffix", "prefix"] }
    );
    let err = Contact::builder(Name::default()).build().unwrap_err();
    assert_found(&err, &[("/name/formatted_name", "empty"), ("/name", "required")]);
    // From JSON a missing `formatted_name` is `required` at the name.
    assert_eq!(
        content_errors(json!({"type": "contacts", "contacts": [{"name": {"first_name": "A"}}]})),
        pairs(&[("/contacts/0/name", "required")])
    );
    assert_eq!(
        content_errors(json!({"type": "contacts", "contacts": [{"phones": [{"phone": "1234"}]}]})),
        pairs(&[("/contacts/0", "required")])
    );
    assert_eq!(
        content_errors(json!({"type": "contacts", "contacts": []})),
        pairs(&[("/contacts", "too_few")])
    );
}

#[test]
fn contact_fields_have_their_formats() {
    for ok in ["2024-02-29", "2000-02-29", "1990-12-31", "1990-01-01"] {
        Contact::builder(name(Some("A"))).birthday(ok).build().unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "1990-04-31",
        "1990-13-01",
        "1990-00-10",
        "1990-01-00",
        "1990-1-01",
        "19900101",
        "1990/01/01",
        "",
        "१९९०-०१-०१",
    ] {
        let err = Contact::builder(name(Some("A"))).birthday(bad).build().unwrap_err();
        assert_found(&err, &[("/birthday", "format")]);
    }
    let address = |cc: &str| Address { country_code: Some(cc.into()), ..Address::default() };
    Contact::builder(name(Some("A"))).address(address("IN")).build().unwrap();
    for bad in ["IND", "I", "", "I1", "ÍN"] {
        let err = Contact::builder(name(Some("A")))
            .address(address("US"))
            .address(address(bad))
            .build()
            .unwrap_err();
        assert_found(&err, &[("/addresses/1/country_code", "format")]);
    }
    let email = |e: &str| Email { email: Some(e.into()), kind: None };
    Contact::builder(name(Some("A"))).email(email("asha.rao@example.co.in")).build().unwrap();
    // An unusual address is only a warning (no source restricts it; `name@localhost` exists).
    let card = |c: &str| {
        format!(
            r#"{{"whatsapp": {{"messages": [{{"from": "919999999999", "to": "918888888888",
            "content": {{"type": "contacts", "contacts": [{{"name": {{"formatted_name": "A", "first_name": "A"}}, {c}}}]}}}}]}}}}"#
        )
    };
    let warned = |c: &str| {
        let report = check(card(c).as_bytes());
        assert!(report.is_valid(), "{c}: {:?}", report.errors());
        report
            .warnings()
            .iter()
            .map(|v| (v.pointer().as_str().to_owned(), v.rule().code()))
            .collect::<Vec<_>>()
    };
    let at = |rest: &str| format!("/whatsapp/messages/0/content/contacts/0{rest}");
    for unusual in [
        "asha.example.com",
        "asha@example",
        "name@localhost",
        "@example.com",
        "a@b@example.com",
        "a sha@example.com",
        "a@.com",
        "a@example..com",
        "a@-x.com",
    ] {
        let card = Contact::builder(name(Some("A"))).email(email(unusual)).build().unwrap();
        assert_eq!(card.emails()[0].email.as_deref(), Some(unusual));
        let emails = format!(r#""emails": [{{"email": "{unusual}"}}]"#);
        assert_eq!(warned(&emails), [(at("/emails/0/email"), "unusual_email")], "{unusual}");
    }
    assert!(warned(r#""emails": [{"email": "asha.rao@example.co.in"}]"#).is_empty());
    let url = |u: &str| ContactUrl { url: Some(u.into()), kind: None };
    Contact::builder(name(Some("A"))).url(url("https://example.com")).build().unwrap();
    // Without a scheme, a warning (META: any string); an http(s) URL that is broken, an error.
    for no_scheme in ["www.example.com", "mailto:a@example.com", "example.com/x"] {
        Contact::builder(name(Some("A"))).url(url(no_scheme)).build().unwrap();
        let urls = format!(r#""urls": [{{"url": "{no_scheme}"}}]"#);
        assert_eq!(warned(&urls), [(at("/urls/0/url"), "url_without_scheme")], "{no_scheme}");
    }
    for bad in ["https://", "https://exa<mple.com", "http://[zzz]/"] {
        let err = Contact::builder(name(Some("A"))).url(url(bad)).build().unwrap_err();
        assert_found(&err, &[("/urls/0/url", "url")]);
    }
    // Card phone numbers are kept as people write them, and non-standard types are warnings.
    let phone = ContactPhone { phone: Some("1234".into()), kind: Some("PAGER".into()), wa_id: None };
    Contact::builder(name(Some("A"))).phone(phone).build().unwrap();

    // Everything at once, in field order.
    let err = Contact::builder(Name::default())
        .birthday("2023-02-29")
        .address(address("IND"))
        .email(email("nope"))
        .url(url("https://exa mple.com"))
        .build()
        .unwrap_err();
    assert_found(
        &err,
        &[
            ("/name/formatted_name", "empty"),
            ("/name", "required"),
            ("/birthday", "format"),
            ("/addresses/0/country_code", "format"),
            ("/urls/0/url", "url"),
        ],
    );
}

#[test]
fn several_violations_in_one_build_in_document_order() {
    let err = Interactive::list(" ", "A button text that is far too long")
        .header("")
        .footer("f".repeat(61))
        .section(ListSection::new().row(ListRow::new("a", "A")).row(ListRow::new("b", "B")))
        .section(ListSection::new().row(ListRow::new("b", "")))
        .build()
        .unwrap_err();
    assert_found(
        &err,
        &[
            ("/header/text", "empty"),
            ("/body/text", "empty"),
            ("/footer/text", "too_long"),
            ("/action/button", "too_long"),
            ("/action/sections/0", "required"),
            ("/action/sections/1", "required"),
            ("/action/sections/1/rows/0/id", "duplicate"),
            ("/action/sections/1/rows/0/title", "empty"),
        ],
    );
    assert_eq!(duplicate_first(&err, 6), "/action/sections/0/rows/1/id");
    assert_eq!(err.violations()[2].actual(), Some(61));
    assert_eq!(err.violations()[3].actual(), Some(34));
    assert!(err.has(Rule::Duplicate) && !err.has(Rule::E164));

    // A text that is too long and has edge whitespace gets both.
    let id = format!(" {}", "x".repeat(256));
    let err = Interactive::buttons("B").button(id, "T").build().unwrap_err();
    assert_found(
        &err,
        &[("/action/buttons/0/reply/id", "too_long"), ("/action/buttons/0/reply/id", "whitespace")],
    );

    let err =
        Message::builder("0", "++91", Text::new("Hi").unwrap()).status_callback("nope").build().unwrap_err();
    assert_found(&err, &[("/status_callback", "url"), ("/from", "e164"), ("/to", "e164")]);

    let err = Interactive::buttons("")
        .header_text("h".repeat(61))
        .button("a", "A")
        .button("a", "A")
        .button("c", "t".repeat(21))
        .button("d", "D")
        .build()
        .unwrap_err();
    assert_found(
        &err,
        &[
            ("/header/text", "too_long"),
            ("/body/text", "empty"),
            ("/action/buttons", "too_many"),
            ("/action/buttons/1/reply/id", "duplicate"),
            ("/action/buttons/1/reply/title", "duplicate"),
            ("/action/buttons/2/reply/title", "too_long"),
        ],
    );
}

#[test]
fn rerooted_moves_every_pointer_including_duplicates_first() {
    let err = Interactive::buttons("").button("a", "A").button("a", "B").build().unwrap_err();
    let prefix = "/whatsapp/messages/3/content/interactive";
    let err = err.rerooted(prefix);
    assert_found(
        &err,
        &[
            ("/whatsapp/messages/3/content/interactive/body/text", "empty"),
            ("/whatsapp/messages/3/content/interactive/action/buttons/1/reply/id", "duplicate"),
        ],
    );
    assert_eq!(
        duplicate_first(&err, 1),
        "/whatsapp/messages/3/content/interactive/action/buttons/0/reply/id"
    );
    assert!(err.to_string().ends_with(
        "duplicates the value at /whatsapp/messages/3/content/interactive/action/buttons/0/reply/id; it must be unique"
    ));
    // The root pointer re-roots to the prefix itself.
    let err = PhoneNumber::new("1").unwrap_err().rerooted("/whatsapp/messages/0/to");
    assert_found(&err, &[("/whatsapp/messages/0/to", "e164")]);
}

#[test]
fn display_prints_one_pointer_and_message_per_line() {
    let err = Message::new("+0", "+91 1", Text::new("Hi").unwrap()).unwrap_err();
    let lines: Vec<String> = err.to_string().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), err.violations().len());
    for (line, v) in lines.iter().zip(err.violations()) {
        assert_eq!(line, &format!("{}: {}", v.pointer(), v.message()));
        assert_eq!(line, &v.to_string());
    }
    assert_eq!(
        lines,
        [
            "/from: not an E.164 phone number: the country code cannot start with 0",
            "/to: not an E.164 phone number: ' ' at position 4 is not a digit; write digits only, without spaces or dashes",
        ]
    );
    // The whole value is shown as `(root)`.
    let err = exotel_whatsapp::content::Contacts::new([]).unwrap_err();
    assert_eq!(err.to_string(), "(root): has 0 items; at least 1 are required");
    assert!(!err.to_string().ends_with('\n'));
    // A `std::error::Error`.
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.source().is_none());
}

#[test]
fn pointers_escape_tilde_and_slash() {
    let errors = check(br#"{"whatsapp": {"messages": []}, "a/b~c": 1}"#);
    let pointers: Vec<&str> = errors.errors().iter().map(|v| v.pointer().as_str()).collect();
    assert_eq!(pointers, ["/whatsapp/messages", "/a~1b~0c"]);
    let mut p = Pointer::root();
    p.push("~/");
    assert_eq!(p.as_str(), "/~0~1");
}

#[test]
fn every_rule_has_its_stable_code() {
    let codes = [
        (Rule::Required, "required"),
        (Rule::UnknownField, "unknown_field"),
        (Rule::NotAllowed, "not_allowed"),
        (Rule::Type, "type"),
        (Rule::Empty, "empty"),
        (Rule::TooLong, "too_long"),
        (Rule::TooFew, "too_few"),
        (Rule::TooMany, "too_many"),
        (Rule::Duplicate, "duplicate"),
        (Rule::Whitespace, "whitespace"),
        (Rule::E164, "e164"),
        (Rule::Url, "url"),
        (Rule::OneOf, "one_of"),
        (Rule::Format, "format"),
        (Rule::Range, "range"),
        (Rule::DuplicateKey, "duplicate_key"),
        (Rule::Json, "json"),
        (Rule::TooLarge, "too_large"),
        (Rule::PrivateHost, "private_host"),
        (Rule::UrlCredentials, "url_credentials"),
        (Rule::PreviewWithoutUrl, "preview_without_url"),
        (Rule::PreviewIpAddress, "preview_ip_address"),
        (Rule::AddressWithoutName, "address_without_name"),
        (Rule::NonstandardType, "nonstandard_type"),
        (Rule::UnknownLanguage, "unknown_language"),
        (Rule::NotPdf, "not_pdf"),
        (Rule::UnusualEmail, "unusual_email"),
        (Rule::UrlWithoutScheme, "url_without_scheme"),
    ];
    assert_eq!(Rule::ALL.len(), codes.len());
    for (rule, (listed, code)) in Rule::ALL.into_iter().zip(codes) {
        assert_eq!(rule, listed);
        assert_eq!(rule.code(), code);
        assert_eq!(rule.to_string(), code);
        // Every code is either always an error or always a warning, never both.
        assert_eq!(rule.is_warning(), rule.severity() == Severity::Warning);
    }
    let warnings: Vec<&str> = Rule::ALL.iter().filter(|r| r.is_warning()).map(|r| r.code()).collect();
    assert_eq!(warnings.len(), 10);
    // README's "Rule codes" section lists every code, each under its severity: the errors in
    // the paragraph that starts with "Errors", the warnings in the first column of the table.
    let readme = include_str!("../README.md");
    let section = readme.split("\n## Rule codes\n").nth(1).expect("README has a `## Rule codes` section");
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let (_, rest) = section.split_once("\nErrors").expect("the section lists the errors");
    let (errors, warned) = rest.split_once("\nWarnings").expect("the section lists the warnings");
    let codes = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .filter(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
            .map(str::to_owned)
            .collect()
    };
    let table: Vec<String> = warned
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect();
    let listed_errors = codes(errors);
    for rule in Rule::ALL {
        let code = rule.code().to_owned();
        let (here, there) =
            if rule.is_warning() { (&table, &listed_errors) } else { (&listed_errors, &table) };
        assert!(here.contains(&code), "README does not list `{code}` as it should");
        assert!(!there.contains(&code), "README lists `{code}` under the wrong severity");
    }
    assert_eq!(listed_errors.len() + table.len(), Rule::ALL.len(), "README lists a code that is not a rule");
}

#[test]
fn lists_and_buttons_from_iterators_report_counts_on_both_sides() {
    // Runtime data in a loop (issue 11): no first item to split off, counts checked at build.
    let titles = ["हाँ", "नहीं", "शायद", "बाद में"];
    for n in 0..=4 {
        let built = Interactive::buttons("Choose").buttons(titles.iter().take(n).map(|t| (*t, *t))).build();
        match n {
            0 => assert_found(&built.unwrap_err(), &[("/action/buttons", "too_few")]),
            4 => assert_found(&built.unwrap_err(), &[("/action/buttons", "too_many")]),
            _ => assert_eq!(built.unwrap().buttons().len(), n),
        }
    }
    for n in [0, 1, 10, 11] {
        let rows = (0..n).map(|i| ListRow::new(format!("r{i}"), format!("पंक्ति {i}")));
        let built = Interactive::list("B", "Open").sections([ListSection::new().rows(rows)]).build();
        match n {
            0 => assert_found(&built.unwrap_err(), &[("/action/sections/0/rows", "too_few")]),
            11 => assert_found(&built.unwrap_err(), &[("/action/sections", "too_many")]),
            _ => assert_eq!(built.unwrap().sections()[0].rows().len(), n),
        }
    }
    let err = Interactive::list("B", "Open").sections(Vec::new()).build().unwrap_err();
    assert_found(&err, &[("/action/sections", "too_few")]);
    let sections =
        (0..11).map(|i| ListSection::titled(format!("S{i}")).row(ListRow::new(format!("r{i}"), "R")));
    let err = Interactive::list("B", "Open").sections(sections).build().unwrap_err();
    assert!(
        err.violations()
            .iter()
            .any(|v| v.pointer().as_str() == "/action/sections" && v.rule() == Rule::TooMany)
    );
}

/// The errors of a template content, as `(pointer below /template, rule)`.
fn template_errors(template: &Value) -> Vec<(String, &'static str)> {
    content_errors(json!({"type": "template", "template": template}))
        .into_iter()
        .map(|(p, r)| (p.strip_prefix("/template").unwrap_or(&p).to_owned(), r))
        .collect()
}

#[test]
fn template_rules_that_changed_hold_on_both_sides() {
    use exotel_whatsapp::template::{DateTime, Template};
    let lang = json!({"policy": "deterministic", "code": "en_IN"});
    // Header and body without parameters (EX: required on buttons only); `text` and `footer`.
    let t = json!({"name": "welcome", "language": lang, "components": [
        {"type": "header", "text": "Hello"}, {"type": "body", "parameters": [], "footer": "Bye"}]});
    assert_eq!(template_errors(&t), []);
    let t = json!({"name": "welcome", "language": lang, "components": [
        {"type": "button", "sub_type": "quick_reply", "index": "0"}]});
    assert_eq!(template_errors(&t), [("/components/0".to_owned(), "required")]);
    let two = json!([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]);
    let t =
        json!({"name": "welcome", "language": lang, "components": [{"type": "header", "parameters": two}]});
    assert_eq!(template_errors(&t), [("/components/0/parameters".to_owned(), "too_many")]);
    // Button indexes: exactly "0", "1" or "2".
    for (index, want) in [
        ("1", None),
        ("01", Some("one_of")),
        ("00", Some("one_of")),
        (" 1", Some("one_of")),
        ("3", Some("range")),
    ] {
        let t = json!({"name": "n", "language": lang, "components": [
            {"type": "button", "sub_type": "url", "index": index, "parameters": [{"type": "text", "text": "x"}]}]});
        let want: Vec<(String, &str)> =
            want.map(|r| ("/components/0/index".to_owned(), r)).into_iter().collect();
        assert_eq!(template_errors(&t), want, "{index:?}");
    }
    // Text parameters: no new line, tab or more than 4 spaces, in any script; 4 spaces are fine.
    let ok = ["नमस्ते    आशा", "a b", "तीन   स्पेस"];
    let bad = ["नमस्ते\nआशा", "a\tb", "a\r\nb", "नमस्ते     आशा"];
    for text in ok.iter().chain(&bad) {
        let bad = bad.contains(text);
        let built =
            Template::builder("n", "en").header_text(*text).body_text(*text).url_button(0, *text).build();
        let t = json!({"name": "n", "language": lang, "components": [{"type": "body", "parameters": [{"type": "text", "text": text}]}]});
        if bad {
            let err = built.unwrap_err();
            let found: Vec<(&str, &str)> =
                err.violations().iter().map(|v| (v.pointer().as_str(), v.rule().code())).collect();
            assert_eq!(
                found,
                [
                    ("/components/0/parameters/0/text", "format"),
                    ("/components/1/parameters/0/text", "format"),
                    ("/components/2/parameters/0/text", "format"),
                ],
                "{text:?}"
            );
            assert_eq!(
                template_errors(&t),
                [("/components/0/parameters/0/text".to_owned(), "format")],
                "{text:?}"
            );
        } else {
            built.unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(template_errors(&t), [], "{text:?}");
        }
    }
    // date_time: META's fields, each at both ends of its range.
    let edges: [(&str, i64, i64); 5] = [
        ("day_of_week", 1, 7),
        ("month", 1, 12),
        ("day_of_month", 1, 31),
        ("hour", 0, 23),
        ("minute", 0, 59),
    ];
    for (field, min, max) in edges {
        for (value, fine) in [(min - 1, false), (min, true), (max, true), (max + 1, false)] {
            let dt = json!({"fallback_value": "soon", field: value, "calendar": "SOLAR_HIJRI"});
            let t = json!({"name": "n", "language": lang, "components": [{"type": "body", "parameters": [{"type": "date_time", "date_time": dt}]}]});
            let want: Vec<(String, &str)> = (!fine)
                .then(|| (format!("/components/0/parameters/0/date_time/{field}"), "range"))
                .into_iter()
                .collect();
            assert_eq!(template_errors(&t), want, "{field} = {value}");
        }
    }
    let err = DateTime::builder("soon").day_of_week(0).month(13).minute(60).build().unwrap_err();
    assert_found(&err, &[("/day_of_week", "range"), ("/month", "range"), ("/minute", "range")]);
    let dt = DateTime::builder("soon").year(2026).day_of_month(31).hour(0).build().unwrap();
    assert_eq!((dt.year(), dt.day_of_month(), dt.hour()), (Some(2026), Some(31), Some(0)));
    let t = json!({"name": "n", "language": lang, "components": [{"type": "body", "parameters": [
        {"type": "date_time", "date_time": {"fallback_value": "soon", "calendar": "JULIAN", "hour": "4"}}]}]});
    assert_eq!(
        template_errors(&t),
        [
            ("/components/0/parameters/0/date_time/hour".to_owned(), "type"),
            ("/components/0/parameters/0/date_time/calendar".to_owned(), "one_of"),
        ]
    );
}
