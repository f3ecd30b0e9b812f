// Reads a CLI::App into the CommandDoc model shared by the man page and completion generators.
#include "cli_doc_model.h"

#include <CLI/CLI.hpp>
#include <cctype>

#include "seckit/text.h"

namespace seckit::cli_doc {
namespace {

// Splits at `separator` outside braces: CLI11 joins a type name and its checks' descriptions
// with ':', and a set of choices in braces may itself hold ':' or ','.
std::vector<std::string_view> SplitTopLevel(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      ++depth;
    } else if (text[i] == '}' && depth > 0) {
      --depth;
    } else if (text[i] == separator && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// kFile or kDirectory when `word` names one (FILE, PATH(existing), DIR...), else kText.
ValueKind KindOfWord(std::string_view word) {
  const std::string upper = Upper(word);
  if (upper.starts_with("DIR")) return ValueKind::kDirectory;
  if (upper.starts_with("FILE") || upper.starts_with("PATH")) return ValueKind::kFile;
  return ValueKind::kText;
}

ValueKind KindOf(const CLI::Option& option, const OptionDoc& doc) {
  if (option.get_expected_max() == 0) return ValueKind::kNone;
  if (!doc.choices.empty()) return ValueKind::kChoice;
  // Held here: the parts are views into it, and a temporary would die before the loop runs.
  const std::string type_name = option.get_type_name();
  for (std::string_view part : SplitTopLevel(type_name, ':')) {
    const ValueKind kind = KindOfWord(part);
    if (kind != ValueKind::kText) return kind;
  }
  // A positional named FILE usually has no ExistingFile check, because "-" (stdin) is allowed.
  return KindOfWord(doc.positional_name);
}

// The value's placeholder: CLI11's type name, except that a plain TEXT checked by ExistingFile
// or ExistingDirectory is shown as FILE or DIR (the check says more than the C++ type).
std::string PlaceholderName(std::string_view full_type, ValueKind kind) {
  const std::vector<std::string_view> parts = SplitTopLevel(full_type, ':');
  if (parts.front() == "TEXT" && (kind == ValueKind::kFile || kind == ValueKind::kDirectory)) {
    for (std::string_view part : parts) {
      if (KindOfWord(part) == kind) return Upper(part.substr(0, part.find('(')));
    }
  }
  return parts.front().empty() ? "VALUE" : std::string(parts.front());
}

// True for the type names CLI11 derives from C++ types, which say nothing about the value.
bool IsGenericType(std::string_view type_name) {
  for (std::string_view generic : {"TEXT", "INT", "UINT", "FLOAT", "BOOLEAN", "CHAR", "ENUM"}) {
    if (type_name == generic) return true;
  }
  return type_name == "VALUE";
}

OptionDoc ReadOption(const CLI::Option& option, std::string group, bool is_help) {
  OptionDoc doc;
  doc.long_names = option.get_lnames();
  doc.short_names = option.get_snames();
  if (option.get_positional()) doc.positional_name = option.get_name(/*positional=*/true);
  const std::string full_type = option.get_type_name();
  doc.choices = ParseChoices(full_type);
  doc.kind = KindOf(option, doc);
  if (doc.kind != ValueKind::kNone) {
    doc.type_name = PlaceholderName(full_type, doc.kind);
    doc.default_value = option.get_default_str();
  }
  // A positional named in lower case ("inputs") but given a type name ("FILE") reads better
  // in a synopsis by its type name; an upper-case name ("IMAGE") was chosen for display.
  const std::string& name = doc.positional_name;
  if (!name.empty() && Upper(name) != name && !IsGenericType(doc.type_name)) {
    doc.positional_name = doc.type_name;
  }
  doc.env_name = option.get_envname();
  doc.description = option.get_description();
  doc.group = std::move(group);
  const CLI::MultiOptionPolicy policy = option.get_multi_option_policy();
  doc.multiple = option.get_expected_max() > 1 || policy == CLI::MultiOptionPolicy::TakeAll ||
                 policy == CLI::MultiOptionPolicy::Join;
  doc.required = option.get_required();
  doc.is_help = is_help;
  return doc;
}

// Adds the visible options of `app` to `doc`. For an option group (an unnamed sub-app),
// `group_name` is the group's title, which replaces the options' own group.
void AddOptions(const CLI::App& app, const std::string* group_name, CommandDoc& doc) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    const bool is_help = option == app.get_help_ptr() || option == app.get_help_all_ptr();
    // An option group carries a copy of its parent's help flag, already listed by the parent.
    if (group_name != nullptr && is_help) continue;
    const std::string group = group_name != nullptr ? *group_name : option->get_group();
    if (option->get_positional()) doc.positionals.push_back(ReadOption(*option, group, is_help));
    if (option->nonpositional()) doc.options.push_back(ReadOption(*option, group, is_help));
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_name().empty() || sub->get_group().empty()) continue;
    AddOptions(*sub, &sub->get_group(), doc);
  }
}

CommandDoc DescribeAt(const CLI::App& app, std::vector<std::string> path) {
  CommandDoc doc;
  doc.path = std::move(path);
  doc.description = app.get_description();
  doc.subcommand_required = app.get_require_subcommand_min() > 0;
  AddOptions(app, nullptr, doc);
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name().empty() || sub->get_group().empty() || sub->get_disabled()) continue;
    std::vector<std::string> sub_path = doc.path;
    sub_path.push_back(sub->get_name());
    doc.subcommands.push_back(DescribeAt(*sub, std::move(sub_path)));
  }
  return doc;
}

}  // namespace

std::string CommandDoc::FullName() const {
  std::string name;
  for (const std::string& part : path) {
    if (!name.empty()) name += ' ';
    name += part;
  }
  return name;
}

CommandDoc Describe(const CLI::App& app, std::string_view name) {
  return DescribeAt(app, {std::string(name)});
}

std::vector<std::string> ParseChoices(std::string_view full_type_name) {
  for (std::string_view part : SplitTopLevel(full_type_name, ':')) {
    part = TrimAsciiSpace(part);
    // CheckedTransformer describes itself as "value in {key->value,...} OR {value,...}".
    if (part.starts_with("value in ")) part.remove_prefix(9);
    if (!part.starts_with('{')) continue;
    const size_t close = part.find('}');
    if (close == std::string_view::npos) continue;
    std::vector<std::string> choices;
    for (std::string_view item : SplitTopLevel(part.substr(1, close - 1), ',')) {
      item = item.substr(0, item.find("->"));  // a transformer's key
      if (!item.empty()) choices.emplace_back(item);
    }
    if (!choices.empty()) return choices;
  }
  return {};
}

std::string Summary(std::string_view text) {
  const std::string_view first = TrimAsciiSpace(text.substr(0, text.find("\n\n")));
  std::string summary;
  for (const char c : first) {
    const bool space = c == '\n' || c == '\t' || c == ' ';
    if (space && summary.back() == ' ') continue;  // `first` starts with no space
    summary += space ? ' ' : c;
  }
  if (summary.ends_with('.') && !summary.ends_with("..")) summary.pop_back();
  return summary;
}

std::vector<std::string> DashedNames(const OptionDoc& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.short_names) names.push_back("-" + name);
  for (const std::string& name : option.long_names) names.push_back("--" + name);
  return names;
}

}  // namespace seckit::cli_doc
