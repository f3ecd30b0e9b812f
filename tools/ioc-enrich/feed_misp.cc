// MISP attribute types: which carry an indicator this tool matches, and where in the value.
#include "feed_misp.h"

namespace seckit::ioc_enrich::feeds {
namespace {

constexpr TypeMask kDomain = Bit(IndicatorType::kDomain);
constexpr TypeMask kHost = kDomain | Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6);

// A MISP type: the types allowed in each '|'-separated part of its value (0: not an indicator).
struct MispType {
  std::string_view name;
  TypeMask first, second;
};

// From MISP's describeTypes; the composite "a|b" types keep both parts in the value.
constexpr MispType kMispTypes[] = {
    {"ip-src", kAddressTypes, 0},
    {"ip-dst", kAddressTypes, 0},
    {"ip-src|port", kAddressTypes, 0},
    {"ip-dst|port", kAddressTypes, 0},
    {"domain", kDomain, 0},
    {"hostname", kDomain, 0},
    {"hostname|port", kDomain, 0},
    {"domain|ip", kDomain, kAddressTypes},
    {"url", kHost | Bit(IndicatorType::kUrl), 0},
    {"md5", Bit(IndicatorType::kMd5), 0},
    {"sha1", Bit(IndicatorType::kSha1), 0},
    {"sha256", Bit(IndicatorType::kSha256), 0},
    {"filename|md5", 0, Bit(IndicatorType::kMd5)},
    {"filename|sha1", 0, Bit(IndicatorType::kSha1)},
    {"filename|sha256", 0, Bit(IndicatorType::kSha256)},
    {"email", Bit(IndicatorType::kEmail), 0},
    {"email-src", Bit(IndicatorType::kEmail), 0},
    {"email-dst", Bit(IndicatorType::kEmail), 0},
    {"email-reply-to", Bit(IndicatorType::kEmail), 0},
};

const MispType* FindType(std::string_view name) {
  for (const MispType& type : kMispTypes) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace

Status AddMispAttribute(const MispAttribute& a, const std::string& where, FeedSink& sink) {
  const MispType* type = FindType(a.type);
  if (type == nullptr) {
    sink.Skip("MISP attribute type " + Quoted(a.type) + " names no indicator ioc-enrich matches",
              where);
    return Status::Ok();
  }
  std::string description(a.event_info);
  if (!a.comment.empty()) {
    if (!description.empty()) description.append(": ");
    description.append(a.comment);
  }
  EntryMeta meta;
  meta.description = description;
  meta.reference = a.reference;
  meta.tags = a.tags;
  meta.first_seen = a.first_seen;
  meta.last_seen = a.last_seen;
  meta.verdict = a.to_ids ? Verdict::kMalicious : Verdict::kSuspicious;
  const bool composite = a.type.find('|') != std::string_view::npos;
  const size_t bar = a.value.find('|');
  if (composite && bar == std::string_view::npos) {
    return sink.Bad("MISP " + std::string(a.type) + " value without '|': " + Quoted(a.value),
                    where);
  }
  const std::string_view first = composite ? a.value.substr(0, bar) : a.value;
  const std::string_view second = composite ? a.value.substr(bar + 1) : std::string_view();
  if (type->first != 0) SECKIT_RETURN_IF_ERROR(sink.AddRaw(first, meta, type->first, where));
  if (type->second != 0) SECKIT_RETURN_IF_ERROR(sink.AddRaw(second, meta, type->second, where));
  return Status::Ok();
}

}  // namespace seckit::ioc_enrich::feeds
