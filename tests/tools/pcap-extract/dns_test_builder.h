// A byte-by-byte DNS message builder for the DNS decoder tests.
#ifndef SECKIT_TESTS_PCAP_EXTRACT_DNS_TEST_BUILDER_H_
#define SECKIT_TESTS_PCAP_EXTRACT_DNS_TEST_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decoder_test_util.h"

namespace seckit::pcap_extract {

// Builds DNS messages byte by byte for hand-made cases.
class DnsBuilder {
 public:
  DnsBuilder(uint16_t id, uint16_t flags, uint16_t qd, uint16_t an, uint16_t ns, uint16_t ar) {
    for (uint16_t v : {id, flags, qd, an, ns, ar}) U16(v);
  }
  DnsBuilder& U8(uint8_t v) { return bytes_.push_back(v), *this; }
  DnsBuilder& U16(uint16_t v) { return U8(uint8_t(v >> 8)).U8(uint8_t(v)); }
  DnsBuilder& U32(uint32_t v) { return U16(uint16_t(v >> 16)).U16(uint16_t(v)); }
  DnsBuilder& Raw(std::string_view raw) {
    bytes_.insert(bytes_.end(), raw.begin(), raw.end());
    return *this;
  }
  DnsBuilder& Label(std::string_view label) { return U8(uint8_t(label.size())).Raw(label); }
  DnsBuilder& Pointer(uint16_t offset) { return U16(uint16_t(0xc000 | offset)); }
  // A whole uncompressed name; "." is the root.
  DnsBuilder& Name(std::string_view dotted) {
    for (const std::string& label : Split(dotted == "." ? "" : std::string(dotted), '.')) {
      Label(label);
    }
    return U8(0);
  }
  DnsBuilder& Question(std::string_view name, uint16_t type) { return Name(name).U16(type).U16(1); }
  // Type, class, TTL and a placeholder RDLENGTH that EndRdata fills in.
  DnsBuilder& Fixed(uint16_t type, uint32_t ttl, uint16_t dns_class = 1) {
    U16(type).U16(dns_class).U32(ttl);
    rdlength_at_ = bytes_.size();
    return U16(0);
  }
  DnsBuilder& EndRdata() {
    const size_t length = bytes_.size() - rdlength_at_ - 2;
    bytes_[rdlength_at_] = uint8_t(length >> 8);
    bytes_[rdlength_at_ + 1] = uint8_t(length);
    return *this;
  }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
  size_t rdlength_at_ = 0;
};

}  // namespace seckit::pcap_extract

#endif  // SECKIT_TESTS_PCAP_EXTRACT_DNS_TEST_BUILDER_H_
