//! The derive input as a model: the struct's attributes and its fields with their roles, in
//! declaration order (template parameters are positional).

use syn::{Data, DeriveInput, Fields, Generics, Ident, Type};

use super::attr::{self, Role};
use crate::internals::ctxt::Ctxt;

/// The struct a template is derived for.
pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: attr::Container,
    /// Whether the struct's attributes parsed without an error (else missing keys are not reported,
    /// as the parser may have stopped before them).
    pub attrs_clean: bool,
    /// The named fields; empty for a unit struct and for inputs already reported as unsupported.
    pub fields: Vec<Field<'a>>,
}

/// One named field.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub roles: Vec<Role>,
    /// Whether the field's attributes parsed without an error.
    pub attrs_clean: bool,
}

impl<'a> Container<'a> {
    /// Parses every attribute, reporting unsupported inputs (enums, unions, tuple structs).
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Self {
        let before = cx.error_count();
        let attrs = attr::Container::from_ast(cx, &input.attrs);
        let attrs_clean = cx.error_count() == before;
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named.named.iter().filter_map(|f| Field::from_ast(cx, f)).collect(),
                Fields::Unit => Vec::new(),
                Fields::Unnamed(unnamed) => {
                    cx.error_spanned_by(
                        unnamed,
                        "`ToTemplate` cannot be derived for a tuple struct; name the fields and give \
                         each a `#[template(...)]` role",
                    );
                    Vec::new()
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "`ToTemplate` cannot be derived for an enum; use a struct with named fields",
                );
                Vec::new()
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "`ToTemplate` cannot be derived for a union; use a struct with named fields",
                );
                Vec::new()
            }
        };
        Container { ident: &input.ident, generics: &input.generics, attrs, attrs_clean, fields }
    }
}

impl<'a> Field<'a> {
    fn from_ast(cx: &Ctxt, field: &'a syn::Field) -> Option<Self> {
        let before = cx.error_count();
        let roles = attr::field_roles(cx, &field.attrs);
        let attrs_clean = cx.error_count() == before;
        Some(Field { ident: field.ident.as_ref()?, ty: &field.ty, roles, attrs_clean })
    }
}
