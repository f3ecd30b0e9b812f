// ECS threat.enrichments entries and the ioc summary.
#include "enrichment_json.h"

#include <algorithm>

#include "seckit/time.h"

namespace seckit::ioc_enrich {
namespace {

// ECS threat.indicator.confidence from a 0-100 score.
std::string_view Confidence(int score) {
  if (score >= 70) return "High";
  if (score >= 30) return "Medium";
  if (score > 0) return "Low";
  return "None";
}

int EffectiveScore(const Enrichment& e) {
  if (e.score) return std::clamp(*e.score, 0, 100);
  if (e.verdict == Verdict::kMalicious) return 100;
  if (e.verdict == Verdict::kSuspicious) return 50;
  return 0;
}

void WriteTime(JsonWriter& w, std::string_view key, TimeNs time) {
  char text[kMaxRfc3339Size];
  w.Field(key, std::string_view(text, FormatRfc3339To(time, 6, text)));
}

void WriteGeo(JsonWriter& w, const GeoContext& geo) {
  if (!geo.country_iso_code.empty() || !geo.country_name.empty() || !geo.city_name.empty() ||
      geo.latitude) {
    w.BeginObject("geo");
    if (!geo.country_iso_code.empty()) w.Field("country_iso_code", geo.country_iso_code);
    if (!geo.country_name.empty()) w.Field("country_name", geo.country_name);
    if (!geo.city_name.empty()) w.Field("city_name", geo.city_name);
    if (geo.latitude && geo.longitude) {
      w.BeginObject("location");
      w.Field("lat", *geo.latitude);
      w.Field("lon", *geo.longitude);
      w.EndObject();
    }
    w.EndObject();
  }
  if (geo.as_number || !geo.as_organization.empty()) {
    w.BeginObject("as");
    if (geo.as_number) w.Field("number", *geo.as_number);
    if (!geo.as_organization.empty()) {
      w.BeginObject("organization");
      w.Field("name", geo.as_organization);
      w.EndObject();
    }
    w.EndObject();
  }
}

}  // namespace

void WriteIndicatorFields(JsonWriter& w, const Indicator& indicator) {
  const std::string& v = indicator.value;
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
      w.Field("type", IndicatorTypeName(indicator.type));
      w.Field("ip", v);
      return;
    case IndicatorType::kCidr:
      // ECS has no field for a network; matched.atomic holds it.
      w.Field("type", v.find(':') == std::string::npos ? "ipv4-addr" : "ipv6-addr");
      return;
    case IndicatorType::kDomain:
      w.Field("type", "domain-name");
      w.BeginObject("url");
      w.Field("domain", v);
      w.EndObject();
      return;
    case IndicatorType::kUrl:
      w.Field("type", "url");
      w.BeginObject("url");
      w.Field("original", v);
      w.EndObject();
      return;
    case IndicatorType::kEmail:
      w.Field("type", "email-addr");
      w.BeginObject("email");
      w.Field("address", v);
      w.EndObject();
      return;
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
      w.Field("type", "file");
      w.BeginObject("file");
      w.BeginObject("hash");
      w.Field(IndicatorTypeName(indicator.type), v);
      w.EndObject();
      w.EndObject();
      return;
  }
}

void WriteEnrichment(JsonWriter& w, const Enrichment& e, const Indicator& indicator,
                     std::string_view field) {
  w.BeginObject();
  w.BeginObject("indicator");
  WriteIndicatorFields(w, indicator);
  w.Field("provider", e.provider);
  if (e.first_seen) WriteTime(w, "first_seen", *e.first_seen);
  if (e.last_seen) WriteTime(w, "last_seen", *e.last_seen);
  if (e.verdict != Verdict::kUnknown || e.score) {
    w.Field("confidence", Confidence(EffectiveScore(e)));
  }
  if (!e.reference.empty()) w.Field("reference", e.reference);
  if (!e.description.empty()) w.Field("description", e.description);
  WriteGeo(w, e.geo);
  w.EndObject();
  w.BeginObject("matched");
  w.Field("atomic", indicator.value);
  w.Field("field", field);
  w.Field("type", "indicator_match_rule");
  w.EndObject();
  w.BeginObject("ioc");
  w.Field("verdict", VerdictName(e.verdict));
  if (e.score) w.Field("score", std::clamp(*e.score, 0, 100));
  if (!e.tags.empty()) {
    w.BeginArray("tags");
    for (const std::string& tag : e.tags) w.String(tag);
    w.EndArray();
  }
  if (!e.matched_entry.empty()) w.Field("matched_entry", e.matched_entry);
  w.EndObject();
  w.EndObject();
}

void RecordSummary::Add(const Enrichment& e) {
  verdict = std::max(verdict, e.verdict);
  score = std::max(score, EffectiveScore(e));
  ++enrichments;
}

void WriteSummary(JsonWriter& w, const RecordSummary& summary,
                  const std::vector<LookupError>& errors) {
  w.BeginObject("ioc");
  w.Field("verdict", VerdictName(summary.verdict));
  w.Field("score", summary.score);
  w.Field("enrichments", summary.enrichments);
  if (!errors.empty()) {
    w.BeginArray("errors");
    for (const LookupError& e : errors) {
      w.BeginObject();
      w.Field("provider", e.provider);
      w.Field("indicator", e.indicator);
      w.Field("error", e.error);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace seckit::ioc_enrich
