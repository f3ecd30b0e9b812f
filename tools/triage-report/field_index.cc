// The field registry and the one-pass walk that fills a FieldIndex.
#include "field_index.h"

#include <charconv>

namespace seckit::triage_report {

Field Field::Of(std::string_view dotted) {
  Field f;
  f.slot = FieldRegistry::Global().Register(dotted);
  f.path = FieldPath(dotted);
  return f;
}

FieldRegistry& FieldRegistry::Global() {
  static FieldRegistry registry;
  return registry;
}

int FieldRegistry::Register(std::string_view dotted) {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == dotted) return static_cast<int>(i);
  }
  const int slot = static_cast<int>(names_.size());
  names_.emplace_back(dotted);
  trie_.Add(dotted, slot);
  return slot;
}

void FieldIndex::File(int slot, simdjson::dom::element value) {
  const auto at = static_cast<uint32_t>(values_.size() + 1);
  values_.push_back(value);
  next_.push_back(0);
  slots_.push_back(slot);
  uint32_t& first = first_[static_cast<size_t>(slot)];
  uint32_t& last = last_[static_cast<size_t>(slot)];
  if (first == 0) {
    first = at;
  } else {
    next_[last - 1] = at;
  }
  last = at;
}

void FieldIndex::Walk(simdjson::dom::object object, int node) {
  const PathTrie& trie = FieldRegistry::Global().trie();
  for (auto [key, value] : object) {
    const int child_index = trie.Child(node, key);
    if (child_index < 0) continue;
    const PathTrie::Node& child = trie.node(child_index);
    simdjson::dom::array array;
    simdjson::dom::object inner;
    if (value.get_array().get(array) == simdjson::SUCCESS) {
      if (child.slot >= 0 && array.size() == 0) continue;
      for (simdjson::dom::element element : array) {
        if (element.get_object().get(inner) == simdjson::SUCCESS) {
          if (child.slot >= 0) File(child.slot, element);
          if (child.has_children) Walk(inner, child_index);
        } else if (child.slot >= 0) {
          File(child.slot, element);
        }
      }
    } else {
      if (child.slot >= 0) File(child.slot, value);
      if (child.has_children && value.get_object().get(inner) == simdjson::SUCCESS) {
        Walk(inner, child_index);
      }
    }
  }
}

void FieldIndex::Build(simdjson::dom::element root) {
  for (int slot : slots_) first_[static_cast<size_t>(slot)] = 0;
  slots_.clear();
  values_.clear();
  next_.clear();
  numbers_used_ = 0;
  covered_ = FieldRegistry::Global().size();
  if (first_.size() < static_cast<size_t>(covered_)) {
    first_.resize(static_cast<size_t>(covered_));
    last_.resize(static_cast<size_t>(covered_));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) == simdjson::SUCCESS) Walk(object, PathTrie::kRoot);
}

void FieldIndex::Prefetch() const {
  PrefetchBytes(values_.data(), values_.size() * sizeof values_[0]);
  PrefetchBytes(next_.data(), next_.size() * sizeof next_[0]);
  PrefetchBytes(first_.data(), first_.size() * sizeof first_[0]);
}

FieldValues FieldIndex::Values(const Field& field) const {
  if (!Covers(field)) return {this, 0};
  return {this, first_[static_cast<size_t>(field.slot)]};
}

bool FieldIndex::AsText(simdjson::dom::element value, std::string_view& out) const {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out = value.get_string().value_unsafe();
      return true;
    case simdjson::dom::element_type::BOOL:
      out = value.get_bool().value_unsafe() ? "true" : "false";
      return true;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: {
      if (numbers_used_ == numbers_.size()) numbers_.emplace_back();
      std::string& text = numbers_[numbers_used_++];
      char buffer[32];
      std::to_chars_result r{};
      if (value.type() == simdjson::dom::element_type::INT64) {
        r = std::to_chars(buffer, buffer + sizeof buffer, value.get_int64().value_unsafe());
      } else if (value.type() == simdjson::dom::element_type::UINT64) {
        r = std::to_chars(buffer, buffer + sizeof buffer, value.get_uint64().value_unsafe());
      } else {
        r = std::to_chars(buffer, buffer + sizeof buffer, value.get_double().value_unsafe());
      }
      text.assign(buffer, r.ptr);
      out = text;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace seckit::triage_report
