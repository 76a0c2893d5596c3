//! Posting callbacks as Exotel does: JSON bodies, retried twice after a failure, and, unless the
//! sandbox was told otherwise, only to loopback `http` URLs.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, Uri};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use url::Url;

use crate::clock;
use crate::magic::{DELIVERED, SEEN, SENT, status_name};
use crate::record::{Activity, CallbackRecord, Delivery, MessageState, Outcome};
use crate::state::Shared;

/// Attempts per callback: the first and two retries, as Exotel documents (EXD).
pub(crate) const ATTEMPTS: u32 = 3;
/// How long one attempt may take (EXD: 10 s); not scaled by the speed.
pub(crate) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause before a retry, at speed 1.
const RETRY_DELAY: Duration = Duration::from_secs(1);
/// The pause before each round of statuses, at speed 1: before the first status (`sent`, or a
/// failure), before `delivered`, before `seen`.
const STAGE_DELAYS: [Duration; 3] =
    [Duration::from_millis(500), Duration::from_secs(1), Duration::from_secs(2)];

/// The HTTP client that posts callbacks: HTTP/1 over plain TCP, nothing else. Not `reqwest`:
/// with its `rustls-no-provider` feature turned on anywhere in a build (the async client of
/// this workspace turns it on), building a `reqwest::Client` without a TLS configuration panics,
/// and a stand-in that only ever speaks plain `http` has no use for TLS.
pub(crate) type Poster = Client<HttpConnector, Full<Bytes>>;

/// A [`Poster`]: no proxy, no redirects (the legacy client follows none), no connection pool
/// kept past a callback's burst.
pub(crate) fn poster() -> Poster {
    Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(5)).build_http()
}

/// Whether callbacks may go to `url`: `http`, and a loopback host unless `allow_external`.
/// The host is judged as written, never resolved, so a name cannot point somewhere else later.
pub(crate) fn check_target(url: &str, allow_external: bool) -> Result<Url, String> {
    let parsed = Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    if parsed.scheme() != "http" {
        return Err(format!("the sandbox posts callbacks over plain http only, not {}", parsed.scheme()));
    }
    let loopback = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    if loopback || allow_external {
        Ok(parsed)
    } else {
        Err("not a loopback address; start the sandbox with --allow-external-callbacks to post there"
            .to_owned())
    }
}

/// Posts `body` to `url` with up to two retries.
pub(crate) async fn post(shared: &Shared, url: Option<&str>, body: Value) -> Delivery {
    let mut delivery = Delivery {
        url: url.map(str::to_owned),
        attempts: 0,
        outcome: Outcome::NoUrl,
        http_status: None,
        detail: None,
        body,
    };
    let Some(url) = url else {
        return delivery;
    };
    let target = match check_target(url, shared.config.allow_external_callbacks) {
        Ok(target) => target,
        Err(reason) => {
            delivery.outcome = Outcome::Refused;
            delivery.detail = Some(reason);
            return delivery;
        }
    };
    let bytes = delivery.body.to_string();
    delivery.outcome = Outcome::Failed;
    while delivery.attempts < ATTEMPTS {
        if delivery.attempts > 0 {
            tokio::time::sleep(shared.delay(RETRY_DELAY)).await;
        }
        delivery.attempts += 1;
        match attempt(&shared.client, &target, &bytes).await {
            Ok(status) => {
                delivery.http_status = Some(status);
                if (200..300).contains(&status) {
                    delivery.outcome = Outcome::Delivered;
                    delivery.detail = None;
                    return delivery;
                }
                delivery.detail = Some(format!("answered HTTP {status}"));
            }
            Err(detail) => delivery.detail = Some(detail),
        }
    }
    delivery
}

/// One POST of `body` to `target`: the answer's status, or what went wrong (without the URL,
/// which may carry a token).
async fn attempt(client: &Poster, target: &Url, body: &str) -> Result<u16, String> {
    let uri: Uri = target.as_str().parse().map_err(|error| format!("not a URL: {error}"))?;
    let request = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body.to_owned())))
        .map_err(|error| error.to_string())?;
    match tokio::time::timeout(ATTEMPT_TIMEOUT, client.request(request)).await {
        Ok(Ok(response)) => Ok(response.status().as_u16()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs())),
    }
}

/// One accepted message and the statuses it will go through.
pub(crate) struct Plan {
    /// Its position in the records.
    pub(crate) position: usize,
    pub(crate) statuses: &'static [u32],
}

/// Posts the status callbacks of one request's accepted messages, round by round (every first
/// status, then every second, ...) in the order of the request, until done or shut down.
pub(crate) fn spawn(shared: Arc<Shared>, plans: Vec<Plan>) {
    if plans.is_empty() {
        return;
    }
    tokio::spawn(async move {
        tokio::select! {
            () = deliver(&shared, &plans) => {}
            () = shared.stopped() => {}
        }
    });
}

async fn deliver(shared: &Shared, plans: &[Plan]) {
    for (round, pause) in STAGE_DELAYS.into_iter().enumerate() {
        let due: Vec<_> = plans.iter().filter(|plan| round < plan.statuses.len()).collect();
        if due.is_empty() {
            return;
        }
        tokio::time::sleep(shared.delay(pause)).await;
        for plan in due {
            let last = round + 1 == plan.statuses.len();
            report(shared, plan.position, plan.statuses[round], last).await;
        }
    }
}

/// Moves one message to the status `code` and posts its callback.
async fn report(shared: &Shared, position: usize, code: u32, last: bool) {
    let now = SystemTime::now();
    let Some((sid, url, body)) = shared.read(position, |record| {
        let mut event = json!({
            "callback_type": "dlr",
            "sid": record.sid,
            "to": record.to,
            "exo_status_code": code,
            "exo_status": status_name(code),
            "exo_detailed_status": status_name(code),
            "description": exotel_whatsapp_core::status::ExoStatus::from_code(code).description(),
            "timestamp": clock::iso_ist(now),
        });
        if let Some(custom_data) = &record.custom_data {
            event["custom_data"] = custom_data.clone().into();
        }
        let body = json!({"whatsapp": {"messages": [event]}});
        (record.sid.clone().unwrap_or_default(), record.status_callback.clone(), body)
    }) else {
        return;
    };
    shared.update(position, |record| record.state = state_of(code));
    let delivery = post(shared, url.as_deref(), body).await;
    let callback =
        CallbackRecord { exo_status_code: code, exo_status: status_name(code).to_owned(), delivery };
    shared.update(position, |record| {
        record.callbacks.push(callback.clone());
        record.done = last;
    });
    shared.observe(&Activity::Status { sid, callback });
}

fn state_of(code: u32) -> MessageState {
    match code {
        SENT => MessageState::Sent,
        DELIVERED => MessageState::Delivered,
        SEEN => MessageState::Seen,
        _ => MessageState::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_http_only_unless_allowed() {
        for url in
            ["http://127.0.0.1:9/x", "http://127.8.0.1/", "http://[::1]:80/", "http://LOCALHOST:8/cb?t=1"]
        {
            assert!(check_target(url, false).is_ok(), "{url}");
        }
        for url in
            ["http://10.0.0.1/", "http://example.com/", "http://localhost.example.com/", "http://[::2]/"]
        {
            let refused = check_target(url, false).unwrap_err();
            assert!(refused.contains("--allow-external-callbacks"), "{url}: {refused}");
            assert!(check_target(url, true).is_ok(), "{url}");
        }
        assert!(check_target("https://127.0.0.1/", true).unwrap_err().contains("plain http only, not https"));
        assert!(check_target("127.0.0.1:80", true).is_err());
    }
}
