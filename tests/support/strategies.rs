//! Proptest strategies shared by the `prop_*` tests: texts of exact lengths in every width of
//! character, lengths concentrated around a limit, and valid values of every content type.
#![allow(dead_code, reason = "each property test uses a part of the strategies")]

use exotel_whatsapp::content::{
    Address, Audio, Contact, ContactPhone, ContactUrl, Contacts, Content, Document, Email, Header, Image,
    Interactive, ListRow, ListSection, Location, Name, Org, Sticker, Text, Video,
};
use exotel_whatsapp::limits;
use exotel_whatsapp::template::{Currency, DateTime, KNOWN_LANGUAGES, Parameter, Template};
use exotel_whatsapp::{Message, Request};
use proptest::prelude::*;
use proptest::sample::select;

/// Pieces of text that are not whitespace: ASCII, 2-, 3- and 4-byte characters, a combining
/// mark, a ZWJ family (5 scalar values) and an emoji with a skin-tone modifier (2).
pub const PIECES: [&str; 14] =
    ["a", "Z", "7", "-", "é", "ß", "न", "中", "€", "👍", "𝄞", "e\u{301}", "👨\u{200d}👩\u{200d}👧", "👍🏽"];

/// `n` characters (Unicode scalar values) made by cycling through `pieces`.
pub fn cycle_chars(pieces: &[&str], n: usize) -> String {
    pieces.iter().flat_map(|p| p.chars()).cycle().take(n).collect()
}

/// Exactly `n` characters, mixing the widths of [`PIECES`]; never blank, never edged with
/// whitespace.
pub fn text_of_len(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(&PIECES[..]), 1..6).prop_map(move |pieces| cycle_chars(&pieces, n))
}

/// A length from 1 to `max`, mostly within 3 of `max`.
pub fn len_within(max: usize) -> BoxedStrategy<usize> {
    prop_oneof![3 => max.saturating_sub(3).max(1)..=max, 1 => 1..=max].boxed()
}

/// A length past `max`, mostly within 3 of it.
pub fn len_over(max: usize) -> BoxedStrategy<usize> {
    prop_oneof![3 => max + 1..=max + 3, 1 => max + 1..=2 * max + 1].boxed()
}

/// A valid text for a limit of `max` characters.
pub fn text_within(max: usize) -> BoxedStrategy<String> {
    len_within(max).prop_flat_map(text_of_len).boxed()
}

/// A short valid text (labels, names), 1 to 12 characters.
pub fn short_text() -> BoxedStrategy<String> {
    (1..=12usize).prop_flat_map(text_of_len).boxed()
}

/// `s` with its first character replaced by `c`: same length, distinct for distinct `c`.
pub fn stamped(c: char, s: &str) -> String {
    std::iter::once(c).chain(s.chars().skip(1)).collect()
}

/// A valid absolute `https` URL on a public host.
pub fn url() -> impl Strategy<Value = String> {
    ("[a-z]{1,10}", select(&["com", "in", "org"][..]), "[a-zA-Z0-9_./-]{0,20}")
        .prop_map(|(host, tld, path)| format!("https://{host}.{tld}/{path}"))
}

/// A valid E.164 number, with or without its `+`.
pub fn phone() -> impl Strategy<Value = String> {
    "\\+?[1-9][0-9]{6,14}"
}

pub fn text() -> impl Strategy<Value = Text> {
    (text_within(limits::TEXT_BODY_MAX), any::<Option<bool>>()).prop_map(|(body, preview)| {
        let t = Text::new(body).expect("a valid body");
        match preview {
            Some(p) => t.preview_url(p),
            None => t,
        }
    })
}

fn caption() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text_within(limits::CAPTION_MAX))
}

pub fn image() -> impl Strategy<Value = Image> {
    (url(), caption()).prop_map(|(link, caption)| {
        let b = Image::builder(link);
        match caption {
            Some(c) => b.caption(c),
            None => b,
        }
        .build()
        .expect("a valid image")
    })
}

