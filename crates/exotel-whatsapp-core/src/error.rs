//! The one error vocabulary: rules, problems, JSON pointers and the error that holds them all.
//!
//! Builders, `Deserialize` and the JSON checker all report through these types, so a payload's
//! problems read the same wherever they are found.
//!
//! Every finding has a stable `snake_case` code ([`Rule::code`]) and each code one severity
//! ([`Rule::severity`]): a client can filter on the code alone. Errors make a payload invalid
//! (such a value cannot be built); warnings are accepted upstream but almost certainly a mistake:
//!
//! | warning | found at | why |
//! | --- | --- | --- |
//! | `private_host` | a media link, a `status_callback` | a private, loopback, link-local or reserved address, `localhost` or a local name: Exotel's servers cannot fetch it |
//! | `url_credentials` | the same | `user:password@` would be sent to Exotel |
//! | `preview_without_url` | `text.preview_url` | no `http://` or `https://` URL with a host name in the body |
//! | `preview_ip_address` | `text.preview_url` | the body's URLs are on IP addresses, which are never previewed |
//! | `address_without_name` | `location.address` | shown only with a `name` |
//! | `nonstandard_type` | a contact's address, email, phone or URL `type` | not one of EX's standard values |
//! | `unknown_language` | `template.language.code` | not in Meta's list of supported languages |
//! | `not_pdf` | a template `document` | templates support only PDF |
//! | `unusual_email` | a contact's email | no `@` with a dotted domain after it |
//! | `url_without_scheme` | a contact's URL | no `http://` or `https://` |

use std::borrow::Cow;
use std::fmt;

use crate::limits::KEY_SHOWN_MAX;
use crate::phone::PhoneProblem;
use crate::url::UrlProblem;

/// Declares the rules once: each with its doc, its stable code and its severity. The order is
/// [`Rule::ALL`]'s: the errors, then the warnings.
macro_rules! rules {
    ($($(#[$doc:meta])* $rule:ident = $code:literal, $severity:ident;)*) => {
        /// A stable rule code, shared by the builders and the JSON checker.
        ///
        /// The code strings ([`Rule::code`]) are part of the public contract: other clients match on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$doc])* $rule,)*
        }

        impl Rule {
            /// Every rule, in declaration order: the errors, then the warnings.
            pub const ALL: [Rule; 28] = [$(Rule::$rule),*];

            /// The rule's stable code, such as `"too_long"`.
            ///
            /// ```
            /// # use exotel_whatsapp_core as exotel_whatsapp;
            /// use exotel_whatsapp::error::Rule;
            /// assert_eq!(Rule::UnknownField.code(), "unknown_field");
            /// ```
            pub const fn code(self) -> &'static str {
                match self {
                    $(Rule::$rule => $code,)*
                }
            }

            /// How severe a finding of this rule is: each code is either always an error or always a
            /// warning, so that a client can filter on the code alone.
            ///
            /// ```
            /// # use exotel_whatsapp_core as exotel_whatsapp;
            /// use exotel_whatsapp::error::{Rule, Severity};
            /// assert_eq!(Rule::Required.severity(), Severity::Error);
            /// assert_eq!(Rule::AddressWithoutName.severity(), Severity::Warning);
            /// ```
            pub const fn severity(self) -> Severity {
                match self {
                    $(Rule::$rule => Severity::$severity,)*
                }
            }

            /// Whether this rule's findings are warnings (accepted upstream, almost certainly a mistake).
            pub const fn is_warning(self) -> bool {
                matches!(self.severity(), Severity::Warning)
            }
        }
    };
}

