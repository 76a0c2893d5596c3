//! A durable send ledger for Exotel WhatsApp campaigns. Use it through the `exotel-whatsapp`
//! facade (feature `queue`) as `exotel_whatsapp::queue`, or as `exotel-wa queue`.
//!
//! Each message has one row and one [`State`]. A worker writes `claimed` **before** it posts a
//! message, so a crash leaves a claim, which recovery turns into `ambiguous`, never into a
//! silent resend. Each message carries a correlation id in its `custom_data`, echoed by its
//! delivery reports, which settle ambiguous messages; [`Store::resend_ambiguous`] is the explicit
//! resend. Storage is a [`Store`]: [`SqliteStore`] (one file, the default) or, with the feature
//! `postgres`, `PostgresStore` (many machines).
//!
//! ```
//! use exotel_whatsapp::queue::{self, Document, Store};
//! use exotel_whatsapp::{content::Text, Message, Request};
//!
//! let mut store = queue::open("sqlite::memory:")?;
//! let message = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
//! store.add(&Document::new(&[Request::new([message])?]), false)?;
//! let claim = store.claim("worker-1", 100)?.expect("one message queued");
//! assert_eq!(claim.messages.len(), 1);
//! assert_eq!(store.counts()?.claimed, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod document;
#[cfg(feature = "postgres")]
mod postgres;
mod row;
mod run;
mod sqlite;
mod state;
mod store;

pub use document::{CORRELATION_PREFIX, Document, Row};
#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
pub use run::{Options, Progress, Worker};
pub use sqlite::SqliteStore;
pub use state::{ABANDONED, Refused, State};
pub use store::{Added, Claim, Claimed, Counts, Store, StoreError};

/// The store a URL names: `sqlite:PATH` (`sqlite::memory:` for one in memory) or, with the
/// feature `postgres`, `postgres://…`.
///
/// ```
/// let store = exotel_whatsapp::queue::open("sqlite::memory:");
/// assert!(store.is_ok());
/// ```
pub fn open(url: &str) -> Result<Box<dyn Store>, StoreError> {
    if let Some(path) = url.strip_prefix("sqlite:") {
        return Ok(Box::new(if path == ":memory:" {
            SqliteStore::in_memory()?
        } else {
            SqliteStore::open(path)?
        }));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(PostgresStore::connect(url)?));
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::new("this build has no PostgreSQL support (the `postgres` feature)"));
    }
    let scheme = url.split(':').next().unwrap_or_default();
    Err(StoreError::new(format!("unsupported store `{scheme}:`: use sqlite:PATH or postgres://…")))
}
