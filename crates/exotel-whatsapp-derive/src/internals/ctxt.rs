//! The error accumulator: every stage reports here, and codegen runs only when it stays empty.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// Collects every error of one derive so the user sees all mistakes at once.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// An empty accumulator.
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// An error spanned on the tokens of `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.errors.borrow_mut().push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// An error already built (by `syn` or with a span).
    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// How many errors so far, to tell whether a part parsed cleanly.
    pub fn error_count(&self) -> usize {
        self.errors.borrow().len()
    }

    /// All errors combined, or `Ok` when there were none.
    pub fn check(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut first) = errors.next() else { return Ok(()) };
        for e in errors {
            first.combine(e);
        }
        Err(first)
    }
}
