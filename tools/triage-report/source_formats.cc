// Reading Zeek and Suricata JSON through ECS names: format detection, alias tables, constants.
#include <charconv>
#include <cmath>
#include <initializer_list>

#include "record_view.h"

namespace seckit::triage_report {
namespace {

using Aliases = std::vector<FieldAlias>;

Aliases Make(
    std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> rows) {
  Aliases out;
  for (const auto& [ecs, natives] : rows) {
    FieldAlias alias{Field::Of(ecs), {}};
    for (const char* native : natives) alias.native.push_back(Field::Of(native));
    out.push_back(std::move(alias));
  }
  return out;
}

// Zeek's connection 4-tuple and ids, in every log that has them (conn, dns, http, ssl, ...).
Aliases ZeekCommon(
    std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> more) {
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

// The fields every record is read through, registered once at start-up. (cert-err58-cpp: an
// allocation failure before main ends the program with or without these tables.)
// NOLINTBEGIN(cert-err58-cpp)
const Field kTimestamp = Field::Of("@timestamp");
const Field kEvent = Field::Of("event");
const Field kEventType = Field::Of("event_type");
const Field kSuricataTime = Field::Of("timestamp");
const Field kTs = Field::Of("ts");
const Field kUid = Field::Of("uid");
const Field kOrigH = Field::Of("id.orig_h");
const Field kPath = Field::Of("_path");
const Field kAlertSeverity = Field::Of("alert.severity");
const Field kConnState = Field::Of("conn_state");
const Field kOrigBytes = Field::Of("orig_bytes");
const Field kQuery = Field::Of("query");
const Field kQtypeName = Field::Of("qtype_name");
const Field kRcodeName = Field::Of("rcode_name");
const Field kMethod = Field::Of("method");
const Field kUri = Field::Of("uri");
const Field kStatusCode = Field::Of("status_code");
const Field kServerName = Field::Of("server_name");
const Field kCipher = Field::Of("cipher");
const Field kEstablished = Field::Of("established");
const Field kNote = Field::Of("note");
// NOLINTEND(cert-err58-cpp)

bool Present(const FieldIndex& index, const Field& f) { return !index.Values(f).empty(); }

std::string_view StringOf(const FieldIndex& index, const Field& f) {
  const auto& values = index.Values(f);
  std::string_view text;
  if (values.empty() || values.front().get_string().get(text) != simdjson::SUCCESS) return {};
  return text;
}

// Which Zeek log a line comes from: its _path, else the fields only that log has.
std::string_view ZeekLog(const FieldIndex& index) {
  std::string_view path = StringOf(index, kPath);
  if (!path.empty()) return path;
  if (Present(index, kConnState) || Present(index, kOrigBytes)) return "conn";
  if (Present(index, kQuery) || Present(index, kQtypeName) || Present(index, kRcodeName))
    return "dns";
  if (Present(index, kMethod) || Present(index, kUri) || Present(index, kStatusCode)) return "http";
  if (Present(index, kServerName) || Present(index, kCipher) || Present(index, kEstablished))
    return "ssl";
  if (Present(index, kNote)) return "notice";
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
std::string SuricataEcsSeverity(const FieldIndex& index) {
  const auto& values = index.Values(kAlertSeverity);
  int64_t severity = 0;
  if (values.empty() || values.front().get_int64().get(severity) != simdjson::SUCCESS) return {};
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
  static const Aliases kDns =
      SuricataCommon({{"dns.question.name", {"dns.rrname", "dns.queries.rrname"}},
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

void RegisterSourceFormatFields() {
  for (const char* log : {"conn", "dns", "http", "ssl", "notice"}) ZeekAliases(log);
  for (const char* type : {"alert", "flow", "dns", "http", "tls"}) SuricataAliases(type);
}

RecordView::RecordView(const JsonRecord& record, FieldIndex& index)
    : record_(record), index_(index) {
  index.Build(record.root);
  std::string_view stamp = StringOf(index, kTimestamp);
  if (!stamp.empty()) {
    time_ = ParseRfc3339(stamp);
    return;
  }
  if (Present(index, kEvent)) return;  // ECS without a time
  std::string_view event_type = StringOf(index, kEventType);
  std::string_view suricata_time = StringOf(index, kSuricataTime);
  if (!event_type.empty() && !suricata_time.empty()) {
    format_ = SourceFormat::kSuricata;
    time_ = ParseRfc3339(suricata_time);
    aliases_ = &SuricataAliases(event_type);
    const bool alert = event_type == "alert";
    constants_ = {{Field::Of("event.module").slot, "suricata"},
                  {Field::Of("event.dataset").slot, "suricata." + std::string(event_type)},
                  {Field::Of("event.kind").slot, alert ? "alert" : "event"}};
    if (alert) {
      std::string severity = SuricataEcsSeverity(index);
      if (!severity.empty())
        constants_.emplace_back(Field::Of("event.severity").slot, std::move(severity));
    }
    return;
  }
  const auto& ts = index.Values(kTs);
  if (!ts.empty() && (Present(index, kUid) || Present(index, kOrigH))) {
    format_ = SourceFormat::kZeek;
    time_ = ZeekTime(ts.front());
    const std::string_view log = ZeekLog(index);
    aliases_ = &ZeekAliases(log);
    constants_ = {{Field::Of("event.module").slot, "zeek"},
                  {Field::Of("event.dataset").slot, "zeek." + std::string(log)},
                  {Field::Of("event.kind").slot, log == "notice" ? "alert" : "event"}};
  }
}

const std::string* RecordView::Constant(const Field& field) const {
  for (const auto& [slot, value] : constants_) {
    if (slot == field.slot) return &value;
  }
  return nullptr;
}

const FieldAlias* RecordView::Alias(const Field& field) const {
  if (aliases_ == nullptr) return nullptr;
  for (const FieldAlias& alias : *aliases_) {
    if (alias.ecs.slot == field.slot) return &alias;
  }
  return nullptr;
}

// The field's own values, from the index, or searched for when it was registered too late.
void RecordView::Direct(const Field& field, std::vector<std::string_view>& out) const {
  if (index_.Covers(field)) {
    std::string_view text;
    for (simdjson::dom::element value : index_.Values(field)) {
      if (index_.AsText(value, text)) out.push_back(text);
    }
    return;
  }
  std::vector<std::string> found;
  CollectTexts(record_.root, field.path, found);
  for (std::string& text : found) out.push_back(slow_.emplace_front(std::move(text)));
}

void RecordView::Texts(const Field& field, std::vector<std::string_view>& out) const {
  if (format_ != SourceFormat::kEcs) {
    if (const std::string* constant = Constant(field)) {
      out.push_back(*constant);
      return;
    }
    if (const FieldAlias* alias = Alias(field)) {
      for (const Field& native : alias->native) {
        const size_t before = out.size();
        Direct(native, out);
        if (out.size() > before) return;
      }
      return;
    }
  }
  Direct(field, out);
}

bool RecordView::Text(const Field& field, std::string_view& out) const {
  if (format_ == SourceFormat::kEcs && index_.Covers(field)) {  // the hot path: no vector
    for (simdjson::dom::element value : index_.Values(field)) {
      if (index_.AsText(value, out)) return true;
    }
    return false;
  }
  std::vector<std::string_view> values;
  Texts(field, values);
  if (values.empty()) return false;
  out = values.front();
  return true;
}

bool RecordView::Text(const Field& field, std::string& out) const {
  std::string_view text;
  if (!Text(field, text)) return false;
  out.assign(text);
  return true;
}

std::optional<int64_t> RecordView::Int(const Field& field) const {
  if (format_ == SourceFormat::kEcs && index_.Covers(field)) {
    const auto& values = index_.Values(field);
    int64_t n = 0;
    if (!values.empty() && values.front().get_int64().get(n) == simdjson::SUCCESS) return n;
  }
  std::string_view text;
  if (!Text(field, text)) return std::nullopt;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

bool RecordView::Has(const Field& field) const {
  if (format_ != SourceFormat::kEcs && (Constant(field) != nullptr || Alias(field) != nullptr)) {
    std::vector<std::string_view> values;
    Texts(field, values);
    return !values.empty();
  }
  if (index_.Covers(field)) return !index_.Values(field).empty();
  return record_.Find(field.path).has_value();
}

}  // namespace seckit::triage_report
