// The constructors behind MakeBackend, one per backend_*.cc.
#ifndef SECKIT_FW_BLOCK_BACKEND_INTERNAL_H_
#define SECKIT_FW_BLOCK_BACKEND_INTERNAL_H_

#include <memory>

#include "backend.h"

namespace seckit::fw_block {

std::unique_ptr<Backend> MakeNftBackend();
std::unique_ptr<Backend> MakeIpsetBackend();
std::unique_ptr<Backend> MakePfBackend();
std::unique_ptr<Backend> MakeCiscoIosBackend();
std::unique_ptr<Backend> MakeCiscoAsaBackend();
std::unique_ptr<Backend> MakePrintBackend();

// "255.255.255.0" for /24, "0.0.0.255" (Cisco's wildcard) when `wildcard`.
std::string Ipv4Mask(int prefix_len, bool wildcard);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_BACKEND_INTERNAL_H_
