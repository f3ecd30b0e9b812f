// Tests for the pcap.flow record (flow_record.cc), which formats its text directly: it must be
// exactly what JsonWriter writes member by member, the way the record was written before, for
// flows of every shape (IPv4 and IPv6, with and without ports, ICMP, VLAN, extreme counters and
// times, a file path that needs escaping or none).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <memory>
#include <random>
#include <string>

#include "record_writer.h"
#include "seckit/community_id.h"
#include "seckit/ip.h"
#include "seckit/json_writer.h"
#include "seckit/output.h"

namespace seckit::pcap_extract {
namespace {

// The reference: the record through JsonWriter's general calls, one member at a time.
void ReferenceFlowRecord(JsonWriter& w, const Flow& f, std::string_view path) {
  std::string text;
  auto quoted_time = [&text](int64_t t) {
    text = "\"";
    AppendCaptureTime(text, t);
    text += '"';
    return text;
  };
  w.BeginRecord();
  w.Key("@timestamp");
  w.RawJson(quoted_time(f.start_ns));
  w.BeginObject("event");
  w.Field("kind", "event");
  w.Field("module", "pcap");
  w.Field("dataset", "pcap.flow");
  w.BeginArray("category");
  w.String("network");
  w.EndArray();
  w.BeginArray("type");
  w.String("connection");
  w.EndArray();
  w.Key("start");
  w.RawJson(quoted_time(f.start_ns));
  w.Key("end");
  w.RawJson(quoted_time(f.last_ns));
  w.Field("duration", f.last_ns - f.start_ns);
  w.EndObject();
  if (!path.empty()) {
    w.BeginObject("log");
    w.BeginObject("file");
    w.Field("path", path);
    w.EndObject();
    w.EndObject();
  }
  const uint8_t len = f.key.addr_len;
  for (int side = 0; side < 2; ++side) {
    w.BeginObject(side == 0 ? "source" : "destination");
    const uint8_t* addr = side == 0 ? f.orig_addr() : f.resp_addr();
    IpAddress ip = len == 4 ? IpAddress::V4(uint32_t{addr[0]} << 24 | uint32_t{addr[1]} << 16 |
                                            uint32_t{addr[2]} << 8 | addr[3])
                            : IpAddress::V6(std::span<const uint8_t, 16>(addr, 16));
    w.Field("ip", ip.ToString());
    if (f.has_ports) w.Field("port", side == 0 ? f.orig_port() : f.resp_port());
    w.Field("packets", f.packets[side]);
    w.Field("bytes", f.bytes[side]);
    w.EndObject();
  }
  w.BeginObject("network");
  w.Field("type", len == 4 ? "ipv4" : "ipv6");
  if (const char* name = TransportName(f.key.proto)) w.Field("transport", name);
  w.Field("iana_number", std::to_string(f.key.proto));
  bool is_icmp = (f.key.proto == kProtoIcmp || f.key.proto == kProtoIcmpv6) && !f.has_ports;
  std::string community_id =
      CommunityId(CommunityTuple(f.orig_addr(), f.resp_addr(), len, f.key.proto, f.orig_port(),
                                 f.resp_port(), f.has_ports, is_icmp, f.icmp_type, f.icmp_code));
  if (!community_id.empty()) w.Field("community_id", community_id);
  w.Field("packets", f.packets[0] + f.packets[1]);
  w.Field("bytes", f.bytes[0] + f.bytes[1]);
  if (f.has_vlan) {
    w.BeginObject("vlan");
    w.Field("id", std::to_string(f.vlan_id));
    w.EndObject();
  }
  w.EndObject();
  if (is_icmp) {
    w.BeginObject("icmp");
    w.Field("type", f.icmp_type);
    w.Field("code", f.icmp_code);
    w.EndObject();
  }
  w.BeginObject("pcap");
  w.BeginObject("flow");
  w.Field("state", f.State());
  if (f.history_len > 0) w.Field("history", std::string_view(f.history, f.history_len));
  w.Field("end_reason", FlowEndName(f.end));
  w.Field("first_frame", f.first_frame);
  w.Field("orig_payload_bytes", f.payload_bytes[0]);
  w.Field("resp_payload_bytes", f.payload_bytes[1]);
  w.EndObject();
  w.EndObject();
  w.EndRecord();
}

// Everything written to an OutputStream, read back from the temporary file behind it.
class Captured {
 public:
  Captured() {
    char name[] = "/tmp/seckit-flow-record-XXXXXX";
    fd_ = mkstemp(name);
    unlink(name);
    out_ = OutputStream::ForFd(fd_, "test");
  }
  ~Captured() { close(fd_); }
  OutputStream& out() { return *out_; }
  std::string Text() {
    EXPECT_TRUE(out_->Flush().ok());
    std::string text(static_cast<size_t>(lseek(fd_, 0, SEEK_END)), '\0');
    EXPECT_EQ(pread(fd_, text.data(), text.size(), 0), static_cast<ssize_t>(text.size()));
    return text;
  }

