//! The ledger in PostgreSQL, for workers and receivers on many machines: claims take batches
//! with `FOR UPDATE SKIP LOCKED`, so no two workers claim one message; reports are inserted once
//! on their de-duplication key; times are the server's, so machines' clocks do not matter.

use std::time::Duration;

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::send::Outcome;
use exotel_whatsapp_core::status::DeliveryState;
use postgres::{Client, NoTls, Transaction};

use crate::row::{self, Columns, Report};
use crate::{Added, Claim, Claimed, Counts, Document, State, Store, StoreError};

/// Taken while the schema is created, so that workers starting together do not race.
const SCHEMA_LOCK: i64 = 0x6578_6f74_656c;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (id BIGSERIAL PRIMARY KEY, digest TEXT NOT NULL, added_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_digest ON documents (digest);
CREATE TABLE IF NOT EXISTS envelopes (id BIGSERIAL PRIMARY KEY, digest TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    id BIGSERIAL PRIMARY KEY,
    document BIGINT NOT NULL REFERENCES documents (id),
    envelope BIGINT NOT NULL REFERENCES envelopes (id),
    body TEXT NOT NULL,
    correlation TEXT NOT NULL,
    state TEXT NOT NULL,
    worker TEXT,
    claims BIGINT NOT NULL DEFAULT 0,
    sid TEXT,
    delivery TEXT,
    code BIGINT,
    detail TEXT,
    changed_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_state ON messages (state, id);
CREATE INDEX IF NOT EXISTS messages_sid ON messages (sid);
CREATE INDEX IF NOT EXISTS messages_correlation ON messages (correlation);
CREATE TABLE IF NOT EXISTS callbacks (
    key TEXT PRIMARY KEY,
    sid TEXT,
    correlation TEXT,
    delivery TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS callbacks_sid ON callbacks (sid);
CREATE INDEX IF NOT EXISTS callbacks_correlation ON callbacks (correlation);
CREATE TABLE IF NOT EXISTS workers (id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS pacing (id INT PRIMARY KEY CHECK (id = 1), next_at BIGINT NOT NULL);
INSERT INTO pacing (id, next_at) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
";

/// The ledger in a PostgreSQL database (feature `postgres`).
///
/// ```no_run
/// use exotel_whatsapp::queue::{PostgresStore, Store};
/// let mut store = PostgresStore::connect("postgres://exotel@127.0.0.1/campaigns")?;
/// println!("{} queued", store.counts()?.queued);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct PostgresStore {
    client: Client,
}

impl core::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The connection's parameters may hold a password.
        f.write_str("PostgresStore")
    }
}

fn error(error: &postgres::Error) -> StoreError {
    // The driver's messages name no password.
    StoreError::new(format!("PostgreSQL: {error}"))
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// The server's time, in milliseconds since the Unix epoch.
fn now(tx: &mut Transaction<'_>) -> Result<i64, StoreError> {
    tx.query_one("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT", &[])
        .map(|row| row.get(0))
        .map_err(|e| error(&e))
}

impl PostgresStore {
    /// Connects (without TLS: keep the database on a private network or loopback) and creates
    /// the schema if needed.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(|e| error(&e))?;
        let mut tx = client.transaction().map_err(|e| error(&e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK]).map_err(|e| error(&e))?;
        tx.batch_execute(SCHEMA).map_err(|e| error(&e))?;
        tx.commit().map_err(|e| error(&e))?;
        Ok(PostgresStore { client })
    }

    fn begin(&mut self) -> Result<(Transaction<'_>, i64), StoreError> {
        let mut tx = self.client.transaction().map_err(|e| error(&e))?;
        let at = now(&mut tx)?;
        Ok((tx, at))
    }
}

/// Writes `state` to message `id`.
fn put(tx: &mut Transaction<'_>, id: i64, state: &State, at: i64) -> Result<(), StoreError> {
    let c = Columns::from(state);
    tx.execute(
        "UPDATE messages SET state = $1, sid = $2, delivery = $3, code = $4, detail = $5, changed_at = $6 WHERE id = $7",
        &[&c.state, &c.sid, &c.delivery, &c.code, &c.detail, &at, &id],
    )
    .map_err(|e| error(&e))?;
    Ok(())
}

/// Message `id`'s state, locked until the transaction ends (if `claim` is given, only while that
/// is its latest claim).
fn get(tx: &mut Transaction<'_>, id: i64, claim: Option<i64>) -> Result<Option<State>, StoreError> {
    let row = tx
        .query_opt(
            "SELECT state, sid, delivery, code, detail FROM messages
             WHERE id = $1 AND ($2::BIGINT IS NULL OR claims = $2) FOR UPDATE",
            &[&id, &claim],
        )
        .map_err(|e| error(&e))?;
    Ok(row.and_then(|r| row::state(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))))
}

