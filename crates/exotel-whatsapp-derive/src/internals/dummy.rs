//! The `const _: () = { ... };` generated impls live in, as serde's: nothing the derive adds is
//! named in the user's module, and lints that would fire on generated code stay quiet.

use proc_macro2::TokenStream;
use quote::quote;

/// `code` inside `const _: () = { ... };`.
pub fn wrap_in_const(code: &TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_attributes, unused_qualifications)]
        const _: () = {
            #code
        };
    }
}