rules! {
    /// A required field (or one of a set of fields) is missing.
    Required = "required", Error;
    /// A field the API does not know.
    UnknownField = "unknown_field", Error;
    /// A known field used where it does not belong (a caption on audio).
    NotAllowed = "not_allowed", Error;
    /// A value of the wrong JSON type.
    Type = "type", Error;
    /// Text that is empty or only whitespace.
    Empty = "empty", Error;
    /// Text longer than its limit.
    TooLong = "too_long", Error;
    /// Fewer items than the minimum.
    TooFew = "too_few", Error;
    /// More items than the maximum.
    TooMany = "too_many", Error;
    /// A value that must be unique appears again (reported at the later occurrence).
    Duplicate = "duplicate", Error;
    /// Leading or trailing whitespace where none is allowed.
    Whitespace = "whitespace", Error;
    /// A phone number that is not E.164.
    E164 = "e164", Error;
    /// A URL that is not an absolute `http`/`https` URL with a host.
    Url = "url", Error;
    /// A value outside a fixed set.
    OneOf = "one_of", Error;
    /// A value that does not have the required form (a date, a pattern).
    Format = "format", Error;
    /// A number outside its range.
    Range = "range", Error;
    /// The same key twice in one JSON object.
    DuplicateKey = "duplicate_key", Error;
    /// Input that is not JSON.
    Json = "json", Error;
    /// Input larger than the checker accepts.
    TooLarge = "too_large", Error;
    /// (Warning) A media link or callback URL whose host Exotel's servers cannot reach: a
    /// private, loopback or link-local address, `localhost`, or a local name.
    PrivateHost = "private_host", Warning;
    /// (Warning) A URL that carries a user name or password, which would leak to Exotel.
    UrlCredentials = "url_credentials", Warning;
    /// (Warning) `preview_url` is true but the body has no `http://` or `https://` URL.
    PreviewWithoutUrl = "preview_without_url", Warning;
    /// (Warning) `preview_url` is true but the body's only URLs are on IP addresses, which
    /// WhatsApp never previews.
    PreviewIpAddress = "preview_ip_address", Warning;
    /// (Warning) A location's `address` without its `name`: WhatsApp does not show it.
    AddressWithoutName = "address_without_name", Warning;
    /// (Warning) A contact card's `type` outside the documented standard values.
    NonstandardType = "nonstandard_type", Warning;
    /// (Warning) A template language code outside Meta's published list of supported languages.
    UnknownLanguage = "unknown_language", Warning;
    /// (Warning) A template document that does not look like a PDF.
    NotPdf = "not_pdf", Warning;
    /// (Warning) A contact card's email address of an unusual form (no dotted domain, …).
    UnusualEmail = "unusual_email", Warning;
    /// (Warning) A contact card's URL without an `http://` or `https://` scheme.
    UrlWithoutScheme = "url_without_scheme", Warning;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a limit and an actual value count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// Unicode scalar values (`str::chars`).
    Characters,
    /// Elements of an array.
    Items,
    /// Bytes of input.
    Bytes,
}

impl Unit {
    /// The unit's name as the JSON report spells it: `characters`, `items` or `bytes`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Characters => "characters",
            Unit::Items => "items",
            Unit::Bytes => "bytes",
        }
    }
}

/// Whether a finding makes a payload invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The payload is invalid; a value with this problem cannot be built.
    Error,
    /// Accepted upstream but almost certainly a mistake.
    Warning,
}

