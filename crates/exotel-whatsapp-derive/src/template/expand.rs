//! Code generation from the checked model; errors come out with a fallback impl beside them.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Path};

use exotel_whatsapp_core::template::SubType;

use super::ast::{Container, Field};
use super::attr::RoleKind;
use super::valid;
use crate::internals::ctxt::Ctxt;
use crate::internals::dummy::wrap_in_const;

/// `#[derive(ToTemplate)]`: the impl, or every error and a fallback impl.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    valid::validate(&cx, &cont);
    let krate = krate(&cont);
    match cx.check() {
        Ok(()) => wrap(&cont, &krate, &body(&cont, &krate)),
        Err(errors) => {
            let errors = errors.to_compile_error();
            let fallback = wrap(&cont, &krate, &quote!(::core::unimplemented!("the derive reported errors")));
            quote!(#errors #fallback)
        }
    }
}

/// The runtime crate's path: `#[template(crate = path)]` or `::exotel_whatsapp`.
fn krate(cont: &Container) -> Path {
    cont.attrs.krate.clone().unwrap_or_else(|| syn::parse_quote!(::exotel_whatsapp))
}

/// The impl around `body`, inside `const _: () = { ... };`.
fn wrap(cont: &Container, krate: &Path, body: &TokenStream) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    wrap_in_const(&quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::ToTemplate for #ident #ty_generics #where_clause {
            fn to_template(
                &self,
            ) -> ::core::result::Result<#krate::__private::Template, #krate::__private::Error> {
                #body
            }
        }
    })
}

/// The builder chain: name and language, namespace, then one call per field in declaration order
/// (the builder orders components header, body, buttons by index).
fn body(cont: &Container, krate: &Path) -> TokenStream {
    let name = &cont.attrs.name;
    let language = &cont.attrs.language;
    let namespace = cont.attrs.namespace.as_ref().map(|ns| quote!(.namespace(#ns)));
    let calls = cont.fields.iter().filter_map(|f| call(f, krate));
    quote! {
        #krate::__private::Template::builder(#name, #language)
            #namespace
            #(#calls)*
            .build()
    }
}

/// The builder call for one field; the slot trait call is spanned on the field's type so that an
/// unfit type is reported there.
fn call(field: &Field, krate: &Path) -> Option<TokenStream> {
    let (ident, ty) = (field.ident, field.ty);
    let p = quote!(#krate::__private);
    Some(match &field.roles.first()?.kind {
        RoleKind::Header => {
            let value = quote_spanned!(ty.span()=> <#ty as #p::HeaderSlot>::header_parameter(&self.#ident));
            quote!(.header(#value))
        }
        RoleKind::Body => {
            let value = quote_spanned!(ty.span()=> <#ty as #p::BodySlot>::body_parameter(&self.#ident));
            quote!(.body(#value))
        }
        RoleKind::Button { index, sub_type } => {
            let index = Literal::u64_unsuffixed(index.as_ref()?.1);
            let value = quote_spanned!(ty.span()=> <#ty as #p::ButtonTextSlot>::button_text(&self.#ident));
            match sub_type.as_ref()?.1? {
                SubType::Url => quote!(.url_button(#index, #value)),
                SubType::QuickReply => quote!(.quick_reply_button(#index, #value)),
            }
        }
    })
}
