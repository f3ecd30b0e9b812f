// Building the heap layout of a tree and walking it for many rows in lockstep.
#include "compact_forest.h"

#include <algorithm>

namespace seckit::anomaly_detect {
namespace {

// How many rows descend a tree together: enough independent load chains to hide the latency of
// each step, few enough that their indices stay in registers.
constexpr size_t kLockstep = 16;

// Walks `count` (at most kLockstep) rows through the tree and adds their leaf values.
template <size_t kCount>
void Descend(const CompactForest::Tree& tree, const double* rows, size_t dimensions,
             double* totals, size_t count) {
  const double* split = tree.split.data();
  const uint8_t* feature = tree.feature.data();
  uint32_t node[kCount];
  const double* row[kCount] = {};
  for (size_t r = 0; r < kCount; ++r) {
    node[r] = 0;
    row[r] = rows + std::min(r, count - 1) * dimensions;  // spare lanes repeat the last row
  }
  for (int level = 0; level < tree.depth; ++level) {
    for (size_t r = 0; r < kCount; ++r) {
      const uint32_t i = node[r];
      // Left (2i+1) when row < split, as IsolationForest::Score; right (2i+2) otherwise,
      // NaN included.
      node[r] = 2 * i + 2 - static_cast<uint32_t>(row[r][feature[i]] < split[i]);
    }
  }
  const uint32_t bottom = (uint32_t{1} << tree.depth) - 1;
  for (size_t r = 0; r < count; ++r) totals[r] += tree.leaf[node[r] - bottom];
}

}  // namespace

bool CompactForest::Build(std::span<const SourceNode> nodes, Tree& out) {
  if (nodes.empty()) return false;
  // Depth of every node reachable from the root. Links only go forward, so one pass in index
  // order sees each parent before its children; no recursion, whatever the file holds.
  std::vector<int> depth(nodes.size(), -1);
  depth[0] = 0;
  int deepest = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (depth[i] < 0) continue;
    deepest = std::max(deepest, depth[i]);
    if (deepest > kMaxDepth) return false;
    if (nodes[i].feature < 0) continue;
    if (nodes[i].feature > 255) return false;
    for (size_t child : {i + 1, static_cast<size_t>(nodes[i].right)}) {
      if (child <= i || child >= nodes.size()) return false;
      depth[child] = std::max(depth[child], depth[i] + 1);
    }
  }
  out.depth = deepest;
  const size_t inner = (size_t{1} << deepest) - 1;
  out.split.assign(inner, 0.0);
  out.feature.assign(inner, 0);
  out.leaf.assign(inner + 1, 0.0);
  // Place each source node at its heap slot (an explicit stack of (source, heap slot, level)).
  struct Pending {
    size_t source;
    size_t slot;
    int level;
  };
  std::vector<Pending> stack = {{0, 0, 0}};
  while (!stack.empty()) {
    const Pending p = stack.back();
    stack.pop_back();
    const SourceNode& n = nodes[p.source];
    if (n.feature >= 0) {
      out.split[p.slot] = n.value;
      out.feature[p.slot] = static_cast<uint8_t>(n.feature);
      stack.push_back({p.source + 1, 2 * p.slot + 1, p.level + 1});
      stack.push_back({n.right, 2 * p.slot + 2, p.level + 1});
      continue;
    }
    // A leaf: every bottom slot of its subtree holds its value; the padding above them keeps
    // split 0 and feature 0, and it does not matter where it sends a row.
    const int below = deepest - p.level;
    const size_t first = ((p.slot + 1) << below) - 1 - inner;
    std::fill_n(out.leaf.begin() + static_cast<std::ptrdiff_t>(first), size_t{1} << below,
                n.value);
  }
  return true;
}

void CompactForest::AddPathLengths(const Tree& tree, const double* rows, size_t dimensions,
                                   std::span<double> totals) {
  const size_t n = totals.size();
  size_t i = 0;
  for (; i + kLockstep <= n; i += kLockstep) {
    Descend<kLockstep>(tree, rows + i * dimensions, dimensions, totals.data() + i, kLockstep);
  }
  if (i < n) Descend<kLockstep>(tree, rows + i * dimensions, dimensions, totals.data() + i, n - i);
}

}  // namespace seckit::anomaly_detect
