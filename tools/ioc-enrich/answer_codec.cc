// JSON for cached answers (nlohmann/json: small documents, read back once per indicator). The
// reader checks every type itself, so a damaged row can never throw.
#include "answer_codec.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace seckit::ioc_enrich {
namespace {

using nlohmann::json;

void PutString(json& object, const char* name, const std::string& value) {
  if (!value.empty()) object[name] = value;
}

json EncodeGeo(const GeoContext& geo) {
  json out = json::object();
  PutString(out, "country_iso_code", geo.country_iso_code);
  PutString(out, "country_name", geo.country_name);
  PutString(out, "city_name", geo.city_name);
  if (geo.latitude) out["latitude"] = *geo.latitude;
  if (geo.longitude) out["longitude"] = *geo.longitude;
  if (geo.as_number) out["as_number"] = *geo.as_number;
  PutString(out, "as_organization", geo.as_organization);
  return out;
}

json EncodeEnrichment(const Enrichment& e) {
  json out = json::object();
  out["provider"] = e.provider;
  out["verdict"] = std::string(VerdictName(e.verdict));
  if (e.score) out["score"] = *e.score;
  if (!e.tags.empty()) out["tags"] = e.tags;
  if (e.first_seen) out["first_seen"] = *e.first_seen;
  if (e.last_seen) out["last_seen"] = *e.last_seen;
  PutString(out, "reference", e.reference);
  PutString(out, "description", e.description);
  PutString(out, "matched_entry", e.matched_entry);
  if (!e.geo.empty()) out["geo"] = EncodeGeo(e.geo);
  return out;
}

// Readers for optional members: true when absent or of the right type (and then stored).
bool ReadString(const json& object, const char* name, std::string& out) {
  auto it = object.find(name);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get_ref<const std::string&>();
  return true;
}

bool ReadInt64(const json& object, const char* name, std::optional<int64_t>& out) {
  auto it = object.find(name);
  if (it == object.end()) return true;
  if (it->is_number_unsigned()) {
    const auto v = it->get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    out = static_cast<int64_t>(v);
    return true;
  }
  if (!it->is_number_integer()) return false;
  out = it->get<int64_t>();
  return true;
}

bool ReadDouble(const json& object, const char* name, std::optional<double>& out) {
  auto it = object.find(name);
  if (it == object.end()) return true;
  if (!it->is_number()) return false;
  out = it->get<double>();
  return true;
}

bool DecodeGeo(const json& in, GeoContext& geo) {
  if (!in.is_object()) return false;
  std::optional<int64_t> as_number;
  if (!ReadString(in, "country_iso_code", geo.country_iso_code) ||
      !ReadString(in, "country_name", geo.country_name) ||
      !ReadString(in, "city_name", geo.city_name) || !ReadDouble(in, "latitude", geo.latitude) ||
      !ReadDouble(in, "longitude", geo.longitude) || !ReadInt64(in, "as_number", as_number) ||
      !ReadString(in, "as_organization", geo.as_organization)) {
    return false;
  }
  if (as_number) {
    if (*as_number < 0 || *as_number > std::numeric_limits<uint32_t>::max()) return false;
    geo.as_number = static_cast<uint32_t>(*as_number);
  }
  return true;
}

std::optional<Enrichment> DecodeEnrichment(const json& in) {
  if (!in.is_object()) return std::nullopt;
  Enrichment e;
  std::string verdict;
  std::optional<int64_t> score;
  if (!ReadString(in, "provider", e.provider) || !ReadString(in, "verdict", verdict) ||
      !ReadInt64(in, "score", score) || !ReadInt64(in, "first_seen", e.first_seen) ||
      !ReadInt64(in, "last_seen", e.last_seen) || !ReadString(in, "reference", e.reference) ||
      !ReadString(in, "description", e.description) ||
      !ReadString(in, "matched_entry", e.matched_entry)) {
    return std::nullopt;
  }
  std::optional<Verdict> parsed = ParseVerdict(verdict);
  if (!parsed) return std::nullopt;
  e.verdict = *parsed;
  if (score) {
    if (*score < std::numeric_limits<int>::min() || *score > std::numeric_limits<int>::max()) {
      return std::nullopt;
    }
    e.score = static_cast<int>(*score);
  }
  if (auto tags = in.find("tags"); tags != in.end()) {
    if (!tags->is_array()) return std::nullopt;
    for (const json& tag : *tags) {
      if (!tag.is_string()) return std::nullopt;
      e.tags.push_back(tag.get_ref<const std::string&>());
    }
  }
  if (auto geo = in.find("geo"); geo != in.end() && !DecodeGeo(*geo, e.geo)) return std::nullopt;
  return e;
}

}  // namespace

std::string_view AnswerKindName(Answer::Kind kind) {
  switch (kind) {
    case Answer::Kind::kFound:
      return "found";
    case Answer::Kind::kNotFound:
      return "not_found";
    case Answer::Kind::kError:
      break;
  }
  return "";
}

std::string EncodeEnrichments(const std::vector<Enrichment>& enrichments) {
  json out = json::array();
  for (const Enrichment& e : enrichments) out.push_back(EncodeEnrichment(e));
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Answer> DecodeAnswer(std::string_view kind, std::string_view body) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::nullopt;  // also a parse error (discarded)
  if (kind == "not_found") {
    return parsed.empty() ? std::optional<Answer>(Answer::NotFound()) : std::nullopt;
  }
  if (kind != "found" || parsed.empty()) return std::nullopt;
  std::vector<Enrichment> enrichments;
  for (const json& item : parsed) {
    std::optional<Enrichment> e = DecodeEnrichment(item);
    if (!e) return std::nullopt;
    enrichments.push_back(std::move(*e));
  }
  return Answer::Found(std::move(enrichments));
}

}  // namespace seckit::ioc_enrich
