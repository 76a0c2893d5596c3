//! The error accumulator: every stage reports here, and codegen runs only when it stays empty.

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use quote::ToTokens;

/// Collects every error of one derive so the user sees all mistakes at once.
///
/// It must be [`check`](Ctxt::check)ed before it is dropped, or the drop panics (a drop bomb, as
/// serde's): an error recorded but never checked would vanish, and code would be generated for an
/// input the derive found wrong.
pub struct Ctxt {
    /// `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Default for Ctxt {
    fn default() -> Self {
        Ctxt { errors: RefCell::new(Some(Vec::new())) }
    }
}

impl Ctxt {
    /// An empty accumulator.
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// An error spanned on the tokens of `tokens`.
    pub fn error_spanned_by<T: ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// An error already built (by `syn` or with a span).
    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().as_mut().expect("the context is used before it is checked").push(error);
    }

    /// How many errors so far, to tell whether a part parsed cleanly.
    pub fn error_count(&self) -> usize {
        self.errors.borrow().as_ref().map_or(0, Vec::len)
    }

    /// All errors combined, or `Ok` when there were none; defuses the drop bomb.
    pub fn check(self) -> Result<(), syn::Error> {
        let errors = self.errors.borrow_mut().take().expect("the context is checked once");
        let mut errors = errors.into_iter();
        let Some(mut first) = errors.next() else { return Ok(()) };
        for e in errors {
            first.combine(e);
        }
        Err(first)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        // While unwinding from another panic, a second one would abort: let the first be seen.
        assert!(thread::panicking() || self.errors.borrow().is_none(), "forgot to check for errors");
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::Ctxt;

    #[test]
    fn check_gives_every_error_in_order() {
        let cx = Ctxt::new();
        cx.error_spanned_by(quote!(a), "first");
        cx.syn_error(syn::Error::new(proc_macro2::Span::call_site(), "second"));
        assert_eq!(cx.error_count(), 2);
        let messages: Vec<String> = cx.check().unwrap_err().into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Ctxt::new().check().is_ok());
    }

    #[test]
    #[should_panic(expected = "forgot to check for errors")]
    fn an_unchecked_context_panics_when_dropped() {
        drop(Ctxt::new());
    }

    #[test]
    fn an_unchecked_context_does_not_panic_again_while_unwinding() {
        let unwound = std::panic::catch_unwind(|| {
            let _cx = Ctxt::new();
            panic!("the first panic");
        });
        let payload = unwound.expect_err("the closure panics");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"the first panic"));
    }
}
