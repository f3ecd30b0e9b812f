// Interning input paths and writing evidence references in the agreed anomaly.evidence shapes.
#include "evidence.h"

namespace seckit::anomaly_detect {

uint32_t PathTable::Intern(std::string_view path) {
  auto it = ids_.find(std::string(path));
  if (it != ids_.end()) return it->second;
  paths_.emplace_back(path);
  const auto id = static_cast<uint32_t>(paths_.size());
  ids_.emplace(paths_.back(), id);
  return id;
}

void WriteEvidence(JsonWriter& w, const PathTable& paths, const Evidence& e) {
  w.BeginObject();
  switch (e.type) {
    case Evidence::Type::kLogOffset:
      w.BeginObject("log"_key);
      if (e.path != PathTable::kNone) {
        w.BeginObject("file"_key);
        w.Field("path"_key, paths.Get(e.path));
        w.EndObject();
      }
      w.Field("offset"_key, e.number);
      w.EndObject();
      break;
    case Evidence::Type::kPcapFrame:
      if (e.path != PathTable::kNone) {
        w.BeginObject("log"_key);
        w.BeginObject("file"_key);
        w.Field("path"_key, paths.Get(e.path));
        w.EndObject();
        w.EndObject();
      }
      w.BeginObject("pcap"_key);
      w.Field("frame"_key, e.number);
      w.EndObject();
      break;
    case Evidence::Type::kCommunityId:
      w.BeginObject("network"_key);
      w.Field("community_id"_key, e.id());
      w.EndObject();
      break;
    case Evidence::Type::kNone:
      break;
  }
  w.EndObject();
}

}  // namespace seckit::anomaly_detect
