// The pcap.dns record: ECS dns.* fields of one DNS message plus the packet's network context.
#include "dns_decoder.h"
#include "record_writer.h"
#include "seckit/indicators.h"

namespace seckit::pcap_extract {
namespace {

void WriteResourceRecords(JsonWriter& w, const std::vector<DnsRecord>& records) {
  w.BeginArray("answers");
  for (const DnsRecord& record : records) {
    w.BeginObject();
    w.Field("name", record.name);
    w.Field("type", DnsTypeName(record.type));
    w.Field("class", DnsClassName(record.dns_class));
    w.Field("ttl", record.ttl);
    if (record.has_data) w.Field("data", record.data);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void RecordWriter::Dns(const DecodedPacket& packet, const DnsMessage& m) {
  Begin(packet.time_ns, "pcap.dns", "protocol");
  PacketContext(packet, false);
  w_.BeginObject("dns");
  w_.Field("id", std::to_string(m.id));
  w_.Field("type", m.is_response ? "answer" : "query");
  w_.Field("op_code", DnsOpcodeName(m.opcode));
  if (m.is_response) w_.Field("response_code", DnsRcodeName(m.rcode));
  DnsHeaderFlags flags = HeaderFlags(m);
  if (flags.count > 0) {
    w_.BeginArray("header_flags");
    for (std::string_view flag : flags) w_.String(flag);
    w_.EndArray();
  }
  if (!m.questions.empty()) {
    const DnsQuestion& q = m.questions.front();  // ECS has one question; more are rare
    w_.BeginObject("question");
    w_.Field("name", q.name);
    w_.Field("type", DnsTypeName(q.type));
    w_.Field("class", DnsClassName(q.dns_class));
    std::string registered = RegistrableDomain(q.name);
    if (!registered.empty()) w_.Field("registered_domain", registered);
    w_.EndObject();
  }
  if (!m.answers.empty()) {
    WriteResourceRecords(w_, m.answers);
    w_.BeginArray("resolved_ip");
    for (const DnsRecord& record : m.answers) {
      if ((record.type == kDnsTypeA || record.type == kDnsTypeAaaa) && record.has_data) {
        w_.String(record.data);
      }
    }
    w_.EndArray();
  }
  w_.EndObject();
  w_.BeginObject("pcap");
  w_.Field("frame", packet.frame);
  if (m.partial) w_.Field("partial", true);
  w_.EndObject();
  w_.EndRecord();
}

}  // namespace seckit::pcap_extract
