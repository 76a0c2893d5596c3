//! `POST /v2/accounts/{sid}/messages`, answered as Exotel answers it, and the sandbox's own
//! `GET /sandbox/messages`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use exotel_whatsapp_core::Request;
use exotel_whatsapp_core::check::{Report, check_with_limit};
use exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX;
use serde::Serialize;
use serde_json::{Value, json};

use crate::delivery::{self, Plan};
use crate::ids;
use crate::magic::{self, Fate};
use crate::record::{Activity, MessageRecord, MessageState};
use crate::scenario::Fault;
use crate::server::Connection;
use crate::state::Shared;

/// The routes, for the 404 answer.
const ROUTES: &str = "POST /v2/accounts/{sid}/messages, GET /sandbox/messages, POST /sandbox/incoming";

/// The sandbox's routes.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};

    Router::new()
        .route("/v2/accounts/{sid}/messages", post(send).layer(DefaultBodyLimit::max(DOCUMENT_BYTES_MAX)))
        .route("/sandbox/messages", get(list))
        .route("/sandbox/incoming", post(crate::incoming::post))
        .fallback(not_found)
        .with_state(shared)
}

/// A JSON response.
pub(crate) fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    // Serializing our own records and `Value`s cannot fail; an empty body would show if it did.
    let text = serde_json::to_string(body).unwrap_or_default();
    (status, [(CONTENT_TYPE, "application/json")], text).into_response()
}

/// Exotel's shape for a request it did not take: the request's id and one `error_data`.
pub(crate) fn error_body(status: StatusCode, method: &Method, request_id: &str, description: &str) -> Value {
    let code = status.as_u16();
    json!({
        "request_id": request_id,
        "method": method.as_str(),
        "http_code": code,
        "response": {
            "code": code,
            "status": "failure",
            "error_data": {
                "code": code,
                "message": status.canonical_reason().unwrap_or("Error"),
                "description": description,
            },
        },
    })
}

/// What the messages route does with one request.
struct Answer {
    /// `None`: drop the connection without answering.
    response: Option<Response>,
    /// The status answered, for the observer.
    http_status: Option<u16>,
    /// What was recorded, if the request was taken.
    taken: Taken,
}

/// The messages of a request taken: each one's sid or rejection, and the callbacks to post.
#[derive(Default)]
struct Taken {
    results: Vec<Result<String, String>>,
    plans: Vec<Plan>,
}

impl Taken {
    fn accepted(&self) -> usize {
        self.results.iter().filter(|result| result.is_ok()).count()
    }
}

impl Answer {
    /// Answers with `body`, having recorded nothing.
    fn refuse(status: StatusCode, body: &Value) -> Self {
        Self {
            response: Some(json_response(status, body)),
            http_status: Some(status.as_u16()),
            taken: Taken::default(),
        }
    }

    /// Answers as `fault` asks, having taken what `taken` holds.
    fn fault(fault: Fault, number: u64, request_id: &str, taken: Taken) -> Self {
        Self {
            response: fault.http_status().map(|_| fault_response(fault, number, request_id)),
            http_status: fault.http_status(),
            taken,
        }
    }
}

/// `POST /v2/accounts/{sid}/messages`.
async fn send(
    State(shared): State<Arc<Shared>>,
    Extension(connection): Extension<Connection>,
    Path(account_sid): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let number = shared.next_request();
    let request_id = ids::request_id(shared.config.seed, number);
    let answer = answer(&shared, number, &request_id, &account_sid, &headers, body);
    shared.observe(&Activity::Request {
        number,
        request_id,
        http_status: answer.http_status,
        recorded: answer.taken.results.len(),
        accepted: answer.taken.accepted(),
    });
    // After the observer heard of the request, so that its callbacks come after it.
    delivery::spawn(Arc::clone(&shared), answer.taken.plans);
    if let Some(response) = answer.response {
        return response;
    }
    // The connection task drops the connection, and this future with it.
    connection.drop_now();
    std::future::pending().await
}

/// Checks the request, records its messages when it is taken, and says how to answer.
fn answer(
    shared: &Shared,
    number: u64,
    request_id: &str,
    account_sid: &str,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let refuse = |status: StatusCode, description: &str| {
        Answer::refuse(status, &error_body(status, &Method::POST, request_id, description))
    };
    let credentials = &shared.config.credentials;
    if !credentials.authorizes(headers) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Necessary credentials were either missing or invalid: \
             send HTTP Basic authentication with the API key and token",
        );
    }
    if account_sid != credentials.account_sid() {
        return refuse(
            StatusCode::FORBIDDEN,
            &format!("Your credentials are valid, but not for account `{account_sid}`"),
        );
    }
    let fault = shared.config.scenario.fault(number);
    if let Some(fault) = fault.filter(|fault| !fault.records()) {
        return Answer::fault(fault, number, request_id, Taken::default());
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return refuse(rejection.status(), &rejection.body_text()),
    };
    let report = check_with_limit(&body, DOCUMENT_BYTES_MAX);
    if !report.is_valid() {
        if let Some(fault) = fault {
            return Answer::fault(fault, number, request_id, Taken::default());
        }
        let mut body = error_body(StatusCode::BAD_REQUEST, &Method::POST, request_id, &describe(&report));
        body["violations"] = violations(&report);
        return Answer::refuse(StatusCode::BAD_REQUEST, &body);
    }
    let Some(request) = report.into_request() else {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the checker passed the body but returned no request",
        );
    };
    let taken = take(shared, number, request_id, &request);
    match fault {
        Some(fault) => Answer::fault(fault, number, request_id, taken),
        None => Answer {
            response: Some(json_response(StatusCode::ACCEPTED, &accepted_body(request_id, &taken.results))),
            http_status: Some(StatusCode::ACCEPTED.as_u16()),
            taken,
        },
    }
}

