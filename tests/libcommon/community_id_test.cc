// Tests for CommunityId against the spec's published baseline vectors (corpus/community-id).
#include "seckit/community_id.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace seckit {
namespace {

// Test-only address parsing with the C library, independent of seckit's own parser.
std::vector<uint8_t> AddressBytes(const std::string& text) {
  std::vector<uint8_t> bytes(16);
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    bytes.resize(4);
  } else {
    EXPECT_EQ(inet_pton(AF_INET6, text.c_str(), bytes.data()), 1) << text;
  }
  return bytes;
}

void CheckBaseline(const std::string& file, uint16_t seed) {
  SECKIT_REQUIRE_CORPUS(path, "community-id/" + file);
  auto vectors = nlohmann::json::parse(testing::ReadFile(path));
  ASSERT_GT(vectors.size(), 10u);
  for (const auto& v : vectors) {
    std::vector<uint8_t> src = AddressBytes(v["saddr"]);
    std::vector<uint8_t> dst = AddressBytes(v["daddr"]);
    int proto = v["proto"];
    FlowTuple tuple;
    if (proto == 1 || proto == 58) {
      // The vectors give ICMP "ports" already mapped; recover type/code and map them ourselves.
      // (For one-way messages the dport is the code; for pairs, the counterpart type.)
      tuple = IcmpTuple(proto == 58, static_cast<uint8_t>(v["sport"].get<int>()),
                        static_cast<uint8_t>(v["dport"].get<int>()));
      if (tuple.dst_port != v["dport"].get<int>()) {
        // dport was the counterpart of a pair, not a code: the mapping must have produced it.
        ADD_FAILURE() << "ICMP mapping differs for " << v.dump();
      }
    } else {
      tuple.proto = static_cast<uint8_t>(proto);
      // Protocols without ports have null ports in the vectors.
      tuple.src_port = static_cast<uint16_t>(v["sport"].is_number() ? v["sport"].get<int>() : 0);
      tuple.dst_port = static_cast<uint16_t>(v["dport"].is_number() ? v["dport"].get<int>() : 0);
      tuple.has_ports = proto == 6 || proto == 17 || proto == 132;
    }
    tuple.src_addr = src;
    tuple.dst_addr = dst;
    EXPECT_EQ(CommunityId(tuple, seed), v["communityid"].get<std::string>()) << v.dump();
  }
}

TEST(CommunityId, MatchesBaselineSeed0) { CheckBaseline("baseline_deflt.json", 0); }
TEST(CommunityId, MatchesBaselineSeed1) { CheckBaseline("baseline_seed1.json", 1); }

TEST(CommunityId, IsTheSameInBothDirections) {
  uint8_t a[4] = {10, 0, 0, 1}, b[4] = {127, 0, 0, 1};
  FlowTuple forward{6, a, b, 1234, 80};
  FlowTuple backward{6, b, a, 80, 1234};
  EXPECT_EQ(CommunityId(forward), CommunityId(backward));
  EXPECT_EQ(CommunityId(forward).rfind("1:", 0), 0u);
}

TEST(CommunityId, RejectsMismatchedAddresses) {
  uint8_t a[4] = {10, 0, 0, 1};
  uint8_t b[16] = {};
  EXPECT_EQ(CommunityId(FlowTuple{6, a, b, 1, 2}), "");
}

}  // namespace
}  // namespace seckit
