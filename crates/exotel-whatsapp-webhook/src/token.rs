//! The secret in the callback URL. Exotel signs nothing and publishes no address list, so a
//! request shows that it comes from the URL we gave Exotel only by carrying this token in its
//! path.

use core::fmt;

use subtle::ConstantTimeEq;

/// Random bytes in a generated token; 256 bits, written as 64 lowercase hex digits.
pub const TOKEN_BYTES: usize = 32;

/// The shortest token we accept from a user (D): 16 characters of an unreserved alphabet are
/// about 95 bits at best; a shorter one can be guessed.
pub const TOKEN_CHARS_MIN: usize = 16;

/// The longest token we accept (D), so that the URL stays short enough for any server.
pub const TOKEN_CHARS_MAX: usize = 256;

/// A secret that authenticates callbacks: the last segment of the callback URL's path.
///
/// Its `Debug` output is redacted; [`Token::expose`] is the only way to the text.
///
/// ```
/// use exotel_whatsapp::webhook::Token;
///
/// let token = Token::generate()?;
/// assert_eq!(token.expose().len(), 64);
/// assert_eq!(format!("{token:?}"), "Token(<redacted>)");
/// assert!(Token::new("short").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// A new random token from the operating system's generator.
    ///
    /// # Errors
    /// The operating system has no random source (rare; a sandbox without `getrandom`).
    pub fn generate() -> std::io::Result<Self> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut bytes = [0_u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes)?;
        let hex = bytes.iter().flat_map(|byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
        Ok(Self(hex.map(char::from).collect()))
    }

    /// Takes a token chosen elsewhere (a secret store, a file), with surrounding whitespace
    /// removed.
    ///
    /// # Errors
    /// [`BadToken`] when it has fewer than [`TOKEN_CHARS_MIN`] or more than [`TOKEN_CHARS_MAX`]
    /// characters, or a character other than `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~` (the
    /// characters a URL path carries unencoded).
    pub fn new(token: impl Into<String>) -> Result<Self, BadToken> {
        let token = token.into();
        let token = token.trim();
        let length = token.chars().count();
        if length < TOKEN_CHARS_MIN {
            return Err(BadToken::TooShort { min: TOKEN_CHARS_MIN, actual: length });
        }
        if length > TOKEN_CHARS_MAX {
            return Err(BadToken::TooLong { max: TOKEN_CHARS_MAX, actual: length });
        }
        if let Some(position) = token.chars().position(|c| !is_unreserved(c)) {
            return Err(BadToken::Character { position: position + 1 });
        }
        Ok(Self(token.to_owned()))
    }

    /// A token taken back out of a URL made with one.
    pub(crate) fn from_checked(token: &str) -> Self {
        Self(token.to_owned())
    }

    /// The secret text, to write into a URL or a secret store; never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is this token, in time that depends only on the lengths.
    fn matches(&self, candidate: &[u8]) -> subtle::Choice {
        self.0.as_bytes().ct_eq(candidate)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// RFC 3986 unreserved characters.
fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// Why a text is not a usable token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadToken {
    /// Fewer characters than [`TOKEN_CHARS_MIN`].
    TooShort {
        /// The minimum.
        min: usize,
        /// The token's length in characters.
        actual: usize,
    },
    /// More characters than [`TOKEN_CHARS_MAX`].
    TooLong {
        /// The maximum.
        max: usize,
        /// The token's length in characters.
        actual: usize,
    },
    /// A character a URL path would have to percent-encode, at a 1-based position.
    Character {
        /// 1-based position of the character.
        position: usize,
    },
}

impl fmt::Display for BadToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort { min, actual } => {
                write!(f, "the token has {actual} characters; at least {min} are needed")
            }
            Self::TooLong { max, actual } => {
                write!(f, "the token has {actual} characters; at most {max} are allowed")
            }
            Self::Character { position } => {
                write!(f, "character {position} of the token is not one of A-Z a-z 0-9 - . _ ~")
            }
        }
    }
}

impl std::error::Error for BadToken {}

/// Who may post callbacks: holders of one of the active tokens, or anyone (only when asked).
#[derive(Clone, Debug)]
pub(crate) enum Access {
    /// Any of these tokens; several while a secret is rotated.
    Tokens(Vec<Token>),
    /// No token at all.
    Anyone,
}

impl Access {
    /// Whether `candidate` is one of the tokens. Every token is compared, each in constant time,
    /// so the time taken does not tell which one matched or how much of one did.
    pub(crate) fn admits(&self, candidate: &str) -> bool {
        match self {
            Self::Tokens(tokens) => {
                let found = tokens.iter().fold(subtle::Choice::from(0), |found, token| {
                    found | token.matches(candidate.as_bytes())
                });
                found.into()
            }
            Self::Anyone => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_hex_and_differ() {
        let (a, b) = (Token::generate().unwrap(), Token::generate().unwrap());
        assert_eq!(a.expose().len(), 2 * TOKEN_BYTES);
        assert!(a.expose().bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(a.expose(), b.expose());
        assert!(Token::new(a.expose()).is_ok());
    }

    #[test]
    fn user_tokens_have_bounds_on_both_sides() {
        let at = |n: usize| "a".repeat(n);
        assert_eq!(Token::new(at(15)).unwrap_err(), BadToken::TooShort { min: 16, actual: 15 });
        assert!(Token::new(at(16)).is_ok());
        assert!(Token::new(at(256)).is_ok());
        assert_eq!(Token::new(at(257)).unwrap_err(), BadToken::TooLong { max: 256, actual: 257 });
        assert_eq!(Token::new(format!(" {}\n", at(16))).unwrap().expose(), at(16));
        // Lengths are characters: 16 multi-byte characters are 16, and refused for the alphabet.
        assert_eq!(Token::new("é".repeat(16)).unwrap_err(), BadToken::Character { position: 1 });
        assert_eq!(Token::new(format!("{}/x", at(16))).unwrap_err(), BadToken::Character { position: 17 });
        assert!(Token::new("A-Za-z0-9._~AAAAA").is_ok());
    }

    #[test]
    fn access_admits_any_active_token_and_nothing_else() {
        let old = Token::new("old-token-0123456789").unwrap();
        let new = Token::new("new-token-0123456789").unwrap();
        let access = Access::Tokens(vec![new, old]);
        assert!(access.admits("old-token-0123456789"));
        assert!(access.admits("new-token-0123456789"));
        for wrong in ["", "old-token-012345678", "old-token-01234567890", "OLD-token-0123456789"] {
            assert!(!access.admits(wrong), "{wrong}");
        }
        assert!(!Access::Tokens(Vec::new()).admits(""));
        assert!(Access::Anyone.admits(""));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let token = Token::new("secret-secret-secret").unwrap();
        assert!(!format!("{token:?} {:?}", Access::Tokens(vec![token.clone()])).contains("secret-"));
    }
}
