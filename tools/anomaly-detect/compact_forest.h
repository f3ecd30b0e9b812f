// CompactForest: the trees of an IsolationForest re-laid out for scoring many rows fast.
//
// Walking a pointer tree row by row is a chain of dependent loads and unpredictable branches
// (left or right is a coin toss for the branch predictor). Here each tree is a complete binary
// tree in heap order: node i's children are 2i+1 and 2i+2, so no child index is stored, a node is
// a split value (8 bytes) plus a feature number (1 byte) in two flat arrays, and every walk takes
// exactly `depth` steps. A leaf above the bottom is pushed down: the nodes below it are padding
// and every bottom slot under it holds its value, so whichever way the padding sends a row, it
// lands on the right value. With the step count fixed, a block of rows descends the same tree in
// lockstep with branch-free child selection, and the loads of different rows overlap.
//
// The scores are the same doubles as IsolationForest::Score's: each row meets the same split
// values with the same comparison (row < split goes left), and adds the same leaf values in the
// same tree order.
#ifndef SECKIT_ANOMALY_DETECT_COMPACT_FOREST_H_
#define SECKIT_ANOMALY_DETECT_COMPACT_FOREST_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace seckit::anomaly_detect {

class CompactForest {
 public:
  // A node of the source tree, as IsolationForest stores it: inner when feature >= 0, left child
  // next, right child at `right`; a leaf's value is depth + c(size).
  struct SourceNode {
    int32_t feature;
    uint32_t right;
    double value;
  };

  // Trees deeper than this stay in pointer form (2^12 bottom slots is 32 kB of leaf values; the
  // default sample of 256 gives depth 8). Deeper trees only come from a large outlier.sample or
  // a hand-made model.
  static constexpr int kMaxDepth = 12;

  // A tree in heap layout.
  struct Tree {
    int depth = 0;
    std::vector<double> split;       // 2^depth - 1 inner nodes
    std::vector<uint8_t> feature;    // 2^depth - 1 inner nodes
    std::vector<double> leaf;        // 2^depth bottom slots
  };
  // Lays out a tree whose links only go forward (as forest_model.cc checks). False when it is
  // deeper than kMaxDepth, a feature does not fit in a byte, or a link is broken.
  static bool Build(std::span<const SourceNode> nodes, Tree& out);

  // Adds each row's leaf value of `tree` to totals[i]: rows are row-major, `dimensions` values
  // each, totals.size() of them.
  static void AddPathLengths(const Tree& tree, const double* rows, size_t dimensions,
                             std::span<double> totals);
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_COMPACT_FOREST_H_
