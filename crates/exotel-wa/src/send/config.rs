//! Where and as whom `send` sends, from the environment and the flags.

use std::time::Duration;

use exotel_whatsapp_client::{DEFAULT_CONNECT_TIMEOUT, Settings};
use exotel_whatsapp_core::send::{Api, Credentials, Endpoint, Policy};

/// The API key's variable.
pub const API_KEY: &str = "EXOTEL_API_KEY";
/// The API token's variable.
pub const API_TOKEN: &str = "EXOTEL_API_TOKEN";
/// The account SID's variable.
pub const ACCOUNT_SID: &str = "EXOTEL_ACCOUNT_SID";
/// The API host's variable (`api.exotel.com`, `api.in.exotel.com`).
pub const SUBDOMAIN: &str = "EXOTEL_SUBDOMAIN";

/// A variable's value; unset and empty are both missing.
fn var(name: &str) -> Result<String, String> {
    std::env::var(name).ok().filter(|value| !value.is_empty()).ok_or_else(|| format!("{name} is not set"))
}

/// The endpoint: `--base-url` (or `EXOTEL_BASE_URL`), else `https://` and `EXOTEL_SUBDOMAIN`,
/// else `api.exotel.com`.
pub fn endpoint(base_url: Option<&str>) -> Result<Endpoint, String> {
    if let Some(url) = base_url {
        return Endpoint::parse(url).map_err(|error| format!("--base-url {url}: {error}"));
    }
    match var(SUBDOMAIN) {
        Ok(host) => Endpoint::host(&host).map_err(|error| format!("{SUBDOMAIN}={host}: {error}")),
        Err(_) => Ok(Endpoint::default()),
    }
}

/// The credentials from the three variables; the error names the first one missing. Values
/// are never part of an error.
pub fn credentials() -> Result<Credentials, String> {
    let (key, token, sid) = (var(API_KEY)?, var(API_TOKEN)?, var(ACCOUNT_SID)?);
    Credentials::new(key, token, sid).map_err(|error| error.to_string())
}

/// The URL a dry run prints: only the account SID is needed, since nothing is sent.
pub fn dry_run_url(endpoint: &Endpoint) -> Result<String, String> {
    // Placeholders stand in for the key and token: they only shape a header that is never used.
    let credentials =
        Credentials::new("dry-run", "dry-run", var(ACCOUNT_SID)?).map_err(|error| error.to_string())?;
    let api = Api::new(endpoint, &credentials).map_err(|error| error.to_string())?;
    Ok(api.url().to_string())
}

/// The client's settings: `retries` retries after the first attempt, `timeout` per request.
pub fn settings(credentials: Credentials, endpoint: Endpoint, retries: u32, timeout: Duration) -> Settings {
    Settings::new(credentials)
        .endpoint(endpoint)
        .policy(Policy::default().attempts(retries.saturating_add(1)))
        .timeouts(DEFAULT_CONNECT_TIMEOUT.min(timeout), timeout)
}
