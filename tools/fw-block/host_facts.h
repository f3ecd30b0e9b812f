// What fw-block must never block on the machine it runs on: its own addresses (getifaddrs), its
// default gateways (/proc/net/route, /proc/net/ipv6_route) and the peer of the SSH session it
// runs in (SSH_CONNECTION).
#ifndef SECKIT_FW_BLOCK_HOST_FACTS_H_
#define SECKIT_FW_BLOCK_HOST_FACTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "seckit/ip.h"

namespace seckit::fw_block {

struct ProtectedAddress {
  IpAddress address;
  std::string why;  // "own address (eth0)", "default gateway", "SSH peer"
};

// Every address of every interface, with the interface's name.
std::vector<ProtectedAddress> OwnAddresses();

// Default gateways in the text of /proc/net/route and /proc/net/ipv6_route (parsers exposed for
// tests; DefaultGateways reads the files).
std::vector<IpAddress> ParseIpv4RouteTable(std::string_view text);
std::vector<IpAddress> ParseIpv6RouteTable(std::string_view text);
std::vector<ProtectedAddress> DefaultGateways();

// The addresses in the output of `ip -o addr show` ("2: eth0    inet 10.0.0.1/24 brd ..."), for
// a remote host's own addresses.
std::vector<IpAddress> ParseIpAddrOutput(std::string_view text);

// The client and server addresses of an SSH_CONNECTION value ("CLIENT PORT SERVER PORT");
// empty when the value is empty or malformed.
std::vector<IpAddress> ParseSshConnection(std::string_view value);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_HOST_FACTS_H_
