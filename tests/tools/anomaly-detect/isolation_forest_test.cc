// Isolation Forest: planted outliers score highest, the forest is deterministic for a seed, a
// saved model scores exactly as the trained one, damaged models are refused, and end to end the
// tool's --baseline-out / --baseline find a planted host and name the feature.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <fstream>
#include <random>

#include "anomaly_test_util.h"
#include "compact_forest.h"
#include "forest_model.h"
#include "isolation_forest.h"

namespace seckit::anomaly_detect {
namespace {

using test::json;

// 2,000 points of a 9-dimensional normal cloud, then 5 planted far away in four features each (as
// a busy host is unusual in connections, destinations, ports and bytes at once; a point far out
// on one axis of nine is isolated only when that axis happens to be chosen, a known weakness of
// axis-parallel splits).
std::vector<double> CloudWithOutliers() {
  std::mt19937_64 rng(99);
  std::normal_distribution<double> normal(0, 1);  // the values need not be portable here
  std::vector<double> rows;
  for (int i = 0; i < 2000; ++i) {
    for (size_t f = 0; f < kFeatureCount; ++f) rows.push_back(normal(rng));
  }
  for (size_t k = 0; k < 5; ++k) {
    for (size_t f = 0; f < kFeatureCount; ++f) {
      rows.push_back(f >= k && f < k + 4 ? 6.0 : normal(rng));
    }
  }
  return rows;
}

std::vector<double> Scores(const IsolationForest& forest, const std::vector<double>& rows) {
  std::vector<double> scores;
  for (size_t i = 0; i * kFeatureCount < rows.size(); ++i) {
    scores.push_back(forest.Score({rows.data() + i * kFeatureCount, kFeatureCount}));
  }
  return scores;
}

TEST(IsolationForest, PlantedOutliersScoreHighest) {
  const std::vector<double> rows = CloudWithOutliers();
  const IsolationForest forest = IsolationForest::Train(rows, kFeatureCount, 100, 256, 1);
  std::vector<double> scores = Scores(forest, rows);
  std::vector<size_t> order(scores.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  for (size_t i = 0; i < 5; ++i) EXPECT_GE(order[i], 2000u) << "rank " << i;
  EXPECT_GT(scores[2000], 0.6);
  std::vector<double> ordinary(scores.begin(), scores.begin() + 2000);
  std::nth_element(ordinary.begin(), ordinary.begin() + 1000, ordinary.end());
  EXPECT_LT(ordinary[1000], 0.5);  // the median point is ordinary
}

TEST(IsolationForest, ScoreManyEqualsScore) {
  const std::vector<double> rows = CloudWithOutliers();
  const IsolationForest forest = IsolationForest::Train(rows, kFeatureCount, 40, 256, 5);
  std::vector<double> many(rows.size() / kFeatureCount);
  forest.ScoreMany(rows, many);
  const std::vector<double> one = Scores(forest, rows);
  ASSERT_EQ(many.size(), one.size());
  // The same doubles, not merely close: ScoreMany walks the heap-layout copy (CompactForest),
  // Score the trees as trained, and both add the same leaf values in the same order.
  for (size_t i = 0; i < one.size(); ++i) ASSERT_EQ(many[i], one[i]) << i;
}

// Trees deeper than CompactForest::kMaxDepth (a sample of 10,000 allows depth 14) stay in pointer
// form; a forest of both kinds, and a block size that leaves a partial lockstep group, still give
// exactly Score's values.
TEST(IsolationForest, ScoreManyEqualsScoreForDeepTreesAndOddCounts) {
  std::vector<double> rows = CloudWithOutliers();
  for (size_t copy = 0; copy < 4; ++copy) {
    for (size_t i = 0; i < 2005 * kFeatureCount; ++i) rows.push_back(rows[i] * (1.5 + copy));
  }
  std::vector<IsolationForest::Tree> trees =
      IsolationForest::Train(rows, kFeatureCount, 6, 10000, 9).trees();
  const IsolationForest shallow = IsolationForest::Train(rows, kFeatureCount, 6, 256, 9);
  trees.insert(trees.end(), shallow.trees().begin(), shallow.trees().end());
  const IsolationForest forest = IsolationForest::FromTrees(trees, kFeatureCount, 10000);
  size_t deep = 0;
  for (const IsolationForest::Tree& tree : forest.trees()) {
    std::vector<CompactForest::SourceNode> nodes;
    for (const auto& n : tree) nodes.push_back({n.feature, n.right, n.threshold});
    CompactForest::Tree compact;
    deep += !CompactForest::Build(nodes, compact);
  }
  ASSERT_GT(deep, 0u);
  ASSERT_LT(deep, forest.trees().size());  // both kinds
  const std::vector<double> one = Scores(forest, rows);
  for (size_t count : {size_t{1}, size_t{15}, size_t{17}, size_t{513}, one.size()}) {
    std::vector<double> many(count);
    forest.ScoreMany({rows.data(), count * kFeatureCount}, many);
    for (size_t i = 0; i < count; ++i) ASSERT_EQ(many[i], one[i]) << count << " " << i;
  }
}

// A hand-made tree with a leaf high up (padded below in the heap layout), a row exactly on a
// split value (goes right, as in Score) and rows holding NaN and infinities.
TEST(IsolationForest, CompactLayoutKeepsEdgeCases) {
  // Root splits f0 < 1; left is a leaf (value 1.5); right splits f1 < -2 into two leaves (whose
  // right leaf is itself split on f2 < 0.25 once more).
  IsolationForest::Tree tree(7);
  tree[0] = {0, 2, 1.0};
  tree[1] = {-1, 0, 1.5};
  tree[2] = {1, 4, -2.0};
  tree[3] = {-1, 0, 2.25};
  tree[4] = {2, 6, 0.25};
  tree[5] = {-1, 0, 3.125};
  tree[6] = {-1, 0, 3.5};
  const IsolationForest forest = IsolationForest::FromTrees({tree, tree}, kFeatureCount, 16);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::array<double, 3>> heads = {
      {0, 0, 0}, {1, 0, 0}, {1, -2, 0}, {1, -3, 0}, {2, 5, 0.25}, {2, 5, 0.2},
      {nan, nan, nan}, {2, nan, 0}, {2, 5, nan}, {-inf, 0, 0}, {inf, -inf, inf}};
  std::vector<double> rows;
  for (const auto& head : heads) {
    for (size_t f = 0; f < kFeatureCount; ++f) rows.push_back(f < 3 ? head[f] : 0.0);
  }
  std::vector<double> many(heads.size());
  forest.ScoreMany(rows, many);
  const std::vector<double> one = Scores(forest, rows);
  for (size_t i = 0; i < heads.size(); ++i) EXPECT_EQ(many[i], one[i]) << i;
  // And the walk is the one drawn above: score = 2^(-mean leaf / c(16)).
  const double c16 = IsolationForest::AveragePathLength(16);
  EXPECT_EQ(one[0], std::exp2(-(1.5 + 1.5) / (2 * c16)));    // f0 < 1: left leaf
  EXPECT_EQ(one[2], std::exp2(-(3.125 + 3.125) / (2 * c16))); // on f1's split: right, then left
  EXPECT_EQ(one[3], std::exp2(-(2.25 + 2.25) / (2 * c16)));   // f1 < -2
  EXPECT_EQ(one[4], std::exp2(-(3.5 + 3.5) / (2 * c16)));     // on f2's split: right
  EXPECT_EQ(one[6], std::exp2(-(3.5 + 3.5) / (2 * c16)));     // NaN is never below: right
}

TEST(CompactForest, RefusesTreesItCannotLayOut) {
  CompactForest::Tree out;
  EXPECT_FALSE(CompactForest::Build({}, out));
  // A chain of kMaxDepth + 1 splits is one level too deep.
  std::vector<CompactForest::SourceNode> chain;
  for (int i = 0; i <= CompactForest::kMaxDepth; ++i) {
    chain.push_back({0, static_cast<uint32_t>(2 * i + 2), 0.5});
    chain.push_back({-1, 0, 1.0});
  }
  chain.push_back({-1, 0, 2.0});
  EXPECT_FALSE(CompactForest::Build(chain, out));
  chain.erase(chain.begin(), chain.begin() + 2);  // one split fewer: fits
  for (auto& n : chain) {
    if (n.feature >= 0) n.right -= 2;
  }
  EXPECT_TRUE(CompactForest::Build(chain, out));
  EXPECT_EQ(out.depth, CompactForest::kMaxDepth);
  const std::vector<CompactForest::SourceNode> backwards = {{0, 0, 0.5}, {-1, 0, 1}};
  EXPECT_FALSE(CompactForest::Build(backwards, out));
  const std::vector<CompactForest::SourceNode> outside = {{0, 9, 0.5}, {-1, 0, 1}};
  EXPECT_FALSE(CompactForest::Build(outside, out));
}

TEST(IsolationForest, SameSeedSameForest) {
  const std::vector<double> rows = CloudWithOutliers();
  const auto a = Scores(IsolationForest::Train(rows, kFeatureCount, 50, 128, 7), rows);
  const auto b = Scores(IsolationForest::Train(rows, kFeatureCount, 50, 128, 7), rows);
  const auto c = Scores(IsolationForest::Train(rows, kFeatureCount, 50, 128, 8), rows);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(IsolationForest, AveragePathLength) {
  EXPECT_EQ(IsolationForest::AveragePathLength(1), 0);
  EXPECT_EQ(IsolationForest::AveragePathLength(2), 1);
  // c(256) from the paper's formula: 2 H(255) - 2 * 255 / 256.
  double harmonic = 0;
  for (int i = 1; i <= 255; ++i) harmonic += 1.0 / i;
  EXPECT_NEAR(IsolationForest::AveragePathLength(256), 2 * harmonic - 2 * 255.0 / 256, 0.01);
}

TEST(ForestModel, SavedModelScoresTheSame) {
  ::seckit::testing::TempDir dir;
  const std::vector<double> rows = CloudWithOutliers();
  OutlierModel m;
  m.forest = IsolationForest::Train(rows, kFeatureCount, 30, 64, 3);
  m.median.fill(0.5);
  m.mad.fill(0.25);
  m.window_seconds = 300;
  m.training_vectors = 2005;
  ASSERT_TRUE(SaveModel(m, (dir / "m.json").string()).ok());
  Result<OutlierModel> loaded = LoadModel((dir / "m.json").string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(Scores(loaded->forest, rows), Scores(m.forest, rows));
  EXPECT_EQ(loaded->median, m.median);
  EXPECT_EQ(loaded->training_vectors, 2005u);
}

TEST(ForestModel, DamagedModelsAreRefused) {
  ::seckit::testing::TempDir dir;
  OutlierModel m;
  m.forest = IsolationForest::Train(CloudWithOutliers(), kFeatureCount, 2, 16, 3);
  ASSERT_TRUE(SaveModel(m, (dir / "m.json").string()).ok());
  json j = json::parse(::seckit::testing::ReadFile(dir / "m.json"));
  auto write_and_load = [&](const json& model) {
    ::seckit::testing::WriteFile(dir / "bad.json", model.dump());
    return LoadModel((dir / "bad.json").string()).status();
  };
  json cycle = j;
  cycle["trees"][0]["right"][0] = 0;  // a link back to itself
  EXPECT_EQ(write_and_load(cycle).code(), ExitCode::kDataError);
  json outside = j;
  outside["trees"][0]["right"][0] = 100000;
  EXPECT_EQ(write_and_load(outside).code(), ExitCode::kDataError);
  json feature = j;
  feature["trees"][0]["feature"][0] = 42;
  EXPECT_EQ(write_and_load(feature).code(), ExitCode::kDataError);
  json wrong = j;
  wrong["format"] = "something-else";
  EXPECT_EQ(write_and_load(wrong).code(), ExitCode::kDataError);
  ::seckit::testing::WriteFile(dir / "text.json", "not json");
  Status s = LoadModel((dir / "text.json").string()).status();
  EXPECT_EQ(s.code(), ExitCode::kDataError);
  EXPECT_NE(s.message().find("text.json"), std::string::npos);
  EXPECT_EQ(LoadModel((dir / "missing.json").string()).status().code(), ExitCode::kNoInput);
}

// A week of quiet hosts (each a few connections per window) for the baseline, then a day where
// one host sends a hundred times its usual bytes to many ports.
std::string Office(bool with_outlier, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  std::string input;
  for (int window = 0; window < 48; ++window) {
    for (int h = 1; h <= 30; ++h) {
      const int connections = 2 + static_cast<int>(uniform() * 4);
      for (int c = 0; c < connections; ++c) {
        test::Flow f;
        f.time = test::kBase + (window * 300 + static_cast<int>(uniform() * 290)) * kNsPerSecond;
        f.src = "10.0.1." + std::to_string(h);
        f.dst = "203.0.113." + std::to_string(1 + static_cast<int>(uniform() * 20));
        f.bytes_out = 1000 + static_cast<uint64_t>(uniform() * 1000);
        f.bytes_in = 5000 + static_cast<uint64_t>(uniform() * 5000);
        input += test::FlowRecord(f);
      }
    }
  }
  if (with_outlier) {
    for (int port = 1000; port < 1040; ++port) {
      test::Flow f;
      f.time = test::kBase + (20 * 300 + 10) * kNsPerSecond;
      f.src = "10.0.1.17";
      f.dst = "198.51.100.9";
      f.port = port;
      f.bytes_out = 300000;
      input += test::FlowRecord(f);
    }
  }
  return input;
}

TEST(OutlierCli, BaselineOutThenBaselineFindsThePlantedHost) {
  ::seckit::testing::TempDir dir;
  const std::string model = (dir / "model.json").string();
  auto r = test::Detect({"--only-alerts", "--detectors", "outlier", "--baseline-out", model},
                        Office(false, 1));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(model));
  EXPECT_TRUE(test::Alerts(r.out, "outlier").size() <= 10u);
  for (const json& a : test::Alerts(r.out)) EXPECT_EQ(a["event"]["severity"], 21) << a.dump();

  r = test::Detect({"--only-alerts", "--detectors", "outlier", "--baseline", model},
                   Office(true, 2));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = test::Alerts(r.out, "outlier");
  ASSERT_FALSE(alerts.empty());
  const json& top = alerts[0];
  EXPECT_EQ(top["source"]["ip"], "10.0.1.17");
  EXPECT_EQ(top["event"]["severity"], 47) << top.dump();
  EXPECT_GE(top["anomaly"]["score"].get<double>(), 0.7);
  std::string features;
  for (const json& f : top["anomaly"]["features"]) features += f.get<std::string>() + ";";
  EXPECT_NE(features.find("bytes_out="), std::string::npos) << features;
  EXPECT_NE(features.find("ports="), std::string::npos) << features;
  // Scoring is deterministic: the same run gives the same output.
  EXPECT_EQ(test::Detect({"--only-alerts", "--detectors", "outlier", "--baseline", model},
                         Office(true, 2)).out,
            r.out);
}

TEST(OutlierCli, BaselineFlagsNeedTheOutlierDetectorAndAModel) {
  EXPECT_EQ(test::Detect({"--detectors", "scan", "--baseline-out", "/tmp/x.json"}).exit_code, 64);
  EXPECT_EQ(test::Detect({"--baseline", "/nonexistent/model.json"}).exit_code, 66);
  ::seckit::testing::TempDir dir;
  // Too little to train on, but a model was asked for: an error, and no file.
  auto r = test::Detect({"--baseline-out", (dir / "m.json").string()}, "");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_FALSE(std::filesystem::exists(dir / "m.json"));
}

}  // namespace
}  // namespace seckit::anomaly_detect
