//! What the sandbox remembers: every message it took, where each stands, and every callback it
//! posted. `GET /sandbox/messages` and [`Sandbox::messages`](crate::Sandbox::messages) show it.

use serde::Serialize;
use serde_json::Value;

/// One message the sandbox received in a request it took (answered 202, or recorded under a
/// 500 or dropped-connection [`Fault`](crate::Fault)).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MessageRecord {
    /// The sid given in the 202 body; `None` for a rejected message.
    pub sid: Option<String>,
    /// The number of the request that carried it, counting requests on the messages route
    /// from 1.
    pub request: u64,
    /// That request's `request_id`.
    pub request_id: String,
    /// The message's index in that request.
    pub index: usize,
    /// The recipient.
    pub to: String,
    /// The effective `custom_data` (message, else channel, else request), echoed in callbacks.
    pub custom_data: Option<String>,
    /// Where its status callbacks go: the effective `status_callback`, else the sandbox's
    /// default callback.
    pub status_callback: Option<String>,
    /// Where the message stands.
    pub state: MessageState,
    /// Whether the sandbox will post no more callbacks for it.
    pub done: bool,
    /// Why it was rejected, for a rejected message.
    pub error: Option<String>,
    /// Its status callbacks so far, in the order they were posted.
    pub callbacks: Vec<CallbackRecord>,
    /// The message as received.
    pub message: Value,
}

/// Where a message stands in the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MessageState {
    /// Rejected in the 202 body; no callbacks follow.
    Rejected,
    /// Accepted; no status yet.
    Accepted,
    /// `EX_MESSAGE_SENT` was reported.
    Sent,
    /// `EX_MESSAGE_DELIVERED` was reported.
    Delivered,
    /// `EX_MESSAGE_SEEN` was reported.
    Seen,
    /// A failure code was reported.
    Failed,
}

/// One status callback for one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CallbackRecord {
    /// The status reported, such as 30002.
    pub exo_status_code: u32,
    /// Its name, such as `EX_MESSAGE_DELIVERED`.
    pub exo_status: String,
    /// How posting it went.
    #[serde(flatten)]
    pub delivery: Delivery,
}

/// How posting one callback went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Delivery {
    /// Where it went; `None` when there was nowhere to send it.
    pub url: Option<String>,
    /// HTTP requests made: 1, plus up to 2 retries after a failure.
    pub attempts: u32,
    /// The result.
    pub outcome: Outcome,
    /// The status of the last answer, if one came.
    pub http_status: Option<u16>,
    /// Why it failed or was refused.
    pub detail: Option<String>,
    /// The body posted.
    pub body: Value,
}

/// The result of posting one callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// A 2xx answer came.
    Delivered,
    /// Every attempt failed: a non-2xx answer, a timeout or a connection error.
    Failed,
    /// Not sent: the URL is not a loopback `http` URL and external callbacks are not allowed.
    Refused,
    /// Not sent: the message has no `status_callback` and the sandbox no default.
    NoUrl,
}

/// Something the sandbox did, for an observer set with
/// [`SandboxBuilder::on_activity`](crate::SandboxBuilder::on_activity).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Activity {
    /// A request on the messages route was answered, or its connection dropped.
    Request {
        /// Its number, from 1.
        number: u64,
        /// Its `request_id`.
        request_id: String,
        /// The status answered; `None` when the connection was dropped.
        http_status: Option<u16>,
        /// Messages recorded (0 when the request was refused).
        recorded: usize,
        /// Messages accepted, with a sid.
        accepted: usize,
    },
    /// A status callback was posted (or given up).
    Status {
        /// The message's sid.
        sid: String,
        /// The callback.
        callback: CallbackRecord,
    },
    /// An incoming message was posted (or given up).
    Incoming(Delivery),
}
