// The pcap.tls record: ECS tls.* of one ClientHello or ServerHello, with its JA3/JA3S and JA4
// fingerprints, plus the packet's network context.
#include <cstdio>

#include "record_writer.h"
#include "tls_decoder.h"
#include "tls_fingerprint.h"

namespace seckit::pcap_extract {
namespace {

void WriteVersion(JsonWriter& w, const TlsHello& hello) {
  TlsVersionText version = TlsVersionName(hello.EffectiveVersion());
  if (version.protocol.empty()) return;
  w.Field("version", version.version);
  w.Field("version_protocol", version.protocol);
}

std::string HexCode(uint16_t value) {
  char text[8];
  (void)std::snprintf(text, sizeof text, "0x%04x", value);
  return text;
}

void WriteStrings(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.BeginArray(key);
  for (const std::string& value : values) w.String(value);
  w.EndArray();
}

}  // namespace

void RecordWriter::Tls(const DecodedPacket& packet, const TlsHello& hello) {
  bool client = hello.kind == TlsHelloKind::kClientHello;
  std::optional<Ja3Fingerprint> ja3 = client ? Ja3(hello) : Ja3s(hello);
  std::optional<std::string> ja4 = client ? Ja4(hello) : std::nullopt;

  Begin(packet.time_ns, "pcap.tls", "protocol");
  PacketContext(packet, false);
  w_.BeginObject("tls");
  WriteVersion(w_, hello);
  if (client) {
    w_.BeginObject("client");
    if (hello.has_server_name && !hello.server_name.empty()) {
      w_.Field("server_name", hello.server_name);
    }
    if (ja3) w_.Field("ja3", ja3->md5);
    w_.EndObject();
  } else {
    if (!hello.alpn.empty()) w_.Field("next_protocol", hello.alpn.front());
    if (ja3) {
      w_.BeginObject("server");
      w_.Field("ja3s", ja3->md5);
      w_.EndObject();
    }
  }
  w_.EndObject();

  w_.BeginObject("pcap");
  w_.Field("frame", packet.frame);
  if (!hello.complete) w_.Field("partial", true);
  w_.BeginObject("tls");
  w_.Field("hello", client ? "client" : "server");
  if (client) {
    if (ja3) w_.Field("ja3_string", ja3->text);
    if (ja4) w_.Field("ja4", *ja4);
    WriteStrings(w_, "alpn_offered", hello.alpn);
  } else {
    w_.Field("cipher_suite", HexCode(hello.cipher_suite));
    if (ja3) w_.Field("ja3s_string", ja3->text);
    if (hello.hello_retry_request) w_.Field("hello_retry_request", true);
  }
  if (hello.malformed) w_.Field("malformed", true);
  w_.EndObject();
  w_.EndObject();
  w_.EndRecord();
}

}  // namespace seckit::pcap_extract
