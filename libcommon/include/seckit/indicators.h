// Indicators of compromise in text: refanging ("hxxp://evil[.]com"), classifying one feed token,
// extracting every IP, CIDR, domain, URL, e-mail address and hash from free text, and the
// public-suffix (libpsl) checks behind domain names.
#ifndef SECKIT_INDICATORS_H_
#define SECKIT_INDICATORS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seckit {

enum class IndicatorType { kIpv4, kIpv6, kCidr, kDomain, kUrl, kEmail, kMd5, kSha1, kSha256 };

// STIX 2.1 cyber-observable names where STIX has one ("ipv4-addr", "ipv6-addr",
// "domain-name", "url", "email-addr") and "cidr", "md5", "sha1", "sha256" otherwise (STIX
// files a CIDR under ipv4-addr/ipv6-addr and hashes under file.hashes).
std::string_view IndicatorTypeName(IndicatorType type);
// The inverse of IndicatorTypeName (exact, lowercase), for command-line filters.
std::optional<IndicatorType> ParseIndicatorType(std::string_view name);

struct Indicator {
  IndicatorType type = IndicatorType::kDomain;
  // Normalised: IPs and CIDRs in canonical text (host bits of a CIDR cleared), domains and
  // hashes lowercase, a domain's trailing dot removed, URLs with lowercase scheme and host (the
  // rest as written), e-mail addresses with a lowercase domain (the local part as written).
  std::string value;
  // Where the indicator is in the text that was given (before refanging): `length` bytes from
  // `offset`, including any defanging brackets inside it.
  size_t offset = 0;
  size_t length = 0;

  friend bool operator==(const Indicator&, const Indicator&) = default;
};

// Undoes common defanging. Replaced, case-insensitively:
//   "hxxp", "hxxps", "fxp", "fxps" at the start of a word and followed by ':' or '['
//     -> "http", "https", "ftp", "ftps";
//   "[.]" "(.)" "{.}" "[dot]" "(dot)" "{dot}" -> "."; "[@]" "(@)" "{@}" "[at]" "(at)" "{at}"
//     -> "@"; "[:]" "(:)" "{:}" -> ":"; "[://]" "(://)" "{://}" -> "://".
// A bracketed dot or at with one space on each side between two letters or digits takes the
// spaces with it ("evil [dot] com" -> "evil.com"). Nothing else changes: unbracketed " dot " and
// " . " stay, since prose is full of them.
std::string Refang(std::string_view text);

// What one token is (a line of an IOC feed, a field of a CSV), or nullopt. Leading and trailing
// ASCII whitespace are ignored and the token is refanged first; then the whole of it must be:
//   a hash: exactly 32, 40 or 64 hex digits (MD5, SHA-1, SHA-256);
//   a URL: scheme "://" host [":" port] [path/query/fragment], where the scheme is one of http,
//     https, ftp, ftps, sftp, ws, wss, tcp, udp, smb, ssh, telnet, irc, ldap, ldaps, rtsp, the
//     host a valid domain, IPv4 address or bracketed IPv6 address, and the rest has no spaces or
//     control characters;
//   a scheme-less URL: host [":" port] "/" path, with at least one character after the "/"
//     (feeds such as maltrail list "evil.com/gate.php"); the value is kept without a scheme;
//   a CIDR: an address, "/", a prefix length (see Cidr::Parse);
//   an e-mail address: local@domain, local part of 1-64 characters from [A-Za-z0-9._%+-] not
//     starting or ending with '.' and without "..", and a valid domain;
//   an IPv4 or IPv6 address, optionally with ":port" (IPv6 then in brackets, "[::1]:443") or
//     an IPv6 zone ("fe80::1%eth0"), which are dropped from the value;
//   a domain name (see NormalizeDomain), optionally with ":port", dropped from the value.
// offset/length cover the token without the surrounding whitespace.
std::optional<Indicator> Classify(std::string_view token);

