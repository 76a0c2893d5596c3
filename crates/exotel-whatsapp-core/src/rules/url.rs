//! URLs: the URL rule for media links and callbacks, and the `preview_url` warnings.
//!
//! Exotel fetches media links and posts callbacks from its own servers, so a URL must be absolute,
//! `http` or `https`, with a host (EX: "Use only with HTTP/HTTPS URLs"; "String (URL)"). Hosts,
//! ports and IP literals are parsed by the `url` crate (the WHATWG URL standard browsers follow);
//! on top of it we refuse what that standard repairs silently (spaces and control characters,
//! a `\` for `/`, a missing `//`, port 0, empty labels). A host that only makes sense inside your
//! network, or credentials in the URL, are warnings (D).

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::url::UrlProblem;

/// A URL that passed the rule, and what the warnings need to know.
pub(crate) struct Checked {
    pub(crate) private_host: bool,
    pub(crate) credentials: bool,
    pub(crate) ip_host: bool,
}

/// Whether `s` starts with `http://` or `https://`, in any case.
pub(crate) fn has_http_scheme(s: &str) -> bool {
    let scheme = |prefix: &str| s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    scheme("https://") || scheme("http://")
}

/// The URL rule (`url`, and the warnings `private_host` and `url_credentials`): absolute
/// `http`/`https` with a valid host and port, no spaces or control characters. The `url` crate
/// parses; the checks around it refuse what it would repair.
pub(crate) fn check_url(s: &str) -> Result<Checked, UrlProblem> {
    // Printable ASCII (the usual URL) has neither; anything else is decoded character by character.
    let printable_ascii = s.bytes().all(|b| (b'!'..=b'~').contains(&b));
    let bad =
        if printable_ascii { None } else { s.chars().position(|c| c.is_whitespace() || c.is_control()) };
    if let Some(position) = bad {
        return Err(UrlProblem::Character { position: position + 1 });
    }
    let scheme = |prefix: &str| s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let rest = if scheme("https://") {
        &s[8..]
    } else if scheme("http://") {
        &s[7..]
    } else {
        return Err(UrlProblem::Scheme);
    };
    // WHATWG reads `\` as `/` and skips extra slashes; we take the authority as written.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
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

/// Whether Exotel's servers could not resolve the name: `localhost`, single-label names and the
/// reserved local suffixes (RFC 6761, RFC 6762, RFC 8375, ICANN's `.internal`).
fn is_local_name(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    let ends_with = |suffix: &str| {
        host.len() >= suffix.len()
            && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    host.eq_ignore_ascii_case("localhost")
        || !host.contains('.')
        || [".localhost", ".local", ".internal", ".lan", ".home.arpa"].iter().any(|s| ends_with(s))
}

/// Whether an IPv4 address is one Exotel cannot reach: private (RFC 1918), loopback,
/// link-local, unspecified, broadcast, documentation, shared (RFC 6598), benchmarking
/// (RFC 2544), multicast or reserved. A public address is fine.
fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
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

/// What the `preview_url` warnings need to know about a text's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    /// An `http://` or `https://` URL with a public host name: WhatsApp can preview it.
    HostName,
    /// Only URLs on IP addresses, which WhatsApp never previews (EX: "You must include a
    /// hostname, since IP addresses will not be matched").
    IpAddressOnly,
    /// No `http://` or `https://` URL with a host name (`localhost` and local names included).
    None,
}

/// Finds the links of `text` for the `preview_url` warnings, in time linear in its length: each
/// `http://` or `https://` (in any case, as EX's "begins with https:// or http://" does not care)
/// is checked up to the end of its host, and those spans overlap by at most a few bytes.
fn find_links(text: &str) -> Links {
    let b = text.as_bytes();
    let mut found = Links::None;
    for i in 0..b.len() {
        if !b[i].eq_ignore_ascii_case(&b'h') {
            continue;
        }
        let tail = &b[i..];
        let scheme = if tail.len() >= 8 && tail[..8].eq_ignore_ascii_case(b"https://") {
            8
        } else if tail.len() >= 7 && tail[..7].eq_ignore_ascii_case(b"http://") {
            7
        } else {
            continue;
        };
        // The scheme and the authority, up to the first `/`, `?`, `#` or whitespace: all the
        // URL rule needs to decide whether there is a host (the path cannot fail it).
        let end = tail[scheme..]
            .iter()
            .position(|c| matches!(c, b'/' | b'?' | b'#') || c.is_ascii_whitespace())
            .map_or(tail.len(), |n| n + scheme);
        let Some(candidate) = text.get(i..i + end) else { continue };
        let candidate = candidate.split(char::is_whitespace).next().unwrap_or("");
        match check_url(candidate) {
            Ok(checked) if checked.ip_host => found = Links::IpAddressOnly,
            Ok(checked) if !checked.private_host => return Links::HostName,
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
    match find_links(body) {
        Links::HostName => {}
        Links::IpAddressOnly => cx.at("preview_url", |cx| cx.warn(Problem::PreviewIpAddress)),
        Links::None => cx.at("preview_url", |cx| cx.warn(Problem::PreviewWithoutUrl)),
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
    fn finds_links_in_text() {
        assert_eq!(find_links("see https://example.com/x for details"), Links::HostName);
        assert_eq!(find_links("SEE HTTPS://EXAMPLE.COM/X"), Links::HostName);
        assert_eq!(find_links("Http://example.com"), Links::HostName);
        assert_eq!(find_links("no link here, only http talk"), Links::None);
        assert_eq!(find_links("example.com"), Links::None);
        assert_eq!(find_links("https:// example.com"), Links::None);
        assert_eq!(find_links("open http://192.0.2.1/x now"), Links::IpAddressOnly);
        assert_eq!(find_links("http://8.8.8.8 or https://example.com"), Links::HostName);
        assert_eq!(find_links("bad http://exa<mple.com then http://example.org"), Links::HostName);
        assert_eq!(find_links("नमस्ते https://उदाहरण.भारत/ नमस्ते"), Links::HostName);
        assert_eq!(find_links("ends with http"), Links::None);
        assert_eq!(find_links("only http://localhost:8080/x"), Links::None);
    }

    #[test]
    fn link_search_handles_a_large_body() {
        // 1 MiB of `http` and of `http://` with no host: each would once have rescanned the rest.
        let many = "http".repeat(256 * 1024);
        assert_eq!(find_links(&many), Links::None);
        let slashes = "http://".repeat(150_000);
        assert_eq!(find_links(&slashes), Links::None);
        let long_host = format!("https://{}.com/", "a".repeat(1 << 20));
        assert_eq!(find_links(&long_host), Links::HostName);
        assert_eq!(find_links(&format!("{many} https://example.com")), Links::HostName);
    }
}
