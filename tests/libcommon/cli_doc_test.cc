// Tests for the man page and completion generators: content checks on a sample command line,
// then the real consumers — mandoc lints and renders the page; bash, zsh and fish parse their
// scripts and answer completion queries with them.
#include "seckit/cli_doc.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "seckit/exit_code.h"
#include "test_support.h"

namespace seckit {
namespace {

namespace st = ::seckit::testing;  // st::Run, because inside a TEST plain Run is gtest's
using ::seckit::testing::HaveProgram;
using ::seckit::testing::SplitLines;
using ::seckit::testing::TempDir;
using ::seckit::testing::WriteFile;

using Words = std::vector<std::string>;  // completions, sorted

// A command line with every feature the generators read: flags, defaults, choices (IsMember and
// CheckedTransformer), a file and a directory option, groups, a hidden option, a positional
// FILE... (a file by its name alone), and a subcommand with its own options and a positional
// shown by its type name.
class SampleTool {
 public:
  SampleTool() {
    app_.description("Sample tool for the generator tests.");
    app_.add_flag("-q,--quiet", quiet_, "Print errors only.");
    app_.add_flag("-v,--verbose", verbose_, "Say more; repeat for even more.");
    app_.add_option("-m,--mode", mode_, "What to extract.")
        ->check(CLI::IsMember({"flow", "dns", "http"}))
        ->capture_default_str();
    app_.add_option("-o,--output", output_, "Write records to FILE.\n\nThe file is replaced.")
        ->type_name("FILE");
    app_.add_option("--level", level_, "How loud.")
        ->transform(CLI::CheckedTransformer(std::map<std::string, int>{{"low", 1}, {"high", 2}}))
        ->group("Tuning");
    app_.add_option("--snaplen", snaplen_, "Bytes kept per packet, for example:\n  --snaplen 96")
        ->capture_default_str()
        ->group("Tuning");
    app_.add_option("--rules-dir", rules_dir_, "Directory of rules.")
        ->check(CLI::ExistingDirectory)
        ->group("Tuning");
    app_.add_option("--secret-switch", hidden_, "Never shown.")->group("");
    app_.add_flag("--dry-run", dry_run_);  // no description at all
    app_.add_option("FILE", inputs_, "Capture files; - is standard input.");
    CLI::App* carve = app_.add_subcommand("carve", "Carve files out of unallocated space.");
    carve->add_option("-t,--type", types_, "File types to carve.")
        ->check(CLI::IsMember({"jpg", "png", "pdf"}));
    carve->add_option("image", image_, "The disk image.")->type_name("IMAGE")->required();
  }

  const CLI::App& app() const { return app_; }

  static ToolInfo Info() {
    ToolInfo info;
    info.name = "sample-tool";
    info.summary = "extract things from captures";
    info.description =
        "sample-tool reads captures and writes records.\n"
        "It is only a test.\n"
        "\n"
        "A second paragraph, with a backslash \\ and it's quotes.\n"
        ".starts with a dot\n"
        "\n"
        "  sample-tool --mode dns x.pcap | jq .\n"
        "  'quoted' line\n"
        "\n"
        "- first item\n"
        "- second item, caf\xc3\xa9\n";
    info.examples = {{"sample-tool -m dns a.pcap", "Extract DNS records."},
                     {"sample-tool carve -t png disk.img", "Carve PNG files."}};
    info.sections = {{"RECORDS", "One JSON object per line."}};
    info.exit_status_notes = "Status 1 means no record was written.";
    info.see_also = {"log-grep(1)", "jq(1)"};
    return info;
  }

