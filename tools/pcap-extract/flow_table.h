// FlowTable: bidirectional flows as Zeek's conn.log understands them — originator, packets and
// bytes per direction, TCP state and history — with idle timeouts and bounded memory.
//
// A flow ends on FIN from both sides or a RST (after a short linger, so that the last ACK does not
// open a new flow), when idle longer than the timeout, when evicted because --max-flows was
// reached (the least recently active flow goes first), or at the end of the input. Each ended
// flow is handed to the sink in that order. Memory: one slot (~250 bytes) plus at most 16 bytes of
// hash index per active flow, so a million concurrent flows take a few hundred MB.
#ifndef SECKIT_PCAP_EXTRACT_FLOW_TABLE_H_
#define SECKIT_PCAP_EXTRACT_FLOW_TABLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "flow_index.h"
#include "packet.h"

namespace seckit::pcap_extract {

// The 5-tuple with the endpoints in canonical order (lower address:port first).
struct FlowKey {
  uint8_t addr_len = 0;
  uint8_t proto = 0;
  uint16_t port_lo = 0, port_hi = 0;
  uint8_t addr_lo[16] = {}, addr_hi[16] = {};
  bool operator==(const FlowKey& other) const;
};

struct FlowKeyHash {
  size_t operator()(const FlowKey& key) const;
};

enum class FlowEnd : uint8_t { kFin, kRst, kIdle, kEvicted, kEndOfInput };
const char* FlowEndName(FlowEnd end);  // "fin", "rst", "idle", "evicted", "end-of-input"

struct Flow {
  FlowKey key;
  bool orig_is_lo = true;  // the originator is the key's lower endpoint
  int64_t start_ns = 0, last_ns = 0;
  uint64_t first_frame = 0;
  uint64_t packets[2] = {}, bytes[2] = {};        // [0] originator, [1] responder; wire bytes
  uint64_t payload_bytes[2] = {};                 // transport payload bytes
  uint16_t vlan_id = 0;
  bool has_vlan = false;
  bool has_ports = false;
  // ICMP flows: the first message's type and code, for the Community ID.
  uint8_t icmp_type = 0, icmp_code = 0;
  // TCP facts per direction, for state and history.
  bool syn[2] = {}, syn_ack[2] = {}, fin[2] = {}, rst[2] = {}, data[2] = {}, ack[2] = {};
  char history[24] = {};
  uint8_t history_len = 0;
  bool closing = false;
  FlowEnd end = FlowEnd::kEndOfInput;

  // Zeek's conn_state: S0 S1 SF REJ S2 S3 RSTO RSTR RSTOS0 RSTRH SH SHR OTH.
  const char* State() const;
  // Addresses and ports in originator → responder order.
  const uint8_t* orig_addr() const { return orig_is_lo ? key.addr_lo : key.addr_hi; }
  const uint8_t* resp_addr() const { return orig_is_lo ? key.addr_hi : key.addr_lo; }
  uint16_t orig_port() const { return orig_is_lo ? key.port_lo : key.port_hi; }
  uint16_t resp_port() const { return orig_is_lo ? key.port_hi : key.port_lo; }
};

class FlowTable {
 public:
  using Sink = std::function<void(const Flow&)>;

  FlowTable(int64_t idle_timeout_ns, size_t max_flows, Sink sink);

  // Accounts one decoded packet (packets without IP addresses are ignored) and ends flows that
  // have gone idle by the packet's time.
  void Add(const DecodedPacket& packet);
  // Ends every remaining flow (end of input).
  void Flush();

  size_t size() const { return index_.size(); }
  uint64_t evicted() const { return evicted_; }

  // The key of `packet`'s flow and whether the packet's sender is the key's lower endpoint.
  static bool KeyFor(const DecodedPacket& packet, FlowKey& key, bool& sender_is_lo);

 private:
  static constexpr uint32_t kNil = UINT32_MAX;
  struct Slot {
    Flow flow;
    uint32_t prev = kNil, next = kNil;
    uint32_t hash = 0;  // the key's FlowIndex hash, for erasing without rehashing
    bool in_closing_list = false;
  };
  struct List {
    uint32_t head = kNil, tail = kNil;
  };

  void Unlink(uint32_t slot);
  void PushBack(uint32_t slot);
  // Hands `flow` to the sink, ended `how` (a flow that saw FIN or RST says so instead).
  void Emit(Flow& flow, FlowEnd how);
  void End(uint32_t slot, FlowEnd how);
  void Expire(int64_t now_ns);
  uint32_t Create(const FlowKey& key, uint32_t hash, const DecodedPacket& packet,
                  bool sender_is_lo);
  void Update(Flow& flow, const DecodedPacket& packet, int dir);

  int64_t idle_timeout_ns_;
  size_t max_flows_;
  Sink sink_;
  FlowIndex index_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  List active_, closing_;
  uint64_t packets_since_expiry_ = 0;
  uint64_t evicted_ = 0;
};

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_FLOW_TABLE_H_
