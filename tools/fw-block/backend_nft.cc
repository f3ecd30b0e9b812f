// The nftables backend: table `inet seckit` with, per family, a hash set of single addresses
// (host4, host6) and an interval set of networks (net4, net6), all with flags timeout so the
// kernel drops each element when its TTL runs out, and chains that drop traffic from and to them.
// Every change is one atomic `nft -f -` batch. Hosts live in hash sets because inserting 100,000
// elements into an interval set (a red-black tree) takes nft five times as long.
#include <nlohmann/json.hpp>

#include "backend.h"
#include "backend_internal.h"

namespace seckit::fw_block {
namespace {

constexpr const char* kSetup =
    "add table inet seckit\n"
    "add set inet seckit host4 { type ipv4_addr; flags timeout; }\n"
    "add set inet seckit host6 { type ipv6_addr; flags timeout; }\n"
    "add set inet seckit net4 { type ipv4_addr; flags interval, timeout; }\n"
    "add set inet seckit net6 { type ipv6_addr; flags interval, timeout; }\n"
    "add chain inet seckit input { type filter hook input priority filter - 10; policy accept; }\n"
    "add chain inet seckit forward { type filter hook forward priority filter - 10; policy accept; "
    "}\n"
    "add chain inet seckit output { type filter hook output priority filter - 10; policy accept; "
    "}\n"
    "flush chain inet seckit input\n"
    "flush chain inet seckit forward\n"
    "flush chain inet seckit output\n"
    "add rule inet seckit input ip saddr @host4 drop\n"
    "add rule inet seckit input ip saddr @net4 drop\n"
    "add rule inet seckit input ip6 saddr @host6 drop\n"
    "add rule inet seckit input ip6 saddr @net6 drop\n"
    "add rule inet seckit forward ip saddr @host4 drop\n"
    "add rule inet seckit forward ip saddr @net4 drop\n"
    "add rule inet seckit forward ip6 saddr @host6 drop\n"
    "add rule inet seckit forward ip6 saddr @net6 drop\n"
    "add rule inet seckit forward ip daddr @host4 drop\n"
    "add rule inet seckit forward ip daddr @net4 drop\n"
    "add rule inet seckit forward ip6 daddr @host6 drop\n"
    "add rule inet seckit forward ip6 daddr @net6 drop\n"
    "add rule inet seckit output ip daddr @host4 drop\n"
    "add rule inet seckit output ip daddr @net4 drop\n"
    "add rule inet seckit output ip6 daddr @host6 drop\n"
    "add rule inet seckit output ip6 daddr @net6 drop\n";

std::string NftSetOf(const Cidr& c) {
  return std::string(c.IsHost() ? "host" : "net") + (c.is_v4() ? "4" : "6");
}

// Elements per `add element` statement in a batch: one statement per element costs nft twice
// the time; a few thousand per statement keeps each statement's netlink message moderate.
constexpr size_t kElementsPerStatement = 2000;

// nft writes a host as a bare address and a network as a prefix.
std::string ElementText(const Cidr& c) {
  return c.IsHost() ? c.network().ToString() : c.ToString();
}

std::string Element(const std::string& verb, const Cidr& c, int64_t ttl) {
  std::string line = verb + " element inet seckit " + NftSetOf(c) + " { " + ElementText(c);
  if (ttl > 0) line += " timeout " + std::to_string(ttl) + "s";
  return line + " }";
}

class NftBackend : public Backend {
 public:
  std::string_view name() const override { return "nft"; }
  bool native_timeout() const override { return true; }
  bool allows_overlap() const override { return false; }  // within net4/net6
  std::vector<std::vector<std::string>> DataCommands() const override {
    return {{"nft", "-f", "-"}};
  }
  std::vector<std::string> BlockLines(const BlockEntry& e) const override {
    if (!e.refresh) return {Element("add", e.cidr, e.ttl_seconds)};
    // `add` leaves an existing element's timeout as it was: re-create it, atomically.
    return {Element("add", e.cidr, 0), Element("delete", e.cidr, 0),
            Element("add", e.cidr, e.ttl_seconds)};
  }
  std::vector<std::string> UnblockLines(const Cidr& c) const override {
    // Adding first makes the delete succeed when the element already expired.
    return {Element("add", c, 0), Element("delete", c, 0)};
  }
  // The batch: the setup, then new elements grouped per set (kElementsPerStatement at a time),
  // then renewals as BlockLines writes them.
  std::vector<Command> Block(const std::vector<BlockEntry>& entries) const override {
    std::string batch = kSetup;
    for (const char* set : {"host4", "host6", "net4", "net6"}) {
      size_t in_statement = 0;
      for (const BlockEntry& e : entries) {
        if (e.refresh || NftSetOf(e.cidr) != set) continue;
        batch += in_statement == 0 ? "add element inet seckit " + std::string(set) + " { " : ", ";
        batch += ElementText(e.cidr);
        if (e.ttl_seconds > 0) batch += " timeout " + std::to_string(e.ttl_seconds) + "s";
        if (++in_statement == kElementsPerStatement) {
          batch += " }\n";
          in_statement = 0;
        }
      }
      if (in_statement > 0) batch += " }\n";
    }
    for (const BlockEntry& e : entries) {
      if (e.refresh) batch += JoinLines(BlockLines(e));
    }
    return {{{"nft", "-f", "-"}, std::move(batch)}};
  }
  std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const override {
    std::string batch = kSetup;
    for (const Cidr& c : cidrs) batch += JoinLines(UnblockLines(c));
    return {{{"nft", "-f", "-"}, std::move(batch)}};
  }
  std::vector<Command> Flush() const override {
    return {{{"nft", "-f", "-"}, "add table inet seckit\ndelete table inet seckit\n"}};
  }
  std::vector<Command> ListLive() const override {
    std::vector<Command> listing;
    for (const char* set : {"host4", "host6", "net4", "net6"}) {
      listing.push_back({{"nft", "-j", "list", "set", "inet", "seckit", set}, ""});
    }
    return listing;
  }
  Result<std::vector<LiveEntry>> ParseLive(const std::vector<std::string>& outputs) const override;
};

// One element of `nft -j list set`: "1.2.3.4", {"prefix":{...}}, or {"elem":{"val":...,...}}.
std::optional<Backend::LiveEntry> ParseElement(const nlohmann::json& e) {
  Backend::LiveEntry entry;
  const nlohmann::json* value = &e;
  if (e.is_object() && e.contains("elem")) {
    const nlohmann::json& elem = e["elem"];
    value = &elem["val"];
    if (elem.contains("expires") && elem["expires"].is_number()) {
      entry.expires_in = elem["expires"].get<int64_t>();
    }
  }
  std::string text;
  if (value->is_string()) {
    text = value->get<std::string>();
  } else if (value->is_object() && value->contains("prefix")) {
    const nlohmann::json& p = (*value)["prefix"];
    text = p.value("addr", "") + "/" + std::to_string(p.value("len", -1));
  } else {
    return std::nullopt;
  }
  std::optional<Cidr> c = Cidr::Parse(text);
  if (!c) return std::nullopt;
  entry.cidr = *c;
  return entry;
}

Result<std::vector<Backend::LiveEntry>> NftBackend::ParseLive(
    const std::vector<std::string>& outputs) const {
  std::vector<LiveEntry> live;
  for (const std::string& out : outputs) {
    if (out.empty()) continue;  // the table or set does not exist: nothing is blocked
    nlohmann::json doc = nlohmann::json::parse(out, nullptr, false);
    if (doc.is_discarded() || !doc.contains("nftables")) {
      return Status::Unavailable("nft -j list set: unexpected output");
    }
    for (const nlohmann::json& item : doc["nftables"]) {
      if (!item.contains("set") || !item["set"].contains("elem")) continue;
      for (const nlohmann::json& e : item["set"]["elem"]) {
        std::optional<LiveEntry> entry = ParseElement(e);
        if (!entry) return Status::Unavailable("nft -j list set: an element fw-block cannot read");
        live.push_back(*entry);
      }
    }
  }
  return live;
}

}  // namespace

std::unique_ptr<Backend> MakeNftBackend() { return std::make_unique<NftBackend>(); }

}  // namespace seckit::fw_block
