//! Where requests go: Exotel's two clusters, or a base URL of your own.

use core::fmt;
use std::net::IpAddr;

use http::Uri;

use super::ConfigError;

/// Exotel's clusters; an account lives on one, shown as the "Subdomain" in its API settings.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::{Endpoint, Region};
/// assert_eq!(Endpoint::from(Region::Mumbai).as_str(), "https://api.in.exotel.com");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// Singapore, `api.exotel.com`: the default for accounts (dashboard `my.exotel.com`).
    #[default]
    Singapore,
    /// Mumbai, `api.in.exotel.com` (dashboard `my.mum1.exotel.com`).
    Mumbai,
}

impl Region {
    /// The cluster's API host.
    pub fn host(self) -> &'static str {
        match self {
            Region::Singapore => "api.exotel.com",
            Region::Mumbai => "api.in.exotel.com",
        }
    }
}

/// The base URL requests are sent under, checked: `https`, or `http` to a loopback host (a local
/// sandbox or a test server); no user name or password, no query.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::Endpoint;
/// assert_eq!(Endpoint::parse("https://proxy.example.com/exotel/")?.as_str(), "https://proxy.example.com/exotel");
/// assert!(Endpoint::parse("http://127.0.0.1:8080").is_ok());
/// assert!(Endpoint::parse("http://api.exotel.com").is_err());
/// assert!(Endpoint::parse("https://key:token@api.exotel.com").is_err());
/// # Ok::<(), exotel_whatsapp::send::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The base, without a trailing `/`.
    base: String,
}

impl Endpoint {
    /// Checks a base URL.
    ///
    /// # Errors
    /// [`ConfigError::BaseUrl`] when it is not an absolute `http(s)` URL, is plain `http` to a host
    /// that is not loopback, or carries credentials, a query or a fragment.
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        let bad = |reason: &'static str| ConfigError::BaseUrl { reason };
        if url.contains('#') {
            return Err(bad("a fragment is not allowed"));
        }
        let uri: Uri = url.parse().map_err(|_| bad("not a URL"))?;
        let authority = uri.authority().ok_or(bad("not an absolute URL with a host"))?;
        if authority.as_str().contains('@') {
            return Err(bad("credentials go in the Authorization header, never in the URL"));
        }
        if uri.query().is_some() {
            return Err(bad("a query is not allowed"));
        }
        let scheme = match uri.scheme_str() {
            Some("https") => "https",
            Some("http") if is_loopback(authority.host()) => "http",
            Some("http") => return Err(bad("plain http is allowed only to a loopback host")),
            _ => return Err(bad("the scheme must be https")),
        };
        let path = uri.path().trim_end_matches('/');
        Ok(Endpoint { base: format!("{scheme}://{authority}{path}") })
    }

    /// The endpoint of an API host such as `api.exotel.com` (the `EXOTEL_SUBDOMAIN` convention),
    /// over `https`.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::send::Endpoint;
    /// assert_eq!(Endpoint::host("api.in.exotel.com")?.as_str(), "https://api.in.exotel.com");
    /// assert!(Endpoint::host("api.exotel.com/evil?").is_err());
    /// # Ok::<(), exotel_whatsapp::send::ConfigError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::BaseUrl`] when `host` is not a bare host name (with an optional port).
    pub fn host(host: &str) -> Result<Self, ConfigError> {
        if host.contains(['/', '?', '#', '@']) || host.is_empty() {
            return Err(ConfigError::BaseUrl { reason: "not a bare host name" });
        }
        Self::parse(&format!("https://{host}"))
    }

    /// The base URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
    }
}

impl From<Region> for Endpoint {
    fn from(region: Region) -> Self {
        Endpoint { base: format!("https://{}", region.host()) }
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Region::default().into()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

/// `localhost`, or an IP address in 127.0.0.0/8 or `::1`.
fn is_loopback(host: &str) -> bool {
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{Endpoint, Region};

    #[test]
    fn loopback_hosts_may_use_plain_http_and_others_may_not() {
        for url in ["http://127.0.0.1:9", "http://127.8.0.1", "http://[::1]:80/x", "http://LOCALHOST:1"] {
            assert!(Endpoint::parse(url).is_ok(), "{url}");
        }
        for url in ["http://128.0.0.1", "http://[::2]", "http://localhost.example.com", "http://10.0.0.1"] {
            assert!(Endpoint::parse(url).is_err(), "{url}");
        }
    }

    #[test]
    fn a_base_url_keeps_its_path_without_trailing_slashes() {
        let endpoint = Endpoint::parse("https://gw.example.com:8443/a/b//").unwrap();
        assert_eq!(endpoint.as_str(), "https://gw.example.com:8443/a/b");
        assert_eq!(Endpoint::parse("https://api.exotel.com").unwrap(), Endpoint::from(Region::Singapore));
    }

    #[test]
    fn urls_with_credentials_queries_fragments_or_other_schemes_are_refused() {
        for url in [
            "https://k@api.exotel.com",
            "https://api.exotel.com?x=1",
            "https://api.exotel.com/#f",
            "ftp://api.exotel.com",
            "api.exotel.com",
            "/v2",
            "",
        ] {
            assert!(Endpoint::parse(url).is_err(), "{url}");
        }
    }
}