pub fn video() -> impl Strategy<Value = Video> {
    (url(), caption()).prop_map(|(link, caption)| {
        let b = Video::builder(link);
        match caption {
            Some(c) => b.caption(c),
            None => b,
        }
        .build()
        .expect("a valid video")
    })
}

pub fn document() -> impl Strategy<Value = Document> {
    (url(), caption(), prop::option::of("[a-z0-9_-]{1,12}\\.(pdf|txt)")).prop_map(
        |(link, caption, filename)| {
            let mut b = Document::builder(link);
            if let Some(c) = caption {
                b = b.caption(c);
            }
            if let Some(f) = filename {
                b = b.filename(f);
            }
            b.build().expect("a valid document")
        },
    )
}

pub fn location() -> impl Strategy<Value = Location> {
    let lat = prop_oneof![Just(90.0), Just(-90.0), -90.0..=90.0f64];
    let lon = prop_oneof![Just(180.0), Just(-180.0), -180.0..=180.0f64];
    (lat, lon, prop::option::of(short_text()), prop::option::of(short_text())).prop_map(
        |(lat, lon, name, address)| {
            let mut l = Location::new(lat, lon).expect("a valid location");
            if let Some(n) = name {
                l = l.name(n);
            }
            if let Some(a) = address {
                l = l.address(a);
            }
            l
        },
    )
}

