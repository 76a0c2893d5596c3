//! The account the sandbox serves, and the HTTP Basic check of its key and token.

use std::fmt;

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The account sid, API key and API token the sandbox accepts.
///
/// `Debug` shows the account sid only: the key and token stay out of logs.
///
/// ```
/// use exotel_whatsapp::sandbox::Credentials;
///
/// let credentials = Credentials::new("my_sid", "my_key", "my_token");
/// assert_eq!(credentials.api_token(), "my_token");
/// assert_eq!(format!("{credentials:?}"), r#"Credentials { account_sid: "my_sid", .. }"#);
/// assert_eq!(Credentials::default().account_sid(), "sandbox_sid");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    account_sid: String,
    api_key: String,
    api_token: String,
}

impl Credentials {
    /// The sandbox's defaults, printed by `exotel-wa sandbox` at start-up.
    pub const DEFAULT_ACCOUNT_SID: &str = "sandbox_sid";
    /// The default API key.
    pub const DEFAULT_API_KEY: &str = "sandbox_key";
    /// The default API token.
    pub const DEFAULT_API_TOKEN: &str = "sandbox_token";

    /// Credentials of your choosing.
    pub fn new(
        account_sid: impl Into<String>,
        api_key: impl Into<String>,
        api_token: impl Into<String>,
    ) -> Self {
        Self { account_sid: account_sid.into(), api_key: api_key.into(), api_token: api_token.into() }
    }

    /// The account sid, the `{sid}` of `/v2/accounts/{sid}/messages`.
    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// The API key, the user name of HTTP Basic authentication.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The API token, the password of HTTP Basic authentication.
    pub fn api_token(&self) -> &str {
        &self.api_token
    }

    /// Whether `headers` carry `Authorization: Basic` with this key and token.
    pub(crate) fn authorizes(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers.get(AUTHORIZATION).and_then(|value| value.to_str().ok()) else {
            return false;
        };
        let Some((scheme, encoded)) = value.trim().split_once(' ') else {
            return false;
        };
        let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let expected = format!("{}:{}", self.api_key, self.api_token);
        scheme.eq_ignore_ascii_case("basic") && decoded == expected.as_bytes()
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Self::new(Self::DEFAULT_ACCOUNT_SID, Self::DEFAULT_API_KEY, Self::DEFAULT_API_TOKEN)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("account_sid", &self.account_sid).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn basic_with_the_key_and_token_only() {
        let credentials = Credentials::new("sid", "key", "tok:en");
        let basic = |user_pass: &str| format!("Basic {}", STANDARD.encode(user_pass));
        assert!(credentials.authorizes(&with_authorization(&basic("key:tok:en"))));
        assert!(credentials.authorizes(&with_authorization(&basic("key:tok:en").replace("Basic", "basic"))));
        assert!(!credentials.authorizes(&with_authorization(&basic("key:tok"))));
        assert!(!credentials.authorizes(&with_authorization(&basic("key:tok:en2"))));
        assert!(!credentials.authorizes(&with_authorization(&basic("kez:tok:en"))));
        assert!(!credentials.authorizes(&with_authorization(&basic("sid:tok:en"))));
        assert!(
            !credentials.authorizes(&with_authorization(&basic("key:tok:en").replace("Basic", "Bearer")))
        );
        assert!(!credentials.authorizes(&with_authorization("Basic not-base64!")));
        assert!(!credentials.authorizes(&with_authorization("Basic")));
        assert!(!credentials.authorizes(&HeaderMap::new()));
    }

    #[test]
    fn debug_hides_the_key_and_token() {
        let shown = format!("{:?}", Credentials::new("sid-1", "key-secret", "token-secret"));
        assert!(shown.contains("sid-1"));
        assert!(!shown.contains("secret"), "{shown}");
    }
}
