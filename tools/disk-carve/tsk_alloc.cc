// tsk_malloc and tsk_realloc as libtsk 4.12 defines them (tsk/base/mymalloc.c: zeroed memory;
// on failure NULL with libtsk's error set), plus a count of the failures.
#include "tsk_alloc.h"

#include <tsk/libtsk.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace seckit::disk_carve {
namespace {

TskAllocFailures g_failures;

void NoteFailure(size_t size) {
  ++g_failures.count;
  if (size > g_failures.largest) g_failures.largest = size;
  const int saved = errno;
  tsk_error_reset();
  tsk_error_set_errno(TSK_ERR_AUX_MALLOC);
  tsk_error_set_errstr("tsk_malloc: %s (%zu requested)", std::strerror(saved), size);
}

}  // namespace

TskAllocFailures TskAllocationFailures() { return g_failures; }

}  // namespace seckit::disk_carve

extern "C" {

void* tsk_malloc(size_t len) {
  void* ptr = std::calloc(1, len);
  if (ptr == nullptr) seckit::disk_carve::NoteFailure(len);
  return ptr;
}

void* tsk_realloc(void* ptr, size_t len) {
  void* grown = std::realloc(ptr, len);
  if (grown == nullptr) seckit::disk_carve::NoteFailure(len);
  return grown;
}

}  // extern "C"
