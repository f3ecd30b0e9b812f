// The part of the STIX 2.1 patterning language a feed lookup can use: equalities on the value
// of ipv4-addr, ipv6-addr, domain-name, url and email-addr objects and on MD5, SHA-1 and SHA-256
// file hashes, joined by OR (inside or between observation expressions, with any parentheses).
#ifndef SECKIT_IOC_ENRICH_STIX_PATTERN_H_
#define SECKIT_IOC_ENRICH_STIX_PATTERN_H_

#include <string>
#include <string_view>
#include <vector>

#include "feed_reader.h"

namespace seckit::ioc_enrich::feeds {

struct StixEquality {
  std::string path;    // "ipv4-addr:value", "file:hashes.SHA-256" (quotes removed)
  std::string value;   // the string literal, unescaped
  TypeMask types = 0;  // what the value may classify as
};

struct StixPattern {
  enum class Kind {
    kUsable,       // `equalities` holds every comparison this tool can match (at least one)
    kUnsupported,  // valid, but not a disjunction of usable equalities: `why` says what
    kMalformed,    // not a pattern: `why` says where it went wrong
  };
  Kind kind = Kind::kMalformed;
  std::vector<StixEquality> equalities;
  std::string why;
};

// Parses `pattern`. A comparison on another property (file:name, process:…) or another hash
// inside an OR is left out; a pattern with AND, FOLLOWEDBY, NOT, another operator (!=, LIKE,
// MATCHES, IN …), a qualifier (WITHIN, REPEATS, START/STOP) or no usable comparison at all is
// kUnsupported.
StixPattern ParseStixPattern(std::string_view pattern);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_STIX_PATTERN_H_
