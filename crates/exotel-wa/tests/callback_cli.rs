//! `exotel-wa callback`: the JSON lines it prints and its exit status, run as a user would.

mod support;

use std::path::PathBuf;
use std::process::Output;

use serde_json::{Value, json};
use support::{run, stdout};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/callbacks").join(name)
}

fn run_file(name: &str) -> Output {
    let path = fixture(name);
    run(&["callback", path.to_str().unwrap_or_default()], b"")
}

/// The JSON lines of a run that must have succeeded.
fn lines(output: &Output) -> Vec<Value> {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    support::lines(output)
}

#[test]
fn status_event_line_is_exactly_the_contract() {
    let output = run_file("spec-dlr.json");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        concat!(
            r#"{"kind":"status","sid":"1234","to":"2365564965","code":25001,"#,
            r#""name":"EX_MESSAGE_DELIVERED","state":"delivered","custom_data":"custom","#,
            r#""timestamp":"2022-12-07T17:00:00.000+05:30"}"#,
            "\n"
        )
    );
}

#[test]
fn status_lines_keep_custom_data_as_received() {
    let lines = lines(&run_file("dlr-observed-variants.json"));
    let summary: Vec<_> = lines
        .iter()
        .map(|line| (line["state"].clone(), line["custom_data"].clone(), line["name"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (json!("seen"), json!({"order_id": 12, "note": "object, not string"}), json!("EX_MESSAGE_SEEN")),
            (
                json!("failed"),
                json!("{\"order_id\":13,\"note\":\"json in a string\"}"),
                json!("EX_RATE_LIMIT_HIT")
            ),
            (json!("unknown"), Value::Null, json!("EX_SOMETHING_NEW")),
        ]
    );
    assert_eq!(lines.first().map(|line| line["code"].clone()), Some(json!(30003)));
}

#[test]
fn incoming_lines_have_only_the_keys_that_apply() {
    let lines = lines(&run_file("icm-observed-variants.json"));
    let keys: Vec<Vec<&str>> = lines
        .iter()
        .map(|line| {
            let mut keys: Vec<&str> =
                line.as_object().map(|map| map.keys().map(String::as_str).collect()).unwrap_or_default();
            keys.sort_unstable();
            keys
        })
        .collect();
    let common = ["content_type", "from", "kind", "profile_name", "timestamp", "to"];
    let with = |extra: &'static str| {
        let mut keys = common.to_vec();
        keys.push(extra);
        keys.sort_unstable();
        keys
    };
    assert_eq!(
        keys,
        [
            with("url"),
            with("url"),
            with("url"),
            with("reply_id"),
            with("reply_id"),
            with("reply_id"),
            common.to_vec()
        ]
    );
    let replies: Vec<_> = lines.iter().filter_map(|line| line.get("reply_id")).collect();
    assert_eq!(replies, [&json!("confirm"), &json!("size_large"), &json!("stop_promotions")]);
    assert_eq!(lines.first().map(|line| line["kind"].clone()), Some(json!("incoming")));
}

#[test]
fn text_from_standard_input() {
    let body = std::fs::read(fixture("spec-icm-text.json")).unwrap_or_default();
    for args in [&["callback"][..], &["callback", "-"][..]] {
        let output = run(args, &body);
        assert_eq!(
            stdout(&output),
            concat!(
                r#"{"kind":"incoming","from":"1234","to":"5698","profile_name":"John","#,
                r#""content_type":"text","text":"This is a text message from Whatsapp","#,
                r#""timestamp":"1235654654"}"#,
                "\n"
            )
        );
    }
}

#[test]
fn form_data_and_unknown_events() {
    let form = lines(&run_file("form-flat-dlr.txt"));
    assert_eq!(form.len(), 1);
    assert_eq!(form.first().map(|line| line["state"].clone()), Some(json!("delivered")));

    let unknown = lines(&run_file("unknown-types.json"));
    let kinds: Vec<_> = unknown.iter().map(|line| line["kind"].clone()).collect();
    assert_eq!(
        kinds,
        [json!("unknown"), json!("incoming"), json!("unknown"), json!("unknown"), json!("unknown")]
    );
    assert_eq!(unknown.get(3), Some(&json!({"kind": "unknown", "raw": "not an object"})));
}

#[test]
fn not_a_callback_exits_1() {
    for body in [&b"hello"[..], b"{}", b"{\"whatsapp\": {\"messages\": 3}}", b"a=b"] {
        let output = run(&["callback"], body);
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(body));
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("not a callback"));
    }
}

#[test]
fn usage_errors_exit_2() {
    let missing = fixture("no-such-file.json");
    for args in [
        &["callback", "a.json", "b.json"][..],
        &["callback", "--no-such-flag"][..],
        &["no-such-command"][..],
        &[][..],
        &["callback", missing.to_str().unwrap_or_default()][..],
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_send_request_is_not_a_callback() {
    let output = run(&["callback", "examples/requests/valid/text.json"], b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a callback body (a send request?)"), "{stderr}");
}
