// Internal to the DNS decoder: reading compressed domain names out of a DNS message.
#ifndef SECKIT_PCAP_EXTRACT_DNS_NAMES_H_
#define SECKIT_PCAP_EXTRACT_DNS_NAMES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace seckit::pcap_extract::dns_internal {

// A decoding problem: a fixed message (no allocation on the hot path) and the offset in the
// message where it was found. what == nullptr means no problem.
struct DnsProblem {
  const char* what = nullptr;
  size_t offset = 0;
  explicit operator bool() const { return what != nullptr; }
};

// Reads the domain name that starts at `*pos` in `message` and appends its presentation text
// (see dns_decoder.h) to `*out`. On success advances *pos past the name's bytes at its place
// (a compression pointer counts 2 bytes; what it points to does not). On failure *pos is
// unchanged, *out holds a partial name, and the problem is returned. Bounded work: at most 255
// name octets and 127 pointers per call.
DnsProblem ReadName(std::span<const uint8_t> message, size_t* pos, std::string* out);

}  // namespace seckit::pcap_extract::dns_internal

#endif  // SECKIT_PCAP_EXTRACT_DNS_NAMES_H_
