// Durations on the command line ("90s", "30m", "24h", "7d", "1h30m", or bare seconds).
#ifndef SECKIT_FW_BLOCK_DURATION_H_
#define SECKIT_FW_BLOCK_DURATION_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace seckit::fw_block {

// Seconds in `text`: one or more NUMBER UNIT parts (units s, m, h, d, w) or a bare number of
// seconds. nullopt for anything else, for zero, and for more than ten years (nft's and ipset's
// timeouts are 32-bit milliseconds or seconds; a longer "temporary" block is a mistake).
std::optional<int64_t> ParseDuration(std::string_view text);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_DURATION_H_
