// Helpers for disk-carve's end-to-end tests: running the tool, reading Sleuth Kit's fls and icat
// as the reference, and building small file-system images with mkfs + mtools / debugfs / ntfscp.
#ifndef SECKIT_TESTS_DISK_CARVE_DISK_TEST_UTIL_H_
#define SECKIT_TESTS_DISK_CARVE_DISK_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit::testing {

// Run under a name that a TEST body (where Run is testing::Test::Run) can call.
inline CommandResult RunCmd(const std::vector<std::string>& argv, const std::string& input = "") {
  return Run(argv, input);
}

inline std::string DiskCarve() { return (BinDir() / "disk-carve").string(); }

// The JSON records of a tool's standard output.
inline std::vector<nlohmann::json> ParseRecords(const std::string& out) {
  std::vector<nlohmann::json> records;
  for (const std::string& line : SplitLines(out)) records.push_back(nlohmann::json::parse(line));
  return records;
}

// One line of `fls -r -p`: "r/r * 14(realloc):\tdir/name".
struct FlsEntry {
  std::string type;  // "r/r", "d/d", "-/r" ...
  bool deleted = false;
  std::string inode;  // "14", "64-128-2"
  std::string path;   // without a leading slash, as fls prints it
};

inline std::vector<FlsEntry> Fls(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"fls", "-r", "-p"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult r = Run(argv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<FlsEntry> entries;
  for (const std::string& line : SplitLines(r.out)) {
    FlsEntry e;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    e.path = line.substr(tab + 1);
    std::string head = line.substr(0, tab);  // "r/r * 14(realloc):"
    e.type = head.substr(0, 3);
    std::string rest = head.substr(4);
    if (rest.rfind("* ", 0) == 0) {
      e.deleted = true;
      rest = rest.substr(2);
    }
    const size_t end = rest.find_first_of("(:");
    e.inode = rest.substr(0, end);
    entries.push_back(e);
  }
  return entries;
}

// The SHA-256 of what `icat [args] image inode` writes, computed by sha256sum.
inline std::string IcatSha256(const std::vector<std::string>& image_args,
                              const std::string& inode) {
  std::vector<std::string> argv = {"icat"};
  argv.insert(argv.end(), image_args.begin(), image_args.end());
  argv.push_back(inode);
  CommandResult cat = Run(argv);
  CommandResult sum = Run({"sha256sum"}, cat.out);
  return sum.out.substr(0, 64);
}

inline std::string Sha256Of(const std::string& bytes) {
  return Run({"sha256sum"}, bytes).out.substr(0, 64);
}

// Every entry fls lists is listed with the same inode and deleted flag; allocated regular files
// (and deleted ones whose data we could read) have icat's SHA-256. Returns our records by path.
inline std::map<std::string, nlohmann::json> ExpectSameAsFls(
    const std::vector<std::string>& list_args, const std::vector<std::string>& tsk_args) {
  std::vector<std::string> argv = {DiskCarve(), "list", "--hash", "sha256"};
  argv.insert(argv.end(), list_args.begin(), list_args.end());
  CommandResult r = RunCmd(argv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> ours;
  for (const nlohmann::json& rec : ParseRecords(r.out)) {
    EXPECT_EQ(rec["event"]["dataset"], "disk.file");
    // fls prints control characters in names as '^'.
    std::string path = rec["file"]["path"].get<std::string>().substr(1);
    for (char& c : path) {
      if (static_cast<unsigned char>(c) < 0x20) c = '^';
    }
    ours[path] = rec;
  }
  const std::vector<FlsEntry> reference = Fls(tsk_args);
  EXPECT_FALSE(reference.empty());
  EXPECT_EQ(ours.size(), reference.size());
  for (const FlsEntry& e : reference) {
    SCOPED_TRACE(e.path);
    auto it = ours.find(e.path);
    if (it == ours.end()) {
      ADD_FAILURE() << "fls lists " << e.path << " but disk-carve does not";
      continue;
    }
    const nlohmann::json& file = it->second["file"];
    EXPECT_EQ(file["inode"], e.inode);
    EXPECT_EQ(file["deleted"], e.deleted);
    if (e.type == "r/r" && e.inode != "0" && (!e.deleted || file.contains("hash"))) {
      std::vector<std::string> icat_args = tsk_args;
      EXPECT_EQ(file["hash"]["sha256"], IcatSha256(icat_args, e.inode));
    }
    if (e.type == "d/d") {
      EXPECT_EQ(file["type"], "dir");
    }
    if (e.type == "r/r") {
      EXPECT_EQ(file["type"], "file");
    }
  }
  return ours;
}

// Runs a shell-free command and fails the test when it does not succeed.
inline void MustRun(const std::vector<std::string>& argv, const std::string& input = "") {
  CommandResult r = Run(argv, input);
  ASSERT_EQ(r.exit_code, 0) << argv[0] << ": " << r.err << r.out;
}

// Pseudo-random but reproducible bytes.
inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint64_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s[i] = static_cast<char>(x >> 24);
  }
  return s;
}

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_DISK_CARVE_DISK_TEST_UTIL_H_
