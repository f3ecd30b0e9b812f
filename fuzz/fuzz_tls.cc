// Fuzzes the TLS hello decoder (DecodeTlsHello, IsSslv2ClientHello) and the JA3, JA3S and JA4
// fingerprints (all four forms) of every hello it returns.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "fuzz_check.h"
#include "tls_decoder.h"
#include "tls_fingerprint.h"

namespace seckit::pcap_extract {
namespace {

// "t13d1516h2" of "t13d1516h2_8daaf6152771_e5627efa2ab1": the part every JA4 form shares.
constexpr size_t kJa4PrefixLength = 10;
// The hashed forms: the prefix, then two 12-digit hashes, each after a '_'.
constexpr size_t kJa4HashedLength = kJa4PrefixLength + 2 * (1 + 12);

void CheckJa3(const std::optional<Ja3Fingerprint>& fingerprint, bool expected) {
  SECKIT_FUZZ_CHECK(fingerprint.has_value() == expected);
  if (fingerprint) SECKIT_FUZZ_CHECK(fingerprint->md5.empty() || fingerprint->md5.size() == 32);
}

void CheckJa4(const TlsHello& hello, bool expected) {
  const std::optional<std::string> hashed = Ja4(hello, Ja4Form::kHashed);
  SECKIT_FUZZ_CHECK(hashed.has_value() == expected);
  if (!hashed) return;
  SECKIT_FUZZ_CHECK(hashed->size() == kJa4HashedLength && (*hashed)[0] == 't');
  const std::string_view prefix = std::string_view(*hashed).substr(0, kJa4PrefixLength);
  for (Ja4Form form : {Ja4Form::kRaw, Ja4Form::kOriginal, Ja4Form::kOriginalRaw}) {
    const std::optional<std::string> other = Ja4(hello, form);
    SECKIT_FUZZ_CHECK(other.has_value() && other->substr(0, kJa4PrefixLength) == prefix);
    if (form == Ja4Form::kOriginal) SECKIT_FUZZ_CHECK(other->size() == kJa4HashedLength);
  }
}

}  // namespace
}  // namespace seckit::pcap_extract

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::pcap_extract;
  const std::span<const uint8_t> input(data, size);
  (void)IsSslv2ClientHello(input);

  const std::optional<TlsHello> hello = DecodeTlsHello(input);
  if (!hello) return 0;
  SECKIT_FUZZ_CHECK(!(hello->complete && hello->malformed));
  SECKIT_FUZZ_CHECK(hello->message.size() <= size);
  for (const TlsExtension& extension : hello->extensions) {
    SECKIT_FUZZ_CHECK(hello->ExtensionBody(extension).size() == extension.length);
  }
  (void)TlsVersionName(hello->EffectiveVersion());

  const bool client = hello->kind == TlsHelloKind::kClientHello;
  CheckJa3(Ja3(*hello), client && hello->complete);
  CheckJa3(Ja3s(*hello), !client && hello->complete);
  CheckJa4(*hello, client && hello->complete);
  return 0;
}
