// Flow tracking: a hash index over slots, two LRU lists (active, closing) for O(1) expiry.
#include "flow_table.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "bytes.h"
#include "seckit/community_id.h"

namespace seckit::pcap_extract {
namespace {

// How long a flow that saw FIN from both sides or a RST stays, to absorb the last ACKs.
constexpr int64_t kCloseLingerNs = 5'000'000'000;
// Expire idle flows every this many packets: cheap, and soon enough.
constexpr uint64_t kExpiryInterval = 1024;

constexpr uint64_t kSeeds[6] = {0xa0761d6478bd642full, 0xe7037ed1a0b428dbull,
                                0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull,
                                0x1d8e4e27c47d124full, 0x9e3779b97f4a7c15ull};

uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The 128-bit product of a and b, folded to 64 bits: every input bit reaches the result.
uint64_t Fold(uint64_t a, uint64_t b) {
  __extension__ using Uint128 = unsigned __int128;
  Uint128 product = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

uint32_t IndexHash(const FlowKey& key) {
  uint64_t h = FlowKeyHash()(key);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

uint64_t LoadBe64(const uint8_t* p) { return __builtin_bswap64(Load64(p)); }

// memcmp's sign for two 4- or 16-byte addresses, from big-endian words.
int CompareAddresses(const uint8_t* a, const uint8_t* b, uint8_t len) {
  if (len == 4) {
    uint32_t x = Be32(a), y = Be32(b);
    return (x > y) - (x < y);
  }
  uint64_t x = LoadBe64(a), y = LoadBe64(b);
  if (x == y) {
    x = LoadBe64(a + 8);
    y = LoadBe64(b + 8);
  }
  return (x > y) - (x < y);
}

void AddHistory(Flow& flow, char letter, int dir) {
  char c = dir == 0 ? letter : static_cast<char>(letter + ('a' - 'A'));
  if (std::memchr(flow.history, c, flow.history_len) != nullptr) return;  // once per direction
  if (flow.history_len < sizeof(flow.history) - 1) flow.history[flow.history_len++] = c;
}

}  // namespace

// A key has no padding and KeyFor zeroes the address bytes past addr_len, so two keys are equal
// exactly when all their bytes are: one fixed-size comparison the compiler does inline, where
// comparing addr_len bytes called into libc.
static_assert(std::has_unique_object_representations_v<FlowKey>);

bool FlowKey::operator==(const FlowKey& other) const {
  return std::memcmp(this, &other, sizeof(FlowKey)) == 0;
}

size_t FlowKeyHash::operator()(const FlowKey& key) const {
  // Every byte of the key in three multiply-folds (wyhash's construction): a few cycles where
  // a byte-at-a-time hash took dozens, and no weakness on sequential addresses. The unused
  // address bytes are zero (KeyFor), so hashing them is harmless.
  uint64_t header = key.addr_len | static_cast<uint64_t>(key.proto) << 8 |
                    static_cast<uint64_t>(key.port_lo) << 16 |
                    static_cast<uint64_t>(key.port_hi) << 32;
  uint64_t h = Fold(header ^ kSeeds[0], Load64(key.addr_lo) ^ kSeeds[1]);
  h = Fold(h ^ Load64(key.addr_lo + 8) ^ kSeeds[2], Load64(key.addr_hi) ^ kSeeds[3]);
  h = Fold(h ^ Load64(key.addr_hi + 8) ^ kSeeds[4], kSeeds[5]);
  return static_cast<size_t>(h);
}

const char* FlowEndName(FlowEnd end) {
  switch (end) {
    case FlowEnd::kFin: return "fin";
    case FlowEnd::kRst: return "rst";
    case FlowEnd::kIdle: return "idle";
    case FlowEnd::kEvicted: return "evicted";
    case FlowEnd::kEndOfInput: return "end-of-input";
  }
  return "unknown";
}

const char* Flow::State() const {
  if (key.proto != kProtoTcp) return packets[1] > 0 ? "SF" : "S0";
  bool established = syn[0] && syn_ack[1];
  if (rst[0] || rst[1]) {
    if (syn[0] && !syn_ack[1]) return rst[1] ? "REJ" : "RSTOS0";
    if (syn_ack[1] && !syn[0] && rst[1]) return "RSTRH";
    return rst[0] ? "RSTO" : "RSTR";
  }
  if (fin[0] && fin[1]) return established || (syn[0] || syn_ack[1]) ? "SF" : "OTH";
  if (syn[0] && !syn_ack[1]) return fin[0] ? "SH" : "S0";
  if (syn_ack[1] && !syn[0]) return fin[1] ? "SHR" : "OTH";
  if (established) {
    if (fin[0]) return "S2";
    if (fin[1]) return "S3";
    return "S1";
  }
  return "OTH";
}

FlowTable::FlowTable(int64_t idle_timeout_ns, size_t max_flows, Sink sink)
    : idle_timeout_ns_(idle_timeout_ns), max_flows_(max_flows), sink_(std::move(sink)) {}

bool FlowTable::KeyFor(const DecodedPacket& packet, FlowKey& key, bool& sender_is_lo) {
  if (packet.network != NetworkType::kIpv4 && packet.network != NetworkType::kIpv6) return false;
  if (packet.later_fragment) return false;  // no transport header: not attributed (no reassembly)
  uint16_t src_port = 0, dst_port = 0;
  bool one_way = false;
  if (packet.has_ports) {
    src_port = packet.src_port;
    dst_port = packet.dst_port;
  } else if (packet.has_icmp) {
    FlowTuple icmp = IcmpTuple(packet.network == NetworkType::kIpv6, packet.icmp_type,
                               packet.icmp_code);
    src_port = icmp.src_port;
    dst_port = icmp.dst_port;
    one_way = icmp.one_way;
  }
  key.addr_len = packet.addr_len;
  key.proto = packet.ip_proto;
  int order = CompareAddresses(packet.src_addr, packet.dst_addr, packet.addr_len);
  sender_is_lo = one_way || order < 0 || (order == 0 && src_port <= dst_port);
  const uint8_t* lo = sender_is_lo ? packet.src_addr : packet.dst_addr;
  const uint8_t* hi = sender_is_lo ? packet.dst_addr : packet.src_addr;
  // Copies of a fixed size (inline moves, not libc calls); IPv4 leaves the rest zero.
  if (packet.addr_len == 4) {
    std::memset(key.addr_lo, 0, sizeof key.addr_lo);
    std::memset(key.addr_hi, 0, sizeof key.addr_hi);
    std::memcpy(key.addr_lo, lo, 4);
    std::memcpy(key.addr_hi, hi, 4);
  } else {
    std::memcpy(key.addr_lo, lo, 16);
    std::memcpy(key.addr_hi, hi, 16);
  }
  key.port_lo = sender_is_lo ? src_port : dst_port;
  key.port_hi = sender_is_lo ? dst_port : src_port;
  return true;
}

void FlowTable::Unlink(uint32_t i) {
  Slot& s = slots_[i];
  List& list = s.in_closing_list ? closing_ : active_;
  (s.prev == kNil ? list.head : slots_[s.prev].next) = s.next;
  (s.next == kNil ? list.tail : slots_[s.next].prev) = s.prev;
  s.prev = s.next = kNil;
}

void FlowTable::PushBack(uint32_t i) {
  Slot& s = slots_[i];
  s.in_closing_list = s.flow.closing;
  List& list = s.in_closing_list ? closing_ : active_;
  s.prev = list.tail;
  s.next = kNil;
  (list.tail == kNil ? list.head : slots_[list.tail].next) = i;
  list.tail = i;
}

void FlowTable::Emit(Flow& flow, FlowEnd how) {
  if (flow.closing) how = (flow.rst[0] || flow.rst[1]) ? FlowEnd::kRst : FlowEnd::kFin;
  flow.end = how;
  sink_(flow);
}

void FlowTable::End(uint32_t i, FlowEnd how) {
  Unlink(i);
  index_.Erase(slots_[i].hash, i);
  Emit(slots_[i].flow, how);
  free_.push_back(i);
}

void FlowTable::Expire(int64_t now_ns) {
  while (closing_.head != kNil &&
         slots_[closing_.head].flow.last_ns + std::min(kCloseLingerNs, idle_timeout_ns_) < now_ns) {
    End(closing_.head, FlowEnd::kFin);
  }
  while (active_.head != kNil && slots_[active_.head].flow.last_ns + idle_timeout_ns_ < now_ns) {
    End(active_.head, FlowEnd::kIdle);
  }
}

uint32_t FlowTable::Create(const FlowKey& key, uint32_t hash, const DecodedPacket& packet,
                           bool sender_is_lo) {
  if (index_.size() >= max_flows_) {
    uint32_t victim = closing_.head != kNil ? closing_.head : active_.head;
    ++evicted_;
    End(victim, FlowEnd::kEvicted);
  }
  uint32_t i;
  if (!free_.empty()) {
    i = free_.back();
    free_.pop_back();
    // A copy of a blank slot compiles to vector moves; `= Slot()` built a temporary with
    // `rep stos` and then copied it, a tenth of the flow table's time.
    static constexpr Slot kBlank{};
    slots_[i] = kBlank;
  } else {
    i = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Flow& flow = slots_[i].flow;
  flow.key = key;
  // The originator sent the SYN; a SYN-ACK seen first means we missed the SYN; else the first
  // packet's sender.
  bool synack_first = packet.has_tcp_flags && (packet.tcp_flags & (kTcpSyn | kTcpAck)) ==
                                                  (kTcpSyn | kTcpAck);
  flow.orig_is_lo = synack_first ? !sender_is_lo : sender_is_lo;
  flow.start_ns = packet.time_ns;
  flow.first_frame = packet.frame;
  flow.has_ports = packet.has_ports;
  flow.icmp_type = packet.icmp_type;
  flow.icmp_code = packet.icmp_code;
  flow.has_vlan = packet.vlan_count > 0;
  flow.vlan_id = packet.vlan_ids[0];
  slots_[i].hash = hash;
  index_.Insert(hash, i);
  PushBack(i);
  return i;
}

void FlowTable::Update(Flow& flow, const DecodedPacket& packet, int dir) {
  flow.last_ns = std::max(flow.last_ns, packet.time_ns);
  flow.packets[dir] += 1;
  flow.bytes[dir] += packet.wire_len;
  flow.payload_bytes[dir] += packet.payload_wire_len;
  if (!packet.has_tcp_flags) return;
  uint8_t f = packet.tcp_flags;
  if ((f & kTcpSyn) && !(f & kTcpAck)) {
    flow.syn[dir] = true;
    AddHistory(flow, 'S', dir);
  }
  if ((f & kTcpSyn) && (f & kTcpAck)) {
    flow.syn_ack[dir] = true;
    AddHistory(flow, 'H', dir);
  }
  if (packet.payload_wire_len > 0) {
    flow.data[dir] = true;
    AddHistory(flow, 'D', dir);
  } else if (f == kTcpAck) {
    flow.ack[dir] = true;
    AddHistory(flow, 'A', dir);
  }
  if (f & kTcpFin) {
    flow.fin[dir] = true;
    AddHistory(flow, 'F', dir);
  }
  if (f & kTcpRst) {
    flow.rst[dir] = true;
    AddHistory(flow, 'R', dir);
  }
}

void FlowTable::Add(const DecodedPacket& packet) {
  if (++packets_since_expiry_ >= kExpiryInterval) {
    packets_since_expiry_ = 0;
    Expire(packet.time_ns);
  }
  FlowKey key;
  bool sender_is_lo = false;
  if (!KeyFor(packet, key, sender_is_lo)) return;
  uint32_t hash = IndexHash(key);
  uint32_t i = index_.Find(hash, [&](uint32_t slot) { return slots_[slot].flow.key == key; });
  if (i == FlowIndex::kNotFound) {
    i = Create(key, hash, packet, sender_is_lo);
  } else {
    Flow& existing = slots_[i].flow;
    bool new_syn = packet.has_tcp_flags && (packet.tcp_flags & (kTcpSyn | kTcpAck)) == kTcpSyn;
    if (existing.closing && new_syn) {  // port reuse after a close: a new connection
      End(i, FlowEnd::kFin);
      i = Create(key, hash, packet, sender_is_lo);
    } else {
      Unlink(i);
      PushBack(i);
    }
  }
  Flow& flow = slots_[i].flow;
  int dir = (sender_is_lo == flow.orig_is_lo) ? 0 : 1;
  Update(flow, packet, dir);
  bool closing = (flow.fin[0] && flow.fin[1]) || flow.rst[0] || flow.rst[1];
  if (closing && !flow.closing) {
    flow.closing = true;
    Unlink(i);
    PushBack(i);
  }
}

void FlowTable::Flush() {
  // The same order as ending them one by one, but the index is emptied in one step: erasing
  // a million entries at random places of it would cost a cache miss each.
  for (List* list : {&closing_, &active_}) {
    for (uint32_t i = list->head; i != kNil; i = slots_[i].next) {
      Emit(slots_[i].flow, FlowEnd::kEndOfInput);
    }
    *list = List();
  }
  index_.Clear();
  slots_.clear();
  free_.clear();
}

}  // namespace seckit::pcap_extract
