// Tests for LineReader: offsets and numbers, CRLF, last line without newline, lines far longer
// than the buffer, NUL bytes, and agreement with wc -l on the corpus logs.
#include "seckit/line_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::vector<Line> ReadLines(const std::string& path, size_t buffer_size,
                            std::vector<std::string>* texts) {
  auto in = OpenInput(path);
  EXPECT_TRUE(in.ok());
  LineReader reader(**in, buffer_size);
  std::vector<Line> lines;
  Line line;
  while (reader.Next(line)) {
    lines.push_back(line);
    texts->emplace_back(line.text);
  }
  EXPECT_TRUE(reader.status().ok()) << reader.status().message();
  return lines;
}

TEST(LineReader, OffsetsNumbersAndCrlf) {
  TempDir dir;
  WriteFile(dir / "f", "alpha\r\nbeta\n\ngamma");
  std::vector<std::string> texts;
  std::vector<Line> lines = ReadLines((dir / "f").string(), 4, &texts);
  ASSERT_EQ(texts, (std::vector<std::string>{"alpha", "beta", "", "gamma"}));
  EXPECT_EQ(lines[0].offset, 0u);
  EXPECT_EQ(lines[1].offset, 7u);
  EXPECT_EQ(lines[2].offset, 12u);
  EXPECT_EQ(lines[3].offset, 13u);
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_TRUE(lines[2].terminated);
  EXPECT_FALSE(lines[3].terminated);
}

TEST(LineReader, EveryBufferSizeGivesTheSameLines) {
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 500; ++i) {
    std::string line(static_cast<size_t>(i * 7 % 97), static_cast<char>('a' + i % 26));
    expected.push_back(line);
    text += line + (i % 3 == 0 ? "\r\n" : "\n");
  }
  TempDir dir;
  WriteFile(dir / "f", text);
  for (size_t size : {1u, 2u, 3u, 16u, 100u, 4096u, 1u << 20}) {
    std::vector<std::string> texts;
    std::vector<Line> lines = ReadLines((dir / "f").string(), size, &texts);
    ASSERT_EQ(texts, expected) << "buffer size " << size;
    // Each offset points at the line's bytes in the file.
    for (size_t i = 0; i < lines.size(); ++i) {
      ASSERT_EQ(text.compare(lines[i].offset, texts[i].size(), texts[i]), 0);
    }
  }
}

// Blocks, joined, are the input exactly; each holds whole lines and knows its offset.
TEST(LineReader, BlocksAreWholeLinesAndJoinToTheInput) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += std::string(static_cast<size_t>(i % 53), 'q') + "\n";
  text += "last line without newline";
  TempDir dir;
  WriteFile(dir / "f", text);
  for (size_t size : {1u, 7u, 64u, 4096u, 1u << 20}) {
    auto in = OpenInput((dir / "f").string());
    ASSERT_TRUE(in.ok());
    LineReader reader(**in, size);
    std::string joined;
    LineBlock block;
    while (reader.NextBlock(block)) {
      ASSERT_EQ(block.offset, joined.size()) << "buffer size " << size;
      bool last = block.offset + block.text.size() == text.size();
      if (!last) {
        ASSERT_EQ(block.text.back(), '\n') << "buffer size " << size;
      }
      joined += block.text;
    }
    EXPECT_TRUE(reader.status().ok());
    EXPECT_EQ(joined, text) << "buffer size " << size;
  }
}

// With set_keep_previous_block, a block must still read as it did after the next NextBlock call
// (another thread searches it meanwhile): random line lengths, lines longer than the buffer
// (which grows), lines over the limit (cut), and a last line without a newline.
TEST(LineReader, KeptBlockStaysIntactThroughTheNextCall) {
  std::mt19937 rng(11);
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    size_t length = rng() % 200;
    if (i % 500 == 7) length = 5000;   // grows a small buffer
    if (i % 900 == 5) length = 70000;  // over the limit below: cut
    for (size_t j = 0; j < length; ++j) text.push_back(static_cast<char>('a' + (i + j) % 26));
    text += "\n";
  }
  text += "tail";
  TempDir dir;
  WriteFile(dir / "f", text);
  for (size_t size : {64u, 4096u, 1u << 16}) {
    auto in = OpenInput((dir / "f").string());
    ASSERT_TRUE(in.ok());
    LineReader reader(**in, size, 65536);
    reader.set_keep_previous_block(true);
    LineBlock block, previous;
    std::string previous_copy;
    size_t blocks = 0;
    while (reader.NextBlock(block)) {
      if (blocks++ > 0) {
        ASSERT_EQ(previous.text, previous_copy) << "buffer size " << size << ", block " << blocks;
      }
      ASSERT_EQ(block.text.substr(0, std::min<size_t>(block.text.size(), 100)),
                text.substr(block.offset, std::min<size_t>(block.text.size(), 100)));
      previous = block;
      previous_copy = std::string(block.text);
    }
    EXPECT_TRUE(reader.status().ok());
    EXPECT_GT(blocks, 10u);
  }
}

TEST(LineReader, HugeLineAndNulBytes) {
  std::string huge(20 * 1024 * 1024, 'x');
  huge[12345] = '\0';
  TempDir dir;
  WriteFile(dir / "f", "short\n" + huge + "\nafter\n");
  std::vector<std::string> texts;
  ReadLines((dir / "f").string(), LineReader::kDefaultBufferSize, &texts);
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[1], huge);
  EXPECT_EQ(texts[2], "after");
}

