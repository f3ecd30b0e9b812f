// Line splitting with a growing buffer: memchr over large blocks, compacting before refills.
#include "seckit/line_reader.h"

#include <cstring>

namespace seckit {

LineReader::LineReader(InputSource& source, size_t buffer_size)
    : source_(source),
      buffer_(new char[buffer_size + kPadding]),
      capacity_(buffer_size) {
  std::memset(buffer_.get() + capacity_, 0, kPadding);
}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  if (begin_ > 0) {  // keep the partial line, drop what was already returned
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {  // one line fills the buffer: grow it (lines of any length)
    size_t bigger = capacity_ * 2;
    std::unique_ptr<char[]> grown(new char[bigger + kPadding]);
    std::memcpy(grown.get(), buffer_.get(), end_);
    std::memset(grown.get() + bigger, 0, kPadding);
    buffer_ = std::move(grown);
    capacity_ = bigger;
  }
  Result<size_t> got = source_.Read(buffer_.get() + end_, capacity_ - end_);
  if (!got.ok()) {
    status_ = got.status();
    return false;
  }
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  end_ += *got;
  return true;
}

bool LineReader::Next(Line& line) {
  for (;;) {
    const char* found = static_cast<const char*>(
        scan_ < end_ ? std::memchr(buffer_.get() + scan_, '\n', end_ - scan_) : nullptr);
    if (found != nullptr) {
      size_t stop = static_cast<size_t>(found - buffer_.get());
      size_t length = stop - begin_;
      if (length > 0 && buffer_[stop - 1] == '\r') --length;
      line.text = std::string_view(buffer_.get() + begin_, length);
      line.offset = consumed_;
      line.number = ++number_;
      line.terminated = true;
      consumed_ += stop + 1 - begin_;
      begin_ = scan_ = stop + 1;
      return true;
    }
    scan_ = end_;
    if (Fill()) continue;
    if (!status_.ok() || begin_ == end_) return false;
    // The last line has no newline: return it once.
    size_t length = end_ - begin_;
    if (buffer_[end_ - 1] == '\r') --length;
    line.text = std::string_view(buffer_.get() + begin_, length);
    line.offset = consumed_;
    line.number = ++number_;
    line.terminated = false;
    consumed_ += end_ - begin_;
    begin_ = scan_ = end_;
    return true;
  }
}

bool LineReader::NextBlock(LineBlock& block) {
  for (;;) {
    // The last newline in what is buffered ends the block; memrchr finds it without looking at
    // every line.
    const char* last = static_cast<const char*>(
        scan_ < end_ ? memrchr(buffer_.get() + scan_, '\n', end_ - scan_) : nullptr);
    if (last != nullptr) {
      size_t stop = static_cast<size_t>(last - buffer_.get()) + 1;
      block.text = std::string_view(buffer_.get() + begin_, stop - begin_);
      block.offset = consumed_;
      consumed_ += stop - begin_;
      begin_ = scan_ = stop;
      return true;
    }
    scan_ = end_;
    if (Fill()) continue;
    if (!status_.ok() || begin_ == end_) return false;
    block.text = std::string_view(buffer_.get() + begin_, end_ - begin_);
    block.offset = consumed_;
    consumed_ += end_ - begin_;
    begin_ = scan_ = end_;
    return true;
  }
}

}  // namespace seckit
