//! The HTTP request for a send: `POST {base}/v2/accounts/{sid}/messages` with Basic authentication.

use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderValue, Method, Uri};

use super::{ConfigError, Credentials, Endpoint};
use crate::Request;

/// The messages URL and the authorization header of one account, built once and then used to
/// make the `http::Request` of every send.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, send::{Api, Credentials, Region}, Message, Request};
/// let api = Api::new(&Region::Singapore.into(), &Credentials::new("key", "token", "acme1")?)?;
/// let request = Request::new([Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?])?;
/// let http = api.request(&request);
/// assert_eq!(http.method(), "POST");
/// assert_eq!(http.uri(), "https://api.exotel.com/v2/accounts/acme1/messages");
/// assert!(http.headers()["authorization"].is_sensitive());
/// assert_eq!(http.headers()["content-type"], "application/json");
/// assert!(http.body().starts_with(br#"{"whatsapp":{"messages":[{"from":"+919999999999""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Api {
    url: Uri,
    authorization: HeaderValue,
}

impl Api {
    /// Joins the endpoint, the account SID and the credentials.
    ///
    /// # Errors
    /// [`ConfigError::BaseUrl`] if the joined URL does not parse (a base path with characters a
    /// URL path cannot hold), [`ConfigError::ApiToken`] if the credentials cannot form a header.
    pub fn new(endpoint: &Endpoint, credentials: &Credentials) -> Result<Self, ConfigError> {
        let url = format!("{endpoint}/v2/accounts/{}/messages", credentials.account_sid());
        let url = url.parse().map_err(|_| ConfigError::BaseUrl { reason: "not a URL" })?;
        Ok(Api { url, authorization: credentials.authorization()? })
    }

    /// The messages URL, which holds no secret: the SID names the account, the key and token go
    /// in a header.
    pub fn url(&self) -> &Uri {
        &self.url
    }

    /// The HTTP request that sends `request`.
    pub fn request(&self, request: &Request) -> http::Request<Vec<u8>> {
        // Serializing a checked request cannot fail (no map keys, no custom errors); were it to,
        // the empty body would come back as Exotel's 400, a rejection, never a silent loss.
        let mut http = http::Request::new(serde_json::to_vec(request).unwrap_or_default());
        *http.method_mut() = Method::POST;
        *http.uri_mut() = self.url.clone();
        let headers = http.headers_mut();
        headers.insert(AUTHORIZATION, self.authorization.clone());
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        http
    }
}

impl core::fmt::Debug for Api {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Api").field("url", &self.url).field("authorization", &"<redacted>").finish()
    }
}
