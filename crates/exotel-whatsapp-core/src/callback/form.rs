//! `application/x-www-form-urlencoded` callback bodies, turned into the JSON a JSON body would
//! have been.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::pruned::{Key, raw_field};

/// Keys with more segments than this are taken literally, which bounds the nesting (and the
/// recursion) a hostile body can cause.
const MAX_KEY_SEGMENTS: usize = 16;

/// The fields of a form body as they nest: text at the leaves.
///
/// Our own small tree rather than a `serde_json::Value`: it costs the same whatever features
/// `serde_json` was built with, and it is written out as JSON text directly.
enum Field {
    Text(String),
    Fields(BTreeMap<String, Field>),
}

/// Decodes form data into the JSON text of an object; `None` when the body has no `key=value`
/// pair.
///
/// Bracketed keys nest (`whatsapp[messages][0][sid]`), and objects whose keys are all indices
/// become arrays. When no `whatsapp` field results, a field holding a JSON body with one is used,
/// and failing that, a body with a `callback_type` is taken as one event.
pub(super) fn decode(body: &[u8]) -> Option<String> {
    let mut root = BTreeMap::new();
    // A part without `=` is not a pair; each other part is one `key=value`, which
    // `form_urlencoded` decodes: `+` is a space, `%XX` a byte (a `%` without two hex digits stays
    // as it is), and invalid UTF-8 becomes U+FFFD.
    for pair in body.split(|&byte| byte == b'&').filter(|pair| pair.contains(&b'=')) {
        for (key, value) in form_urlencoded::parse(pair) {
            insert(&mut root, &segments(&key), value.into_owned());
        }
    }
    // Each pair sets a field of the root.
    if root.is_empty() {
        return None;
    }
    let whatsapp = root.contains_key("whatsapp");
    let embedded = root.values().find_map(|field| match field {
        Field::Text(text) if !whatsapp && raw_field(text, Key::Whatsapp).is_some() => Some(text.clone()),
        _ => None,
    });
    let one_event = !whatsapp && root.contains_key("callback_type");
    // Writing our tree to a `String` cannot fail.
    let json = || serde_json::to_string(&Field::Fields(root)).unwrap_or_default();
    Some(match embedded {
        Some(body) => body,
        None if one_event => format!(r#"{{"whatsapp":{{"messages":[{}]}}}}"#, json()),
        None => json(),
    })
}

/// `a[b][0]` is `["a", "b", "0"]`; a key that is not well formed is one literal segment.
fn segments(key: &str) -> Vec<&str> {
    let bracketed = key.split_once('[').and_then(|(head, rest)| Some((head, rest.strip_suffix(']')?)));
    if let Some((head, inner)) = bracketed {
        // Well formed when every `]` inside ends a segment, before `[` opens the next.
        let segments: Vec<&str> = std::iter::once(head).chain(inner.split("][")).collect();
        let well_formed = !segments.iter().skip(1).any(|segment| segment.contains(']'));
        if segments.len() <= MAX_KEY_SEGMENTS && well_formed {
            return segments;
        }
    }
    vec![key]
}

/// Sets `path` in `node`; an empty segment (`a[]`) appends. A later value replaces an earlier one
/// at the same place, whatever its kind.
fn insert(node: &mut BTreeMap<String, Field>, path: &[&str], value: String) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = if first.is_empty() { node.len().to_string() } else { (*first).to_owned() };
    if rest.is_empty() {
        node.insert(key, Field::Text(value));
        return;
    }
    let child = node.entry(key).or_insert_with(|| Field::Fields(BTreeMap::new()));
    if let Field::Text(_) = child {
        *child = Field::Fields(BTreeMap::new());
    }
    if let Field::Fields(child) = child {
        insert(child, rest, value);
    }
}

/// Objects whose keys are all indices become arrays, in index order.
impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = match self {
            Self::Text(text) => return serializer.serialize_str(text),
            Self::Fields(fields) => fields,
        };
        let indices: Option<Vec<(usize, &Field)>> =
            fields.iter().map(|(key, field)| Some((key.parse().ok()?, field))).collect();
        match indices {
            Some(mut items) if !items.is_empty() => {
                items.sort_by_key(|(index, _)| *index);
                serializer.collect_seq(items.into_iter().map(|(_, item)| item))
            }
            _ => serializer.collect_map(fields),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn decoded(body: &[u8]) -> Option<Value> {
        decode(body).map(|text| serde_json::from_str(&text).expect("JSON text"))
    }

    #[test]
    fn percent_decoding() {
        let value = |encoded: &str| decoded(format!("v={encoded}").as_bytes()).map(|v| v["v"].clone());
        assert_eq!(value("a+b%20c%2Bd"), Some(json!("a b c+d")));
        assert_eq!(value("100%"), Some(json!("100%")));
        assert_eq!(value("%zz%4"), Some(json!("%zz%4")));
        assert_eq!(value("%E2%9C%93"), Some(json!("\u{2713}")));
        assert_eq!(value("%FF"), Some(json!("\u{fffd}")));
        assert_eq!(decoded(b"a%5Bb%5D=1&%3D=2"), Some(json!({"a": {"b": "1"}, "=": "2"})));
    }

    #[test]
    fn bracketed_keys_nest() {
        assert_eq!(segments("a[b][0]"), ["a", "b", "0"]);
        assert_eq!(segments("a[]"), ["a", ""]);
        assert_eq!(segments("a[b"), ["a[b"]);
        assert_eq!(segments("a[b]c"), ["a[b]c"]);
        let deep = format!("a{}", "[x]".repeat(MAX_KEY_SEGMENTS));
        assert_eq!(segments(&deep), [deep.as_str()]);
        let body = b"whatsapp[messages][1][sid]=b&whatsapp[messages][0][sid]=a&x[]=1&x[]=2";
        assert_eq!(
            decoded(body),
            Some(json!({"whatsapp": {"messages": [{"sid": "a"}, {"sid": "b"}]}, "x": ["1", "2"]}))
        );
    }

    #[test]
    fn flat_event_and_embedded_json() {
        assert_eq!(
            decoded(b"callback_type=dlr&sid=1"),
            Some(json!({"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "1"}]}}))
        );
        assert_eq!(decoded(b"payload=%7B%22whatsapp%22%3A%7B%7D%7D"), Some(json!({"whatsapp": {}})));
        assert_eq!(decoded(b"payload=%7B%22other%22%3A1%7D"), Some(json!({"payload": "{\"other\":1}"})));
        assert_eq!(decoded(b"a[0]=x&a[1][b]=y"), Some(json!({"a": ["x", {"b": "y"}]})));
        assert_eq!(
            decoded(b"a=1&a[b]=2"),
            Some(json!({"a": {"b": "2"}})),
            "a later value replaces an earlier one"
        );
        assert_eq!(decode(b"no pairs here"), None);
        assert_eq!(decode(b""), None);
    }
}
