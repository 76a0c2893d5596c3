//! `exotel-wa demo`, run as a user would: the examples through the client to the sandbox and
//! their reports back through the webhook router, with the same output on every run.

mod support;

use std::process::Output;

use support::{Scratch, root, run, stdout};

fn demo(args: &[&str]) -> Output {
    let mut all = vec!["demo"];
    all.extend_from_slice(args);
    run(&all, b"")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const MAGIC: &str = "examples/requests/valid/sandbox-magic-numbers.json";

#[test]
fn every_example_reaches_a_final_state_and_the_output_repeats() {
    // The bound: a report that does not come ends the run with status 1.
    let output = demo(&["--timeout", "20"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();

    let documents = std::fs::read_dir(root().join("examples/requests/valid")).unwrap().count();
    assert_eq!(lines[0], format!("Sending {documents} document(s) to the sandbox:"));
    let split = lines.iter().position(|line| line.starts_with("Delivery reports")).expect("the reports");
    let (outcomes, reports) = (&lines[1..split], &lines[split + 1..lines.len() - 1]);

    // Each accepted message has one report line, in the order sent.
    let accepted: Vec<&str> = outcomes
        .iter()
        .filter(|line| line.contains(": accepted, sid "))
        .map(|line| line.split(" to ").next().unwrap())
        .collect();
    let reported: Vec<&str> = reports.iter().map(|line| line.split(": ").next().unwrap()).collect();
    assert_eq!(accepted, reported);
    assert!(outcomes.iter().all(|line| line.contains(": accepted, sid ") || line.starts_with(MAGIC)));

    // The magic numbers, as the sandbox's README documents them.
    let rejected = format!("{MAGIC} #1 to +919999900001: rejected, code 400: ");
    assert!(outcomes.iter().any(|line| line.starts_with(&rejected)), "{text}");
    for expected in [
        format!(r#"{MAGIC} #0: sent → delivered → seen [custom_data "order-4521"]"#),
        format!(r#"{MAGIC} #2: failed (30005 EX_NUMBER_ERROR) [custom_data "sandbox-fails"]"#),
        format!(r#"{MAGIC} #3: sent (no further report) [custom_data "sandbox-never-delivers"]"#),
    ] {
        assert!(reports.contains(&expected.as_str()), "{expected}\n{text}");
    }
    // Every other message is seen, and `custom_data` comes back as sent (message, else channel).
    let envelope = "examples/requests/valid/envelope-custom-data-and-callbacks.json";
    assert!(reports.contains(
        &format!(r#"{envelope} #0: sent → delivered → seen [custom_data "customer-1001"]"#).as_str()
    ));
    assert!(reports.contains(
        &format!(r#"{envelope} #2: sent → delivered → seen [custom_data "channel-whatsapp"]"#).as_str()
    ));
    let seen = reports.iter().filter(|line| line.contains(": sent → delivered → seen")).count();
    let total = outcomes.len();
    assert_eq!(
        lines.last().copied(),
        Some(
            format!(
                "{total} message(s): {} accepted ({seen} seen, 0 delivered, 1 failed, 1 sent and never delivered, 0 without reports), 1 rejected, 0 ambiguous, 0 not sent, 0 invalid; every message reached a final state",
                total - 1
            )
            .as_str()
        )
    );
    assert_eq!(seen, total - 3);

    // The same seed gives the same sids, so the same output.
    let again = demo(&["--timeout", "20"]);
    assert_eq!(stdout(&again), text);
    // The addresses, which change, are on standard error; the token never is.
    assert!(stderr(&output).contains("callbacks/<token>"), "{}", stderr(&output));
}

#[test]
fn invalid_documents_are_reported_and_not_sent() {
    let scratch = Scratch::new("demo-invalid");
    scratch.write("a-invalid.json", br#"{"whatsapp": {"messages": [{"from": "+919876543210", "to": "+91-98", "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#);
    scratch.write("b-valid.json", r#"{"whatsapp": {"messages": [{"from": "+919876543210", "to": "+919812345678", "content": {"type": "text", "text": {"body": "नमस्ते"}}}]}}"#.as_bytes());
    let output = demo(&["--timeout", "20", scratch.path()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[1].starts_with(&format!(
            "{}/a-invalid.json #0: invalid, not sent: /whatsapp/messages/0/to: ",
            scratch.path()
        )),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!("{}/b-valid.json #0 to +919812345678: accepted, sid ", scratch.path())),
        "{text}"
    );
    assert_eq!(lines[4], format!("{}/b-valid.json #0: sent → delivered → seen", scratch.path()));
    assert!(lines[5].starts_with("2 message(s): 1 accepted (1 seen, "), "{text}");
    assert!(lines[5].ends_with(", 1 invalid; every message reached a final state"), "{text}");
}

#[test]
fn reports_that_do_not_come_in_time_end_the_demo_with_status_1() {
    // At speed 0.01 the first report is 50 s away; the demo gives up after 1 s.
    let output = demo(&["--speed", "0.01", "--timeout", "1", "examples/requests/valid/text.json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let error = stderr(&output);
    assert!(
        error.contains(
            "timed out after 1 s waiting for the delivery reports of examples/requests/valid/text.json #0"
        ),
        "{error}"
    );
    assert!(stdout(&output).contains("text.json #0 to +918800123456: accepted, sid "));
}

#[test]
fn a_path_that_cannot_be_read_stops_it_before_anything_starts() {
    let output = demo(&["no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/dir"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}
