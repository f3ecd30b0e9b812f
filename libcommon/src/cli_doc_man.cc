// ManPage: a tool's section 1 man page in roff (man(7) macros), made from its CLI11 definition
// and its ToolInfo, so the page lists exactly the flags the binary accepts.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "cli_doc_model.h"
#include "seckit/cli_doc.h"
#include "seckit/exit_code.h"

namespace seckit {
namespace {

using cli_doc::CommandDoc;
using cli_doc::OptionDoc;

// Appends the UTF-8 sequence at text[i] as \[uXXXX], which both mandoc and groff read, so the
// page stays ASCII whatever the reader's locale. Advances `i` to the sequence's last byte.
// Invalid UTF-8 becomes U+FFFD.
void AppendCodePoint(std::string_view text, size_t& i, std::string& out) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                        : lead >= 0xE0 && lead <= 0xEF ? 3
                        : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                       : 0;
  uint32_t code_point = 0xFFFD;
  size_t used = 1;
  if (length != 0 && i + length <= text.size()) {
    uint32_t value = lead & (0x7Fu >> length);
    size_t k = 1;
    for (; k < length && (byte(i + k) & 0xC0) == 0x80; ++k)
      value = (value << 6) | (byte(i + k) & 0x3F);
    const uint32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (k == length && value >= smallest && value <= 0x10FFFF && !surrogate) {
      code_point = value;
      used = length;
    }
  }
  char escape[16];
  // At most 10 characters: it always fits.
  (void)std::snprintf(escape, sizeof escape, "\\[u%04X]", static_cast<unsigned>(code_point));
  out += escape;
  i += used - 1;
}

// Escapes text for roff: '\' would start an escape, '-' must be a real minus so that options
// can be copied from the page, and quotes, '`', '~', '^' would otherwise be typeset as
// typographic glyphs by groff. Control characters are dropped, tabs become spaces.
std::string Escape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\e";
        break;
      case '-':
        out += "\\-";
        break;
      case '\'':
        out += "\\(aq";
        break;
      case '"':
        out += "\\(dq";
        break;
      case '`':
        out += "\\(ga";
        break;
      case '~':
        out += "\\(ti";
        break;
      case '^':
        out += "\\(ha";
        break;
      case '\t':
        out += ' ';
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x80) {
          AppendCodePoint(text, i, out);
        } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
          out += c;
        }
    }
  }
  return out;
}

// One output line of text: a leading '.' would make it a request, so it is guarded with \&.
std::string RoffLine(std::string_view escaped) {
  std::string line = escaped.starts_with('.') ? "\\&" : "";
  line += escaped;
  line += '\n';
  return line;
}

std::string Quote(std::string_view text) { return "\"" + Escape(text) + "\""; }
std::string Bold(std::string_view text) { return "\\fB" + Escape(text) + "\\fR"; }
std::string Italic(std::string_view text) { return "\\fI" + Escape(text) + "\\fR"; }

