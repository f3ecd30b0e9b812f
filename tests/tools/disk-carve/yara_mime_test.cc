// --yara and --mime: matches agree with the yara command-line tool and libmagic's file(1) on the
// same bytes; rules that do not compile are reported with file:line, and exit 78 when none do.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "disk_test_util.h"

namespace seckit::testing {
namespace {

const char* kEicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

const char* kOwnRule = R"(rule planted_marker : tagged demo {
  meta:
    author = "seckit test"
    score = 75
    strong = true
  strings:
    $m = "PLANTED-MARKER-4711"
  condition:
    $m
})";

// An ext4 image with an EICAR file, a file with the marker (then deleted) and a PNG.
std::string BuildImage(const TempDir& dir) {
  const std::string img = (dir / "y.img").string();
  EXPECT_EQ(RunCmd({"mkfs.ext4", "-q", "-F", "-b", "1024", img, "8M"}).exit_code, 0);
  WriteFile(dir / "eicar.com", kEicar);
  WriteFile(dir / "marker.txt", "some text PLANTED-MARKER-4711 more text\n");
  EXPECT_EQ(RunCmd({"python3",
                    std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_carve_image.py",
                    "--samples", dir.path().string()})
                .exit_code,
            0);
  std::ofstream(dir / "cmds") << "write " << (dir / "eicar.com").string() << " eicar.com\n"
                              << "write " << (dir / "marker.txt").string() << " marker.txt\n"
                              << "write " << (dir / "kept.png").string() << " pic.png\n"
                              << "rm marker.txt\n";
  EXPECT_EQ(RunCmd({"debugfs", "-w", "-f", (dir / "cmds").string(), img}).exit_code, 0);
  return img;
}

// The rule names the yara tool reports for a file.
std::set<std::string> YaraCli(const std::string& rules, const std::string& file) {
  std::set<std::string> names;
  for (const std::string& line : SplitLines(RunCmd({"yara", "-w", rules, file}).out)) {
    names.insert(line.substr(0, line.find(' ')));
  }
  return names;
}