/// What exactly is wrong, with the data a fix needs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    /// A required field is missing from the object at the pointer.
    Required {
        /// The missing field.
        field: &'static str,
    },
    /// None of a set of fields, of which at least one is required, is present.
    RequiredOneOf {
        /// The fields of which one is needed.
        fields: &'static [&'static str],
    },
    /// A field the API does not know.
    UnknownField {
        /// The field as written.
        field: String,
        /// A known field spelled closely, if any.
        hint: Option<&'static str>,
    },
    /// A known field where it does not belong.
    NotAllowed {
        /// Why it is not allowed here.
        reason: &'static str,
    },
    /// A value of the wrong JSON type.
    Type {
        /// The expected type, such as `"a string"`.
        expected: &'static str,
        /// The type found, such as `"a number"`.
        found: &'static str,
    },
    /// Text that is empty or only whitespace.
    Empty,
    /// Text longer than its limit.
    TooLong {
        /// The limit.
        limit: usize,
        /// The actual length.
        actual: usize,
    },
    /// Fewer items than the minimum.
    TooFew {
        /// The minimum.
        limit: usize,
        /// The actual count.
        actual: usize,
    },
    /// More items than the maximum.
    TooMany {
        /// The maximum.
        limit: usize,
        /// The actual count.
        actual: usize,
    },
    /// More items, counted across several arrays, than allowed (rows across a list's sections).
    TooManyInTotal {
        /// What is counted, such as `"rows across all sections"`.
        what: &'static str,
        /// The maximum.
        limit: usize,
        /// The actual count.
        actual: usize,
    },
    /// A value that must be unique appeared before.
    Duplicate {
        /// Where it appeared first.
        first: Pointer,
    },
    /// Leading or trailing whitespace.
    Whitespace,
    /// A phone number that is not E.164.
    E164(PhoneProblem),
    /// A URL that cannot be used.
    Url(UrlProblem),
    /// A value outside a fixed set.
    OneOf {
        /// The allowed values.
        expected: &'static [&'static str],
        /// The value found.
        found: String,
    },
    /// A value without the required form.
    Format {
        /// The required form, such as `"a date as YYYY-MM-DD"`.
        expected: &'static str,
    },
    /// A number outside its range.
    Range {
        /// The allowed range, such as `"-90 to 90"`.
        expected: &'static str,
    },
    /// A key that appeared before in the same object.
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// Input that is not JSON (or nests too deep).
    Json {
        /// The parser's account, with line and column.
        detail: String,
    },
    /// Input larger than the checker accepts.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The input's size in bytes.
        actual: usize,
    },
    /// `preview_url` is true but the body has no `http://` or `https://` URL (a warning).
    PreviewWithoutUrl,
    /// `preview_url` is true but the body's URLs are all on IP addresses (a warning).
    PreviewIpAddress,
    /// `address` without `name`: WhatsApp shows no address then (a warning).
    AddressWithoutName,
    /// A contact `type` outside the documented standard values (a warning).
    NonstandardType {
        /// The standard values.
        standard: &'static [&'static str],
        /// The value found.
        found: String,
    },
    /// A template language code outside Meta's published list (a warning).
    UnknownLanguage {
        /// The code found.
        found: String,
    },
    /// A template document whose link and file name do not end in `.pdf` (a warning).
    NotPdf,
    /// A contact email address of an unusual form (a warning).
    UnusualEmail,
    /// A contact URL without an `http://` or `https://` scheme (a warning).
    UrlWithoutScheme,
}

impl Problem {
    /// The rule this problem breaks.
    pub const fn rule(&self) -> Rule {
        match self {
            Problem::Required { .. } | Problem::RequiredOneOf { .. } => Rule::Required,
            Problem::UnknownField { .. } => Rule::UnknownField,
            Problem::NotAllowed { .. } => Rule::NotAllowed,
            Problem::Type { .. } => Rule::Type,
            Problem::Empty => Rule::Empty,
            Problem::TooLong { .. } => Rule::TooLong,
            Problem::TooFew { .. } => Rule::TooFew,
            Problem::TooMany { .. } | Problem::TooManyInTotal { .. } => Rule::TooMany,
            Problem::Duplicate { .. } => Rule::Duplicate,
            Problem::Whitespace => Rule::Whitespace,
            Problem::E164(_) => Rule::E164,
            Problem::Url(UrlProblem::PrivateHost) => Rule::PrivateHost,
            Problem::Url(UrlProblem::Credentials) => Rule::UrlCredentials,
            Problem::Url(_) => Rule::Url,
            Problem::OneOf { .. } => Rule::OneOf,
            Problem::Format { .. } => Rule::Format,
            Problem::Range { .. } => Rule::Range,
            Problem::DuplicateKey { .. } => Rule::DuplicateKey,
            Problem::Json { .. } => Rule::Json,
            Problem::TooLarge { .. } => Rule::TooLarge,
            Problem::PreviewWithoutUrl => Rule::PreviewWithoutUrl,
            Problem::PreviewIpAddress => Rule::PreviewIpAddress,
            Problem::AddressWithoutName => Rule::AddressWithoutName,
            Problem::NonstandardType { .. } => Rule::NonstandardType,
            Problem::UnknownLanguage { .. } => Rule::UnknownLanguage,
            Problem::NotPdf => Rule::NotPdf,
            Problem::UnusualEmail => Rule::UnusualEmail,
            Problem::UrlWithoutScheme => Rule::UrlWithoutScheme,
        }
    }