/// The fold of every report received for `sid`.
fn delivery(tx: &mut Transaction<'_>, sid: &str) -> Result<DeliveryState, StoreError> {
    let rows = tx.query("SELECT delivery FROM callbacks WHERE sid = $1", &[&sid]).map_err(|e| error(&e))?;
    Ok(DeliveryState::fold(rows.iter().map(|r| row::delivery_state(r.get(0)))))
}

/// Settles ambiguous message `id` from a report already received for its correlation id,
/// when no other message carries that id.
fn resolve(tx: &mut Transaction<'_>, id: i64, correlation: &str, at: i64) -> Result<(), StoreError> {
    let sharing: i64 = tx
        .query_one("SELECT count(*) FROM messages WHERE correlation = $1", &[&correlation])
        .map(|r| r.get(0))
        .map_err(|e| error(&e))?;
    let sid: Option<String> = tx
        .query_opt(
            "SELECT sid FROM callbacks WHERE correlation = $1 AND sid IS NOT NULL LIMIT 1",
            &[&correlation],
        )
        .map_err(|e| error(&e))?
        .map(|r| r.get(0));
    let (Some(sid), 1) = (sid, sharing) else { return Ok(()) };
    let delivery = delivery(tx, &sid)?;
    if let Some(next) = get(tx, id, None)?.and_then(|state| state.report(&sid, delivery).ok()) {
        put(tx, id, &next, at)?;
    }
    Ok(())
}

fn refused(refused: crate::Refused) -> StoreError {
    StoreError::new(refused.to_string())
}

