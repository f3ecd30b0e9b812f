// Reading the host's addresses, gateways and SSH peer.
#include "host_facts.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "seckit/text.h"

namespace seckit::fw_block {
namespace {

std::string ReadText(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Hex text of `n` bytes into `out`; false when malformed.
bool Unhex(std::string_view text, uint8_t* out, size_t n) {
  if (text.size() != 2 * n) return false;
  for (size_t i = 0; i < n; ++i) {
    const int hi = HexDigitValue(text[2 * i]), lo = HexDigitValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return true;
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

template <typename F>
void ForEachLine(std::string_view text, F f) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    f(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace

std::vector<ProtectedAddress> OwnAddresses() {
  std::vector<ProtectedAddress> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    std::optional<IpAddress> address;
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      address = IpAddress::V4(ntohl(sin->sin_addr.s_addr));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      address = IpAddress::V6(std::span<const uint8_t, 16>(sin6->sin6_addr.s6_addr, 16));
    }
    if (address) out.push_back({*address, std::string("own address (") + i->ifa_name + ")"});
  }
  freeifaddrs(list);
  return out;
}

std::vector<IpAddress> ParseIpv4RouteTable(std::string_view text) {
  // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses are little-endian hex.
  std::vector<IpAddress> out;
  ForEachLine(text, [&](std::string_view line) {
    const std::vector<std::string_view> f = Fields(line);
    if (f.size() < 8 || f[1] != "00000000" || f[7] != "00000000") return;
    uint8_t b[4];
    if (!Unhex(f[2], b, 4)) return;
    const uint32_t gateway =
        (uint32_t{b[3]} << 24) | (uint32_t{b[2]} << 16) | (uint32_t{b[1]} << 8) | b[0];
    if (gateway != 0) out.push_back(IpAddress::V4(gateway));
  });
  return out;
}

std::vector<IpAddress> ParseIpv6RouteTable(std::string_view text) {
  // dest dest_len src src_len next_hop metric refcnt use flags iface; addresses in network order.
  std::vector<IpAddress> out;
  ForEachLine(text, [&](std::string_view line) {
    const std::vector<std::string_view> f = Fields(line);
    if (f.size() < 10 || f[1] != "00") return;
    uint8_t dest[16], hop[16];
    if (!Unhex(f[0], dest, 16) || !Unhex(f[4], hop, 16)) return;
    const IpAddress d = IpAddress::V6(std::span<const uint8_t, 16>(dest, 16));
    const IpAddress h = IpAddress::V6(std::span<const uint8_t, 16>(hop, 16));
    if (d.IsUnspecified() && !h.IsUnspecified()) out.push_back(h);
  });
  return out;
}

std::vector<ProtectedAddress> DefaultGateways() {
  std::vector<ProtectedAddress> out;
  for (const IpAddress& a : ParseIpv4RouteTable(ReadText("/proc/net/route"))) {
    out.push_back({a, "default gateway"});
  }
  for (const IpAddress& a : ParseIpv6RouteTable(ReadText("/proc/net/ipv6_route"))) {
    out.push_back({a, "default gateway"});
  }
  return out;
}

std::vector<IpAddress> ParseIpAddrOutput(std::string_view text) {
  std::vector<IpAddress> out;
  ForEachLine(text, [&](std::string_view line) {
    const std::vector<std::string_view> f = Fields(line);
    for (size_t i = 0; i + 1 < f.size(); ++i) {
      if (f[i] != "inet" && f[i] != "inet6") continue;
      std::string_view value = f[i + 1];
      value = value.substr(0, value.find('/'));
      if (std::optional<IpAddress> a = IpAddress::Parse(value)) out.push_back(*a);
    }
  });
  return out;
}

std::vector<IpAddress> ParseSshConnection(std::string_view value) {
  const std::vector<std::string_view> f = Fields(value);
  if (f.size() != 4) return {};
  std::vector<IpAddress> out;
  for (std::string_view text : {f[0], f[2]}) {
    if (const size_t pct = text.find('%'); pct != std::string_view::npos)
      text = text.substr(0, pct);
    std::optional<IpAddress> a = IpAddress::Parse(text);
    if (!a) return {};
    out.push_back(a->Unmapped());
  }
  return out;
}

}  // namespace seckit::fw_block