    /// The limit, the actual value and their unit, for length, count and size problems.
    pub const fn measure(&self) -> Option<(usize, usize, Unit)> {
        match *self {
            Problem::TooLong { limit, actual } => Some((limit, actual, Unit::Characters)),
            Problem::TooFew { limit, actual }
            | Problem::TooMany { limit, actual }
            | Problem::TooManyInTotal { limit, actual, .. } => Some((limit, actual, Unit::Items)),
            Problem::TooLarge { limit, actual } => Some((limit, actual, Unit::Bytes)),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required { field } => write!(f, "`{field}` is required"),
            Problem::RequiredOneOf { fields } => {
                write!(f, "at least one of `{}` is required", fields.join("`, `"))
            }
            Problem::UnknownField { field, hint: Some(hint) } => {
                write!(f, "unknown field {field:?}, did you mean {hint:?}?")
            }
            Problem::UnknownField { field, hint: None } => write!(f, "unknown field {field:?}"),
            Problem::NotAllowed { reason } => write!(f, "not allowed: {reason}"),
            Problem::Type { expected, found } => write!(f, "expected {expected}, found {found}"),
            Problem::Empty => f.write_str("must not be empty or only whitespace"),
            Problem::TooLong { limit, actual } => {
                write!(f, "is {actual} characters long; at most {limit} are allowed")
            }
            Problem::TooFew { limit, actual } => {
                write!(f, "has {actual} items; at least {limit} are required")
            }
            Problem::TooMany { limit, actual } => {
                write!(f, "has {actual} items; at most {limit} are allowed")
            }
            Problem::TooManyInTotal { what, limit, actual } => {
                write!(f, "has {actual} {what}; at most {limit} are allowed")
            }
            Problem::Duplicate { first } => {
                write!(f, "duplicates the value at {}; it must be unique", first.display())
            }
            Problem::Whitespace => f.write_str("must not start or end with whitespace"),
            Problem::E164(p) => write!(f, "not an E.164 phone number: {p}"),
            Problem::Url(p) => p.fmt(f),
            Problem::OneOf { expected, found } => {
                write!(f, "{found:?} is not one of \"{}\"", expected.join("\", \""))
            }
            Problem::Format { expected } => write!(f, "expected {expected}"),
            Problem::Range { expected } => write!(f, "out of range: must be {expected}"),
            Problem::DuplicateKey { key } => {
                write!(f, "key {key:?} appears more than once in this object")
            }
            Problem::Json { detail } => write!(f, "not valid JSON: {detail}"),
            Problem::TooLarge { limit, actual } => {
                write!(f, "document is {actual} bytes; at most {limit} are accepted")
            }
            Problem::PreviewWithoutUrl => {
                f.write_str("`preview_url` is true but the body has no http:// or https:// URL with a host name to preview")
            }
            Problem::PreviewIpAddress => f.write_str(
                "`preview_url` is true but the body's URLs are on IP addresses, which are never previewed; \
                 use a host name",
            ),
            Problem::AddressWithoutName => f.write_str("`address` is only displayed when `name` is present"),
            Problem::NonstandardType { standard, found } => {
                write!(f, "{found:?} is not a standard type (\"{}\")", standard.join("\", \""))
            }
            Problem::UnknownLanguage { found } => write!(
                f,
                "{found:?} is not a language Meta lists as supported for templates; check the code"
            ),
            Problem::NotPdf => f.write_str("templates support only PDF documents; this one does not end in .pdf"),
            Problem::UnusualEmail => {
                f.write_str("an unusual email address (expected a form such as \"name@example.com\")")
            }
            Problem::UrlWithoutScheme => f.write_str(
                "the URL has no http:// or https:// scheme; WhatsApp may not make it a link",
            ),
        }
    }
}

