//! Edge cases of the rules that mutation testing (`cargo mutants`, see the README) showed no
//! other test pinned down: each test names the mutant it kills.

use exotel_whatsapp::check;
use exotel_whatsapp::content::{Interactive, Text};
use exotel_whatsapp::limits;
use exotel_whatsapp::phone::PhoneProblem;
use exotel_whatsapp::url::Url;
use exotel_whatsapp::{PhoneNumber, Problem};
use serde_json::json;

/// The errors of a request around `content`, as `pointer: message` lines.
fn errors(content: &serde_json::Value) -> Vec<String> {
    let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888", "content": content}]}});
    check::check(&serde_json::to_vec(&doc).unwrap()).errors().iter().map(ToString::to_string).collect()
}

#[test]
fn a_text_that_breaks_its_rule_is_not_also_a_duplicate() {
    // Kills `&&` → `||` in `TextFaults::is_ok`: a too-long id must not go on to the uniqueness
    // check, so two equal too-long ids are two `too_long`, not also a `duplicate`.
    let id = "x".repeat(limits::BUTTON_ID_MAX + 1);
    let err = Interactive::buttons("Body").button(id.clone(), "A").button(id, "B").build().unwrap_err();
    let found: Vec<String> = err.violations().iter().map(|v| v.rule().code().to_owned()).collect();
    assert_eq!(found, ["too_long", "too_long"], "{err}");
}

#[test]
fn characters_with_lead_byte_e0_decode_as_three_bytes() {
    // Kills `<` → `<=` on 0xE0 in `char_at`: U+0800 (E0 A0 80) decoded as two bytes reads as a
    // space and then runs past the end of the text.
    let samaritan = "\u{800}";
    assert_eq!(Text::new(samaritan).unwrap().body(), samaritan);
    Interactive::buttons("Body").button(format!("id{samaritan}"), "A").build().unwrap();
    Interactive::buttons("Body").button(format!("{samaritan}id"), "A").build().unwrap();
    let err = PhoneNumber::new(format!("+91{samaritan}")).unwrap_err();
    assert_eq!(
        err.violations()[0].problem(),
        &Problem::E164(PhoneProblem::NonDigit { position: 4, found: '\u{800}' })
    );
}

#[test]
fn hosts_starting_with_a_dot_or_holding_an_empty_label_are_refused() {
    // Kills `||` → `&&` in `check_url`'s host test.
    for url in ["https://.example.com/a", "https://example..com/a", "http://a../"] {
        let err = Url::new(url).unwrap_err();
        assert_eq!(err.to_string(), "(root): the URL has no host after `//`", "{url}");
    }
}

#[test]
fn two_body_components_keep_the_1024_limit() {
    // Kills `&&` → `||` in the "body is the only component" test: two body components are not
    // one body alone, so the 1024 limit holds (besides the duplicate).
    let long = "x".repeat(limits::TEMPLATE_BODY_TEXT_MAX + 1);
    let body = |text: &str| json!({"type": "body", "parameters": [{"type": "text", "text": text}]});
    let template = json!({"name": "t", "language": {"policy": "deterministic", "code": "en"},
        "components": [body("a"), body(&long)]});
    let found = errors(&json!({"type": "template", "template": template}));
    let at = "/whatsapp/messages/0/content/template/components/1";
    assert_eq!(
        found,
        [
            format!(
                "{at}/type: duplicates the value at {}/components/0/type; it must be unique",
                &at[..at.len() - 13]
            ),
            format!("{at}/parameters/0/text: is 1025 characters long; at most 1024 are allowed"),
        ]
    );
}

#[test]
fn every_kind_of_private_host_is_a_warning_and_a_public_one_is_not() {
    // Kills `||` → `&&` in `is_private_host`: each kind of host on its own earns the warning.
    let warnings = |link: &str| {
        let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "image", "image": {"link": link}}}]}});
        let report = check::check(&serde_json::to_vec(&doc).unwrap());
        assert!(report.is_valid(), "{link}: {:?}", report.errors());
        report.warnings().iter().map(|v| (v.pointer().to_string(), v.rule().code())).collect::<Vec<_>>()
    };
    let at = "/whatsapp/messages/0/content/image/link".to_owned();
    for link in [
        "https://[::1]/a.jpg",
        "https://192.168.1.4/a.jpg",
        "https://localhost/a.jpg",
        "https://intranet/a.jpg",
        "https://cdn.local/a.jpg",
        "https://box.internal/a.jpg",
        "https://nas.lan/a.jpg",
        "https://printer.home.arpa/a.jpg",
        "https://app.localhost/a.jpg",
        "https://10.1.2.3/a.jpg",
        "https://127.0.0.1:8443/a.jpg",
        "https://169.254.169.254/a.jpg",
        "https://[fd12::1]/a.jpg",
    ] {
        assert_eq!(warnings(link), [(at.clone(), "private_host")], "{link}");
    }
    // A public host, by name or by address, is fine (issue 11: public IPv4 hosts were warned).
    for public in
        ["https://cdn.example.com/a.jpg", "https://8.8.8.8/a.jpg", "https://[2606:4700::1111]/a.jpg"]
    {
        assert_eq!(warnings(public), [], "{public}");
    }
}

