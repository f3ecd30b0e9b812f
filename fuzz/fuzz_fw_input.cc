// Fuzzes fw-block's input reader (ReadCandidates: JSON-lines records and plain lists of addresses
// and CIDRs) as it reads a file, then puts every address it yields through the safety check, as
// fw-block does before any firewall sees it. The first byte picks the input format and the
// thresholds. Checks: candidates are normalised (host bits clear, re-parse as themselves, no
// duplicates) and name their FILE:LINE; the safety check refuses anything that touches loopback,
// the unspecified address or a protected address, anything wider than /16 (IPv4) or /48 (IPv6)
// without --force-wide, and always gives a reason when it refuses.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "candidate.h"
#include "fuzz_check.h"
#include "input_reader.h"
#include "safety.h"
#include "seckit/diag.h"
#include "seckit/ip.h"

namespace seckit::fw_block {
namespace {

const Cidr& Parsed(const char* text) {
  // Leaked on purpose: parsed once per process and used by every run.
  return *new Cidr(*Cidr::Parse(text));
}

void CheckSafety(const Cidr& cidr, bool allow_private, bool force_wide) {
  static const Cidr& protected_host = Parsed("203.0.113.7");
  static const Cidr& loopback4 = Parsed("127.0.0.1");
  static const Cidr& loopback6 = Parsed("::1");
  static const Cidr& unspecified4 = Parsed("0.0.0.0");
  static const Cidr& private10 = Parsed("10.1.2.3");
  SafetyPolicy policy(allow_private, force_wide);
  policy.Protect(protected_host.network(), "the fuzzer's protected host");
  const std::optional<std::string> refused = policy.Check(cidr);
  if (refused) {
    SECKIT_FUZZ_CHECK(!refused->empty());
    return;
  }
  SECKIT_FUZZ_CHECK(!Overlaps(cidr, protected_host));
  SECKIT_FUZZ_CHECK(!Overlaps(cidr, loopback4) && !Overlaps(cidr, loopback6));
  SECKIT_FUZZ_CHECK(!Overlaps(cidr, unspecified4));
  if (!allow_private) SECKIT_FUZZ_CHECK(!Overlaps(cidr, private10));
  if (!force_wide) SECKIT_FUZZ_CHECK(cidr.prefix_len() >= (cidr.is_v4() ? 16 : 48));
}

}  // namespace
}  // namespace seckit::fw_block

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  using namespace seckit::fw_block;
  if (size == 0 || size > (1u << 20)) return 0;
  const uint8_t knobs = data[0];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);

  InputSettings settings;
  settings.format = (knobs & 3) == 1 ? InputFormat::kJson
                    : (knobs & 3) == 2 ? InputFormat::kList
                                       : InputFormat::kAuto;
  for (const std::string& field : DefaultFields()) settings.fields.emplace_back(field);
  if (knobs & 4) settings.min_score = 50;
  if (knobs & 8) settings.min_verdict_rank = VerdictRank("suspicious");
  if (knobs & 16) settings.stop_after = 3;

  // The input as a file, in memory: ReadCandidates reads a path.
  const int fd = memfd_create("fw-input", MFD_CLOEXEC);
  SECKIT_FUZZ_CHECK(fd >= 0);
  SECKIT_FUZZ_CHECK(write(fd, content.data(), content.size()) ==
                    static_cast<ssize_t>(content.size()));
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  static FILE* const devnull = std::fopen("/dev/null", "w");
  Diagnostics diag("fuzz_fw_input", devnull);
  CandidateList candidates;
  InputCounts counts;
  const Status status = ReadCandidates(path, settings, diag, candidates, counts);
  close(fd);
  SECKIT_FUZZ_CHECK(status.ok() || !status.message().empty());
  if (settings.stop_after != SIZE_MAX && status.ok()) {
    SECKIT_FUZZ_CHECK(candidates.items().size() <= settings.stop_after);
  }

  for (const Candidate& candidate : candidates.items()) {
    const Cidr& cidr = candidate.cidr;
    bool host_bits = false;
    const std::optional<Cidr> again = Cidr::Parse(cidr.ToString(), &host_bits);
    SECKIT_FUZZ_CHECK(again && *again == cidr && !host_bits);
    SECKIT_FUZZ_CHECK(!cidr.network().IsV4Mapped() || !cidr.IsHost());
    SECKIT_FUZZ_CHECK(candidate.source.rfind(path + ":", 0) == 0);
    SECKIT_FUZZ_CHECK(!candidate.reason.empty());
    for (int flags = 0; flags < 4; ++flags) CheckSafety(cidr, flags & 1, flags & 2);
  }
  return 0;
}
