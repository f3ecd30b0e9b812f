// Writing anomaly.alert records and suppressing repeats.
#include "alert.h"

#include <algorithm>
#include <cmath>

namespace seckit::anomaly_detect {
namespace {

void WriteTime(JsonWriter& w, JsonKey key, TimeNs t) {
  char text[kMaxRfc3339Size];
  w.Field(key, std::string_view(text, FormatRfc3339To(t, 6, text)));
}

void WriteNumber(JsonWriter& w, std::string_view key, double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) {
    w.Field(key, static_cast<int64_t>(v));
  } else {
    w.Field(key, v);
  }
}

}  // namespace

bool AlertSink::Emit(const Alert& alert) {
  std::string key = alert.rule_id;
  key.push_back('\0');
  key += alert.entity;
  auto [it, inserted] = last_alert_.try_emplace(std::move(key), alert.end);
  if (!inserted) {
    if (alert.start < it->second + renotify_ && alert.end >= it->second - renotify_) {
      ++suppressed_;
      return false;
    }
    it->second = std::max(it->second, alert.end);
  }
  Write(alert);
  ++written_;
  return true;
}

void AlertSink::Write(const Alert& a) {
  JsonWriter& w = writer_;
  w.BeginRecord();
  WriteTime(w, "@timestamp"_key, a.end);
  w.BeginObject("event"_key);
  w.Field("kind"_key, "alert");
  w.Field("module"_key, "anomaly-detect");
  w.Field("dataset"_key, "anomaly.alert");
  w.Field("severity"_key, a.severity);
  w.Field("risk_score"_key, a.risk_score);
  WriteTime(w, "start"_key, a.start);
  WriteTime(w, "end"_key, a.end);
  w.EndObject();
  w.BeginObject("rule"_key);
  w.Field("id"_key, a.rule_id);
  w.Field("name"_key, a.rule_name);
  w.EndObject();
  if (a.source_ip) {
    w.BeginObject("source"_key);
    w.Field("ip"_key, a.source_ip->ToString());
    w.EndObject();
  }
  if (a.destination_ip || a.destination_port) {
    w.BeginObject("destination"_key);
    if (a.destination_ip) w.Field("ip"_key, a.destination_ip->ToString());
    if (a.destination_port) w.Field("port"_key, static_cast<unsigned>(*a.destination_port));
    w.EndObject();
  }
  if (!a.domain.empty()) {
    w.BeginObject("dns"_key);
    w.BeginObject("question"_key);
    w.Field("registered_domain"_key, a.domain);
    w.EndObject();
    w.EndObject();
  }
  if (!a.related_ip.empty() || !a.related_user.empty()) {
    w.BeginObject("related"_key);
    if (!a.related_ip.empty()) {
      w.BeginArray("ip"_key);
      for (const IpAddress& ip : a.related_ip) w.String(ip.ToString());
      w.EndArray();
    }
    if (!a.related_user.empty()) {
      w.BeginArray("user"_key);
      for (const std::string& user : a.related_user) w.String(user);
      w.EndArray();
    }
    w.EndObject();
  }
  w.Field("message"_key, a.message);
  w.BeginObject("anomaly"_key);
  w.BeginObject("counts"_key);
  for (const auto& [name, value] : a.counts) WriteNumber(w, name, value);
  w.EndObject();
  if (a.score >= 0) w.Field("score"_key, std::round(a.score * 1000) / 1000);
  if (!a.features.empty()) {
    w.BeginArray("features"_key);
    for (const std::string& f : a.features) w.String(f);
    w.EndArray();
  }
  w.BeginArray("evidence"_key);
  for (const Evidence& e : a.evidence) WriteEvidence(w, paths_, e);
  w.EndArray();
  w.Field("evidence_total"_key, a.evidence_total);
  w.EndObject();
  w.EndRecord();
}

int RiskScore(int severity, double count, double threshold) {
  // Bands: low 1-33, medium 34-66, high 67-89, critical 90-100.
  int floor = 1, ceiling = 33;
  if (severity >= kCritical) {
    floor = 90, ceiling = 100;
  } else if (severity >= kHigh) {
    floor = 67, ceiling = 89;
  } else if (severity >= kMedium) {
    floor = 34, ceiling = 66;
  }
  double excess = threshold > 0 && count > threshold ? std::log10(count / threshold) : 0;
  excess = std::clamp(excess, 0.0, 1.0);
  return floor + static_cast<int>(std::lround(excess * (ceiling - floor)));
}

}  // namespace seckit::anomaly_detect
