// Fuzzes indicator handling (Refang, Classify, Extract, NormalizeDomain, RegistrableDomain) and
// IP/CIDR parsing on the input as text, and checks that every value produced re-parses as itself.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "seckit/indicators.h"
#include "seckit/ip.h"

namespace seckit {
namespace {

void CheckAddress(const IpAddress& address) {
  const std::string text = address.ToString();
  SECKIT_FUZZ_CHECK(text.size() <= IpAddress::kMaxTextLength);
  SECKIT_FUZZ_CHECK(IpAddress::Parse(text) == address);
  SECKIT_FUZZ_CHECK(address.bytes().size() == (address.is_v4() ? 4u : 16u));
  SECKIT_FUZZ_CHECK(address.Unmapped().is_v4() == (address.is_v4() || address.IsV4Mapped()));
  const bool special = address.IsUnspecified() || address.IsLoopback() || address.IsPrivate() ||
                       address.IsLinkLocal() || address.IsMulticast() ||
                       address.IsSharedAddressSpace() || address.IsDocumentation() ||
                       address.IsBroadcast() || address.IsReserved();
  SECKIT_FUZZ_CHECK(address.IsGlobal() == !special);
  (void)std::hash<IpAddress>()(address);
}

void CheckCidr(const Cidr& cidr) {
  const std::string text = cidr.ToString();
  bool host_bits_set = true;
  SECKIT_FUZZ_CHECK(Cidr::Parse(text, &host_bits_set) == cidr && !host_bits_set);
  SECKIT_FUZZ_CHECK(Cidr::Make(cidr.network(), cidr.prefix_len()) == cidr);
  SECKIT_FUZZ_CHECK(cidr.Contains(cidr.first()) && cidr.Contains(cidr.last()) &&
                    cidr.Contains(cidr));
  SECKIT_FUZZ_CHECK(cidr.first() <= cidr.last());
  (void)std::hash<Cidr>()(cidr);
}

void CheckDomain(const std::string& domain) {
  SECKIT_FUZZ_CHECK(!domain.empty() && domain.size() <= 253);
  SECKIT_FUZZ_CHECK(NormalizeDomain(domain) == domain);
  const std::string registrable = RegistrableDomain(domain);
  SECKIT_FUZZ_CHECK(registrable.size() <= domain.size());
}

// A normalised value is in the canonical form of its type.
void CheckValue(const Indicator& indicator) {
  SECKIT_FUZZ_CHECK(!indicator.value.empty());
  SECKIT_FUZZ_CHECK(ParseIndicatorType(IndicatorTypeName(indicator.type)) == indicator.type);
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      const std::optional<IpAddress> address = IpAddress::Parse(indicator.value);
      SECKIT_FUZZ_CHECK(address && address->ToString() == indicator.value &&
                        address->is_v4() == (indicator.type == IndicatorType::kIpv4));
      break;
    }
    case IndicatorType::kCidr: {
      const std::optional<Cidr> cidr = Cidr::Parse(indicator.value);
      SECKIT_FUZZ_CHECK(cidr && cidr->ToString() == indicator.value);
      break;
    }
    case IndicatorType::kDomain:
      CheckDomain(indicator.value);
      break;
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
      SECKIT_FUZZ_CHECK(indicator.value.size() == 32 || indicator.value.size() == 40 ||
                        indicator.value.size() == 64);
      break;
    default:
      break;
  }
}

void CheckClassify(std::string_view text) {
  const std::optional<Indicator> indicator = Classify(text);
  if (!indicator) return;
  SECKIT_FUZZ_CHECK(indicator->offset <= text.size() &&
                    indicator->length <= text.size() - indicator->offset);
  CheckValue(*indicator);
  // A value that refanging leaves alone classifies as itself.
  if (Refang(indicator->value) == indicator->value) {
    const std::optional<Indicator> again = Classify(indicator->value);
    SECKIT_FUZZ_CHECK(again && again->type == indicator->type && again->value == indicator->value);
  }
}

void CheckExtract(std::string_view text) {
  size_t end_of_previous = 0;
  for (const Indicator& indicator : Extract(text)) {
    SECKIT_FUZZ_CHECK(indicator.length > 0 && indicator.offset >= end_of_previous &&
                      indicator.offset <= text.size() &&
                      indicator.length <= text.size() - indicator.offset);
    end_of_previous = indicator.offset + indicator.length;
    CheckValue(indicator);
    // Extract's rules add to Classify's: what it finds, Classify finds in the same bytes.
    const std::optional<Indicator> alone =
        Classify(text.substr(indicator.offset, indicator.length));
    SECKIT_FUZZ_CHECK(alone && alone->type == indicator.type && alone->value == indicator.value);
  }
}

}  // namespace
}  // namespace seckit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  SECKIT_FUZZ_CHECK(Refang(text).size() <= text.size());  // replacements never lengthen
  CheckClassify(text);
  CheckExtract(text);
  if (const std::optional<std::string> domain = NormalizeDomain(text)) CheckDomain(*domain);
  (void)RegistrableDomain(text);

  if (const std::optional<IpAddress> address = IpAddress::Parse(text)) CheckAddress(*address);
  bool host_bits_set = false;
  if (const std::optional<Cidr> cidr = Cidr::Parse(text, &host_bits_set)) CheckCidr(*cidr);
  return 0;
}
