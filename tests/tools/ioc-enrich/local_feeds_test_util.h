// A fixture for LocalFeeds tests: feed files in a temporary directory, diagnostics captured, and
// lookups by indicator text.
#ifndef SECKIT_TESTS_IOC_ENRICH_LOCAL_FEEDS_TEST_UTIL_H_
#define SECKIT_TESTS_IOC_ENRICH_LOCAL_FEEDS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "captured_diag.h"
#include "local_feeds.h"
#include "seckit/indicators.h"
#include "test_support.h"

namespace seckit::ioc_enrich {

class LocalFeedsTest : public ::testing::Test {
 protected:
  // Writes `content` to NAME in the temporary directory; returns its path.
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    testing::WriteFile(path, content);
    return path;
  }
  Status Load(const std::string& spec) { return feeds_.Load(spec, diag_.diag()); }
  // Loads `spec`, expecting success, and builds the tables.
  void LoadOk(const std::string& spec) {
    const Status status = Load(spec);
    ASSERT_TRUE(status.ok()) << status.message();
    feeds_.Finish();
  }
  // The enrichments for an indicator given as text (classified as records' values are).
  std::vector<Enrichment> Find(std::string_view text) {
    std::optional<Indicator> indicator = Classify(text);
    EXPECT_TRUE(indicator.has_value()) << text;
    std::vector<Enrichment> out;
    if (indicator) feeds_.Lookup(*indicator, out);
    return out;
  }
  std::string Messages() { return diag_.text(); }
  uint64_t BadCount() { return diag_.diag().bad_input_count(); }

  testing::TempDir dir_;
  testing::CapturedDiag diag_{"ioc-enrich"};
  LocalFeeds feeds_;
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_TESTS_IOC_ENRICH_LOCAL_FEEDS_TEST_UTIL_H_