std::string_view TrimRight(std::string_view text) {
  const size_t end = text.find_last_not_of(" \t\r");
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

// Where AppendText writes: section text starts paragraphs with .PP and may hold bullet lists;
// the body of a .TP entry continues with .IP so that it keeps the entry's indentation.
enum class TextContext { kSection, kEntry };

// Renders the markup described in cli_doc.h. `fresh` means the output is right after a heading
// or a tag, where a paragraph macro would be redundant (mandoc warns about it). Returns whether
// the output ends inside a filled paragraph, so further sentences may follow on new lines.
bool AppendText(std::string_view text, TextContext context, bool fresh, std::string& out) {
  enum class State { kFresh, kBreak, kParagraph, kPre };
  State state = fresh ? State::kFresh : State::kBreak;
  const bool section = context == TextContext::kSection;
  const char* paragraph = section ? ".PP\n" : ".IP\n";
  const char* pre_end = section ? ".fi\n.RE\n" : ".fi\n";
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    const std::string_view line = TrimRight(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    const bool pre = line.starts_with("  ");
    if (state == State::kPre && !pre) out += pre_end;
    if (line.empty()) {
      if (state != State::kFresh) state = State::kBreak;
      continue;
    }
    if (pre) {
      if (state != State::kPre) {
        if (state == State::kBreak) out += paragraph;
        out += section ? ".RS 4\n.nf\n" : ".nf\n";
      }
      out += RoffLine(Escape(line.substr(2)));
      state = State::kPre;
    } else if (section && line.starts_with("- ")) {
      out += ".IP \\(bu 2\n" + RoffLine(Escape(line.substr(line.find_first_not_of(' ', 2))));
      state = State::kParagraph;
    } else {
      if (state == State::kBreak) out += paragraph;
      out += RoffLine(Escape(line.substr(line.find_first_not_of(' '))));
      state = State::kParagraph;
    }
  }
  if (state == State::kPre) out += pre_end;
  return state == State::kParagraph;
}

// "\fB\-m\fR, \fB\-\-mode\fR \fITEXT\fR": the tag of an option's .TP entry.
std::string OptionTag(const OptionDoc& option) {
  std::string tag;
  for (const std::string& name : cli_doc::DashedNames(option)) {
    if (!tag.empty()) tag += ", ";
    tag += Bold(name);
  }
  if (option.kind != cli_doc::ValueKind::kNone) tag += " " + Italic(option.type_name);
  if (option.multiple && option.kind != cli_doc::ValueKind::kNone) tag += "...";
  return tag;
}

// The facts CLI11 knows beyond the description: choices, default, environment, required.
std::string OptionFacts(const OptionDoc& option) {
  std::string facts;
  if (!option.choices.empty()) {
    facts += "Possible values: ";
    for (size_t i = 0; i < option.choices.size(); ++i) {
      facts += (i == 0 ? "" : ", ") + Bold(option.choices[i]);
    }
    facts += ".\n";
  }
  if (!option.default_value.empty()) facts += "Default: " + Bold(option.default_value) + ".\n";
  if (!option.env_name.empty()) facts += "Environment: " + Bold(option.env_name) + ".\n";
  if (option.required) facts += "Required.\n";
  return facts;
}

void AppendEntry(const std::string& tag, const OptionDoc& option, std::string& out) {
  out += ".TP\n" + RoffLine(tag);
  const std::string facts = OptionFacts(option);
  const bool in_paragraph = AppendText(option.description, TextContext::kEntry, true, out);
  // The facts go on a line of their own (descriptions often lack a final period), or in a
  // paragraph of their own after a preformatted block.
  if (!facts.empty() && in_paragraph) out += ".br\n";
  if (!facts.empty() && !in_paragraph && !option.description.empty()) out += ".IP\n";
  out += facts;
}

// The usage words after the command name: "[\fIOPTIONS\fR] \fB\-\-rules\fR \fIFILE\fR ...".
std::string UsageWords(const CommandDoc& command) {
  std::string words;
  if (!command.options.empty()) words += "[\\fIOPTIONS\\fR]";
  for (const OptionDoc& option : command.options) {
    if (!option.required) continue;
    words += " " + Bold(cli_doc::DashedNames(option).back());
    if (option.kind != cli_doc::ValueKind::kNone) words += " " + Italic(option.type_name);
  }
  for (const OptionDoc& positional : command.positionals) {
    std::string word = Italic(positional.positional_name) + (positional.multiple ? "..." : "");
    words += " " + (positional.required ? word : "[" + word + "]");
  }
  if (!command.subcommands.empty()) {
    words += command.subcommand_required ? " \\fICOMMAND\\fR" : " [\\fICOMMAND\\fR]";
  }
  return words;
}

// The synopsis line of `command`, and with `recursive` those of its subcommands below it.
void AppendSynopsis(const CommandDoc& command, bool recursive, std::string& out) {
  out += ".B " + Escape(command.FullName()) + "\n";
  const std::string words = UsageWords(command);
  if (!words.empty()) out += RoffLine(words.starts_with(' ') ? words.substr(1) : words);
  if (!recursive) return;
  for (const CommandDoc& sub : command.subcommands) {
    out += ".br\n";
    AppendSynopsis(sub, recursive, out);
  }
}

// The option groups in order of first appearance.
std::vector<std::string> Groups(const std::vector<OptionDoc>& options) {
  std::vector<std::string> groups;
  for (const OptionDoc& option : options) {
    if (std::find(groups.begin(), groups.end(), option.group) == groups.end()) {
      groups.push_back(option.group);
    }
  }
  return groups;
}

// The options of `command`, one .TP entry each. With several groups each gets a heading: a
// subsection at the top level, an italic label inside a subcommand's own subsection.
void AppendOptions(const CommandDoc& command, bool top_level, std::string& out) {
  const std::vector<std::string> groups = Groups(command.options);
  for (const std::string& group : groups) {
    if (groups.size() > 1)
      out += top_level ? ".SS " + Quote(group) + "\n" : ".PP\n" + RoffLine(Italic(group + ":"));
    for (const OptionDoc& option : command.options) {
      // A subcommand's own --help is the same as the tool's, which is already listed.
      if (option.group != group || (!top_level && option.is_help)) continue;
      AppendEntry(OptionTag(option), option, out);
    }
  }
}

void AppendPositionals(const CommandDoc& command, std::string& out) {
  for (const OptionDoc& positional : command.positionals) {
    AppendEntry(Italic(positional.positional_name) + (positional.multiple ? "..." : ""), positional,
                out);
  }
}

// Every subcommand, depth first, as a subsection with its synopsis, description and options.
void AppendCommands(const CommandDoc& command, std::string& out) {
  for (const CommandDoc& sub : command.subcommands) {
    // The subsection is named without the tool's name: "list", "list partitions".
    out += ".SS " + Quote(sub.FullName().substr(sub.path.front().size() + 1)) + "\n";
    AppendSynopsis(sub, /*recursive=*/false, out);
    AppendText(sub.description, TextContext::kSection, /*fresh=*/false, out);
    AppendPositionals(sub, out);
    AppendOptions(sub, /*top_level=*/false, out);
    AppendCommands(sub, out);
  }
}

void AppendExitStatus(const ToolInfo& info, std::string& out) {
  out += ".SH \"EXIT STATUS\"\n";
  for (const ExitCodeInfo& exit : AllExitCodes()) {
    out += ".TP\n.B " + std::to_string(static_cast<int>(exit.code)) + "\n";
    out += RoffLine(Escape(exit.meaning));
  }
  AppendText(info.exit_status_notes, TextContext::kSection, /*fresh=*/false, out);
}

void AppendExamples(const ToolInfo& info, std::string& out) {
  if (info.examples.empty()) return;
  out += ".SH EXAMPLES\n";
  bool first = true;
  for (const Example& example : info.examples) {
    // The command becomes a preformatted block under its explanation.
    std::string text = example.explanation + "\n";
    std::string_view command = example.command;
    while (!command.empty()) {
      const size_t newline = command.find('\n');
      text += "  " + std::string(command.substr(0, newline)) + "\n";
      command = newline == std::string_view::npos ? "" : command.substr(newline + 1);
    }
    AppendText(text, TextContext::kSection, first, out);
    first = false;
  }
}

// "log-grep(1)" becomes a bold name with its section; other entries are printed as they are.
void AppendSeeAlso(const ToolInfo& info, std::string& out) {
  if (info.see_also.empty()) return;
  out += ".SH \"SEE ALSO\"\n";
  for (size_t i = 0; i < info.see_also.size(); ++i) {
    const std::string& entry = info.see_also[i];
    const std::string comma = i + 1 < info.see_also.size() ? "," : "";
    const size_t open = entry.rfind('(');
    if (open != std::string::npos && open > 0 && entry.ends_with(')')) {
      out += ".BR " + Quote(entry.substr(0, open)) + " " + Quote(entry.substr(open) + comma) + "\n";
    } else {
      out += RoffLine(Escape(entry + comma));
    }
  }
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

}  // namespace

std::string ManPage(const ToolInfo& info, const CLI::App& app, std::string_view version,
                    std::string_view date) {
  const CommandDoc root = cli_doc::Describe(app, info.name);
  std::string out = ".\\\" Generated from the command-line definition of " + info.name +
                    " (seckit cli_doc); do not edit.\n";
  // mandoc parses the date ("2026-11-25"), so its hyphens stay plain; only quotes and
  // backslashes, which would break the argument, are dropped.
  std::string plain_date;
  for (const char c : date) {
    if (c != '"' && c != '\\') plain_date += c;
  }
  out += ".TH " + Quote(Upper(info.name)) + " 1 \"" + plain_date + "\" " + Quote(version) +
         " \"seckit Manual\"\n";
  out += ".SH NAME\n" + RoffLine(Escape(info.name) + " \\- " + Escape(info.summary));
  out += ".SH SYNOPSIS\n";
  AppendSynopsis(root, /*recursive=*/true, out);
  const std::string& description = info.description.empty() ? root.description : info.description;
  if (!description.empty()) {
    out += ".SH DESCRIPTION\n";
    AppendText(description, TextContext::kSection, /*fresh=*/true, out);
  }
  if (!root.positionals.empty()) {
    out += ".SH ARGUMENTS\n";
    AppendPositionals(root, out);
  }
  if (!root.options.empty()) {
    out += ".SH OPTIONS\n";
    AppendOptions(root, /*top_level=*/true, out);
  }
  if (!root.subcommands.empty()) {
    out += ".SH COMMANDS\n";
    AppendCommands(root, out);
  }
  for (const auto& [title, body] : info.sections) {
    out += ".SH " + Quote(title) + "\n";
    AppendText(body, TextContext::kSection, /*fresh=*/true, out);
  }
  AppendExitStatus(info, out);
  AppendExamples(info, out);
  AppendSeeAlso(info, out);
  return out;
}

}  // namespace seckit
