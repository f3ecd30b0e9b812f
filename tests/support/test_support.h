// Shared helpers for seckit's GoogleTest tests: corpus paths, temporary directories, and running a
// program (ours or a reference tool) without a shell.
#ifndef SECKIT_TESTS_TEST_SUPPORT_H_
#define SECKIT_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <string>
#include <vector>

namespace seckit::testing {

// ../shared/corpus next to the source tree, or $SECKIT_TEST_DATA. Empty when absent.
std::filesystem::path CorpusDir();

// The corpus file `relative`, or an empty path when it is absent (the caller skips).
std::filesystem::path CorpusFile(const std::string& relative);

// Skips the current test with a clear message when the corpus file is absent.
#define SECKIT_REQUIRE_CORPUS(var, relative)                                              \
  const std::filesystem::path var = ::seckit::testing::CorpusFile(relative);             \
  if (var.empty()) {                                                                     \
    GTEST_SKIP() << "corpus file " << (relative)                                         \
                 << " not found (set SECKIT_TEST_DATA or check out ../shared/corpus)";   \
  }

// The directory holding the built tool binaries ($SECKIT_BIN_DIR, else <build>/bin).
std::filesystem::path BinDir();

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128+signal when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no slash) with the arguments, feeding `stdin_data`
// on standard input, and collects its output. No shell is involved.
CommandResult Run(const std::vector<std::string>& argv, const std::string& stdin_data = "");

// Like Run, with standard output sent to the file `out_path` (e.g. "/dev/full").
CommandResult RunToFile(const std::vector<std::string>& argv, const std::string& out_path);

// True when `program` is found in PATH.
bool HaveProgram(const std::string& program);

// Reads a whole file; empty string when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& data);

// Splits text into lines (without the trailing newline).
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_TEST_SUPPORT_H_
