//! JSON Schema (draft 2020-12) of the send request, for clients that cannot link this crate.
//!
//! Each checked type declares its schema here, from the same limits and rules the builders
//! enforce (`limits`, each text type's `RULE`). What JSON Schema cannot express (uniqueness of
//! ids, the 10-rows-in-total rule, the body limit that depends on the other components) is said
//! in `description`; [`check`](crate::check::check) enforces all of it.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::content::{
    Address, Audio, Contact, ContactPhone, ContactUrl, Contacts, Content, Document, Email, Image,
    Interactive, ListRow, Location, Name, Org, Sticker, Text, Video,
};
use crate::json::{Described, Fields};
use crate::limits::{
    BUTTONS_MAX, BUTTONS_MIN, CONTACTS_MIN, LATITUDE_MAX, LONGITUDE_MAX, MESSAGES_MAX, MESSAGES_MIN,
    PARAMETER_TEXT_SPACES_MAX, PHONE_DIGITS_MAX, PHONE_DIGITS_MIN, ROWS_TOTAL_MAX, SECTION_ROWS_MIN,
    SECTIONS_MAX, SECTIONS_MIN, TEMPLATE_BODY_ALONE_MAX, TEMPLATE_BODY_TEXT_MAX, TEMPLATE_HEADER_TEXT_MAX,
    TEMPLATE_NAME_MAX,
};
use crate::message::Message;
use crate::phone::PhoneNumber;
use crate::request::{Channel, Request};
use crate::template::{Currency, DateTime, LanguageDraft, Template};
use crate::text::{
    BodyText, ButtonId, ButtonTitle, Caption, FooterText, HeaderText, ListButton, RowDescription, RowId,
    RowTitle, SectionTitle, TextBody, TextRule,
};
use crate::url::Url;

/// The JSON Schema of a send request, as a JSON value.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// let schema = exotel_whatsapp::schema::request_schema();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["required"], serde_json::json!(["whatsapp"]));
/// ```
pub fn request_schema() -> Value {
    SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<Request>().to_value()
}

fn schema(v: Value) -> Schema {
    Schema::try_from(v).unwrap_or_default()
}

fn sub<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    g.subschema_for::<T>().to_value()
}

/// A closed object: `properties`, of which `required` are required, and nothing else.
fn object(properties: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let properties: Map<String, Value> = properties.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// The closed object of `T`'s wire object as the reader describes it: its fields, in order, each
/// with the schema `of` gives (`None` leaves a field out, for a variant that refuses it), and the
/// fields the reader requires. So the schema cannot list a field the reader does not know, nor
/// miss one it requires.
fn described<F: for<'de> Fields<'de> + Default>(mut of: impl FnMut(&'static str) -> Option<Value>) -> Value {
    let draft = F::default();
    let mut required = Vec::new();
    let mut properties = Vec::new();
    for (i, field) in <F as Fields<'_>>::FIELDS.iter().enumerate() {
        if let Some(schema) = of(field) {
            properties.push((*field, schema));
            if draft.is_required(i) {
                required.push(*field);
            }
        }
    }
    object(properties, &required)
}

/// [`described`] for a checked type.
fn object_of<T: Described>(of: impl FnMut(&'static str) -> Option<Value>) -> Value {
    described::<T::Fields>(of)
}

/// An array of `items`, `min` to `max` long (`max` of `usize::MAX` means unbounded).
fn array(items: Value, min: usize, max: usize) -> Value {
    let mut a = Map::new();
    a.insert("type".into(), "array".into());
    a.insert("items".into(), items);
    a.insert("minItems".into(), min.into());
    if max != usize::MAX {
        a.insert("maxItems".into(), max.into());
    }
    Value::Object(a)
}

/// The schema of text under `rule`.
fn text(rule: TextRule) -> Value {
    let mut s = json!({"type": "string"});
    if rule.max != usize::MAX {
        s["maxLength"] = rule.max.into();
    }
    if rule.no_edge_whitespace {
        s["pattern"] = r"^\S(?:[\s\S]*\S)?$".into();
    } else if rule.non_empty {
        s["pattern"] = r"\S".into();
    }
    if rule.non_empty {
        s["minLength"] = 1.into();
    }
    s
}

/// `{"type": tag, tag: payload}` plus `extra` properties: content, headers, parameters.
fn tagged(tag: &str, payload: Value, extra: Vec<(&str, Value)>) -> Value {
    let mut properties = vec![("type", json!({"const": tag})), (tag, payload)];
    properties.extend(extra);
    object(properties, &["type", tag])
}

fn with_description(mut v: Value, description: &str) -> Value {
    v["description"] = description.into();
    v
}

macro_rules! schema_impl {
    ($ty:ty, $name:expr, |$g:ident| $body:expr) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema($g: &mut SchemaGenerator) -> Schema {
                schema($body)
            }
        }
    };
}

