// Opening an input: a path or "-" for standard input, with gzip and zstd decompressed
// transparently (detected by magic number, not by file name).
#ifndef SECKIT_INPUT_H_
#define SECKIT_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "seckit/status.h"

namespace seckit {

enum class Compression { kNone, kGzip, kZstd };

// A stream of bytes from a file, a pipe or a decompressor.
class InputSource {
 public:
  virtual ~InputSource() = default;

  // Reads up to `n` bytes into `buffer`. Returns the count (0 only at the end of the input), or
  // IoError / DataError (corrupt or truncated compressed data) with the input name in the message.
  virtual Result<size_t> Read(char* buffer, size_t n) = 0;

  // The name for messages: the path, or "(standard input)".
  const std::string& name() const { return name_; }
  Compression compression() const { return compression_; }
  // Bytes consumed from the underlying file so far (compressed bytes for .gz/.zst), for progress.
  virtual uint64_t raw_offset() const = 0;
  // Size of the underlying file when it is a regular file, else 0.
  uint64_t raw_size() const { return raw_size_; }

 protected:
  std::string name_;
  Compression compression_ = Compression::kNone;
  uint64_t raw_size_ = 0;
};

// Opens `path` ("-" is standard input). Missing or unreadable files give NoInput (66); a
// directory gives NoInput with "is a directory".
Result<std::unique_ptr<InputSource>> OpenInput(const std::string& path);

// Wraps an already open file descriptor (taken over and closed by the source).
Result<std::unique_ptr<InputSource>> OpenInputFd(int fd, std::string name);

}  // namespace seckit

#endif  // SECKIT_INPUT_H_