/// The answer a fault asks for, Exotel-shaped, with `Retry-After` when it has one.
fn fault_response(fault: Fault, number: u64, request_id: &str) -> Response {
    let status = fault.http_status().and_then(|code| StatusCode::from_u16(code).ok());
    let status = status.unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let description = format!("sandbox scenario: request {number} is answered {}", status.as_u16());
    let mut response = json_response(status, &error_body(status, &Method::POST, request_id, &description));
    if let Some(seconds) = fault.retry_after_seconds() {
        response.headers_mut().insert(RETRY_AFTER, seconds.into());
    }
    response
}

/// Every error of the report on one line, for `error_data.description`.
fn describe(report: &Report) -> String {
    let lines: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
    format!("{} problem(s): {}", lines.len(), lines.join("; "))
}

/// Every error of the report: pointer, rule, message, and limit and actual size where they apply.
fn violations(report: &Report) -> Value {
    let list = report.errors().iter().map(|violation| {
        let mut entry = json!({
            "pointer": violation.pointer().as_str(),
            "rule": violation.rule().code(),
            "message": violation.message(),
        });
        if let (Some(limit), Some(actual)) = (violation.limit(), violation.actual()) {
            entry["limit"] = limit.into();
            entry["actual"] = actual.into();
        }
        entry
    });
    Value::Array(list.collect())
}

/// Records a valid request's messages; returns each message's sid, or why it was rejected, in
/// the request's order, and the callbacks to post.
fn take(shared: &Shared, number: u64, request_id: &str, request: &Request) -> Taken {
    let channel = request.whatsapp();
    let mut records = Vec::with_capacity(request.messages().len());
    let mut statuses = Vec::with_capacity(request.messages().len());
    for (index, message) in request.messages().iter().enumerate() {
        let to = message.to().as_str();
        let (sid, state, error, plan) = match magic::fate(to) {
            Fate::Rejected => {
                let why = format!("sandbox: messages to {} are always rejected", magic::REJECTED);
                (None, MessageState::Rejected, Some(why), &[][..])
            }
            Fate::Accepted(plan) => {
                (Some(ids::sid(shared.config.seed, number, index)), MessageState::Accepted, None, plan)
            }
        };
        let status_callback = message
            .status_callback()
            .or(channel.status_callback())
            .or(request.status_callback())
            .map(|url| url.as_str().to_owned())
            .or_else(|| shared.config.default_callback.clone());
        let custom_data = message.custom_data().or(channel.custom_data()).or(request.custom_data());
        records.push(MessageRecord {
            sid,
            request: number,
            request_id: request_id.to_owned(),
            index,
            to: to.to_owned(),
            custom_data: custom_data.map(str::to_owned),
            status_callback,
            state,
            done: plan.is_empty(),
            error,
            callbacks: Vec::new(),
            message: serde_json::to_value(message).unwrap_or_default(),
        });
        statuses.push(plan);
    }
    let results = records
        .iter()
        .map(|record| record.sid.clone().ok_or_else(|| record.error.clone().unwrap_or_default()))
        .collect();
    let first = shared.append(records);
    let plans = statuses
        .into_iter()
        .enumerate()
        .filter(|(_, statuses)| !statuses.is_empty())
        .map(|(index, statuses)| Plan { position: first + index, statuses })
        .collect();
    Taken { results, plans }
}

/// The 202 body: counts, then one result per message in the request's order.
fn accepted_body(request_id: &str, results: &[Result<String, String>]) -> Value {
    let success = results.iter().filter(|result| result.is_ok()).count();
    let messages: Vec<Value> = results
        .iter()
        .map(|result| match result {
            Ok(sid) => json!({"code": 202, "error_data": null, "status": "success", "data": {"sid": sid}}),
            Err(description) => json!({
                "code": 400,
                "error_data": {"code": 400, "message": "Bad Request", "description": description},
                "status": "failure",
            }),
        })
        .collect();
    json!({
        "request_id": request_id,
        "method": "POST",
        "http_code": 202,
        "metadata": {"failed": results.len() - success, "total": results.len(), "success": success},
        "response": {"whatsapp": {"messages": messages}},
    })
}

/// `GET /sandbox/messages`: every record.
async fn list(State(shared): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, &shared.records())
}

/// Any other route: 404, naming the routes there are.
async fn not_found(method: Method, uri: Uri) -> Response {
    let description = format!("no route for {method} {}; the sandbox serves {ROUTES}", uri.path());
    json_response(StatusCode::NOT_FOUND, &error_body(StatusCode::NOT_FOUND, &method, "", &description))
}
