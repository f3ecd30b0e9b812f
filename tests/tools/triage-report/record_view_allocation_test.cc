// A RecordView is made for every record (on either thread with --threads), so making one must not
// allocate once the FieldIndex it fills has grown to the records' size. An empty std::deque in
// the view used to allocate twice per record, and with --threads 2 those blocks were freed on
// the other thread, where glibc's arenas contended for their locks (57,000 context switches per
// million records). This binary counts every operator new.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "record_view.h"
#include "view_test_util.h"

// NOLINTBEGIN(misc-new-delete-overloads, cppcoreguidelines-no-malloc)
// Every plain and nothrow form, scalar and array: a form left to the runtime (ASan replaces them
// all) would free with its own allocator what these allocated, or the other way round.
namespace {
std::atomic<size_t> allocations{0};

void* CountedAllocation(std::size_t size) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace
void* operator new(std::size_t size) {
  if (void* p = CountedAllocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = CountedAllocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return CountedAllocation(size);
}
void* operator new[](std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return CountedAllocation(size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t /*size*/) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t /*size*/) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t& /*tag*/) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t& /*tag*/) noexcept { std::free(p); }
// NOLINTEND(misc-new-delete-overloads, cppcoreguidelines-no-malloc)

namespace seckit::triage_report {
namespace {

size_t AllocationsPerView(const std::string& line) {
  FieldIndex index;
  std::vector<size_t> counts;
  ForEachRecordView(line + "\n" + line + "\n", [&](const RecordView&, const JsonRecord& record) {
    const size_t before = allocations.load();
    {
      const RecordView view(record, index);
      EXPECT_TRUE(view.time().has_value());
    }
    counts.push_back(allocations.load() - before);
  });
  EXPECT_EQ(counts.size(), 2u);
  return counts.empty() ? 0 : counts.back();  // the first view may grow the index
}

TEST(RecordView, AnEcsRecordsViewAllocatesNothing) {
  EXPECT_EQ(AllocationsPerView(
                R"({"@timestamp":"2026-11-18T11:06:40Z","event":{"dataset":"pcap.flow",)"
                R"("kind":"event","module":"pcap"},"source":{"ip":"10.0.0.5","port":51000,)"
                R"("bytes":1200},"destination":{"ip":"192.0.2.7","port":443},)"
                R"("network":{"transport":"tcp"},"related":{"ip":["10.0.0.5","192.0.2.7"]},)"
                R"("log":{"file":{"path":"capture.pcap"}},"pcap":{"frame":17}})"),
            0u);
}

TEST(RecordView, TheCounterSeesAllocations) {
  // The counter counts, so the test above can fail.
  const size_t before = allocations.load();
  const auto* text = new std::string(64, 'x');
  EXPECT_GT(allocations.load(), before);
  delete text;
}

}  // namespace
}  // namespace seckit::triage_report
