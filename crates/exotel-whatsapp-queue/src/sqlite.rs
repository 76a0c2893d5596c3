//! The ledger in one SQLite file (WAL, busy timeout): the embedded default. Any number of
//! processes on one machine may share the file: a sender and a listener, or several senders.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::send::Outcome;
use exotel_whatsapp_core::status::DeliveryState;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::row::{self, Columns, Report};
use crate::{Added, Claim, Claimed, Counts, Document, State, Store, StoreError};

/// How long a statement waits for another process's write before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, digest TEXT NOT NULL, added_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS documents_digest ON documents (digest);
CREATE TABLE IF NOT EXISTS envelopes (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (id),
    envelope INTEGER NOT NULL REFERENCES envelopes (id),
    body TEXT NOT NULL,
    correlation TEXT NOT NULL,
    state TEXT NOT NULL,
    worker TEXT,
    claims INTEGER NOT NULL DEFAULT 0,
    sid TEXT,
    delivery TEXT,
    code INTEGER,
    detail TEXT,
    changed_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_state ON messages (state, id);
CREATE INDEX IF NOT EXISTS messages_sid ON messages (sid);
CREATE INDEX IF NOT EXISTS messages_correlation ON messages (correlation);
CREATE TABLE IF NOT EXISTS callbacks (
    key TEXT PRIMARY KEY,
    sid TEXT,
    correlation TEXT,
    delivery TEXT NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS callbacks_sid ON callbacks (sid);
CREATE INDEX IF NOT EXISTS callbacks_correlation ON callbacks (correlation);
CREATE TABLE IF NOT EXISTS workers (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pacing (id INTEGER PRIMARY KEY CHECK (id = 1), next_at INTEGER NOT NULL);
";

/// The ledger in a SQLite file.
///
/// ```
/// use exotel_whatsapp::queue::{SqliteStore, Store};
/// let dir = std::env::temp_dir().join(format!("exotel-wa-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let mut store = SqliteStore::open(dir.join("campaign.db"))?;
/// assert_eq!(store.counts()?.total, 0);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
}

#[allow(clippy::needless_pass_by_value, reason = "used as `map_err(error)`")]
fn error(error: rusqlite::Error) -> StoreError {
    StoreError::new(format!("SQLite: {error}"))
}

/// Milliseconds since the Unix epoch.
fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl SqliteStore {
    /// Opens (creating if needed) the ledger in the file at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let connection = Connection::open(path).map_err(error)?;
        Self::setup(connection)
    }

    /// A ledger in memory, gone when dropped: for tests.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory().map_err(error)?)
    }

    fn setup(connection: Connection) -> Result<Self, StoreError> {
        connection.busy_timeout(BUSY_TIMEOUT).map_err(error)?;
        // WAL: readers never block the writer, and a listener and a sender share the file.
        connection.pragma_update(None, "journal_mode", "WAL").map_err(error)?;
        connection.pragma_update(None, "synchronous", "FULL").map_err(error)?;
        connection.pragma_update(None, "foreign_keys", "ON").map_err(error)?;
        connection.execute_batch(SCHEMA).map_err(error)?;
        Ok(SqliteStore { connection })
    }

    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        self.connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(error)
    }
}

/// Writes `state` to message `id`.
fn put(tx: &Transaction<'_>, id: i64, state: &State, at: i64) -> Result<(), StoreError> {
    let c = Columns::from(state);
    tx.prepare_cached(
        "UPDATE messages SET state = ?1, sid = ?2, delivery = ?3, code = ?4, detail = ?5, changed_at = ?6 WHERE id = ?7",
    )
    .and_then(|mut statement| statement.execute(params![c.state, c.sid, c.delivery, c.code, c.detail, at, id]))
    .map_err(error)?;
    Ok(())
}

