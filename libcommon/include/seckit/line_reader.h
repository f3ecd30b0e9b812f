// LineReader: fast line splitting over an InputSource with large buffers and memchr (ninja's
// approach), with the byte offset and number of every line.
//
// Memory is bounded: a line of the reader's max_line bytes or more before its newline (256 MiB
// unless the constructor says otherwise) is cut. Its first max_line bytes come back as one line (or block)
// marked `cut`, without a newline, and the rest of it up to its newline is read and dropped
// without being kept, so offsets and numbers of the lines after it stay right. Callers say so
// (file, line, offset) and go on.
#ifndef SECKIT_LINE_READER_H_
#define SECKIT_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
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
  bool terminated = true;  // false for a last line with no final newline, or a cut one
  bool cut = false;        // longer than max_line: text is its first max_line bytes
};

// A run of whole lines, for scanners that search many lines in one call (log-grep).
struct LineBlock {
  // Complete lines, each with its "\n" (a "\r" before it is kept); the last line of an input
  // that has no final newline comes alone, without one.
  // A line longer than max_line comes alone, cut to its first max_line bytes, like a last line.
  std::string_view text;
  uint64_t offset = 0;  // byte offset of text[0] in the (decompressed) input
  bool cut = false;
};

class LineReader {
 public:
  // Bytes past the end of every returned line that stay readable, so a parser that reads ahead
  // (simdjson needs 64) may run over the line in place.
  static constexpr size_t kPadding = 64;
  static constexpr size_t kDefaultBufferSize = size_t{256} * 1024;
  static constexpr size_t kDefaultMaxLine = size_t{256} << 20;

  explicit LineReader(InputSource& source, size_t buffer_size = kDefaultBufferSize,
                      size_t max_line = kDefaultMaxLine);

  // Sets `line` to the next line and returns true, or returns false at the end of the input or
  // on a read error (then status() says what). The text stays valid until the next call.
  bool Next(Line& line);

  // Sets `block` to every complete line buffered now (reading more first when there is none) and
  // returns true; false at the end of the input or on a read error. Blocks do not count lines:
  // a caller that needs line numbers counts the newlines it passes. Do not mix with Next().
  bool NextBlock(LineBlock& block);
  // Keeps each block NextBlock returns readable until the second NextBlock call after it (not
  // only until the next), by reading on into a second buffer of the same size: for handing part
  // of a block to another thread while the next block is read.
  void set_keep_previous_block(bool keep) { keep_previous_ = keep; }

  const Status& status() const { return status_; }
  InputSource& source() { return source_; }
  const InputSource& source() const { return source_; }
  // Starts numbering as if `offset` bytes and `line_number` lines had already been read (for
  // resuming; the caller has already skipped those bytes in the source).
  void SetPosition(uint64_t offset, uint64_t line_number) {
    consumed_ = offset;
    number_ = line_number;
  }
  // Input offset just past everything returned (and, after a cut line, its dropped rest).
  uint64_t position() const { return consumed_; }
  size_t max_line() const { return max_line_; }

 private:
  bool Fill();  // reads more; false at end, on error, or when a line would exceed max_line_
  bool LineTooLong() const { return end_ - begin_ >= max_line_; }
  // Cuts the line buffered from begin_ to at most max_line_ bytes; the next read drops its rest.
  std::string_view Cut();
  bool SkipRestOfCutLine();  // false at end of input or on error

  InputSource& source_;
  size_t max_line_;
  size_t capacity_;  // usable bytes; the allocation has kPadding more
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> buffer_;  // malloc'd, so that growing it is a realloc
  // With keep_previous_: the other buffer, holding the block returned before, and whether a
  // block was returned from buffer_ since the buffers last changed places.
  std::unique_ptr<char, Free> spare_;
  size_t spare_capacity_ = 0;
  bool keep_previous_ = false;
  bool block_out_ = false;
  // Reallocates `buffer` to `capacity` usable bytes plus kPadding zero bytes; keeps its content.
  static void Resize(std::unique_ptr<char, Free>& buffer, size_t capacity);
  bool skipping_ = false;  // dropping the rest of a cut line
  size_t begin_ = 0, end_ = 0, scan_ = 0;
  uint64_t consumed_ = 0;  // input offset of buffer_[begin_]
  uint64_t number_ = 0;
  bool eof_ = false;
  Status status_;
};

}  // namespace seckit

#endif  // SECKIT_LINE_READER_H_