TEST(Yara, MatchesAgreeWithYaraCli) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("yara") || !HaveProgram("python3")) {
    GTEST_SKIP() << "no e2fsprogs/yara/python3";
  }
  SECKIT_REQUIRE_CORPUS(eicar_rules, "yara/yararules_MALW_Eicar.yar");
  TempDir dir;
  const std::string img = BuildImage(dir);
  std::filesystem::create_directories(dir / "rules");
  std::filesystem::copy_file(eicar_rules, dir / "rules" / "eicar.yar");
  WriteFile(dir / "rules" / "own.yara", kOwnRule);
  WriteFile(dir / "all.yar", std::string(kOwnRule) + "\n" + ReadFile(eicar_rules));
  CommandResult r = RunCmd({DiskCarve(), "list", img, "--yara", (dir / "rules").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_path;
  for (const auto& rec : ParseRecords(r.out)) by_path[rec["file"]["path"]] = rec;
  const nlohmann::json& eicar = by_path["/eicar.com"];
  EXPECT_EQ(eicar["event"]["kind"], "alert");
  ASSERT_EQ(eicar["yara"]["matches"].size(), 1u);
  EXPECT_EQ(eicar["yara"]["matches"][0]["rule"], "eicar");
  EXPECT_EQ(YaraCli((dir / "all.yar").string(), (dir / "eicar.com").string()),
            (std::set<std::string>{"eicar"}));
  // The deleted file is scanned too, where its data is still there.
  const nlohmann::json& marker = by_path["/marker.txt"];
  ASSERT_TRUE(marker.contains("yara")) << marker.dump();
  const nlohmann::json& m = marker["yara"]["matches"][0];
  EXPECT_EQ(m["rule"], "planted_marker");
  EXPECT_EQ(m["tags"], nlohmann::json::array({"tagged", "demo"}));
  EXPECT_EQ(m["meta"]["author"], "seckit test");
  EXPECT_EQ(m["meta"]["score"], 75);
  EXPECT_EQ(m["meta"]["strong"], true);
  EXPECT_EQ(YaraCli((dir / "all.yar").string(), (dir / "marker.txt").string()),
            (std::set<std::string>{"planted_marker"}));
  EXPECT_EQ(by_path["/pic.png"]["event"]["kind"], "event");
  EXPECT_EQ(by_path["/pic.png"]["yara"]["matches"].size(), 0u);
}

TEST(Yara, BadRulesReportedWithFileAndLine) {
  SECKIT_REQUIRE_CORPUS(bad, "yara/sigbase_gen_webshells_ext_vars_NEEDS_EXTERNALS.yar");
  SECKIT_REQUIRE_CORPUS(good, "yara/yararules_MALW_Eicar.yar");
  SECKIT_REQUIRE_CORPUS(image, "disk/image.E01");
  CommandResult none = RunCmd({DiskCarve(), "list", image.string(), "--yara", bad.string()});
  EXPECT_EQ(none.exit_code, 78);
  EXPECT_NE(none.err.find(bad.string() + ":97:"), std::string::npos) << none.err;
  EXPECT_EQ(none.out, "");
  TempDir dir;
  std::filesystem::copy_file(bad, dir / "bad.yar");
  std::filesystem::copy_file(good, dir / "good.yar");
  CommandResult some = RunCmd({DiskCarve(), "list", image.string(), "--yara", dir.path().string()});
  EXPECT_EQ(some.exit_code, 0);
  EXPECT_NE(some.err.find("bad.yar:97:"), std::string::npos) << some.err;
  EXPECT_FALSE(some.out.empty());
  EXPECT_EQ(RunCmd({DiskCarve(), "list", image.string(), "--yara", "/nonexistent.yar"}).exit_code,
            78);
}

TEST(Mime, AgreesWithFileCommand) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("file") || !HaveProgram("python3")) {
    GTEST_SKIP() << "no e2fsprogs/file/python3";
  }
  TempDir dir;
  const std::string img = BuildImage(dir);
  CommandResult r = RunCmd({DiskCarve(), "list", img, "--mime"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_path;
  for (const auto& rec : ParseRecords(r.out)) by_path[rec["file"]["path"]] = rec;
  auto file_says = [](const std::filesystem::path& p) {
    std::string out = RunCmd({"file", "-b", "--mime-type", p.string()}).out;
    return out.substr(0, out.find('\n'));
  };
  EXPECT_EQ(by_path["/pic.png"]["file"]["mime_type"], "image/png");
  EXPECT_EQ(by_path["/pic.png"]["file"]["mime_type"], file_says(dir / "kept.png"));
  EXPECT_EQ(by_path["/eicar.com"]["file"]["mime_type"], file_says(dir / "eicar.com"));
}

TEST(Yara, CarveAppliesRules) {
  if (!HaveProgram("python3")) GTEST_SKIP() << "no python3";
  TempDir dir;
  const std::string img = (dir / "c.img").string();
  MustRun({"python3",
           std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_carve_image.py", img,
           (dir / "p.json").string(), "8"});
  WriteFile(dir / "pdf.yar", "rule pdf_text { strings: $t = \"(planted) Tj\" condition: $t }");
  CommandResult r = RunCmd({DiskCarve(), "carve", img, "--out", (dir / "o").string(), "--yara",
                            (dir / "pdf.yar").string(), "--mime"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int alerts = 0;
  for (const auto& rec : ParseRecords(r.out)) {
    if (rec["event"]["kind"] == "alert") {
      ++alerts;
      EXPECT_EQ(rec["disk"]["carved"]["type"], "pdf");
      EXPECT_EQ(rec["yara"]["matches"][0]["rule"], "pdf_text");
      EXPECT_EQ(rec["file"]["mime_type"], "application/pdf");
    }
  }
  EXPECT_EQ(alerts, 1);
}

}  // namespace
}  // namespace seckit::testing
