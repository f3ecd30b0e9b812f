// Candidates: the addresses an input asks fw-block to block, with why and where from.
#ifndef SECKIT_FW_BLOCK_CANDIDATE_H_
#define SECKIT_FW_BLOCK_CANDIDATE_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "seckit/ip.h"

namespace seckit::fw_block {

struct Candidate {
  Cidr cidr;           // normalised: host bits clear, IPv4-mapped IPv6 hosts unmapped
  std::string reason;  // "ioc score 100 (feed:iocs.txt)", "rule brute_force.source", "listed"
  std::string source;  // "FILE:LINE" of the first line that named it
  std::string record;  // that line when it was a JSON record (kept in the state), else empty
};

// Candidates in first-seen order with duplicates merged (the first occurrence wins).
class CandidateList {
 public:
  void Add(Candidate candidate);
  const std::vector<Candidate>& items() const { return items_; }
  size_t duplicates() const { return duplicates_; }

 private:
  std::vector<Candidate> items_;
  std::unordered_map<Cidr, size_t> index_;
  size_t duplicates_ = 0;
};

// Parses one address or CIDR as found in input, normalised as Candidate::cidr says. On failure
// `why` says what the text was ("a host name: fw-block never resolves names", ...).
std::optional<Cidr> ParseBlockTarget(std::string_view text, std::string& why);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_CANDIDATE_H_
