// SmallVector: a list of trivially copyable values that holds its first N in place and moves to
// the heap only beyond them. Most windows see one or a few records (a new host pair in random
// traffic), and a std::vector allocated for each of them was much of the detectors' time.
#ifndef SECKIT_ANOMALY_DETECT_SMALL_VECTOR_H_
#define SECKIT_ANOMALY_DETECT_SMALL_VECTOR_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace seckit::anomaly_detect {

template <typename T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T> && N > 0);

 public:
  void push_back(const T& value) {
    if (heap_.empty()) {
      if (size_ < N) {
        in_place_[size_++] = value;
        return;
      }
      heap_.reserve(2 * N);
      heap_.assign(in_place_.begin(), in_place_.end());
    }
    heap_.push_back(value);
  }
  size_t size() const { return heap_.empty() ? size_ : heap_.size(); }
  bool empty() const { return size() == 0; }
  const T* begin() const { return heap_.empty() ? in_place_.data() : heap_.data(); }
  const T* end() const { return begin() + size(); }
  // Empties the list and gives back its heap memory.
  void Release() {
    std::vector<T>().swap(heap_);
    size_ = 0;
  }
  // Heap bytes held (besides the object itself).
  size_t HeapBytes() const { return heap_.capacity() * sizeof(T); }
  std::vector<T> ToVector() const { return std::vector<T>(begin(), end()); }

 private:
  std::array<T, N> in_place_{};
  uint32_t size_ = 0;     // values in place, while heap_ is empty
  std::vector<T> heap_;   // every value, once there were more than N
};

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_SMALL_VECTOR_H_
