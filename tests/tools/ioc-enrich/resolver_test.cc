// Tests for Resolver's memory bound: remembered resolutions are dropped between batches once
// there are more than the limit, and indicators asked again afterwards get the same answers.
#include "resolver.h"

#include <gtest/gtest.h>

#include <string>

#include "local_feeds_test_util.h"

namespace seckit::ioc_enrich {
namespace {

class ResolverForgetTest : public LocalFeedsTest {};

Indicator Ip(const std::string& text) {
  std::optional<Indicator> indicator = Classify(text);
  EXPECT_TRUE(indicator.has_value()) << text;
  return *indicator;
}

TEST_F(ResolverForgetTest, ForgetsPastTheLimitAndAnswersAlikeAfterwards) {
  LoadOk(Write("bad.txt", "203.0.113.7\n"));
  ResolverSources sources;
  sources.feeds = std::move(feeds_);
  Resolver resolver(std::move(sources), /*all_addresses=*/false);

  EXPECT_EQ(resolver.Request(Ip("203.0.113.7")).enrichments.size(), 1u);
  for (int i = 1; i <= 9; ++i) resolver.Request(Ip("198.51.100." + std::to_string(i)));
  EXPECT_EQ(resolver.remembered(), 10u);

  resolver.Forget(10);  // at the limit: kept
  EXPECT_EQ(resolver.remembered(), 10u);
  resolver.Forget(9);  // past it: all dropped
  EXPECT_EQ(resolver.remembered(), 0u);

  const Resolution& again = resolver.Request(Ip("203.0.113.7"));
  ASSERT_EQ(again.enrichments.size(), 1u);
  EXPECT_EQ(again.enrichments[0].provider.rfind("feed:", 0), 0u) << again.enrichments[0].provider;
  EXPECT_TRUE(resolver.Request(Ip("198.51.100.1")).enrichments.empty());
  EXPECT_EQ(resolver.remembered(), 2u);
}

}  // namespace
}  // namespace seckit::ioc_enrich