#[test]
fn a_birthday_needs_both_dashes() {
    // Kills `||` → `&&` in `calendar::is_date`'s shape test: one misplaced dash is enough to refuse.
    for birthday in ["1990x02-28", "1990-02x28", "1990-02-281", "1990-2-28"] {
        let contact = json!({"name": {"formatted_name": "Asha", "first_name": "Asha"}, "birthday": birthday});
        let found = errors(&json!({"type": "contacts", "contacts": [contact]}));
        assert_eq!(
            found,
            ["/whatsapp/messages/0/content/contacts/0/birthday: expected a real date as YYYY-MM-DD"],
            "{birthday}"
        );
    }
    let contact = json!({"name": {"formatted_name": "Asha", "first_name": "Asha"}, "birthday": "2024-02-29"});
    assert_eq!(errors(&json!({"type": "contacts", "contacts": [contact]})), Vec::<String>::new());
}

#[test]
fn a_name_with_only_formatted_name_is_refused_from_json() {
    // Kills `>` → `>=` in the contact reader's "a name part was mistyped" test.
    let contact = json!({"name": {"formatted_name": "Asha"}});
    assert_eq!(
        errors(&json!({"type": "contacts", "contacts": [contact]})),
        [
            "/whatsapp/messages/0/content/contacts/0/name: at least one of `first_name`, `last_name`, `middle_name`, `suffix`, `prefix` is required"
        ]
    );
}

#[test]
fn an_interactive_without_type_is_still_checked_by_its_action() {
    // Kills `!=` → `==` in the kind inferred from `action` when `type` is missing.
    let title = "t".repeat(limits::BUTTON_TITLE_MAX + 1);
    let interactive = json!({"body": {"text": "B"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "a", "title": title}}]}});
    let at = "/whatsapp/messages/0/content/interactive";
    assert_eq!(
        errors(&json!({"type": "interactive", "interactive": interactive})),
        [
            format!("{at}: `type` is required"),
            format!("{at}/action/buttons/0/reply/title: is 21 characters long; at most 20 are allowed"),
        ]
    );
    let list = json!({"body": {"text": "B"}, "action": {"button": "Open", "sections": [{"rows": []}]}});
    assert_eq!(
        errors(&json!({"type": "interactive", "interactive": list})),
        [
            format!("{at}: `type` is required"),
            format!("{at}/action/sections/0/rows: has 0 items; at least 1 are required")
        ]
    );
}

#[test]
fn address_without_name_warns_only_then() {
    // Kills `&&` → `||` in the location's address-without-name warning.
    let warnings = |location: serde_json::Value| {
        let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "location", "location": location}}]}});
        let report = check::check(&serde_json::to_vec(&doc).unwrap());
        assert!(report.is_valid());
        report.warnings().iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    let (lat, lon) = ("12.9", "77.5");
    assert_eq!(
        warnings(json!({"latitude": lat, "longitude": lon, "address": "MG Road"})),
        ["/whatsapp/messages/0/content/location/address: `address` is only displayed when `name` is present"]
    );
    assert_eq!(warnings(json!({"latitude": lat, "longitude": lon, "name": "Office"})), Vec::<String>::new());
    assert_eq!(
        warnings(json!({"latitude": lat, "longitude": lon, "name": "Office", "address": "MG Road"})),
        Vec::<String>::new()
    );
    assert_eq!(warnings(json!({"latitude": lat, "longitude": lon})), Vec::<String>::new());
}

#[test]
fn preview_url_warns_only_when_true_without_a_url() {
    // Kills `==` → `!=` and `&&` → `||` in the `preview_url` warning.
    let warnings = |text: serde_json::Value| {
        let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": text}}]}});
        let report = check::check(&serde_json::to_vec(&doc).unwrap());
        assert!(report.is_valid());
        report.warnings().iter().map(|v| v.pointer().to_string()).collect::<Vec<_>>()
    };
    let at = "/whatsapp/messages/0/content/text/preview_url";
    assert_eq!(warnings(json!({"body": "no link", "preview_url": true})), [at]);
    assert_eq!(warnings(json!({"body": "no link", "preview_url": false})), Vec::<String>::new());
    assert_eq!(warnings(json!({"body": "no link"})), Vec::<String>::new());
    assert_eq!(
        warnings(json!({"body": "see https://example.com/x", "preview_url": true})),
        Vec::<String>::new()
    );
    assert_eq!(
        warnings(json!({"body": "see https://example.com/x", "preview_url": false})),
        Vec::<String>::new()
    );
}

