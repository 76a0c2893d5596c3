//! `exotel-wa check`, run as a user would: exit status, both report formats, standard input,
//! directories, and the verdict on every request under `examples/requests/`.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::{Scratch, lines, root, run, stdout};

const VALID: &str = "examples/requests/valid";
const INVALID: &str = "examples/requests/invalid";

fn check(args: &[&str]) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    run(&all, b"")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

fn file(dir: &str, name: &str) -> String {
    format!("{dir}/{name}")
}

/// `(pointer, rule)` of each item of `line[key]`.
fn findings(line: &Value, key: &str) -> Vec<(String, String)> {
    line[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array in {line}"))
        .iter()
        .map(|item| (str_of(&item["pointer"]), str_of(&item["rule"])))
        .collect()
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_owned()
}

fn json_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|error| panic!("{dir}: {error}"))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Path::new(&name).extension().is_some_and(|e| e == "json").then_some(name)
        })
        .collect();
    names.sort();
    names
}

const TEXT: &[u8] = br#"{"whatsapp": {"messages": [{"from": "+919876543210", "to": "+918800123456",
    "content": {"type": "text", "text": {"body": "Hi Asha"}}}]}}"#;

// ---------------------------------------------------------------- exit status

#[test]
fn exit_0_when_every_document_is_valid_warnings_included() {
    let output = check(&[
        &file(VALID, "text.json"),
        &file(VALID, "warning-preview-without-url.json"),
        &file(VALID, "audio.json"),
    ]);
    assert_eq!(code(&output), Some(0), "{}", stdout(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn exit_1_when_any_document_is_invalid() {
    let output = check(&[&file(VALID, "text.json"), &file(INVALID, "caption-on-audio.json")]);
    assert_eq!(code(&output), Some(1));
    assert_eq!(stderr(&output), "");
}

#[test]
fn exit_1_for_input_that_is_not_json_with_rule_json_at_the_root() {
    let output = run(&["check", "--format", "json"], b"from=%2B919876543210&to=%2B918800123456");
    assert_eq!(code(&output), Some(1));
    let lines = lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(findings(&lines[0], "errors"), [(String::new(), "json".to_owned())]);
    let message = str_of(&lines[0]["errors"][0]["message"]);
    assert!(message.contains("line 1 column"), "{message}");
}

#[test]
fn exit_2_for_a_missing_path_even_beside_valid_documents() {
    let output =
        check(&["--format", "json", &file(VALID, "text.json"), "examples/requests/no-such-file.json"]);
    assert_eq!(code(&output), Some(2));
    assert!(stderr(&output).contains("examples/requests/no-such-file.json"), "{}", stderr(&output));
    // The readable document is still reported.
    let lines = lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"], file(VALID, "text.json"));
    assert_eq!(lines[0]["valid"], true);
}

#[test]
fn exit_2_for_a_missing_path_beats_an_invalid_document() {
    let output = check(&[&file(INVALID, "caption-on-audio.json"), "no-such-dir/x.json"]);
    assert_eq!(code(&output), Some(2));
}

#[test]
fn exit_2_for_usage_errors() {
    for args in [
        &["check", "--bogus", VALID][..],
        &["check", "--format", "xml", VALID],
        &["check", "--format"],
        &["frobnicate"],
        &[],
    ] {
        let output = run(args, b"");
        assert_eq!(code(&output), Some(2), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), "", "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
    }
}

// ---------------------------------------------------------------- --format json

#[test]
fn json_prints_one_object_per_document_in_order() {
    let sources =
        [file(VALID, "text.json"), file(INVALID, "four-reply-buttons.json"), file(VALID, "sticker.json")];
    let mut args = vec!["--format", "json"];
    args.extend(sources.iter().map(String::as_str));
    let output = check(&args);
    assert_eq!(code(&output), Some(1));
    let lines = lines(&output);
    let got: Vec<(Value, Value)> =
        lines.iter().map(|line| (line["source"].clone(), line["valid"].clone())).collect();
    let want: Vec<(Value, Value)> =
        sources.iter().zip([true, false, true]).map(|(s, v)| (s.as_str().into(), v.into())).collect();
    assert_eq!(got, want);
    for line in &lines {
        let keys: BTreeSet<&str> =
            line.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys, BTreeSet::from(["source", "valid", "errors", "warnings"]), "{line}");
    }
    assert_eq!(
        findings(&lines[1], "errors"),
        [("/whatsapp/messages/0/content/interactive/action/buttons".to_owned(), "too_many".to_owned())]
    );
    assert_eq!(lines[1]["errors"][0]["limit"], 3);
    assert_eq!(lines[1]["errors"][0]["actual"], 4);
    assert_eq!(lines[1]["errors"][0]["unit"], "items");
}

#[test]
fn json_length_errors_carry_limit_actual_and_unit_in_characters() {
    let output = check(&["--format", "json", &file(INVALID, "button-title-too-long-devanagari.json")]);
    let lines = lines(&output);
    let error = &lines[0]["errors"][0];
    assert_eq!(error["pointer"], "/whatsapp/messages/0/content/interactive/action/buttons/0/reply/title");
    assert_eq!(error["rule"], "too_long");
    assert_eq!((error["limit"].clone(), error["actual"].clone()), (20.into(), 21.into()));
    assert_eq!(error["unit"], "characters");
    assert!(error["message"].as_str().is_some_and(|m| m.contains("21")), "{error}");
}

#[test]
fn json_items_have_limit_actual_unit_exactly_when_a_count_applies() {
    let output = check(&["--format", "json", INVALID, VALID]);
    assert_eq!(code(&output), Some(1));
    let measured = ["too_long", "too_few", "too_many", "too_large"];
    let mut seen_measured = BTreeSet::new();
    for line in lines(&output) {
        for key in ["errors", "warnings"] {
            for item in line[key].as_array().into_iter().flatten() {
                let keys: BTreeSet<&str> =
                    item.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
                let rule = item["rule"].as_str().unwrap_or_default();
                assert!(
                    item["pointer"].is_string() && item["message"].as_str().is_some_and(|m| !m.is_empty())
                );
                if measured.contains(&rule) {
                    seen_measured.insert(rule.to_owned());
                    assert_eq!(
                        keys,
                        BTreeSet::from(["pointer", "rule", "message", "limit", "actual", "unit"]),
                        "{item}"
                    );
                    let (limit, actual) = (item["limit"].as_u64(), item["actual"].as_u64());
                    assert!(limit.is_some() && actual.is_some() && limit != actual, "{item}");
                    assert!(["characters", "items", "bytes"].contains(&item["unit"].as_str().unwrap_or("")));
                } else {
                    assert_eq!(keys, BTreeSet::from(["pointer", "rule", "message"]), "{item}");
                }
            }
        }
    }
    assert_eq!(seen_measured, BTreeSet::from(["too_long".into(), "too_few".into(), "too_many".into()]));
}

#[test]
fn json_too_large_input_is_counted_in_bytes() {
    let body = vec![b' '; 4 * 1024 * 1024 + 1];
    let output = run(&["check", "--format", "json"], &body);
    assert_eq!(code(&output), Some(1));
    let lines = lines(&output);
    let error = &lines[0]["errors"][0];
    assert_eq!((error["pointer"].as_str(), error["rule"].as_str()), (Some(""), Some("too_large")));
    assert_eq!((error["limit"].as_u64(), error["actual"].as_u64()), (Some(4_194_304), Some(4_194_305)));
    assert_eq!(error["unit"], "bytes");
}

#[test]
fn json_marks_a_truncated_report_after_1000_violations() {
    // 60 messages, each with 20 unknown fields and bad numbers: well over 1000 violations.
    let unknown: Vec<String> = (0..20).map(|i| format!(r#""x{i}": 1"#)).collect();
    let message = format!(r#"{{"from": "1", "to": "2", {}}}"#, unknown.join(", "));
    let body = format!(r#"{{"whatsapp": {{"messages": [{}]}}}}"#, vec![message; 60].join(", "));
    let output = run(&["check", "--format", "json", "-"], body.as_bytes());
    assert_eq!(code(&output), Some(1));
    let report = lines(&output);
    assert_eq!(report[0]["truncated"], true);
    assert_eq!(report[0]["errors"].as_array().map(Vec::len), Some(1000));

    let human = run(&["check"], body.as_bytes());
    assert!(stdout(&human).contains("\n  … more violations were found and left out\n"), "{}", stdout(&human));
    let short = check(&["--format", "json", &file(INVALID, "caption-on-audio.json")]);
    assert_eq!(lines(&short)[0].get("truncated"), None);
}

// ---------------------------------------------------------------- --format human

#[test]
fn human_prints_a_verdict_per_document_its_findings_and_a_summary() {
    let (a, b, c) = (
        file(VALID, "text.json"),
        file(INVALID, "caption-on-audio.json"),
        file(VALID, "warning-preview-without-url.json"),
    );
    for format in [&[][..], &["--format", "human"]] {
        let mut args = format.to_vec();
        args.extend([a.as_str(), b.as_str(), c.as_str()]);
        let output = check(&args);
        assert_eq!(code(&output), Some(1));
        let text = stdout(&output);
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got.len(), 6, "{text}");
        assert_eq!(got[0], format!("{a}: valid (0 errors, 0 warnings)"));
        assert_eq!(got[1], format!("{b}: invalid (1 error, 0 warnings)"));
        assert!(
            got[2].starts_with("  error[not_allowed] /whatsapp/messages/0/content/audio/caption: "),
            "{}",
            got[2]
        );
        assert_eq!(got[3], format!("{c}: valid (0 errors, 1 warning)"));
        assert!(
            got[4].starts_with("  warning[url] /whatsapp/messages/0/content/text/preview_url: "),
            "{}",
            got[4]
        );
        assert_eq!(got[5], "checked 3 documents: 2 valid, 1 invalid");
    }
}

#[test]
fn human_lists_errors_before_warnings_and_names_the_root() {
    let output = run(&["check"], b"[1, 2");
    assert_eq!(code(&output), Some(1));
    let text = stdout(&output);
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(got[0], "-: invalid (1 error, 0 warnings)");
    assert!(got[1].starts_with("  error[json] (root): "), "{}", got[1]);
    assert_eq!(got[2], "checked 1 document: 0 valid, 1 invalid");
    assert_eq!(got.len(), 3);

    let output = check(&[&file(INVALID, "many-violations-across-messages.json")]);
    let text = stdout(&output);
    assert!(text.starts_with(&format!(
        "{}: invalid (11 errors, 0 warnings)\n",
        file(INVALID, "many-violations-across-messages.json")
    )));
    assert_eq!(text.lines().filter(|l| l.starts_with("  error[")).count(), 11);
}

// ---------------------------------------------------------------- standard input

#[test]
fn stdin_is_read_for_dash_and_when_no_path_is_given() {
    for args in [&["check", "--format", "json", "-"][..], &["check", "--format", "json"]] {
        let output = run(args, TEXT);
        assert_eq!(code(&output), Some(0), "{args:?}");
        let lines = lines(&output);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["source"], "-");
        assert_eq!(lines[0]["valid"], true);
        assert_eq!(lines[0]["errors"], Value::Array(vec![]));
    }
    let output = run(&["check"], TEXT);
    assert_eq!(stdout(&output), "-: valid (0 errors, 0 warnings)\nchecked 1 document: 1 valid, 0 invalid\n");
}

#[test]
fn stdin_mixes_with_files_in_argument_order() {
    let invalid = br#"{"whatsapp": {"messages": [{"from": "919876543210", "to": "+918800123456",
        "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;
    let output = run(&["check", "--format", "json", &file(VALID, "audio.json"), "-"], invalid);
    assert_eq!(code(&output), Some(1));
    let lines = lines(&output);
    let sources: Vec<&Value> = lines.iter().map(|l| &l["source"]).collect();
    assert_eq!(sources, [&Value::from(file(VALID, "audio.json")), &Value::from("-")]);
    assert_eq!(findings(&lines[1], "errors"), [("/whatsapp/messages/0/from".to_owned(), "e164".to_owned())]);
}

// ---------------------------------------------------------------- directories

#[test]
fn a_directory_means_its_json_files_and_its_subdirectories_sorted_and_nothing_else() {
    let dir = Scratch::new("sorted");
    dir.write("b.json", TEXT);
    dir.write("a.json", b"not json");
    dir.write("c.json", TEXT);
    dir.write("notes.txt", b"not json either, but not a .json file");
    dir.write("d.json.bak", b"{");
    dir.write("nested/e.json", b"{");
    let output = check(&["--format", "json", dir.path()]);
    assert_eq!(code(&output), Some(1));
    let sources: Vec<String> = lines(&output).iter().map(|l| str_of(&l["source"])).collect();
    let want: Vec<String> = ["a.json", "b.json", "c.json", "nested/e.json"]
        .iter()
        .map(|n| dir.0.join(n).display().to_string())
        .collect();
    assert_eq!(sources, want);

    let human = check(&[dir.path()]);
    assert!(stdout(&human).ends_with("checked 4 documents: 2 valid, 2 invalid\n"), "{}", stdout(&human));
}

#[test]
fn a_directory_without_json_files_is_a_usage_error() {
    let dir = Scratch::new("empty");
    dir.write("notes.txt", b"nothing to check");
    let output = check(&[dir.path()]);
    assert_eq!(code(&output), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds no *.json file"));
}

#[test]
fn the_valid_examples_directory_passes_and_the_invalid_one_fails() {
    let valid = check(&[VALID]);
    assert_eq!(code(&valid), Some(0), "{}", stdout(&valid));
    let n = json_files(VALID).len();
    assert!(stdout(&valid).ends_with(&format!("checked {n} documents: {n} valid, 0 invalid\n")));

    let invalid = check(&[INVALID]);
    assert_eq!(code(&invalid), Some(1));
    let n = json_files(INVALID).len();
    assert!(stdout(&invalid).ends_with(&format!("checked {n} documents: 0 valid, {n} invalid\n")));
}

// ---------------------------------------------------------------- examples/requests

fn reports(dir: &str) -> BTreeMap<String, Value> {
    let output = check(&["--format", "json", dir]);
    lines(&output)
        .into_iter()
        .map(|line| {
            let source = str_of(&line["source"]);
            let name = source.rsplit('/').next().unwrap_or_default().to_owned();
            (name, line)
        })
        .collect()
}

#[test]
fn every_valid_example_is_valid_and_warns_only_when_named_so() {
    let reports = reports(VALID);
    assert_eq!(reports.keys().cloned().collect::<Vec<_>>(), json_files(VALID));
    assert!(reports.len() >= 15, "{} valid examples", reports.len());
    for (name, line) in &reports {
        assert_eq!(line["valid"], true, "{name}: {line}");
        assert_eq!(line["errors"], Value::Array(vec![]), "{name}");
        let warnings = findings(line, "warnings");
        assert_eq!(name.starts_with("warning-"), !warnings.is_empty(), "{name}: {warnings:?}");
    }
}

#[test]
fn the_warning_examples_warn_where_their_names_say() {
    let reports = reports(VALID);
    let m = "/whatsapp/messages/0/content";
    let table = [
        ("warning-preview-without-url.json", format!("{m}/text/preview_url"), "url"),
        ("warning-location-address-without-name.json", format!("{m}/location/address"), "required"),
        ("warning-media-link-private-ip.json", format!("{m}/image/link"), "url"),
        (
            "warning-template-document-not-pdf.json",
            format!("{m}/template/components/0/parameters/0/document"),
            "format",
        ),
    ];
    for (name, pointer, rule) in table {
        let line = reports.get(name).unwrap_or_else(|| panic!("{name} is missing"));
        assert_eq!(findings(line, "warnings"), [(pointer, rule.to_owned())], "{name}");
    }
}

/// `/whatsapp/messages/{i}` followed by `rest`.
fn m(i: usize, rest: &str) -> String {
    format!("/whatsapp/messages/{i}{rest}")
}

/// The first message's `/content` followed by `rest`.
fn c(rest: &str) -> String {
    format!("/whatsapp/messages/0/content{rest}")
}

const BUTTONS: &str = "/interactive/action/buttons";
const SECTIONS: &str = "/interactive/action/sections";
const COMPONENTS: &str = "/template/components";

/// What each invalid example must report: `(pointer, rule)` pairs that must all be among its errors.
fn expected_errors() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    [exotel_doc_errors(), content_errors(), template_errors(), envelope_errors()].concat()
}

/// Exotel's published examples.
fn exotel_doc_errors() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    vec![
        (
            "exotel-doc-send-text-example.json",
            vec![
                (m(0, "/from"), "e164"),
                (m(0, "/to"), "e164"),
                (m(1, ""), "required"),
                (m(1, "/Content"), "unknown_field"),
                (m(1, "/from"), "e164"),
                (m(1, "/to"), "e164"),
            ],
        ),
        ("exotel-doc-send-text-example-verbatim-nbsp.json", vec![(String::new(), "json")]),
        ("exotel-doc-send-image-example.json", vec![(m(0, "/from"), "e164"), (m(0, "/to"), "e164")]),
        ("exotel-doc-send-template-body-example.json", vec![(m(0, "/from"), "e164"), (m(0, "/to"), "e164")]),
        (
            "exotel-doc-send-template-image-header-example.json",
            vec![(m(0, "/from"), "e164"), (m(0, "/to"), "e164")],
        ),
    ]
}

/// Mistakes in media and interactive content.
fn content_errors() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    vec![
        ("unknown-field-recepient-type.json", vec![(c("/recepient_type"), "unknown_field")]),
        (
            "unknown-field-content-capitalized.json",
            vec![(m(0, "/Content"), "unknown_field"), (m(0, ""), "required")],
        ),
        ("caption-on-audio.json", vec![(c("/audio/caption"), "not_allowed")]),
        ("caption-on-sticker.json", vec![(c("/sticker/caption"), "not_allowed")]),
        ("filename-on-image.json", vec![(c("/image/filename"), "not_allowed")]),
        ("document-filename-with-path.json", vec![(c("/document/filename"), "format")]),
        ("media-link-relative.json", vec![(c("/image/link"), "url")]),
        ("media-link-missing.json", vec![(c("/video"), "required")]),
        ("four-reply-buttons.json", vec![(c(BUTTONS), "too_many")]),
        ("zero-reply-buttons.json", vec![(c(BUTTONS), "too_few")]),
        ("duplicate-button-titles.json", vec![(c(&format!("{BUTTONS}/1/reply/title")), "duplicate")]),
        ("button-title-too-long-devanagari.json", vec![(c(&format!("{BUTTONS}/0/reply/title")), "too_long")]),
        ("button-type-not-reply.json", vec![(c(&format!("{BUTTONS}/0/type")), "one_of")]),
        ("eleven-rows.json", vec![(c(SECTIONS), "too_many")]),
        ("duplicate-row-ids.json", vec![(c(&format!("{SECTIONS}/1/rows/0/id")), "duplicate")]),
        (
            "list-section-title-missing-with-two-sections.json",
            vec![(c(&format!("{SECTIONS}/1")), "required")],
        ),
        ("list-image-header.json", vec![(c("/interactive/header/type"), "not_allowed")]),
        ("list-row-title-too-long.json", vec![(c(&format!("{SECTIONS}/0/rows/0/title")), "too_long")]),
        ("row-id-trailing-space.json", vec![(c(&format!("{SECTIONS}/0/rows/0/id")), "whitespace")]),
        ("interactive-type-cta-url.json", vec![(c("/interactive/type"), "one_of")]),
    ]
}

/// Mistakes in templates.
fn template_errors() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    vec![
        (
            "template-header-text-61-chars.json",
            vec![(c(&format!("{COMPONENTS}/0/parameters/0/text")), "too_long")],
        ),
        ("template-button-index-3.json", vec![(c(&format!("{COMPONENTS}/0/index")), "range")]),
        ("template-button-index-number.json", vec![(c(&format!("{COMPONENTS}/0/index")), "type")]),
        ("template-button-index-duplicate.json", vec![(c(&format!("{COMPONENTS}/1/index")), "duplicate")]),
        (
            "template-button-sub-type-phone-number.json",
            vec![(c(&format!("{COMPONENTS}/0/sub_type")), "one_of")],
        ),
        ("template-name-uppercase.json", vec![(c("/template/name"), "format")]),
        ("template-language-policy-fallback.json", vec![(c("/template/language/policy"), "one_of")]),
        ("template-language-code-malformed.json", vec![(c("/template/language/code"), "format")]),
        (
            "template-currency-amount-float.json",
            vec![(c(&format!("{COMPONENTS}/0/parameters/0/currency/amount_1000")), "format")],
        ),
        (
            "template-currency-code-unknown.json",
            vec![(c(&format!("{COMPONENTS}/0/parameters/0/currency/code")), "format")],
        ),
        (
            "template-image-caption.json",
            vec![(c(&format!("{COMPONENTS}/0/parameters/0/image/caption")), "not_allowed")],
        ),
        ("template-sub-type-on-body.json", vec![(c(&format!("{COMPONENTS}/0/sub_type")), "not_allowed")]),
        ("template-two-headers.json", vec![(c(&format!("{COMPONENTS}/1/type")), "duplicate")]),
        ("template-components-missing.json", vec![(c("/template"), "required")]),
    ]
}

/// Mistakes in the JSON itself, the envelope, numbers and the other content types.
fn envelope_errors() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    vec![
        ("duplicate-json-key.json", vec![(m(0, "/to"), "duplicate_key")]),
        ("not-json-form-encoded.json", vec![(String::new(), "json")]),
        ("not-json-trailing-comma.json", vec![(String::new(), "json")]),
        ("type-mismatch-preview-url-string.json", vec![(c("/text/preview_url"), "type")]),
        ("type-mismatch-to-number.json", vec![(m(0, "/to"), "type")]),
        ("missing-whatsapp.json", vec![(String::new(), "required")]),
        ("messages-empty.json", vec![("/whatsapp/messages".to_owned(), "too_few")]),
        ("too-many-messages-101.json", vec![("/whatsapp/messages".to_owned(), "too_many")]),
        ("phone-without-plus.json", vec![(m(0, "/from"), "e164")]),
        ("phone-with-spaces.json", vec![(m(0, "/to"), "e164")]),
        ("phone-double-plus.json", vec![(m(0, "/to"), "e164")]),
        ("text-body-empty.json", vec![(c("/text/body"), "empty")]),
        ("text-body-whitespace-only.json", vec![(c("/text/body"), "empty")]),
        ("text-body-4097-chars.json", vec![(c("/text/body"), "too_long")]),
        ("content-type-missing.json", vec![(c(""), "required")]),
        ("content-type-unknown.json", vec![(c("/type"), "one_of")]),
        ("content-payload-key-missing.json", vec![(c(""), "required"), (c("/text"), "not_allowed")]),
        ("content-two-payloads.json", vec![(c("/image"), "not_allowed")]),
        ("recipient-type-group.json", vec![(c("/recipient_type"), "one_of")]),
        (
            "status-callback-not-url.json",
            vec![("/status_callback".to_owned(), "url"), (m(0, "/status_callback"), "url")],
        ),
        ("location-latitude-out-of-range.json", vec![(c("/location/latitude"), "range")]),
        ("contacts-birthday-not-a-date.json", vec![(c("/contacts/0/birthday"), "format")]),
        ("contacts-name-only-formatted.json", vec![(c("/contacts/0/name"), "required")]),
        ("contacts-empty-array.json", vec![(c("/contacts"), "too_few")]),
        (
            "many-violations-across-messages.json",
            vec![
                (m(0, "/content/text/body"), "empty"),
                (m(0, "/from"), "e164"),
                (m(1, "/content/audio/link"), "url"),
                (m(1, "/content/audio/caption"), "not_allowed"),
                (m(1, "/to"), "e164"),
                (m(2, &format!("/content{BUTTONS}")), "too_many"),
                (m(2, &format!("/content{BUTTONS}/1/reply/title")), "duplicate"),
                (m(2, &format!("/content{BUTTONS}/2/reply/title")), "duplicate"),
                (m(2, &format!("/content{BUTTONS}/3/reply/title")), "duplicate"),
                (m(3, ""), "required"),
                (m(3, "/Content"), "unknown_field"),
            ],
        ),
    ]
}

