//! Where events go before the acknowledgement: the user's database, a channel, a file. The
//! receiver answers 200 only after [`Sink::store`] returned `Ok`, so an event is never
//! acknowledged and then lost by this process; how durable it is after that is the sink's to say.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use exotel_whatsapp_core::callback::Event;
use tokio::sync::mpsc;

use crate::line::event_line;

/// Stores the events of one callback body before it is acknowledged.
///
/// The receiver calls `store` once per body with the events it has not seen before, in body
/// order, and one call at a time. `Ok` means "kept": the receiver answers 200 and remembers the
/// events' [`dedup_key`](Event::dedup_key)s. `Err` makes it answer
/// 500, so that Exotel retries the whole body; a sink that stored part of the events before
/// failing sees those again, so a durable store should write a batch in one transaction or ignore
/// keys it already holds (which also covers repeats after a restart, which the receiver's memory
/// does not).
///
/// ```
/// use std::sync::Mutex;
/// use exotel_whatsapp::callback::Event;
/// use exotel_whatsapp::webhook::Sink;
///
/// #[derive(Default)]
/// struct Keys(Mutex<Vec<String>>);
///
/// impl Sink for Keys {
///     type Error = std::convert::Infallible;
///     async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
///         let mut keys = self.0.lock().unwrap();
///         keys.extend(events.iter().map(|event| event.dedup_key().as_str().to_owned()));
///         Ok(())
///     }
/// }
/// ```
pub trait Sink: Send + Sync + 'static {
    /// Why the events could not be stored.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Keeps `events`; see the trait's documentation for what `Ok` promises.
    fn store(&self, events: &[Event]) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

impl<S: Sink> Sink for Arc<S> {
    type Error = S::Error;

    fn store(&self, events: &[Event]) -> impl Future<Output = Result<(), Self::Error>> + Send {
        S::store(self, events)
    }
}

/// A channel: the events are acknowledged once the channel has taken them (waiting while it is
/// full). The channel lives in memory, so the consumer must persist them; what it has not read
/// when the process dies is lost, though Exotel was told it arrived.
impl Sink for mpsc::Sender<Event> {
    type Error = mpsc::error::SendError<Event>;

    async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
        for event in events {
            self.send(event.clone()).await?;
        }
        Ok(())
    }
}

/// Appends each event as one line of JSON ([`event_line`]), flushed before the acknowledgement;
/// a file is also synced to disk (`fsync`). This is what `exotel-wa listen --out FILE` does.
///
/// The write blocks the task that runs it: fine for a callback receiver, whose bodies are small
/// and few. A write that fails half-way may leave a partial line; Exotel's retry writes the batch
/// again.
///
/// ```
/// use exotel_whatsapp::webhook::JsonLines;
///
/// let path = std::env::temp_dir().join(format!("exotel-events-{}.jsonl", std::process::id()));
/// let sink = JsonLines::append(&path)?;
/// # drop(sink);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct JsonLines {
    out: Mutex<Output>,
}

enum Output {
    File(File),
    Stream(Box<dyn Write + Send>),
}

impl JsonLines {
    /// Appends to the file at `path`, creating it if needed.
    ///
    /// # Errors
    /// The file cannot be opened for appending.
    pub fn append(path: &Path) -> io::Result<Self> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Self { out: Mutex::new(Output::File(file)) })
    }

    /// Writes to `writer` (standard output, a socket), flushing after each body.
    pub fn new(writer: impl Write + Send + 'static) -> Self {
        Self { out: Mutex::new(Output::Stream(Box::new(writer))) }
    }

    fn write(&self, events: &[Event]) -> io::Result<()> {
        let text: String = events.iter().map(|event| event_line(event) + "\n").collect();
        let mut out = self.out.lock().unwrap_or_else(PoisonError::into_inner);
        match &mut *out {
            Output::File(file) => {
                file.write_all(text.as_bytes())?;
                file.sync_data()
            }
            Output::Stream(stream) => {
                stream.write_all(text.as_bytes())?;
                stream.flush()
            }
        }
    }
}

impl Sink for JsonLines {
    type Error = io::Error;

    async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
        self.write(events)
    }
}