macro_rules! text_schemas {
    ($($ty:ident),*) => {
        $(schema_impl!($ty, stringify!($ty), |_g| text($ty::RULE));)*
    };
}

text_schemas!(
    TextBody,
    Caption,
    HeaderText,
    BodyText,
    FooterText,
    ButtonId,
    ButtonTitle,
    ListButton,
    SectionTitle,
    RowId,
    RowTitle,
    RowDescription
);

schema_impl!(PhoneNumber, "PhoneNumber", |_g| json!({
    "type": "string",
    "pattern": format!(r"^\+?[1-9][0-9]{{{},{}}}$", PHONE_DIGITS_MIN - 1, PHONE_DIGITS_MAX - 1),
    "description": "E.164: an optional `+`, a country code not starting with 0, digits only",
}));

schema_impl!(Url, "Url", |_g| json!({
    "type": "string",
    "format": "uri",
    // Scheme, optional user info, a bracketed IP address or a host without the characters the
    // URL standard forbids in one, an optional port, then anything but whitespace.
    "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://(?:[^/?#\s@\\]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^/?#\s@\\<>^|%\[\]:]+)(?::[0-9]{1,5})?(?:[/?#]\S*)?$",
    "description": "an absolute http or https URL with a host",
}));

fn media(g: &mut SchemaGenerator, caption: bool, filename: bool) -> Value {
    object_of::<Image>(|field| {
        match field {
        "link" => Some(sub::<Url>(g)),
        "caption" => caption.then(|| sub::<Caption>(g)),
        // One character that is neither a separator nor whitespace, and no separator anywhere.
        _ => filename.then(|| {
            json!({"type": "string", "minLength": 1, "pattern": r"^[^/\\\u0000]*[^/\\\u0000\s][^/\\\u0000]*$"})
        }),
    }
    })
}

schema_impl!(Image, "Image", |g| media(g, true, false));
schema_impl!(Audio, "Audio", |g| media(g, false, false));
schema_impl!(Video, "Video", |g| media(g, true, false));
schema_impl!(Document, "Document", |g| media(g, true, true));
schema_impl!(Sticker, "Sticker", |g| media(g, false, false));

schema_impl!(Text, "Text", |g| object_of::<Text>(|field| Some(match field {
    "body" => sub::<TextBody>(g),
    _ => json!({"type": "boolean"}),
})));

fn coordinate(max: f64) -> Value {
    json!({"anyOf": [
        {"type": "number", "minimum": -max, "maximum": max},
        {"type": "string", "pattern": r"^[+-]?[0-9]+(\.[0-9]+)?$"},
    ], "description": format!("degrees from {} to {max}, as a decimal string or a number", -max)})
}

schema_impl!(Location, "Location", |_g| object_of::<Location>(|field| Some(match field {
    "latitude" => coordinate(LATITUDE_MAX),
    "longitude" => coordinate(LONGITUDE_MAX),
    _ => string(),
})));

fn string() -> Value {
    json!({"type": "string"})
}

/// An object of the reader's description `T` whose fields are all plain strings.
fn strings<T: Described>() -> Value {
    object_of::<T>(|_| Some(string()))
}

/// An object of the reader's description `T` whose fields are plain strings but `field`, which
/// is `schema`.
fn strings_but<T: Described>(field: &str, schema: &Value) -> Value {
    object_of::<T>(|f| Some(if f == field { schema.clone() } else { string() }))
}

