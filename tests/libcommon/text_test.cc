#include "seckit/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace seckit {
namespace {

// Against std::count at every length up to several blocks and every start alignment, with
// matches dense, sparse and absent, and bytes above 0x7f (signed char) as the wanted byte.
TEST(CountByte, AgreesWithStdCountAtEveryLengthAndAlignment) {
  std::mt19937 random(7);
  for (int density : {0, 1, 8, 64, 100}) {
    for (char wanted : {'\n', '\0', '\xff', 'a'}) {
      std::string text(600, 'x');
      for (char& c : text) {
        c = static_cast<int>(random() % 100) < density ? wanted : static_cast<char>(random());
        if (density == 0 && c == wanted) c = static_cast<char>(wanted + 1);
      }
      for (size_t start = 0; start < 17; ++start) {
        for (size_t length = 0; start + length <= text.size(); length += 1 + length / 16) {
          std::string_view view(text.data() + start, length);
          ASSERT_EQ(CountByte(view, wanted),
                    static_cast<size_t>(std::count(view.begin(), view.end(), wanted)))
              << "density " << density << ", start " << start << ", length " << length;
        }
      }
    }
  }
}

// Over 255 blocks of 16 bytes, where each lane's 8-bit counter must be summed before it wraps.
TEST(CountByte, CountsBeyondTheLaneCapacity) {
  std::string all_newlines(16 * 1000 + 5, '\n');
  EXPECT_EQ(CountByte(all_newlines, '\n'), all_newlines.size());
  EXPECT_EQ(CountByte(all_newlines, 'a'), 0u);
  EXPECT_EQ(CountByte({}, '\n'), 0u);
}

}  // namespace
}  // namespace seckit