 private:
  CLI::App app_{"", "sample-tool"};
  bool quiet_ = false;
  bool dry_run_ = false;
  int verbose_ = 0;
  std::string mode_ = "flow";
  std::string output_;
  int level_ = 1;
  int snaplen_ = 262144;
  std::string rules_dir_;
  std::string hidden_;
  std::vector<std::string> inputs_;
  std::vector<std::string> types_;
  std::string image_;
};

std::string SampleManPage() {
  SampleTool tool;
  return ManPage(SampleTool::Info(), tool.app(), "seckit 0.1.0", "2026-11-25");
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// mandoc -Tascii prints bold and underline as "c\bc" and "_\bc"; keep only what is shown.
std::string WithoutOverstrike(const std::string& text) {
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i + 1 < text.size() && text[i + 1] == '\b') {
      ++i;  // drop the overstruck character and the backspace
      continue;
    }
    plain += text[i];
  }
  return plain;
}

TEST(ManPage, HasTheSectionsInOrder) {
  const std::string page = SampleManPage();
  size_t previous = 0;
  for (const char* section :
       {".TH \"SAMPLE\\-TOOL\" 1 \"2026-11-25\" \"seckit 0.1.0\"", ".SH NAME\n", ".SH SYNOPSIS\n",
        ".SH DESCRIPTION\n", ".SH ARGUMENTS\n", ".SH OPTIONS\n", ".SH COMMANDS\n",
        ".SH \"RECORDS\"\n", ".SH \"EXIT STATUS\"\n", ".SH EXAMPLES\n", ".SH \"SEE ALSO\"\n"}) {
    const size_t at = page.find(section);
    ASSERT_NE(at, std::string::npos) << section << "\n" << page;
    EXPECT_GT(at, previous) << section << " is out of order";
    previous = at;
  }
  EXPECT_TRUE(Contains(page, ".SH NAME\nsample\\-tool \\- extract things from captures\n"));
}

TEST(ManPage, ListsOptionsWithTypesChoicesAndDefaults) {
  const std::string page = SampleManPage();
  EXPECT_TRUE(Contains(page,
                       ".TP\n\\fB\\-m\\fR, \\fB\\-\\-mode\\fR \\fITEXT\\fR\nWhat to extract.\n.br\n"
                       "Possible values: \\fBflow\\fR, \\fBdns\\fR, \\fBhttp\\fR.\n"
                       "Default: \\fBflow\\fR.\n"))
      << page;
  EXPECT_TRUE(Contains(page, "\\fB\\-q\\fR, \\fB\\-\\-quiet\\fR\nPrint errors only.\n"));
  EXPECT_TRUE(Contains(page, "\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIFILE\\fR\n"));
  // A CheckedTransformer offers its keys.
  EXPECT_TRUE(Contains(page, "Possible values: \\fBhigh\\fR, \\fBlow\\fR.\n")) << page;
  // Facts after a preformatted block start a new paragraph of the entry.
  EXPECT_TRUE(Contains(page,
                       "Bytes kept per packet, for example:\n.nf\n\\-\\-snaplen 96\n.fi\n"
                       ".IP\nDefault: \\fB262144\\fR.\n"))
      << page;
  EXPECT_TRUE(Contains(page, ".TP\n\\fB\\-\\-dry\\-run\\fR\n."));  // no body
  // Two groups, so each gets a subsection.
  EXPECT_TRUE(Contains(page, ".SS \"Options\"\n"));
  EXPECT_TRUE(Contains(page, ".SS \"Tuning\"\n"));
  // A multi-paragraph option description stays inside its entry.
  EXPECT_TRUE(Contains(page, "Write records to FILE.\n.IP\nThe file is replaced.\n"));
  EXPECT_TRUE(Contains(page, ".TP\n\\fIFILE\\fR...\nCapture files; \\- is standard input.\n"));
}

TEST(ManPage, SkipsHiddenOptions) {
  const std::string page = SampleManPage();
  EXPECT_FALSE(Contains(page, "secret")) << page;
  EXPECT_FALSE(Contains(page, "Never shown")) << page;
}

TEST(ManPage, DocumentsSubcommands) {
  const std::string page = SampleManPage();
  EXPECT_TRUE(
      Contains(page, ".B sample\\-tool\n[\\fIOPTIONS\\fR] [\\fIFILE\\fR...] [\\fICOMMAND\\fR]\n"))
      << page;
  EXPECT_TRUE(Contains(page, ".br\n.B sample\\-tool carve\n[\\fIOPTIONS\\fR] \\fIIMAGE\\fR\n"));
  const size_t commands = page.find(".SH COMMANDS\n");
  ASSERT_NE(commands, std::string::npos);
  const std::string section = page.substr(commands, page.find(".SH", commands + 1) - commands);
  EXPECT_TRUE(Contains(section, ".SS \"carve\"\n")) << section;
  EXPECT_TRUE(Contains(section, "Carve files out of unallocated space.\n"));
  EXPECT_TRUE(Contains(section, "\\fB\\-t\\fR, \\fB\\-\\-type\\fR \\fITEXT\\fR...\n"));
  EXPECT_TRUE(Contains(section, "Possible values: \\fBjpg\\fR, \\fBpng\\fR, \\fBpdf\\fR.\n"));
  EXPECT_TRUE(Contains(section, ".TP\n\\fIIMAGE\\fR\nThe disk image.\n.br\nRequired.\n"));
  EXPECT_FALSE(Contains(section, "help")) << "the subcommand's --help repeats the tool's";
}

TEST(ManPage, ListsTheWholeExitStatusTable) {
  const std::string page = SampleManPage();
  for (const ExitCodeInfo& exit : AllExitCodes()) {
    EXPECT_TRUE(Contains(page, ".TP\n.B " + std::to_string(static_cast<int>(exit.code)) + "\n"))
        << exit.name;
  }
  EXPECT_TRUE(Contains(page, ".PP\nStatus 1 means no record was written.\n"));
}

TEST(ManPage, EscapesRoff) {
  const std::string page = SampleManPage();
  // Every hyphen is a real minus sign, so options copied from the page work.
  for (const std::string& line : SplitLines(page)) {
    // The comment, and the date in .TH, which mandoc parses and so stays plain.
    if (line.starts_with(".\\\"") || line.starts_with(".TH ")) continue;
    for (size_t at = line.find('-'); at != std::string::npos; at = line.find('-', at + 1)) {
      EXPECT_TRUE(at > 0 && line[at - 1] == '\\') << "unescaped hyphen in: " << line;
    }
  }
  EXPECT_TRUE(Contains(page, "a backslash \\e and it\\(aqs quotes.\n"));
  EXPECT_TRUE(Contains(page, "\n\\&.starts with a dot\n"));
  EXPECT_TRUE(Contains(page, "caf\\[u00E9]\n"));
}

TEST(ManPage, RendersTheMarkup) {
  const std::string page = SampleManPage();
  EXPECT_TRUE(Contains(page,
                       ".SH DESCRIPTION\nsample\\-tool reads captures and writes records.\n"
                       "It is only a test.\n.PP\nA second paragraph"));
  EXPECT_TRUE(Contains(page,
                       ".PP\n.RS 4\n.nf\nsample\\-tool \\-\\-mode dns x.pcap | jq .\n"
                       "\\(aqquoted\\(aq line\n.fi\n.RE\n"))
      << page;
  EXPECT_TRUE(Contains(page, ".IP \\(bu 2\nfirst item\n.IP \\(bu 2\nsecond item"));
  EXPECT_TRUE(Contains(page,
                       ".SH EXAMPLES\nExtract DNS records.\n.RS 4\n.nf\n"
                       "sample\\-tool \\-m dns a.pcap\n.fi\n.RE\n.PP\nCarve PNG files.\n"));
  EXPECT_TRUE(Contains(page, ".BR \"log\\-grep\" \"(1),\"\n.BR \"jq\" \"(1)\"\n"));
}

TEST(ManPage, IsDeterministic) { EXPECT_EQ(SampleManPage(), SampleManPage()); }

TEST(ManPage, MandocFindsNoProblem) {
  if (!HaveProgram("mandoc")) GTEST_SKIP() << "mandoc not installed (Debian package mandoc)";
  TempDir dir;
  WriteFile(dir / "sample-tool.1", SampleManPage());
  const auto lint =
      st::Run({"mandoc", "-Tlint", "-W", "warning", (dir / "sample-tool.1").string()});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_EQ(lint.out + lint.err, "");
  // The rendered page shows options and commands as they are typed.
  const auto rendered = st::Run({"mandoc", "-Tascii", (dir / "sample-tool.1").string()});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const std::string text = WithoutOverstrike(rendered.out);
  EXPECT_TRUE(Contains(text, "-m, --mode TEXT")) << text;
  EXPECT_TRUE(Contains(text, "sample-tool --mode dns x.pcap | jq .")) << text;
  EXPECT_TRUE(Contains(text, "'quoted' line")) << text;
  EXPECT_TRUE(Contains(text, "log-grep(1), jq(1)")) << text;
}

// Runs the generated bash completion for the command line `words` (the last word is the one
// being completed) the way bash's programmable completion would, and returns COMPREPLY.
Words BashComplete(const std::vector<std::string>& words) {
  SampleTool tool;
  TempDir dir;
  WriteFile(dir / "sample-tool.bash", BashCompletion(SampleTool::Info(), tool.app()));
  std::vector<std::string> argv = {
      "bash",
      "--norc",
      "--noprofile",
      "-c",
      "source \"$0\" && COMP_WORDS=(\"$@\") && COMP_CWORD=$(( $# - 1 )) && "
      "_seckit_sample_tool && printf '%s\\n' \"${COMPREPLY[@]}\"",
      (dir / "sample-tool.bash").string()};
  argv.insert(argv.end(), words.begin(), words.end());
  const auto result = st::Run(argv);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  Words reply = SplitLines(result.out);
  std::erase(reply, "");
  std::sort(reply.begin(), reply.end());
  return reply;
}

bool Has(const Words& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

TEST(BashCompletion, IsValidBash) {
  SampleTool tool;
  TempDir dir;
  WriteFile(dir / "sample-tool.bash", BashCompletion(SampleTool::Info(), tool.app()));
  const auto result = st::Run({"bash", "-n", (dir / "sample-tool.bash").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(BashCompletion(SampleTool::Info(), tool.app()),
            BashCompletion(SampleTool::Info(), tool.app()));
}

TEST(BashCompletion, CompletesOptionsOfTheCurrentCommand) {
  EXPECT_EQ(BashComplete({"sample-tool", "--mo"}), Words({"--mode"}));
  const Words all = BashComplete({"sample-tool", "-"});
  for (const char* option : {"-h", "--help", "-q", "--quiet", "-m", "--mode", "--output", "--level",
                             "--snaplen", "--rules-dir"}) {
    EXPECT_TRUE(Has(all, option)) << option;
  }
  EXPECT_FALSE(Has(all, "--secret-switch")) << "hidden options are not offered";
  EXPECT_FALSE(Has(all, "--type")) << "a subcommand's option is not the tool's";
  EXPECT_EQ(BashComplete({"sample-tool", "carve", "--t"}), Words({"--type"}));
}

TEST(BashCompletion, CompletesChoices) {
  EXPECT_EQ(BashComplete({"sample-tool", "--mode", ""}), Words({"dns", "flow", "http"}));
  EXPECT_EQ(BashComplete({"sample-tool", "-m", "d"}), Words({"dns"}));
  // bash splits "--mode=h" into "--mode" "=" "h".
  EXPECT_EQ(BashComplete({"sample-tool", "--mode", "=", "h"}), Words({"http"}));
  EXPECT_EQ(BashComplete({"sample-tool", "--mode", "="}), Words({"dns", "flow", "http"}));
  EXPECT_EQ(BashComplete({"sample-tool", "--level", ""}), Words({"high", "low"}));
  EXPECT_EQ(BashComplete({"sample-tool", "carve", "--type", "p"}), Words({"pdf", "png"}));
  // A value that cannot be guessed gets nothing, not options or files.
  EXPECT_EQ(BashComplete({"sample-tool", "--snaplen", ""}), Words({}));
}

TEST(BashCompletion, CompletesFilesAndDirectories) {
  TempDir dir;
  WriteFile(dir / "capture.pcap", "");
  std::filesystem::create_directory(dir / "rules");
  const std::string prefix = dir.path().string() + "/";
  EXPECT_EQ(BashComplete({"sample-tool", "-o", prefix + "c"}), Words({prefix + "capture.pcap"}));
  EXPECT_EQ(BashComplete({"sample-tool", "--rules-dir", prefix}), Words({prefix + "rules"}));
  // The positional FILE... takes file names, next to the subcommand names.
  EXPECT_EQ(BashComplete({"sample-tool", prefix}),
            Words({prefix + "capture.pcap", prefix + "rules"}));
  EXPECT_EQ(BashComplete({"sample-tool", "ca"}), Words({"carve"}));
}

TEST(BashCompletion, FindsTheSubcommandPastOptionValues) {
  // "carve" given as the value of -o is a file name, not the subcommand.
  EXPECT_TRUE(Has(BashComplete({"sample-tool", "-o", "carve", "-"}), "--mode"));
  EXPECT_EQ(BashComplete({"sample-tool", "-q", "--mode", "=", "dns", "carve", "--t"}),
            Words({"--type"}));
  EXPECT_EQ(BashComplete({"sample-tool", "--output", "x", "carve", "-t", ""}),
            Words({"jpg", "pdf", "png"}));
}

TEST(ZshCompletion, UsesArgumentsSpecs) {
  SampleTool tool;
  const std::string script = ZshCompletion(SampleTool::Info(), tool.app());
  EXPECT_TRUE(script.starts_with("#compdef sample-tool\n"));
  EXPECT_TRUE(Contains(script, "'(-m --mode)--mode=[What to extract]:TEXT:(flow dns http)'"))
      << script;
  EXPECT_TRUE(Contains(script, "'(-o --output)-o+[Write records to FILE]:FILE:_files'"));
  EXPECT_TRUE(Contains(script, "'--rules-dir=[Directory of rules]:DIR:_files -/'"));
  EXPECT_TRUE(Contains(script, "'carve:Carve files out of unallocated space'"));
  EXPECT_TRUE(Contains(script, "'*--type=[File types to carve]:TEXT:(jpg png pdf)'"));
  EXPECT_TRUE(Contains(script, "':IMAGE: '"));
  EXPECT_FALSE(Contains(script, "secret"));
}

// Types each command line and a completion key into one interactive zsh driven through zpty
// (compinit is slow, so it runs once), with the generated function and only zsh's own
// completion directories on fpath; prints every match the completion system adds as
// <<match>>, and @@END@@ after each command line.
constexpr char kZshHarness[] = R"zsh(
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= ; fpath=(${(q)1} \${(M)fpath:#*/Completion(|/Base|/Unix|/Zsh)})"
zpty -w z 'autoload -U compinit; compinit -u -D'
zpty -w z 'compadd() { local -a m; local x; builtin compadd -O m "$@";
  for x in $m; do print -r -- "<""<$x>"">"; done; builtin compadd "$@"; }'
# ^X completes, then prints the end marker: typeahead would make zsh cut completion short.
zpty -w z 'complete-then-mark() { zle complete-word; zle -I; print -r -- "@@E""ND@@"; BUFFER=; }'
zpty -w z 'zle -N complete-then-mark; bindkey "^X" complete-then-mark; print @@READY""@@'
typeset line
while zpty -r z line; do [[ $line == *@@READY@@* ]] && break; done
for command_line in "${@[2,-1]}"; do
  zpty -w -n z "$command_line"$'\C-x'
  while zpty -r z line; do
    [[ $line == *@@END@@* ]] && break
    print -r -- "$line"
  done
  print -r -- @@END@@
done
zpty -d z
)zsh";

// The matches zsh offers for each of `command_lines`, each sorted and without duplicates.
std::vector<Words> ZshComplete(const std::vector<std::string>& command_lines) {
  SampleTool tool;
  TempDir dir;
  WriteFile(dir / "_sample-tool", ZshCompletion(SampleTool::Info(), tool.app()));
  WriteFile(dir / "harness.zsh", kZshHarness);
  std::vector<std::string> argv = {
      "timeout", "60", "zsh", "-f", (dir / "harness.zsh").string(), dir.path().string()};
  argv.insert(argv.end(), command_lines.begin(), command_lines.end());
  const auto result = st::Run(argv);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<Words> all(1);
  for (const std::string& line : SplitLines(result.out)) {
    if (line == "@@END@@") {
      std::sort(all.back().begin(), all.back().end());
      all.emplace_back();
    }
    for (size_t open = line.find("<<"); open != std::string::npos;
         open = line.find("<<", open + 2)) {
      const size_t close = line.find(">>", open);
      if (close == std::string::npos) break;
      const std::string word = line.substr(open + 2, close - open - 2);
      if (!Has(all.back(), word)) all.back().push_back(word);
    }
  }
  all.pop_back();  // after the last @@END@@
  return all;
}

TEST(ZshCompletion, IsValidZshAndCompletes) {
  if (!HaveProgram("zsh")) GTEST_SKIP() << "zsh not installed (Debian package zsh): not checked";
  SampleTool tool;
  TempDir dir;
  WriteFile(dir / "_sample-tool", ZshCompletion(SampleTool::Info(), tool.app()));
  const auto syntax = st::Run({"zsh", "-n", (dir / "_sample-tool").string()});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  EXPECT_EQ(syntax.err, "");
  const std::vector<Words> matches =
      ZshComplete({"sample-tool --mo", "sample-tool --mode ", "sample-tool -q ca",
                   "sample-tool carve --ty", "sample-tool carve --type p"});
  ASSERT_EQ(matches.size(), 5u);
  EXPECT_EQ(matches[0], Words({"--mode"}));
  EXPECT_EQ(matches[1], Words({"dns", "flow", "http"}));
  EXPECT_EQ(matches[2], Words({"carve"}));
  EXPECT_EQ(matches[3], Words({"--type"}));
  EXPECT_EQ(matches[4], Words({"pdf", "png"}));
}

// Asks fish which completions it offers for `command_line`; the words, without descriptions.
Words FishComplete(const std::string& command_line) {
  SampleTool tool;
  TempDir dir;
  WriteFile(dir / "sample-tool.fish", FishCompletion(SampleTool::Info(), tool.app()));
  const auto result = st::Run({"fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]",
                               (dir / "sample-tool.fish").string(), command_line});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  Words words;
  for (const std::string& line : SplitLines(result.out)) {
    if (!line.empty()) words.push_back(line.substr(0, line.find('\t')));
  }
  std::sort(words.begin(), words.end());
  return words;
}

TEST(FishCompletion, IsValidFishAndCompletes) {
  SampleTool tool;
  const std::string script = FishCompletion(SampleTool::Info(), tool.app());
  EXPECT_FALSE(Contains(script, "secret"));
  if (!HaveProgram("fish")) GTEST_SKIP() << "fish not installed (Debian package fish): not checked";
  TempDir dir;
  WriteFile(dir / "sample-tool.fish", script);
  const auto syntax = st::Run({"fish", "--no-execute", (dir / "sample-tool.fish").string()});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  EXPECT_EQ(FishComplete("sample-tool --mo"), Words({"--mode"}));
  EXPECT_EQ(FishComplete("sample-tool --mode "), Words({"dns", "flow", "http"}));
  EXPECT_EQ(FishComplete("sample-tool --mode=h"), Words({"--mode=http"}));
  EXPECT_EQ(FishComplete("sample-tool ca"), Words({"carve"}));
  EXPECT_EQ(FishComplete("sample-tool carve --ty"), Words({"--type"}));
  EXPECT_EQ(FishComplete("sample-tool carve --type p"), Words({"pdf", "png"}));
  EXPECT_FALSE(Has(FishComplete("sample-tool --"), "--secret-switch"));
  EXPECT_FALSE(Has(FishComplete("sample-tool carve --"), "--mode"));
  WriteFile(dir / "capture.pcap", "");
  const std::string prefix = dir.path().string() + "/";
  EXPECT_EQ(FishComplete("sample-tool -o " + prefix + "cap"), Words({prefix + "capture.pcap"}));
}

// Found by the ASan build: the value kind was read through views into a temporary type name
// that was already destroyed (stack-use-after-scope), so DIRECTORY/FILE placeholders could be
// missed. A type name longer than std::string's inline buffer is read from the heap.
TEST(Regression, ValueKindFromTheTypeName) {
  CLI::App app{"", "kinds"};
  std::string dir, file;
  app.add_option("--rules", dir, "Rules.")->type_name("DIRECTORY_OF_RULES_AND_MORE_RULES");
  app.add_option("--input", file, "Input.")->type_name("FILE");
  ToolInfo info;
  info.name = "kinds";
  info.summary = "kinds of values";
  const std::string fish = FishCompletion(info, app);
  EXPECT_TRUE(Contains(fish, "-l rules -x -a '(__fish_complete_directories)'")) << fish;
  EXPECT_TRUE(Contains(fish, "-l input -r -F")) << fish;
}

}  // namespace
}  // namespace seckit
