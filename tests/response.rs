//! The send response: Exotel's 202 sample, per-message results paired with input indices, and
//! one typed error per documented HTTP status.

mod support;

use exotel_whatsapp::response::{SendError, SendResponse, Sid};
use support::{fixture, spec_sample};

const SID_0: &str = "2FdiiEQUosckPhpZfuVwfjxiSlc16a4";
const SID_1: &str = "2FdiiDU5hAK8tW0Atq340Ayngpx16a4";

fn accepted(body: &str) -> SendResponse {
    SendResponse::from_http(202, body).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn spec_sample_is_read_in_request_order() {
    let response = accepted(&spec_sample("response/spec-202"));
    assert_eq!(response.request_id, "b434e927a5844175b23059cd96feea3d");
    assert_eq!(response.method, "POST");
    assert_eq!(response.http_code, 202);
    assert_eq!((response.metadata.total, response.metadata.success, response.metadata.failed), (2, 2, 0));
    let sids: Vec<_> =
        response.results().map(|(index, result)| (index, result.map(Sid::as_str).ok())).collect();
    assert_eq!(sids, [(0, Some(SID_0)), (1, Some(SID_1))]);
}

#[test]
fn spec_sample_as_published_is_an_invalid_body() {
    let verbatim = fixture("response/spec-202.verbatim.txt");
    let error = SendResponse::from_http(202, &verbatim).unwrap_err();
    assert!(matches!(error, SendError::InvalidBody { status: 202, .. }), "{error:?}");
    assert!(error.to_string().starts_with("http 202: response body is not the documented JSON"));
}

const PARTIAL: &str = r#"{
  "request_id": "r1", "method": "POST", "http_code": 202,
  "metadata": {"failed": 2, "total": 3, "success": 1},
  "response": {"whatsapp": {"messages": [
    {"code": 400, "status": "failure",
     "error_data": {"code": 400, "message": "Bad Request", "description": "invalid to"}},
    {"code": 202, "status": "success", "error_data": null, "data": {"sid": "s1"}},
    {"code": 500, "status": "failure", "error_data": null, "data": null}
  ]}}
}"#;

#[test]
fn failures_keep_their_index() {
    let response = accepted(PARTIAL);
    let results: Vec<_> = response.results().collect();
    assert_eq!(results.len(), 3);
    let Some((0, Err(error))) = results.first() else { panic!("{results:?}") };
    assert_eq!(
        (error.code, error.message.as_str(), error.description.as_str()),
        (400, "Bad Request", "invalid to")
    );
    assert!(matches!(results.get(1), Some((1, Ok(sid))) if sid.as_str() == "s1"));
    // Neither a sid nor error_data: the result's own code and status are the error.
    let Some((2, Err(error))) = results.get(2) else { panic!("{results:?}") };
    assert_eq!((error.code, error.message.as_str()), (500, "failure"));
}

#[test]
fn offset_places_a_chunk_in_its_batch() {
    let response = accepted(PARTIAL);
    let indices: Vec<_> = response.results_from(100).map(|(index, result)| (index, result.is_ok())).collect();
    assert_eq!(indices, [(100, false), (101, true), (102, false)]);
    assert_eq!(response.results_from(usize::MAX).last().map(|(index, _)| index), Some(usize::MAX));
}

#[test]
fn each_documented_status_is_its_own_error() {
    let body = fixture("response/error-400.json");
    // The variant, by the start of its debug form.
    let cases = [
        (400, "BadRequest(", false),
        (401, "Unauthorized(", false),
        (402, "PaymentRequired(", false),
        (403, "Forbidden(", false),
        (404, "NotFound(", false),
        (429, "TooManyRequests(", true),
        (500, "Server { status: 500,", true),
        (503, "Server { status: 503,", true),
        (418, "Unexpected { status: 418,", false),
    ];
    for (status, variant, retryable) in cases {
        let error = SendResponse::from_http(status, &body).unwrap_err();
        assert!(format!("{error:?}").starts_with(variant), "{status}: {error:?}");
        assert_eq!(error.status(), status);
        assert_eq!(error.is_retryable(), retryable, "{status}");
        let error_body = error.body().unwrap_or_else(|| panic!("{status} has a body"));
        assert_eq!(error_body.raw, body);
    }
}

/// Exotel documents no error body; this one has the 202 body's shape, which is what we assume.
#[test]
fn error_body_yields_request_id_and_error_data() {
    let error = SendResponse::from_http(400, &fixture("response/error-400.json")).unwrap_err();
    let body = error.body().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(body.request_id.as_deref(), Some("5d5b0e3c2f4f4a0e9e8f3b1a2c4d6e8f"));
    let messages: Vec<_> = body.errors.iter().map(|error| error.description.as_str()).collect();
    assert_eq!(messages, ["More than 100 messages specified in a request"]);
    assert_eq!(
        error.to_string(),
        "http 400: bad request: 400 Bad Request: More than 100 messages specified in a request"
    );
}

#[test]
fn error_body_that_is_not_json_is_kept() {
    let error = SendResponse::from_http(502, "<html>Bad Gateway</html>").unwrap_err();
    let body = error.body().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!((body.request_id.clone(), body.errors.len()), (None, 0));
    assert_eq!(body.raw, "<html>Bad Gateway</html>");
    assert_eq!(error.to_string(), "http 502: server error");
}
