//! Transport faults for chosen requests, counted in order of arrival: what a client's retry and
//! ambiguity handling must survive.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

/// What the sandbox does instead of its normal answer to one request.
///
/// ```
/// use exotel_whatsapp::sandbox::Fault;
///
/// let limited = Fault::status(429).retry_after(1);
/// assert_eq!(limited.http_status(), Some(429));
/// assert!(!limited.records(), "a 429 is answered before the messages are looked at");
/// assert!(Fault::status(500).records(), "a 500 may come after the messages were taken");
/// assert!(Fault::drop_after_body().records());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// `None`: close the connection without answering.
    status: Option<u16>,
    retry_after: Option<u64>,
    records: bool,
}

impl Fault {
    /// Answer with this HTTP status (a scenario file takes 400 to 599) and an Exotel-shaped
    /// error body. The messages are recorded (and their callbacks sent) for a 500 only, as a
    /// server that failed after taking them would; see [`Fault::recording`] to choose.
    pub fn status(status: u16) -> Self {
        Self { status: Some(status), retry_after: None, records: status == 500 }
    }

    /// Read the whole body, record the messages (and send their callbacks), then close the
    /// connection without a response: the client cannot know whether they were taken.
    pub fn drop_after_body() -> Self {
        Self { status: None, retry_after: None, records: true }
    }

    /// Sends a `Retry-After` header with this many seconds.
    #[must_use]
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// Records the messages, or not, whatever the status.
    #[must_use]
    pub fn recording(mut self, records: bool) -> Self {
        self.records = records;
        self
    }

    /// The status answered; `None` when the connection is dropped.
    pub fn http_status(&self) -> Option<u16> {
        self.status
    }

    /// The `Retry-After` seconds, if any.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        self.retry_after
    }

    /// Whether the messages are recorded and their callbacks sent.
    pub fn records(&self) -> bool {
        self.records
    }
}

/// Faults keyed by the number of the request on `POST /v2/accounts/{sid}/messages`, counting
/// every request that arrives there from 1; requests without a fault are answered normally.
///
/// A scenario file is a JSON array of rows:
///
/// ```
/// use exotel_whatsapp::sandbox::{Fault, Scenario};
///
/// let scenario = Scenario::from_json(br#"[
///     {"request": 1, "status": 429, "retry_after": 1},
///     {"request": 2, "status": 503},
///     {"request": 3, "status": 500},
///     {"request": 4, "drop_after_body": true},
///     {"request": 5, "status": 502, "records": true}
/// ]"#)?;
/// assert_eq!(scenario.fault(1), Some(Fault::status(429).retry_after(1)));
/// assert_eq!(scenario.fault(4), Some(Fault::drop_after_body()));
/// assert_eq!(scenario.fault(6), None);
///
/// let err = Scenario::from_json(br#"[{"request": 1}]"#).unwrap_err();
/// assert_eq!(err.to_string(), "scenario row 0: give `status` or `drop_after_body: true`");
/// # Ok::<(), exotel_whatsapp::sandbox::ScenarioError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenario {
    faults: BTreeMap<u64, Fault>,
}

/// One row of a scenario file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    request: u64,
    status: Option<u16>,
    retry_after: Option<u64>,
    #[serde(default)]
    drop_after_body: bool,
    records: Option<bool>,
}

impl Scenario {
    /// No faults: every request is answered normally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a fault for the `request`-th request (from 1), replacing any fault it had.
    #[must_use]
    pub fn with(mut self, request: u64, fault: Fault) -> Self {
        self.faults.insert(request, fault);
        self
    }

    /// The fault for the `request`-th request, if any.
    pub fn fault(&self, request: u64) -> Option<Fault> {
        self.faults.get(&request).copied()
    }

    /// Reads a scenario file's JSON.
    pub fn from_json(json: &[u8]) -> Result<Self, ScenarioError> {
        let rows: Vec<Row> = serde_json::from_slice(json).map_err(|e| ScenarioError(e.to_string()))?;
        let mut scenario = Self::new();
        for (i, row) in rows.into_iter().enumerate() {
            let at = |problem: &str| ScenarioError(format!("scenario row {i}: {problem}"));
            if row.request == 0 {
                return Err(at("`request` counts from 1"));
            }
            let fault = match (row.status, row.drop_after_body) {
                (Some(status), false) if (400..=599).contains(&status) => Fault::status(status),
                (Some(_), false) => return Err(at("`status` must be from 400 to 599")),
                (None, true) if row.retry_after.is_none() => Fault::drop_after_body(),
                (None, true) => return Err(at("`retry_after` needs a `status`")),
                (Some(_), true) => return Err(at("give either `status` or `drop_after_body`, not both")),
                (None, false) => return Err(at("give `status` or `drop_after_body: true`")),
            };
            let fault = Fault { retry_after: row.retry_after, ..fault };
            let fault = row.records.map_or(fault, |records| fault.recording(records));
            if scenario.faults.insert(row.request, fault).is_some() {
                return Err(at(&format!("request {} has two rows", row.request)));
            }
        }
        Ok(scenario)
    }

    /// Reads a scenario file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        let path = path.as_ref();
        let json =
            std::fs::read(path).map_err(|e| ScenarioError(format!("cannot read {}: {e}", path.display())))?;
        Self::from_json(&json).map_err(|e| ScenarioError(format!("{}: {}", path.display(), e.0)))
    }
}

/// Why a scenario file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(json: &str) -> String {
        Scenario::from_json(json.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn rows_become_faults() {
        let scenario = Scenario::from_json(
            br#"[{"request": 2, "status": 503}, {"request": 3, "status": 502, "records": true},
                 {"request": 4, "status": 500, "records": false}]"#,
        )
        .unwrap();
        assert_eq!(scenario.fault(1), None);
        assert_eq!(scenario.fault(2), Some(Fault::status(503)));
        assert!(!Fault::status(503).records());
        assert_eq!(scenario.fault(3), Some(Fault::status(502).recording(true)));
        assert_eq!(scenario.fault(4), Some(Fault::status(500).recording(false)));
        assert_eq!(Scenario::from_json(b"[]").unwrap(), Scenario::new());
    }

    #[test]
    fn bad_rows_are_refused_with_their_index() {
        assert_eq!(error(r#"[{"request": 0, "status": 500}]"#), "scenario row 0: `request` counts from 1");
        assert_eq!(
            error(r#"[{"request": 1, "status": 500}, {"request": 2, "status": 399}]"#),
            "scenario row 1: `status` must be from 400 to 599"
        );
        assert_eq!(
            error(r#"[{"request": 1, "status": 600}]"#),
            "scenario row 0: `status` must be from 400 to 599"
        );
        assert_eq!(
            error(r#"[{"request": 1, "status": 500, "drop_after_body": true}]"#),
            "scenario row 0: give either `status` or `drop_after_body`, not both"
        );
        assert_eq!(
            error(r#"[{"request": 1, "drop_after_body": true, "retry_after": 1}]"#),
            "scenario row 0: `retry_after` needs a `status`"
        );
        assert_eq!(
            error(r#"[{"request": 1, "status": 500}, {"request": 1, "status": 503}]"#),
            "scenario row 1: request 1 has two rows"
        );
        assert!(error(r#"[{"request": 1, "stauts": 500}]"#).starts_with("unknown field `stauts`"));
        assert!(error(r#"{"request": 1}"#).starts_with("invalid type: map, expected a sequence"));
    }
}