// What a reader with limit `max` must return for `input`, worked out independently: a line of
// `max` bytes or more before its newline comes cut to its first `max` bytes, unterminated.
struct ExpectedLine {
  std::string text;  // Next()'s text; for blocks, `raw` (with "\r", without "\n") is compared
  std::string raw;
  uint64_t offset;
  bool cut;
};
std::vector<ExpectedLine> ExpectedWithLimit(const std::string& input, size_t max) {
  std::vector<ExpectedLine> out;
  size_t begin = 0;
  while (begin < input.size()) {
    size_t newline = input.find('\n', begin);
    size_t end = newline == std::string::npos ? input.size() : newline;
    std::string raw = input.substr(begin, end - begin);
    if (raw.size() >= max) {
      out.push_back({raw.substr(0, max), raw.substr(0, max), begin, true});
    } else {
      std::string text = raw;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      out.push_back({text, raw, begin, false});
    }
    begin = end + 1;
  }
  return out;
}

TEST(LineReader, LinesOverTheLimitAreCutAndTheRestDropped) {
  std::string input;
  std::mt19937 random(7);
  for (int i = 0; i < 400; ++i) {
    const size_t length = random() % 4 == 0 ? random() % 300 : random() % 40;
    for (size_t j = 0; j < length; ++j) input += static_cast<char>('a' + random() % 26);
    if (random() % 5 == 0) input += '\r';
    input += '\n';
  }
  input += std::string(500, 'z');  // a last line over the limit, without a newline
  TempDir dir;
  WriteFile(dir / "f", input);
  for (size_t max : {1u, 7u, 64u, 100u}) {
    for (size_t buffer : {1u, 3u, 16u, 64u, 4096u}) {
      SCOPED_TRACE("max " + std::to_string(max) + " buffer " + std::to_string(buffer));
      const std::vector<ExpectedLine> expected = ExpectedWithLimit(input, max);
      auto in = OpenInput((dir / "f").string());
      ASSERT_TRUE(in.ok());
      LineReader reader(**in, buffer, max);
      Line line;
      size_t i = 0;
      while (reader.Next(line)) {
        ASSERT_LT(i, expected.size());
        EXPECT_EQ(line.text, expected[i].text) << "line " << i + 1;
        EXPECT_EQ(line.cut, expected[i].cut) << "line " << i + 1;
        EXPECT_EQ(line.offset, expected[i].offset) << "line " << i + 1;
        EXPECT_EQ(line.number, i + 1);
        ++i;
      }
      EXPECT_TRUE(reader.status().ok());
      EXPECT_EQ(i, expected.size());
      EXPECT_EQ(reader.position(), input.size());

      // Blocks: every line appears once, whole in a block of whole lines or cut alone.
      auto again = OpenInput((dir / "f").string());
      LineReader blocks(**again, buffer, max);
      LineBlock block;
      i = 0;
      while (blocks.NextBlock(block)) {
        if (block.cut) {
          ASSERT_LT(i, expected.size());
          EXPECT_TRUE(expected[i].cut) << "line " << i + 1;
          EXPECT_EQ(block.text, expected[i].raw);
          EXPECT_EQ(block.offset, expected[i].offset);
          ++i;
          continue;
        }
        size_t begin = 0;
        while (begin < block.text.size()) {
          size_t end = block.text.find('\n', begin);
          if (end == std::string_view::npos) end = block.text.size();
          ASSERT_LT(i, expected.size());
          EXPECT_FALSE(expected[i].cut) << "line " << i + 1;
          EXPECT_EQ(block.text.substr(begin, end - begin), expected[i].raw) << "line " << i + 1;
          EXPECT_EQ(block.offset + begin, expected[i].offset) << "line " << i + 1;
          ++i;
          begin = end + 1;
        }
      }
      EXPECT_EQ(i, expected.size());
    }
  }
}

TEST(LineReader, PaddingAfterEveryLineIsReadable) {
  TempDir dir;
  WriteFile(dir / "f", "a\nb");
  auto in = OpenInput((dir / "f").string());
  LineReader reader(**in, 2);
  Line line;
  while (reader.Next(line)) {
    // Touch the promised padding; AddressSanitizer flags it if the promise is broken.
    char sink = 0;
    for (size_t i = 0; i < LineReader::kPadding; ++i) sink ^= line.text.data()[line.text.size() + i];
    volatile char observed = sink;
    (void)observed;
  }
}

TEST(LineReader, AgreesWithWcOnCorpusLogs) {
  for (const char* name : {"logs/loghub_OpenSSH_2k.log", "logs/loghub_Linux_2k.log",
                           "logs/loghub_Apache_2k_error.log", "logs/plaso_syslog"}) {
    std::filesystem::path path = testing::CorpusFile(name);
    if (path.empty()) GTEST_SKIP() << "corpus file " << name << " not found";
    testing::CommandResult wc = testing::Run({"wc", "-l", path.string()});
    uint64_t newlines = std::stoull(wc.out);
    std::string content = testing::ReadFile(path);
    uint64_t expected = newlines + (!content.empty() && content.back() != '\n' ? 1 : 0);
    std::vector<std::string> texts;
    ReadLines(path.string(), 4096, &texts);
    EXPECT_EQ(texts.size(), expected) << name;
  }
}

}  // namespace
}  // namespace seckit
