// Parsing finding rules from TOML (toml++) and applying them to one record.
#include "rules.h"

#include <toml++/toml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace seckit::triage_report {
namespace {

Status RuleError(const std::string& source, const toml::node& node, const std::string& what) {
  const toml::source_position& at = node.source().begin;
  return Status::Config(source + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                        ": " + what);
}

Result<std::vector<Field>> Fields(const toml::table& table, std::string_view key,
                                      const std::string& source) {
  std::vector<Field> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) return RuleError(source, *node, std::string(key) + " must be an array of field names");
  for (const toml::node& element : *array) {
    const auto* text = element.as_string();
    if (text == nullptr) return RuleError(source, element, std::string(key) + " must hold strings");
    out.push_back(Field::Of(text->get()));
  }
  return out;
}

Result<Condition> ParseCondition(std::string_view field, const toml::node& node,
                                 const std::string& source) {
  Condition c{Field::Of(field), Condition::Kind::kEquals, {}, 0};
  if (const auto* text = node.as_string()) {
    c.values.push_back(text->get());
    return c;
  }
  if (const toml::array* array = node.as_array()) {
    for (const toml::node& element : *array) {
      const auto* value = element.as_string();
      if (value == nullptr) return RuleError(source, element, "condition values must be strings");
      c.values.push_back(value->get());
    }
    return c;
  }
  if (const toml::table* table = node.as_table()) {
    if (auto exists = (*table)["exists"].value<bool>()) {
      c.kind = *exists ? Condition::Kind::kExists : Condition::Kind::kAbsent;
      return c;
    }
    if (auto minimum = (*table)["min"].value<double>()) {
      c.kind = Condition::Kind::kAtLeast;
      c.minimum = *minimum;
      return c;
    }
  }
  return RuleError(source, node,
                   "condition on " + std::string(field) +
                       " must be a string, an array of strings, {exists = BOOL} or {min = N}");
}

Result<Rule> ParseRule(const toml::table& table, const std::string& source) {
  Rule rule;
  auto id = table["id"].value<std::string>();
  if (!id || id->empty()) return RuleError(source, table, "a rule needs an id");
  rule.id = *id;
  rule.title = Template(table["title"].value_or(rule.id));
  rule.recommendation = Template(table["recommendation"].value_or(std::string()));
  rule.action = table["action"].value_or(false);
  if (const toml::node* when = table.get("when")) {
    const toml::table* conditions = when->as_table();
    if (conditions == nullptr) return RuleError(source, *when, "when must be a table");
    for (const auto& [key, value] : *conditions) {
      Result<Condition> c = ParseCondition(key.str(), value, source);
      if (!c.ok()) return c.status();
      rule.when.push_back(std::move(c.value()));
    }
  }
  if (auto severity = table["severity"].value<std::string>()) {
    std::optional<Severity> parsed = ParseSeverity(*severity);
    if (!parsed) return RuleError(source, *table.get("severity"), "unknown severity " + *severity);
    rule.severity = *parsed;
  }
  if (auto field = table["severity_field"].value<std::string>()) rule.severity_field = Field::Of(*field);
  if (auto scale = table["severity_scale"].value<std::string>()) {
    std::optional<SeverityScale> parsed = ParseSeverityScale(*scale);
    if (!parsed) return RuleError(source, *table.get("severity_scale"), "unknown severity_scale " + *scale);
    rule.severity_scale = *parsed;
  }
  Result<std::vector<Field>> group_by = Fields(table, "group_by", source);
  if (!group_by.ok()) return group_by.status();
  rule.group_by = std::move(group_by.value());
  Result<std::vector<Field>> indicators = Fields(table, "indicators", source);
  if (!indicators.ok()) return indicators.status();
  rule.indicators = std::move(indicators.value());
  return rule;
}

std::optional<double> AsNumber(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool Holds(const Condition& c, const RecordView& view) {
  switch (c.kind) {
    case Condition::Kind::kExists:
      return view.Has(c.field);
    case Condition::Kind::kAbsent:
      return !view.Has(c.field);
    case Condition::Kind::kAtLeast:
      return view.AnyText(c.field, [&](std::string_view v) {
        const std::optional<double> n = AsNumber(v);
        return n && *n >= c.minimum;
      });
    case Condition::Kind::kEquals:
      return view.AnyText(c.field, [&](std::string_view v) {
        for (const std::string& wanted : c.values) {
          if (v == wanted) return true;
        }
        return false;
      });
  }
  return false;
}

}  // namespace

bool Rule::Matches(const RecordView& view) const {
  for (const Condition& c : when) {
    if (!Holds(c, view)) return false;
  }
  return true;
}

Severity Rule::SeverityOf(const RecordView& view) const {
  if (!severity_field) return severity;
  std::optional<Severity> best;
  view.AnyText(*severity_field, [&](std::string_view v) {
    std::optional<Severity> s = SeverityOn(severity_scale, v);
    if (s && (!best || *s > *best)) best = s;
    return false;  // look at every value
  });
  return best.value_or(severity);
}

Result<std::vector<Rule>> ParseRules(std::string_view toml_text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    return Status::Config(source + ":" + std::to_string(at.line) + ":" +
                          std::to_string(at.column) + ": " + std::string(e.description()));
  }
  const toml::array* rules = root["rule"].as_array();
  if (rules == nullptr || rules->empty()) {
    return Status::Config(source + ": no [[rule]] tables");
  }
  std::vector<Rule> out;
  std::set<std::string> ids;
  for (const toml::node& node : *rules) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return RuleError(source, node, "rule must be a table");
    Result<Rule> rule = ParseRule(*table, source);
    if (!rule.ok()) return rule.status();
    if (!ids.insert(rule->id).second) return RuleError(source, node, "duplicate rule id " + rule->id);
    out.push_back(std::move(rule.value()));
  }
  return out;
}

Result<std::vector<Rule>> LoadRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Config("cannot open rules file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseRules(text.str(), path);
}

Template::Template(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      parts_.emplace_back(std::string(text.substr(at)), std::nullopt);
      break;
    }
    parts_.emplace_back(std::string(text.substr(at, open - at)),
                        Field::Of(text.substr(open + 1, close - open - 1)));
    at = close + 1;
  }
}

std::string Template::Expand(const RecordView& view) const {
  std::string out;
  std::string_view value;
  for (const auto& [literal, field] : parts_) {
    out += literal;
    if (field && view.Text(*field, value)) out += value;
  }
  return out;
}

std::string ExpandTemplate(std::string_view template_text, const RecordView& view) {
  return Template(template_text).Expand(view);
}

}  // namespace seckit::triage_report
