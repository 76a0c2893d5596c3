//! Exotel's answer to one HTTP request, with what the headers say about when to try again.

use std::time::Duration;

use http::HeaderMap;
use http::header::RETRY_AFTER;

use crate::response::{SendError, SendResponse};

/// One HTTP answer read whole: the status, the parsed body and `Retry-After`.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::Reply;
/// let response = http::Response::builder()
///     .status(429)
///     .header("retry-after", "30")
///     .body(r#"{"RestException": {"Status": 429, "Message": "Too many requests"}}"#)?;
/// let reply = Reply::from_response(&response);
/// assert_eq!(reply.retry_after, Some(std::time::Duration::from_secs(30)));
/// assert_eq!(reply.result.unwrap_err().to_string(), "http 429: too many requests: 429 Too many requests");
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Exotel's id for the request, from the body, for its support and for logs.
    pub request_id: Option<String>,
    /// `Retry-After` in seconds (RFC 9110 §10.2.3). The HTTP-date form is not read: Exotel's
    /// pages show seconds, and a date would need the clock; the policy's backoff applies instead.
    pub retry_after: Option<Duration>,
    /// The accepted request's per-message results, or the error.
    pub result: Result<SendResponse, SendError>,
}

impl Reply {
    /// Reads an answer from its parts; never fails, since every status is a [`SendError`] variant
    /// and a body that cannot be read is kept raw.
    pub fn parse(status: u16, headers: &HeaderMap, body: &[u8]) -> Self {
        let result = SendResponse::from_http(status, &String::from_utf8_lossy(body));
        let request_id = match &result {
            Ok(response) => Some(response.request_id.clone()).filter(|id| !id.is_empty()),
            Err(error) => error.body().and_then(|body| body.request_id.clone()),
        };
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok()?.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        Reply { status, request_id, retry_after, result }
    }

    /// Reads an `http::Response` whose body has been read whole.
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::parse(response.status().as_u16(), response.headers(), response.body().as_ref())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use http::{HeaderMap, HeaderValue};

    use super::Reply;

    fn retry_after(value: &str) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_str(value).unwrap());
        Reply::parse(503, &headers, b"").retry_after
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_a_date_or_garbage_is_ignored() {
        assert_eq!(retry_after("0"), Some(Duration::ZERO));
        assert_eq!(retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(retry_after("-1"), None);
        assert_eq!(retry_after("1.5"), None);
        assert_eq!(Reply::parse(429, &HeaderMap::new(), b"").retry_after, None);
    }

    #[test]
    fn the_request_id_comes_from_the_body_of_an_answer_or_an_error() {
        let accepted = br#"{"request_id": "r202", "response": {"whatsapp": {"messages": []}}}"#;
        assert_eq!(Reply::parse(202, &HeaderMap::new(), accepted).request_id.as_deref(), Some("r202"));
        let refused = br#"{"request_id": "r400", "http_code": 400}"#;
        assert_eq!(Reply::parse(400, &HeaderMap::new(), refused).request_id.as_deref(), Some("r400"));
        assert_eq!(Reply::parse(502, &HeaderMap::new(), b"<html>\xff</html>").request_id, None);
    }
}
