// STIX 2.1 bundles (and bare lists of STIX objects): each indicator whose pattern is a
// disjunction of simple equalities gives one entry per equality; other objects are ignored.
#include <string>
#include <vector>

#include "feed_json.h"
#include "feed_reader.h"
#include "stix_pattern.h"

namespace seckit::ioc_enrich::feeds {
namespace {

using simdjson::dom::element;

// benign: only "benign"; suspicious: only "anomalous-activity", "anonymization", "unknown";
// malicious: anything else, and no indicator_types at all (a feed lists bad things).
Verdict VerdictOf(element indicator) {
  bool any = false, benign = false, suspicious = false, malicious = false;
  ForEachIn(indicator, "indicator_types", [&](element e) {
    std::string_view type;
    if (e.get_string().get(type) != simdjson::SUCCESS) return;
    any = true;
    if (type == "benign") {
      benign = true;
    } else if (type == "anomalous-activity" || type == "anonymization" || type == "unknown") {
      suspicious = true;
    } else {
      malicious = true;
    }
  });
  if (!any || malicious) return Verdict::kMalicious;
  return suspicious ? Verdict::kSuspicious : (benign ? Verdict::kBenign : Verdict::kMalicious);
}

class StixReader {
 public:
  explicit StixReader(FeedSink& sink) : sink_(sink) {}
  Status Object(element object);

 private:
  void Describe(element indicator, EntryMeta& meta);

  FeedSink& sink_;
  std::vector<std::string_view> tags_;
  std::string description_;
};

void StixReader::Describe(element indicator, EntryMeta& meta) {
  const std::string_view name = StringAt(indicator, "name");
  const std::string_view text = StringAt(indicator, "description");
  description_.assign(name);
  if (!name.empty() && !text.empty()) description_.append(": ");
  description_.append(text);
  meta.description = description_;
  tags_.clear();
  for (const char* key : {"labels", "indicator_types"}) {
    ForEachIn(indicator, key, [this](element e) {
      std::string_view tag;
      if (e.get_string().get(tag) == simdjson::SUCCESS) tags_.push_back(tag);
    });
  }
  meta.tags = tags_;
  meta.first_seen = ParseFeedTime(StringAt(indicator, "valid_from"));
  if (!meta.first_seen) meta.first_seen = ParseFeedTime(StringAt(indicator, "created"));
  int64_t confidence;
  if (indicator["confidence"].get_int64().get(confidence) == simdjson::SUCCESS && confidence >= 0 &&
      confidence <= 100) {
    meta.score = static_cast<int>(confidence);
  }
  ForEachIn(indicator, "external_references", [&meta](element e) {
    if (meta.reference.empty()) meta.reference = StringAt(e, "url");
  });
  meta.verdict = VerdictOf(indicator);
}

Status StixReader::Object(element object) {
  if (StringAt(object, "type") != "indicator") return Status::Ok();
  const std::string where = sink_.At(StringAt(object, "id"));
  if (FlagAt(object, "revoked", false)) {
    sink_.Skip("revoked STIX indicator", where);
    return Status::Ok();
  }
  const std::string_view pattern_type = StringAt(object, "pattern_type");
  if (!pattern_type.empty() && pattern_type != "stix") {
    sink_.Skip("STIX indicator with a " + std::string(pattern_type) + " pattern", where);
    return Status::Ok();
  }
  const std::string_view pattern = StringAt(object, "pattern");
  if (pattern.empty()) return sink_.Bad("STIX indicator without a pattern", where);
  const StixPattern parsed = ParseStixPattern(pattern);
  switch (parsed.kind) {
    case StixPattern::Kind::kMalformed:
      return sink_.Bad("bad STIX pattern " + Quoted(pattern) + ": " + parsed.why, where);
    case StixPattern::Kind::kUnsupported:
      sink_.Skip("STIX pattern " + Quoted(pattern) + " " + parsed.why + "; not a simple equality",
                 where);
      return Status::Ok();
    case StixPattern::Kind::kUsable:
      break;
  }
  EntryMeta meta;
  Describe(object, meta);
  for (const StixEquality& equality : parsed.equalities) {
    SECKIT_RETURN_IF_ERROR(sink_.AddRaw(equality.value, meta, equality.types, where));
  }
  return Status::Ok();
}

}  // namespace

Status LoadStix(element root, FeedSink& sink) {
  StixReader reader(sink);
  Status status;
  auto each = [&](element object) {
    if (status.ok()) status = reader.Object(object);
  };
  if (root.is_array()) {
    ForEachElement(root, each);
  } else {
    ForEachIn(root, "objects", each);
  }
  return status;
}

}  // namespace seckit::ioc_enrich::feeds
