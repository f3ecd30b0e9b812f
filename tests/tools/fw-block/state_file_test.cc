// The state file: round trip, atomic replacement, refusal of a damaged file, and the lock that
// serialises two runs.
#include "state_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "test_support.h"

namespace seckit::fw_block {
namespace {

using testing::TempDir;

ino_t Inode(const std::filesystem::path& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST(StateFile, RoundTripAndAtomicReplacement) {
  TempDir dir;
  const std::string path = (dir / "sub" / "state").string();  // the directory is created
  {
    Result<StateFile> state = StateFile::Load(path, true);
    ASSERT_TRUE(state.ok()) << state.status().message();
    EXPECT_TRUE(state->entries().empty());
    state->entries().push_back({*Cidr::Parse("203.0.113.7"), "nft", "", 1'765'000'000'000'000'000,
                                1'765'000'360'000'000'000, "listed in x", "x:1", ""});
    state->entries().push_back({*Cidr::Parse("2001:db8::/48"), "ipset", "admin@fw1",
                                1'765'000'000'000'000'000, 0, "", "", R"({"rule":{"id":"x"}})"});
    ASSERT_TRUE(state->Save().ok());
  }
  EXPECT_EQ(
      testing::ReadFile(dir / "sub" / "state"),
      "{\"address\":\"203.0.113.7\",\"backend\":\"nft\",\"added\":\"2025-12-06T05:46:40.000000Z\","
      "\"expires\":\"2025-12-06T05:52:40.000000Z\",\"reason\":\"listed in x\",\"source\":\"x:1\"}\n"
      "{\"address\":\"2001:db8::/48\",\"backend\":\"ipset\",\"host\":\"admin@fw1\","
      "\"added\":\"2025-12-06T05:46:40.000000Z\",\"record\":{\"rule\":{\"id\":\"x\"}}}\n");
  const ino_t before = Inode(dir / "sub" / "state");
  Result<StateFile> again = StateFile::Load(path, true);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->entries().size(), 2u);
  EXPECT_EQ(again->entries()[0].expires, 1'765'000'360'000'000'000);
  EXPECT_EQ(again->entries()[1].host, "admin@fw1");
  EXPECT_EQ(again->entries()[1].expires, 0);
  EXPECT_EQ(again->entries()[1].record, R"({"rule":{"id":"x"}})");
  ASSERT_TRUE(again->Save().ok());
  EXPECT_NE(Inode(dir / "sub" / "state"), before);  // replaced by rename, not rewritten in place
}

TEST(StateFile, DamagedLineIsAConfigErrorNamingTheLine) {
  TempDir dir;
  testing::WriteFile(dir / "state",
                     "{\"address\":\"203.0.113.7\",\"backend\":\"nft\","
                     "\"added\":\"2026-01-01T00:00:00Z\"}\n{\"address\":\"x\"}\n");
  Result<StateFile> state = StateFile::Load((dir / "state").string(), false);
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.status().code(), ExitCode::kConfig);
  EXPECT_NE(state.status().message().find("state:2"), std::string::npos);
}

TEST(StateFile, SecondRunWaitsForTheLock) {
  TempDir dir;
  const std::string path = (dir / "state").string();
  std::atomic<bool> second_has_it{false};
  std::thread second;
  {
    Result<StateFile> first = StateFile::Load(path, true);
    ASSERT_TRUE(first.ok());
    second = std::thread([&] {
      Result<StateFile> s = StateFile::Load(path, true);
      second_has_it = s.ok();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(second_has_it.load());
  }  // the first run ends: its lock is released
  second.join();
  EXPECT_TRUE(second_has_it.load());
}

}  // namespace
}  // namespace seckit::fw_block
