//! How a [`State`] is written to a row and read back, the same in every store.

use core::fmt::Write as _;

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::status::DeliveryState;
use sha2::{Digest, Sha256};

use crate::State;

/// A state as columns: `state`, `sid`, `delivery`, `code`, `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub state: &'static str,
    pub sid: Option<String>,
    pub delivery: Option<&'static str>,
    pub code: Option<i64>,
    pub detail: Option<String>,
}

impl From<&State> for Columns {
    fn from(state: &State) -> Self {
        let mut columns =
            Columns { state: state.name(), sid: None, delivery: None, code: None, detail: None };
        match state {
            State::Queued | State::Claimed => {}
            State::Accepted { sid, delivery } => {
                columns.sid = Some(sid.clone());
                columns.delivery = Some(delivery.as_str());
            }
            State::Rejected { code, description } => {
                columns.code = Some(i64::from(*code));
                columns.detail = Some(description.clone());
            }
            State::Ambiguous { reason } | State::NotSent { reason } => columns.detail = Some(reason.clone()),
        }
        columns
    }
}

/// The state the columns hold; `None` for a row no transition writes.
pub fn state(
    state: &str,
    sid: Option<String>,
    delivery: Option<&str>,
    code: Option<i64>,
    detail: Option<String>,
) -> Option<State> {
    let detail = detail.unwrap_or_default();
    Some(match state {
        "queued" => State::Queued,
        "claimed" => State::Claimed,
        "accepted" => {
            State::Accepted { sid: sid?, delivery: delivery.map_or(DeliveryState::Unknown, delivery_state) }
        }
        "rejected" => State::Rejected { code: u32::try_from(code?).ok()?, description: detail },
        "ambiguous" => State::Ambiguous { reason: detail },
        "not_sent" => State::NotSent { reason: detail },
        _ => return None,
    })
}

/// The delivery state named by [`DeliveryState::as_str`].
pub fn delivery_state(name: &str) -> DeliveryState {
    match name {
        "sent" => DeliveryState::Sent,
        "delivered" => DeliveryState::Delivered,
        "seen" => DeliveryState::Seen,
        "failed" => DeliveryState::Failed,
        _ => DeliveryState::Unknown,
    }
}

/// What the ledger keeps of a status event: its de-duplication key, sid, correlation id
/// (`custom_data`) and delivery state.
pub struct Report {
    pub key: String,
    pub sid: Option<String>,
    pub correlation: Option<String>,
    pub delivery: &'static str,
}

impl Report {
    /// The report in `event`, if it is a status event.
    pub fn of(event: &Event) -> Option<Report> {
        let Event::Status(status) = event else { return None };
        let correlation = status.custom_data.as_ref().map(|data| match data.as_str() {
            Some(text) => text.to_owned(),
            None => data.to_value().to_string(),
        });
        Some(Report {
            key: event.dedup_key().as_str().to_owned(),
            sid: status.sid.clone(),
            correlation,
            delivery: status.status.state().as_str(),
        })
    }
}

/// The SHA-256 of `text`, in hex.
pub fn sha256(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// `bytes` in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}
