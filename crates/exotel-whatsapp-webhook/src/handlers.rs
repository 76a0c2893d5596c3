//! Typed handlers: a [`Sink`] that calls a function per kind of event, with replies decoded into
//! the enum that made the buttons or rows.

use core::fmt;
use core::pin::Pin;

use exotel_whatsapp_core::callback::{Event, IncomingMessage, RawEvent, StatusEvent};
use exotel_whatsapp_core::content::{ListChoices, ReplyChoices};

use crate::sink::Sink;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type BoxFuture = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;
type Handler<T> = Box<dyn Fn(T) -> BoxFuture + Send + Sync>;
/// A reply handler: `None` when the message is not a reply it decodes.
type ReplyHandler = Box<dyn Fn(&IncomingMessage) -> Option<BoxFuture> + Send + Sync>;

/// A [`Sink`] made of functions: one for status events, one per reply type, one for other
/// incoming messages, one for unknown events. Each event goes to the first that takes it, in
/// body order; an event no function takes is acknowledged and dropped.
///
/// A function's error makes the receiver answer 500, and Exotel retries the whole body: the
/// events before it in the body are handled again (at least once, not exactly once), so a
/// function that writes should do so idempotently, keyed by
/// [`Event::dedup_key`].
///
/// ```
/// use exotel_whatsapp::ReplyButtons;
/// use exotel_whatsapp::webhook::Handlers;
///
/// #[derive(ReplyButtons, Debug)]
/// enum Confirm {
///     #[button(title = "Yes")]
///     Yes,
///     #[button(title = "No")]
///     No,
/// }
///
/// let handlers = Handlers::new()
///     .on_status(|event| async move {
///         println!("{:?} is {}", event.sid, event.status.state());
///         Ok::<_, std::io::Error>(())
///     })
///     .on_button_reply(|choice: Confirm, message| async move {
///         println!("{:?} answered {choice:?}", message.from);
///         Ok::<_, std::io::Error>(())
///     });
/// ```
#[derive(Default)]
pub struct Handlers {
    status: Option<Handler<StatusEvent>>,
    replies: Vec<ReplyHandler>,
    message: Option<Handler<IncomingMessage>>,
    unknown: Option<Handler<RawEvent>>,
}

impl Handlers {
    /// No functions yet: every event is acknowledged and dropped.
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls `handler` for each status event (delivery report).
    #[must_use]
    pub fn on_status<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(StatusEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.status = Some(boxed(handler));
        self
    }

    /// Calls `handler` with the choice for a tap on one of `T`'s reply buttons
    /// (`#[derive(ReplyButtons)]`), and the message.
    #[must_use]
    pub fn on_button_reply<T, F, Fut, E>(self, handler: F) -> Self
    where
        T: ReplyChoices + Send,
        F: Fn(T, IncomingMessage) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.on_reply(T::from_incoming, handler)
    }

    /// Calls `handler` with the choice for a pick of one of `T`'s list rows
    /// (`#[derive(ListRows)]`), and the message.
    #[must_use]
    pub fn on_list_reply<T, F, Fut, E>(self, handler: F) -> Self
    where
        T: ListChoices + Send,
        F: Fn(T, IncomingMessage) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.on_reply(T::from_incoming, handler)
    }

    fn on_reply<T, F, Fut, E>(mut self, decode: fn(&IncomingMessage) -> Option<T>, handler: F) -> Self
    where
        T: Send + 'static,
        F: Fn(T, IncomingMessage) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let handler = boxed(move |(choice, message)| handler(choice, message));
        self.replies
            .push(Box::new(move |message| decode(message).map(|choice| handler((choice, message.clone())))));
        self
    }

    /// Calls `handler` for each incoming message that no reply handler took.
    #[must_use]
    pub fn on_message<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(IncomingMessage) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.message = Some(boxed(handler));
        self
    }

    /// Calls `handler` with each event that is neither a status nor a message, as received (an
    /// authenticated body that is not a callback arrives as a JSON string).
    #[must_use]
    pub fn on_unknown<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(RawEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.unknown = Some(boxed(handler));
        self
    }

    /// The call for one event, if a function takes it.
    fn dispatch(&self, event: &Event) -> Option<BoxFuture> {
        match event {
            Event::Status(status) => self.status.as_ref().map(|handler| handler(StatusEvent::clone(status))),
            Event::Incoming(message) => self
                .replies
                .iter()
                .find_map(|handler| handler(message))
                .or_else(|| self.message.as_ref().map(|handler| handler(IncomingMessage::clone(message)))),
            other => self.unknown.as_ref().map(|handler| handler(other.raw().clone())),
        }
    }
}

fn boxed<T, F, Fut, E>(handler: F) -> Handler<T>
where
    F: Fn(T) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Into<BoxError>,
{
    Box::new(move |value| {
        let call = handler(value);
        Box::pin(async move { call.await.map_err(Into::into) })
    })
}

impl Sink for Handlers {
    type Error = HandlerError;

    async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
        for call in events.iter().filter_map(|event| self.dispatch(event)) {
            call.await.map_err(HandlerError)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Handlers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handlers")
            .field("status", &self.status.is_some())
            .field("replies", &self.replies.len())
            .field("message", &self.message.is_some())
            .field("unknown", &self.unknown.is_some())
            .finish()
    }
}

/// A handler failed; the receiver answers 500.
#[derive(Debug)]
pub struct HandlerError(BoxError);

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a callback handler failed: {}", self.0)
    }
}

impl std::error::Error for HandlerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}
