// The pcap.flow record, formatted straight into the output buffer. Every flow record has the
// same members in the same order, and most of its text never changes; written member by member
// through JsonWriter (a capacity check, a separator test and often an escape scan for each of
// about forty members) it took most of `--type flow`'s time. Here the constant text is copied
// in runs and only the numbers, addresses and times are formatted. Every value is either ours
// (digits, letters, punctuation) or escaped once per file (the path), so nothing is scanned.
#include <charconv>
#include <cstring>

#include "bytes.h"
#include "record_writer.h"
#include "seckit/community_id.h"
#include "seckit/ip.h"

namespace seckit::pcap_extract {
namespace {

// Room for everything in a flow record but the file path and the Community ID: about 520 bytes
// of constant text, two times (30 each), two addresses (45 each), eleven numbers (20 each),
// and names, VLAN, ICMP and history (under 80 together).
constexpr size_t kFlowRecordRoom = 1536;

// The literal without its terminating NUL, copied with a length known at compile time.
template <size_t N>
char* Put(char* out, const char (&text)[N]) {
  std::memcpy(out, text, N - 1);
  return out + N - 1;
}

char* Put(char* out, std::string_view text) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

// A short name (state, end reason, transport): copied up to its NUL, with no strlen call.
char* PutName(char* out, const char* name) {
  while (*name != '\0') *out++ = *name++;
  return out;
}

// At most 20 characters, as for every 64-bit integer.
template <typename Integer>
char* PutNumber(char* out, Integer value) {
  return std::to_chars(out, out + 20, value).ptr;
}

// Writes an address as `"ip":"…"` in IpAddress's canonical text.
char* PutFlowAddress(char* out, const uint8_t* bytes, uint8_t len) {
  out = Put(out, R"("ip":")");
  out = len == 4 ? IpAddress::V4(Be32(bytes)).WriteTo(out)
                 : IpAddress::V6(std::span<const uint8_t, 16>(bytes, 16)).WriteTo(out);
  return Put(out, "\"");
}

}  // namespace

void RecordWriter::FlowRecord(const Flow& f) {
  const uint8_t len = f.key.addr_len;
  bool is_icmp = (f.key.proto == kProtoIcmp || f.key.proto == kProtoIcmpv6) && !f.has_ports;
  char community_id[kCommunityIdSize];
  const size_t community_id_size = CommunityIdTo(
      CommunityTuple(f.orig_addr(), f.resp_addr(), len, f.key.proto, f.orig_port(), f.resp_port(),
                     f.has_ports, is_icmp, f.icmp_type, f.icmp_code),
      community_id);

  // Formatted in flow_text_ and appended in one copy: resizing the output buffer to the
  // record's largest size instead would clear that many bytes first, twice what is copied.
  size_t room = kFlowRecordRoom + flow_log_json_.size() + community_id_size;
  if (flow_text_.size() < room) flow_text_.resize(room);
  char* const begin = flow_text_.data();
  char* out = begin;

  out = Put(out, R"({"@timestamp":")");
  char* start = out;
  out = start_times_.Write(out, f.start_ns);
  std::string_view start_text(start, static_cast<size_t>(out - start));
  out = Put(out, R"(","event":{"kind":"event","module":"pcap","dataset":"pcap.flow",)"
                 R"("category":["network"],"type":["connection"],"start":")");
  out = Put(out, start_text);
  out = Put(out, R"(","end":")");
  out = end_times_.Write(out, f.last_ns);
  out = Put(out, R"(","duration":)");
  out = PutNumber(out, f.last_ns - f.start_ns);  // ECS: nanoseconds
  out = Put(out, "}");
  out = Put(out, flow_log_json_);

  for (int side = 0; side < 2; ++side) {
    out = side == 0 ? Put(out, R"(,"source":{)") : Put(out, R"(,"destination":{)");
    out = PutFlowAddress(out, side == 0 ? f.orig_addr() : f.resp_addr(), len);
    if (f.has_ports) {
      out = Put(out, R"(,"port":)");
      out = PutNumber(out, side == 0 ? f.orig_port() : f.resp_port());
    }
    out = Put(out, R"(,"packets":)");
    out = PutNumber(out, f.packets[side]);
    out = Put(out, R"(,"bytes":)");
    out = PutNumber(out, f.bytes[side]);
    out = Put(out, "}");
  }

  out = len == 4 ? Put(out, R"(,"network":{"type":"ipv4")")
                 : Put(out, R"(,"network":{"type":"ipv6")");
  if (const char* name = TransportName(f.key.proto)) {
    out = Put(out, R"(,"transport":")");
    out = PutName(out, name);
    out = Put(out, "\"");
  }
  out = Put(out, R"(,"iana_number":")");
  out = PutNumber(out, f.key.proto);
  out = Put(out, "\"");
  if (community_id_size != 0) {  // "1:" and base64: nothing to escape
    out = Put(out, R"(,"community_id":")");
    out = Put(out, std::string_view(community_id, community_id_size));
    out = Put(out, "\"");
  }
  out = Put(out, R"(,"packets":)");
  out = PutNumber(out, f.packets[0] + f.packets[1]);
  out = Put(out, R"(,"bytes":)");
  out = PutNumber(out, f.bytes[0] + f.bytes[1]);
  if (f.has_vlan) {
    out = Put(out, R"(,"vlan":{"id":")");
    out = PutNumber(out, f.vlan_id);
    out = Put(out, "\"}");
  }
  out = Put(out, "}");
  if (is_icmp) {
    out = Put(out, R"(,"icmp":{"type":)");
    out = PutNumber(out, f.icmp_type);
    out = Put(out, R"(,"code":)");
    out = PutNumber(out, f.icmp_code);
    out = Put(out, "}");
  }

  out = Put(out, R"(,"pcap":{"flow":{"state":")");
  out = PutName(out, f.State());
  out = Put(out, "\"");
  if (f.history_len > 0) {  // history letters: nothing to escape
    out = Put(out, R"(,"history":")");
    out = Put(out, std::string_view(f.history, f.history_len));
    out = Put(out, "\"");
  }
  out = Put(out, R"(,"end_reason":")");
  out = PutName(out, FlowEndName(f.end));
  out = Put(out, R"(","first_frame":)");
  out = PutNumber(out, f.first_frame);
  out = Put(out, R"(,"orig_payload_bytes":)");
  out = PutNumber(out, f.payload_bytes[0]);
  out = Put(out, R"(,"resp_payload_bytes":)");
  out = PutNumber(out, f.payload_bytes[1]);
  out = Put(out, "}}}\n");

  w_.out().buffer().append(begin, static_cast<size_t>(out - begin));
  w_.out().RecordDone();
}

}  // namespace seckit::pcap_extract