fn contact() -> impl Strategy<Value = Contact> {
    let name =
        (short_text(), short_text(), prop::option::of(short_text())).prop_map(|(formatted, first, last)| {
            Name { formatted_name: formatted, first_name: Some(first), last_name: last, ..Name::default() }
        });
    let birthday = prop::option::of(
        (1900u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    );
    let kind = prop::option::of(select(&["HOME", "WORK"][..]).prop_map(str::to_owned));
    (
        name,
        birthday,
        prop::option::of(("[a-z]{1,8}@[a-z]{1,8}\\.com", kind.clone())),
        prop::option::of((short_text(), "[A-Z]{2}", kind.clone())),
        prop::option::of(("\\PC{0,16}", kind.clone())),
        prop::option::of((url(), kind)),
        prop::option::of(short_text()),
    )
        .prop_map(|(name, birthday, email, address, phone, url, company)| {
            let mut b = Contact::builder(name);
            if let Some(d) = birthday {
                b = b.birthday(d);
            }
            if let Some((email, kind)) = email {
                b = b.email(Email { email: Some(email), kind });
            }
            if let Some((city, cc, kind)) = address {
                b = b.address(Address {
                    city: Some(city),
                    country_code: Some(cc),
                    kind,
                    ..Address::default()
                });
            }
            if let Some((phone, kind)) = phone {
                b = b.phone(ContactPhone { phone: Some(phone), kind, wa_id: None });
            }
            if let Some((url, kind)) = url {
                b = b.url(ContactUrl { url: Some(url), kind });
            }
            if let Some(company) = company {
                b = b.org(Org { company: Some(company), ..Org::default() });
            }
            b.build().expect("a valid contact")
        })
}

pub fn contacts() -> impl Strategy<Value = Contacts> {
    prop::collection::vec(contact(), 1..3).prop_map(|cards| Contacts::new(cards).expect("valid contacts"))
}

/// A valid interactive header: text, or media for reply buttons.
fn header(media: bool) -> BoxedStrategy<Header> {
    let text = text_within(limits::HEADER_TEXT_MAX).prop_map(|t| Header::Text {
        text: exotel_whatsapp::text::HeaderText::new(t).expect("a valid header text"),
    });
    if media {
        prop_oneof![
            text,
            image().prop_map(|image| Header::Image { image }),
            video().prop_map(|video| Header::Video { video }),
            document().prop_map(|document| Header::Document { document }),
        ]
        .boxed()
    } else {
        text.boxed()
    }
}

pub fn reply_buttons() -> impl Strategy<Value = Interactive> {
    let button = (text_within(limits::BUTTON_ID_MAX), text_within(limits::BUTTON_TITLE_MAX));
    (
        text_within(limits::INTERACTIVE_BODY_MAX),
        prop::option::of(header(true)),
        prop::option::of(text_within(limits::FOOTER_TEXT_MAX)),
        prop::collection::vec(button, limits::BUTTONS_MIN..=limits::BUTTONS_MAX),
    )
        .prop_map(|(body, header, footer, buttons)| {
            let mut b = Interactive::buttons(body);
            if let Some(h) = header {
                b = b.header(h);
            }
            if let Some(f) = footer {
                b = b.footer(f);
            }
            // Distinct first characters make ids and titles unique without changing lengths.
            let mut buttons = buttons.into_iter().zip(['A', 'B', 'C']);
            let ((id, title), c) = buttons.next().expect("at least one button");
            let mut b = b.button(stamped(c, &id), stamped(c, &title));
            for ((id, title), c) in buttons {
                b = b.button(stamped(c, &id), stamped(c, &title));
            }
            b.build().expect("valid reply buttons").into()
        })
}

pub fn list() -> impl Strategy<Value = Interactive> {
    let row = (
        text_within(limits::ROW_ID_MAX),
        text_within(limits::ROW_TITLE_MAX),
        prop::option::of(text_within(limits::ROW_DESCRIPTION_MAX)),
    );
    let sections = prop::collection::vec(
        (text_within(limits::SECTION_TITLE_MAX), prop::collection::vec(row, 1..=3)),
        limits::SECTIONS_MIN..=limits::SECTIONS_MAX,
    );
    (
        text_within(limits::INTERACTIVE_BODY_MAX),
        text_within(limits::LIST_BUTTON_MAX),
        prop::option::of(text_within(limits::HEADER_TEXT_MAX)),
        prop::option::of(text_within(limits::FOOTER_TEXT_MAX)),
        sections,
        any::<bool>(),
    )
        .prop_map(|(body, button, header, footer, sections, untitled)| {
            let mut b = Interactive::list(body, button);
            if let Some(h) = header {
                b = b.header(h);
            }
            if let Some(f) = footer {
                b = b.footer(f);
            }
            let single = sections.len() == 1;
            let mut ids = "0123456789".chars();
            let mut built = Vec::new();
            for (title, rows) in sections {
                let mut section =
                    if single && untitled { ListSection::new() } else { ListSection::titled(title) };
                let mut any = false;
                for (id, title, description) in rows {
                    // At most ROWS_TOTAL_MAX rows in all; every section keeps at least one.
                    let Some(c) = ids.next() else { break };
                    let mut row = ListRow::new(stamped(c, &id), title);
                    if let Some(d) = description {
                        row = row.description(d);
                    }
                    section = section.row(row);
                    any = true;
                }
                if !any {
                    break;
                }
                built.push(section);
            }
            let mut built = built.into_iter();
            let mut b = b.section(built.next().expect("the first section has a row"));
            for s in built {
                b = b.section(s);
            }
            b.build().expect("a valid list").into()
        })
}

/// A valid template: any of header, body parameters (text, currency, date-time) and buttons.
pub fn template() -> impl Strategy<Value = Template> {
    let name = prop_oneof![
        3 => "[a-z0-9_]{1,40}",
        1 => len_within(limits::TEMPLATE_NAME_MAX).prop_map(|n| cycle_chars(&["a", "_", "9"], n)),
    ];
    let header = prop::option::of(prop_oneof![
        text_within(limits::TEMPLATE_HEADER_TEXT_MAX).prop_map(|text| Parameter::Text { text }),
        url().prop_map(|l| Parameter::Image { image: Image::new(l).expect("a valid image") }),
        url().prop_map(|l| Parameter::Video { video: Video::new(l).expect("a valid video") }),
        url().prop_map(|l| Parameter::Document {
            document: Document::new(l + ".pdf").expect("a valid document")
        }),
    ]);
    let body_parameter = |max: usize| {
        prop_oneof![
            3 => text_within(max).prop_map(|text| Parameter::Text { text }),
            1 => (short_text(), select(&["INR", "USD", "EUR", "JPY"][..]), any::<i64>()).prop_map(|(f, c, a)| {
                Parameter::Currency { currency: Currency::new(f, c, a).expect("a valid currency") }
            }),
            1 => (short_text(), prop::option::of((1..=7u8, 1..=12u8, 1..=31u8, 0..=23u8, 0..=59u8, any::<i32>())))
                .prop_map(|(f, parts)| {
                    let mut b = DateTime::builder(f);
                    if let Some((day, month, date, hour, minute, year)) = parts {
                        b = b.day_of_week(day).month(month).day_of_month(date).hour(hour).minute(minute).year(year);
                    }
                    Parameter::DateTime { date_time: b.build().expect("a valid date") }
                }),
        ]
    };
    let buttons = prop::collection::vec((any::<bool>(), short_text()), 0..=3);
    let alone = prop::option::of(body_parameter(limits::TEMPLATE_BODY_ALONE_MAX));
    (
        name,
        select(KNOWN_LANGUAGES),
        header,
        prop::collection::vec(body_parameter(limits::TEMPLATE_BODY_TEXT_MAX), 0..4),
        buttons,
        alone,
    )
        .prop_map(|(name, language, header, body, buttons, alone)| {
            let mut b = Template::builder(name, language);
            if header.is_none() && buttons.is_empty() && body.is_empty() {
                // The body as the only component: the 32768 limit.
                if let Some(p) = alone {
                    b = b.body(p);
                }
            }
            if let Some(h) = header {
                b = b.header(h);
            }
            for p in body {
                b = b.body(p);
            }
            for (i, (quick_reply, text)) in (0u8..).zip(buttons) {
                b = if quick_reply { b.quick_reply_button(i, text) } else { b.url_button(i, text) };
            }
            b.build().expect("a valid template")
        })
}

/// Valid content of every type.
pub fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        text().prop_map(Content::from),
        image().prop_map(Content::from),
        url().prop_map(|l| Content::from(Audio::new(l).expect("a valid audio"))),
        video().prop_map(Content::from),
        document().prop_map(Content::from),
        url().prop_map(|l| Content::from(Sticker::new(l).expect("a valid sticker"))),
        location().prop_map(Content::from),
        contacts().prop_map(Content::from),
        reply_buttons().prop_map(Content::from),
        list().prop_map(Content::from),
        template().prop_map(Content::from),
    ]
}

pub fn message() -> impl Strategy<Value = Message> {
    (phone(), phone(), content(), prop::option::of("\\PC{0,20}"), prop::option::of(url())).prop_map(
        |(from, to, content, custom_data, callback)| {
            let mut b = Message::builder(from, to, content);
            if let Some(c) = custom_data {
                b = b.custom_data(c);
            }
            if let Some(u) = callback {
                b = b.status_callback(u);
            }
            b.build().expect("a valid message")
        },
    )
}

pub fn request() -> impl Strategy<Value = Request> {
    (prop::collection::vec(message(), 1..4), prop::option::of("\\PC{0,20}"), prop::option::of(url()))
        .prop_map(|(messages, custom_data, callback)| {
            let mut b = Request::builder(messages);
            if let Some(c) = custom_data {
                b = b.custom_data(c.clone()).channel_custom_data(c);
            }
            if let Some(u) = callback {
                b = b.status_callback(u.clone()).channel_status_callback(u);
            }
            b.build().expect("a valid request")
        })
}

/// The configuration of every property: `cases` by default, or `PROPTEST_CASES` when set.
pub fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}
