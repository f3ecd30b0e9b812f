// cli_doc: the man page and the bash/zsh/fish completion scripts of a tool, generated from the
// same CLI11 definition the binary parses, so documentation cannot drift from the flags.
//
// Every generator walks a fully configured CLI::App (as DefineCommandLine builds it) together
// with the tool's ToolInfo, and returns the whole file as a string. The output depends only on
// the arguments: no clock, locale or environment is read, so regenerating is a byte-for-byte
// diff against the committed files (man/<tool>.1, completions/bash/<tool>,
// completions/zsh/_<tool>, completions/fish/<tool>.fish).
//
// What is read from the CLI11 definition:
//   - options: short and long names, the value type name, the default (when captured, e.g.
//     with capture_default_str()), the environment variable, required, repeatable, the group;
//   - choices: from IsMember, Transformer and CheckedTransformer checks (their keys), parsed
//     out of the option's full type name, e.g. "TEXT:{flow,dns,http}". A choice may not contain
//     ',', '{', '}' or "->", since CLI11 prints the set without quoting;
//   - file completion: a value whose type name or check names a file: any ':'-separated part
//     starting with FILE or PATH (FILE, PATH(existing), ExistingFile, ...) completes file names,
//     one starting with DIR (DIR, ExistingDirectory) completes directory names;
//   - positionals, in order, and subcommands (recursively), each with its own options; a
//     positional is shown by its name, or by its type name when the name has lower-case letters
//     and the type name was set by the tool ("inputs" with type_name("FILE") shows as FILE);
//   - hidden things are skipped everywhere: an option whose group is empty (CLI11 hides an
//     option with group("")), an option group whose group is empty, a subcommand whose group is
//     empty or that is disabled. Options of named option groups (add_option_group) are listed
//     under the option group's name.
//
// Text markup in ToolInfo::description, the bodies of ToolInfo::sections,
// ToolInfo::exit_status_notes, Example::explanation and option descriptions (plain text, no
// roff — everything is escaped):
//   - a blank line separates paragraphs;
//   - a line starting with two spaces is preformatted (shown as is, indented, not filled);
//     consecutive such lines form one block — use it for commands and sample output;
//   - a line starting with "- " starts a bullet item (not in option descriptions, where it is
//     plain text); following lines without a blank line in between continue the item.
#ifndef SECKIT_CLI_DOC_H_
#define SECKIT_CLI_DOC_H_

#include <string>
#include <string_view>

#include "seckit/tool_main.h"

namespace CLI {
class App;
}

namespace seckit {

// The section 1 man page as roff with the man(7) macros: NAME, SYNOPSIS, DESCRIPTION,
// ARGUMENTS (positionals), OPTIONS (one subsection per option group when there are several),
// COMMANDS (each subcommand with its synopsis, description and options), the extra
// ToolInfo::sections in order, EXIT STATUS (the whole AllExitCodes() table, then
// exit_status_notes), EXAMPLES, SEE ALSO. Sections with nothing to say are left out.
// `version` is printed as given in the footer (e.g. "seckit 0.1.0"); `date` is the page's date,
// "YYYY-MM-DD". The DESCRIPTION falls back to the app's description when info.description is
// empty.
std::string ManPage(const ToolInfo& info, const CLI::App& app, std::string_view version,
                    std::string_view date);

// A bash script that registers completion for info.name with `complete -F`. It needs only bash
// (not the bash-completion package): options of the current (sub)command, choices of IsMember
// options (also after "--opt="), file or directory names where the value is a file or
// directory, subcommand names.
std::string BashCompletion(const ToolInfo& info, const CLI::App& app);

// A zsh completion function file for `#compdef info.name`, built on _arguments (with option
// descriptions, choices, _files, and a state machine for subcommands).
std::string ZshCompletion(const ToolInfo& info, const CLI::App& app);

// A fish script of `complete -c info.name` lines (options with descriptions, choices, file
// names only where a file is expected, subcommands with __fish_seen_subcommand_from).
std::string FishCompletion(const ToolInfo& info, const CLI::App& app);

}  // namespace seckit

#endif  // SECKIT_CLI_DOC_H_
