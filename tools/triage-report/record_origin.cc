// Where a record came from: RecordView::OriginKey, a hash that tells copies of one record from
// different records (Analysis counts each record once), and OriginText, the same for a citation.
#include <functional>

#include "record_view.h"

namespace seckit::triage_report {
namespace {

// NOLINTBEGIN(cert-err58-cpp): registered at start-up, as in analysis.cc
const Field kDataset = Field::Of("event.dataset");
const Field kLogPath = Field::Of("log.file.path");
const Field kLogLine = Field::Of("log.file.line");
const Field kLogOffset = Field::Of("log.offset");
const Field kFrame = Field::Of("pcap.frame");
const Field kFirstFrame = Field::Of("pcap.flow.first_frame");
const Field kEventId = Field::Of("event.id");
// NOLINTEND(cert-err58-cpp)

uint64_t Mix(std::string_view text, uint64_t h = 0) {
  return (h ^ std::hash<std::string_view>()(text)) * 0x9E3779B97F4A7C15ull;
}

std::optional<uint64_t> OriginKeyOf(const RecordView& view) {
  std::string_view t;
  if (!view.Text(kLogPath, t)) return std::nullopt;
  uint64_t h = Mix(t);
  std::optional<int64_t> n;
  if ((n = view.Int(kLogOffset))) {
    h = (h + 1) ^ static_cast<uint64_t>(*n);
  } else if ((n = view.Int(kFrame))) {
    h = (h + 2) ^ static_cast<uint64_t>(*n);
  } else if ((n = view.Int(kFirstFrame))) {
    h = (h + 3) ^ static_cast<uint64_t>(*n);
  } else {
    return std::nullopt;
  }
  h *= 0x9E3779B97F4A7C15ull;
  if (view.Text(kDataset, t)) h = Mix(t, h);
  return h;
}

std::string BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

std::optional<uint64_t> RecordView::OriginKey() const {
  if (!origin_key_known_) {
    origin_key_ = OriginKeyOf(*this);
    origin_key_known_ = true;
  }
  return origin_key_;
}

std::string RecordView::OriginText() const {
  std::string_view path, number;
  if (Text(kLogPath, path)) {
    std::string base = BaseName(path);
    if (Text(kLogLine, number)) return base + ":" + std::string(number);
    if (Text(kFrame, number) || Text(kFirstFrame, number)) return base + "#" + std::string(number);
    if (Text(kLogOffset, number)) return base + "@" + std::string(number);
    return base;
  }
  if (Text(kEventId, number)) return "id " + std::string(number);
  return {};
}

}  // namespace seckit::triage_report
