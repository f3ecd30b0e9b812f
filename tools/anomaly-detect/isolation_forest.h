// IsolationForest (Liu, Ting and Zhou, 2008): an ensemble of random trees that isolate points by
// random splits; outliers are isolated in few splits, so a short mean path means an outlier.
// Deterministic: the same data, parameters and seed give the same forest and scores.
#ifndef SECKIT_ANOMALY_DETECT_ISOLATION_FOREST_H_
#define SECKIT_ANOMALY_DETECT_ISOLATION_FOREST_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "compact_forest.h"

namespace seckit::anomaly_detect {

class IsolationForest {
 public:
  // One node of a tree. Inner nodes split on `feature` < `threshold`; leaves (feature < 0) hold
  // the number of training points that reached them, as the path length adjustment c(size).
  struct Node {
    int32_t feature = -1;
    uint32_t right = 0;  // index of the right child; the left child follows its parent
    double threshold = 0;  // inner: split value; leaf: depth + c(size), precomputed
  };
  using Tree = std::vector<Node>;

  IsolationForest() = default;

  // Builds `trees` trees from `rows` (row-major, `dimensions` values each), each from `sample`
  // rows drawn without replacement, to a height limit of ceil(log2(sample)).
  static IsolationForest Train(std::span<const double> rows, size_t dimensions, size_t trees,
                               size_t sample, uint64_t seed);

  // The anomaly score s(x) = 2^(-E[h(x)] / c(sample)) of one row: near 1 for outliers, below 0.5
  // for ordinary points.
  double Score(std::span<const double> row) const;
  // Scores many rows (row-major, dimensions() values each) into `scores` (one per row): the same
  // values as Score, faster, because each tree (a few kB) is walked for a block of rows in turn
  // and stays in the L1 cache, where row by row all the trees (hundreds of kB) would not, and
  // because the walk is CompactForest's: fixed-depth, branch-free, many rows in lockstep.
  // Thousands of rows or more are split between two threads.
  void ScoreMany(std::span<const double> rows, std::span<double> scores) const;

  // For saving and loading (forest_model.cc).
  size_t dimensions() const { return dimensions_; }
  size_t sample() const { return sample_; }
  const std::vector<Tree>& trees() const { return trees_; }
  static IsolationForest FromTrees(std::vector<Tree> trees, size_t dimensions, size_t sample);

  // c(n): the average path length of an unsuccessful search in a binary search tree of n points.
  static double AveragePathLength(double n);

 private:
  void ScoreRange(std::span<const double> rows, std::span<double> scores) const;  // one thread
  std::vector<Tree> trees_;
  // Each tree in heap layout for ScoreMany; a tree too deep for it has depth -1 here and is
  // walked in its pointer form.
  std::vector<CompactForest::Tree> compact_;
  size_t dimensions_ = 0;
  size_t sample_ = 0;
  double normaliser_ = 1;  // c(sample) * trees
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_ISOLATION_FOREST_H_
