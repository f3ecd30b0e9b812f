// The shape of a command line as the man page and completion generators need it, read once
// from a CLI::App so that every generator agrees on what is visible and what a value is.
#ifndef SECKIT_CLI_DOC_MODEL_H_
#define SECKIT_CLI_DOC_MODEL_H_

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace seckit::cli_doc {

// What a value is, which decides how it is completed.
enum class ValueKind {
  kNone,       // a flag: takes no value
  kText,       // any text; nothing sensible to complete
  kChoice,     // one of `choices`
  kFile,       // a file name
  kDirectory,  // a directory name
};

struct OptionDoc {
  std::vector<std::string> long_names;   // without the leading "--"
  std::vector<std::string> short_names;  // without the leading "-"
  std::string positional_name;  // positionals only: the name, or its type name if more telling
  std::string type_name;        // the value placeholder ("TEXT", "FILE"); empty for flags
  std::vector<std::string> choices;
  std::string default_value;
  std::string env_name;
  std::string description;
  std::string group;
  ValueKind kind = ValueKind::kNone;
  bool multiple = false;  // may be repeated, or takes several values
  bool required = false;
  bool is_help = false;  // the (sub)command's -h/--help
};

struct CommandDoc {
  std::vector<std::string> path;  // {"disk-carve"}, {"disk-carve", "list"}
  std::string description;
  std::vector<OptionDoc> options;      // visible named options, in definition order
  std::vector<OptionDoc> positionals;  // visible positionals, in order
  std::vector<CommandDoc> subcommands;
  bool subcommand_required = false;

  std::string FullName() const;  // the path joined by spaces: "disk-carve list"
};

// Reads the visible options, positionals and subcommands of `app`. `name` is the command's
// name (the tool's, since a top-level app is often unnamed).
CommandDoc Describe(const CLI::App& app, std::string_view name);

// The choices named in a CLI11 full type name: "TEXT:{a,b}" -> {a, b}; for transformers the
// keys: "INT:value in {low->1,high->2} OR {1,2}" -> {low, high}. Empty when there are none.
std::vector<std::string> ParseChoices(std::string_view full_type_name);

// The first paragraph of `text` on one line, without its final period, for the one-line
// descriptions completion menus show.
std::string Summary(std::string_view text);

// Every short and long name of `option` with its dashes: {"-m", "--mode"}.
std::vector<std::string> DashedNames(const OptionDoc& option);

}  // namespace seckit::cli_doc

#endif  // SECKIT_CLI_DOC_MODEL_H_
