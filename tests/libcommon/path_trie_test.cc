// PathTrie: every spelling of a path leads to its slot, nothing else does, and objects on the
// way are marked as such.
#include "seckit/path_trie.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seckit {
namespace {

// The slot at the end of `keys` from the root, or -1 when the walk leaves the trie.
int Follow(const PathTrie& trie, const std::vector<std::string>& keys) {
  int node = PathTrie::kRoot;
  for (const std::string& key : keys) {
    node = trie.Child(node, key);
    if (node < 0) return -1;
  }
  return trie.node(node).slot;
}

TEST(PathTrie, EveryGroupingOfThePartsReachesTheSlot) {
  PathTrie trie;
  trie.Add("dns.question.registered_domain", 3);
  EXPECT_EQ(Follow(trie, {"dns", "question", "registered_domain"}), 3);
  EXPECT_EQ(Follow(trie, {"dns.question", "registered_domain"}), 3);
  EXPECT_EQ(Follow(trie, {"dns", "question.registered_domain"}), 3);
  EXPECT_EQ(Follow(trie, {"dns.question.registered_domain"}), 3);
  // On the way, but not the path itself.
  EXPECT_EQ(Follow(trie, {"dns", "question"}), -1);
  EXPECT_TRUE(trie.node(trie.Child(PathTrie::kRoot, "dns")).has_children);
  // Neither other groupings of the characters nor other names.
  EXPECT_EQ(Follow(trie, {"dns.q", "uestion.registered_domain"}), -1);
  EXPECT_EQ(Follow(trie, {"dns", "Question", "registered_domain"}), -1);
  EXPECT_EQ(Follow(trie, {"dns", "question", "registered_domain", "x"}), -1);
  EXPECT_EQ(trie.Child(PathTrie::kRoot, ""), -1);
}

TEST(PathTrie, PathsShareTheirCommonNodesAndKeepTheirSlots) {
  PathTrie trie;
  trie.Add("source.ip", 0);
  trie.Add("source.port", 1);
  trie.Add("source", 2);  // a path that is also on the way to others
  trie.Add("id.orig_h", 4);
  EXPECT_EQ(Follow(trie, {"source", "ip"}), 0);
  EXPECT_EQ(Follow(trie, {"source.port"}), 1);
  EXPECT_EQ(Follow(trie, {"source"}), 2);
  EXPECT_TRUE(trie.node(trie.Child(PathTrie::kRoot, "source")).has_children);
  EXPECT_FALSE(trie.node(trie.Child(PathTrie::kRoot, "source.ip")).has_children);
  EXPECT_EQ(Follow(trie, {"id.orig_h"}), 4);
  EXPECT_EQ(Follow(trie, {"id", "orig_h"}), 4);
  // One root, "source" and its two children, "source.ip", "source.port", "id" and its child,
  // "id.orig_h": adding "source" again adds nothing.
  const size_t nodes = trie.size();
  EXPECT_EQ(nodes, 9u);
  trie.Add("source", 5);
  EXPECT_EQ(trie.size(), nodes);
  EXPECT_EQ(Follow(trie, {"source"}), 5);
}

TEST(PathTrie, KeysLongerThanTheLengthListsAreComparedWhole) {
  PathTrie trie;
  const std::string long_a(PathTrie::Node::kMaxKey + 5, 'a');
  const std::string long_b = long_a + "b";
  trie.Add(long_a, 0);
  trie.Add(long_b, 1);
  EXPECT_EQ(Follow(trie, {long_a}), 0);
  EXPECT_EQ(Follow(trie, {long_b}), 1);
  EXPECT_EQ(Follow(trie, {long_a + "c"}), -1);
}

}  // namespace
}  // namespace seckit
