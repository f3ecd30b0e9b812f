// Reading what to block: JSON-lines records (addresses from configurable fields, optionally only
// where ioc-enrich's verdict or score for that address passes a threshold) or plain lists of
// addresses and CIDRs. Bad lines are reported with FILE:LINE through Diagnostics and skipped.
#ifndef SECKIT_FW_BLOCK_INPUT_READER_H_
#define SECKIT_FW_BLOCK_INPUT_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "candidate.h"
#include "seckit/diag.h"
#include "seckit/records.h"
#include "seckit/status.h"

namespace seckit::fw_block {

enum class InputFormat { kAuto, kJson, kList };

struct InputSettings {
  InputFormat format = InputFormat::kAuto;
  std::vector<FieldPath> fields;  // where addresses are in records
  int min_score = -1;             // -1: no score threshold
  int min_verdict_rank = -1;      // -1: no verdict threshold; see VerdictRank
  // Stop reading (with a DataError) once this many distinct candidates are collected, so a
  // million-line input is refused without holding it all.
  size_t stop_after = SIZE_MAX;
};

// The fields addresses are taken from by default.
std::vector<std::string> DefaultFields();

// 0 unknown/benign, 1 suspicious, 2 malicious; -1 for a word that is none of these.
int VerdictRank(std::string_view verdict);

struct InputCounts {
  uint64_t records = 0;          // JSON records or list entries read
  uint64_t below_threshold = 0;  // addresses whose verdict/score did not pass
};

// Reads `path` ("-" is standard input) into `out`. Returns a failed Status for an input that
// cannot be opened or read, for --strict on a bad line, or when `stop_after` is exceeded.
Status ReadCandidates(const std::string& path, const InputSettings& settings, Diagnostics& diag,
                      CandidateList& out, InputCounts& counts);

}  // namespace seckit::fw_block

#endif  // SECKIT_FW_BLOCK_INPUT_READER_H_
