// Invariant checks for the fuzz targets: a failed check names itself and traps, so libFuzzer
// saves the input and prints the stack like any other crash.
#ifndef SECKIT_FUZZ_FUZZ_CHECK_H_
#define SECKIT_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>

// Traps when `condition` is false, after printing it with its file and line.
#define SECKIT_FUZZ_CHECK(condition)                                                          \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #condition); \
      __builtin_trap();                                                                       \
    }                                                                                         \
  } while (false)

namespace seckit::fuzz {

// True when `view` lies inside the `size` bytes at `data`. An empty view with no data pointer
// (a default-constructed one, "absent") is allowed; any other view must point into the input.
// std::less_equal gives a total order on pointers, so the comparison is defined even when the
// view points elsewhere (the very bug this catches).
inline bool WithinInput(std::string_view view, const uint8_t* data, size_t size) {
  if (view.data() == nullptr) return view.empty();
  const auto* begin = reinterpret_cast<const char*>(data);
  const char* end = begin + size;
  std::less_equal<const char*> le;
  return le(begin, view.data()) && le(view.data(), end) &&
         view.size() <= static_cast<size_t>(end - view.data());
}

}  // namespace seckit::fuzz

#endif  // SECKIT_FUZZ_FUZZ_CHECK_H_
