// The model file: {"format":"seckit-anomaly-model","version":1,"features":[...],"median":[...],
// "mad":[...],"window_seconds":N,"seed":N,"training_vectors":N,"sample":N,
// "trees":[{"feature":[...],"right":[...],"value":[...]},...]}.
#include "forest_model.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "seckit/output.h"

namespace seckit::anomaly_detect {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "seckit-anomaly-model";

Status Bad(const std::string& path, const std::string& why) {
  return Status::DataError("not an anomaly-detect model: " + why + " (" + path + ")");
}

// Checks that walking the tree can only move forward and stays inside it.
bool ValidTree(const IsolationForest::Tree& tree, size_t dimensions) {
  if (tree.empty()) return false;
  for (size_t i = 0; i < tree.size(); ++i) {
    const IsolationForest::Node& n = tree[i];
    if (n.feature < 0) continue;
    if (static_cast<size_t>(n.feature) >= dimensions || i + 1 >= tree.size() || n.right <= i + 1 ||
        n.right >= tree.size()) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status SaveModel(const OutlierModel& model, const std::string& path) {
  json j;
  j["format"] = kFormat;
  j["version"] = 1;
  j["features"] = kFeatureNames;
  j["median"] = model.median;
  j["mad"] = model.mad;
  j["window_seconds"] = model.window_seconds;
  j["seed"] = model.seed;
  j["training_vectors"] = model.training_vectors;
  j["sample"] = model.forest.sample();
  json trees = json::array();
  for (const IsolationForest::Tree& tree : model.forest.trees()) {
    json feature = json::array(), right = json::array(), value = json::array();
    for (const IsolationForest::Node& n : tree) {
      feature.push_back(n.feature);
      right.push_back(n.right);
      value.push_back(n.threshold);
    }
    trees.push_back({{"feature", std::move(feature)}, {"right", std::move(right)},
                     {"value", std::move(value)}});
  }
  j["trees"] = std::move(trees);
  Result<std::unique_ptr<OutputStream>> out = OutputStream::Open(path);
  if (!out.ok()) return out.status();
  (*out)->Write(j.dump());
  (*out)->Write("\n");
  return (*out)->Commit();
}

Result<OutlierModel> LoadModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NoInput("cannot open the model " + path);
  std::stringstream text;
  text << in.rdbuf();
  json j = json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Bad(path, "not JSON");
  if (j.value("format", "") != kFormat || j.value("version", 0) != 1) {
    return Bad(path, "format is not " + std::string(kFormat) + " version 1");
  }
  try {
    if (j.at("features").get<std::vector<std::string>>() !=
        std::vector<std::string>(kFeatureNames.begin(), kFeatureNames.end())) {
      return Bad(path, "its features differ from this version's");
    }
    OutlierModel m;
    m.median = j.at("median").get<FeatureVector>();
    m.mad = j.at("mad").get<FeatureVector>();
    m.window_seconds = j.at("window_seconds").get<double>();
    m.seed = j.at("seed").get<uint64_t>();
    m.training_vectors = j.at("training_vectors").get<uint64_t>();
    const auto sample = j.at("sample").get<size_t>();
    std::vector<IsolationForest::Tree> trees;
    for (const json& t : j.at("trees")) {
      const auto feature = t.at("feature").get<std::vector<int32_t>>();
      const auto right = t.at("right").get<std::vector<uint32_t>>();
      const auto value = t.at("value").get<std::vector<double>>();
      if (feature.size() != right.size() || feature.size() != value.size()) {
        return Bad(path, "a tree's arrays differ in length");
      }
      IsolationForest::Tree tree(feature.size());
      for (size_t i = 0; i < tree.size(); ++i) tree[i] = {feature[i], right[i], value[i]};
      if (!ValidTree(tree, kFeatureCount)) return Bad(path, "a tree's links are broken");
      trees.push_back(std::move(tree));
    }
    if (trees.empty() || sample < 2) return Bad(path, "no trees");
    m.forest = IsolationForest::FromTrees(std::move(trees), kFeatureCount, sample);
    return m;
  } catch (const json::exception& e) {
    return Bad(path, std::string("missing or mistyped member: ") + e.what());
  }
}

}  // namespace seckit::anomaly_detect