/// Message `id`'s state (if `claim` is given, only while that is its latest claim).
fn get(tx: &Transaction<'_>, id: i64, claim: Option<i64>) -> Result<Option<State>, StoreError> {
    tx.prepare_cached(
        "SELECT state, sid, delivery, code, detail FROM messages WHERE id = ?1 AND (?2 IS NULL OR claims = ?2)",
    )
    .and_then(|mut statement| {
        statement
            .query_row(params![id, claim], |r| {
                Ok(row::state(&r.get::<_, String>(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?.as_deref(), r.get(3)?, r.get(4)?))
            })
            .optional()
    })
    .map(Option::flatten)
    .map_err(error)
}

/// The fold of every report received for `sid`.
fn delivery(tx: &Transaction<'_>, sid: &str) -> Result<DeliveryState, StoreError> {
    let mut statement = tx.prepare_cached("SELECT delivery FROM callbacks WHERE sid = ?1").map_err(error)?;
    let states = statement
        .query_map([sid], |r| r.get::<_, String>(0))
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(error)?;
    Ok(DeliveryState::fold(states.iter().map(|name| row::delivery_state(name))))
}

/// Settles ambiguous message `id` from a report already received for its correlation id,
/// when no other message carries that id.
fn resolve(tx: &Transaction<'_>, id: i64, correlation: &str, at: i64) -> Result<(), StoreError> {
    let sharing: i64 = tx
        .query_row("SELECT count(*) FROM messages WHERE correlation = ?1", [correlation], |r| r.get(0))
        .map_err(error)?;
    let sid: Option<String> = tx
        .query_row(
            "SELECT sid FROM callbacks WHERE correlation = ?1 AND sid IS NOT NULL LIMIT 1",
            [correlation],
            |r| r.get(0),
        )
        .optional()
        .map_err(error)?;
    let (Some(sid), 1) = (sid, sharing) else { return Ok(()) };
    let delivery = delivery(tx, &sid)?;
    if let Some(next) = get(tx, id, None)?.and_then(|state| state.report(&sid, delivery).ok()) {
        put(tx, id, &next, at)?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn add(&mut self, document: &Document, allow_duplicates: bool) -> Result<Added, StoreError> {
        let tx = self.write()?;
        let at = now();
        let copies: i64 = tx
            .query_row("SELECT count(*) FROM documents WHERE digest = ?1", [document.digest()], |r| r.get(0))
            .map_err(error)?;
        if copies > 0 && !allow_duplicates {
            return Ok(Added::Duplicate);
        }
        tx.execute(
            "INSERT INTO documents (digest, added_at) VALUES (?1, ?2)",
            params![document.digest(), at],
        )
        .map_err(error)?;
        let doc = tx.last_insert_rowid();
        let rows = document.rows(u64::try_from(copies).unwrap_or_default());
        {
            let mut envelope = tx
                .prepare_cached(
                    "INSERT INTO envelopes (digest, body) VALUES (?1, ?2)
                     ON CONFLICT (digest) DO UPDATE SET body = body RETURNING id",
                )
                .map_err(error)?;
            let mut message = tx
                .prepare_cached(
                    "INSERT INTO messages (document, envelope, body, correlation, state, changed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(error)?;
            let queued = State::Queued.name();
            for row in &rows {
                let id: i64 = envelope
                    .query_row(params![row::sha256(&row.envelope), row.envelope], |r| r.get(0))
                    .map_err(error)?;
                message.execute(params![doc, id, row.body, row.correlation, queued, at]).map_err(error)?;
            }
        }
        tx.commit().map_err(error)?;
        Ok(Added::Queued(rows.len()))
    }

    fn heartbeat(&mut self, worker: &str) -> Result<(), StoreError> {
        self.connection
            .execute(
                "INSERT INTO workers (id, seen_at) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET seen_at = ?2",
                params![worker, now()],
            )
            .map_err(error)?;
        Ok(())
    }

    fn retire(&mut self, worker: &str) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM workers WHERE id = ?1", [worker]).map_err(error)?;
        Ok(())
    }

    fn recover(&mut self, lease: Duration) -> Result<u64, StoreError> {
        let tx = self.write()?;
        let at = now();
        let stale: Vec<(i64, String)> = tx
            .prepare(
                "SELECT id, correlation FROM messages WHERE state = 'claimed'
                 AND worker NOT IN (SELECT id FROM workers WHERE seen_at >= ?1)",
            )
            .and_then(|mut s| s.query_map([at - millis(lease)], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(error)?;
        let next = State::Claimed.abandon().map_err(|e| StoreError::new(e.to_string()))?;
        for (id, correlation) in &stale {
            put(&tx, *id, &next, at)?;
            resolve(&tx, *id, correlation, at)?;
        }
        tx.commit().map_err(error)?;
        Ok(stale.len() as u64)
    }

    fn claim(&mut self, worker: &str, max: usize) -> Result<Option<Claim>, StoreError> {
        let tx = self.write()?;
        let at = now();
        let limit = i64::try_from(max).unwrap_or(i64::MAX);
        let first: Option<i64> = tx
            .query_row("SELECT envelope FROM messages WHERE state = 'queued' ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(error)?;
        let Some(envelope) = first else { return Ok(None) };
        let claimed = State::Queued.claim().map_err(|e| StoreError::new(e.to_string()))?;
        let messages: Vec<(Claimed, String)> = tx
            .prepare(
                "UPDATE messages SET state = ?1, worker = ?2, claims = claims + 1, changed_at = ?3
                 WHERE id IN (SELECT id FROM messages WHERE state = 'queued' AND envelope = ?4 ORDER BY id LIMIT ?5)
                 RETURNING id, claims, body",
            )
            .and_then(|mut s| {
                s.query_map(params![claimed.name(), worker, at, envelope, limit], |r| {
                    Ok((Claimed { id: r.get(0)?, claim: r.get(1)? }, r.get(2)?))
                })?
                .collect()
            })
            .map_err(error)?;
        let body: String = tx
            .query_row("SELECT body FROM envelopes WHERE id = ?1", [envelope], |r| r.get(0))
            .map_err(error)?;
        tx.commit().map_err(error)?;
        let mut messages = messages;
        messages.sort_by_key(|(claimed, _)| claimed.id);
        Ok(Some(Claim { envelope: body, messages }))
    }

    fn settle(&mut self, outcomes: &[(Claimed, Outcome)]) -> Result<(), StoreError> {
        let tx = self.write()?;
        let at = now();
        for (claimed, outcome) in outcomes {
            let Some(next) =
                get(&tx, claimed.id, Some(claimed.claim))?.and_then(|state| state.settle(outcome).ok())
            else {
                continue;
            };
            match &next {
                State::Accepted { sid, .. } => {
                    let folded = delivery(&tx, sid)?;
                    put(&tx, claimed.id, &State::Accepted { sid: sid.clone(), delivery: folded }, at)?;
                }
                State::Ambiguous { .. } => {
                    put(&tx, claimed.id, &next, at)?;
                    let correlation: String = tx
                        .query_row("SELECT correlation FROM messages WHERE id = ?1", [claimed.id], |r| {
                            r.get(0)
                        })
                        .map_err(error)?;
                    resolve(&tx, claimed.id, &correlation, at)?;
                }
                _ => put(&tx, claimed.id, &next, at)?,
            }
        }
        tx.commit().map_err(error)
    }

    fn report(&mut self, events: &[Event]) -> Result<u64, StoreError> {
        let tx = self.write()?;
        let at = now();
        let mut new = 0;
        for report in events.iter().filter_map(Report::of) {
            let inserted = tx
                .prepare_cached(
                    "INSERT INTO callbacks (key, sid, correlation, delivery, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (key) DO NOTHING",
                )
                .and_then(|mut s| s.execute(params![report.key, report.sid, report.correlation, report.delivery, at]))
                .map_err(error)?;
            if inserted == 0 {
                continue;
            }
            new += 1;
            if let Some(sid) = &report.sid {
                let ids: Vec<i64> = tx
                    .prepare_cached("SELECT id FROM messages WHERE sid = ?1 AND state = 'accepted'")
                    .and_then(|mut s| s.query_map([sid], |r| r.get(0))?.collect())
                    .map_err(error)?;
                for id in ids {
                    let state = row::delivery_state(report.delivery);
                    if let Some(next) = get(&tx, id, None)?.and_then(|s| s.report(sid, state).ok()) {
                        put(&tx, id, &next, at)?;
                    }
                }
            }
            if let Some(correlation) = &report.correlation {
                let ambiguous: Vec<i64> = tx
                    .prepare_cached("SELECT id FROM messages WHERE correlation = ?1 AND state = 'ambiguous'")
                    .and_then(|mut s| s.query_map([correlation], |r| r.get(0))?.collect())
                    .map_err(error)?;
                for id in ambiguous {
                    resolve(&tx, id, correlation, at)?;
                }
            }
        }
        tx.commit().map_err(error)?;
        Ok(new)
    }

    fn resend_ambiguous(&mut self, older_than: Duration) -> Result<u64, StoreError> {
        let tx = self.write()?;
        let at = now();
        let queued = State::Ambiguous { reason: String::new() }
            .resend()
            .map_err(|e| StoreError::new(e.to_string()))?;
        let changed = tx
            .execute(
                "UPDATE messages SET state = ?1, worker = NULL, detail = NULL, changed_at = ?2
                 WHERE state = 'ambiguous' AND changed_at <= ?3",
                params![queued.name(), at, at - millis(older_than)],
            )
            .map_err(error)?;
        tx.commit().map_err(error)?;
        Ok(changed as u64)
    }

    fn pace(&mut self, interval: Duration) -> Result<Duration, StoreError> {
        let tx = self.write()?;
        let at = now();
        let next: i64 = tx
            .query_row("SELECT next_at FROM pacing WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(error)?
            .unwrap_or(at);
        let start = next.max(at);
        tx.execute(
            "INSERT INTO pacing (id, next_at) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET next_at = ?1",
            [start.saturating_add(millis(interval))],
        )
        .map_err(error)?;
        tx.commit().map_err(error)?;
        Ok(Duration::from_millis(u64::try_from(start - at).unwrap_or_default()))
    }

    fn counts(&mut self) -> Result<Counts, StoreError> {
        let tx = self.connection.transaction().map_err(error)?;
        let mut counts = Counts::default();
        let rows: Vec<(String, Option<String>, i64)> = tx
            .prepare("SELECT state, delivery, count(*) FROM messages GROUP BY state, delivery")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
            .map_err(error)?;
        for (state, delivery, n) in rows {
            counts.tally(&state, delivery.as_deref(), u64::try_from(n).unwrap_or_default());
        }
        Ok(counts)
    }
}
