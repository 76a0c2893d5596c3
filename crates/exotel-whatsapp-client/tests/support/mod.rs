//! What the client's tests share: credentials, settings against a local server, messages.

#![allow(dead_code)] // each test crate uses part of it

pub mod server;

use std::time::Duration;

use exotel_whatsapp_client::Settings;
use exotel_whatsapp_core::content::Text;
use exotel_whatsapp_core::send::{Credentials, Endpoint, Policy};
use exotel_whatsapp_core::{Message, Request};

/// The token every test uses; it must never show up in output.
pub const TOKEN: &str = "tok-SECRET-5f1e";
/// The API key every test uses; it must never show up in output either.
pub const KEY: &str = "key-PRIVATE-9a7c";

/// Settings for `base` with a fast policy: 10 ms backoff, no pacing.
pub fn settings(base: &str) -> Settings {
    Settings::new(Credentials::new(KEY, TOKEN, "acme1").unwrap())
        .endpoint(Endpoint::parse(base).unwrap())
        .policy(Policy::default().backoff(Duration::from_millis(10)))
        .requests_per_minute(0)
        .timeouts(Duration::from_secs(2), Duration::from_secs(5))
}

/// `n` valid messages to distinct recipients, with multi-byte text.
pub fn messages(n: usize) -> Vec<Message> {
    let text = Text::new("नमस्ते, your order is on its way").unwrap();
    (0..n).map(|i| Message::new("+919999999999", format!("+9188888{i:05}"), text.clone()).unwrap()).collect()
}

/// One request of `n` messages.
pub fn request(n: usize) -> Request {
    Request::new(messages(n)).unwrap()
}
