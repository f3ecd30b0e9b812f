// The pcap.http record: ECS http.*, url.* and user_agent.* of one HTTP/1.x message head plus the
// packet's network context.
#include "http_decoder.h"
#include "record_writer.h"

namespace seckit::pcap_extract {
namespace {

void FieldIfKnown(JsonWriter& w, std::string_view key, std::string_view value) {
  if (!value.empty()) w.Field(key, value);
}

void WriteBodyFacts(JsonWriter& w, const HttpMessage& m) {
  FieldIfKnown(w, "mime_type", m.content_type);
  if (m.content_length) {
    w.BeginObject("body");
    w.Field("bytes", *m.content_length);
    w.EndObject();
  }
}

void WriteUrl(JsonWriter& w, const HttpMessage& m) {
  HttpUrl url = RequestUrl(m);
  w.BeginObject("url");
  w.Field("original", m.uri);
  FieldIfKnown(w, "full", url.full);
  FieldIfKnown(w, "domain", url.domain);
  if (url.port) w.Field("port", *url.port);
  FieldIfKnown(w, "path", url.path);
  FieldIfKnown(w, "query", url.query);
  w.EndObject();
}

}  // namespace

void RecordWriter::Http(const DecodedPacket& packet, const HttpMessage& m) {
  Begin(packet.time_ns, "pcap.http", "protocol");
  PacketContext(packet, false);
  w_.BeginObject("http");
  w_.Field("version", m.version);
  if (m.is_request) {
    w_.BeginObject("request");
    w_.Field("method", m.method);
    FieldIfKnown(w_, "referrer", m.referrer);
    WriteBodyFacts(w_, m);
    w_.EndObject();
  } else {
    w_.BeginObject("response");
    w_.Field("status_code", m.status_code);
    WriteBodyFacts(w_, m);
    w_.EndObject();
  }
  w_.EndObject();
  if (m.is_request) {
    WriteUrl(w_, m);
    if (!m.user_agent.empty()) {
      w_.BeginObject("user_agent");
      w_.Field("original", m.user_agent);
      w_.EndObject();
    }
  }
  w_.BeginObject("pcap");
  w_.Field("frame", packet.frame);
  if (!m.headers_complete) w_.Field("partial", true);
  if (!m.is_request && (!m.reason.empty() || !m.server.empty() || !m.location.empty())) {
    w_.BeginObject("http");
    FieldIfKnown(w_, "reason", m.reason);
    FieldIfKnown(w_, "server", m.server);
    FieldIfKnown(w_, "location", m.location);
    w_.EndObject();
  }
  w_.EndObject();
  w_.EndRecord();
}

}  // namespace seckit::pcap_extract
