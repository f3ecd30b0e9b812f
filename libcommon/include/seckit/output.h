// OutputStream: the one buffered writer every tool uses for its output — standard output or a
// file written atomically (temp file + rename), EINTR-safe, with a closed pipe treated as "done".
#ifndef SECKIT_OUTPUT_H_
#define SECKIT_OUTPUT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "seckit/status.h"

namespace seckit {

class OutputStream {
 public:
  static constexpr size_t kBufferSize = size_t{64} * 1024;

  // "" or "-" is standard output. Any other path is written to a temporary file beside it and
  // renamed over it by Commit(), so a reader (or cron) never sees half a file; without Commit()
  // the temporary file is removed and an existing file is left as it was.
  static Result<std::unique_ptr<OutputStream>> Open(const std::string& path);
  // Writes to an already open descriptor (not closed by the stream); for tests and special fds.
  static std::unique_ptr<OutputStream> ForFd(int fd, std::string name);
  // Keeps everything written in buffer(), never writing it anywhere: for records made on another
  // thread, which their owner then writes to the real stream in order (and clears).
  static std::unique_ptr<OutputStream> InMemory(std::string name);

  ~OutputStream();
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  void Write(std::string_view data) {
    buffer_.append(data);
    if (buffer_.size() >= kBufferSize) Drain();
  }
  // As Write, but a large `data` (a block of records made elsewhere) goes out straight after
  // what is buffered instead of being copied into the buffer first.
  void WriteThrough(std::string_view data);
  // Direct access for writers that format in place (JsonWriter); call RecordDone() after each
  // complete record so flushing follows the buffering policy.
  std::string& buffer() { return buffer_; }
  void RecordDone() {
    if (line_buffered_ || buffer_.size() >= kBufferSize) Drain();
  }

  // Flush after every record: set for terminals, and by --line-buffered.
  void set_line_buffered(bool on) { line_buffered_ = on; }
  bool is_terminal() const { return is_terminal_; }

  // Writes out what is buffered. Errors are remembered in status().
  Status Flush();
  // Final flush; for a file also fsync and rename into place. Returns the first error seen.
  Status Commit();

  // True once the reader closed the pipe (EPIPE): stop producing output, exit 0, say nothing.
  bool closed_by_reader() const { return closed_by_reader_; }
  // OK, or the first write error (e.g. "writing standard output: No space left on device").
  const Status& status() const { return status_; }
  // Whether producing more output is worth it.
  bool healthy() const { return status_.ok() && !closed_by_reader_; }
  const std::string& name() const { return name_; }

 private:
  static constexpr int kNoFd = -1;  // InMemory
  OutputStream(int fd, bool owns_fd, std::string name);
  void Drain();
  void WriteOut(std::string_view data);  // to the descriptor, whole; errors go to status_

  int fd_;
  bool owns_fd_;
  std::string name_;         // for messages: "standard output" or the path
  std::string final_path_;   // set for atomic files
  std::string temp_path_;
  std::string buffer_;
  bool line_buffered_ = false;
  bool is_terminal_ = false;
  bool closed_by_reader_ = false;
  bool committed_ = false;
  Status status_;
};

}  // namespace seckit

#endif  // SECKIT_OUTPUT_H_
