// Evidence: a compact reference from an alert back to an input record (a log line's file and
// offset, a capture frame, or a flow's Community ID), and the table that interns file paths.
#ifndef SECKIT_ANOMALY_DETECT_EVIDENCE_H_
#define SECKIT_ANOMALY_DETECT_EVIDENCE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "seckit/json_writer.h"

namespace seckit::anomaly_detect {

// Input file paths are few; records refer to them by number so evidence stays small.
class PathTable {
 public:
  static constexpr uint32_t kNone = 0;
  uint32_t Intern(std::string_view path);
  std::string_view Get(uint32_t id) const { return paths_[id - 1]; }

 private:
  std::vector<std::string> paths_;
  std::unordered_map<std::string, uint32_t> ids_;
};

struct Evidence {
  enum class Type : uint8_t { kNone, kLogOffset, kPcapFrame, kCommunityId };
  Type type = Type::kNone;
  uint32_t path = PathTable::kNone;  // log.file.path of the record, when it had one
  uint64_t number = 0;               // log.offset or pcap.frame
  uint8_t id_size = 0;
  std::array<char, 48> community_id{};  // "1:" + base64 of SHA-1 is 30 bytes

  std::string_view id() const { return {community_id.data(), id_size}; }
  bool empty() const { return type == Type::kNone; }
};

// Writes `evidence` as one element of anomaly.evidence: {"log":{"file":{"path":..},"offset":N}},
// {"pcap":{"frame":N}} (with log.file.path when known) or {"network":{"community_id":".."}}.
void WriteEvidence(JsonWriter& w, const PathTable& paths, const Evidence& evidence);

// The first `limit` evidence references of a window, and how many there were in all. The first
// is held in place: most windows (a new host pair in random traffic) see one record, and a heap
// allocation for it was one malloc and one free per record.
class EvidenceList {
 public:
  void Add(const Evidence& e, size_t limit) {
    ++total_;
    if (e.empty() || kept_ >= limit) return;
    if (kept_ == 0) {
      first_ = e;
    } else {
      // Straight for the limit: one allocation per window, never more than the limit (16
      // items, 1,152 bytes, was a large-bin request that made malloc consolidate its bins).
      if (rest_.empty()) rest_.reserve(limit - 1);
      rest_.push_back(e);
    }
    ++kept_;
  }
  void Clear() {
    rest_.clear();
    kept_ = 0;
    total_ = 0;
  }
  // The kept references, in the order they came.
  std::vector<Evidence> items() const {
    std::vector<Evidence> all;
    all.reserve(kept_);
    if (kept_ > 0) all.push_back(first_);
    all.insert(all.end(), rest_.begin(), rest_.end());
    return all;
  }
  uint64_t total() const { return total_; }

 private:
  Evidence first_;
  std::vector<Evidence> rest_;  // the second and later
  size_t kept_ = 0;
  uint64_t total_ = 0;
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_EVIDENCE_H_
