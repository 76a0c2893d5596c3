//! Every limit the library enforces, in one place.
//!
//! Each constant quotes its source: **EX** is Exotel's API document, **META** Meta's WhatsApp Business
//! Platform reference, **D** our decision where the sources are silent. Lengths count Unicode scalar
//! values (`str::chars`), never bytes, unless the constant says otherwise.

/// Most characters in `text.body`.
///
/// EX, Text Object: "Maximum length: 4096 characters"; also ExoStatus 30029 `EX_MESSAGE_TOO_LONG`.
pub const TEXT_BODY_MAX: usize = 4096;

/// Most characters in a media `caption` (image, video, document).
///
/// META, media object: "Maximum 1024 characters". EX gives no limit; the stricter source wins.
pub const CAPTION_MAX: usize = 1024;

/// Most characters in an interactive `header.text`.
///
/// EX, Header Object: "Maximum length: 60 characters".
pub const HEADER_TEXT_MAX: usize = 60;

/// Most characters in an interactive `body.text`.
///
/// EX, Body Object: "Maximum length: 1024 characters" (META allows 4096 for lists; the stricter wins).
pub const INTERACTIVE_BODY_MAX: usize = 1024;

/// Most characters in an interactive `footer.text`.
///
/// EX, Footer Object: "Maximum length: 60 characters".
pub const FOOTER_TEXT_MAX: usize = 60;

/// Fewest reply buttons in a reply-button message.
///
/// EX, Action Object: buttons are "Required for Reply Buttons".
pub const BUTTONS_MIN: usize = 1;

/// Most reply buttons in a reply-button message.
///
/// EX, Action Object: "You can have up to 3 buttons".
pub const BUTTONS_MAX: usize = 3;

/// Most characters in a reply button's `reply.id`.
///
/// EX, Reply Object: "Maximum length: 256 characters".
pub const BUTTON_ID_MAX: usize = 256;

/// Most characters in a reply button's `reply.title`.
///
/// EX, Reply Object: "Maximum length: 20 characters".
pub const BUTTON_TITLE_MAX: usize = 20;

/// Most characters in a list message's `action.button`.
///
/// EX, Action Object: "Maximum length: 20 characters".
pub const LIST_BUTTON_MAX: usize = 20;

/// Fewest sections in a list message.
///
/// EX, Action Object: "Minimum of 1, maximum of 10".
pub const SECTIONS_MIN: usize = 1;

/// Most sections in a list message.
///
/// EX, Action Object: "Minimum of 1, maximum of 10"; ExoStatus 30031 `EX_SECTION_COUNT_ERROR`.
pub const SECTIONS_MAX: usize = 10;

/// Most characters in a section `title`.
///
/// EX, Section Object: "Maximum length: 24 characters".
pub const SECTION_TITLE_MAX: usize = 24;

/// Fewest rows in one section.
///
/// EX, Section Object: `rows` is "Mandatory"; D: an empty array is as good as none.
pub const SECTION_ROWS_MIN: usize = 1;

/// Most rows in a list message, counted across all its sections.
///
/// EX, Section Object: "You can have a total of 10 rows across your sections"; ExoStatus 30032.
pub const ROWS_TOTAL_MAX: usize = 10;

/// Most characters in a row `id`.
///
/// EX, Section Object: "an ID (Maximum length: 200 characters)".
pub const ROW_ID_MAX: usize = 200;

/// Most characters in a row `title`.
///
/// EX, Section Object: "Each row must have a title (Maximum length: 24 characters)".
pub const ROW_TITLE_MAX: usize = 24;

/// Most characters in a row `description`.
///
/// EX, Section Object: "You can add a description (Maximum length: 72 characters)".
pub const ROW_DESCRIPTION_MAX: usize = 72;

/// Most characters in a template `name`.
///
/// EX, META: the name matches `^[a-z0-9_]{1,512}$`.
pub const TEMPLATE_NAME_MAX: usize = 512;

/// Most characters in a template header's text parameter.
///
/// EX, Parameter Object: "For the header component type: 60 characters".
pub const TEMPLATE_HEADER_TEXT_MAX: usize = 60;

/// Most characters in a template body's text parameter when the template has other components.
///
/// EX, Parameter Object: "1024 characters if other component types are included".
pub const TEMPLATE_BODY_TEXT_MAX: usize = 1024;

/// Most characters in a template body's text parameter when the body is the only component.
///
/// EX, Parameter Object: "32768 characters if body is the only component type included".
pub const TEMPLATE_BODY_ALONE_MAX: usize = 32768;

/// Largest template button `index`.
///
/// EX, Component Object: "You can have up to 3 buttons using index values of 0 to 2".
pub const TEMPLATE_BUTTON_INDEX_MAX: u8 = 2;

/// Fewest messages in one request.
///
/// EX, Channel Object: `messages` is "Mandatory"; an empty array sends nothing.
pub const MESSAGES_MIN: usize = 1;

/// Most messages in one request.
///
/// EX, HTTP error codes: 400 for "More than 100 messages specified in a request".
pub const MESSAGES_MAX: usize = 100;

/// Fewest digits in an E.164 number, country code included.
///
/// ITU-T E.164 allows short numbers; D: below 7 digits no WhatsApp number exists.
pub const PHONE_DIGITS_MIN: usize = 7;

/// Most digits in an E.164 number, country code included.
///
/// ITU-T E.164: "15 digits" at most.
pub const PHONE_DIGITS_MAX: usize = 15;

/// Fewest contact cards in a contacts message.
///
/// EX and META: `contacts` is a required, non-empty array.
pub const CONTACTS_MIN: usize = 1;

/// Largest absolute latitude, in degrees.
///
/// D: the range of a latitude; EX types it as a string and says nothing more.
pub const LATITUDE_MAX: f64 = 90.0;

/// Largest absolute longitude, in degrees.
///
/// D: the range of a longitude; EX types it as a string and says nothing more.
pub const LONGITUDE_MAX: f64 = 180.0;

/// Largest untrusted document the checker parses, in **bytes**.
///
/// D: a 100-message request with every field at its limit stays far below this.
pub const DOCUMENT_BYTES_MAX: usize = 4 * 1024 * 1024;

/// Largest callback body [`callback::parse`](crate::callback::parse) reads, in **bytes**.
///
/// D: a callback body carries a few events of a few hundred bytes each; 1 MiB leaves room for
/// any batch Exotel sends while keeping what a stranger can make a webhook hold small.
pub const CALLBACK_BYTES_MAX: usize = 1024 * 1024;

/// Deepest nesting of arrays and objects in an untrusted document.
///
/// D: `serde_json`'s own default recursion limit.
pub const DOCUMENT_DEPTH_MAX: usize = 128;

/// Most violations reported for one document before a truncation marker.
///
/// D: enough to fix any real payload; keeps hostile input from producing unbounded output.
pub const VIOLATIONS_MAX: usize = 1000;
