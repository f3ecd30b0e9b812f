// Snippet generators, for firewalls fw-block does not drive itself: Cisco IOS extended ACLs,
// a Cisco ASA network object-group, and `print` (the bare addresses, for any other tool). Their
// commands have no argv: the input text is configuration for a human (or a config pipeline) to
// apply, so --apply refuses them and the state file drives --expire.
#include "backend.h"
#include "backend_internal.h"

namespace seckit::fw_block {
namespace {

// Cisco IOS: "ip access-list extended SECKIT-BLOCK" for IPv4 and "ipv6 access-list
// SECKIT-BLOCK6", applied by the administrator once (ip access-group SECKIT-BLOCK in).
std::string IosDeny(const Cidr& c) {
  if (c.is_v4()) {
    if (c.IsHost()) return " deny ip host " + c.network().ToString() + " any";
    return " deny ip " + c.network().ToString() + " " + Ipv4Mask(c.prefix_len(), true) + " any";
  }
  if (c.IsHost()) return " deny ipv6 host " + c.network().ToString() + " any";
  return " deny ipv6 " + c.ToString() + " any";
}

// Cisco ASA: entries of "object-group network SECKIT-BLOCK", referenced once by the
// administrator's access-list (access-list outside_access_in extended deny ip object-group
// SECKIT-BLOCK any).
std::string AsaObject(const Cidr& c) {
  if (c.IsHost()) return " network-object host " + c.network().ToString();
  if (c.is_v4()) {
    return " network-object " + c.network().ToString() + " " + Ipv4Mask(c.prefix_len(), false);
  }
  return " network-object " + c.ToString();
}

std::string Header(const Cidr& c, bool ios) {
  if (!ios) return "object-group network SECKIT-BLOCK";
  return c.is_v4() ? "ip access-list extended SECKIT-BLOCK" : "ipv6 access-list SECKIT-BLOCK6";
}

// Groups lines under their headers, IPv4 first, so the snippet pastes as it is.
std::string Snippet(const std::vector<Cidr>& cidrs, bool ios, bool remove) {
  std::string text;
  for (bool v4 : {true, false}) {
    std::string body;
    const Cidr* first = nullptr;
    for (const Cidr& c : cidrs) {
      if (c.is_v4() != v4) continue;
      if (first == nullptr) first = &c;
      const std::string line = ios ? IosDeny(c) : AsaObject(c);
      body += remove ? " no" + line : line;
      body += '\n';
    }
    if (first == nullptr) continue;
    if (!ios && !text.empty()) {  // ASA: one group holds both families
      text += body;
      continue;
    }
    text += Header(*first, ios) + "\n" + body;
  }
  return text;
}

class CiscoBackend : public Backend {
 public:
  explicit CiscoBackend(bool ios) : ios_(ios) {}
  std::string_view name() const override { return ios_ ? "cisco-ios" : "cisco-asa"; }
  bool executes() const override { return false; }
  std::vector<std::vector<std::string>> DataCommands() const override { return {}; }
  std::vector<std::string> BlockLines(const BlockEntry& e) const override {
    return {Header(e.cidr, ios_), ios_ ? IosDeny(e.cidr) : AsaObject(e.cidr)};
  }
  std::vector<std::string> UnblockLines(const Cidr& c) const override {
    return {Header(c, ios_), " no" + (ios_ ? IosDeny(c) : AsaObject(c))};
  }
  std::vector<Command> Block(const std::vector<BlockEntry>& entries) const override {
    std::vector<Cidr> cidrs;
    cidrs.reserve(entries.size());
    for (const BlockEntry& e : entries) cidrs.push_back(e.cidr);
    return {{{}, Snippet(cidrs, ios_, false)}};
  }
  std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const override {
    return {{{}, Snippet(cidrs, ios_, true)}};
  }
  std::vector<Command> Flush() const override {
    if (ios_)
      return {{{}, "no ip access-list extended SECKIT-BLOCK\nno ipv6 access-list SECKIT-BLOCK6\n"}};
    return {{{}, "no object-group network SECKIT-BLOCK\n"}};
  }

 private:
  bool ios_;
};

class PrintBackend : public Backend {
 public:
  std::string_view name() const override { return "print"; }
  bool executes() const override { return false; }
  std::vector<std::vector<std::string>> DataCommands() const override { return {}; }
  std::vector<std::string> BlockLines(const BlockEntry& e) const override {
    return {e.cidr.ToString()};
  }
  std::vector<std::string> UnblockLines(const Cidr& c) const override { return {c.ToString()}; }
  std::vector<Command> Block(const std::vector<BlockEntry>& entries) const override {
    std::string text;
    for (const BlockEntry& e : entries) text += e.cidr.ToString() + "\n";
    return {{{}, std::move(text)}};
  }
  std::vector<Command> Unblock(const std::vector<Cidr>& cidrs) const override {
    std::string text;
    for (const Cidr& c : cidrs) text += c.ToString() + "\n";
    return {{{}, std::move(text)}};
  }
  std::vector<Command> Flush() const override { return {}; }
};

}  // namespace

std::unique_ptr<Backend> MakeCiscoIosBackend() { return std::make_unique<CiscoBackend>(true); }
std::unique_ptr<Backend> MakeCiscoAsaBackend() { return std::make_unique<CiscoBackend>(false); }
std::unique_ptr<Backend> MakePrintBackend() { return std::make_unique<PrintBackend>(); }

}  // namespace seckit::fw_block
