//! The account's API key, token and SID, kept out of every `Debug` output.

use core::fmt;

use http::HeaderValue;

use super::ConfigError;

/// An Exotel account's API credentials (API settings in the dashboard).
///
/// The key and token only ever leave as an `Authorization: Basic` header marked sensitive; the
/// `Debug` output redacts both, and the type cannot be serialized.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::Credentials;
/// let credentials = Credentials::new("key123", "token456", "acme1")?;
/// let shown = format!("{credentials:?}");
/// assert!(shown.contains("acme1") && !shown.contains("key123") && !shown.contains("token456"));
/// # Ok::<(), exotel_whatsapp::send::ConfigError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    api_key: String,
    api_token: String,
    account_sid: String,
}

impl Credentials {
    /// Checks the three parts.
    ///
    /// # Errors
    /// [`ConfigError::ApiKey`] for an empty key or one holding `:` (Basic authentication separates
    /// key and token with it), [`ConfigError::ApiToken`] for an empty token,
    /// [`ConfigError::AccountSid`] for a SID that is empty or holds anything but ASCII letters,
    /// digits, `-` and `_` (it is a URL path segment).
    pub fn new(
        api_key: impl Into<String>,
        api_token: impl Into<String>,
        account_sid: impl Into<String>,
    ) -> Result<Self, ConfigError> {
        let (api_key, api_token, account_sid) = (api_key.into(), api_token.into(), account_sid.into());
        if api_key.is_empty() || api_key.contains(':') {
            return Err(ConfigError::ApiKey);
        }
        if api_token.is_empty() {
            return Err(ConfigError::ApiToken);
        }
        let path_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if account_sid.is_empty() || !account_sid.chars().all(path_safe) {
            return Err(ConfigError::AccountSid);
        }
        Ok(Credentials { api_key, api_token, account_sid })
    }

    /// The account SID, which names the account in the URL path; not a secret.
    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// The `Authorization: Basic …` value (RFC 7617), marked sensitive so that HTTP stacks keep it
    /// out of their logs.
    pub(crate) fn authorization(&self) -> Result<HeaderValue, ConfigError> {
        let mut value = String::from("Basic ");
        base64(format!("{}:{}", self.api_key, self.api_token).as_bytes(), &mut value);
        let mut header = HeaderValue::try_from(value).map_err(|_| ConfigError::ApiToken)?;
        header.set_sensitive(true);
        Ok(header)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"<redacted>")
            .field("api_token", &"<redacted>")
            .field("account_sid", &self.account_sid)
            .finish()
    }
}

/// Standard base64 with padding (RFC 4648 §4), the encoding of Basic credentials; written here
/// because the core takes no dependency beyond `serde`, `serde_json` and `http`.
fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().zip([16, 8, 0]).fold(0, |n, (&byte, shift)| n | u32::from(byte) << shift);
        // n bytes fill n + 1 sextets; `=` pads the group to four characters.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
        out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::{Credentials, base64};
    use crate::send::ConfigError;

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            base64(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
        }
        let mut out = String::new();
        base64(&[0xfb, 0xff, 0xbf], &mut out);
        assert_eq!(out, "+/+/");
    }

    #[test]
    fn the_authorization_header_is_basic_and_sensitive() {
        // RFC 7617 §2's example, with a multi-byte token.
        let header = Credentials::new("Aladdin", "open sesame", "a1").unwrap().authorization().unwrap();
        assert_eq!(header.to_str().unwrap(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(header.is_sensitive());
        let header = Credentials::new("k", "tökén", "a1").unwrap().authorization().unwrap();
        assert_eq!(header.to_str().unwrap(), "Basic azp0w7Zrw6lu");
    }

    #[test]
    fn each_part_is_checked() {
        assert_eq!(Credentials::new("", "t", "a").unwrap_err(), ConfigError::ApiKey);
        assert_eq!(Credentials::new("k:x", "t", "a").unwrap_err(), ConfigError::ApiKey);
        assert_eq!(Credentials::new("k", "", "a").unwrap_err(), ConfigError::ApiToken);
        for sid in ["", "a/b", "a?b", "..", "añ", "a b"] {
            assert_eq!(Credentials::new("k", "t", sid).unwrap_err(), ConfigError::AccountSid, "{sid}");
        }
        assert!(Credentials::new("k", "t:with:colons", "Acme-1_x").is_ok());
    }
}
