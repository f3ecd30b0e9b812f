// disk-carve list against Sleuth Kit's own fls -r -p and icat | sha256sum, on the corpus images
// and on images built here with mkfs.vfat + mtools, mkfs.ext4 + debugfs, mkntfs + ntfscp, parted
// (an Apple partition map), mkfs.exfat, and a loop device.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "disk_test_util.h"

namespace seckit::testing {
namespace {

void ExpectCorpusImage(const std::string& name) {
  const std::filesystem::path image = CorpusFile("disk/" + name);
  if (image.empty()) GTEST_SKIP() << "corpus file disk/" << name << " not found";
  ExpectSameAsFls({image.string()}, {image.string()});
}

TEST(ListCorpus, Ext2Raw) { ExpectCorpusImage("ext2.raw"); }
TEST(ListCorpus, Ext2E01) { ExpectCorpusImage("ext2.E01"); }
TEST(ListCorpus, ImageE01WithDeletedNames) { ExpectCorpusImage("image.E01"); }
TEST(ListCorpus, Imynd) { ExpectCorpusImage("imynd.dd"); }
TEST(ListCorpus, SyslogImage) { ExpectCorpusImage("syslog_image.dd"); }
TEST(ListCorpus, Iso9660) { ExpectCorpusImage("iso9660.raw"); }
TEST(ListCorpus, HfsPlus) { ExpectCorpusImage("hfsplus.raw"); }

// An APFS container: its volume is read through libtsk's pool layer, as fls -P apfs -B 107.
TEST(ListCorpus, ApfsPoolVolume) {
  SECKIT_REQUIRE_CORPUS(image, "disk/apfs.raw");
  auto ours = ExpectSameAsFls({image.string()}, {"-P", "apfs", "-B", "107", image.string()});
  ASSERT_TRUE(ours.count("passwords.txt"));
  EXPECT_EQ(ours["passwords.txt"]["disk"]["fs"]["type"], "apfs");
  EXPECT_EQ(ours["passwords.txt"]["disk"]["pool"]["volume_block"], 107);
}

TEST(ListCorpus, VolumeSystemWalksEveryPartition) {
  SECKIT_REQUIRE_CORPUS(image, "disk/tsk_volume_system.raw");
  // p5 (mmls slot 006, sector 352) holds the only file system; p1 is zeros and gets a warning.
  auto ours = ExpectSameAsFls({image.string()}, {"-o", "352", image.string()});
  for (const auto& [path, rec] : ours) {
    EXPECT_EQ(rec["disk"]["partition"]["offset"], 180224);
    EXPECT_EQ(rec["disk"]["partition"]["index"], 6);
    EXPECT_EQ(rec["disk"]["fs"]["type"], "ext2");
  }
  CommandResult r = RunCmd({DiskCarve(), "list", image.string()});
  EXPECT_NE(r.err.find("offset 512"), std::string::npos) << r.err;
  CommandResult only = RunCmd({DiskCarve(), "list", "--partition", "6", image.string()});
  EXPECT_EQ(only.exit_code, 0);
  EXPECT_EQ(only.err, "");
  CommandResult bad = RunCmd({DiskCarve(), "list", "--partition", "9", image.string()});
  EXPECT_EQ(bad.exit_code, 64);
}

TEST(ListCorpus, E01SameAsRaw) {
  SECKIT_REQUIRE_CORPUS(raw, "disk/ext2.raw");
  SECKIT_REQUIRE_CORPUS(e01, "disk/ext2.E01");
  auto strip = [](const std::string& out) {
    std::vector<std::string> lines;
    for (nlohmann::json rec : ParseRecords(out)) {
      rec.erase("@timestamp");
      rec["disk"].erase("image");
      lines.push_back(rec.dump());
    }
    return lines;
  };
  EXPECT_EQ(strip(RunCmd({DiskCarve(), "list", "--hash", "md5", raw.string()}).out),
            strip(RunCmd({DiskCarve(), "list", "--hash", "md5", e01.string()}).out));
}

TEST(ListCorpus, SplitRawSameAsWhole) {
  SECKIT_REQUIRE_CORPUS(raw, "disk/ext2.raw");
  TempDir dir;
  MustRun({"split", "-b", "1000000", "-d", "-a", "3", "--numeric-suffixes=1", raw.string(),
           (dir / "ext2.").string()});
  ASSERT_TRUE(std::filesystem::exists(dir / "ext2.005"));
  auto digests = [](const std::string& out) {
    std::vector<std::string> v;
    for (const nlohmann::json& rec : ParseRecords(out)) {
      const nlohmann::json& file = rec["file"];
      v.push_back(file["path"].get<std::string>() + " " +
                  (file.contains("hash") ? file["hash"]["sha1"].get<std::string>() : "-"));
    }
    return v;
  };
  CommandResult split =
      RunCmd({DiskCarve(), "list", "--hash", "sha1", (dir / "ext2.001").string()});
  EXPECT_EQ(split.exit_code, 0) << split.err;
  EXPECT_EQ(digests(split.out),
            digests(RunCmd({DiskCarve(), "list", "--hash", "sha1", raw.string()}).out));
}

TEST(ListCorpus, BodyfileMatchesFlsM) {
  for (const char* name : {"image.E01", "hfsplus.raw", "syslog_image.dd"}) {
    const std::filesystem::path image = CorpusFile(std::string("disk/") + name);
    if (image.empty()) GTEST_SKIP() << "corpus absent";
    CommandResult ours = RunCmd({DiskCarve(), "list", "--bodyfile", image.string()});
    CommandResult fls = RunCmd({"fls", "-r", "-m", "/", image.string()});
    std::vector<std::string> a = SplitLines(ours.out), b = SplitLines(fls.out);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << name;
  }
}

// A FAT image written with mtools, with files then deleted.
TEST(ListBuilt, FatWithDeletedFiles) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy")) GTEST_SKIP() << "no dosfstools/mtools";
  TempDir dir;
  const std::string img = (dir / "fat.img").string();
  MustRun({"mkfs.vfat", "-C", img, "4096"});
  WriteFile(dir / "a.txt", "alpha\n");
  WriteFile(dir / "big.bin", RandomBytes(300000, 1));
  WriteFile(dir / "gone.txt", RandomBytes(5000, 2));
  MustRun({"mmd", "-i", img, "::/docs"});
  MustRun({"mcopy", "-i", img, (dir / "a.txt").string(), "::/docs/a.txt"});
  MustRun({"mcopy", "-i", img, (dir / "big.bin").string(), "::/big.bin"});
  MustRun({"mcopy", "-i", img, (dir / "gone.txt").string(), "::/docs/gone.txt"});
  MustRun({"mdel", "-i", img, "::/docs/gone.txt"});
  auto ours = ExpectSameAsFls({img}, {img});
  ASSERT_TRUE(ours.count("big.bin"));
  EXPECT_EQ(ours["big.bin"]["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "big.bin")));
  EXPECT_EQ(ours["big.bin"]["disk"]["fs"]["type"], "fat12");
  bool deleted_seen = false;
  for (const auto& [path, rec] : ours) deleted_seen |= rec["file"]["deleted"].get<bool>();
  EXPECT_TRUE(deleted_seen);
}

// A block device: the FAT image of the test above attached to a loop device, listed through the
// device node and compared with fls on the same node.
TEST(ListBuilt, BlockDevice) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy") || !HaveProgram("losetup")) {
    GTEST_SKIP() << "no dosfstools/mtools/losetup";
  }
  TempDir dir;
  const std::string img = (dir / "fat.img").string();
  MustRun({"mkfs.vfat", "-C", img, "2048"});
  WriteFile(dir / "note.txt", RandomBytes(7000, 3));
  MustRun({"mcopy", "-i", img, (dir / "note.txt").string(), "::/note.txt"});
  CommandResult attach = RunCmd({"losetup", "--find", "--show", "--read-only", img});
  if (attach.exit_code != 0) GTEST_SKIP() << "cannot attach a loop device here: " << attach.err;
  std::string device = attach.out.substr(0, attach.out.find('\n'));
  struct Detach {
    std::string device;
    ~Detach() { RunCmd({"losetup", "--detach", device}); }
  } detach{device};
  ASSERT_TRUE(std::filesystem::is_block_file(device)) << device;
  auto ours = ExpectSameAsFls({device}, {device});
  ASSERT_TRUE(ours.count("note.txt"));
  EXPECT_EQ(ours["note.txt"]["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "note.txt")));
  EXPECT_EQ(ours["note.txt"]["disk"]["image"]["path"], device);
}

// An ext4 image written with debugfs, with files then deleted.
TEST(ListBuilt, Ext4WithDeletedFiles) {
  if (!HaveProgram("mkfs.ext4") || !HaveProgram("debugfs")) GTEST_SKIP() << "no e2fsprogs";
  TempDir dir;
  const std::string img = (dir / "ext4.img").string();
  MustRun({"mkfs.ext4", "-q", "-F", "-b", "1024", img, "8M"});
  WriteFile(dir / "keep.bin", RandomBytes(200000, 3));
  WriteFile(dir / "gone.bin", RandomBytes(40000, 4));
  std::ofstream(dir / "cmds") << "mkdir docs\nwrite " << (dir / "keep.bin").string()
                              << " docs/keep.bin\nwrite " << (dir / "gone.bin").string()
                              << " gone.bin\nrm gone.bin\n";
  MustRun({"debugfs", "-w", "-f", (dir / "cmds").string(), img});
  auto ours = ExpectSameAsFls({img}, {img});
  ASSERT_TRUE(ours.count("docs/keep.bin"));
  EXPECT_EQ(ours["docs/keep.bin"]["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "keep.bin")));
  EXPECT_EQ(ours["docs/keep.bin"]["file"]["mode"], "0644");
  ASSERT_TRUE(ours.count("gone.bin"));
  EXPECT_TRUE(ours["gone.bin"]["file"]["deleted"].get<bool>());
}

// An NTFS image written with ntfscp, with an alternate data stream.
TEST(ListBuilt, NtfsAlternateDataStream) {
  if (!HaveProgram("mkntfs") || !HaveProgram("ntfscp")) GTEST_SKIP() << "no ntfs-3g";
  TempDir dir;
  const std::string img = (dir / "ntfs.img").string();
  MustRun({"truncate", "-s", "16M", img});
  MustRun({"mkntfs", "-q", "-F", "-f", img});
  WriteFile(dir / "main.txt", "the main stream\n");
  WriteFile(dir / "hidden.txt", "payload hidden in a stream\n");
  MustRun({"ntfscp", "-f", img, (dir / "main.txt").string(), "main.txt"});
  MustRun({"ntfscp", "-f", "-N", "secret", img, (dir / "hidden.txt").string(), "main.txt"});
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "sha256", img});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> ours;
  for (const nlohmann::json& rec : ParseRecords(r.out)) ours[rec["file"]["path"]] = rec;
  ASSERT_TRUE(ours.count("/main.txt:secret")) << r.out;
  const nlohmann::json& ads = ours["/main.txt:secret"]["file"];
  EXPECT_EQ(ads["hash"]["sha256"], Sha256Of(ReadFile(dir / "hidden.txt")));
  EXPECT_EQ(ads["hash"]["sha256"], IcatSha256({img}, ads["inode"]));
  EXPECT_EQ(ours["/main.txt"]["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "main.txt")));
  // Every name fls lists (one per data attribute, streams as name:stream), with icat's bytes.
  ExpectSameAsFls({img}, {img});
}

// An Apple partition map (written by parted) holding a FAT file system: walked as fls -o sees it,
// in the mmls slot of its partition.
TEST(ListBuilt, MacPartitionMap) {
  if (!HaveProgram("parted") || !HaveProgram("mkfs.vfat") || !HaveProgram("mcopy")) {
    GTEST_SKIP() << "no parted/dosfstools/mtools";
  }
  TempDir dir;
  const std::string img = (dir / "mac.img").string();
  MustRun({"truncate", "-s", "8M", img});
  MustRun({"parted", "-s", img, "mklabel", "mac", "mkpart", "p1", "fat32", "1MiB", "4MiB"});
  MustRun({"mkfs.vfat", "--offset=2048", img, "3072"});
  WriteFile(dir / "mac.txt", RandomBytes(4000, 41));
  MustRun({"mcopy", "-i", img + "@@1048576", (dir / "mac.txt").string(), "::/mac.txt"});
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "sha256", img});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> ours;
  for (const auto& rec : ParseRecords(r.out)) ours[rec["file"]["path"]] = rec;
  const std::vector<FlsEntry> reference = Fls({"-o", "2048", img});
  ASSERT_FALSE(reference.empty());
  EXPECT_EQ(ours.size(), reference.size());
  for (const FlsEntry& e : reference) {
    ASSERT_TRUE(ours.count("/" + e.path)) << e.path;
    EXPECT_EQ(ours.at("/" + e.path)["file"]["inode"], e.inode);
  }
  const nlohmann::json& file = ours["/mac.txt"];
  EXPECT_EQ(file["file"]["hash"]["sha256"], Sha256Of(ReadFile(dir / "mac.txt")));
  EXPECT_EQ(file["disk"]["partition"]["offset"], 1048576);
  EXPECT_EQ(file["disk"]["partition"]["index"], 4);  // mmls: 004, Apple partition at sector 2048
}

// exFAT, as mkfs.exfat writes it (nothing here can add files to exFAT without mounting it): the
// metadata files and the root, the same as fls.
TEST(ListBuilt, Exfat) {
  if (!HaveProgram("mkfs.exfat")) GTEST_SKIP() << "no exfatprogs";
  TempDir dir;
  const std::string img = (dir / "exfat.img").string();
  MustRun({"truncate", "-s", "8M", img});
  MustRun({"mkfs.exfat", "-L", "EVIDENCE", img});
  auto ours = ExpectSameAsFls({img}, {img});
  ASSERT_FALSE(ours.empty());
  EXPECT_EQ(ours.begin()->second["disk"]["fs"]["type"], "exfat");
}

// A GPT disk (written by make_gpt_image.py) with a FAT and an ext4 partition: both are walked,
// each as fls -o sees it, and --partition picks one.
TEST(ListBuilt, GptEveryPartition) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy") || !HaveProgram("debugfs") ||
      !HaveProgram("python3")) {
    GTEST_SKIP() << "no dosfstools/mtools/e2fsprogs/python3";
  }
  TempDir dir;
  const std::string img = (dir / "gpt.img").string();
  MustRun({"python3", std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_gpt_image.py",
           img});
  MustRun({"mkfs.vfat", "--offset=2048", img, "4096"});
  MustRun({"mkfs.ext4", "-q", "-F", "-E", "offset=6291456", img, "8M"});
  WriteFile(dir / "fat.txt", RandomBytes(3000, 31));
  WriteFile(dir / "ext.bin", RandomBytes(50000, 32));
  MustRun({"mcopy", "-i", img + "@@1048576", (dir / "fat.txt").string(), "::/fat.txt"});
  MustRun({"debugfs", "-w", "-R", "write " + (dir / "ext.bin").string() + " ext.bin",
           img + "?offset=6291456"});
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "sha256", img});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<int, std::map<std::string, nlohmann::json>> by_partition;
  for (const auto& rec : ParseRecords(r.out)) {
    by_partition[rec["disk"]["partition"]["index"].get<int>()][rec["file"]["path"]] = rec;
  }
  ASSERT_EQ(by_partition.size(), 2u);
  // mmls slots 004 (sector 2048) and 006 (sector 12288).
  for (const auto& [slot, sector] : {std::pair<int, std::string>{4, "2048"}, {6, "12288"}}) {
    const auto& ours = by_partition[slot];
    const std::vector<FlsEntry> reference = Fls({"-o", sector, img});
    EXPECT_EQ(ours.size(), reference.size());
    for (const FlsEntry& e : reference) {
      ASSERT_TRUE(ours.count("/" + e.path)) << e.path;
      EXPECT_EQ(ours.at("/" + e.path)["file"]["inode"], e.inode);
    }
  }
  EXPECT_EQ(by_partition[4]["/fat.txt"]["file"]["hash"]["sha256"],
            Sha256Of(ReadFile(dir / "fat.txt")));
  EXPECT_EQ(by_partition[6]["/ext.bin"]["file"]["hash"]["sha256"],
            Sha256Of(ReadFile(dir / "ext.bin")));
  EXPECT_EQ(by_partition[6]["/ext.bin"]["disk"]["partition"]["offset"], 6291456);
  CommandResult one = RunCmd({DiskCarve(), "list", "--partition", "6", img});
  for (const auto& rec : ParseRecords(one.out)) EXPECT_EQ(rec["disk"]["fs"]["type"], "ext4");
}

