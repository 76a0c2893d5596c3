//! x
/// Webhook bodies (status callbacks and incoming messages) parsed leniently into typed events.
pub mod callback;
/// The answer to a send request: accepted messages' `sid`s and typed errors.
pub mod response;
/// Exotel's status codes, their meaning and how a message's status moves.
pub mod status;
