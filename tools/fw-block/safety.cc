// The safety rules, in the order a reader would ask them.
#include "safety.h"

#include <array>
#include <utility>
#include <vector>

namespace seckit::fw_block {
namespace {

struct Special {
  const char* prefix;
  const char* why;
};

// Never blocked, whatever the flags: blocking these breaks the host itself.
constexpr std::array<Special, 11> kNever = {{
    {"0.0.0.0/8", "the unspecified address (0.0.0.0/8)"},
    {"127.0.0.0/8", "loopback (127.0.0.0/8)"},
    {"169.254.0.0/16", "link-local (169.254.0.0/16)"},
    {"224.0.0.0/4", "multicast (224.0.0.0/4)"},
    {"255.255.255.255/32", "broadcast (255.255.255.255)"},
    {"::/128", "the unspecified address (::)"},
    {"::1/128", "loopback (::1)"},
    {"fe80::/10", "link-local (fe80::/10)"},
    {"ff00::/8", "multicast (ff00::/8)"},
    {"::ffff:0:0/96", "IPv4-mapped space (::ffff:0:0/96): block the IPv4 address"},
    {"64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"},
}};

// Blocked only with --allow-private.
constexpr std::array<Special, 5> kPrivate = {{
    {"10.0.0.0/8", "a private range (10.0.0.0/8)"},
    {"172.16.0.0/12", "a private range (172.16.0.0/12)"},
    {"192.168.0.0/16", "a private range (192.168.0.0/16)"},
    {"100.64.0.0/10", "shared address space (100.64.0.0/10)"},
    {"fc00::/7", "a unique local range (fc00::/7)"},
}};

// The tables above, parsed once.
template <size_t N>
std::vector<std::pair<Cidr, const char*>> Parsed(const std::array<Special, N>& table) {
  std::vector<std::pair<Cidr, const char*>> parsed;
  parsed.reserve(N);
  for (const Special& s : table) parsed.emplace_back(*Cidr::Parse(s.prefix), s.why);
  return parsed;
}

}  // namespace

bool Overlaps(const Cidr& a, const Cidr& b) {
  return a.Contains(b.network()) || b.Contains(a.network());
}

void SafetyPolicy::Protect(const Cidr& prefix, std::string why) {
  protected_.push_back({prefix, std::move(why)});
}

void SafetyPolicy::Protect(const IpAddress& address, std::string why) {
  const IpAddress a = address.Unmapped();
  protected_.push_back({*Cidr::Make(a, a.bit_width()), std::move(why)});
}

std::optional<std::string> SafetyPolicy::Check(const Cidr& cidr) const {
  static const std::vector<std::pair<Cidr, const char*>> never = Parsed(kNever);
  static const std::vector<std::pair<Cidr, const char*>> private_ranges = Parsed(kPrivate);
  for (const auto& [prefix, why] : never) {
    if (Overlaps(cidr, prefix)) return std::string(cidr.IsHost() ? "is " : "overlaps ") + why;
  }
  const int widest = cidr.is_v4() ? 16 : 48;
  if (cidr.prefix_len() < widest && !force_wide_) {
    return "wider than /" + std::to_string(widest) + " (use --force-wide)";
  }
  if (!allow_private_) {
    for (const auto& [prefix, why] : private_ranges) {
      if (Overlaps(cidr, prefix)) {
        return std::string(cidr.IsHost() ? "is " : "overlaps ") + why + " (use --allow-private)";
      }
    }
  }
  for (const Protected& p : protected_) {
    if (Overlaps(cidr, p.prefix)) {
      return std::string(cidr.IsHost() ? "is " : "contains ") + p.why + " " +
             (p.prefix.IsHost() ? p.prefix.network().ToString() : p.prefix.ToString());
    }
  }
  return std::nullopt;
}

}  // namespace seckit::fw_block
