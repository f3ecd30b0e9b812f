// log-grep's selected-line counts against GNU grep (LC_ALL=C, byte semantics) on every text log
// of the corpus, for literals, regexes, -i, -w, -v, -F, several -e and a -f list.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> CorpusTextLogs() {
  std::vector<fs::path> logs;
  fs::path dir = testing::CorpusDir();
  if (dir.empty()) return logs;
  for (const auto& entry : fs::directory_iterator(dir / "logs")) {
    if (entry.path().extension() == ".evtx") continue;  // binary: both skip it, differently
    logs.push_back(entry.path());
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

std::string Count(const testing::CommandResult& r) {
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// One grep invocation's flags and patterns, applied to both tools.
struct Case {
  std::vector<std::string> args;  // e.g. {"-i", "-e", "failed password"}
};

TEST(GrepAgreement, LineCountsMatchGrepOnTheCorpus) {
  if (!testing::HaveProgram("grep")) GTEST_SKIP() << "grep not installed";
  std::vector<fs::path> logs = CorpusTextLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus not found (../shared/corpus or SECKIT_TEST_DATA)";
  testing::TempDir dir;
  // A -f list: every dotted quad of the OpenSSH log that grep itself finds, plus some that are
  // not there.
  testing::CommandResult quads = testing::Run(
      {"grep", "-o", "-E", "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+",
       (testing::CorpusDir() / "logs" / "loghub_OpenSSH_2k.log").string()});
  std::set<std::string> unique;
  for (const std::string& quad : testing::SplitLines(quads.out)) unique.insert(quad);
  std::string list;
  for (const std::string& quad : unique) list += quad + "\n";
  list += "203.0.113.250\n198.51.100.77\n";
  testing::WriteFile(dir / "list.txt", list);
  ASSERT_GT(unique.size(), 20u);

  const std::vector<Case> cases = {
      {{"-e", "Failed password"}},
      {{"-F", "-e", "Failed password"}},
      {{"-i", "-e", "failed PASSWORD"}},
      {{"-w", "-e", "root"}},
      {{"-v", "-e", "sshd"}},
      {{"-e", "Invalid user [a-z]+ from"}},
      {{"-e", "port [0-9]{4,5} ssh2$"}},  // CRLF logs: '$' is before "\r", so no match, as grep
      {{"-e", "^Dec 10 0[67]"}},
      {{"-e", "error", "-e", "warn", "-e", "GET /"}},
      {{"-E", "-e", "(auth|session) (opened|closed)"}},
      {{"-e", "[[:digit:]]{3} [0-9]+ \""}},
      {{"-F", "-f", (dir / "list.txt").string()}},
      {{"-F", "-w", "-f", (dir / "list.txt").string()}},
      {{"-e", "\\bsu\\b"}},
  };
  size_t compared = 0;
  for (const Case& c : cases) {
    for (const fs::path& log : logs) {
      std::vector<std::string> grep{"env", "LC_ALL=C", "grep", "-c", "-a"};
      std::vector<std::string> ours{(testing::BinDir() / "log-grep").string(), "-c"};
      for (const std::string& arg : c.args) {
        if (arg != "-E") ours.push_back(arg);
        grep.push_back(arg == "-E" ? "-E" : arg);
      }
      if (std::find(c.args.begin(), c.args.end(), "-F") == c.args.end()) grep.push_back("-E");
      grep.push_back(log.string());
      ours.push_back(log.string());
      testing::CommandResult expected = testing::Run(grep);
      testing::CommandResult actual = testing::Run(ours);
      std::string what = log.filename().string() + " with";
      for (const std::string& arg : c.args) what += " " + arg;
      EXPECT_EQ(Count(actual), Count(expected)) << what << "\n" << actual.err;
      // Exit status as grep's: 0 with a selected line, 1 without.
      EXPECT_EQ(actual.exit_code, expected.exit_code) << what << "\n" << actual.err;
      ++compared;
    }
  }
  std::printf("[   INFO   ] %zu (case, file) counts compared with grep\n", compared);
}

}  // namespace
}  // namespace seckit