#[test]
fn every_invalid_example_is_invalid_with_the_errors_its_name_says() {
    let reports = reports(INVALID);
    let table = expected_errors();
    let named: BTreeSet<&str> = table.iter().map(|(name, _)| *name).collect();
    let files = json_files(INVALID);
    let on_disk: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(named, on_disk, "the table and examples/requests/invalid/ list different files");
    assert_eq!(named.len(), table.len(), "a file appears twice in the table");
    for (name, expected) in table {
        let line = reports.get(name).unwrap_or_else(|| panic!("no report for {name}"));
        assert_eq!(line["valid"], false, "{name}");
        let errors = findings(line, "errors");
        for (pointer, rule) in expected {
            assert!(
                errors.contains(&(pointer.clone(), rule.to_owned())),
                "{name}: expected {rule} at {pointer:?} among {errors:?}"
            );
        }
    }
}

/// Files whose errors are exactly the expected ones: nothing reported twice or spuriously.
#[test]
fn single_mistake_examples_report_nothing_else() {
    let reports = reports(INVALID);
    let exact = [
        "exotel-doc-send-text-example.json",
        "exotel-doc-send-image-example.json",
        "exotel-doc-send-template-body-example.json",
        "exotel-doc-send-template-image-header-example.json",
        "unknown-field-recepient-type.json",
        "caption-on-audio.json",
        "four-reply-buttons.json",
        "eleven-rows.json",
        "duplicate-row-ids.json",
        "button-title-too-long-devanagari.json",
        "template-header-text-61-chars.json",
        "template-button-index-3.json",
        "template-button-index-number.json",
        "template-button-sub-type-phone-number.json",
        "duplicate-json-key.json",
        "type-mismatch-preview-url-string.json",
        "type-mismatch-to-number.json",
        "missing-whatsapp.json",
        "too-many-messages-101.json",
        "many-violations-across-messages.json",
    ];
    let table: BTreeMap<&str, Vec<(String, &str)>> = expected_errors().into_iter().collect();
    for name in exact {
        let mut want: Vec<(String, String)> =
            table[name].iter().map(|(p, r)| (p.clone(), (*r).to_owned())).collect();
        let mut got = findings(&reports[name], "errors");
        want.sort();
        got.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn exotel_doc_text_example_explains_each_published_mistake() {
    let output = check(&["--format", "json", &file(INVALID, "exotel-doc-send-text-example.json")]);
    let lines = lines(&output);
    let message = |pointer: &str| -> String {
        lines[0]["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["pointer"] == pointer)
            .map_or_else(|| panic!("no error at {pointer}"), |e| str_of(&e["message"]))
    };
    assert!(message("/whatsapp/messages/0/to").contains("++"), "{}", message("/whatsapp/messages/0/to"));
    assert!(message("/whatsapp/messages/0/from").contains("'X'"));
    assert!(message("/whatsapp/messages/1/Content").contains("did you mean \"content\""));
}
