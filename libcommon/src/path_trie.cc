// PathTrie: filing a dotted path under every grouping of its parts into keys.
#include "seckit/path_trie.h"

namespace seckit {
namespace {

std::vector<std::string> Split(std::string_view dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    parts.emplace_back(
        dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

int PathTrie::AddChild(int node, const std::string& key) {
  const int existing = Child(node, key);
  if (existing >= 0) return existing;
  const int index = static_cast<int>(nodes_.size());
  nodes_.emplace_back();  // may move nodes_: index again below
  Node& parent = nodes_[static_cast<size_t>(node)];
  parent.children[std::min(key.size(), Node::kMaxKey)].emplace_back(key, index);
  parent.has_children = true;
  return index;
}

// Every way of grouping parts[from..] into keys: a.b.c as a/b/c, a.b/c, a/b.c and a.b.c.
void PathTrie::Insert(int node, const std::vector<std::string>& parts, size_t from, int slot) {
  if (from == parts.size()) {
    nodes_[static_cast<size_t>(node)].slot = slot;
    return;
  }
  std::string key;
  for (size_t end = from; end < parts.size(); ++end) {
    if (end > from) key += '.';
    key += parts[end];
    Insert(AddChild(node, key), parts, end + 1, slot);
  }
}

void PathTrie::Add(std::string_view dotted, int slot) { Insert(kRoot, Split(dotted), 0, slot); }

}  // namespace seckit
