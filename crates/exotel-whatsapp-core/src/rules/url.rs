//! URLs: the URL rule for media links and callbacks, and the `preview_url` warnings.
//!
//! Exotel fetches media links and posts callbacks from its own servers, so a URL must be absolute,
//! `http` or `https`, with a host (EX: "Use only with HTTP/HTTPS URLs"; "String (URL)"). Hosts,
//! ports and IP literals are parsed by the `url` crate (the WHATWG URL standard browsers follow);
//! on top of it we refuse what that standard repairs silently (spaces and control characters,
//! a `\` for `/`, a missing `//`, port 0, empty labels). A host that only makes sense inside your
//! network, or credentials in the URL, are warnings (D).

use std::net::{Ipv4Addr, Ipv6Addr};
use std::num::NonZeroU16;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::url::UrlProblem;

/// A URL that passed the rule, and what the warnings need to know.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Checked {
    pub(crate) private_host: bool,
    pub(crate) credentials: bool,
    pub(crate) ip_host: bool,
}

/// Whether `s` starts with `http://` or `https://`, in any case.
pub(crate) fn has_http_scheme(s: &str) -> bool {
    scheme_len(s).is_some()
}

/// The length of the `https://` or `http://`, in any case, that `s` starts with.
fn scheme_len(s: &str) -> Option<usize> {
    let starts = |prefix: &str| s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    ["https://", "http://"].into_iter().find(|prefix| starts(prefix)).map(str::len)
}

/// The URL rule (`url`, and the warnings `private_host` and `url_credentials`): absolute
/// `http`/`https` with a valid host and port, no spaces or control characters. A plain URL
/// ([`plain_url`]) is decided here; any other by [`check_with_url_crate`].
pub(crate) fn check_url(s: &str) -> Result<Checked, UrlProblem> {
    match plain_url(s) {
        Some(checked) => Ok(checked),
        None => check_with_url_crate(s),
    }
}

/// The URL rule for any URL. First what it refuses before any host is parsed, because the WHATWG
/// standard would repair it silently: a space or control character, a scheme other than
/// `http://` or `https://`, a `\` in the authority (what follows `//`, up to the first `/`, `?`
/// or `#`), no host, a host that starts with `:` or `.` or holds `..`; then the verdict of the
/// `url` crate.
fn check_with_url_crate(s: &str) -> Result<Checked, UrlProblem> {
    // Printable ASCII (the usual URL) has neither; anything else is decoded character by character.
    if !is_printable_ascii(s.as_bytes()) {
        if let Some(position) = s.chars().position(|c| c.is_whitespace() || c.is_control()) {
            return Err(UrlProblem::Character { position: position + 1 });
        }
    }
    let Some(scheme) = scheme_len(s) else { return Err(UrlProblem::Scheme) };
    let rest = &s[scheme..];
    // WHATWG reads `\` as `/` and skips extra slashes; we take the authority as written.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if authority.contains('\\') {
        return Err(UrlProblem::Host);
    }
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    if host_port.is_empty() || host_port.starts_with([':', '.']) || host_port.contains("..") {
        return Err(UrlProblem::NoHost);
    }
    let url = url::Url::parse(s).map_err(|e| match e {
        url::ParseError::EmptyHost => UrlProblem::NoHost,
        url::ParseError::InvalidPort => UrlProblem::Port,
        _ => UrlProblem::Host,
    })?;
    if url.port() == Some(0) {
        return Err(UrlProblem::Port);
    }
    let (private_host, ip_host) = match url.host() {
        Some(url::Host::Domain(host)) => (is_local_name(host), false),
        Some(url::Host::Ipv4(ip)) => (is_private_v4(ip), true),
        Some(url::Host::Ipv6(ip)) => (is_private_v6(ip), true),
        None => return Err(UrlProblem::NoHost),
    };
    let credentials = !url.username().is_empty() || url.password().is_some();
    Ok(Checked { private_host, credentials, ip_host })
}

/// The longest URL [`plain_url`] decides: the `url` crate refuses a URL whose serialization
/// passes 4 GiB (`ParseError::Overflow`), and percent-encoding a path at most triples it.
const PLAIN_MAX: usize = (u32::MAX / 4) as usize;

