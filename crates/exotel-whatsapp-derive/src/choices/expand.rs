//! Code generation from the checked model; errors come out with a fallback impl beside them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{DeriveInput, LitStr, Path};

use super::Kind;
use super::ast::{Choice, Choices};
use super::valid;
use crate::internals::ctxt::Ctxt;
use crate::internals::dummy::wrap_in_const;

/// `#[derive(ReplyButtons)]` or `#[derive(ListRows)]`: the impl, or every error and a fallback
/// impl.
pub fn derive(input: &DeriveInput, kind: &'static Kind) -> TokenStream {
    let cx = Ctxt::new();
    let choices = Choices::from_ast(&cx, input, kind);
    valid::validate(&cx, &choices);
    let krate = choices.krate.clone().unwrap_or_else(|| syn::parse_quote!(::exotel_whatsapp));
    match cx.check() {
        Ok(()) => {
            let variants = choices.variants.as_deref().unwrap_or_default();
            wrap(&choices, &krate, &literal_checks(variants, kind, &krate), &items(variants, kind))
        }
        Err(errors) => {
            let errors = errors.to_compile_error();
            // A fieldless enum cannot have generics; an impl for a generic struct would only add
            // errors about the `'static` bound.
            if !choices.generics.params.is_empty() {
                return errors;
            }
            let fallback = wrap(&choices, &krate, &TokenStream::new(), &fallback_items(kind));
            quote!(#errors #fallback)
        }
    }
}

/// The impl and `FromStr` through `from_reply_id`, after `checks`, inside `const _: () = { ... };`.
fn wrap(choices: &Choices, krate: &Path, checks: &TokenStream, items: &TokenStream) -> TokenStream {
    let ident = choices.ident;
    let trait_name = Ident::new(choices.kind.trait_name, Span::call_site());
    let (impl_generics, ty_generics, where_clause) = choices.generics.split_for_impl();
    wrap_in_const(&quote! {
        #checks
        #[automatically_derived]
        impl #impl_generics #krate::__private::#trait_name for #ident #ty_generics #where_clause {
            #items
        }
        // So that `IncomingMessage::reply_as::<Self>()` and `str::parse` give the choice.
        #[automatically_derived]
        impl #impl_generics ::core::str::FromStr for #ident #ty_generics #where_clause {
            type Err = #krate::__private::UnknownChoice;
            fn from_str(id: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as #krate::__private::#trait_name>::from_reply_id(id)
                    .ok_or_else(|| #krate::__private::UnknownChoice::new(id))
            }
        }
    })
}

/// Each literal through the core's `const fn from_static`, spanned on it: a second line of
/// defence behind `check`, which gives the readable errors.
fn literal_checks(variants: &[Choice], kind: &Kind, krate: &Path) -> TokenStream {
    let checked = |ty: &str, lit: &LitStr| {
        let ty = Ident::new(ty, Span::call_site());
        quote_spanned!(lit.span()=> const _: #krate::__private::#ty = #krate::__private::#ty::from_static(#lit);)
    };
    variants
        .iter()
        .flat_map(|v| {
            let title = v.title.as_ref().map(|t| checked(kind.title_type, t));
            let id = checked(kind.id_type, &v.id_literal());
            let description = v.description.as_ref().map(|d| checked("RowDescription", d));
            title.into_iter().chain([id]).chain(description)
        })
        .collect()
}

/// `ALL`, `id`, `title`, `from_reply_id` and, for rows, `description`.
fn items(variants: &[Choice], kind: &Kind) -> TokenStream {
    let idents: Vec<&Ident> = variants.iter().map(|v| v.ident).collect();
    let ids: Vec<LitStr> = variants.iter().map(Choice::id_literal).collect();
    let titles = variants.iter().map(|v| &v.title);
    let description = kind.takes_description().then(|| {
        let descriptions = variants.iter().map(|v| {
            v.description.as_ref().map_or_else(
                || quote!(::core::option::Option::None),
                |d| quote!(::core::option::Option::Some(#d)),
            )
        });
        quote! {
            fn description(&self) -> ::core::option::Option<&'static str> {
                match self { #(Self::#idents => #descriptions,)* }
            }
        }
    });
    quote! {
        const ALL: &'static [Self] = &[#(Self::#idents),*];

        fn id(&self) -> &'static str {
            match self { #(Self::#idents => #ids,)* }
        }

        fn title(&self) -> &'static str {
            match self { #(Self::#idents => #titles,)* }
        }

        #description

        fn from_reply_id(id: &str) -> ::core::option::Option<Self> {
            match id {
                #(#ids => ::core::option::Option::Some(Self::#idents),)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// The same items with no choices and bodies that are never compiled into a program (the derive
/// reported errors), so that uses of the trait do not add "not implemented" errors.
fn fallback_items(kind: &Kind) -> TokenStream {
    let unreachable = quote!(::core::unimplemented!("the derive reported errors"));
    let description = kind
        .takes_description()
        .then(|| quote!(fn description(&self) -> ::core::option::Option<&'static str> { #unreachable }));
    quote! {
        const ALL: &'static [Self] = &[];
        fn id(&self) -> &'static str { #unreachable }
        fn title(&self) -> &'static str { #unreachable }
        #description
        fn from_reply_id(_: &str) -> ::core::option::Option<Self> { #unreachable }
    }
}