#[test]
fn characters_with_lead_byte_f0_decode_as_four_bytes() {
    // Kills `<` → `<=` on 0xF0 in `char_at`: U+1F44D (F0 9F 91 8D) read as three bytes is not 👍.
    for (number, found) in [("+91👍", '👍'), ("+9𝄞1", '𝄞')] {
        let err = PhoneNumber::new(number).unwrap_err();
        let position = number.chars().position(|c| c == found).unwrap() + 1;
        assert_eq!(err.violations()[0].problem(), &Problem::E164(PhoneProblem::NonDigit { position, found }));
    }
}

#[test]
fn a_template_button_index_past_2_is_range_from_the_builder_and_the_checker_alike() {
    use exotel_whatsapp::error::Rule;
    use exotel_whatsapp::template::Template;
    let built = Template::builder("order_update", "en").url_button(3, "x").build().unwrap_err();
    let from_builder: Vec<(String, Rule)> =
        built.violations().iter().map(|v| (v.pointer().to_string(), v.rule())).collect();
    assert_eq!(from_builder, [("/components/0/index".to_owned(), Rule::Range)]);

    let doc = json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+919876543210",
        "content": {"type": "template", "template": {"name": "order_update",
            "language": {"policy": "deterministic", "code": "en"},
            "components": [{"type": "button", "sub_type": "url", "index": "3",
                            "parameters": [{"type": "text", "text": "x"}]}]}}}]}});
    let report = check::check(doc.to_string().as_bytes());
    let from_checker: Vec<(String, Rule)> =
        report.errors().iter().map(|v| (v.pointer().to_string(), v.rule())).collect();
    let prefix = "/whatsapp/messages/0/content/template";
    assert_eq!(from_checker, [(format!("{prefix}/components/0/index"), Rule::Range)]);
}

#[test]
fn mistyped_button_parameters_are_a_type_error_only() {
    let template = json!({"type": "template", "template": {"name": "t", "language": {"policy": "deterministic", "code": "en"},
        "components": [{"type": "button", "sub_type": "url", "index": "0", "parameters": true}]}});
    assert_eq!(
        errors(&template),
        ["/whatsapp/messages/0/content/template/components/0/parameters: expected an array, found a boolean"]
    );
}

/// Issue 10, item 9: `Deserialize` and `check` agree on duplicate keys (both refuse them; serde
/// alone would keep the last one silently).
#[test]
fn deserialize_refuses_duplicate_keys_as_check_does() {
    let doc = r#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
        "content": {"type": "text", "text": {"body": "Hi", "body": ""}}}]}}"#;
    let report = check::check(doc.as_bytes());
    assert_eq!(report.errors().len(), 1);
    let found = report.errors()[0].to_string();
    assert_eq!(
        found,
        r#"/whatsapp/messages/0/content/text/body: key "body" appears more than once in this object"#
    );
    let err = serde_json::from_str::<exotel_whatsapp::Request>(doc).unwrap_err().to_string();
    assert!(err.contains(&found), "{err}");
    // Without the duplicate, both accept it.
    let once = doc.replace(r#", "body": """#, "");
    assert!(check::check(once.as_bytes()).is_valid());
    assert!(serde_json::from_str::<exotel_whatsapp::Request>(&once).is_ok());
}

/// Issue 10, item 9: `"amount_1000": -0` is zero (`serde_json` reads `-0` as a float).
#[test]
fn amount_minus_zero_is_zero() {
    let currency = |amount: &str| {
        let doc = format!(
            r#"{{"whatsapp": {{"messages": [{{"from": "+919999999999", "to": "+918888888888", "content": {{"type": "template",
            "template": {{"name": "t", "language": {{"policy": "deterministic", "code": "en"}}, "components": [{{"type": "body",
            "parameters": [{{"type": "currency", "currency": {{"fallback_value": "₹0", "code": "INR", "amount_1000": {amount}}}}}]}}]}}}}}}]}}}}"#
        );
        check::check(doc.as_bytes()).errors().iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    assert_eq!(currency("-0"), Vec::<String>::new());
    assert_eq!(currency("0"), Vec::<String>::new());
    assert_eq!(currency("-0.5").len(), 1, "not a whole number");
    assert_eq!(currency("-1"), Vec::<String>::new());
}
