//! Contact cards.
//!
//! The parts of a card ([`Name`], [`Address`], [`Email`], [`ContactPhone`], [`ContactUrl`], [`Org`])
//! are plain data; a [`Contact`] checks them all when it is built.

use serde::{Deserializer, Serialize};

use crate::content::{Assemble, check_at, plain_objects};
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{Fields, Got, Read, array, described, fields, object, put, string};
use crate::limits::CONTACTS_MIN;
use crate::rules::contact::{self, STANDARD_PHONE_TYPES, STANDARD_TYPES};
use crate::rules::length;

/// A contact's name. `formatted_name` is required, and at least one of the other parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Name {
    /// The full name, as it normally appears.
    pub formatted_name: String,
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Name suffix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Name prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// The parts of a card that are plain data, each field an optional string: the struct, its
/// reader and its schema description, from one list of `"wire name" => field`.
macro_rules! card_parts {
    ($($(#[$attr:meta])* $name:ident { $($(#[$doc:meta])* $wire:literal => $field:ident,)* })*) => {$(
        $(#[$attr])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        pub struct $name {
            $(
                $(#[$doc])*
                #[serde(rename = $wire, skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
        }

        fields!($name { $($wire => $field: string),* });
        plain_objects!($name);
    )*};
}

card_parts! {
    /// A postal address.
    Address {
        /// Street number and name.
        "street" => street,
        /// City.
        "city" => city,
        /// State abbreviation.
        "state" => state,
        /// ZIP code.
        "zip" => zip,
        /// Full country name.
        "country" => country,
        /// Two-letter country code.
        "country_code" => country_code,
        /// `HOME` or `WORK`.
        "type" => kind,
    }

    /// An email address.
    Email {
        /// The address.
        "email" => email,
        /// `HOME` or `WORK`.
        "type" => kind,
    }

    /// A phone number on a card. Not checked as E.164: cards carry numbers as people write them.
    ContactPhone {
        /// The number.
        "phone" => phone,
        /// `CELL`, `MAIN`, `IPHONE`, `HOME` or `WORK`.
        "type" => kind,
        /// The WhatsApp id of the number.
        "wa_id" => wa_id,
    }

    /// A web address on a card.
    ContactUrl {
        /// The URL: absolute `http` or `https` (one without a scheme, `www.example.com`, is a warning).
        "url" => url,
        /// `HOME` or `WORK`.
        "type" => kind,
    }

    /// An organisation.
    Org {
        /// Company name.
        "company" => company,
        /// Department.
        "department" => department,
        /// Business title.
        "title" => title,
    }
}

/// A checked contact card.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Contact, Email, Name};
/// let card = Contact::builder(Name {
///     formatted_name: "Asha Rao".into(),
///     first_name: Some("Asha".into()),
///     ..Name::default()
/// })
/// .email(Email { email: Some("asha@example.com".into()), kind: Some("WORK".into()) })
/// .birthday("1990-02-28")
/// .build()?;
/// assert_eq!(card.name().formatted_name, "Asha Rao");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    addresses: Vec<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birthday: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    emails: Vec<Email>,
    name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<Org>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phones: Vec<ContactPhone>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    urls: Vec<ContactUrl>,
}

/// Builds a [`Contact`]; every part is checked by [`build`](Self::build).
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Address, Contact, Name};
/// let name = Name { formatted_name: "Asha Rao".into(), ..Name::default() };
/// let err = Contact::builder(name)
///     .address(Address { country_code: Some("IND".into()), ..Address::default() })
///     .birthday("1990-02-30")
///     .build()
///     .unwrap_err();
/// let pointers: Vec<&str> = err.violations().iter().map(|v| v.pointer().as_str()).collect();
/// assert_eq!(pointers, ["/name", "/birthday", "/addresses/0/country_code"]);
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the contact"]
pub struct ContactBuilder {
    draft: ContactDraft,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ContactDraft {
    addresses: Vec<Address>,
    birthday: Option<String>,
    emails: Vec<Email>,
    /// The name, and whether a part of it was present in the JSON but not a string.
    name: Option<(Name, bool)>,
    org: Option<Org>,
    phones: Vec<ContactPhone>,
    urls: Vec<ContactUrl>,
}

impl ContactBuilder {
    /// Adds an address.
    pub fn address(mut self, address: Address) -> Self {
        self.draft.addresses.push(address);
        self
    }

    /// Sets the birthday, `YYYY-MM-DD`.
    pub fn birthday(mut self, date: impl Into<String>) -> Self {
        self.draft.birthday = Some(date.into());
        self
    }

    /// Adds an email address.
    pub fn email(mut self, email: Email) -> Self {
        self.draft.emails.push(email);
        self
    }

    /// Sets the organisation.
    pub fn org(mut self, org: Org) -> Self {
        self.draft.org = Some(org);
        self
    }

    /// Adds a phone number.
    pub fn phone(mut self, phone: ContactPhone) -> Self {
        self.draft.phones.push(phone);
        self
    }

    /// Adds a web address.
    pub fn url(mut self, url: ContactUrl) -> Self {
        self.draft.urls.push(url);
        self
    }

    /// Checks the card.
    ///
    /// # Errors
    /// `empty` at `/name/formatted_name`; `required` at `/name` without a first, last or middle
    /// name, suffix or prefix; `format` at `/birthday` and `/addresses/N/country_code`; `url` at
    /// `/urls/N/url` for an `http(s)://` URL that is not valid (one without a scheme is a warning).
    pub fn build(self) -> Result<Contact, Error> {
        validate_alone(|cx| Contact::assemble(self.draft, cx))
    }
}

impl Contact {
    /// Starts a card with its name.
    pub fn builder(name: Name) -> ContactBuilder {
        ContactBuilder { draft: ContactDraft { name: Some((name, false)), ..ContactDraft::default() } }
    }

    /// The name.
    pub fn name(&self) -> &Name {
        &self.name
    }

    /// The birthday, `YYYY-MM-DD`.
    pub fn birthday(&self) -> Option<&str> {
        self.birthday.as_deref()
    }

    /// The addresses.
    pub fn addresses(&self) -> &[Address] {
        &self.addresses
    }

    /// The email addresses.
    pub fn emails(&self) -> &[Email] {
        &self.emails
    }

    /// The phone numbers.
    pub fn phones(&self) -> &[ContactPhone] {
        &self.phones
    }

    /// The web addresses.
    pub fn urls(&self) -> &[ContactUrl] {
        &self.urls
    }

    /// The organisation.
    pub fn org(&self) -> Option<&Org> {
        self.org.as_ref()
    }
}

impl Assemble for Contact {
    type Draft = ContactDraft;

    fn assemble(draft: ContactDraft, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        check_at(cx, "name", draft.name.as_ref(), |(name, mistyped), cx| contact::name(name, *mistyped, cx));
        check_at(cx, "birthday", draft.birthday.as_deref(), contact::birthday);
        for_each_at(cx, "addresses", &draft.addresses, |a, cx| {
            check_at(cx, "country_code", a.country_code.as_deref(), contact::country_code);
            contact::standard_type(a.kind.as_ref(), STANDARD_TYPES, cx);
        });
        for_each_at(cx, "emails", &draft.emails, |e, cx| {
            check_at(cx, "email", e.email.as_deref(), contact::email);
            contact::standard_type(e.kind.as_ref(), STANDARD_TYPES, cx);
        });
        for_each_at(cx, "phones", &draft.phones, |p, cx| {
            contact::standard_type(p.kind.as_ref(), STANDARD_PHONE_TYPES, cx);
        });
        for_each_at(cx, "urls", &draft.urls, |u, cx| {
            check_at(cx, "url", u.url.as_deref(), contact::url);
            contact::standard_type(u.kind.as_ref(), STANDARD_TYPES, cx);
        });
        let ContactDraft { addresses, birthday, emails, name, org, phones, urls } = draft;
        (cx.errors() == before).then_some(Contact {
            addresses,
            birthday,
            emails,
            name: name?.0,
            org,
            phones,
            urls,
        })
    }
}

fields!(ContactDraft {
    "addresses" => addresses: list,
    "birthday" => birthday: string,
    "emails" => emails: list,
    #[required] "name" => name: name,
    "org" => org: object,
    "phones" => phones: list,
    "urls" => urls: list,
});

/// `name`, and whether a part other than `formatted_name` was not a string (already reported as
/// `type`).
fn name<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<(Name, bool)>, D::Error> {
    Ok(object::<NameDraft, D>(d, cx)?.and_then(|draft| {
        let [formatted_name, first_name, last_name, middle_name, suffix, prefix] = draft.parts;
        let name =
            Name { formatted_name: formatted_name?, first_name, last_name, middle_name, suffix, prefix };
        Some((name, draft.mistyped))
    }))
}

/// A name as read: `formatted_name` and the other parts in [`NAME_PARTS`] order.
#[derive(Default)]
pub(crate) struct NameDraft {
    parts: [Option<String>; 6],
    /// A part other than `formatted_name` was not a string (already reported as `type`).
    mistyped: bool,
}

impl<'de> Fields<'de> for NameDraft {
    const FIELDS: &'static [&'static str] =
        &["formatted_name", "first_name", "last_name", "middle_name", "suffix", "prefix"];

    fn is_required(&self, i: usize) -> bool {
        i == 0
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        let got = string(d, cx)?;
        self.mistyped |= i > 0 && matches!(got, Got::Failed);
        Ok(put(&mut self.parts[i], got))
    }
}

described!(Name => NameDraft);

/// Runs `check` on each item of the array field `field`, at `/field/i`.
fn for_each_at<T>(cx: &mut Ctx, field: &'static str, items: &[T], mut check: impl FnMut(&T, &mut Ctx)) {
    cx.at(field, |cx| {
        for (i, item) in items.iter().enumerate() {
            cx.at_index(i, |cx| check(item, cx));
        }
    });
}

/// An optional array field; the items that fail are left out (they were reported).
fn list<'de, T: Read<'de>, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Vec<T>>, D::Error> {
    Ok(array(d, cx)?.and_then(|items| Some(items.into_iter().flatten().collect())))
}

/// The contacts of a contacts message: at least one card.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Contact, Contacts, Name};
/// let name = Name { formatted_name: "Asha Rao".into(), first_name: Some("Asha".into()), ..Name::default() };
/// let cards = Contacts::new([Contact::builder(name).build()?])?;
/// assert_eq!(cards.contacts().len(), 1);
/// assert!(Contacts::new([]).is_err());
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Contacts(Vec<Contact>);

impl Contacts {
    /// Checks that there is at least one card.
    ///
    /// # Errors
    /// `too_few` at `""` for no cards.
    pub fn new(contacts: impl IntoIterator<Item = Contact>) -> Result<Self, Error> {
        let contacts: Vec<Contact> = contacts.into_iter().collect();
        validate_alone(|cx| {
            length::count(contacts.len(), CONTACTS_MIN, usize::MAX, cx).then_some(Contacts(contacts))
        })
    }

    /// The cards.
    pub fn contacts(&self) -> &[Contact] {
        &self.0
    }
}

impl<'de> Read<'de> for Contacts {
    const EXPECTED: &'static str = "an array";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(array::<Contact, D>(d, cx)?.and_then(|cards| {
            length::count(cards.len(), CONTACTS_MIN, usize::MAX, cx);
            Some(Contacts(cards.into_iter().collect::<Option<_>>()?))
        }))
    }
}