/// The URL rule's verdict on a plain URL, in one pass: `http://` or `https://` in any case, a
/// domain name of ASCII letters, digits and `-` (the last label starting with a letter, so that
/// it is not an IPv4 address; none with `--` at its third character, which would make it
/// punycode to decode), an optional port of digits worth 1 to 65535, then nothing or a
/// path, query or fragment of printable ASCII. `None` for anything else, which
/// [`check_with_url_crate`] decides.
///
/// Why not the `url` crate for these too: `Url::parse` builds the whole URL (host, IDNA, path
/// percent-encoding, a `String`), about 2,400 instructions for a 45-byte media link; 121k of the
/// 786k instructions of building the bench's 100 messages were its 50 links (callgrind,
/// `build_ours`), against 370 each here. For a plain URL, WHATWG parsing can only
/// lower-case the host, drop a default port and percent-encode the path, none of which changes
/// the verdict: the host and port are all the rule needs, and the path, query and fragment of
/// a printable ASCII URL cannot fail. The differential tests below hold this against the `url`
/// crate.
fn plain_url(s: &str) -> Option<Checked> {
    let rest = &s[scheme_len(s)?..];
    if s.len() > PLAIN_MAX {
        return None;
    }
    // The host is ASCII, so `host_end` and the positions after it are character boundaries.
    let host_end = rest
        .bytes()
        .position(|c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b'.'))
        .unwrap_or(rest.len());
    let (host, mut after) = rest.split_at(host_end);
    if let Some(port) = after.strip_prefix(':') {
        let digits = port.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(port.len());
        port[..digits].parse::<NonZeroU16>().ok()?;
        after = &port[digits..];
    }
    if !(after.is_empty() || after.starts_with(['/', '?', '#'])) || !is_printable_ascii(after.as_bytes()) {
        return None;
    }
    // One trailing dot is the root: `example.com.`.
    let name = host.strip_suffix('.').unwrap_or(host);
    let plain_label = |label: &str| !label.is_empty() && label.get(2..4) != Some("--");
    let last = name.rsplit('.').next()?;
    if !last.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) || !name.split('.').all(plain_label) {
        return None;
    }
    Some(Checked { private_host: is_local_name(host), credentials: false, ip_host: false })
}

/// Whether every byte of `b` is printable ASCII, `!` to `~`; eight bytes at a time.
fn is_printable_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let mut chunks = b.chunks_exact(8);
    // Below `!`: the borrow of `w - 0x21` reaches the high bit of a byte that had it clear.
    // `~` and above: the high bit is set, or adding 1 (which cannot carry then) sets it.
    let printable =
        |w: u64| w.wrapping_sub(ONES * 0x21) & !w & HIGH == 0 && w & HIGH == 0 && (w + ONES) & HIGH == 0;
    chunks.all(|c| printable(u64::from_le_bytes(c.try_into().unwrap_or_default())))
        && chunks.remainder().iter().all(|&c| (b'!'..=b'~').contains(&c))
}

/// Whether Exotel's servers could not resolve the name: `localhost`, single-label names and the
/// reserved local suffixes (RFC 6761, RFC 6762, RFC 8375, ICANN's `.internal`).
fn is_local_name(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    let Some((rest, last)) = host.rsplit_once('.') else { return true };
    let is = |label: &str, name: &str| label.eq_ignore_ascii_case(name);
    ["localhost", "local", "internal", "lan"].iter().any(|name| is(last, name))
        || (is(last, "arpa") && rest.rsplit_once('.').is_some_and(|(_, label)| is(label, "home")))
}

/// Whether an IPv4 address is one Exotel cannot reach: private (RFC 1918), loopback,
/// link-local, unspecified, broadcast, documentation, shared (RFC 6598), benchmarking
/// (RFC 2544), multicast or reserved. A public address is fine.
fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    // `0.0.0.0/8` holds the unspecified address, `240.0.0.0/4` the broadcast one.
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240
}

