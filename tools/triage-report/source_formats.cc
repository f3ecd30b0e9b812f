// Reading Zeek and Suricata JSON through ECS names: format detection, alias tables, constants.
#include <cmath>
#include <initializer_list>

#include "record_view.h"

namespace seckit::triage_report {
namespace {

using Aliases = std::vector<FieldAlias>;

Aliases Make(std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> rows) {
  Aliases out;
  for (const auto& [ecs, natives] : rows) {
    FieldAlias alias{FieldPath(ecs), {}};
    for (const char* native : natives) alias.native.emplace_back(native);
    out.push_back(std::move(alias));
  }
  return out;
}

// Zeek's connection 4-tuple and ids, in every log that has them (conn, dns, http, ssl, ...).
Aliases ZeekCommon(std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> more) {
  Aliases out = Make({{"source.ip", {"id.orig_h"}},
                      {"source.port", {"id.orig_p"}},
                      {"destination.ip", {"id.resp_h"}},
                      {"destination.port", {"id.resp_p"}},
                      {"network.transport", {"proto"}},
                      {"network.community_id", {"community_id"}},
                      {"event.id", {"uid"}}});
  Aliases extra = Make(more);
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

Aliases SuricataCommon(
    std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> more) {
  Aliases out = Make({{"source.ip", {"src_ip"}},
                      {"source.port", {"src_port"}},
                      {"destination.ip", {"dest_ip"}},
                      {"destination.port", {"dest_port"}},
                      {"network.transport", {"proto"}},
                      {"network.community_id", {"community_id"}},
                      {"event.id", {"flow_id"}},
                      {"host.name", {"host"}}});
  Aliases extra = Make(more);
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

bool HasKey(simdjson::dom::object object, std::string_view key) {
  return object.at_key(key).error() == simdjson::SUCCESS;
}

std::string_view StringAt(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object.at_key(key).get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

// Which Zeek log a line comes from: its _path, else the fields only that log has.
std::string_view ZeekLog(simdjson::dom::object object) {
  std::string_view path = StringAt(object, "_path");
  if (!path.empty()) return path;
  if (HasKey(object, "conn_state") || HasKey(object, "orig_bytes")) return "conn";
  if (HasKey(object, "query") || HasKey(object, "qtype_name") || HasKey(object, "rcode_name"))
    return "dns";
  if (HasKey(object, "method") || HasKey(object, "uri") || HasKey(object, "status_code"))
    return "http";
  if (HasKey(object, "server_name") || HasKey(object, "cipher") || HasKey(object, "established"))
    return "ssl";
  if (HasKey(object, "note")) return "notice";
  return "unknown";
}

std::optional<TimeNs> ZeekTime(simdjson::dom::element ts) {
  double seconds = 0;
  if (ts.get_double().get(seconds) == simdjson::SUCCESS) {
    if (!std::isfinite(seconds) || std::fabs(seconds) > 9.2e9) return std::nullopt;
    // Microseconds first: Zeek writes six decimals, and a double cannot hold nanoseconds exactly.
    return static_cast<TimeNs>(std::llround(seconds * 1e6)) * kNsPerMicrosecond;
  }
  std::string_view text;
  if (ts.get_string().get(text) == simdjson::SUCCESS) return ParseRfc3339(text);
  return std::nullopt;
}

// Suricata's alert.severity (1 most severe) as an ECS event.severity number.
std::string SuricataEcsSeverity(simdjson::dom::object object) {
  int64_t severity = 0;
  if (object.at_pointer("/alert/severity").get_int64().get(severity) != simdjson::SUCCESS) return {};
  if (severity <= 1) return "73";
  if (severity == 2) return "47";
  return "21";
}

}  // namespace

const std::vector<FieldAlias>& ZeekAliases(std::string_view log) {
  static const Aliases kConn = ZeekCommon({{"source.bytes", {"orig_bytes"}},
                                           {"destination.bytes", {"resp_bytes"}},
                                           {"source.packets", {"orig_pkts"}},
                                           {"destination.packets", {"resp_pkts"}},
                                           {"network.protocol", {"service"}},
                                           {"event.duration", {"duration"}}});
  static const Aliases kDns = ZeekCommon({{"dns.question.name", {"query"}},
                                          {"dns.question.type", {"qtype_name"}},
                                          {"dns.response_code", {"rcode_name"}},
                                          {"dns.answers.data", {"answers"}}});
  static const Aliases kHttp = ZeekCommon({{"url.domain", {"host"}},
                                           {"url.original", {"uri"}},
                                           {"http.request.method", {"method"}},
                                           {"http.response.status_code", {"status_code"}},
                                           {"user_agent.original", {"user_agent"}}});
  static const Aliases kSsl = ZeekCommon({{"tls.client.server_name", {"server_name"}},
                                          {"tls.version", {"version"}},
                                          {"tls.cipher", {"cipher"}},
                                          {"tls.client.ja3", {"ja3"}},
                                          {"tls.server.ja3s", {"ja3s"}}});
  static const Aliases kNotice = ZeekCommon({{"rule.name", {"note"}},
                                             {"message", {"msg"}},
                                             {"source.ip", {"src", "id.orig_h"}},
                                             {"destination.ip", {"dst", "id.resp_h"}},
                                             {"destination.port", {"p", "id.resp_p"}}});
  static const Aliases kOther = ZeekCommon({});
  if (log == "conn") return kConn;
  if (log == "dns") return kDns;
  if (log == "http") return kHttp;
  if (log == "ssl") return kSsl;
  if (log == "notice") return kNotice;
  return kOther;
}

const std::vector<FieldAlias>& SuricataAliases(std::string_view event_type) {
  static const Aliases kAlert = SuricataCommon({{"rule.name", {"alert.signature"}},
                                                {"rule.id", {"alert.signature_id"}},
                                                {"rule.category", {"alert.category"}},
                                                {"message", {"alert.signature"}},
                                                {"event.action", {"alert.action"}}});
  static const Aliases kFlow = SuricataCommon({{"source.bytes", {"flow.bytes_toserver"}},
                                               {"destination.bytes", {"flow.bytes_toclient"}},
                                               {"source.packets", {"flow.pkts_toserver"}},
                                               {"destination.packets", {"flow.pkts_toclient"}},
                                               {"network.protocol", {"app_proto"}}});
  // dns.rrname up to eve version 2; version 3 puts the question in dns.queries[].
  static const Aliases kDns = SuricataCommon({{"dns.question.name", {"dns.rrname", "dns.queries.rrname"}},
                                              {"dns.question.type", {"dns.rrtype", "dns.queries.rrtype"}},
                                              {"dns.response_code", {"dns.rcode"}},
                                              {"dns.type", {"dns.type"}},
                                              {"dns.answers.data", {"dns.answers.rdata"}}});
  static const Aliases kHttp = SuricataCommon({{"url.domain", {"http.hostname"}},
                                               {"url.original", {"http.url"}},
                                               {"http.request.method", {"http.http_method"}},
                                               {"http.response.status_code", {"http.status"}},
                                               {"user_agent.original", {"http.http_user_agent"}}});
  static const Aliases kTls = SuricataCommon({{"tls.client.server_name", {"tls.sni"}},
                                              {"tls.version", {"tls.version"}},
                                              {"tls.client.ja3", {"tls.ja3.hash"}},
                                              {"tls.server.ja3s", {"tls.ja3s.hash"}}});
  static const Aliases kOther = SuricataCommon({});
  if (event_type == "alert") return kAlert;
  if (event_type == "flow") return kFlow;
  if (event_type == "dns") return kDns;
  if (event_type == "http") return kHttp;
  if (event_type == "tls") return kTls;
  return kOther;
}

RecordView::RecordView(const JsonRecord& record) : record_(record) {
  simdjson::dom::object object;
  if (record.root.get_object().get(object) != simdjson::SUCCESS) return;
  std::string_view stamp;
  if (object.at_key("@timestamp").get_string().get(stamp) == simdjson::SUCCESS) {
    time_ = ParseRfc3339(stamp);
    return;
  }
  if (HasKey(object, "event")) return;  // ECS without a time
  std::string_view event_type = StringAt(object, "event_type");
  std::string_view suricata_time = StringAt(object, "timestamp");
  if (!event_type.empty() && !suricata_time.empty()) {
    format_ = SourceFormat::kSuricata;
    time_ = ParseRfc3339(suricata_time);
    aliases_ = &SuricataAliases(event_type);
    const bool alert = event_type == "alert";
    constants_ = {{"event.module", "suricata"},
                  {"event.dataset", "suricata." + std::string(event_type)},
                  {"event.kind", alert ? "alert" : "event"}};
    if (alert) {
      std::string severity = SuricataEcsSeverity(object);
      if (!severity.empty()) constants_.emplace_back("event.severity", std::move(severity));
    }
    return;
  }
  simdjson::dom::element ts;
  if (object.at_key("ts").get(ts) == simdjson::SUCCESS &&
      (HasKey(object, "uid") || HasKey(object, "id.orig_h"))) {
    format_ = SourceFormat::kZeek;
    time_ = ZeekTime(ts);
    const std::string_view log = ZeekLog(object);
    aliases_ = &ZeekAliases(log);
    constants_ = {{"event.module", "zeek"},
                  {"event.dataset", "zeek." + std::string(log)},
                  {"event.kind", log == "notice" ? "alert" : "event"}};
  }
}

const std::string* RecordView::Constant(const FieldPath& path) const {
  for (const auto& [name, value] : constants_) {
    if (name == path.dotted()) return &value;
  }
  return nullptr;
}

const FieldAlias* RecordView::Alias(const FieldPath& path) const {
  if (aliases_ == nullptr) return nullptr;
  for (const FieldAlias& alias : *aliases_) {
    if (alias.ecs.dotted() == path.dotted()) return &alias;
  }
  return nullptr;
}

bool RecordView::Text(const FieldPath& path, std::string& out) const {
  if (format_ != SourceFormat::kEcs) {
    if (const std::string* constant = Constant(path)) {
      out = *constant;
      return true;
    }
    if (const FieldAlias* alias = Alias(path)) {
      for (const FieldPath& native : alias->native) {
        if (record_.GetText(native, out)) return true;
        std::vector<std::string> values;  // a native path through an array (dns.queries.rrname)
        CollectTexts(record_.root, native, values);
        if (!values.empty()) {
          out = std::move(values.front());
          return true;
        }
      }
      return false;
    }
  }
  return record_.GetText(path, out);
}

void RecordView::Texts(const FieldPath& path, std::vector<std::string>& out) const {
  if (format_ != SourceFormat::kEcs) {
    if (const std::string* constant = Constant(path)) {
      out.push_back(*constant);
      return;
    }
    if (const FieldAlias* alias = Alias(path)) {
      for (const FieldPath& native : alias->native) {
        const size_t before = out.size();
        CollectTexts(record_.root, native, out);
        if (out.size() > before) return;
      }
      return;
    }
  }
  CollectTexts(record_.root, path, out);
}

bool RecordView::Has(const FieldPath& path) const {
  if (format_ != SourceFormat::kEcs && (Constant(path) != nullptr || Alias(path) != nullptr)) {
    std::vector<std::string> values;
    Texts(path, values);
    return !values.empty();
  }
  return record_.Find(path).has_value();
}

}  // namespace seckit::triage_report
