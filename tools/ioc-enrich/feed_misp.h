// One MISP attribute, as the MISP CSV and JSON readers both see it, and the entries it gives.
#ifndef SECKIT_IOC_ENRICH_FEED_MISP_H_
#define SECKIT_IOC_ENRICH_FEED_MISP_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "feed_reader.h"

namespace seckit::ioc_enrich::feeds {

struct MispAttribute {
  std::string_view type;  // "ip-dst", "domain|ip", "filename|sha256" …
  std::string_view value;
  std::string_view comment;
  bool to_ids = true;
  std::span<const std::string_view> tags;  // the attribute's and its event's
  std::optional<TimeNs> first_seen, last_seen;
  std::string_view event_info;  // the event's title, when known
  std::string_view reference;   // the event's first "link" attribute, when known
};

// Adds the entries a MISP attribute gives: one per indicator in its value (two for
// "domain|ip"), none for a type that names no indicator this tool matches (counted as skipped).
// Verdict: malicious when to_ids is set, suspicious otherwise (context, not for detection).
// Description: "EVENT INFO: COMMENT", either alone when the other is empty.
Status AddMispAttribute(const MispAttribute& attribute, const std::string& where, FeedSink& sink);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_MISP_H_
