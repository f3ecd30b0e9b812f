// HelperThread: tasks run on another thread, one at a time, Wait() sees their effects and their
// exceptions.
#include "helper_thread.h"

#include <gtest/gtest.h>

#include <chrono>
#include <new>
#include <thread>

namespace seckit::log_grep {
namespace {

TEST(HelperThread, RunsEachTaskElsewhereAndWaitSeesItsEffects) {
  HelperThread helper;
  const std::thread::id owner = std::this_thread::get_id();
  long total = 0;
  for (long i = 1; i <= 1000; ++i) {
    std::thread::id ran_on;
    helper.Start([&, i] {
      total += i;
      ran_on = std::this_thread::get_id();
    });
    helper.Wait();
    ASSERT_NE(ran_on, owner);
  }
  EXPECT_EQ(total, 500500);
}

TEST(HelperThread, WaitRethrowsWhatTheTaskThrewAndTheHelperGoesOn) {
  HelperThread helper;
  helper.Start([] { throw std::bad_alloc(); });
  EXPECT_THROW(helper.Wait(), std::bad_alloc);
  bool ran = false;
  helper.Start([&] { ran = true; });
  EXPECT_NO_THROW(helper.Wait());
  EXPECT_TRUE(ran);
}

TEST(HelperThread, DestructionWaitsForARunningTask) {
  bool finished = false;
  {
    HelperThread helper;
    helper.Start([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      finished = true;
    });
  }
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace seckit::log_grep
