// RecordWriter: turns decoded packets, flows and application messages into ECS JSON-lines
// records (docs/FORMAT.md, datasets pcap.packet, pcap.flow, pcap.dns, pcap.http, pcap.tls).
#ifndef SECKIT_PCAP_EXTRACT_RECORD_WRITER_H_
#define SECKIT_PCAP_EXTRACT_RECORD_WRITER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "flow_table.h"
#include "packet.h"
#include "seckit/community_id.h"
#include "seckit/json_writer.h"
#include "seckit/time.h"

namespace seckit::pcap_extract {

struct DnsMessage;
struct HttpMessage;
struct TlsHello;

// Community IDs of recently seen flows, so per-packet records do not hash every packet.
class CommunityIdCache {
 public:
  // The Community ID of `packet`'s flow, or "" when it has none (no IP, later fragment).
  const std::string& For(const DecodedPacket& packet);

 private:
  struct Entry {
    FlowKey key;
    std::string id;
    bool used = false;
  };
  std::array<Entry, 4096> entries_;
  std::string empty_;
};

// Appends times as AppendCaptureTime does, remembering the text of the last whole second:
// records come in nearly time order, so the calendar arithmetic runs about once per second of
// capture rather than once per record.
class CaptureTimeFormatter {
 public:
  void Append(std::string& out, int64_t time_ns);
  // The same text written at `out` (room for kMaxRfc3339Size bytes); returns its end.
  char* Write(char* out, int64_t time_ns);

 private:
  int64_t second_ = INT64_MIN;         // no instant's whole second: nothing cached yet
  char prefix_[kMaxRfc3339Size] = {};  // that second as "YYYY-MM-DDTHH:MM:SS"
  size_t prefix_len_ = 0;
};

class RecordWriter {
 public:
  // `file_path` goes into log.file.path (empty for standard input and live captures).
  RecordWriter(JsonWriter& writer, std::string_view file_path) : w_(writer) {
    set_file_path(file_path);
  }

  void set_file_path(std::string_view path);

  void Packet(const DecodedPacket& packet);
  void FlowRecord(const Flow& flow);
  void Dns(const DecodedPacket& packet, const DnsMessage& message);
  void Http(const DecodedPacket& packet, const HttpMessage& message);
  void Tls(const DecodedPacket& packet, const TlsHello& hello);

 private:
  // Opens the record with @timestamp, event.* and log.file.path; the caller closes it. With
  // end_ns >= 0 (flows), also event.start, event.end and event.duration.
  void Begin(int64_t time_ns, const char* dataset, const char* event_type, int64_t end_ns = -1);
  // source.*, destination.*, network.* (with community_id) and pcap.frame for one packet.
  void PacketContext(const DecodedPacket& packet, bool with_macs);
  void Address(JsonKey key, const uint8_t* bytes, uint8_t len);
  // Sets scratch_ to the time as a JSON string. The text is ours, digits and punctuation, so it
  // is written with RawJson() rather than scanned for bytes to escape.
  void QuoteTime(CaptureTimeFormatter& times, int64_t time_ns);

  JsonWriter& w_;
  std::string file_path_json_;  // log.file.path, escaped once per file; empty for none
  std::string flow_log_json_;   // ,"log":{"file":{"path":…}} for flow records; empty for none
  std::string scratch_;
  std::string flow_text_;  // one flow record being formatted (flow_record.cc)
  CommunityIdCache community_ids_;
  // Separate caches for start and end times, so that a flow's two times do not evict each other.
  CaptureTimeFormatter start_times_, end_times_;
};

// The Community ID tuple of a flow or packet (addresses `len` bytes long): ICMP maps type and
// code, protocols without ports hash without them, TCP/UDP/SCTP use their ports.
FlowTuple CommunityTuple(const uint8_t* src, const uint8_t* dst, uint8_t len, uint8_t proto,
                         uint16_t sport, uint16_t dport, bool has_ports, bool is_icmp,
                         uint8_t icmp_type, uint8_t icmp_code);

// ECS network.transport for an IANA protocol number ("tcp", "ipv6-icmp" …), or nullptr.
const char* TransportName(uint8_t proto);

// Appends RFC 3339 UTC with 6 fractional digits, or 9 when the time has sub-microsecond digits
// (so microsecond and nanosecond captures both keep their precision).
void AppendCaptureTime(std::string& out, int64_t time_ns);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_RECORD_WRITER_H_
