// The Sleuth Kit's allocator, replaced to see its failures: libtsk allocates through tsk_malloc
// and tsk_realloc (exported by libtsk.so and called through the PLT, so a definition in the
// executable takes their place), and when one fails it often just skips what needed the memory
// — an orphan search under the guard's address-space limit (fs_guard.h) ends without a word.
// These count the failures so that the guard can report them.
#ifndef SECKIT_DISK_CARVE_TSK_ALLOC_H_
#define SECKIT_DISK_CARVE_TSK_ALLOC_H_

#include <cstddef>
#include <cstdint>

namespace seckit::disk_carve {

struct TskAllocFailures {
  uint64_t count = 0;  // allocations libtsk asked for and did not get
  size_t largest = 0;  // the largest of them, in bytes
};

// The failures since the process started.
TskAllocFailures TskAllocationFailures();

}  // namespace seckit::disk_carve

#endif  // SECKIT_DISK_CARVE_TSK_ALLOC_H_