/// The same for IPv6: loopback, unspecified, unique local, link-local, multicast,
/// documentation (`2001:db8::/32`), and IPv4-mapped private addresses.
fn is_private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        || ip.is_multicast()
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        || ip.to_ipv4_mapped().is_some_and(is_private_v4)
}

/// The `preview_url` warning the links of `text` call for: none when one is an `http://` or
/// `https://` URL with a public host name, which WhatsApp can preview; `preview_ip_address` when
/// they are only URLs on IP addresses, which WhatsApp never previews (EX: "You must include a
/// hostname, since IP addresses will not be matched"); else `preview_without_url` (`localhost`
/// and local names included).
///
/// In time linear in the length of `text`: each `http://` or `https://` (in any case, as EX's
/// "begins with https:// or http://" does not care) is checked up to the end of its host, and
/// those spans overlap by at most a few bytes.
fn link_warning(text: &str) -> Option<Problem> {
    let b = text.as_bytes();
    let mut found = Some(Problem::PreviewWithoutUrl);
    // `b[i]` is ASCII, so `i` is a character boundary.
    for i in (0..b.len()).filter(|&i| b[i].eq_ignore_ascii_case(&b'h')) {
        let Some(scheme) = scheme_len(&text[i..]) else { continue };
        // The scheme and the authority, up to the first `/`, `?`, `#` or whitespace: all the
        // URL rule needs to decide whether there is a host (the path cannot fail it).
        let stop = |c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace();
        let end = text[i + scheme..].find(stop).map_or(text.len(), |n| i + scheme + n);
        match check_url(&text[i..end]) {
            Ok(checked) if checked.ip_host => found = Some(Problem::PreviewIpAddress),
            Ok(checked) if !checked.private_host => return None,
            Ok(_) | Err(_) => {}
        }
    }
    found
}