impl Store for PostgresStore {
    fn add(&mut self, document: &Document, allow_duplicates: bool) -> Result<Added, StoreError> {
        let (mut tx, at) = self.begin()?;
        // One adder at a time per content, so that two adds of one document cannot both pass.
        tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&document.digest()])
            .map_err(|e| error(&e))?;
        let copies: i64 = tx
            .query_one("SELECT count(*) FROM documents WHERE digest = $1", &[&document.digest()])
            .map(|r| r.get(0))
            .map_err(|e| error(&e))?;
        if copies > 0 && !allow_duplicates {
            return Ok(Added::Duplicate);
        }
        let doc: i64 = tx
            .query_one(
                "INSERT INTO documents (digest, added_at) VALUES ($1, $2) RETURNING id",
                &[&document.digest(), &at],
            )
            .map(|r| r.get(0))
            .map_err(|e| error(&e))?;
        let rows = document.rows(u64::try_from(copies).unwrap_or_default());
        let envelope = tx
            .prepare(
                "INSERT INTO envelopes (digest, body) VALUES ($1, $2)
                 ON CONFLICT (digest) DO UPDATE SET body = EXCLUDED.body RETURNING id",
            )
            .map_err(|e| error(&e))?;
        let message = tx
            .prepare(
                "INSERT INTO messages (document, envelope, body, correlation, state, changed_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .map_err(|e| error(&e))?;
        let queued = State::Queued.name();
        for row in &rows {
            let id: i64 = tx
                .query_one(&envelope, &[&row::sha256(&row.envelope), &row.envelope])
                .map(|r| r.get(0))
                .map_err(|e| error(&e))?;
            tx.execute(&message, &[&doc, &id, &row.body, &row.correlation, &queued, &at])
                .map_err(|e| error(&e))?;
        }
        tx.commit().map_err(|e| error(&e))?;
        Ok(Added::Queued(rows.len()))
    }

    fn heartbeat(&mut self, worker: &str) -> Result<(), StoreError> {
        let (mut tx, at) = self.begin()?;
        tx.execute(
            "INSERT INTO workers (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = $2",
            &[&worker, &at],
        )
        .map_err(|e| error(&e))?;
        tx.commit().map_err(|e| error(&e))
    }

    fn retire(&mut self, worker: &str) -> Result<(), StoreError> {
        self.client.execute("DELETE FROM workers WHERE id = $1", &[&worker]).map_err(|e| error(&e))?;
        Ok(())
    }

    fn recover(&mut self, lease: Duration) -> Result<u64, StoreError> {
        let (mut tx, at) = self.begin()?;
        let stale = tx
            .query(
                "SELECT id, correlation FROM messages WHERE state = 'claimed'
                 AND worker NOT IN (SELECT id FROM workers WHERE seen_at >= $1) FOR UPDATE SKIP LOCKED",
                &[&(at - millis(lease))],
            )
            .map_err(|e| error(&e))?;
        let next = State::Claimed.abandon().map_err(refused)?;
        for r in &stale {
            let (id, correlation): (i64, String) = (r.get(0), r.get(1));
            put(&mut tx, id, &next, at)?;
            resolve(&mut tx, id, &correlation, at)?;
        }
        tx.commit().map_err(|e| error(&e))?;
        Ok(stale.len() as u64)
    }

    fn claim(&mut self, worker: &str, max: usize) -> Result<Option<Claim>, StoreError> {
        let (mut tx, at) = self.begin()?;
        let limit = i64::try_from(max).unwrap_or(i64::MAX);
        let claimed = State::Queued.claim().map_err(refused)?;
        let rows = tx
            .query(
                "WITH first AS (
                     SELECT envelope FROM messages WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                 ), picked AS (
                     SELECT id FROM messages WHERE state = 'queued' AND envelope = (SELECT envelope FROM first)
                     ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED
                 )
                 UPDATE messages AS m SET state = $1, worker = $2, claims = m.claims + 1, changed_at = $3
                 FROM picked WHERE m.id = picked.id
                 RETURNING m.id, m.claims, m.body, m.envelope",
                &[&claimed.name(), &worker, &at, &limit],
            )
            .map_err(|e| error(&e))?;
        let Some(envelope) = rows.first().map(|r| r.get::<_, i64>(3)) else { return Ok(None) };
        let body: String = tx
            .query_one("SELECT body FROM envelopes WHERE id = $1", &[&envelope])
            .map(|r| r.get(0))
            .map_err(|e| error(&e))?;
        tx.commit().map_err(|e| error(&e))?;
        let mut messages: Vec<(Claimed, String)> =
            rows.iter().map(|r| (Claimed { id: r.get(0), claim: r.get(1) }, r.get(2))).collect();
        messages.sort_by_key(|(claimed, _)| claimed.id);
        Ok(Some(Claim { envelope: body, messages }))
    }

    fn settle(&mut self, outcomes: &[(Claimed, Outcome)]) -> Result<(), StoreError> {
        let (mut tx, at) = self.begin()?;
        for (claimed, outcome) in outcomes {
            let Some(next) =
                get(&mut tx, claimed.id, Some(claimed.claim))?.and_then(|state| state.settle(outcome).ok())
            else {
                continue;
            };
            match &next {
                State::Accepted { sid, .. } => {
                    let folded = delivery(&mut tx, sid)?;
                    put(&mut tx, claimed.id, &State::Accepted { sid: sid.clone(), delivery: folded }, at)?;
                }
                State::Ambiguous { .. } => {
                    put(&mut tx, claimed.id, &next, at)?;
                    let correlation: String = tx
                        .query_one("SELECT correlation FROM messages WHERE id = $1", &[&claimed.id])
                        .map(|r| r.get(0))
                        .map_err(|e| error(&e))?;
                    resolve(&mut tx, claimed.id, &correlation, at)?;
                }
                _ => put(&mut tx, claimed.id, &next, at)?,
            }
        }
        tx.commit().map_err(|e| error(&e))
    }

    fn report(&mut self, events: &[Event]) -> Result<u64, StoreError> {
        let (mut tx, at) = self.begin()?;
        let mut new = 0;
        for report in events.iter().filter_map(Report::of) {
            let inserted = tx
                .execute(
                    "INSERT INTO callbacks (key, sid, correlation, delivery, received_at) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (key) DO NOTHING",
                    &[&report.key, &report.sid, &report.correlation, &report.delivery, &at],
                )
                .map_err(|e| error(&e))?;
            if inserted == 0 {
                continue;
            }
            new += 1;
            if let Some(sid) = &report.sid {
                let ids = tx
                    .query("SELECT id FROM messages WHERE sid = $1 AND state = 'accepted'", &[sid])
                    .map_err(|e| error(&e))?;
                for id in ids.iter().map(|r| r.get::<_, i64>(0)) {
                    let state = row::delivery_state(report.delivery);
                    if let Some(next) = get(&mut tx, id, None)?.and_then(|s| s.report(sid, state).ok()) {
                        put(&mut tx, id, &next, at)?;
                    }
                }
            }
            if let Some(correlation) = &report.correlation {
                let ids = tx
                    .query(
                        "SELECT id FROM messages WHERE correlation = $1 AND state = 'ambiguous'",
                        &[correlation],
                    )
                    .map_err(|e| error(&e))?;
                for id in ids.iter().map(|r| r.get::<_, i64>(0)) {
                    resolve(&mut tx, id, correlation, at)?;
                }
            }
        }
        tx.commit().map_err(|e| error(&e))?;
        Ok(new)
    }

    fn resend_ambiguous(&mut self, older_than: Duration) -> Result<u64, StoreError> {
        let (mut tx, at) = self.begin()?;
        let queued = State::Ambiguous { reason: String::new() }.resend().map_err(refused)?;
        let changed = tx
            .execute(
                "UPDATE messages SET state = $1, worker = NULL, detail = NULL, changed_at = $2
                 WHERE state = 'ambiguous' AND changed_at <= $3",
                &[&queued.name(), &at, &(at - millis(older_than))],
            )
            .map_err(|e| error(&e))?;
        tx.commit().map_err(|e| error(&e))?;
        Ok(changed)
    }

    fn pace(&mut self, interval: Duration) -> Result<Duration, StoreError> {
        let (mut tx, at) = self.begin()?;
        let next: i64 = tx
            .query_one("SELECT next_at FROM pacing WHERE id = 1 FOR UPDATE", &[])
            .map(|r| r.get(0))
            .map_err(|e| error(&e))?;
        let start = next.max(at);
        tx.execute("UPDATE pacing SET next_at = $1 WHERE id = 1", &[&start.saturating_add(millis(interval))])
            .map_err(|e| error(&e))?;
        tx.commit().map_err(|e| error(&e))?;
        Ok(Duration::from_millis(u64::try_from(start - at).unwrap_or_default()))
    }

    fn counts(&mut self) -> Result<Counts, StoreError> {
        let rows = self
            .client
            .query("SELECT state, delivery, count(*) FROM messages GROUP BY state, delivery", &[])
            .map_err(|e| error(&e))?;
        let mut counts = Counts::default();
        for r in &rows {
            let (state, delivery, n): (&str, Option<&str>, i64) = (r.get(0), r.get(1), r.get(2));
            counts.tally(state, delivery, u64::try_from(n).unwrap_or_default());
        }
        Ok(counts)
    }
}
