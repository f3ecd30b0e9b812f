// Finding rules: which records become findings, at what severity, grouped how. The report does no
// detection of its own — a rule only restates what another tool (or Zeek, Suricata) said.
//
// Rules come from a TOML file (--rules FILE, or `rules` in the config), else the built-in set
// (--print-rules shows it, ready to copy and edit). Each [[rule]] table:
//   id              name of the rule (required, unique)
//   title           template: "{field}" is replaced by the field's first value in the group's first
//                   record ("" when absent)
//   when            table FIELD = CONDITION, all must hold. A string: some value of the field
//                   equals it; an array of strings: some value equals one of them; a table
//                   {exists = true|false} or {min = N} (some value is a number >= N)
//   severity        info, low, medium, high or critical: the severity when severity_field says
//                   nothing (default medium)
//   severity_field  a field whose values set the severity (the highest of them), read on
//   severity_scale  ecs (99/73/47/21), risk_score (90/70/40/1), suricata (1/2/3), confidence
//                   (High/Medium/Low or a 0-100 score) or name
//   group_by        fields whose first values, with the rule id, name one finding (default: none,
//                   all records of the rule make one finding)
//   indicators      fields whose values are the finding's indicators (for the pivot)
//   recommendation  template, listed under recommendations once per distinct text
//   action          true: the records are actions taken (fw-block), listed as such
// A record goes to the first rule whose `when` holds, so specific rules come before general ones.
#ifndef SECKIT_TRIAGE_REPORT_RULES_H_
#define SECKIT_TRIAGE_REPORT_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "record_view.h"
#include "seckit/records.h"
#include "seckit/status.h"
#include "severity.h"

namespace seckit::triage_report {

struct Condition {
  enum class Kind { kEquals, kExists, kAbsent, kAtLeast };
  Field field;
  Kind kind = Kind::kEquals;
  std::vector<std::string> values;  // kEquals: any of
  double minimum = 0;               // kAtLeast
};

// A "{field}" template, split once into literal text and fields.
class Template {
 public:
  Template() = default;
  explicit Template(std::string_view text);
  std::string Expand(const RecordView& view) const;
  bool empty() const { return parts_.empty(); }

 private:
  std::vector<std::pair<std::string, std::optional<Field>>> parts_;
};

struct Rule {
  std::string id;
  Template title;
  std::vector<Condition> when;
  Severity severity = Severity::kMedium;
  std::optional<Field> severity_field;
  SeverityScale severity_scale = SeverityScale::kEcs;
  std::vector<Field> group_by;
  std::vector<Field> indicators;
  Template recommendation;
  bool action = false;

  bool Matches(const RecordView& view) const;
  // The severity of one matching record.
  Severity SeverityOf(const RecordView& view) const;
};

// Parses rules from TOML text; Status::Config naming `source` (and line:column) on any problem.
Result<std::vector<Rule>> ParseRules(std::string_view toml_text, const std::string& source);
// Reads and parses a rules file.
Result<std::vector<Rule>> LoadRules(const std::string& path);
// The built-in rules, as TOML text (what --print-rules prints) and parsed.
std::string_view DefaultRulesText();
std::vector<Rule> DefaultRules();

// Fills `template_text`'s "{field}" slots from `view`.
std::string ExpandTemplate(std::string_view template_text, const RecordView& view);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_RULES_H_