schema_impl!(Contact, "Contact", |_g| {
    let parts = ["first_name", "last_name", "middle_name", "suffix", "prefix"];
    let mut name = strings_but::<Name>("formatted_name", &text(TextRule::non_empty(usize::MAX)));
    name["anyOf"] = parts.iter().map(|f| json!({"required": [f]})).collect();
    let address =
        strings_but::<Address>("country_code", &json!({"type": "string", "pattern": "^[A-Za-z]{2}$"}));
    // An unusual email address and a URL without a scheme are warnings, not errors: any string.
    let email = json!({"type": "string", "description": "an email address such as name@example.com"});
    let email = strings_but::<Email>("email", &email);
    let url = json!({"type": "string", "description": "an http or https URL; one without a scheme is only a warning"});
    let url = strings_but::<ContactUrl>("url", &url);
    object_of::<Contact>(|field| {
        Some(match field {
            "name" => name.clone(),
            "birthday" => json!({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
            "addresses" => array(address.clone(), 0, usize::MAX),
            "emails" => array(email.clone(), 0, usize::MAX),
            "phones" => array(strings::<ContactPhone>(), 0, usize::MAX),
            "urls" => array(url.clone(), 0, usize::MAX),
            _ => strings::<Org>(),
        })
    })
});

schema_impl!(Contacts, "Contacts", |g| array(sub::<Contact>(g), CONTACTS_MIN, usize::MAX));

fn text_object<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    object(vec![("text", sub::<T>(g))], &["text"])
}

schema_impl!(Interactive, "Interactive", |g| {
    let header = json!({"oneOf": [
        tagged("text", sub::<HeaderText>(g), vec![]),
        tagged("image", sub::<Image>(g), vec![]),
        tagged("video", sub::<Video>(g), vec![]),
        tagged("document", sub::<Document>(g), vec![]),
    ]});
    let (body, footer) = (text_object::<BodyText>(g), text_object::<FooterText>(g));
    let interactive = |kind: &str, header: Value, action: Value| {
        let parts =
            [("header", header), ("body", body.clone()), ("footer", footer.clone()), ("action", action)];
        let properties = [("type", json!({"const": kind}))].into_iter().chain(parts).collect();
        object(properties, &["type", "body", "action"])
    };
    let reply = object(vec![("id", sub::<ButtonId>(g)), ("title", sub::<ButtonTitle>(g))], &["id", "title"]);
    let buttons = with_description(
        array(tagged("reply", reply, vec![]), BUTTONS_MIN, BUTTONS_MAX),
        "ids and titles are unique within the message",
    );
    let buttons = interactive("button", header, object(vec![("buttons", buttons)], &["buttons"]));
    let row = object_of::<ListRow>(|field| {
        Some(match field {
            "id" => sub::<RowId>(g),
            "title" => sub::<RowTitle>(g),
            _ => sub::<RowDescription>(g),
        })
    });
    let section = object(
        vec![("title", sub::<SectionTitle>(g)), ("rows", array(row, SECTION_ROWS_MIN, ROWS_TOTAL_MAX))],
        &["rows"],
    );
    let sections = with_description(
        array(section, SECTIONS_MIN, SECTIONS_MAX),
        &format!(
            "at most {ROWS_TOTAL_MAX} rows in total across all sections; every section has a title when there \
             are several; row ids are unique within the message"
        ),
    );
    let action =
        object(vec![("button", sub::<ListButton>(g)), ("sections", sections)], &["button", "sections"]);
    let list = interactive("list", tagged("text", sub::<HeaderText>(g), vec![]), action);
    json!({"oneOf": [buttons, list]})
});

schema_impl!(Currency, "Currency", |_g| object_of::<Currency>(|field| Some(match field {
    "fallback_value" => text(TextRule::non_empty(usize::MAX)),
    "code" => json!({"type": "string", "pattern": "^[A-Z]{3}$", "description": "an ISO 4217 code"}),
    _ => json!({"type": "integer", "description": "the amount multiplied by 1000"}),
})));

schema_impl!(DateTime, "DateTime", |_g| {
    let int = |min: i64, max: i64| json!({"type": "integer", "minimum": min, "maximum": max});
    object_of::<DateTime>(|field| {
        Some(match field {
            "fallback_value" => text(TextRule::non_empty(usize::MAX)),
            "day_of_week" => int(1, 7),
            "year" => int(i32::MIN.into(), i32::MAX.into()),
            "month" => int(1, 12),
            "day_of_month" => int(1, 31),
            "hour" => int(0, 23),
            "minute" => int(0, 59),
            _ => json!({"enum": ["GREGORIAN", "SOLAR_HIJRI"]}),
        })
    })
});

/// A template's text parameter: the text rule, and no new line, tab or run of more than
/// [`PARAMETER_TEXT_SPACES_MAX`] spaces (META; rule `format`).
fn parameter_text(max: usize) -> Value {
    let mut s = text(TextRule::non_empty(max));
    s["not"] = json!({"pattern": format!("[\\n\\r\\t]| {{{}}}", PARAMETER_TEXT_SPACES_MAX + 1)});
    s
}

/// Media in a template: no caption (EX: "Captions not supported when used in a media template").
fn template_media(g: &mut SchemaGenerator, filename: bool) -> Value {
    media(g, false, filename)
}

schema_impl!(Template, "Template", |g| {
    let header_param = json!({"oneOf": [
        tagged("text", parameter_text(TEMPLATE_HEADER_TEXT_MAX), vec![]),
        tagged("image", template_media(g, false), vec![]),
        tagged("video", template_media(g, false), vec![]),
        tagged("document", template_media(g, true), vec![]),
    ]});
    let body_text = with_description(
        parameter_text(TEMPLATE_BODY_ALONE_MAX),
        &format!("at most {TEMPLATE_BODY_TEXT_MAX} characters unless the body is the only component"),
    );
    let body_param = json!({"oneOf": [
        tagged("text", body_text, vec![]),
        tagged("currency", sub::<Currency>(g), vec![]),
        tagged("date_time", sub::<DateTime>(g), vec![]),
    ]});
    let index = json!({"enum": ["0", "1", "2"], "description": "unique across button components"});
    // EX's Component Object: optional `text` and `footer` on every component; `parameters`
    // "Required when type=button" only.
    let component = |kind: &str, extra: Vec<(&'static str, Value)>, parameters: Value, required: &[&str]| {
        let mut properties = vec![
            ("type", json!({"const": kind})),
            ("text", json!({"type": "string"})),
            ("footer", json!({"type": "string"})),
            ("parameters", parameters),
        ];
        properties.extend(extra);
        object(properties, required)
    };
    let button = |sub_type: &str, param: Value| {
        component(
            "button",
            vec![("sub_type", json!({"const": sub_type})), ("index", index.clone())],
            array(param, 1, 1),
            &["type", "sub_type", "index", "parameters"],
        )
    };
    let component = json!({"oneOf": [
        component("header", vec![], array(header_param, 0, 1), &["type"]),
        component("body", vec![], array(body_param, 0, usize::MAX), &["type"]),
        button("quick_reply", tagged("payload", text(TextRule::non_empty(usize::MAX)), vec![])),
        button("url", tagged("text", parameter_text(usize::MAX), vec![])),
    ]});
    let language = described::<LanguageDraft>(|field| {
        Some(match field {
            "policy" => json!({"const": "deterministic"}),
            _ => json!({"type": "string", "pattern": "^[a-z]{2,3}(_[A-Z]{2})?$"}),
        })
    });
    object_of::<Template>(|field| {
        Some(match field {
            "name" => json!({"type": "string", "pattern": format!("^[a-z0-9_]{{1,{TEMPLATE_NAME_MAX}}}$")}),
            "namespace" => string(),
            "language" => language.clone(),
            _ => with_description(array(component.clone(), 0, usize::MAX), "at most one header and one body"),
        })
    })
});

schema_impl!(Content, "Content", |g| {
    let individual = || vec![("recipient_type", json!({"const": "individual"}))];
    json!({"oneOf": [
        tagged("text", sub::<Text>(g), individual()),
        tagged("image", sub::<Image>(g), individual()),
        tagged("audio", sub::<Audio>(g), individual()),
        tagged("video", sub::<Video>(g), individual()),
        tagged("document", sub::<Document>(g), individual()),
        tagged("sticker", sub::<Sticker>(g), individual()),
        tagged("location", sub::<Location>(g), individual()),
        tagged("contacts", sub::<Contacts>(g), individual()),
        tagged("interactive", sub::<Interactive>(g), individual()),
        tagged("template", sub::<Template>(g), individual()),
    ]})
});

/// `custom_data` and `status_callback`, at every level; `None` for any other field.
fn extras(field: &str, g: &mut SchemaGenerator) -> Option<Value> {
    match field {
        "custom_data" => Some(string()),
        "status_callback" => Some(sub::<Url>(g)),
        _ => None,
    }
}

schema_impl!(Message, "Message", |g| object_of::<Message>(|field| {
    extras(field, g)
        .or_else(|| Some(if field == "content" { sub::<Content>(g) } else { sub::<PhoneNumber>(g) }))
}));

schema_impl!(Channel, "Channel", |g| object_of::<Channel>(|field| {
    extras(field, g).or_else(|| Some(array(sub::<Message>(g), MESSAGES_MIN, MESSAGES_MAX)))
}));

schema_impl!(Request, "Request", |g| with_description(
    object_of::<Request>(|field| extras(field, g).or_else(|| Some(sub::<Channel>(g)))),
    "An Exotel WhatsApp send-messages request body"
));

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The schema is a published contract (`exotel-wa schema`), so a change to it must be
    /// deliberate: after one, write the new file with
    /// `UPDATE_SCHEMA=1 cargo test -p exotel-whatsapp-core --features schema committed`.
    #[test]
    fn the_schema_is_the_committed_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/request.schema.json");
        let schema = super::request_schema();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, serde_json::to_string_pretty(&schema).unwrap() + "\n").unwrap();
        }
        let committed: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(schema == committed, "the schema changed: see this test's doc to accept the change");
    }
}
