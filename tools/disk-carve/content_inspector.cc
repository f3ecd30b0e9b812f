// Hashes stream; YARA and libmagic need the bytes in one buffer, so only what they look at is kept.
#include "content_inspector.h"

#include <algorithm>

namespace seckit::disk_carve {

ContentInspector::ContentInspector(const InspectionPlan& plan) : plan_(plan) {}

Status ContentInspector::Begin(uint64_t size) {
  if (!hasher_) {
    Result<MultiHasher> hasher = MultiHasher::Create(plan_.hashes);
    if (!hasher.ok()) return hasher.status();
    hasher_.emplace(std::move(hasher.value()));
  }
  bytes_ = 0;
  kept_.clear();
  scan_yara_ = plan_.yara != nullptr && size <= plan_.yara_max_size;
  keep_limit_ = scan_yara_ ? static_cast<size_t>(plan_.yara_max_size)
                           : (plan_.mime != nullptr ? MimeDetector::kHeadSize : 0);
  if (scan_yara_) kept_.reserve(static_cast<size_t>(size));
  return Status::Ok();
}

void ContentInspector::Update(std::span<const uint8_t> data) {
  bytes_ += data.size();
  if (!plan_.hashes.empty()) hasher_->Update(data);
  if (kept_.size() < keep_limit_) {
    const size_t take = std::min(data.size(), keep_limit_ - kept_.size());
    kept_.insert(kept_.end(), data.begin(), data.begin() + static_cast<ptrdiff_t>(take));
  }
}

Result<Inspection> ContentInspector::Finish() {
  Inspection result;
  result.bytes = bytes_;
  Result<std::vector<Digest>> digests = hasher_->Final();
  if (!digests.ok()) return digests.status();
  result.digests = std::move(digests.value());
  if (plan_.mime != nullptr && bytes_ > 0) {
    const size_t head = std::min(kept_.size(), MimeDetector::kHeadSize);
    result.mime_type = plan_.mime->Detect(std::span<const uint8_t>(kept_.data(), head));
  }
  if (scan_yara_ && bytes_ <= plan_.yara_max_size) {
    Result<std::vector<YaraMatch>> matches = plan_.yara->Scan(kept_);
    if (!matches.ok()) return matches.status();
    result.yara = std::move(matches.value());
  }
  return result;
}

}  // namespace seckit::disk_carve
