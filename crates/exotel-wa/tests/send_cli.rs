//! `exotel-wa send` end to end against a scripted HTTP server on 127.0.0.1.

#[path = "../../exotel-whatsapp-client/tests/support/server.rs"]
mod server;
mod support;

use std::process::Output;

use serde_json::{Value, json};
use server::{Action, Server, accepted, status};
use support::{lines, run_with_env, stdout};

const KEY: &str = "key-CLI-1b2c";
const TOKEN: &str = "tok-CLI-SECRET-77";

/// A request body of `n` text messages.
fn document(n: usize) -> Vec<u8> {
    let messages: Vec<Value> = (0..n)
        .map(|i| {
            json!({"from": "+919999999999", "to": format!("+9188888{i:05}"),
                "content": {"type": "text", "text": {"body": "ನಮಸ್ಕಾರ, order shipped"}}})
        })
        .collect();
    serde_json::to_vec(&json!({"whatsapp": {"messages": messages}})).unwrap()
}

fn env(server: &Server) -> Vec<(&'static str, String)> {
    vec![
        ("EXOTEL_API_KEY", KEY.into()),
        ("EXOTEL_API_TOKEN", TOKEN.into()),
        ("EXOTEL_ACCOUNT_SID", "acme1".into()),
        ("EXOTEL_BASE_URL", server.url()),
    ]
}

fn send(args: &[&str], stdin: &[u8], env: &[(&'static str, String)]) -> Output {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    let env: Vec<(&str, &str)> = env.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let output = run_with_env(&all, stdin, &env);
    let everything = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    assert!(!everything.contains(TOKEN) && !everything.contains(KEY), "a secret leaked: {everything}");
    output
}

fn statuses(output: &Output) -> Vec<String> {
    lines(output).iter().map(|line| line["status"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn accepted_messages_are_reported_with_their_sids_and_exit_0() {
    let server = Server::start(vec![accepted("s", 2)]);
    let output = send(&["--format", "json"], &document(2), &env(&server));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        lines(&output),
        [
            json!({"source": "-", "index": 0, "status": "accepted", "sid": "s0", "attempts": 1}),
            json!({"source": "-", "index": 1, "status": "accepted", "sid": "s1", "attempts": 1}),
        ]
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].head.starts_with("POST /v2/accounts/acme1/messages HTTP/1.1\r\n"), "{}", seen[0].head);
    assert!(seen[0].head.to_ascii_lowercase().contains("authorization: basic "));
    let body: Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body["whatsapp"]["messages"][1]["to"], "+918888800001");
    assert_eq!(body["whatsapp"]["messages"][1]["content"]["text"]["body"], "ನಮಸ್ಕಾರ, order shipped");
}

#[test]
fn a_message_refused_in_a_202_is_rejected_and_exits_1() {
    let body = r#"{"response": {"whatsapp": {"messages": [
        {"code": 202, "status": "success", "data": {"sid": "ok"}},
        {"code": 400, "status": "failure", "error_data": {"code": 400, "message": "Bad Request", "description": "to is not on WhatsApp"}}]}}}"#;
    let server = Server::start(vec![Action::Answer(202, Vec::new(), body.into())]);
    let output = send(&["--format", "json"], &document(2), &env(&server));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        lines(&output)[1],
        json!({"source": "-", "index": 1, "status": "rejected", "code": 400,
            "error": "Bad Request: to is not on WhatsApp", "attempts": 1})
    );
}

