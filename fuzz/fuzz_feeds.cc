// Fuzzes ioc-enrich's local feed loaders (plain, CSV, MISP CSV and JSON, STIX) through
// LocalFeeds::Load, as --feed reads a file, then builds the lookup tables and looks every
// indicator found in the input up. The first byte picks the format (or detection). Checks: a
// feed that cannot be read as a whole says so naming the file, and lookups stay in bounds.
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "local_feeds.h"
#include "seckit/indicators.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  using namespace seckit::ioc_enrich;
  if (size == 0) return 0;
  static constexpr std::array<std::string_view, 6> kFormats = {
      "", "plain:", "csv:", "misp-csv:", "misp-json:", "stix:"};
  const std::string_view format = kFormats[data[0] % kFormats.size()];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The feed as a file, in memory: LocalFeeds::Load reads a path.
  const int fd = memfd_create("feed", MFD_CLOEXEC);
  SECKIT_FUZZ_CHECK(fd >= 0);
  SECKIT_FUZZ_CHECK(write(fd, content.data(), content.size()) ==
                    static_cast<ssize_t>(content.size()));
  static FILE* const devnull = std::fopen("/dev/null", "w");
  Diagnostics diag("fuzz_feeds", devnull);
  LocalFeeds feeds;
  const Status status =
      feeds.Load(std::string(format) + "/proc/self/fd/" + std::to_string(fd), diag);
  close(fd);
  // Bad entries are skipped with a message; a feed that fails as a whole (JSON that does not
  // parse, a CSV without an indicator column) says so, naming the file.
  SECKIT_FUZZ_CHECK(status.ok() || status.message().find("/proc/self/fd/") != std::string::npos);
  feeds.Finish();
  std::vector<Enrichment> found;
  for (const Indicator& indicator : Extract(content)) {
    found.clear();
    feeds.Lookup(indicator, found);
  }
  return 0;
}
