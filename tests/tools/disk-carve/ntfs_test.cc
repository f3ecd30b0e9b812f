// disk-carve on NTFS images built here: mkntfs, files written with ntfscp, directories made and
// files deleted with libntfs-3g's own code (disk-carve-test-ntfs-delete, built from
// ntfs_delete.c). Sleuth Kit's fls, fls -d and icat are the reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "disk_test_util.h"

namespace seckit::testing {
namespace {

std::string NtfsHelper() { return (BinDir() / "disk-carve-test-ntfs-delete").string(); }

// Why the NTFS images cannot be built here, or "" when they can.
std::string MissingNtfsTools() {
  if (!HaveProgram("mkntfs") || !HaveProgram("ntfscp")) return "mkntfs/ntfscp (ntfs-3g) missing";
  if (!std::filesystem::exists(NtfsHelper())) {
    return NtfsHelper() + " not built (needs ntfs-3g-dev, libntfs-3g)";
  }
  return "";
}

struct PlantedFile {
  std::string path;  // inside the volume, without the leading slash (as fls -p prints it)
  std::string bytes;
  bool deleted;
};

// Files of every kind NTFS stores differently: resident (data inside the MFT entry, well under
// 700 bytes), non-resident (clusters of their own), in a subdirectory, in a directory that is then
// deleted too.
std::vector<PlantedFile> Planted() {
  return {
      {"tiny.txt", "a resident file, deleted\n", true},
      {"small.txt", RandomBytes(600, 51), true},
      {"big.bin", RandomBytes(300000, 52), true},
      {"keep.bin", RandomBytes(100000, 53), false},
      {"keep.txt", "a resident file, kept\n", false},
      {"docs/mid.bin", RandomBytes(5000, 54), true},
      {"docs/notes.txt", RandomBytes(300, 55), true},
      {"docs/stays.bin", RandomBytes(20000, 56), false},
      {"old/inner.bin", RandomBytes(9000, 57), true},
  };
}

// An NTFS image holding Planted(): written, then the deleted ones (and then the directory "old")
// deleted.
std::string BuildNtfsImage(const TempDir& dir) {
  const std::string img = (dir / "ntfs.img").string();
  MustRun({"truncate", "-s", "16M", img});
  MustRun({"mkntfs", "-q", "-F", "-f", img});
  MustRun({NtfsHelper(), img, "mkdir", "/docs", "mkdir", "/old"});
  int n = 0;
  for (const PlantedFile& f : Planted()) {
    const std::filesystem::path source = dir / ("src" + std::to_string(n++));
    WriteFile(source, f.bytes);
    MustRun({"ntfscp", "-f", img, source.string(), f.path});
  }
  std::vector<std::string> rm = {NtfsHelper(), img};
  for (const PlantedFile& f : Planted()) {
    if (!f.deleted) continue;
    rm.push_back("rm");
    rm.push_back("/" + f.path);
  }
  rm.push_back("rm");
  rm.push_back("/old");
  MustRun(rm);
  return img;
}

TEST(NtfsBuilt, DeletedFilesFoundWhereverFlsFindsThem) {
  const std::string missing = MissingNtfsTools();
  if (!missing.empty()) GTEST_SKIP() << missing;
  TempDir dir;
  const std::string img = BuildNtfsImage(dir);
  if (HasFatalFailure()) return;
  // Every name fls -r -p lists, with its inode and deleted flag (and icat's bytes for the
  // allocated files).
  std::map<std::string, nlohmann::json> ours = ExpectSameAsFls({img}, {img});
  // Every name fls -rd lists (deleted only) is a deleted record here.
  const std::vector<FlsEntry> deleted = Fls({"-d", img});
  size_t planted_deleted = 0;
  for (const PlantedFile& f : Planted()) planted_deleted += f.deleted ? 1 : 0;
  EXPECT_GE(deleted.size(), planted_deleted + 1);  // the files and the directory "old"
  for (const FlsEntry& e : deleted) {
    SCOPED_TRACE(e.path);
    EXPECT_TRUE(e.deleted);
    ASSERT_TRUE(ours.count(e.path)) << "fls -d lists " << e.path << ", disk-carve does not";
    EXPECT_TRUE(ours[e.path]["file"]["deleted"].get<bool>());
    EXPECT_EQ(ours[e.path]["file"]["inode"], e.inode);
  }
  // Nothing overwrote the deleted files: each is listed deleted, with the bytes written, which
  // are also icat's.
  for (const PlantedFile& f : Planted()) {
    SCOPED_TRACE(f.path);
    ASSERT_TRUE(ours.count(f.path));
    const nlohmann::json& file = ours[f.path]["file"];
    EXPECT_EQ(file["deleted"].get<bool>(), f.deleted);
    EXPECT_EQ(file["size"], f.bytes.size());
    ASSERT_TRUE(file.contains("hash"));
    EXPECT_EQ(file["hash"]["sha256"], Sha256Of(f.bytes));
    EXPECT_EQ(file["hash"]["sha256"], IcatSha256({img}, file["inode"]));
  }
  // Both kinds of NTFS data were deleted and found: istat says which is which.
  auto istat = [&](const std::string& path) {
    const std::string inode = ours[path]["file"]["inode"];
    return RunCmd({"istat", img, inode.substr(0, inode.find('-'))}).out;
  };
  EXPECT_NE(istat("small.txt").find("Name: N/A   Resident   size: 600"), std::string::npos);
  EXPECT_NE(istat("big.bin").find("Name: N/A   Non-Resident   size: 300000"), std::string::npos);
  ASSERT_TRUE(ours.count("old"));
  EXPECT_TRUE(ours["old"]["file"]["deleted"].get<bool>());
  EXPECT_EQ(ours["old"]["file"]["type"], "dir");
}

TEST(NtfsBuilt, RecoverDeletedBytesIdenticalToIcat) {
  const std::string missing = MissingNtfsTools();
  if (!missing.empty()) GTEST_SKIP() << missing;
  TempDir dir;
  const std::string img = BuildNtfsImage(dir);
  if (HasFatalFailure()) return;
  CommandResult r =
      RunCmd({DiskCarve(), "recover", img, "--out", (dir / "out").string(), "--deleted"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> recovered;
  for (const nlohmann::json& rec : ParseRecords(r.out)) {
    const std::string path = rec["file"]["path"];
    SCOPED_TRACE(path);
    EXPECT_TRUE(rec["file"]["deleted"].get<bool>());
    const std::string written = rec["disk"]["recovered"]["path"];
    EXPECT_EQ(written.rfind((dir / "out").string() + "/", 0), 0u) << written;
    const std::string bytes = ReadFile(written);
    EXPECT_EQ(Sha256Of(bytes), IcatSha256({img}, rec["file"]["inode"]));
    EXPECT_EQ(Sha256Of(bytes), rec["file"]["hash"]["sha256"]);
    recovered.insert(path.substr(1));
  }
  // Every planted deleted file is among them, byte for byte.
  for (const PlantedFile& f : Planted()) {
    if (!f.deleted) continue;
    SCOPED_TRACE(f.path);
    EXPECT_TRUE(recovered.count(f.path));
    EXPECT_EQ(ReadFile(dir / "out" / f.path), f.bytes);
  }
  // And nothing allocated.
  EXPECT_FALSE(recovered.count("keep.bin"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "docs" / "stays.bin"));
}

// --bodyfile on NTFS: the same lines as fls -r -m / (one per stream and index root, plus the
// "($FILE_NAME)" line with that attribute's times, deleted names marked), compared as sets both
// ways.
TEST(NtfsBuilt, BodyfileMatchesFlsM) {
  const std::string missing = MissingNtfsTools();
  if (!missing.empty()) GTEST_SKIP() << missing;
  TempDir dir;
  const std::string img = BuildNtfsImage(dir);
  if (HasFatalFailure()) return;
  WriteFile(dir / "stream", "an alternate data stream\n");
  MustRun({"ntfscp", "-f", "-N", "ads", img, (dir / "stream").string(), "keep.txt"});
  CommandResult ours = RunCmd({DiskCarve(), "list", "--bodyfile", img});
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  CommandResult fls = RunCmd({"fls", "-r", "-m", "/", img});
  ASSERT_EQ(fls.exit_code, 0) << fls.err;
  const std::vector<std::string> a = SplitLines(ours.out), b = SplitLines(fls.out);
  const std::set<std::string> ours_set(a.begin(), a.end()), fls_set(b.begin(), b.end());
  EXPECT_EQ(a.size(), b.size());
  for (const std::string& line : fls_set) EXPECT_TRUE(ours_set.count(line)) << "missing: " << line;
  for (const std::string& line : ours_set) EXPECT_TRUE(fls_set.count(line)) << "extra: " << line;
  // The kinds of line this image must have produced, so the comparison covered them.
  auto has = [&](const std::string& part) {
    return std::any_of(b.begin(), b.end(),
                       [&](const std::string& l) { return l.find(part) != std::string::npos; });
  };
  EXPECT_TRUE(has("|/keep.txt ($FILE_NAME)|"));
  EXPECT_TRUE(has("|/keep.txt:ads|"));
  EXPECT_TRUE(has("|/docs/mid.bin ($FILE_NAME) (deleted)|"));
  EXPECT_TRUE(has("|/big.bin (deleted)|"));
}

}  // namespace
}  // namespace seckit::testing
