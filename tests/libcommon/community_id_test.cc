// Tests for CommunityId against the spec's published baseline vectors (corpus/community-id).
#include "seckit/community_id.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

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

// The spec's recipe written out again with OpenSSL's one-shot SHA-1 and base64, for random tuples
// of both families, with and without ports, one-way or not, and any seed: the ordering, the
// serialisation and CommunityIdTo's own base64 must agree with it.
std::string OpenSslCommunityId(const FlowTuple& t, uint16_t seed) {
  const uint8_t* a = t.src_addr.data();
  const uint8_t* b = t.dst_addr.data();
  uint16_t pa = t.src_port, pb = t.dst_port;
  const int order = std::memcmp(a, b, t.src_addr.size());
  if (!t.one_way && (order > 0 || (order == 0 && pa > pb))) {
    std::swap(a, b);
    std::swap(pa, pb);
  }
  std::vector<uint8_t> input = {static_cast<uint8_t>(seed >> 8), static_cast<uint8_t>(seed)};
  input.insert(input.end(), a, a + t.src_addr.size());
  input.insert(input.end(), b, b + t.dst_addr.size());
  input.push_back(t.proto);
  input.push_back(0);
  if (t.has_ports) {
    for (uint16_t port : {pa, pb}) {
      input.push_back(static_cast<uint8_t>(port >> 8));
      input.push_back(static_cast<uint8_t>(port));
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EXPECT_EQ(EVP_Digest(input.data(), input.size(), digest, &digest_len, EVP_sha1(), nullptr), 1);
  unsigned char text[64];
  const int text_len = EVP_EncodeBlock(text, digest, static_cast<int>(digest_len));
  return "1:" + std::string(reinterpret_cast<char*>(text), static_cast<size_t>(text_len));
}

TEST(CommunityId, AgreesWithOpenSslSha1OnRandomTuples) {
  std::mt19937 random(5);
  for (int i = 0; i < 20000; ++i) {
    const size_t len = random() % 2 == 0 ? 4 : 16;
    uint8_t src[16], dst[16];
    for (size_t k = 0; k < len; ++k) {
      src[k] = static_cast<uint8_t>(random());
      dst[k] = i % 7 == 0 ? src[k] : static_cast<uint8_t>(random());  // equal addresses too
    }
    FlowTuple tuple;
    tuple.proto = static_cast<uint8_t>(random());
    tuple.src_addr = std::span<const uint8_t>(src, len);
    tuple.dst_addr = std::span<const uint8_t>(dst, len);
    tuple.src_port = static_cast<uint16_t>(random());
    tuple.dst_port = static_cast<uint16_t>(random());
    tuple.one_way = random() % 5 == 0;
    tuple.has_ports = random() % 4 != 0;
    const auto seed = static_cast<uint16_t>(i % 3 == 0 ? 0 : random());
    const std::string expected = OpenSslCommunityId(tuple, seed);
    ASSERT_EQ(CommunityId(tuple, seed), expected) << i;
    char text[kCommunityIdSize];
    ASSERT_EQ(std::string(text, CommunityIdTo(tuple, text, seed)), expected) << i;
  }
}

}  // namespace
}  // namespace seckit