// One allocated partition as mmls lists it: "002:  000  0000000064  0000008255  0000008192  MSDOS".
struct MmlsPartition {
  int slot = 0;        // mmls's own slot number (the first column), what --partition takes
  uint64_t start = 0;  // in 512-byte sectors
  std::string description;
};

std::vector<MmlsPartition> MmlsAllocated(const std::string& image) {
  CommandResult r = RunCmd({"mmls", image});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<MmlsPartition> parts;
  for (const std::string& line : SplitLines(r.out)) {
    std::istringstream in(line);
    std::string slot, table_slot, start, end, length;
    if (!(in >> slot >> table_slot >> start >> end >> length)) continue;
    if (slot.size() != 4 || slot.back() != ':' || table_slot == "Meta" || table_slot[0] == '-') {
      continue;
    }
    MmlsPartition p;
    p.slot = std::stoi(slot.substr(0, 3));
    p.start = std::stoull(start);
    std::getline(in >> std::ws, p.description);
    parts.push_back(p);
  }
  return parts;
}

// A BSD disklabel (written by make_bsd_image.py) with two FAT partitions and an empty one: every
// partition mmls lists is walked, each FAT as fls -o sees it, the empty one gets a warning naming
// its offset, and --partition picks one.
TEST(ListBuilt, BsdDisklabelEveryPartition) {
  if (!HaveProgram("mkfs.vfat") || !HaveProgram("mcopy") || !HaveProgram("python3")) {
    GTEST_SKIP() << "no dosfstools/mtools/python3";
  }
  TempDir dir;
  const std::string img = (dir / "bsd.img").string();
  MustRun({"python3", std::string(SECKIT_SOURCE_DIR) + "/tests/tools/disk-carve/make_bsd_image.py",
           img});
  MustRun({"mkfs.vfat", "--offset=64", img, "4096"});
  MustRun({"mkfs.vfat", "--offset=8256", img, "3072"});
  const std::string a = img + "@@" + std::to_string(64 * 512);
  const std::string b = img + "@@" + std::to_string(8256 * 512);
  WriteFile(dir / "a.txt", "in partition a\n");
  WriteFile(dir / "a.bin", RandomBytes(120000, 61));
  WriteFile(dir / "b.bin", RandomBytes(9000, 62));
  MustRun({"mcopy", "-i", a, (dir / "a.txt").string(), "::/a.txt"});
  MustRun({"mmd", "-i", a, "::/sub"});
  MustRun({"mcopy", "-i", a, (dir / "a.bin").string(), "::/sub/a.bin"});
  MustRun({"mcopy", "-i", b, (dir / "b.bin").string(), "::/b.bin"});

  const std::vector<MmlsPartition> mmls = MmlsAllocated(img);
  ASSERT_EQ(mmls.size(), 3u);
  CommandResult r = RunCmd({DiskCarve(), "list", "--hash", "sha256", img});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<int, std::map<std::string, nlohmann::json>> by_slot;
  for (const auto& rec : ParseRecords(r.out)) {
    by_slot[rec["disk"]["partition"]["index"].get<int>()][rec["file"]["path"]] = rec;
  }
  for (const MmlsPartition& part : mmls) {
    SCOPED_TRACE("mmls slot " + std::to_string(part.slot) + ": " + part.description);
    const uint64_t offset = part.start * 512;
    if (part.description.rfind("MSDOS", 0) != 0) {
      // No file system: named by its offset, and nothing listed from it.
      EXPECT_NE(r.err.find("offset " + std::to_string(offset)), std::string::npos) << r.err;
      EXPECT_EQ(by_slot.count(part.slot), 0u);
      continue;
    }
    ASSERT_EQ(by_slot.count(part.slot), 1u);
    const auto& ours = by_slot[part.slot];
    const std::vector<FlsEntry> reference = Fls({"-o", std::to_string(part.start), img});
    EXPECT_EQ(ours.size(), reference.size());
    for (const FlsEntry& e : reference) {
      ASSERT_TRUE(ours.count("/" + e.path)) << e.path;
      const nlohmann::json& rec = ours.at("/" + e.path);
      EXPECT_EQ(rec["file"]["inode"], e.inode);
      EXPECT_EQ(rec["disk"]["partition"]["offset"], offset);
      EXPECT_EQ(rec["disk"]["partition"]["description"], part.description);
      EXPECT_EQ(rec["disk"]["fs"]["offset"], offset);
      if (e.type == "r/r") {
        EXPECT_EQ(rec["file"]["hash"]["sha256"],
                  IcatSha256({"-o", std::to_string(part.start), img}, e.inode));
      }
    }
  }
  EXPECT_EQ(by_slot.size(), 2u);
  EXPECT_EQ(by_slot[mmls[0].slot]["/sub/a.bin"]["file"]["hash"]["sha256"],
            Sha256Of(ReadFile(dir / "a.bin")));
  EXPECT_EQ(by_slot[mmls[1].slot]["/b.bin"]["file"]["hash"]["sha256"],
            Sha256Of(ReadFile(dir / "b.bin")));

  // --partition picks the second FAT alone, the same as fls -o.
  CommandResult one =
      RunCmd({DiskCarve(), "list", "--partition", std::to_string(mmls[1].slot), img});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.err, "");
  const std::vector<nlohmann::json> records = ParseRecords(one.out);
  EXPECT_EQ(records.size(), Fls({"-o", std::to_string(mmls[1].start), img}).size());
  for (const auto& rec : records) {
    EXPECT_EQ(rec["disk"]["partition"]["index"], mmls[1].slot);
    EXPECT_EQ(rec["disk"]["partition"]["offset"], mmls[1].start * 512);
  }
}

}  // namespace
}  // namespace seckit::testing
