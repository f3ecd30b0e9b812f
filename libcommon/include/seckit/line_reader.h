// LineReader: fast line splitting over an InputSource with large buffers and memchr (ninja's
// approach), for lines of any length, with the byte offset and number of every line.
#ifndef SECKIT_LINE_READER_H_
#define SECKIT_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "seckit/input.h"
#include "seckit/status.h"

namespace seckit {

struct Line {
  // The line without its "\n" and without a "\r" right before it (CRLF tolerated).
  std::string_view text;
  uint64_t offset = 0;   // byte offset of the line's first byte in the (decompressed) input
  uint64_t number = 0;   // 1-based line number
  bool terminated = true;  // false for a last line with no final newline
};

// A run of whole lines, for scanners that search many lines in one call (log-grep).
struct LineBlock {
  // Complete lines, each with its "\n" (a "\r" before it is kept); the last line of an input
  // that has no final newline comes alone, without one.
  std::string_view text;
  uint64_t offset = 0;  // byte offset of text[0] in the (decompressed) input
};

class LineReader {
 public:
  // Bytes past the end of every returned line that stay readable, so a parser that reads ahead
  // (simdjson needs 64) may run over the line in place.
  static constexpr size_t kPadding = 64;
  static constexpr size_t kDefaultBufferSize = size_t{256} * 1024;

  explicit LineReader(InputSource& source, size_t buffer_size = kDefaultBufferSize);

  // Sets `line` to the next line and returns true, or returns false at the end of the input or
  // on a read error (then status() says what). The text stays valid until the next call.
  bool Next(Line& line);

  // Sets `block` to every complete line buffered now (reading more first when there is none) and
  // returns true; false at the end of the input or on a read error. Blocks do not count lines:
  // a caller that needs line numbers counts the newlines it passes. Do not mix with Next().
  bool NextBlock(LineBlock& block);

  const Status& status() const { return status_; }
  InputSource& source() { return source_; }
  const InputSource& source() const { return source_; }
  // Starts numbering as if `offset` bytes and `line_number` lines had already been read (for
  // resuming; the caller has already skipped those bytes in the source).
  void SetPosition(uint64_t offset, uint64_t line_number) {
    consumed_ = offset;
    number_ = line_number;
  }

 private:
  bool Fill();  // reads more; false at end or error

  InputSource& source_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_;  // usable bytes; the allocation has kPadding more
  size_t begin_ = 0, end_ = 0, scan_ = 0;
  uint64_t consumed_ = 0;  // input offset of buffer_[begin_]
  uint64_t number_ = 0;
  bool eof_ = false;
  Status status_;
};

}  // namespace seckit

#endif  // SECKIT_LINE_READER_H_