 private:
  int fd_ = -1;
  std::unique_ptr<OutputStream> out_;
};

std::string Written(const Flow& flow, std::string_view path) {
  Captured captured;
  JsonWriter json(captured.out());
  RecordWriter records(json, path);
  records.FlowRecord(flow);
  return captured.Text();
}

std::string Expected(const Flow& flow, std::string_view path) {
  Captured captured;
  JsonWriter json(captured.out());
  ReferenceFlowRecord(json, flow, path);
  return captured.Text();
}

Flow RandomFlow(std::mt19937_64& rng) {
  Flow f;
  bool v6 = rng() % 3 == 0;
  f.key.addr_len = v6 ? 16 : 4;
  static constexpr uint8_t kProtos[] = {kProtoTcp, kProtoUdp, kProtoIcmp, kProtoIcmpv6,
                                        47,        132,       250};
  f.key.proto = kProtos[rng() % std::size(kProtos)];
  f.has_ports = f.key.proto == kProtoTcp || f.key.proto == kProtoUdp || f.key.proto == 132;
  if (f.has_ports) {
    f.key.port_lo = static_cast<uint16_t>(rng());
    f.key.port_hi = static_cast<uint16_t>(rng());
  }
  for (int i = 0; i < f.key.addr_len; ++i) {
    // Small values and zero runs, so IPv6 compression and short IPv4 octets both occur.
    f.key.addr_lo[i] = static_cast<uint8_t>(rng() % 4 == 0   ? 0
                                            : rng() % 2 == 0 ? rng()
                                                             : rng() % 10);
    f.key.addr_hi[i] = static_cast<uint8_t>(rng() % 4 == 0 ? 0 : rng());
  }
  if (v6 && rng() % 4 == 0) {  // IPv4-mapped
    std::fill(f.key.addr_lo, f.key.addr_lo + 10, 0);
    f.key.addr_lo[10] = f.key.addr_lo[11] = 0xff;
  }
  f.orig_is_lo = rng() % 2 == 0;
  auto random_time = [&rng]() -> int64_t {
    switch (rng() % 4) {
      // Anywhere within +-2^62 ns (years 1823 to 2116), either sign: end - start cannot overflow.
      case 0:
        return static_cast<int64_t>(rng() >> 1) - (int64_t{1} << 62);
      case 1:
        return 1'700'000'000'000'000'000 + static_cast<int64_t>(rng() % 1'000'000) * 1000;
      default:
        return 1'700'000'000'000'000'000 + static_cast<int64_t>(rng() % 1'000'000'000);
    }
  };
  f.start_ns = random_time();
  f.last_ns = random_time();
  if (rng() % 2 == 0) f.last_ns = f.start_ns + static_cast<int64_t>(rng() % 1'000'000'000'000);
  auto random_count = [&rng]() -> uint64_t {
    return rng() % 5 == 0 ? std::numeric_limits<uint64_t>::max() - rng() % 3 : rng() % 100000;
  };
  f.first_frame = random_count();
  for (int side = 0; side < 2; ++side) {
    f.packets[side] = random_count();
    f.bytes[side] = random_count();
    f.payload_bytes[side] = random_count();
    f.syn[side] = rng() % 2 == 0;
    f.syn_ack[side] = rng() % 2 == 0;
    f.fin[side] = rng() % 2 == 0;
    f.rst[side] = rng() % 2 == 0;
  }
  f.has_vlan = rng() % 3 == 0;
  f.vlan_id = static_cast<uint16_t>(rng() % 4096);
  f.icmp_type = static_cast<uint8_t>(rng());
  f.icmp_code = static_cast<uint8_t>(rng());
  static constexpr char kLetters[] = "ShADFRshadfr";
  f.history_len = static_cast<uint8_t>(rng() % 13);
  for (int i = 0; i < f.history_len; ++i) f.history[i] = kLetters[rng() % 12];
  f.end = static_cast<FlowEnd>(rng() % 5);
  return f;
}

TEST(FlowRecord, MatchesJsonWriterForFlowsOfEveryShape) {
  std::mt19937_64 rng(7);
  const std::string paths[] = {"", "capture.pcap", "dir/with \"quotes\"\\and\ttab\x01.pcap",
                               "caf\xc3\xa9-\xff.pcap"};
  for (int i = 0; i < 5000; ++i) {
    Flow flow = RandomFlow(rng);
    const std::string& path = paths[i % std::size(paths)];
    std::string written = Written(flow, path);
    ASSERT_TRUE(written.starts_with(R"({"@timestamp":")") && written.ends_with("}}}\n")) << written;
    ASSERT_EQ(written, Expected(flow, path)) << "flow " << i;
  }
}

TEST(FlowRecord, ManyRecordsInOneBuffer) {
  // Records appended one after another through the output buffer's flushes.
  std::mt19937_64 rng(11);
  Captured written, expected;
  JsonWriter json_written(written.out()), json_expected(expected.out());
  RecordWriter records(json_written, "a.pcap");
  for (int i = 0; i < 2000; ++i) {
    Flow flow = RandomFlow(rng);
    records.FlowRecord(flow);
    ReferenceFlowRecord(json_expected, flow, "a.pcap");
  }
  std::string text = written.Text();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2000);
  EXPECT_EQ(text, expected.Text());
}

}  // namespace
}  // namespace seckit::pcap_extract