// One line of a plain indicator feed (maltrail, ipsum, signature-base, a hand-kept list …).
// A byte-order mark, surrounding blanks and a comment ('#' at the start or after a blank) are
// ignored. The indicator is the whole remaining text when it is one token or a defanged one with
// spaces ("evil [dot] com"); else its first token ("1.2.3.4<TAB>10"); else that token up to the
// first ';' or ',' ("hash;description", "domain,tag"). `note` is what else the line says: the
// comment, or the text after the indicator's column, trimmed (for a feed entry's description).
struct FeedLine {
  bool blank = true;  // nothing but blanks and a comment: not an entry at all
  std::optional<Indicator> indicator;  // nullopt for an entry that names no indicator
  std::string_view note;               // a view into the line
};
FeedLine ParseFeedLine(std::string_view line);

// Every indicator in free text, in order of offset, never overlapping. The text is refanged
// first; offsets refer to the original text. Rules beyond Classify's:
//   - Precedence, where candidates overlap: URL with scheme > e-mail > IPv6/CIDR > IPv4/CIDR
//     (and a scheme-less URL on an IPv4 host) > domain (and a scheme-less URL on it) > hash.
//     So the host of a URL, the domain of an e-mail address and a hash inside a URL are not
//     reported on their own.
//   - Tokens are delimited by anything that cannot continue them; an IPv4 address, hash or
//     domain must not touch a letter or digit ("1.2.3.4.5", "v1.2.3.4", "x<32 hex digits>" are
//     nothing) and a domain must not touch an accented Latin letter (U+00C0-U+027F), so the
//     ASCII tail of "münchen.de" is not reported; other non-ASCII bytes delimit, as in CJK text.
//   - Trailing sentence punctuation (". , ; : ! ? ' *") and unbalanced closing ")" or "]" are not
//     part of a URL; a URL ends at whitespace, a control or non-ASCII byte, or one of
//     "<>\"\\^`{|}".
//   - An IPv6 candidate needs two colons and is not just "::"; a trailing '.' or single ':' is
//     punctuation.
//   - A two-label domain whose top-level domain is also a common file extension (zip, mov, sh,
//     py, pl, md, rs, cc, so, ps, pm, in, am, ai, java, one, ...: FileExtensionTlds()) is not
//     reported unless it was defanged: in prose "open invoice.zip" names a file. Inside a URL
//     or an e-mail address, and for Classify, it counts as a domain.
// Linear in the size of the text (no backtracking), so hostile input (megabytes of dots,
// colons, '@' or hex digits, NUL bytes, invalid UTF-8) costs no more than ordinary text.
std::vector<Indicator> Extract(std::string_view text);

// `name` lowercased, without one trailing dot, if it is a usable domain name; else nullopt.
// Rules: at most 253 characters; at least two labels of 1-63 characters each; labels made of
// ASCII letters, digits and '-', not starting or ending with '-' ('_' is also allowed in labels
// left of the registrable part, as in "_dmarc.example.com"); the top-level label is letters or
// an "xn--" IDNA label and is a top-level domain in the Public Suffix List ("report.pdf" is
// not a domain); and the whole name is not itself an ICANN public suffix ("com", "co.uk").
// Names under private suffixes ("user.github.io") and the private suffixes themselves
// ("github.io") are accepted.
std::optional<std::string> NormalizeDomain(std::string_view name);

// The registrable domain ("eTLD+1") of a domain name by the Public Suffix List, lowercase:
// "a.b.example.co.uk" -> "example.co.uk", "x.user.github.io" -> "user.github.io". Names with a
// top-level domain outside the list follow the list's default rule ("a.corp.local" ->
// "corp.local"). Empty when there is none: the name is itself a public suffix, empty, or not
// domain syntax.
std::string RegistrableDomain(std::string_view domain);

// The file-extension top-level domains of Extract's rule above (lowercase, sorted).
const std::vector<std::string_view>& FileExtensionTlds();

}  // namespace seckit

#endif  // SECKIT_INDICATORS_H_
