// Training and scoring an Isolation Forest.
#include "isolation_forest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include "distinct_counter.h"

namespace seckit::anomaly_detect {
namespace {

// SplitMix64 as a stream: small, fast, and the same on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t x = state_ += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

class TreeBuilder {
 public:
  TreeBuilder(std::span<const double> rows, size_t dimensions, int height_limit, Random& random)
      : rows_(rows), dimensions_(dimensions), height_limit_(height_limit), random_(random) {}

  // Builds the subtree over `points` (indices into rows) and returns its root's index.
  uint32_t Build(std::span<size_t> points, int depth, IsolationForest::Tree& tree) {
    const auto index = static_cast<uint32_t>(tree.size());
    tree.emplace_back();
    if (depth >= height_limit_ || points.size() <= 1) return Leaf(tree, index, points.size(), depth);
    // A random feature among those that still vary here, split uniformly in its range.
    features_.resize(dimensions_);
    std::iota(features_.begin(), features_.end(), 0);
    while (!features_.empty()) {
      const size_t pick = random_.Below(features_.size());
      const size_t f = features_[pick];
      double lo = Value(points[0], f), hi = lo;
      for (size_t p : points) {
        lo = std::min(lo, Value(p, f));
        hi = std::max(hi, Value(p, f));
      }
      if (hi > lo) {
        double threshold = lo + random_.Uniform() * (hi - lo);
        if (threshold <= lo) threshold = std::nextafter(lo, hi);
        auto middle = std::partition(points.begin(), points.end(),
                                     [&](size_t p) { return Value(p, f) < threshold; });
        const auto left_size = static_cast<size_t>(middle - points.begin());
        tree[index].feature = static_cast<int32_t>(f);
        tree[index].threshold = threshold;
        Build(points.first(left_size), depth + 1, tree);
        const uint32_t right = Build(points.subspan(left_size), depth + 1, tree);
        tree[index].right = right;
        return index;
      }
      features_.erase(features_.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return Leaf(tree, index, points.size(), depth);  // every feature constant: identical points
  }

 private:
  double Value(size_t point, size_t feature) const { return rows_[point * dimensions_ + feature]; }
  static uint32_t Leaf(IsolationForest::Tree& tree, uint32_t index, size_t size, int depth) {
    tree[index].feature = -1;
    tree[index].threshold = depth + IsolationForest::AveragePathLength(static_cast<double>(size));
    return index;
  }

  std::span<const double> rows_;
  size_t dimensions_;
  int height_limit_;
  Random& random_;
  std::vector<size_t> features_;
};

}  // namespace

double IsolationForest::AveragePathLength(double n) {
  if (n <= 1) return 0;
  if (n == 2) return 1;
  constexpr double kEulerGamma = 0.5772156649015329;
  return 2 * (std::log(n - 1) + kEulerGamma) - 2 * (n - 1) / n;
}

IsolationForest IsolationForest::Train(std::span<const double> rows, size_t dimensions,
                                       size_t trees, size_t sample, uint64_t seed) {
  const size_t n = dimensions == 0 ? 0 : rows.size() / dimensions;
  sample = std::min(sample, n);
  std::vector<Tree> built(trees);
  Random random(Mix64(seed));
  const int height_limit =
      static_cast<int>(std::ceil(std::log2(std::max<double>(2, static_cast<double>(sample)))));
  std::vector<size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  std::vector<size_t> points(sample);
  for (Tree& tree : built) {
    // A partial Fisher-Yates shuffle draws `sample` distinct rows.
    for (size_t i = 0; i < sample; ++i) {
      std::swap(all[i], all[i + random.Below(n - i)]);
      points[i] = all[i];
    }
    TreeBuilder builder(rows, dimensions, height_limit, random);
    tree.reserve(2 * sample);
    builder.Build(points, 0, tree);
  }
  return FromTrees(std::move(built), dimensions, sample);
}

IsolationForest IsolationForest::FromTrees(std::vector<Tree> trees, size_t dimensions,
                                           size_t sample) {
  IsolationForest f;
  f.trees_ = std::move(trees);
  f.dimensions_ = dimensions;
  f.sample_ = sample;
  f.normaliser_ = AveragePathLength(static_cast<double>(sample)) *
                  static_cast<double>(std::max<size_t>(f.trees_.size(), 1));
  if (f.normaliser_ <= 0) f.normaliser_ = 1;
  f.compact_.resize(f.trees_.size());
  std::vector<CompactForest::SourceNode> nodes;
  for (size_t t = 0; t < f.trees_.size(); ++t) {
    nodes.clear();
    for (const Node& n : f.trees_[t]) nodes.push_back({n.feature, n.right, n.threshold});
    if (!CompactForest::Build(nodes, f.compact_[t])) {
      f.compact_[t] = CompactForest::Tree();
      f.compact_[t].depth = -1;
    }
  }
  return f;
}

double IsolationForest::Score(std::span<const double> row) const {
  double total = 0;
  for (const Tree& tree : trees_) {
    const Node* node = tree.data();
    while (node->feature >= 0) {
      node = row[static_cast<size_t>(node->feature)] < node->threshold ? node + 1
                                                                       : tree.data() + node->right;
    }
    total += node->threshold;
  }
  return std::exp2(-total / normaliser_);
}

void IsolationForest::ScoreMany(std::span<const double> rows, std::span<double> scores) const {
  // Rows are scored independently, so a large batch is cut in two and the second half scored on
  // another core: the same values, in about half the wall time when a core is free, and no more
  // CPU time in all. A small batch is not worth starting a thread for.
  constexpr size_t kSplitRows = 4096;
  static const bool two_cores = std::thread::hardware_concurrency() >= 2;  // asked once
  const size_t n = scores.size();
  if (n < kSplitRows || !two_cores) {
    ScoreRange(rows, scores);
    return;
  }
  const size_t half = n / 2;
  std::thread second([&] {
    ScoreRange(rows.subspan(half * dimensions_), scores.subspan(half));
  });
  ScoreRange(rows.first(half * dimensions_), scores.first(half));
  second.join();
}

void IsolationForest::ScoreRange(std::span<const double> rows, std::span<double> scores) const {
  constexpr size_t kBlock = 512;  // 512 rows of 9 doubles: 36 kB, in L2 beside the tree in L1
  const size_t n = scores.size();
  for (size_t first = 0; first < n; first += kBlock) {
    const size_t count = std::min(kBlock, n - first);
    double* total = scores.data() + first;
    std::fill(total, total + count, 0.0);
    const double* block = rows.data() + first * dimensions_;
    for (size_t t = 0; t < trees_.size(); ++t) {
      if (compact_[t].depth >= 0) {
        CompactForest::AddPathLengths(compact_[t], block, dimensions_, {total, count});
        continue;
      }
      const Node* nodes = trees_[t].data();
      for (size_t i = 0; i < count; ++i) {
        const double* row = rows.data() + (first + i) * dimensions_;
        const Node* node = nodes;
        while (node->feature >= 0) {
          node = row[node->feature] < node->threshold ? node + 1 : nodes + node->right;
        }
        total[i] += node->threshold;
      }
    }
    for (size_t i = 0; i < count; ++i) total[i] = std::exp2(-total[i] / normaliser_);
  }
}

}  // namespace seckit::anomaly_detect
