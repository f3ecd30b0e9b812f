// Telling a feed's format from its content when --feed names none (rules in local_feeds.h).
#ifndef SECKIT_IOC_ENRICH_FEED_DETECT_H_
#define SECKIT_IOC_ENRICH_FEED_DETECT_H_

#include <simdjson.h>

#include <optional>
#include <string_view>

#include "feed_spec.h"

namespace seckit::ioc_enrich::feeds {

// The format of a text feed from its first lines: kMispCsv, kCsv or kPlain; kDetect when the
// text is JSON (the caller parses it and asks DetectJsonFormat).
FeedFormat DetectTextFormat(std::string_view text);
// kStix or kMispJson for a parsed JSON feed; nullopt when it is neither.
std::optional<FeedFormat> DetectJsonFormat(simdjson::dom::element root);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_DETECT_H_