/// The `preview_url` warnings, for a text whose `preview_url` is true, recorded at
/// `/preview_url`: `preview_without_url` when the body has no `http://` or `https://` URL with a
/// host name, `preview_ip_address` when its URLs are all on IP addresses (EX: "Set `preview_url` as
/// 'Yes' only if the body includes a URL which begins with https:// or http://"; "You must include
/// a hostname, since IP addresses will not be matched").
pub(crate) fn preview_url(body: &str, cx: &mut Ctx) {
    if let Some(warning) = link_warning(body) {
        cx.at("preview_url", |cx| cx.warn(warning));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_http_urls() {
        for ok in [
            "https://example.com",
            "HTTP://Example.com/a?b#c",
            "https://cdn.example.com:8443/x.jpg",
            "https://[2001:db8::1]:443/x",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_exotel_cannot_fetch() {
        let cases = [
            ("example.com/a.jpg", UrlProblem::Scheme),
            ("ftp://example.com/a", UrlProblem::Scheme),
            ("https://", UrlProblem::NoHost),
            ("https:///a", UrlProblem::NoHost),
            ("https://example.com:0/", UrlProblem::Port),
            ("https://example.com:99999/", UrlProblem::Port),
            ("https://example.com:+80/", UrlProblem::Port),
            ("https://exa mple.com", UrlProblem::Character { position: 12 }),
            ("", UrlProblem::Scheme),
        ];
        for (input, want) in cases {
            assert_eq!(check_url(input).err(), Some(want), "{input:?}");
        }
    }

    #[test]
    fn warns_about_private_hosts_and_credentials() {
        for private in [
            "http://localhost/x",
            "http://10.0.0.1/x",
            "http://[::1]/",
            "http://intranet/x",
            "https://a.local/",
        ] {
            assert!(check_url(private).is_ok_and(|c| c.private_host), "{private}");
        }
        assert!(check_url("https://user:pw@example.com/").is_ok_and(|c| c.credentials));
        assert!(check_url("https://example.com/").is_ok_and(|c| !c.private_host && !c.credentials));
    }

    #[test]
    fn refuses_hosts_the_url_standard_refuses() {
        let cases = [
            ("https://exa<mple.com", UrlProblem::Host),
            ("https://ex%ample.com", UrlProblem::Host),
            ("https://[zzz]/x", UrlProblem::Host),
            ("https://exa\\mple.com/x", UrlProblem::Host),
            ("https://example.com\\x", UrlProblem::Host),
            ("https://999.1.1.1/x", UrlProblem::Host),
            ("https://.example.com", UrlProblem::NoHost),
            ("https://a..example.com", UrlProblem::NoHost),
            ("https://:80/x", UrlProblem::NoHost),
            ("https://user@/x", UrlProblem::NoHost),
        ];
        for (input, want) in cases {
            assert_eq!(check_url(input).err(), Some(want), "{input:?}");
        }
        // What the standard accepts and we keep as given: an IDN host, an IPv4 in hex.
        assert!(check_url("https://münchen.de/karte").is_ok_and(|c| !c.private_host));
        assert!(check_url("http://0x7f.1/").is_ok_and(|c| c.private_host && c.ip_host));
    }

    /// The URL rule with the `url` crate deciding every URL: what [`check_url`] must agree with.
    fn with_url_crate(s: &str) -> Result<Checked, UrlProblem> {
        check_with_url_crate(s)
    }

    /// Whether [`plain_url`] decides `s` (rather than the `url` crate).
    fn decided_here(s: &str) -> bool {
        plain_url(s).is_some()
    }

    #[test]
    fn plain_domains_get_the_url_crates_verdict() {
        let plain = [
            "https://example.com",
            "https://example.com/",
            "HTTPS://EXAMPLE.COM/A.JPG",
            "hTtP://Cdn.Example.Com:8443/x.jpg?w=1#top",
            "https://example.com.",
            "https://example.com.:443/",
            "https://example.com:1/",
            "https://example.com:65535/",
            "https://example.com:00080/",
            "https://example.com:0000000000443/x",
            "https://example.com:443/",
            "http://example.com:80",
            "https://a/",
            "https://localhost/x",
            "https://LOCALHOST./x",
            "https://printer.local/x",
            "https://app.Internal/x",
            "https://a.home.arpa/",
            "https://-a-.b-/",
            "https://1a.2b.c3/",
            "https://ab-c.com/",
            "https://x.y.z.example/%zz%/..//a\\b?%#%",
            "https://example.com/<>\"`{}|^",
            "https://example.com?q",
            "https://example.com#f",
        ];
        for s in plain {
            assert!(decided_here(s), "{s:?} should take the plain path");
            assert_eq!(check_url(s), with_url_crate(s), "{s:?}");
        }
        let tricky = [
            "https://münchen.de/karte",
            "https://xn--mnchen-3ya.de/",
            "https://XN--mnchen-3ya.de/",
            "https://xn--a.com/",
            "https://xn--.com/",
            "https://ab--cd.com/",
            "https://a.xn--/",
            "https://[2001:db8::1]:443/x",
            "https://[::1]/",
            "https://[zzz]/",
            "https://[::1/",
            "https://user@example.com/",
            "https://user:pw@example.com/",
            "https://:pw@example.com/",
            "https://@example.com/",
            "https://a@b@example.com/",
            "https://example.com:/",
            "https://example.com:0/",
            "https://example.com:65536/",
            "https://example.com:123456/",
            "https://example.com:0000000080/",
            "https://example.com:8a/",
            "https://example.com:99999999999999999999999/",
            "https://example.com:80@evil.com/",
            "https://example.com:-1/",
            "https://example.com::80/",
            "https://ex%41mple.com/",
            "https://ex%2ample.com/",
            "https://%/",
            "https://exa_mple.com/",
            "https://exa~mple.com/",
            "https://exa*mple.com/",
            "https://example.123/",
            "https://example.0x1f/",
            "https://example.0x/",
            "https://example.09/",
            "https://1.2.3.4/",
            "https://1.2.3.4./",
            "https://0x7f.1/",
            "https://4294967295/",
            "https://4294967296/",
            "https://08.1.1.1/",
            "https://example.com\\x",
            "https://exa mple.com/",
            "https://example.com/a b",
            "https://example.com/\u{7f}",
            "https://example.com/ä",
            "https://ＥＸＡＭＰＬＥ.com/",
            "https://ex\u{ad}ample.com/",
            "https://example。com/",
            "http:/example.com",
            "http:example.com",
            "https:///example.com",
            "http://",
            "HTTP://",
            "ftp://example.com/",
            "http//example.com",
            "https://.example.com",
            "https://a..b/",
            "https://./",
            "https://:80/",
            "",
        ];
        for s in tricky {
            assert_eq!(check_url(s), with_url_crate(s), "{s:?}");
        }
    }

    #[test]
    fn generated_hosts_get_the_url_crates_verdict() {
        // Every authority of up to three pieces: labels, digits, dots, ports, signs, the punycode
        // prefix, IP forms, non-ASCII letters; before a path, a query or nothing.
        let pieces = [
            "a",
            "Z",
            "ex",
            "xn--",
            "x",
            "0",
            "9",
            "0x",
            "08",
            "255",
            "-",
            ".",
            ":",
            ":0",
            ":1",
            ":443",
            ":65535",
            ":65536",
            ":0080",
            "@",
            "u:p@",
            "%41",
            "%",
            "_",
            "[",
            "]",
            "[::1]",
            "ß",
            "é",
            "Ⅸ",
            "localhost",
            "local",
        ];
        let (mut plain, mut all) = (0, 0);
        for a in pieces {
            for b in std::iter::once("").chain(pieces) {
                for c in std::iter::once("").chain(pieces) {
                    for tail in ["", "/p", "?q"] {
                        let s = format!("http://{a}{b}{c}{tail}");
                        assert_eq!(check_url(&s), with_url_crate(&s), "{s:?}");
                        plain += usize::from(decided_here(&s));
                        all += 1;
                    }
                }
            }
        }
        // Not a vacuous comparison: both paths decide many of them.
        assert!(plain > all / 20 && plain < all / 2, "{plain} of {all} on the plain path");
    }

    #[test]
    fn local_names_by_their_last_labels() {
        // The rule as first written, by suffix.
        let by_suffix = |host: &str| {
            let host = host.trim_end_matches('.');
            let ends_with = |suffix: &str| {
                host.len() >= suffix.len()
                    && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
            };
            host.eq_ignore_ascii_case("localhost")
                || !host.contains('.')
                || [".localhost", ".local", ".internal", ".lan", ".home.arpa"].iter().any(|s| ends_with(s))
        };
        let labels = [
            "",
            "a",
            "localhost",
            "LOCAL",
            "local",
            "locall",
            "internal",
            "lan",
            "home",
            "arpa",
            "Home",
            "ARPA",
            "com",
            "ocal",
        ];
        for a in labels {
            for b in labels {
                for c in labels {
                    for dot in ["", "."] {
                        let host = format!("{a}.{b}.{c}{dot}").trim_start_matches('.').to_owned();
                        assert_eq!(is_local_name(&host), by_suffix(&host), "{host:?}");
                        let two = format!("{b}.{c}{dot}");
                        assert_eq!(is_local_name(&two), by_suffix(&two), "{two:?}");
                        let one = format!("{c}{dot}");
                        assert_eq!(is_local_name(&one), by_suffix(&one), "{one:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn printable_ascii_eight_bytes_at_a_time() {
        // Every byte value, at every position of one and two words and the bytes after them.
        for len in 1..20 {
            for at in 0..len {
                for byte in 0..=u8::MAX {
                    let mut b = vec![b'a'; len];
                    b[at] = byte;
                    assert_eq!(
                        is_printable_ascii(&b),
                        (b'!'..=b'~').contains(&byte),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
        assert!(is_printable_ascii(b""));
    }

    #[test]
    fn public_ip_addresses_are_not_private() {
        for public in ["http://8.8.8.8/x", "https://203.0.114.1/a.jpg", "http://[2606:4700::1111]/"] {
            assert!(check_url(public).is_ok_and(|c| !c.private_host && c.ip_host), "{public}");
        }
        for private in [
            "http://192.168.1.10/x",
            "http://172.16.0.1/x",
            "http://127.0.0.1:8080/x",
            "http://169.254.169.254/latest",
            "http://0.0.0.0/",
            "http://100.64.0.1/",
            "http://198.18.0.1/",
            "http://203.0.113.7/",
            "http://255.255.255.255/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/",
        ] {
            assert!(check_url(private).is_ok_and(|c| c.private_host), "{private}");
        }
    }

    #[test]
    fn warns_by_the_links_in_text() {
        assert_eq!(link_warning("see https://example.com/x for details"), None);
        assert_eq!(link_warning("SEE HTTPS://EXAMPLE.COM/X"), None);
        assert_eq!(link_warning("Http://example.com"), None);
        assert_eq!(link_warning("no link here, only http talk"), Some(Problem::PreviewWithoutUrl));
        assert_eq!(link_warning("example.com"), Some(Problem::PreviewWithoutUrl));
        assert_eq!(link_warning("https:// example.com"), Some(Problem::PreviewWithoutUrl));
        assert_eq!(link_warning("open http://192.0.2.1/x now"), Some(Problem::PreviewIpAddress));
        assert_eq!(link_warning("http://8.8.8.8 or https://example.com"), None);
        assert_eq!(link_warning("bad http://exa<mple.com then http://example.org"), None);
        assert_eq!(link_warning("नमस्ते https://उदाहरण.भारत/ नमस्ते"), None);
        assert_eq!(link_warning("ends with http"), Some(Problem::PreviewWithoutUrl));
        assert_eq!(link_warning("only http://localhost:8080/x"), Some(Problem::PreviewWithoutUrl));
    }

    /// The link search as first written: a byte loop, each candidate cut at the first `/`, `?`,
    /// `#` or ASCII whitespace after its scheme, then at any whitespace.
    fn link_warning_by_bytes(text: &str) -> Option<Problem> {
        let b = text.as_bytes();
        let mut found = Some(Problem::PreviewWithoutUrl);
        for i in 0..b.len() {
            let tail = &b[i..];
            let scheme = if tail.len() >= 8 && tail[..8].eq_ignore_ascii_case(b"https://") {
                8
            } else if tail.len() >= 7 && tail[..7].eq_ignore_ascii_case(b"http://") {
                7
            } else {
                continue;
            };
            let end = tail[scheme..]
                .iter()
                .position(|c| matches!(c, b'/' | b'?' | b'#') || c.is_ascii_whitespace())
                .map_or(tail.len(), |n| n + scheme);
            let Some(candidate) = text.get(i..i + end) else { continue };
            match check_url(candidate.split(char::is_whitespace).next().unwrap_or("")) {
                Ok(checked) if checked.ip_host => found = Some(Problem::PreviewIpAddress),
                Ok(checked) if !checked.private_host => return None,
                Ok(_) | Err(_) => {}
            }
        }
        found
    }

    #[test]
    fn link_search_agrees_with_the_byte_loop() {
        // Every text of up to three of these pieces, and each between words.
        let pieces = [
            "http://",
            "HTTPS://",
            "h",
            "example.com",
            "1.2.3.4",
            "localhost",
            " ",
            "\u{b}",
            "\u{a0}",
            "\u{3000}",
            "/",
            "?",
            "#",
            ":80",
            "@",
            "ä",
            "न",
        ];
        for a in pieces {
            for b in std::iter::once("").chain(pieces) {
                for c in std::iter::once("").chain(pieces) {
                    for text in [format!("{a}{b}{c}"), format!("see {a}{b}{c} now")] {
                        assert_eq!(link_warning(&text), link_warning_by_bytes(&text), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn link_search_handles_a_large_body() {
        // 1 MiB of `http` and of `http://` with no host: each would once have rescanned the rest.
        let many = "http".repeat(256 * 1024);
        assert_eq!(link_warning(&many), Some(Problem::PreviewWithoutUrl));
        let slashes = "http://".repeat(150_000);
        assert_eq!(link_warning(&slashes), Some(Problem::PreviewWithoutUrl));
        let long_host = format!("https://{}.com/", "a".repeat(1 << 20));
        assert_eq!(link_warning(&long_host), None);
        assert_eq!(link_warning(&format!("{many} https://example.com")), None);
    }
}
