// HandOff between two real threads: every chunk arrives once and in order, the chunks are reused
// (memory bounded by their number), the producer's status reaches the consumer, and Stop frees a
// producer waiting for a chunk the consumer will never give back.
#include "seckit/hand_off.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <vector>

namespace seckit {
namespace {

struct Numbers {
  std::vector<int> values;
};

TEST(HandOff, DeliversEveryChunkInOrderThroughAFewReusedOnes) {
  constexpr int kChunks = 1000, kPerChunk = 7;
  HandOff<Numbers> hand_off(3);
  std::thread producer([&] {
    for (int c = 0; c < kChunks; ++c) {
      std::unique_ptr<Numbers> chunk = hand_off.TakeFree();
      ASSERT_NE(chunk, nullptr);
      chunk->values.clear();
      for (int i = 0; i < kPerChunk; ++i) chunk->values.push_back(c * kPerChunk + i);
      hand_off.Publish(std::move(chunk));
    }
    hand_off.Finish(Status::DataError("end of the test input"));
  });
  int expected = 0;
  std::set<const Numbers*> distinct;
  while (std::unique_ptr<Numbers> chunk = hand_off.TakeFull()) {
    distinct.insert(chunk.get());
    for (int v : chunk->values) EXPECT_EQ(v, expected++);
    hand_off.GiveBack(std::move(chunk));
  }
  producer.join();
  EXPECT_EQ(expected, kChunks * kPerChunk);
  EXPECT_LE(distinct.size(), 3u);
  EXPECT_EQ(hand_off.status().code(), ExitCode::kDataError);
  EXPECT_EQ(hand_off.status().message(), "end of the test input");
}

TEST(HandOff, StopReleasesAProducerWaitingForAFreeChunk) {
  HandOff<Numbers> hand_off(2);
  std::vector<std::unique_ptr<Numbers>> kept;  // the consumer holds on to every chunk
  std::thread producer([&] {
    while (std::unique_ptr<Numbers> chunk = hand_off.TakeFree()) hand_off.Publish(std::move(chunk));
    hand_off.Finish(Status::Interrupted());
  });
  bool waited = true;
  kept.push_back(hand_off.TakeFull(&waited));
  kept.push_back(hand_off.TakeFull());
  ASSERT_NE(kept[0], nullptr);
  ASSERT_NE(kept[1], nullptr);
  hand_off.Stop();  // the producer now waits in TakeFree: it must get null and finish
  producer.join();
  EXPECT_EQ(hand_off.TakeFull(), nullptr);
  EXPECT_EQ(hand_off.status().code(), ExitCode::kInterrupted);
}

TEST(HandOff, SaysWhetherTheCallerHadToWait) {
  HandOff<Numbers> hand_off(1);
  bool waited = true;
  hand_off.Publish(hand_off.TakeFree(&waited));  // one thread may play both sides
  EXPECT_FALSE(waited);
  hand_off.GiveBack(hand_off.TakeFull(&waited));
  EXPECT_FALSE(waited);
  // The producer publishes long after this thread asked (200 ms: a descheduled test thread must
  // not make the test fail), so this thread waits.
  std::thread producer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    hand_off.Publish(hand_off.TakeFree());
    hand_off.Finish(Status::Ok());
  });
  std::unique_ptr<Numbers> chunk = hand_off.TakeFull(&waited);  // nothing published yet
  EXPECT_TRUE(waited);
  ASSERT_NE(chunk, nullptr);
  hand_off.GiveBack(std::move(chunk));
  producer.join();
  EXPECT_EQ(hand_off.TakeFull(&waited), nullptr);
  EXPECT_FALSE(waited);  // finished: nothing to wait for
}

}  // namespace
}  // namespace seckit
