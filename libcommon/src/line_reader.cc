// Line splitting with a growing buffer: memchr over large blocks, compacting before refills; the
// buffer grows up to max_line, and a longer line is cut (see line_reader.h).
#include "seckit/line_reader.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace seckit {

LineReader::LineReader(InputSource& source, size_t buffer_size, size_t max_line)
    : source_(source),
      max_line_(std::max<size_t>(max_line, 1)),
      // Never more than max_line_: a line that fits with its newline is then always shorter
      // than the limit, so which lines are cut does not depend on the buffer size.
      capacity_(std::min(std::max<size_t>(buffer_size, 1), max_line_)),
      buffer_(static_cast<char*>(std::malloc(capacity_ + kPadding))) {
  if (!buffer_) throw std::bad_alloc();
  std::memset(buffer_.get() + capacity_, 0, kPadding);
}

void LineReader::Resize(std::unique_ptr<char, Free>& buffer, size_t capacity) {
  // realloc, not new + copy: glibc moves a large block with mremap, so growing to hundreds of
  // MiB needs neither a copy nor the old and new buffers alive at once.
  char* grown = static_cast<char*>(std::realloc(buffer.get(), capacity + kPadding));
  if (grown == nullptr) throw std::bad_alloc();
  static_cast<void>(buffer.release());
  buffer.reset(grown);
  std::memset(grown + capacity, 0, kPadding);
}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  if (keep_previous_ && block_out_) {
    // The block just returned stays where it is; the partial line after it starts the other
    // buffer, which the reader fills from now on.
    block_out_ = false;
    if (spare_capacity_ < capacity_) {
      Resize(spare_, capacity_);
      spare_capacity_ = capacity_;
    }
    std::memcpy(spare_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
    std::swap(buffer_, spare_);
    std::swap(capacity_, spare_capacity_);
  } else if (begin_ > 0) {  // keep the partial line, drop what was already returned
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {  // one line fills the buffer: grow it, up to max_line_
    if (capacity_ >= max_line_) return false;  // the caller cuts the line (LineTooLong)
    size_t bigger = std::min(capacity_ * 2, max_line_);
    Resize(buffer_, bigger);
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

std::string_view LineReader::Cut() {
  std::string_view kept(buffer_.get() + begin_, std::min(end_ - begin_, max_line_));
  consumed_ += end_ - begin_;
  begin_ = scan_ = end_;
  skipping_ = true;
  return kept;
}

bool LineReader::SkipRestOfCutLine() {
  for (;;) {
    const char* found = static_cast<const char*>(
        scan_ < end_ ? std::memchr(buffer_.get() + scan_, '\n', end_ - scan_) : nullptr);
    if (found != nullptr) {
      const size_t stop = static_cast<size_t>(found - buffer_.get()) + 1;
      consumed_ += stop - begin_;
      begin_ = scan_ = stop;
      skipping_ = false;
      return true;
    }
    consumed_ += end_ - begin_;
    begin_ = scan_ = end_;
    if (!Fill()) return false;
  }
}

bool LineReader::Next(Line& line) {
  for (;;) {
    if (skipping_ && !SkipRestOfCutLine()) return false;
    const char* found = static_cast<const char*>(
        scan_ < end_ ? std::memchr(buffer_.get() + scan_, '\n', end_ - scan_) : nullptr);
    if (found != nullptr) {
      size_t stop = static_cast<size_t>(found - buffer_.get());
      size_t length = stop - begin_;
      if (length > 0 && buffer_.get()[stop - 1] == '\r') --length;
      line.text = std::string_view(buffer_.get() + begin_, length);
      line.offset = consumed_;
      line.number = ++number_;
      line.terminated = true;
      line.cut = false;
      consumed_ += stop + 1 - begin_;
      begin_ = scan_ = stop + 1;
      return true;
    }
    scan_ = end_;
    if (Fill()) continue;
    if (!status_.ok()) return false;
    if (LineTooLong()) {
      line.offset = consumed_;
      line.number = ++number_;
      line.terminated = false;
      line.cut = true;
      line.text = Cut();
      return true;
    }
    if (begin_ == end_) return false;
    // The last line has no newline: return it once.
    size_t length = end_ - begin_;
    if (buffer_.get()[end_ - 1] == '\r') --length;
    line.text = std::string_view(buffer_.get() + begin_, length);
    line.offset = consumed_;
    line.number = ++number_;
    line.terminated = false;
    line.cut = false;
    consumed_ += end_ - begin_;
    begin_ = scan_ = end_;
    return true;
  }
}

bool LineReader::NextBlock(LineBlock& block) {
  for (;;) {
    if (skipping_ && !SkipRestOfCutLine()) return false;
    // The last newline in what is buffered ends the block; memrchr finds it without looking at
    // every line.
    const char* last = static_cast<const char*>(
        scan_ < end_ ? memrchr(buffer_.get() + scan_, '\n', end_ - scan_) : nullptr);
    if (last != nullptr) {
      size_t stop = static_cast<size_t>(last - buffer_.get()) + 1;
      block.text = std::string_view(buffer_.get() + begin_, stop - begin_);
      block.offset = consumed_;
      block.cut = false;
      consumed_ += stop - begin_;
      begin_ = scan_ = stop;
      block_out_ = true;
      return true;
    }
    scan_ = end_;
    if (Fill()) continue;
    if (!status_.ok()) return false;
    if (LineTooLong()) {
      block.offset = consumed_;
      block.cut = true;
      block.text = Cut();
      block_out_ = true;
      return true;
    }
    if (begin_ == end_) return false;
    block.text = std::string_view(buffer_.get() + begin_, end_ - begin_);
    block.offset = consumed_;
    block.cut = false;
    consumed_ += end_ - begin_;
    begin_ = scan_ = end_;
    block_out_ = true;
    return true;
  }
}

}  // namespace seckit