#[test]
fn an_invalid_document_is_not_sent_and_the_valid_ones_are() {
    let server = Server::start(vec![accepted("v", 1)]);
    let invalid = "examples/requests/invalid/many-violations-across-messages.json";
    let valid = "examples/requests/valid/text.json";
    let output = send(&["--format", "json", invalid, valid], b"", &env(&server));
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!(lines.len(), 5);
    assert!(lines[..4].iter().all(|line| line["status"] == "invalid" && line["attempts"] == 0));
    assert!(lines[1]["error"].as_str().unwrap().starts_with("/whatsapp/messages/1/"), "{}", lines[1]);
    assert_eq!(
        lines[4],
        json!({"source": valid, "index": 0, "status": "accepted", "sid": "v0", "attempts": 1})
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_document_of_more_than_100_messages_is_split_in_order() {
    let server = Server::start(vec![accepted("a", 100), accepted("b", 1)]);
    let output = send(&["--format", "json", "-"], &document(101), &env(&server));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let lines = lines(&output);
    assert_eq!(lines.len(), 101);
    assert_eq!((lines[99]["index"].clone(), lines[99]["sid"].clone()), (json!(99), json!("a99")));
    assert_eq!((lines[100]["index"].clone(), lines[100]["sid"].clone()), (json!(100), json!("b0")));
    let sizes: Vec<usize> = server
        .seen()
        .iter()
        .map(|seen| {
            serde_json::from_slice::<Value>(&seen.body).unwrap()["whatsapp"]["messages"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(sizes, [100, 1]);
}

#[test]
fn a_401_rejects_its_request_and_nothing_more_is_sent() {
    let server = Server::start(vec![status(401), accepted("never", 1)]);
    let (text, audio) = ("examples/requests/valid/text.json", "examples/requests/valid/audio.json");
    let output = send(&["--format", "json", text, audio], b"", &env(&server));
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!((lines[0]["status"].clone(), lines[0]["code"].clone()), (json!("rejected"), json!(401)));
    assert_eq!(lines[1]["status"], "not_sent");
    assert_eq!(lines[1]["attempts"], 0);
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_connection_lost_after_sending_is_ambiguous_and_not_resent() {
    let server = Server::start(vec![Action::Close, accepted("dup", 1)]);
    let output = send(&[], &document(1), &env(&server));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("- #0: ambiguous: "), "{text}");
    assert!(
        text.ends_with(
            "1 message in 1 request: 0 accepted, 0 rejected, 1 ambiguous, 0 invalid, 0 not sent\n"
        ),
        "{text}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_missing_variable_is_named_and_exits_2() {
    let server = Server::start(vec![]);
    for missing in ["EXOTEL_API_KEY", "EXOTEL_API_TOKEN", "EXOTEL_ACCOUNT_SID"] {
        let env: Vec<_> = env(&server).into_iter().filter(|(name, _)| *name != missing).collect();
        let output = send(&[], &document(1), &env);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&output.stderr), format!("exotel-wa: {missing} is not set\n"));
    }
    assert!(server.seen().is_empty());
}

#[test]
fn an_unreadable_input_exits_2_before_anything_is_sent() {
    let server = Server::start(vec![accepted("s", 1)]);
    let output = send(&["examples/requests/valid/text.json", "no/such/file.json"], b"", &env(&server));
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    assert!(server.seen().is_empty());
}

#[test]
fn a_plain_http_base_url_to_another_host_is_refused() {
    let server = Server::start(vec![]);
    let output = send(&["--base-url", "http://example.com"], &document(1), &env(&server));
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("plain http is allowed only to a loopback host"), "{error}");
}

#[test]
fn a_dry_run_prints_url_and_body_and_sends_nothing() {
    let server = Server::start(vec![accepted("s", 1)]);
    let output = send(&["--dry-run", "--format", "json"], &document(101), &env(&server));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(statuses(&output), ["valid", "valid"]);
    let first = &lines(&output)[0];
    assert_eq!(first["url"], format!("{}/v2/accounts/acme1/messages", server.url()));
    assert_eq!(first["body"]["whatsapp"]["messages"].as_array().unwrap().len(), 100);
    // Only the SID is needed.
    let sid_only = [("EXOTEL_ACCOUNT_SID", "acme1".to_owned())];
    let output = send(&["--dry-run"], &document(1), &sid_only);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "-: messages 0..=0 would be sent\nPOST https://api.exotel.com/v2/accounts/acme1/messages\n{"
        ),
        "{text}"
    );
    assert!(text.ends_with("dry run, nothing sent: 1 message: 1 valid in 1 request, 0 invalid\n"), "{text}");
    assert!(server.seen().is_empty());
}

#[test]
fn the_subdomain_variable_picks_the_cluster() {
    let env =
        [("EXOTEL_ACCOUNT_SID", "acme1".to_owned()), ("EXOTEL_SUBDOMAIN", "api.in.exotel.com".to_owned())];
    let output = send(&["--dry-run", "--format", "json"], &document(1), &env);
    assert_eq!(lines(&output)[0]["url"], "https://api.in.exotel.com/v2/accounts/acme1/messages");
}

#[test]
fn text_from_the_server_cannot_forge_report_lines() {
    let body = r#"{"response": {"whatsapp": {"messages": [{"code": 400, "status": "failure",
        "error_data": {"code": 400, "message": "Bad", "description": "\u001b[31mred\n- #1: accepted"}}]}}}"#;
    let server = Server::start(vec![Action::Answer(202, Vec::new(), body.into())]);
    let output = send(&[], &document(1), &env(&server));
    let text = stdout(&output);
    assert!(
        text.starts_with("- #0: rejected, code 400: Bad: \\u{1b}[31mred\\n- #1: accepted (1 attempt)\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2);
}

#[test]
fn a_document_over_the_size_cap_is_invalid_unread_and_not_sent() {
    let server = Server::start(vec![accepted("s", 1)]);
    let huge = vec![b' '; exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX + 1];
    let output = send(&["--format", "json"], &huge, &env(&server));
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!(
        (lines.len(), lines[0]["index"].clone(), lines[0]["status"].clone()),
        (1, Value::Null, json!("invalid"))
    );
    assert!(
        lines[0]["error"].as_str().unwrap().starts_with("(root): document is 4194305 bytes"),
        "{}",
        lines[0]
    );
    assert!(server.seen().is_empty());
}
