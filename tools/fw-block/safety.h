// SafetyPolicy: the rules every address passes before any firewall sees it. An address or CIDR is
// refused (with the reason) when it touches loopback, link-local, multicast, broadcast or the
// unspecified address; a private range without --allow-private; a protected address (the host's
// own, its gateway, the SSH peer, each remote host and the address it is reached from, the
// allowlist); or when it is wider than /16 (IPv4) or /48 (IPv6) without --force-wide.
// "Touches" means overlaps: 0.0.0.0/0 is refused because it contains 127.0.0.1.
#ifndef SECKIT_FW_BLOCK_SAFETY_H_
#define SECKIT_FW_BLOCK_SAFETY_H_

#include <optional>
#include <string>
#include <vector>

#include "seckit/ip.h"

namespace seckit::fw_block {

class SafetyPolicy {
 public:
  SafetyPolicy(bool allow_private, bool force_wide)
      : allow_private_(allow_private), force_wide_(force_wide) {}

  // Never block anything overlapping `prefix`; `why` names it in the skip reason.
  void Protect(const Cidr& prefix, std::string why);
  void Protect(const IpAddress& address, std::string why);

  // The reason to refuse `cidr`, or nullopt when it may be blocked.
  std::optional<std::string> Check(const Cidr& cidr) const;

 private:
  struct Protected {
    Cidr prefix;
    std::string why;
  };
  bool allow_private_;
  bool force_wide_;
  std::vector<Protected> protected_;
};

// True when the two prefixes share an address.
bool Overlaps(const Cidr& a, const Cidr& b);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_SAFETY_H_
