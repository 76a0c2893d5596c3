//! A transport that answers from a function, for tests: no sockets, every request recorded.

use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};

use crate::transport::{BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError};

type Handler = dyn Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync;

/// Answers each request with a function of it and records every request it was given; it serves
/// both clients.
///
/// ```
/// use exotel_whatsapp::client::{BlockingClient, MemoryTransport, Settings, TransportError};
/// use exotel_whatsapp::send::{Credentials, Outcome};
/// use exotel_whatsapp::{content::Text, Message};
///
/// let transport = MemoryTransport::new(|_| Err(TransportError::maybe_sent("connection reset")));
/// let client = BlockingClient::with_transport(Settings::new(Credentials::new("k", "t", "acme1")?), transport)?;
/// let outcomes = client.send_all([Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?]);
/// assert!(matches!(&outcomes[..], [Outcome::Ambiguous { attempts: 1, .. }]));
/// assert_eq!(client.transport().requests().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MemoryTransport {
    handler: Box<Handler>,
    requests: Mutex<Vec<HttpRequest>>,
}

impl MemoryTransport {
    /// A transport that answers with `handler`.
    pub fn new(
        handler: impl Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync + 'static,
    ) -> Self {
        MemoryTransport { handler: Box::new(handler), requests: Mutex::new(Vec::new()) }
    }

    /// A transport that accepts every message: a 202 with the sid `m{n}` for the `n`-th message
    /// it has accepted, counting from 0 across requests.
    ///
    /// ```
    /// use exotel_whatsapp::client::{BlockingClient, MemoryTransport, Settings};
    /// use exotel_whatsapp::send::Credentials;
    /// use exotel_whatsapp::{content::Text, Message};
    ///
    /// let client = BlockingClient::with_transport(
    ///     Settings::new(Credentials::new("k", "t", "acme1")?).requests_per_minute(0),
    ///     MemoryTransport::accepting(),
    /// )?;
    /// let text = Text::new("Hi")?;
    /// let messages = (0..150).map(|i| Message::new("+919999999999", format!("+9188888{i:05}"), text.clone()));
    /// let outcomes = client.send_all(messages.collect::<Result<Vec<_>, _>>()?);
    /// assert_eq!(outcomes[149].to_string(), "accepted, sid m149");
    /// assert_eq!(client.transport().requests().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accepting() -> Self {
        let accepted = Mutex::new(0_usize);
        MemoryTransport::new(move |request| {
            let body: Value = serde_json::from_slice(request.body()).unwrap_or_default();
            let count = body["whatsapp"]["messages"].as_array().map_or(0, Vec::len);
            let mut next = accepted.lock().unwrap_or_else(PoisonError::into_inner);
            let messages: Vec<Value> = (*next..*next + count)
                .map(|n| json!({"code": 202, "status": "success", "error_data": null, "data": {"sid": format!("m{n}")}}))
                .collect();
            *next += count;
            let answer = json!({
                "request_id": "memory", "method": "POST", "http_code": 202,
                "metadata": {"failed": 0, "total": count, "success": count},
                "response": {"whatsapp": {"messages": messages}},
            });
            let mut response = http::Response::new(answer.to_string().into_bytes());
            *response.status_mut() = http::StatusCode::ACCEPTED;
            Ok(response)
        })
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn answer(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let answer = (self.handler)(&request);
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).push(request);
        answer
    }
}

impl core::fmt::Debug for MemoryTransport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MemoryTransport").field("requests", &self.requests().len()).finish_non_exhaustive()
    }
}

impl Transport for MemoryTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.answer(request)
    }
}

impl BlockingTransport for MemoryTransport {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.answer(request)
    }
}
