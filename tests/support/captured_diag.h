// Diagnostics written to memory instead of stderr, so a test can read what a tool would print.
#ifndef SECKIT_TESTS_CAPTURED_DIAG_H_
#define SECKIT_TESTS_CAPTURED_DIAG_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "seckit/diag.h"

namespace seckit::testing {

class CapturedDiag {
 public:
  // `tool` prefixes each message as in the real tool; notes (verbose) are kept too.
  explicit CapturedDiag(const std::string& tool = "log-grep")
      : stream_(open_memstream(&buffer_, &size_)), diag_(tool, stream_) {
    diag_.set_verbose(true);
  }
  ~CapturedDiag() {
    fclose(stream_);
    free(buffer_);
  }
  CapturedDiag(const CapturedDiag&) = delete;
  CapturedDiag& operator=(const CapturedDiag&) = delete;

  Diagnostics& diag() { return diag_; }
  // Everything written so far.
  std::string text() {
    fflush(stream_);
    return std::string(buffer_, size_);
  }

 private:
  char* buffer_ = nullptr;
  size_t size_ = 0;
  FILE* stream_;
  Diagnostics diag_;
};

}  // namespace seckit::testing

#endif  // SECKIT_TESTS_CAPTURED_DIAG_H_
