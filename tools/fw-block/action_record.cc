// Writing fw.action and fw.state records.
#include "action_record.h"

namespace seckit::fw_block {
namespace {

void BeginEvent(JsonWriter& w, TimeNs now, const char* kind, const char* dataset,
                const std::string& action) {
  w.BeginRecord();
  std::string stamp;
  AppendRfc3339(stamp, now);
  w.Field("@timestamp"_key, stamp);
  w.BeginObject("event"_key);
  w.Field("kind"_key, kind);
  w.Field("module"_key, "fw-block");
  w.Field("dataset"_key, dataset);
  if (!action.empty()) w.Field("action"_key, action);
  w.EndObject();
}

void RelatedIp(JsonWriter& w, const Cidr& cidr) {
  w.BeginObject("related"_key);
  w.BeginArray("ip"_key);
  w.String(AddressText(cidr));
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string AddressText(const Cidr& cidr) {
  return cidr.IsHost() ? cidr.network().ToString() : cidr.ToString();
}

void WriteAction(JsonWriter& w, const Action& a, TimeNs now) {
  BeginEvent(w, now, "event", "fw.action", a.kind);
  w.BeginObject("fw"_key);
  w.Field("action"_key, a.kind);
  w.Field("address"_key, AddressText(a.cidr));
  if (!a.reason.empty()) w.Field("reason"_key, a.reason);
  w.Field("backend"_key, a.backend);
  if (!a.host.empty()) w.Field("host"_key, a.host);
  w.Field("applied"_key, a.applied);
  if (a.ttl > 0) w.Field("ttl"_key, a.ttl);
  if (a.expires != 0) w.Field("expires"_key, FormatRfc3339(a.expires));
  if (!a.source.empty()) w.Field("source"_key, a.source);
  if (!a.commands.empty()) {
    w.BeginArray("commands"_key);
    // JsonWriter opens arrays only under a key: an argv inside the array is written as text.
    std::string argv_json;
    for (const std::vector<std::string>& argv : a.commands) {
      argv_json.assign(1, '[');
      for (const std::string& arg : argv) {
        if (argv_json.size() > 1) argv_json.push_back(',');
        AppendJsonString(argv_json, arg);
      }
      argv_json.push_back(']');
      w.RawJson(argv_json);
    }
    w.EndArray();
  }
  if (!a.input.empty()) {
    w.BeginArray("input"_key);
    for (const std::string& line : a.input) w.String(line);
    w.EndArray();
  }
  if (!a.error.empty()) w.Field("error"_key, a.error);
  w.EndObject();
  RelatedIp(w, a.cidr);
  w.EndRecord();
}

void WriteStateRecord(JsonWriter& w, const StateEntry& e, TimeNs now, const std::string& drift,
                      int64_t live_expires_in) {
  BeginEvent(w, now, "state", "fw.state", "");
  w.BeginObject("fw"_key);
  w.Field("address"_key, AddressText(e.cidr));
  w.Field("backend"_key, e.backend);
  if (!e.host.empty()) w.Field("host"_key, e.host);
  if (e.added != 0) w.Field("added"_key, FormatRfc3339(e.added));
  if (e.expires != 0) w.Field("expires"_key, FormatRfc3339(e.expires));
  w.Field("expired"_key, e.Expired(now));
  if (!e.reason.empty()) w.Field("reason"_key, e.reason);
  if (!e.source.empty()) w.Field("source"_key, e.source);
  if (!e.record.empty()) {
    w.Key("record"_key);
    w.RawJson(e.record);
  }
  if (!drift.empty()) w.Field("drift"_key, drift);
  if (live_expires_in >= 0) w.Field("live_expires_in"_key, live_expires_in);
  w.EndObject();
  RelatedIp(w, e.cidr);
  w.EndRecord();
}

}  // namespace seckit::fw_block
