// Bash, zsh and fish completion scripts made from a tool's CLI11 definition, so that the shells
// offer exactly the options, choices and subcommands the binary accepts.
#include <CLI/CLI.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "cli_doc_model.h"
#include "seckit/cli_doc.h"

namespace seckit {
namespace {

using cli_doc::CommandDoc;
using cli_doc::OptionDoc;
using cli_doc::ValueKind;

std::string Header(const ToolInfo& info, std::string_view shell) {
  return "# " + std::string(shell) + " completion for " + info.name +
         "\n# Generated from the command-line definition of " + info.name +
         " (seckit cli_doc); do not edit.\n";
}

// Characters that need no quoting in bash, zsh or fish words.
constexpr std::string_view kPlainChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./,:+=@-";

// A POSIX shell word that stands for `text` exactly (bash and zsh read it the same way).
std::string ShellQuote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// `text` as a shell word, quoted only when it has to be, so the scripts stay readable.
std::string ShellWord(std::string_view text) {
  const bool plain = !text.empty() && text.find_first_not_of(kPlainChars) == std::string_view::npos;
  return plain ? std::string(text) : ShellQuote(text);
}

// A shell function name made from the command path: _seckit_disk_carve_list.
std::string FunctionName(const CommandDoc& command) {
  std::string name = "_seckit";
  for (const std::string& part : command.path) {
    name += '_';
    for (const char c : part) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

// The subcommand path below the tool, as the bash function tracks it: "", "list", "list sub".
std::string RelativePath(const CommandDoc& command) {
  std::string full = command.FullName();
  const size_t space = full.find(' ');
  return space == std::string::npos ? std::string() : full.substr(space + 1);
}

std::vector<const CommandDoc*> AllCommands(const CommandDoc& root) {
  std::vector<const CommandDoc*> all = {&root};
  for (const CommandDoc& sub : root.subcommands) {
    for (const CommandDoc* command : AllCommands(sub)) all.push_back(command);
  }
  return all;
}

// ---- bash -------------------------------------------------------------------------------------

// A case pattern matching any name of `option` when the current subcommand is `command`.
std::string BashPattern(const CommandDoc& command, const OptionDoc& option) {
  std::string pattern;
  for (const std::string& name : cli_doc::DashedNames(option)) {
    if (!pattern.empty()) pattern += " | ";
    pattern += ShellWord(RelativePath(command) + "/" + name);
  }
  return pattern;
}

// Shell code that fills COMPREPLY with the values of `kind` matching $cur (`choices` for
// kChoice); for a value nothing sensible can complete, it empties COMPREPLY.
std::string BashValues(ValueKind kind, const std::vector<std::string>& choices) {
  // compgen expands each word of the list again, so special characters get a backslash.
  std::string words;
  for (const std::string& choice : choices) {
    if (!words.empty()) words += ' ';
    for (const char c : choice) {
      if (kPlainChars.find(c) == std::string_view::npos) words += '\\';
      words += c;
    }
  }
  switch (kind) {
    case ValueKind::kChoice:
      return "mapfile -t COMPREPLY < <(compgen -W " + ShellQuote(words) + " -- \"$cur\")";
    case ValueKind::kFile:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")";
    case ValueKind::kDirectory:
      return "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")";
    default:
      return "COMPREPLY=()";
  }
}

// The loop that finds the current subcommand, skipping the values of options that take one.
std::string BashFindCommand(const std::vector<const CommandDoc*>& commands) {
  std::string out =
      "  for (( i = 1; i < COMP_CWORD; i++ )); do\n"
      "    word=${COMP_WORDS[i]}\n"
      "    if [[ $word == = ]]; then  # bash splits --opt=value into three words\n"
      "      i=$(( i + 1 ))\n"
      "      continue\n"
      "    fi\n"
      "    case \"$cmd/$word\" in\n";
  for (const CommandDoc* command : commands) {
    for (const OptionDoc& option : command->options) {
      if (option.kind == ValueKind::kNone) continue;
      out += "      " + BashPattern(*command, option) +
             ") [[ ${COMP_WORDS[i+1]} == = ]] || i=$(( i + 1 )) ;;\n";
    }
    for (const CommandDoc& sub : command->subcommands) {
      out += "      " + ShellWord(RelativePath(*command) + "/" + sub.path.back()) +
             ") cmd=" + ShellWord(RelativePath(sub)) + " ;;\n";
    }
  }
  return out + "    esac\n  done\n";
}

// Completes the value of the option before the cursor, if it takes one; returns from the
// function when it did.
std::string BashOptionValue(const std::vector<const CommandDoc*>& commands) {
  std::string out =
      "  if [[ $cur == = ]]; then\n"
      "    opt=$prev cur=\n"
      "  elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n"
      "    opt=${COMP_WORDS[COMP_CWORD-2]}\n"
      "  elif [[ $cur == --*=* ]]; then  # '=' was removed from COMP_WORDBREAKS\n"
      "    opt=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}\n"
      "  else\n"
      "    opt=$prev\n"
      "  fi\n"
      "  case \"$cmd/$opt\" in\n";
  for (const CommandDoc* command : commands) {
    for (const OptionDoc& option : command->options) {
      if (option.kind == ValueKind::kNone) continue;
      out += "    " + BashPattern(*command, option) + ")\n      " +
             BashValues(option.kind, option.choices) + " ;;\n";
    }
  }
  return out +
         "    *) opt= ;;\n"
         "  esac\n"
         "  if [[ -n $opt ]]; then\n"
         "    [[ -n $prefix ]] && COMPREPLY=(\"${COMPREPLY[@]/#/$prefix}\")\n"
         "    return 0\n"
         "  fi\n";
}

// Lines of the case branch of `command` that fill COMPREPLY for a word that is not an option:
// subcommand names, then whatever its positionals take.
std::string BashWords(const CommandDoc& command) {
  std::vector<std::string> names;
  for (const CommandDoc& sub : command.subcommands) names.push_back(sub.path.back());
  std::vector<std::string> choices;
  ValueKind files = ValueKind::kNone;
  for (const OptionDoc& positional : command.positionals) {
    choices.insert(choices.end(), positional.choices.begin(), positional.choices.end());
    if (positional.kind == ValueKind::kFile) files = ValueKind::kFile;
    if (positional.kind == ValueKind::kDirectory && files == ValueKind::kNone)
      files = positional.kind;
  }
  std::vector<std::string> fills;
  if (!names.empty()) fills.push_back(BashValues(ValueKind::kChoice, names));
  if (!choices.empty()) fills.push_back(BashValues(ValueKind::kChoice, choices));
  if (files != ValueKind::kNone) fills.push_back(BashValues(files, {}));
  if (fills.empty()) return "        COMPREPLY=()\n";
  std::string out;
  for (size_t i = 0; i < fills.size(); ++i) {
    // Later lists are appended to the earlier ones instead of replacing them.
    if (i > 0) fills[i].replace(fills[i].find("mapfile -t"), 10, "mapfile -t -O ${#COMPREPLY[@]}");
    out += "        " + fills[i] + "\n";
  }
  return out;
}

std::string BashCommandCases(const std::vector<const CommandDoc*>& commands) {
  std::string out = "  case $cmd in\n";
  for (const CommandDoc* command : commands) {
    std::string options;
    for (const OptionDoc& option : command->options) {
      for (const std::string& name : cli_doc::DashedNames(option)) {
        options += (options.empty() ? "" : " ") + name;
      }
    }
    out += "    " + ShellQuote(RelativePath(*command)) + ")\n" +
           "      if [[ $cur == -* ]]; then\n" + "        mapfile -t COMPREPLY < <(compgen -W " +
           ShellQuote(options) + " -- \"$cur\")\n" + "      else\n" + BashWords(*command) +
           "      fi ;;\n";
  }
  return out + "  esac\n";
}

// ---- zsh --------------------------------------------------------------------------------------

// Escapes text inside an _arguments spec, where '[', ']', ':' and '\\' delimit its parts.
std::string ZshEscape(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// The action of an _arguments spec: a list of choices, file names, or a message only. In the
// list, characters other than these are backslash-escaped (':' would end the spec part).
std::string ZshAction(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::kChoice: {
      std::string list;
      for (const std::string& choice : choices) {
        if (!list.empty()) list += ' ';
        for (const char c : choice) {
          if (!std::isalnum(static_cast<unsigned char>(c)) &&
              std::string_view("-_./+,").find(c) == std::string_view::npos)
            list += '\\';
          list += c;
        }
      }
      return "(" + list + ")";
    }
    case ValueKind::kFile:
      return "_files";
    case ValueKind::kDirectory:
      return "_files -/";
    default:
      return " ";
  }
}

// One _arguments spec per name of `option`: '(-m --mode)--mode=[explanation]:TEXT:(a b)'.
std::string ZshOptionSpecs(const OptionDoc& option) {
  const std::vector<std::string> names = cli_doc::DashedNames(option);
  std::string common;  // what follows each name
  const std::string summary = cli_doc::Summary(option.description);
  if (!summary.empty()) common += "[" + ZshEscape(summary) + "]";
  if (option.kind != ValueKind::kNone) {
    common += ":" + ZshEscape(option.type_name) + ":" + ZshAction(option.kind, option.choices);
  }
  std::string exclusions;  // an option given once is not offered again under another name
  if (!option.multiple && names.size() > 1) {
    for (const std::string& name : names) exclusions += (exclusions.empty() ? "(" : " ") + name;
    exclusions += ")";
  }
  std::string specs;
  for (const std::string& name : names) {
    const char* value = option.kind == ValueKind::kNone ? "" : name.starts_with("--") ? "=" : "+";
    const std::string spec = exclusions + (option.multiple ? "*" : "") + name + value + common;
    specs += " \\\n    " + ShellQuote(spec);
  }
  return specs;
}

std::string ZshPositionalSpec(const OptionDoc& positional) {
  const std::string kind = positional.multiple ? "*:" : positional.required ? ":" : "::";
  return " \\\n    " + ShellQuote(kind + ZshEscape(positional.positional_name) + ":" +
                                  ZshAction(positional.kind, positional.choices));
}

// The function of `command` (after those of its subcommands, which it calls).
std::string ZshFunction(const CommandDoc& command) {
  std::string out;
  for (const CommandDoc& sub : command.subcommands) out += ZshFunction(sub);
  const bool dispatch = !command.subcommands.empty();
  out += FunctionName(command) + "() {\n";
  if (dispatch)
    out += "  local curcontext=$curcontext state state_descr line ret=1\n  typeset -A opt_args\n";
  out += std::string("  _arguments") + (dispatch ? " -C" : "") + " -s -S";
  for (const OptionDoc& option : command.options) out += ZshOptionSpecs(option);
  if (dispatch) {
    out += " \\\n    '1: :->command' \\\n    '*:: :->argument' && ret=0\n";
    out += "  case $state in\n    (command)\n      local -a commands=(\n";
    for (const CommandDoc& sub : command.subcommands) {
      out += "        " +
             ShellQuote(ZshEscape(sub.path.back()) + ":" + cli_doc::Summary(sub.description)) +
             "\n";
    }
    out += "      )\n      _describe -t commands " + ShellQuote(command.FullName() + " command") +
           " commands && ret=0\n      ;;\n    (argument)\n      case $line[1] in\n";
    for (const CommandDoc& sub : command.subcommands) {
      out +=
          "        (" + ShellQuote(sub.path.back()) + ") " + FunctionName(sub) + " && ret=0 ;;\n";
    }
    out += "      esac\n      ;;\n  esac\n  return ret\n";
  } else {
    for (const OptionDoc& positional : command.positionals) out += ZshPositionalSpec(positional);
    out += "\n";
  }
  return out + "}\n\n";
}

// ---- fish -------------------------------------------------------------------------------------

std::string FishWord(std::string_view text) {
  if (!text.empty() && text.find_first_not_of(kPlainChars) == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

// The condition under which the options, subcommands and arguments of `command` apply.
std::string FishCondition(const CommandDoc& command) {
  std::string condition;
  for (size_t i = 1; i < command.path.size(); ++i) {
    if (!condition.empty()) condition += "; and ";
    condition += "__fish_seen_subcommand_from " + FishWord(command.path[i]);
  }
  if (command.subcommands.empty()) return condition;
  if (condition.empty()) return "__fish_use_subcommand";
  condition += "; and not __fish_seen_subcommand_from";
  for (const CommandDoc& sub : command.subcommands) condition += " " + FishWord(sub.path.back());
  return condition;
}

// The arguments of `complete` that say what a value of `kind` is.
std::string FishValue(ValueKind kind, const std::vector<std::string>& choices) {
  std::string words;
  switch (kind) {
    case ValueKind::kChoice:
      for (const std::string& choice : choices)
        words += (words.empty() ? "" : " ") + FishWord(choice);
      return " -x -a " + FishWord(words);
    case ValueKind::kFile:
      return " -r -F";
    case ValueKind::kDirectory:
      return " -x -a '(__fish_complete_directories)'";
    case ValueKind::kText:
      return " -x";
    default:
      return "";
  }
}

std::string FishCommand(const std::string& tool, const CommandDoc& command) {
  const std::string condition = FishCondition(command);
  const std::string prefix =
      "complete -c " + FishWord(tool) + (condition.empty() ? "" : " -n " + FishWord(condition));
  const auto describe = [](std::string_view text) {
    const std::string summary = cli_doc::Summary(text);
    return summary.empty() ? std::string() : " -d " + FishWord(summary);
  };
  std::string out;
  for (const OptionDoc& option : command.options) {
    out += prefix;
    for (const std::string& name : option.short_names) out += " -s " + FishWord(name);
    for (const std::string& name : option.long_names) out += " -l " + FishWord(name);
    out += FishValue(option.kind, option.choices) + describe(option.description) + "\n";
  }
  for (const CommandDoc& sub : command.subcommands) {
    out += prefix + " -a " + FishWord(sub.path.back()) + describe(sub.description) + "\n";
  }
  for (const OptionDoc& positional : command.positionals) {
    // Without an option, -r/-x mean nothing; what is left says which words to offer.
    std::string value = FishValue(positional.kind, positional.choices);
    if (value.starts_with(" -r") || value.starts_with(" -x")) value = value.substr(3);
    // A description would label every file name; only choices get one.
    const bool choices = positional.kind == ValueKind::kChoice;
    if (!value.empty())
      out += prefix + value + (choices ? describe(positional.description) : "") + "\n";
  }
  for (const CommandDoc& sub : command.subcommands) out += FishCommand(tool, sub);
  return out;
}

}  // namespace

std::string BashCompletion(const ToolInfo& info, const CLI::App& app) {
  const CommandDoc root = cli_doc::Describe(app, info.name);
  const std::vector<const CommandDoc*> commands = AllCommands(root);
  const std::string function = FunctionName(root);
  return Header(info, "bash") + "\n" + function + "() {\n" +
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev= opt= prefix= cmd= word i\n" +
         "  (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n" +
         BashFindCommand(commands) + BashOptionValue(commands) + BashCommandCases(commands) +
         "}\n\ncomplete -F " + function + " " + ShellWord(info.name) + "\n";
}

std::string ZshCompletion(const ToolInfo& info, const CLI::App& app) {
  const CommandDoc root = cli_doc::Describe(app, info.name);
  return "#compdef " + info.name + "\n" + Header(info, "zsh") + "\n" + ZshFunction(root) +
         FunctionName(root) + " \"$@\"\n";
}

std::string FishCompletion(const ToolInfo& info, const CLI::App& app) {
  const CommandDoc root = cli_doc::Describe(app, info.name);
  // No file names unless a rule below asks for them (-F).
  return Header(info, "fish") + "\ncomplete -c " + FishWord(info.name) + " -f\n" +
         FishCommand(info.name, root);
}

}  // namespace seckit
