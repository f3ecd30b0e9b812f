// IocMatcher: log-grep's --ioc matcher. Loads indicator feeds (IPs, CIDRs, domains, URLs,
// e-mail addresses, hashes) and finds them in log lines as typed tokens, not as substrings.
#ifndef SECKIT_LOG_GREP_IOC_MATCHER_H_
#define SECKIT_LOG_GREP_IOC_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/indicators.h"
#include "seckit/status.h"

namespace seckit::log_grep {

namespace ioc_internal {
struct IocTables;
}  // namespace ioc_internal

// One indicator found in a line.
struct IocHit {
  // kIpv4, kIpv6, kDomain, kUrl, kEmail, kMd5, kSha1, kSha256 for an exact hit; kCidr when an
  // address matched only through a listed network.
  IndicatorType type;
  std::string_view indicator;  // the listed value (normalised); owned by the matcher
  size_t offset, length;       // the matching text in the line
};

// A feed line that is not an indicator, for the caller to report (file:line: text).
struct IocFeedError {
  std::string file;
  uint64_t line = 0;
  std::string text;
};

// Usage: LoadFile()/Add() every indicator, Finish() once, then Scan()/AnyMatch() from any
// number of threads. Adding after Finish() needs another Finish() before the next scan, and
// invalidates the `indicator` views of earlier hits.
//
// Feed files (LoadFile): one indicator per line, plain, gzip or zstd. Blank lines and lines
// whose first non-blank character is '#' are skipped, and so is a comment that starts with
// '#' after whitespace. The rest of the line is classified by seckit::Classify (so defanged
// entries such as "1.2.3[.]4" and "hxxp://evil[.]com/x" are accepted); when that fails, its
// first whitespace-separated token ("1.2.3.4<TAB>10" in ipsum feeds), and when that fails too,
// the part of that token before the first ';' or ',' ("hash;description" lists). An address
// with a port ("1.2.3.4:443") counts as the address. A line none of these classifies is
// appended to `rejected`.
//
// Matching (every rule is ASCII; any other byte is a delimiter):
//   IPv4  a dotted quad (four parts of 1-3 digits, 0-255, no leading zeros) not preceded by a
//         letter, a digit or digit+'.', and not followed by a letter, a digit or '.'+digit:
//         "1.2.3.4" is found in "ip=1.2.3.4:80", "[1.2.3.4]", "1.2.3.4." and "::ffff:1.2.3.4",
//         not in "11.2.3.4", "1.2.3.45", "1.2.3.4.5", "v1.2.3.4", "01.2.3.4".
//   IPv6  a run of hex digits, ':' and '.' with at least two ':', not just "::" (a trailing '.'
//         or single ':' is punctuation), parsed by IpAddress::Parse, so any spelling of a
//         listed address matches ("[2001:DB8:0::1]:443"). When a letter or '_' touches the run
//         on the left, the run starts after its first ':' ("src:fe80::1"); when one touches it
//         on the right, it is no address.
//   CIDR  every IPv4/IPv6 address found as above that lies in a listed network (the most
//         specific one is reported; an exact listed address wins over a network).
//   domain  a run of letters, digits, '.', '-' and '_' (trailing dots ignored) matches when it,
//         or the part after any of its dots, is listed, ignoring case: "evil.com" is found in
//         "a.b.EVIL.com" and "user@evil.com", not in "notevil.com" or "evil.com.au". The most
//         specific listed suffix is reported; the hit covers the whole run.
//   URL   a listed URL with a scheme matches a run that starts with a known scheme and "://"
//         and ends before a space, control byte, '"', '<' or '>', compared after lowercasing
//         its scheme and host (IPv6 hosts canonicalised, one trailing dot of the host dropped)
//         and otherwise exactly; if the whole run is not listed, trailing ". , ; : ! ? ' * ) ]"
//         are cut one at a time and tried again. A scheme-less listed URL ("evil.com/gate.php")
//         matches a domain or IPv4 run (as above) followed by an optional ":port" and a path,
//         compared the same way, anywhere, also inside a URL with a scheme; the host must be
//         exactly the listed one (no subdomains) and the path is compared exactly (a query
//         string makes it another URL).
//   e-mail  local@domain where the local part is the run of [A-Za-z0-9._%+-] before the '@'
//         (as written, without leading dots) and the domain the run of [A-Za-z0-9.-] after it
//         (lowercased, without trailing dots).
//   hash  a run of exactly 32, 40 or 64 hex digits not touching a letter or digit on either
//         side, compared ignoring case.
// Hits may overlap (a listed URL and a listed domain inside it are both reported).
class IocMatcher {
 public:
  IocMatcher();
  ~IocMatcher();
  IocMatcher(IocMatcher&&) noexcept;
  IocMatcher& operator=(IocMatcher&&) noexcept;

  // Adds every indicator in the feed at `path` ("-" is standard input). Returns the OpenInput
  // or read error (NoInput, IoError, DataError); lines that are not indicators are appended to
  // `rejected` and are not an error.
  Status LoadFile(const std::string& path, std::vector<IocFeedError>& rejected);

  // Adds one indicator as Classify returns it (normalised value). Returns false, adding
  // nothing, when the value is not valid for its type.
  bool Add(const Indicator& indicator);

  // Builds the lookup tables from everything added so far (duplicates count once: the first
  // one added wins).
  void Finish();

  // Appends the hits in `line` to `hits`, in order of offset; true if there was one.
  bool Scan(std::string_view line, std::vector<IocHit>& hits) const;
  // True if `line` has a hit (the cheapest test, for counting and filtering).
  bool AnyMatch(std::string_view line) const;

  // Distinct indicators as of the last Finish(), in total and of one type.
  size_t size() const;
  bool empty() const { return size() == 0; }
  size_t Count(IndicatorType type) const;

  // Bytes held by the lookup tables and the stored values (for diagnostics).
  size_t MemoryUsage() const;

 private:
  std::unique_ptr<ioc_internal::IocTables> tables_;
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_IOC_MATCHER_H_
