//! `POST /sandbox/incoming`: a customer who writes or taps a reply, posted to the incoming
//! callback in Exotel's shape.

use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::json_response;
use crate::clock;
use crate::delivery;
use crate::record::{Activity, Outcome};
use crate::state::Shared;

/// The profile name of a customer whose request names none.
const DEFAULT_PROFILE_NAME: &str = "Sandbox Customer";

/// What the customer sends: text, a tapped reply button, or a picked list row.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming {
    from: String,
    to: String,
    profile_name: Option<String>,
    text: Option<String>,
    button_reply: Option<Choice>,
    list_reply: Option<Choice>,
}

#[derive(Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl Incoming {
    /// The callback's `content`, or why the request has none (or more than one).
    fn content(self) -> Result<Value, &'static str> {
        let interactive = |kind: &str, choice: Choice| json!({"type": "interactive", "interactive": {"type": kind, kind: choice}});
        match (self.text, self.button_reply, self.list_reply) {
            (Some(text), None, None) => Ok(json!({"type": "text", "text": {"body": text}})),
            (None, Some(choice), None) => Ok(interactive("button_reply", choice)),
            (None, None, Some(choice)) => Ok(interactive("list_reply", choice)),
            _ => Err("give exactly one of `text`, `button_reply` and `list_reply`"),
        }
    }
}

/// Reads the request, posts the callback (with retries), and answers with how that went: 200
/// when delivered, 502 when not, 400 for a bad request, 409 when there is nowhere to post.
pub(crate) async fn post(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let bad = |message: String| json_response(StatusCode::BAD_REQUEST, &json!({"error": message}));
    let incoming: Incoming = match serde_json::from_slice(&body) {
        Ok(incoming) => incoming,
        Err(error) => {
            return bad(format!(
                "expected {{\"from\", \"to\", and \"text\", \"button_reply\" or \"list_reply\"}}: {error}"
            ));
        }
    };
    let from = incoming.from.clone();
    let to = incoming.to.clone();
    let profile_name = incoming.profile_name.clone().unwrap_or_else(|| DEFAULT_PROFILE_NAME.to_owned());
    let content = match incoming.content() {
        Ok(content) => content,
        Err(message) => return bad(message.to_owned()),
    };
    let config = &shared.config;
    let Some(url) = config.incoming_callback.as_deref().or(config.default_callback.as_deref()) else {
        let error = "no incoming callback: start the sandbox with --incoming-callback URL (or --default-callback URL)";
        return json_response(StatusCode::CONFLICT, &json!({"error": error}));
    };
    let event = json!({
        "callback_type": "incoming_message",
        "from": from,
        "profile_name": profile_name,
        "to": to,
        "timestamp": clock::epoch_seconds(SystemTime::now()),
        "content": content,
    });
    let delivery = delivery::post(&shared, Some(url), json!({"whatsapp": {"messages": [event]}})).await;
    let status =
        if delivery.outcome == Outcome::Delivered { StatusCode::OK } else { StatusCode::BAD_GATEWAY };
    let response = json_response(status, &delivery);
    shared.observe(&Activity::Incoming(delivery));
    response
}
