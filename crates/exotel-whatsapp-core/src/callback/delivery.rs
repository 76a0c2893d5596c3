//! Status callbacks (`callback_type` `dlr`) and the status fields they share with the error of an
//! incoming message.

use serde_json::Value;

use super::pruned::{Field, Key, Pruned};
use super::{CustomData, RawEvent, Timestamp};
use crate::status::{DeliveryState, ExoStatus};

/// A status as a callback reports it: code, name and description, each as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusDetail {
    /// `exo_status_code`, from a number or a decimal string.
    pub code: Option<u32>,
    /// `exo_detailed_status`, else `exo_status` (Exotel's table and its payloads disagree on the
    /// key).
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
}

impl StatusDetail {
    /// Reads the three fields from an object; missing or mistyped ones are `None`.
    pub fn from_json(object: &Value) -> Self {
        Self::read(Pruned::default().read_value(object))
    }

    /// Reads the three fields from a kept object.
    pub(super) fn read(object: Field<'_, '_>) -> Self {
        Self {
            code: object.code(Key::ExoStatusCode),
            name: object.string(Key::ExoDetailedStatus).or_else(|| object.string(Key::ExoStatus)),
            description: object.string(Key::Description),
        }
    }

    /// The code as an [`ExoStatus`]; codes outside Exotel's table are [`ExoStatus::Unknown`].
    pub fn status(&self) -> Option<ExoStatus> {
        self.code.map(ExoStatus::from_code)
    }

    /// Where the message stands. The code decides; when it is missing or outside Exotel's table,
    /// a documented name decides (Exotel's own example pairs code 25001 with
    /// `EX_MESSAGE_DELIVERED`).
    pub fn state(&self) -> DeliveryState {
        let documented = self.status().filter(|status| status.name().is_some());
        documented
            .or_else(|| self.name.as_deref().and_then(ExoStatus::from_name))
            .map_or(DeliveryState::Unknown, ExoStatus::state)
    }

    /// The name received, else the documented name of the code.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref().or_else(|| self.status().and_then(ExoStatus::name))
    }
}

/// A status callback: what happened to a message Exotel accepted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StatusEvent {
    /// The message's `sid`, as returned when it was sent.
    pub sid: Option<String>,
    /// The recipient.
    pub to: Option<String>,
    /// Code, name and description of the status.
    pub status: StatusDetail,
    /// When it happened (ISO 8601 with offset in Exotel's payloads).
    pub timestamp: Option<Timestamp>,
    /// The `custom_data` the message was sent with.
    pub custom_data: Option<CustomData>,
    /// The event as received.
    pub raw: RawEvent,
}

impl StatusEvent {
    /// Reads a status callback entry (`event` is `raw` pruned); never fails.
    pub(super) fn read(event: Field<'_, '_>, custom_data: Option<CustomData>, raw: RawEvent) -> Self {
        Self {
            sid: event.string(Key::Sid),
            to: event.string(Key::To),
            status: StatusDetail::read(event),
            timestamp: event.timestamp(),
            custom_data,
            raw,
        }
    }
}
