// PathTrie: dotted field names ("source.ip") as a trie of JSON object keys, for finding every
// wanted field in one walk over a parsed record.
//
// ECS lets a record spell a field nested ({"source":{"ip":..}}), dotted ({"source.ip":..}) or
// both at once ({"dns":{"question.name":..}}), and Zeek's names have dots of their own
// ({"id.orig_h":..}). So a path is filed under every way of grouping its parts into keys —
// a.b.c as a/b/c, a.b/c, a/b.c and a.b.c — and a walk looks each key up in its parent node only:
// no dotted path is built, no string hashed, and an object is entered only when a wanted path
// lies inside it.
//
//   PathTrie trie;
//   trie.Add("source.ip", 0);
//   int node = trie.Child(PathTrie::kRoot, key);  // -1: nothing wanted under this key
//   if (node >= 0 && trie.node(node).slot >= 0) ...  // the value of a wanted path
#ifndef SECKIT_PATH_TRIE_H_
#define SECKIT_PATH_TRIE_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seckit {

class PathTrie {
 public:
  static constexpr int kRoot = 0;

  struct Node {
    int slot = -1;              // the slot of the path that ends here, or -1
    bool has_children = false;  // some wanted path goes on below
    // Children by key length (keys longer than kMaxKey share the last list): a key is compared
    // only with the few of its own length, most of them rejected by their first byte.
    static constexpr size_t kMaxKey = 24;
    std::array<std::vector<std::pair<std::string, int>>, kMaxKey + 1> children;
  };

  PathTrie() { nodes_.emplace_back(); }

  // Files `dotted` under `slot` (>= 0), in all its spellings. A path added twice keeps the
  // later slot.
  void Add(std::string_view dotted, int slot);

  // The child of `node` under `key`, or -1.
  int Child(int node, std::string_view key) const {
    if (key.empty()) return -1;
    for (const auto& [name, index] : node_at(node).children[std::min(key.size(), Node::kMaxKey)]) {
      if (name[0] == key[0] && name == key) return index;
    }
    return -1;
  }

  const Node& node(int index) const { return node_at(index); }
  size_t size() const { return nodes_.size(); }

 private:
  const Node& node_at(int index) const { return nodes_[static_cast<size_t>(index)]; }
  int AddChild(int node, const std::string& key);
  void Insert(int node, const std::vector<std::string>& parts, size_t from, int slot);

  std::vector<Node> nodes_;
};

}  // namespace seckit

#endif  // SECKIT_PATH_TRIE_H_