/// An RFC 6901 JSON pointer, such as `/whatsapp/messages/0/to`; the empty pointer is the whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (`""`).
    pub const fn root() -> Self {
        Pointer(String::new())
    }

    /// Appends one reference token, escaping `~` and `/` as RFC 6901 requires. A token longer
    /// than [`KEY_SHOWN_MAX`] characters (a key read from a hostile document) is cut there and
    /// marked with `…`, so that no pointer in a report is longer than its depth allows.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::error::Pointer;
    /// let mut p = Pointer::root();
    /// p.push("a/b");
    /// p.push("3");
    /// assert_eq!(p.as_str(), "/a~1b/3");
    /// ```
    pub fn push(&mut self, token: &str) {
        self.0.push('/');
        for c in abbreviated(token).chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Puts `prefix` (itself a pointer, such as `/whatsapp/messages/3`) in front of this pointer.
    pub fn reroot(&mut self, prefix: &str) {
        self.0.insert_str(0, prefix);
    }

    /// The pointer for people: the text, or `(root)` for the whole document.
    pub fn display(&self) -> &str {
        if self.0.is_empty() { "(root)" } else { &self.0 }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `key` as a report repeats it: at most [`KEY_SHOWN_MAX`] characters, then `…` if it is longer.
pub(crate) fn abbreviated(key: &str) -> Cow<'_, str> {
    match key.char_indices().nth(KEY_SHOWN_MAX) {
        None => Cow::Borrowed(key),
        Some((end, _)) => Cow::Owned(format!("{}…", &key[..end])),
    }
}

/// One finding: where, what, and how severe.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pointer: Pointer,
    problem: Problem,
    severity: Severity,
}

impl Violation {
    pub(crate) fn new(pointer: Pointer, problem: Problem, severity: Severity) -> Self {
        debug_assert_eq!(problem.rule().severity(), severity, "{problem:?} recorded with the wrong severity");
        Violation { pointer, problem, severity }
    }

    /// Where the problem is, relative to the object that was built or checked.
    pub fn pointer(&self) -> &Pointer {
        &self.pointer
    }

    /// What is wrong.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.problem.rule()
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The limit, for length, count and size problems.
    pub fn limit(&self) -> Option<usize> {
        self.problem.measure().map(|(limit, _, _)| limit)
    }

    /// The actual length, count or size, for the same problems.
    pub fn actual(&self) -> Option<usize> {
        self.problem.measure().map(|(_, actual, _)| actual)
    }

    /// The unit of [`limit`](Self::limit) and [`actual`](Self::actual).
    pub fn unit(&self) -> Option<Unit> {
        self.problem.measure().map(|(_, _, unit)| unit)
    }

    /// The message for the person fixing the payload (without the pointer).
    pub fn message(&self) -> String {
        self.problem.to_string()
    }

    /// Re-roots the pointer (and any pointer inside the problem) under `prefix`.
    pub fn reroot(&mut self, prefix: &str) {
        self.pointer.reroot(prefix);
        if let Problem::Duplicate { first } = &mut self.problem {
            first.reroot(prefix);
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer.display(), self.problem)
    }
}

/// Every violation found while building or reading a value; never empty.
///
/// `Display` prints one `pointer: message` line per violation.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, error::Rule};
/// let err = Text::new("").unwrap_err();
/// assert_eq!(err.violations()[0].rule(), Rule::Empty);
/// assert_eq!(err.to_string(), "/body: must not be empty or only whitespace");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    violations: Vec<Violation>,
}

impl Error {
    pub(crate) fn new(violations: Vec<Violation>) -> Self {
        debug_assert!(!violations.is_empty());
        Error { violations }
    }

    /// The violations, object by object in the order they were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Takes the violations out.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// Re-roots every pointer under `prefix`, such as `/whatsapp/messages/3`.
    #[must_use]
    pub fn rerooted(mut self, prefix: &str) -> Self {
        for v in &mut self.violations {
            v.reroot(prefix);
        }
        self
    }

    /// Whether some violation breaks `rule`.
    pub fn has(&self, rule: Rule) -> bool {
        self.violations.iter().any(|v| v.rule() == rule)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut separator = "";
        for v in &self.violations {
            write!(f, "{separator}{v}")?;
            separator = "\n";
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
