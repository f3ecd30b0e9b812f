// MakeBackend and helpers shared by the backends.
#include "backend.h"
#include "backend_internal.h"

namespace seckit::fw_block {

std::unique_ptr<Backend> MakeBackend(std::string_view name) {
  if (name == "nft") return MakeNftBackend();
  if (name == "ipset") return MakeIpsetBackend();
  if (name == "pf") return MakePfBackend();
  if (name == "cisco-ios") return MakeCiscoIosBackend();
  if (name == "cisco-asa") return MakeCiscoAsaBackend();
  if (name == "print") return MakePrintBackend();
  return nullptr;
}

std::vector<std::string> BackendNames() {
  return {"nft", "ipset", "pf", "cisco-ios", "cisco-asa", "print"};
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

std::string Ipv4Mask(int prefix_len, bool wildcard) {
  uint32_t mask = prefix_len == 0 ? 0 : ~uint32_t{0} << (32 - prefix_len);
  if (wildcard) mask = ~mask;
  return IpAddress::V4(mask).ToString();
}

}  // namespace seckit::fw_block
