// CandidateList and the one parser of block targets.
#include "candidate.h"

#include <algorithm>

namespace seckit::fw_block {

void CandidateList::Add(Candidate candidate) {
  auto [it, inserted] = index_.try_emplace(candidate.cidr, items_.size());
  if (!inserted) {
    ++duplicates_;
    return;
  }
  items_.push_back(std::move(candidate));
}

namespace {

bool LooksLikeHostName(std::string_view text) {
  const bool has_letter = std::any_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return has_letter && text.find('.') != std::string_view::npos &&
         text.find(':') == std::string_view::npos && text.find('/') == std::string_view::npos;
}

}  // namespace

std::optional<Cidr> ParseBlockTarget(std::string_view text, std::string& why) {
  bool host_bits = false;
  std::optional<Cidr> cidr = Cidr::Parse(text, &host_bits);
  if (!cidr) {
    if (LooksLikeHostName(text)) {
      why = "a host name, not an address (fw-block never resolves names)";
    } else if (text.find('%') != std::string_view::npos) {
      why = "an address with a zone id, which a firewall set cannot hold";
    } else {
      why = "not an IP address or CIDR";
    }
    return std::nullopt;
  }
  if (host_bits) {
    why = "host bits set: write the network address (" + cidr->ToString() + ")";
    return std::nullopt;
  }
  // An IPv4-mapped IPv6 host is the IPv4 host a dual-stack socket talks to: block that.
  if (cidr->IsHost() && cidr->network().IsV4Mapped()) {
    cidr = Cidr::Make(cidr->network().Unmapped(), 32);
  }
  return cidr;
}

}  // namespace seckit::fw_block
