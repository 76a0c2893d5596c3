//! The builders' typestates: whether a reply-button or list builder has its required part yet.
//!
//! A builder starts [`Empty`] and becomes [`Filled`] with its first button or section; `build`
//! needs [`HasButtons`] or [`HasSections`], which only [`Filled`] implements, so finishing an
//! empty builder is a compile error that says what is missing. You name these types only to store
//! a builder half-way:
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::content::state::Filled;
//! use exotel_whatsapp::content::{Interactive, ReplyButtonsBuilder};
//!
//! let started: ReplyButtonsBuilder<Filled> = Interactive::buttons("Confirm your order?").button("yes", "Yes");
//! let message = started.button("no", "No").build()?;
//! # Ok::<(), exotel_whatsapp::error::Error>(())
//! ```

/// Typestate: no button or section added yet.
#[derive(Debug, Clone, Copy)]
pub struct Empty;
/// Typestate: at least one button or section added.
#[derive(Debug, Clone, Copy)]
pub struct Filled;

/// Implemented by [`Filled`] only: a reply-button message's `build` needs a button.
#[diagnostic::on_unimplemented(
    message = "a reply-button message needs at least one button",
    label = "add one with `.button(id, title)` before `.build()`",
    note = "a reply-button message has 1 to 3 buttons"
)]
pub trait HasButtons: super::sealed::Sealed {}
impl HasButtons for Filled {}

/// Implemented by [`Filled`] only: a list message's `build` needs a section.
#[diagnostic::on_unimplemented(
    message = "a list message needs at least one section",
    label = "add one with `.section(ListSection::…)` before `.build()`",
    note = "a list message has 1 to 10 sections and at most 10 rows in total"
)]
pub trait HasSections: super::sealed::Sealed {}
impl HasSections for Filled {}

impl super::sealed::Sealed for Filled {}
