//! Location messages.

use serde::{Deserializer, Serialize, Serializer};

use crate::content::Assemble;
use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{self, Got, Scalar, fields, string};
use crate::limits::{LATITUDE_MAX, LONGITUDE_MAX};
use crate::rules;

/// A point on the map with an optional name and address.
///
/// EX types the coordinates as strings, so they are emitted as decimal strings.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Location;
/// let office = Location::new(12.9716, 77.5946)?.name("Office").address("MG Road, Bengaluru");
/// assert_eq!(
///     serde_json::to_value(&office)?,
///     serde_json::json!({"latitude": "12.9716", "longitude": "77.5946",
///                        "name": "Office", "address": "MG Road, Bengaluru"}),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct Location {
    #[serde(serialize_with = "decimal")]
    latitude: f64,
    #[serde(serialize_with = "decimal")]
    longitude: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's serialize_with passes a reference")]
fn decimal<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A coordinate from JSON: a number, or a decimal string (`-12.5`), as EX types it.
fn coordinate<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<f64>, D::Error> {
    let v = json::scalar(d, cx)?;
    Ok(match v {
        Scalar::Null => Got::Absent,
        Scalar::Str(s) => decimal_string(&s, cx).map_or(Got::Failed, Got::Value),
        Scalar::Number(n) => Got::Value(n.as_f64()),
        other => {
            json::wrong_type(cx, "a decimal string or a number", other.type_name());
            Got::Failed
        }
    })
}

/// A coordinate written as a decimal string.
fn decimal_string(s: &str, cx: &mut Ctx) -> Option<f64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let decimal = [int, frac].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if !decimal {
        cx.error(Problem::Format { expected: "a decimal number such as \"12.9716\"" });
        return None;
    }
    s.parse().ok()
}

impl Location {
    /// Checks the coordinates, in degrees.
    ///
    /// # Errors
    /// `range` at `/latitude` (outside −90..=90 or not finite) and at `/longitude` (−180..=180).
    pub fn new(latitude: f64, longitude: f64) -> Result<Self, Error> {
        let draft =
            LocationDraft { latitude: Some(latitude), longitude: Some(longitude), ..Default::default() };
        validate_alone(|cx| Location::assemble(draft, cx))
    }

    /// The place's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The place's address; WhatsApp shows it only when a name is set too.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// Latitude in degrees.
    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    /// Longitude in degrees.
    pub fn longitude(&self) -> f64 {
        self.longitude
    }
}

/// A location as read, before the rules.
#[derive(Default)]
pub(crate) struct LocationDraft {
    latitude: Option<f64>,
    longitude: Option<f64>,
    name: Option<String>,
    address: Option<String>,
}

impl Assemble for Location {
    type Draft = LocationDraft;

    fn assemble(draft: LocationDraft, cx: &mut Ctx) -> Option<Self> {
        let latitude = cx.at("latitude", |cx| {
            rules::location::coordinate(draft.latitude?, LATITUDE_MAX, "from -90 to 90", cx)
        });
        let longitude = cx.at("longitude", |cx| {
            rules::location::coordinate(draft.longitude?, LONGITUDE_MAX, "from -180 to 180", cx)
        });
        let LocationDraft { name, address, .. } = draft;
        rules::location::address_without_name(address.is_some(), name.is_some(), cx);
        Some(Location { latitude: latitude?, longitude: longitude?, name, address })
    }
}

fields!(LocationDraft {
    #[required] "latitude" => latitude: coordinate,
    #[required] "longitude" => longitude: coordinate,
    "name" => name: string,
    "address" => address: string,
});
